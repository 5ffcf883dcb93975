"""One method per user action. Each write validates first, runs in one transaction, and
returns a ``Changed`` saying what changed, so that every view can refresh itself from it.

The GUI and the CLI talk to the database only through ``Services``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from cst_notes import demo
from cst_notes.domain import audit as A
from cst_notes.domain import charting, followup, progress, record_format
from cst_notes.domain import vocabulary as V
from cst_notes.domain.charting import SessionTemplate
from cst_notes.domain.draft import Draft
from cst_notes.domain.intake import Intake, intake_errors
from cst_notes.domain.patient import Patient, patient_errors
from cst_notes.domain.plan import FollowUpPlan, plan_errors
from cst_notes.domain.record import PatientRecord, record_errors
from cst_notes.domain.retention import retention_date
from cst_notes.domain.search import PatientMatches
from cst_notes.domain.session import Session, session_errors
from cst_notes.domain.settings import ClinicSettings, settings_errors
from cst_notes.domain.signing import (
    SIGNED,
    Addendum,
    Signature,
    addendum_errors,
    addendum_hash,
    content_hash,
    signature_problems,
)
from cst_notes.domain.summaries import PatientSummary
from cst_notes.domain.validation import FieldError, ValidationError
from cst_notes.storage import (
    audit,
    backups,
    database,
    drafts,
    encryption,
    patients,
    records,
    search,
    settings,
    templates,
)
from cst_notes.storage.database import (
    CheckReport,
    DamagedDatabaseError,
    EncryptionUnavailableError,
    StorageError,
    WrongPassphraseError,
)

__all__ = [
    "Changed",
    "CheckReport",
    "DamagedDatabaseError",
    "EncryptionUnavailableError",
    "LockedError",
    "NotFoundError",
    "Services",
    "StorageError",
    "WrongPassphraseError",
]

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


class LockedError(ValueError):
    """The note is signed: it cannot be changed; add an addendum instead."""


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name on this machine
        return "unknown"


class Services:
    def __init__(self, db: Database, *, today: Callable[[], dt.date] = dt.date.today, actor: str | None = None) -> None:
        self._db = db
        self._today = today
        self._actor = actor

    @property
    def actor(self) -> str:
        """Who the audit log names for changes: the therapist in the settings, else the login name."""
        if self._actor is None:
            self._actor = settings.get_settings(self._db).therapist_name.strip() or _login_name()
        return self._actor

    def set_actor(self, name: str) -> None:
        self._actor = name.strip() or None

    def _audit(
        self,
        action: str,
        entity: str,
        entity_id: int | None,
        patient_id: int | None,
        summary: str = "",
        before: Any = None,
        after: Any = None,
    ) -> None:
        audit.record_change(
            self._db,
            actor=self.actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            patient_id=patient_id,
            summary=summary,
            before=None if before is None else record_format.encode(before),
            after=None if after is None else record_format.encode(after),
        )

    def history(self, patient_id: int | None = None, limit: int = 1000) -> list[A.AuditEntry]:
        """The audit trail, newest first: one patient's, or the whole practice's."""
        return audit.history(self._db, patient_id, limit)

    def today(self) -> dt.date:
        """The services' clock: views use it too, so that ages and due dates agree."""
        return self._today()

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, migrate: bool = True, key: str | None = None) -> Services:
        """Open the database at ``path``; ``create=False`` refuses a missing file; ``key`` is the
        passphrase of an encrypted database."""
        services = cls(database.open_database(path, create=create, migrate=migrate, key=key))
        services._path = None if str(path) == database.MEMORY else Path(path)
        services._key = key
        return services

    _path: Path | None = None
    _key: str | None = None

    @property
    def path(self) -> Path | None:
        return self._path

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
            self._audit(A.CREATE, PATIENT, new_id, new_id, patient.full_name, after=self.patient(new_id))
        return Changed(frozenset({PATIENT}), (new_id,))

    def update_patient(self, patient: Patient) -> Changed:
        if patient.id is None:
            raise NotFoundError("the patient has no id; it was never saved")
        _raise_if(patient_errors(patient, self._today()))
        with self._db.atomic():
            before = self.patient(patient.id)
            patients.update_patient(self._db, patient)
            after = self.patient(patient.id)
            self._audit(A.UPDATE, PATIENT, patient.id, patient.id, after.full_name, before, after)
        return Changed(frozenset({PATIENT}), (patient.id,))

    # --- intake, sessions, plans ----------------------------------------------------------

    def save_intake(self, patient_id: int, intake: Intake) -> Changed:
        minor = self.patient(patient_id).is_minor(self._today())
        _raise_if(intake_errors(intake, self._today(), minor=minor))
        before = records.get_intake(self._db, patient_id)
        if before is not None and before.is_signed:
            raise LockedError("the intake is signed and locked; add an addendum instead")
        with self._db.atomic():
            intake_id = records.save_intake(self._db, patient_id, replace(intake, status="draft", addenda=()))
            action = A.CREATE if before is None else A.UPDATE
            self._audit(action, INTAKE, intake_id, patient_id, "intake", before, self.intake(patient_id))
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
            session_id = records.insert_session(self._db, patient_id, replace(session, status="draft", addenda=()))
            after = self.session(session_id)
            self._audit(A.CREATE, SESSION, session_id, patient_id, _session_label(after), after=after)
        return Changed(frozenset({SESSION}), (patient_id,), (session_id,))

    def update_session(self, session: Session) -> Changed:
        if session.id is None:
            raise NotFoundError("the session has no id; it was never saved")
        _raise_if(self._session_errors(session))
        with self._db.atomic():
            stored = self.session(session.id)
            if stored.is_signed:
                raise LockedError("the session is signed and locked; add an addendum instead")
            records.update_session(
                self._db, replace(session, patient_id=stored.patient_id, uid=stored.uid, status="draft", addenda=())
            )
            after = self.session(session.id)
            self._audit(A.UPDATE, SESSION, session.id, stored.patient_id, _session_label(after), stored, after)
        return Changed(frozenset({SESSION}), (stored.patient_id or 0,), (session.id,))

    # --- signing ----------------------------------------------------------------------------

    def _signature(self, note: Any, therapist: str) -> Signature:
        if not therapist.strip():
            raise ValidationError([FieldError("signed_by", "must name the therapist who signs")])
        return Signature(dt.datetime.now(dt.UTC).replace(microsecond=0), therapist.strip(), content_hash(note))

    def sign_session(self, session_id: int, therapist: str) -> Changed:
        """Sign a draft session: from now on it is locked, in the database itself."""
        with self._db.atomic():
            stored = self.session(session_id)
            if stored.is_signed:
                raise LockedError(f"the session was already signed by {stored.signed_by}")
            records.sign(self._db, "sessions", session_id, self._signature(stored, therapist))
            after = self.session(session_id)
            self._audit(A.SIGN, SESSION, session_id, stored.patient_id, _session_label(after), stored, after)
        return Changed(frozenset({SESSION}), (stored.patient_id or 0,), (session_id,))

    def sign_intake(self, patient_id: int, therapist: str) -> Changed:
        with self._db.atomic():
            stored = self.intake(patient_id)
            if stored is None or stored.id is None:
                raise NotFoundError("the patient has no intake to sign")
            if stored.is_signed:
                raise LockedError(f"the intake was already signed by {stored.signed_by}")
            records.sign(self._db, "intakes", stored.id, self._signature(stored, therapist))
            self._audit(A.SIGN, INTAKE, stored.id, patient_id, "intake", stored, self.intake(patient_id))
        return Changed(frozenset({INTAKE}), (patient_id,))

    def _addendum(self, note: Any, text: str, author: str) -> Addendum:
        _raise_if(addendum_errors(text, author))
        if not note.is_signed:
            raise ValidationError([FieldError("addendum", "only a signed note takes addenda; edit the draft")])
        draft = Addendum(text.strip(), author.strip(), dt.datetime.now(dt.UTC).replace(microsecond=0))
        return replace(draft, content_hash=addendum_hash(draft, note.content_hash))

    def add_session_addendum(self, session_id: int, text: str, author: str) -> Changed:
        """A dated, signed correction to a signed session."""
        with self._db.atomic():
            stored = self.session(session_id)
            addendum = self._addendum(stored, text, author)
            records.add_addendum(self._db, session_id=session_id, addendum=addendum)
            self._audit(A.ADDENDUM, SESSION, session_id, stored.patient_id, addendum.text[:80], after=addendum)
        return Changed(frozenset({SESSION}), (stored.patient_id or 0,), (session_id,))

    def add_intake_addendum(self, patient_id: int, text: str, author: str) -> Changed:
        with self._db.atomic():
            stored = self.intake(patient_id)
            if stored is None or stored.id is None:
                raise NotFoundError("the patient has no intake")
            addendum = self._addendum(stored, text, author)
            records.add_addendum(self._db, intake_id=stored.id, addendum=addendum)
            self._audit(A.ADDENDUM, INTAKE, stored.id, patient_id, addendum.text[:80], after=addendum)
        return Changed(frozenset({INTAKE}), (patient_id,))

    def signature_problems(self) -> list[str]:
        """Every signed note whose content or addenda no longer match their signatures."""
        problems = []
        for s in records.signed_sessions(self._db):
            problems += signature_problems(s, f"session {s.id} (patient {s.patient_id}, {s.started_at:%Y-%m-%d})")
        for i in records.signed_intakes(self._db):
            problems += signature_problems(i, f"intake of patient {i.patient_id}")
        return problems

    def add_plan(self, patient_id: int, plan: FollowUpPlan) -> Changed:
        _raise_if(plan_errors(plan, self._today()))
        with self._db.atomic():
            self.patient(patient_id)
            current = next((p for p in reversed(self.plans(patient_id)) if p.is_current), None)
            plan_id = records.add_plan(self._db, patient_id, replace(plan, superseded_on=None))
            after = next(p for p in self.plans(patient_id) if p.id == plan_id)
            self._audit(A.CREATE, PLAN, plan_id, patient_id, "new follow-up plan", current, after)
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

    # --- follow-up -----------------------------------------------------------------------------

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

    # --- search -----------------------------------------------------------------------------

    def search(self, query: str, max_patients: int = 50) -> list[PatientMatches]:
        """Patients whose name or notes match every word of ``query`` (any script; a word may be
        found inside a longer one), exact name matches first. Query syntax is never an error."""
        return search.search(self._db, query, max_patients)

    # --- faster charting ------------------------------------------------------------------

    def start_from_last_session(self, patient_id: int, started_at: dt.datetime, therapist: str = "") -> Session:
        """A new, unsaved session pre-filled from the patient's latest one (findings, restrictions,
        techniques; never dates, signatures or pain scores). An empty one if there is none."""
        previous = self.sessions(patient_id)
        if not previous:
            return Session(started_at=started_at, therapist=therapist)
        return charting.start_from_last(previous[-1], started_at, therapist)

    def session_templates(self) -> list[SessionTemplate]:
        return templates.templates(self._db)

    def save_session_template(self, template: SessionTemplate) -> int:
        """Save a template (one with the same name is replaced); returns its id."""
        _raise_if(charting.template_errors(template, records.custom_technique_codes(self._db)))
        with self._db.atomic():
            return templates.save_template(self._db, template)

    def delete_session_template(self, template_id: int) -> None:
        with self._db.atomic():
            templates.delete_template(self._db, template_id)

    # --- settings -------------------------------------------------------------------------

    def save_settings(self, new: ClinicSettings) -> Changed:
        _raise_if(settings_errors(new))
        with self._db.atomic():
            before = settings.get_settings(self._db)
            settings.save_settings(self._db, new)
            self._audit(
                A.UPDATE,
                SETTINGS,
                1,
                None,
                "clinic settings",
                replace(before, logo_png=None),
                replace(new, logo_png=None),
            )
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

    def backup(self, target: str | Path) -> CheckReport:
        """A verified copy (encrypted like the database) at ``target``."""
        return database.backup_database(self._db, target, key=self._key)

    # --- rotating backups, restore, encryption -------------------------------------------------

    def _backup_folder(self) -> Path:
        if self._path is None:
            raise StorageError("an in-memory database has no backup folder")
        return backups.backup_folder(self._path)

    def back_up_now(self) -> Path:
        """A verified backup into the backups folder beside the database, then the rotation
        (7 daily, 4 weekly, 12 monthly)."""
        return backups.make_rotating_backup(self._db, self._backup_folder(), dt.datetime.now(dt.UTC), self._key)

    def back_up_if_due(self) -> Path | None:
        """At start-up and on closing: a backup when the newest is a day old (or there is none)."""
        if self._path is None or not backups.backup_due(self._backup_folder(), dt.datetime.now(dt.UTC)):
            return None
        return self.back_up_now()

    def backups(self) -> list[tuple[dt.datetime, Path]]:
        """The rotating backups, newest first."""
        return backups.list_backups(self._backup_folder()) if self._path else []

    def note_restore(self, backup: Path) -> None:
        """Record in the audit log that the database was restored from ``backup``."""
        with self._db.atomic():
            audit.record_change(
                self._db,
                actor=self.actor,
                action=A.RESTORE,
                entity="practice",
                entity_id=None,
                patient_id=None,
                summary=f"restored from {backup.name}",
            )

    # --- retention ------------------------------------------------------------------------------

    def retention_date(self, summary: PatientSummary) -> dt.date | None:
        """When the record may be destroyed at the earliest (never automatically)."""
        last = summary.last_session_at.date() if summary.last_session_at else None
        return retention_date(summary.birth_date, last, self.settings().retention_years)

    def records_past_retention(self) -> list[tuple[PatientSummary, dt.date]]:
        """Patients whose retention date has passed, oldest first. Nothing is deleted."""
        years = self.settings().retention_years
        today = self._today()
        due = []
        for summary in self.patient_summaries():
            last = summary.last_session_at.date() if summary.last_session_at else None
            until = retention_date(summary.birth_date, last, years)
            if until is not None and until < today:
                due.append((summary, until))
        return sorted(due, key=lambda item: item[1])

    def check(self) -> CheckReport:
        """Integrity, schema version, and every signature against its note's content."""
        report = database.check_database(self._db)
        if database.integrity_problems(self._db.conn) or report.schema_version < report.latest_version:
            return report  # a damaged or older file: its notes cannot be read reliably
        problems = report.problems + tuple(self.signature_problems())
        return replace(report, ok=not problems, problems=problems)

    def counts(self) -> dict[str, int]:
        """How many patients and sessions the database holds."""
        return patients.counts(self._db)


