"""The services' foundation: what changed, errors, the connection, the clock and who acts, and reading."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import getpass
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, Self, TypeVar

from cst_notes.domain import access, keys, record_format
from cst_notes.domain import audit as A
from cst_notes.domain.access import Can
from cst_notes.domain.intake import Intake
from cst_notes.domain.patient import Patient
from cst_notes.domain.plan import FollowUpPlan
from cst_notes.domain.practitioner import Practitioner
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.screening import Screening, ScreeningChange, current_screening
from cst_notes.domain.session import Session, state_without_private_notes, without_private_notes
from cst_notes.domain.settings import ClinicSettings
from cst_notes.domain.summaries import PatientSummary
from cst_notes.domain.validation import FieldError, ValidationError
from cst_notes.storage import (
    audit,
    database,
    patients,
    practitioners,
    records,
    screening,
    settings,
)
from cst_notes.storage.connection import Database


class RecordKind(StrEnum):
    """The kinds of record an action changes (``Changed.kinds``); the audit log names records by them too."""

    PATIENT = "patient"
    INTAKE = "intake"
    SESSION = "session"
    PLAN = "plan"
    SCREENING = "screening"  # the contraindication list's changes since the intake
    SETTINGS = "settings"
    TECHNIQUES = "techniques"
    PRACTITIONER = "practitioner"  # a practitioner, and their key changes


@dataclass(frozen=True)
class Changed:
    """What an action changed: the kinds of record, and which patients and sessions."""

    kinds: frozenset[RecordKind] = frozenset()
    patient_ids: tuple[int, ...] = ()
    session_ids: tuple[int, ...] = ()

    @property
    def patient_id(self) -> int:
        return self.patient_ids[0]

    @property
    def session_id(self) -> int:
        return self.session_ids[0]


def raise_if_invalid(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationError(errors)


class NotFoundError(LookupError):
    """The record asked for does not exist (any more)."""


class LockedError(ValueError):
    """The note is signed: it cannot be changed; add an addendum instead."""


class NotAllowedError(PermissionError):
    """The signed-in practitioner's role may not do this (``domain.access``), or no one is signed in
    where the practice needs it."""


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound="ServiceBase")


def requires(what: Can) -> Callable[[Callable[Concatenate[S, P], R]], Callable[Concatenate[S, P], R]]:
    """The one check of a service method: the signed-in practitioner's role may do ``what``
    (``domain.access``), else NotAllowedError naming what was refused."""

    def wrap(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
        @functools.wraps(method)
        def checked(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
            self._require(what)
            return method(self, *args, **kwargs)

        return checked

    return wrap


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name on this machine
        return "unknown"


class ServiceBase:
    """The connection, the clock, who acts (for the audit log), and reading records."""

    _path: Path | None = None
    _key: str | None = None
    _check: database.BackgroundCheck | None = None  # the start's integrity check, run in the background
    _writable = True  # False until that check has passed
    _reader_only = False  # a second connection for searching (``open_reader``)

    def __init__(self, db: Database, *, today: Callable[[], dt.date] = dt.date.today, actor: str | None = None) -> None:
        self._db = db
        self._today = today
        self._actor = actor
        self._signed_in: Practitioner | None = None  # who is signed in (``PractitionerServices.sign_in``)
        self._sitting_key: bytearray | None = None  # their unlocked private key, until they lock or sign out
        self._locked = False

    # --- who is signed in, and what they may do ---------------------------------------------------

    @property
    def signed_in(self) -> Practitioner | None:
        """The practitioner signed in (also while the screen is locked); None before anyone signs in."""
        return self._signed_in

    @property
    def is_locked(self) -> bool:
        """Locked: the signed-in practitioner's key is wiped; they sign in again to go on."""
        return self._locked

    def role(self) -> str | None:
        """The role whose permissions apply: the signed-in practitioner's; ``None`` (everything allowed)
        in a practice without practitioners. A practice with practitioners and no one signed in (or
        locked) has the permissions of nobody, unless it asks no one to sign in (``_acting``)."""
        acting, practice_has_practitioners = self._acting()
        if acting is not None:
            return acting.role
        return "" if practice_has_practitioners else None

    def _acting(self) -> tuple[Practitioner | None, bool]:
        """Who acts, and whether the practice has (active) practitioners at all: the signed-in
        practitioner (no one while the screen is locked); in a practice that asks no one to sign in
        (``access.sign_in_needed``: one practitioner, without a passphrase), that practitioner, who
        goes straight in. Practitioners known only from an import's keys (inactive) do not count."""
        if not practitioners.any_practitioners(self._db):
            return None, False
        known = practitioners.practitioners(self._db)
        active = [p for p in known if p.active]
        if self._signed_in is not None:
            return (None if self._locked else self._signed_in), True
        return (active[0] if active and not access.sign_in_needed(known) else None), bool(active)

    def may(self, what: access.Can) -> bool:
        return access.may(self.role(), what)

    def _require(self, what: access.Can) -> None:
        role = self.role()
        if access.may(role, what):
            return
        if role == "":
            raise NotAllowedError(f"sign in first: only a signed-in practitioner may {what.value}")
        raise NotAllowedError(access.refusal(role, what))

    def _reader(self) -> str | None:
        """Whose private notes are shown: the signed-in practitioner's own (None: no practitioners)."""
        acting = self._acting()[0]
        return None if acting is None else acting.name

    def default_therapist(self) -> str:
        """Whom a new session, a signature or an addendum names until the therapist types another: the
        signed-in practitioner; without one, the clinic settings' therapist."""
        if self._signed_in is not None:
            return self._signed_in.name
        return settings.get_settings(self._db).therapist_name

    def reads_private_notes_of(self, therapist: str) -> bool:
        """Whether the signed-in practitioner may read the private notes of ``therapist``'s sessions."""
        return access.private_notes_readable(self._reader(), therapist)

    def _shown(self, session: Session) -> Session:
        """``session`` as the signed-in practitioner may read it: another's private notes empty."""
        if not session.private_notes or access.private_notes_readable(self._reader(), session.therapist):
            return session
        return without_private_notes(session)

    def _stored_session(self, session_id: int) -> Session:
        """The session as stored, private notes and all: for signing, saving and the audit log, never shown."""
        found = records.get_session(self._db, session_id)
        if found is None:
            raise NotFoundError(f"there is no session with id {session_id}")
        return found

    def _shown_record(self, record: PatientRecord) -> PatientRecord:
        sessions = tuple(self._shown(s) for s in record.sessions)
        return record if sessions == tuple(record.sessions) else replace(record, sessions=sessions)

    def _wipe_sitting_key(self) -> None:
        if self._sitting_key is not None:
            for i in range(len(self._sitting_key)):
                self._sitting_key[i] = 0
        self._sitting_key = None

    def _seal_with(self, name: str, private: bytes) -> None:
        """Sign the audit chain's end with ``name``'s unlocked key (inside the caller's transaction);
        nothing when the log is empty or its end is sealed already."""
        end = audit.chain_end(self._db)
        if end is None or audit.last_sealed_entry(self._db) == end[0]:
            return
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        seal = A.Seal(end[0], end[1], now, name, keys.key_id(keys.public_key(private)))
        audit.add_seal(self._db, replace(seal, signature=keys.sign_bytes(private, A.seal_message(seal)).hex()))

    def _seal_audit_chain(self) -> None:
        """Seal the chain's end with the sitting's key, if one is held (at lock, sign-out and close).
        A file that cannot be written (damaged, read-only) is left as it is: the seal is a bonus."""
        if self._signed_in is None or self._sitting_key is None:
            return
        with contextlib.suppress(database.StorageError, *database.database_errors()), self._atomic():
            self._seal_with(self._signed_in.name, bytes(self._sitting_key))

    @contextlib.contextmanager
    def _atomic(self) -> Iterator[None]:
        """A write transaction that waits its turn (another window or program writing), once the file
        has passed its integrity check (at most a wait of seconds just after a start with
        ``check_in_background``); a damaged file refuses every change."""
        self._wait_for_check()
        with database.write(self._db):
            yield

    def _wait_for_check(self) -> None:
        if self._writable or self._check is None:
            return
        problems = self._check.wait()
        if problems:
            raise database.DamagedDatabaseError(database.damaged_message(self._path or "the database", problems[0]))
        database.allow_writes(self._db)
        self._writable = True

    def integrity_status(self) -> list[str] | None:
        """None while the background integrity check runs; then the problems it found (none: healthy)."""
        if self._check is None:
            return []
        if not self._check.finished():
            return None
        problems = self._check.wait()
        if not problems:
            self._wait_for_check()
        return problems

    def background_error(self) -> str | None:
        """What went wrong in the work that follows the background check (the backup), if anything."""
        return None if self._check is None else self._check.then_error

    def _after_check(self, db: Database) -> None:
        """In the check's thread, on its connection, once the file has passed (a backup if one is due)."""

    @property
    def actor(self) -> str:
        """Who the audit log names for changes: the signed-in practitioner; without one, the therapist
        in the settings, else the login name."""
        if self._signed_in is not None:
            return self._signed_in.name
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

    @requires(Can.READ_CLINICAL)
    def history(self, patient_id: int | None = None, limit: int = 1000) -> list[A.AuditEntry]:
        """The audit trail, newest first: one patient's, or the whole practice's. A session's private
        notes in it (before and after a change) are shown to their author only."""
        return [self._shown_entry(e) for e in audit.history(self._db, patient_id, limit)]

    def _shown_entry(self, entry: A.AuditEntry) -> A.AuditEntry:
        def shown(state: Any) -> Any:
            if not isinstance(state, dict) or access.private_notes_readable(
                self._reader(), str(state.get("therapist") or "")
            ):
                return state
            return state_without_private_notes(state)

        if entry.entity != RecordKind.SESSION:
            return entry
        return replace(entry, before=shown(entry.before), after=shown(entry.after))

    def today(self) -> dt.date:
        """The services' clock: views use it too, so that ages and due dates agree."""
        return self._today()

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        create: bool = True,
        migrate: bool = True,
        key: str | None = None,
        check_in_background: bool = False,
        back_up_when_checked: bool = False,
    ) -> Self:
        """Open the database at ``path``; ``create=False`` refuses a missing file; ``key`` is the
        passphrase of an encrypted database.

        ``check_in_background``: the integrity check of a large file takes seconds, so at the app's
        start it runs in a thread while the window opens; reading works at once, and the first change
        waits for the check (``integrity_status`` says how it went). ``back_up_when_checked``: then
        make the day's backup in that thread, if one is due.
        """
        check: database.Check = "later" if check_in_background else "now"
        db = database.open_database(path, create=create, migrate=migrate, key=key, check=check)
        services = cls(db)
        services._path = None if str(path) == database.MEMORY else Path(path)
        services._key = key
        if database.is_read_only(db):
            then = services._after_check if back_up_when_checked else None
            services._check, services._writable = database.BackgroundCheck(path, key, then), False
        return services

    @classmethod
    def open_reader(cls, path: str | Path, key: str | None = None) -> Self:
        """A second, read-only connection to a database another ``Services`` has opened (and checks):
        for searching in a worker thread. No check, no migration, no writes."""
        services = cls(database.open_database(path, create=False, migrate=False, key=key, check="none"))
        services._path, services._key, services._reader_only = Path(path), key, True
        return services

    def act_as(self, practitioner: Practitioner | None) -> None:
        """A reader (``open_reader``) searches as the practitioner signed in on the window's own
        connection (None: no one), without their key; the roles' rules apply to it as to them."""
        if not self._reader_only:
            raise NotAllowedError("only a reader connection acts as another's sign-in; sign in instead")
        self._signed_in, self._locked = practitioner, False

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def passphrase(self) -> str | None:
        """The key the database was opened with (to open its backups); None when it is plain."""
        return self._key

    @property
    def encrypted(self) -> bool:
        """Whether the database is encrypted: then no plain copy of a record may reach the disk."""
        return self._key is not None

    def close(self) -> None:
        self._seal_audit_chain()
        self._wipe_sitting_key()
        if self._check is not None:
            self._check.cancel()  # interrupts the check; a backup under way is let finish
        self._db.close()

    @requires(Can.SEE_PATIENTS)
    def patient_summaries(self, name_filter: str = "") -> list[PatientSummary]:
        return self._listed(patients.patient_summaries(self._db, name_filter))

    @requires(Can.SEE_PATIENTS)
    def patient_ids(self, name_filter: str = "") -> list[int]:
        """The ids of the patient list (by name): cheap for any size of practice."""
        return patients.patient_ids(self._db, name_filter)

    @requires(Can.SEE_PATIENTS)
    def summaries_of(self, ids: list[int]) -> dict[int, PatientSummary]:
        """The list rows of some patients (those on screen), in one query."""
        found = patients.summaries_of(self._db, ids)
        return dict(zip(found, self._listed(list(found.values())), strict=True))

    def _listed(self, rows: list[PatientSummary]) -> list[PatientSummary]:
        """The list's rows as the role may see them: no contraindication counts without clinical reading."""
        if self.may(Can.READ_CLINICAL):
            return rows
        return [replace(r, absolute_contraindications=0) for r in rows]

    @requires(Can.SEE_PATIENTS)
    def patient(self, patient_id: int) -> Patient:
        found = patients.get_patient(self._db, patient_id)
        if found is None:
            raise NotFoundError(f"there is no patient with id {patient_id}")
        return found

    @requires(Can.READ_CLINICAL)
    def intake(self, patient_id: int) -> Intake | None:
        return records.get_intake(self._db, patient_id)

    @requires(Can.READ_CLINICAL)
    def sessions(self, patient_id: int) -> list[Session]:
        return [self._shown(s) for s in records.sessions_for_patient(self._db, patient_id)]

    @requires(Can.READ_CLINICAL)
    def session(self, session_id: int) -> Session:
        found = records.get_session(self._db, session_id)
        if found is None:
            raise NotFoundError(f"there is no session with id {session_id}")
        return self._shown(found)

    @requires(Can.READ_CLINICAL)
    def plans(self, patient_id: int) -> list[FollowUpPlan]:
        return records.plans_for_patient(self._db, patient_id)

    @requires(Can.READ_CLINICAL)
    def screening_changes(self, patient_id: int) -> tuple[ScreeningChange, ...]:
        """The changes since the intake, in the order they were recorded."""
        return screening.changes_for_patient(self._db, patient_id)

    @requires(Can.READ_CLINICAL)
    def screening(self, patient_id: int) -> Screening:
        """The contraindication list in force today."""
        return current_screening(records.get_intake(self._db, patient_id), self.screening_changes(patient_id))

    @requires(Can.READ_CLINICAL)
    def record(self, patient_id: int) -> PatientRecord:
        found = records.load_record(self._db, patient_id)
        if found is None:
            raise NotFoundError(f"there is no patient with id {patient_id}")
        return self._shown_record(found)

    def settings(self) -> ClinicSettings:
        return settings.get_settings(self._db)

    @requires(Can.READ_CLINICAL)
    def custom_techniques(self) -> dict[str, str]:
        return records.custom_techniques(self._db)


def session_label(s: Session) -> str:
    return f"session of {s.started_at:%Y-%m-%d %H:%M} UTC"
