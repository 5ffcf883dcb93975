"""A laptop's place in a clinic (issue 17): which clinic server it syncs with, as whom, and the uids
by which records that have none of their own on the laptop are known on the server.

An addendum is known by its content hash, an audit entry by its laptop's chain and its hash in it:
a uid derived from those (UUID 5) is the same on every push, so pushing twice adds nothing and the
server's copy is the union of every laptop's.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from cst_notes.domain.keys import PublicKey

# The namespace of the uids derived here (a fixed, random UUID: never change it).
NAMESPACE = uuid.UUID("5f0c7a52-3c1e-4c36-9d43-8e0b6a1f1717")

# The environment variable holding the practitioner's clinic password (the CLI and the app read it;
# without it libpq reads PGPASSWORD or ~/.pgpass). Never kept in the database.
CLINIC_PASSWORD_ENV = "CST_NOTES_CLINIC_PASSWORD"


@dataclass(frozen=True)
class ClinicLink:
    """This laptop's clinic server: where (a libpq URL, never with a password), the practitioner's
    own database role, their name as the server's practitioners list has it, and this laptop's uid
    (its audit chain's origin on the server); and which patients it holds: the practitioner's own
    (those it holds, and those with a signed session they treated or signed), or with
    ``whole_clinic`` every patient they may see."""

    server: str
    db_role: str
    practitioner: str
    laptop_uid: str
    joined_at: dt.datetime
    whole_clinic: bool = False


@dataclass(frozen=True)
class ChangeMark:
    """A clinic server's mark (storage/server/pull.py ``change_mark``): where the next pull may start
    reading changes, and which clinic tables these are."""

    start: int  # the oldest transaction still running now: every older one's writes are visible
    next: int  # the next transaction id the server will give (a laptop's mark above it: another server's)
    # The database's and its clinic tables' object ids: made again by a restore (a new database, or
    # tables dropped and restored), where transaction ids go on rising (a restore into the same cluster).
    identity: str


# --- what a laptop pushes: a patient's immutable records, in the export format ----------------


@dataclass(frozen=True)
class SignedSession:
    uid: str
    therapist: str
    started_at: str
    signed_at: str
    signed_by: str
    content_hash: str
    body: dict[str, Any]
    private_notes: str | None  # None: not the pusher's to push (another therapist's)
    addenda: tuple[dict[str, Any], ...]
    private_notes_salt: str = ""  # with the text: its digest's salt (signature form 2)


@dataclass(frozen=True)
class SignedIntake:
    """A patient's signed intake as pushed: its body in the export format, its addenda apart (the
    server keeps them in its addenda table, under the patient's uid)."""

    signed_at: str
    signed_by: str
    content_hash: str
    body: dict[str, Any]
    addenda: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class AuditItem:
    entry_hash: str
    entry: dict[str, Any]


@dataclass(frozen=True)
class PlanOut:
    """A follow-up plan as pushed: its body in the export format, and the server version this laptop
    last synced it at (None: never, so the server takes it only where it has none) and whether it
    changed here since (then it is written as the next version, only if the server is still there)."""

    uid: str
    body: dict[str, Any]
    base_version: int | None = None
    changed: bool = False


@dataclass(frozen=True)
class ServerPlan:
    """A follow-up plan as the server holds it: its body in the export format, at its version."""

    uid: str
    body: dict[str, Any]
    version: int


@dataclass(frozen=True)
class Outbox:
    """A patient's immutable records as the laptop holds them, ready to push."""

    patient_uid: str
    patient: dict[str, Any]
    sessions: tuple[SignedSession, ...]
    audit_entries: tuple[AuditItem, ...]
    keys: tuple[PublicKey, ...] = ()  # the pusher's own key history: what verifies their signatures
    # The server version the patient's details were last synced at (None: never, so they are added
    # only where the server has none), and whether they changed here since: then the push writes
    # them as the next version, only if the server is still at that one (never over another's edit).
    base_version: int | None = None
    details_changed: bool = False
    intake: SignedIntake | None = None  # the patient's intake once signed (a draft stays on the laptop)
    plans: tuple[PlanOut, ...] = ()  # the patient's follow-up plans, each versioned on its own
    # The patient's contraindication screening changes in the export format (each with its uid):
    # never changed, so added by uid as the signed records are.
    screening: tuple[dict[str, Any], ...] = ()


# --- what a laptop pulls: a patient's immutable records as the server holds them --------------


@dataclass(frozen=True)
class PulledAuditEntry:
    """Another laptop's audit entry: its chain (origin) and its hash there, as the server has it."""

    uid: str
    origin: str
    entry_hash: str
    entry: dict[str, Any]  # changed_at, actor, action, entity, entity_uid, summary, before, after


@dataclass(frozen=True)
class Inbox:
    """A patient's immutable records on the server, as the pulling practitioner may read them."""

    patient_uid: str
    patient: dict[str, Any]  # the details, in the export format (for a patient this laptop lacks)
    sessions: tuple[dict[str, Any], ...]  # signed sessions in the export format, with their addenda
    audit_entries: tuple[PulledAuditEntry, ...]
    version: int = 0  # the server's version of the details
    intake: dict[str, Any] | None = None  # the signed intake in the export format, with its addenda
    plans: tuple[ServerPlan, ...] = ()  # the patient's follow-up plans (none for the front desk)
    screening: tuple[dict[str, Any], ...] = ()  # the screening changes in the export format (none for the front desk)


@dataclass(frozen=True)
class Pulled:
    """What a pull added to this laptop, of each kind; the sessions it left on the server (``left``:
    they cannot be verified here) and the patients it refused (``refused``: a signature that does
    not verify), each in words."""

    patients: int = 0
    sessions: int = 0
    addenda: int = 0
    audit_entries: int = 0
    left: tuple[str, ...] = ()
    refused: tuple[str, ...] = ()
    patient_uids: tuple[str, ...] = ()  # the patients something was added to
    details: int = 0  # patients whose details changed on the server only, taken here
    conflicts: int = 0  # details or plans changed on both sides: both kept, for a person
    intakes: int = 0  # signed intakes new to this laptop
    plans: int = 0  # follow-up plans new to this laptop, or changed on the server only and taken
    screening: int = 0  # contraindication screening changes new to this laptop
    settings: int = 0  # 1: the clinic-wide settings changed on the server only (or set by its owners), taken

    @property
    def total(self) -> int:
        return (
            self.patients
            + self.sessions
            + self.addenda
            + self.audit_entries
            + self.details
            + self.conflicts
            + self.intakes
            + self.plans
            + self.screening
            + self.settings
        )

    def __add__(self, other: Pulled) -> Pulled:
        return Pulled(
            self.patients + other.patients,
            self.sessions + other.sessions,
            self.addenda + other.addenda,
            self.audit_entries + other.audit_entries,
            self.left + other.left,
            self.refused + other.refused,
            self.patient_uids + other.patient_uids,
            self.details + other.details,
            self.conflicts + other.conflicts,
            self.intakes + other.intakes,
            self.plans + other.plans,
            self.screening + other.screening,
            self.settings + other.settings,
        )


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar says of the clinic: when this laptop last synced (pushed or pulled), how
    many changes wait to be pushed, whether the server answered (None: not asked), and how many
    conflicts wait for a person."""

    joined: bool
    last_synced: dt.datetime | None = None
    changes_waiting: int = 0
    reachable: bool | None = None
    reason: str = ""  # why the server did not answer, or refused when it did, in words
    conflicts: int = 0  # conflicts of two offline edits waiting for a person to resolve them
    refused: tuple[str, ...] = ()  # the patients the last pull refused (Pulled.refused), in words
    left: tuple[str, ...] = ()  # the records it left on the server (Pulled.left), in words


def addendum_uid(content_hash: str) -> uuid.UUID:
    """An addendum's uid on the clinic server, from its content hash."""
    return uuid.uuid5(NAMESPACE, f"addendum:{content_hash}")


def audit_entry_uid(laptop_uid: str, entry_hash: str) -> uuid.UUID:
    """An audit entry's uid on the clinic server, from its laptop and its hash in that laptop's chain."""
    return uuid.uuid5(NAMESPACE, f"audit:{laptop_uid}:{entry_hash}")


# --- the clinic-wide settings (domain.settings.CLINIC_WIDE): one record, with versions -----------

# The uid a conflict of the clinic settings is kept under, where a patient's conflict has the patient's.
SETTINGS_UID = str(uuid.uuid5(NAMESPACE, "clinic settings"))


@dataclass(frozen=True)
class ServerSettings:
    """The clinic-wide settings as the server holds them (``body`` None: none yet) at ``version``, and
    whether the connected role may write them (the clinic's owners; the others take them)."""

    body: dict[str, Any] | None
    version: int
    may_write: bool


@dataclass(frozen=True)
class SettingsOut:
    """The clinic-wide settings a push writes: where the server has none (``base_version`` None), or
    as the next version while the server is still at ``base_version`` (compare-and-set)."""

    body: dict[str, Any]
    base_version: int | None
