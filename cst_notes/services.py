"""One method per user action. Each write validates first, runs in one transaction, and
returns a ``Changed`` saying what changed, so that every view can refresh itself from it.

The GUI and the CLI talk to the database only through ``Services``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from cst_notes import demo
from cst_notes.domain import record_format
from cst_notes.domain import vocabulary as V
from cst_notes.domain.draft import Draft
from cst_notes.domain.intake import Intake, intake_errors
from cst_notes.domain.patient import Patient, patient_errors
from cst_notes.domain.plan import FollowUpPlan, plan_errors
from cst_notes.domain.record import PatientRecord, record_errors
from cst_notes.domain.session import Session, session_errors
from cst_notes.domain.settings import ClinicSettings, settings_errors
from cst_notes.domain.summaries import PatientSummary
from cst_notes.domain.validation import FieldError, ValidationError
from cst_notes.storage import database, drafts, patients, records, settings
from cst_notes.storage.database import CheckReport, DamagedDatabaseError, StorageError

__all__ = ["Changed", "CheckReport", "DamagedDatabaseError", "NotFoundError", "Services", "StorageError"]

PATIENT, INTAKE, SESSION, PLAN, SETTINGS, TECHNIQUES = "patient", "intake", "session", "plan", "settings", "techniques"


@dataclass(frozen=True)
class Changed:
    """What an action changed: the kinds of record, and which patients and sessions."""

    kinds: frozenset[str] = frozenset()
    patient_ids: tuple[int, ...] = ()
    session_ids: tuple[int, ...] = ()

    @property
    def patient_id(self) -> int:
        return self.patient_ids[0]

    @property
    def session_id(self) -> int:
        return self.session_ids[0]


def _raise_if(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationError(errors)


class NotFoundError(LookupError):
    """The record asked for does not exist (any more)."""


class Services:
    def __init__(self, db: Database, *, today: Callable[[], dt.date] = dt.date.today) -> None:
        self._db = db
        self._today = today

    def today(self) -> dt.date:
        """The services' clock: views use it too, so that ages and due dates agree."""
        return self._today()

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, migrate: bool = True) -> Services:
        """Open the database at ``path``; ``create=False`` refuses a missing file."""
        return cls(database.open_database(path, create=create, migrate=migrate))

    def close(self) -> None:
        self._db.close()

    # --- reading --------------------------------------------------------------------------

    def patient_summaries(self, name_filter: str = "") -> list[PatientSummary]:
        return patients.patient_summaries(self._db, name_filter)

    def patient(self, patient_id: int) -> Patient:
        found = patients.get_patient(self._db, patient_id)
        if found is None:
            raise NotFoundError(f"there is no patient with id {patient_id}")
        return found

    def intake(self, patient_id: int) -> Intake | None:
        return records.get_intake(self._db, patient_id)

    def sessions(self, patient_id: int) -> list[Session]:
        return records.sessions_for_patient(self._db, patient_id)

    def session(self, session_id: int) -> Session:
        found = records.get_session(self._db, session_id)
        if found is None:
            raise NotFoundError(f"there is no session with id {session_id}")
        return found

    def plans(self, patient_id: int) -> list[FollowUpPlan]:
        return records.plans_for_patient(self._db, patient_id)

    def record(self, patient_id: int) -> PatientRecord:
        found = records.load_record(self._db, patient_id)
        if found is None:
            raise NotFoundError(f"there is no patient with id {patient_id}")
        return found

    def settings(self) -> ClinicSettings:
        return settings.get_settings(self._db)

    def custom_techniques(self) -> dict[str, str]:
        return records.custom_techniques(self._db)

    # --- patients -------------------------------------------------------------------------

    def create_patient(self, patient: Patient) -> Changed:
        _raise_if(patient_errors(patient, self._today()))
        with self._db.atomic():
            new_id = patients.insert_patient(self._db, patient)
        return Changed(frozenset({PATIENT}), (new_id,))

    def update_patient(self, patient: Patient) -> Changed:
        if patient.id is None:
            raise NotFoundError("the patient has no id; it was never saved")
        _raise_if(patient_errors(patient, self._today()))
        with self._db.atomic():
            self.patient(patient.id)
            patients.update_patient(self._db, patient)
        return Changed(frozenset({PATIENT}), (patient.id,))

    # --- intake, sessions, plans ----------------------------------------------------------

    def save_intake(self, patient_id: int, intake: Intake) -> Changed:
        minor = self.patient(patient_id).is_minor(self._today())
        _raise_if(intake_errors(intake, self._today(), minor=minor))
        with self._db.atomic():
            records.save_intake(self._db, patient_id, intake)
        return Changed(frozenset({INTAKE}), (patient_id,))

    def _session_errors(self, session: Session) -> list[FieldError]:
        return session_errors(session, custom_techniques=records.custom_technique_codes(self._db))

    def add_session(self, patient_id: int, session: Session) -> Changed:
        """Add a session. With an absolute contraindication on record, the session must carry
        the therapist's reason for going ahead (``contraindication_override_reason``)."""
        errors = self._session_errors(session)
        intake = records.get_intake(self._db, patient_id)
        if intake and intake.absolute_contraindications and not session.contraindication_override_reason.strip():
            names = ", ".join(V.CONTRAINDICATIONS.label(c.code) for c in intake.absolute_contraindications)
            errors.append(
                FieldError("contraindication_override_reason", f"is required: the patient has {names} on record")
            )
        _raise_if(errors)
        with self._db.atomic():
            self.patient(patient_id)
            session_id = records.insert_session(self._db, patient_id, session)
        return Changed(frozenset({SESSION}), (patient_id,), (session_id,))

    def update_session(self, session: Session) -> Changed:
        if session.id is None:
            raise NotFoundError("the session has no id; it was never saved")
        _raise_if(self._session_errors(session))
        with self._db.atomic():
            stored = self.session(session.id)
            records.update_session(self._db, replace(session, patient_id=stored.patient_id, uid=stored.uid))
        return Changed(frozenset({SESSION}), (stored.patient_id or 0,), (session.id,))

    def add_plan(self, patient_id: int, plan: FollowUpPlan) -> Changed:
        _raise_if(plan_errors(plan, self._today()))
        with self._db.atomic():
            self.patient(patient_id)
            records.add_plan(self._db, patient_id, replace(plan, superseded_on=None))
        return Changed(frozenset({PLAN}), (patient_id,))

    def add_custom_technique(self, label: str) -> str:
        """Add the therapist's own technique; returns its code (the same label gives the same code)."""
        label = label.strip()
        slug = re.sub(r"[^\w]+", "_", label.casefold()).strip("_")
        if not slug or len(label) > 100:
            raise ValidationError([FieldError("technique", "must be 1 to 100 characters with a letter or digit")])
        code = V.CUSTOM_TECHNIQUE_PREFIX + slug
        with self._db.atomic():
            records.add_custom_technique(self._db, code, label)
        return code

    # --- settings -------------------------------------------------------------------------

    def save_settings(self, new: ClinicSettings) -> Changed:
        _raise_if(settings_errors(new))
        with self._db.atomic():
            settings.save_settings(self._db, new)
        return Changed(frozenset({SETTINGS}))

    # --- drafts of unsaved forms ----------------------------------------------------------

    def save_draft(self, draft: Draft) -> None:
        """Keep a form's unsaved content (called while typing; cheap and durable)."""
        with self._db.atomic():
            drafts.save_draft(self._db, draft)

    def draft(self, key: str) -> Draft | None:
        return drafts.get_draft(self._db, key)

    def drafts(self) -> list[Draft]:
        """Every draft left behind, oldest first: offered back at start-up."""
        return drafts.all_drafts(self._db)

    def discard_draft(self, key: str) -> None:
        with self._db.atomic():
            drafts.discard_draft(self._db, key)

    # --- the whole practice ---------------------------------------------------------------

    def export_document(self, patient_id: int | None = None) -> dict[str, Any]:
        ids = [patient_id] if patient_id is not None else patients.patient_ids(self._db)
        return record_format.document([self.record(i) for i in ids], dt.datetime.now(dt.UTC))

    def import_document(self, data: Any) -> Changed:
        """Validate a whole export document, then add all of it or nothing."""
        parsed = record_format.records_from_document(data)
        return self.import_records(parsed)

    def import_records(self, new_records: Sequence[PatientRecord], *, validate: bool = True) -> Changed:
        errors: list[FieldError] = []
        if validate:
            for n, r in enumerate(new_records):
                errors += record_errors(r, today=self._today(), prefix=f"patients[{n}]")
        errors += self._uid_conflicts(new_records)
        _raise_if(errors)
        with self._db.atomic():
            ids = records.insert_records(self._db, new_records)
        return Changed(frozenset({PATIENT, INTAKE, SESSION, PLAN}), tuple(ids))

    def _uid_conflicts(self, new_records: Sequence[PatientRecord]) -> list[FieldError]:
        errors = []
        seen: set[str] = set()
        for n, r in enumerate(new_records):
            uids = [(f"patients[{n}].uid", r.patient.uid)]
            uids += [(f"patients[{n}].sessions[{k}].uid", s.uid) for k, s in enumerate(r.sessions)]
            for path, uid in uids:
                if uid in seen:
                    errors.append(FieldError(path, f"{uid} appears twice in this file"))
                seen.add(uid)
        if seen:
            existing = records.existing_uids(self._db, seen)
            errors += [FieldError("uid", f"{uid} is already in this database") for uid in sorted(existing)[:20]]
        return errors

    def create_demo_clinic(self, n_patients: int, sessions: int, seed: int = 1) -> Changed:
        """Add a generated demo clinic (see ``cst_notes.demo``) in one transaction."""
        if not 0 <= n_patients <= 100_000 or not 0 <= sessions <= 1_000:
            raise ValidationError([FieldError("demo", "use 0 to 100000 patients and 0 to 1000 sessions each")])
        ids: list[int] = []
        batch: list[PatientRecord] = []
        existing = len(patients.patient_ids(self._db))
        if existing:
            raise ValidationError(
                [FieldError("demo", f"the database already holds {existing} patients; use an empty one")]
            )
        with self._db.atomic():
            for record in demo.generate_clinic(n_patients, sessions, seed, self._today()):
                batch.append(record)
                if len(batch) == 200:
                    ids += records.insert_records(self._db, batch)
                    batch.clear()
            ids += records.insert_records(self._db, batch)
        return Changed(frozenset({PATIENT, INTAKE, SESSION, PLAN}), tuple(ids))

    def backup(self, target: str | Path) -> CheckReport:
        return database.backup_database(self._db, target)

    def check(self) -> CheckReport:
        return database.check_database(self._db)

    def counts(self) -> dict[str, int]:
        """How many patients and sessions the database holds."""
        return patients.counts(self._db)
