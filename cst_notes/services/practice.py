"""The whole practice: export, import, the demo clinic, search, the due list, progress."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from cst_notes import demo
from cst_notes.domain import audit as A
from cst_notes.domain import followup, progress, record_format
from cst_notes.domain.record import PatientRecord, record_errors
from cst_notes.domain.search import PatientMatches
from cst_notes.domain.signing import (
    SIGNED,
    signature_problems,
)
from cst_notes.domain.validation import FieldError, ValidationError
from cst_notes.services.base import (
    INTAKE,
    PATIENT,
    PLAN,
    SESSION,
    Changed,
    ServiceBase,
    _raise_if,
)
from cst_notes.storage import (
    audit,
    patients,
    records,
    search,
)

BULK_SESSIONS = 2000  # from this many sessions on, an import rebuilds the search indexes once instead


def _indexing(db: Database, sessions: int) -> contextlib.AbstractContextManager[None]:
    return search.deferred_indexing(db) if sessions >= BULK_SESSIONS else contextlib.nullcontext()


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _signature_errors(new_records: Sequence[PatientRecord]) -> list[FieldError]:
    """Signed notes in an import must match their signatures: a changed file is refused."""
    errors = []
    for n, r in enumerate(new_records):
        notes: list[tuple[str, Any]] = [(f"patients[{n}].sessions[{k}]", s) for k, s in enumerate(r.sessions)]
        if r.intake is not None:
            notes.append((f"patients[{n}].intake", r.intake))
        for path, note in notes:
            if note.status == SIGNED and signature_problems(note, path):
                errors.append(
                    FieldError(f"{path}.content_hash", "does not match the note: it was changed after signing")
                )
    return errors


class PracticeServices(ServiceBase):
    """The whole practice: export, import, the demo clinic, search, the due list, progress."""

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
        errors += _signature_errors(new_records)
        _raise_if(errors)
        with self._db.atomic():
            with _indexing(self._db, sum(len(r.sessions) for r in new_records)):
                ids = records.insert_records(self._db, new_records)
            self._audit_bulk(A.IMPORT, ids, new_records)
        return Changed(frozenset({PATIENT, INTAKE, SESSION, PLAN}), tuple(ids))

    def _audit_bulk(self, action: str, ids: Sequence[int], new_records: Sequence[PatientRecord]) -> None:
        """One entry per patient, naming what arrived (not a copy of it: the record itself is the copy)."""
        for pid, r in zip(ids, new_records, strict=True):
            summary = (
                f"{r.patient.full_name}: {_count(len(r.sessions), 'session')}, {_count(len(r.follow_up_plans), 'plan')}"
            )
            audit.record_change(
                self._db,
                actor=self.actor,
                action=action,
                entity=PATIENT,
                entity_id=pid,
                patient_id=pid,
                summary=summary,
                after={"uid": r.patient.uid, "sessions": [s.uid for s in r.sessions]},
            )

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
        with self._db.atomic(), _indexing(self._db, n_patients * sessions):
            for record in demo.generate_clinic(n_patients, sessions, seed, self._today()):
                batch.append(record)
                if len(batch) == 200:
                    ids += self._insert_demo(batch)
                    batch.clear()
            ids += self._insert_demo(batch)
        return Changed(frozenset({PATIENT, INTAKE, SESSION, PLAN}), tuple(ids))

    def _insert_demo(self, batch: list[PatientRecord]) -> list[int]:
        ids = records.insert_records(self._db, batch)
        self._audit_bulk(A.IMPORT, ids, batch)
        return ids

    def counts(self) -> dict[str, int]:
        """How many patients and sessions the database holds."""
        return patients.counts(self._db)

    def due(self, soon_days: int = followup.SOON_DAYS) -> list[followup.DueItem]:
        """Appointments and plan reviews overdue or within ``soon_days``, and patients with a plan
        but no session for longer than its frequency. Most urgent first."""
        return followup.due_items(patients.plan_statuses(self._db), self._today(), soon_days)

    def progress(self, patient_id: int, session_ids: Sequence[int] | None = None) -> progress.Progress:
        """The series the progress charts and report show, over all sessions or the chosen ones."""
        chosen = self.sessions(patient_id)
        if session_ids is not None:
            wanted = set(session_ids)
            chosen = [s for s in chosen if s.id in wanted]
        current = next((p for p in reversed(self.plans(patient_id)) if p.is_current), None)
        return progress.progress(chosen, current)

    def search(self, query: str, max_patients: int = 50) -> list[PatientMatches]:
        """Patients whose name or notes match every word of ``query`` (any script; a word may be
        found inside a longer one), exact name matches first. Query syntax is never an error."""
        return search.search(self._db, query, max_patients)
