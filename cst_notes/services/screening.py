"""Contraindication screening after the intake: found present, resolved, re-screened.

Each is a dated change by the acting therapist, checked against the current list, recorded for
good (the table refuses changes and deletions) and audited. The intake, signed or not, keeps
what was found at intake; the current list is ``domain.screening.current_screening``.
"""

from __future__ import annotations

import datetime as dt

from cst_notes.domain import audit as A
from cst_notes.domain.access import Can
from cst_notes.domain.screening import (
    FOUND,
    RESCREENED,
    RESOLVED,
    ScreeningChange,
    change_errors,
)
from cst_notes.domain.validation import FieldError, ValidationError
from cst_notes.services.base import Changed, RecordKind, ServiceBase, raise_if_invalid, requires
from cst_notes.storage import screening


class ScreeningServices(ServiceBase):
    """The living contraindication list of a patient."""

    @requires(Can.WRITE_CLINICAL)
    def add_contraindication(self, patient_id: int, code: str, found_on: dt.date | None, note: str = "") -> Changed:
        """A contraindication found present (e.g. a new aneurysm): it is on the list from then on."""
        return self._record(patient_id, FOUND, code, found_on, note)

    @requires(Can.WRITE_CLINICAL)
    def resolve_contraindication(
        self, patient_id: int, code: str, resolved_on: dt.date | None, note: str = ""
    ) -> Changed:
        """A contraindication on the list no longer present (e.g. cleared by the neurologist)."""
        return self._record(patient_id, RESOLVED, code, resolved_on, note)

    @requires(Can.WRITE_CLINICAL)
    def rescreen(self, patient_id: int, screened_on: dt.date | None, note: str = "") -> Changed:
        """The whole list asked about again, and nothing new found: the client was screened that day."""
        return self._record(patient_id, RESCREENED, "", screened_on, note)

    def _record(self, patient_id: int, action: str, code: str, day: dt.date | None, note: str) -> Changed:
        if day is None:
            raise ValidationError([FieldError("effective_on", "must be given")])
        change = ScreeningChange(action, day, self.actor, code, note.strip())
        with self._atomic():
            patient = self.patient(patient_id)
            before = self.screening(patient_id)
            raise_if_invalid(change_errors(change, before, birth_date=patient.birth_date, today=self._today()))
            change_id = screening.add_change(self._db, patient_id, change)
            stored = next(c for c in self.screening_changes(patient_id) if c.id == change_id)
            self._audit(  # the list changed (its row: the change recorded), with the list before and after
                A.UPDATE,
                RecordKind.SCREENING,
                change_id,
                patient_id,
                stored.describe(),
                before.present,
                self.screening(patient_id).present,
            )
        return Changed(frozenset({RecordKind.SCREENING}), (patient_id,))
