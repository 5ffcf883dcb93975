"""A patient's whole record: the unit of export, import and the patient copy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cst_notes.domain.intake import Intake, intake_errors
from cst_notes.domain.patient import Patient, patient_errors
from cst_notes.domain.plan import FollowUpPlan, plan_errors
from cst_notes.domain.screening import Screening, ScreeningChange, current_screening, history_errors
from cst_notes.domain.session import OwnTechnique, Session, session_errors
from cst_notes.domain.validation import FieldError


@dataclass(frozen=True)
class PatientRecord:
    patient: Patient
    intake: Intake | None = None
    sessions: tuple[Session, ...] = ()
    follow_up_plans: tuple[FollowUpPlan, ...] = ()
    own_techniques: tuple[OwnTechnique, ...] = ()  # the names of the therapist's own techniques used here
    screening_changes: tuple[ScreeningChange, ...] = ()  # since the intake, in the order recorded

    @property
    def screening(self) -> Screening:
        """The contraindication list in force (the intake's, changed since)."""
        return current_screening(self.intake, self.screening_changes)

    @property
    def technique_labels(self) -> dict[str, str]:
        """Own technique code -> its name as the therapist typed it (for ``session.technique_label``)."""
        return {t.code: t.label for t in self.own_techniques}


def record_errors(
    r: PatientRecord,
    *,
    today: dt.date | None = None,
    custom_techniques: frozenset[str] | None = None,
    prefix: str = "",
) -> list[FieldError]:
    """Every rule broken anywhere in the record, with paths such as ``sessions[2].rate``."""
    base = f"{prefix}." if prefix else ""
    errors = patient_errors(r.patient, today, prefix)
    if r.intake is not None:
        minor = isinstance(r.patient.birth_date, dt.date) and r.patient.is_minor(today)
        errors += intake_errors(r.intake, today, f"{base}intake", minor=minor)
    for n, s in enumerate(r.sessions):
        errors += session_errors(s, custom_techniques=custom_techniques, prefix=f"{base}sessions[{n}]")
    birth = r.patient.birth_date if isinstance(r.patient.birth_date, dt.date) else None
    errors += history_errors(r.intake, r.screening_changes, birth_date=birth, today=today, prefix=base)
    for n, p in enumerate(r.follow_up_plans):
        errors += plan_errors(p, today, f"{base}follow_up_plans[{n}]", dated_outcomes=False)  # older files
    return errors