BULK_SESSIONS = 2000  # from this many sessions on, an import rebuilds the search indexes once instead


def _indexing(db: Database, sessions: int) -> contextlib.AbstractContextManager[None]:
    return search.deferred_indexing(db) if sessions >= BULK_SESSIONS else contextlib.nullcontext()


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _session_label(s: Session) -> str:
    return f"session of {s.started_at:%Y-%m-%d %H:%M} UTC"


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


def newest_good_backup(db_path: Path, key: str | None = None) -> Path | None:
    """The newest backup of ``db_path`` that passes its integrity check."""
    return backups.newest_good_backup(backups.backup_folder(db_path), key)


def restore_backup(db_path: Path, backup: Path, key: str | None = None) -> Path | None:
    """Replace the (closed) database with a checked copy of ``backup``; the replaced file is
    moved aside, never deleted. Returns where it went. The restore is logged in the audit trail."""
    aside = backups.restore(db_path, backup, dt.datetime.now(dt.UTC), key)
    services = Services.open(db_path, key=key)
    try:
        services.note_restore(backup)
    finally:
        services.close()
    return aside


def move_damaged_aside(db_path: Path) -> Path:
    """Rename a damaged database out of the way (never deleting it) so a backup can take its place."""
    return backups.move_aside(db_path, "damaged", dt.datetime.now(dt.UTC))


def encrypt_database(db_path: Path, key: str) -> list[Path]:
    """Encrypt the (closed) database and its backups with a passphrase, leaving no plain copy."""
    return encryption.encrypt_database(db_path, key)


def database_needs_passphrase(db_path: Path) -> bool:
    return database.looks_encrypted(db_path)
