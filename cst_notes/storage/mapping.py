"""Domain objects as table rows, and the statements that sign a note and add an addendum.

The single-record writes (``records``) and the bulk ones (``bulk``) both build their rows and
statements here, so that they write the same columns the same way. Everything here is plain:
no database is needed, and what it returns can be sent to another process.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from cst_notes.domain.intake import (
    BirthHistory,
    ConditionEntry,
    ContraindicationEntry,
    Intake,
    Medication,
    Surgery,
    TraumaEvent,
)
from cst_notes.domain.plan import FollowUpPlan, Goal, Referral
from cst_notes.domain.session import (
    AdverseReaction,
    Restriction,
    RhythmFinding,
    Session,
    SessionEvent,
    TechniqueApplied,
)
from cst_notes.domain.signing import Addendum
from cst_notes.storage.rows import columns, row_values, to_row, to_utc_text


def insert_sql(table: str, cols: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


# --- child rows -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Child:
    """A table of a note's parts: one row per item of a tuple attribute, in order."""

    table: str
    parent: str  # the parent id column
    cls: type
    attr: str  # the tuple attribute on the parent dataclass

    @property
    def insert_sql(self) -> str:
        """Parameters: the parent's id, the position, then the columns of ``cls`` (see ``rows``)."""
        return insert_sql(self.table, [self.parent, "position", *columns(self.cls)])

    def rows(self, parent_id: int, parent: Any) -> list[list[Any]]:
        return [[parent_id, position, *row_values(item)] for position, item in enumerate(getattr(parent, self.attr))]


INTAKE_CHILDREN = (
    Child("intake_conditions", "intake_id", ConditionEntry, "conditions"),
    Child("intake_medications", "intake_id", Medication, "medications"),
    Child("intake_surgeries", "intake_id", Surgery, "surgeries"),
    Child("intake_trauma", "intake_id", TraumaEvent, "trauma"),
    Child("intake_contraindications", "intake_id", ContraindicationEntry, "contraindications"),
)
SESSION_CHILDREN = (
    Child("rhythm_findings", "session_id", RhythmFinding, "rhythm_findings"),
    Child("session_events", "session_id", SessionEvent, "events"),
    Child("restrictions", "session_id", Restriction, "restrictions"),
    Child("techniques_applied", "session_id", TechniqueApplied, "techniques"),
    Child("adverse_reactions", "session_id", AdverseReaction, "adverse_reactions"),
)
PLAN_CHILDREN = (
    Child("plan_goals", "plan_id", Goal, "goals"),
    Child("plan_referrals", "plan_id", Referral, "referrals"),
)


# --- main rows --------------------------------------------------------------------------------

_INTERNAL = frozenset({"id", "patient_id"})
# A note is written as a draft, then signed by ``MARK_SIGNED``: the database refuses changes to
# a signed note's parts, so they must be in place first.
_UNSIGNED = {
    "status": "draft",
    "signed_at": None,
    "signed_by": None,
    "content_hash": None,
    "key_id": None,
    "key_signature": None,
}


def _stamped(row: dict[str, Any], obj: Any, now: str) -> dict[str, Any]:
    row["created_at"] = getattr(obj, "created_at", "") or now
    row["updated_at"] = getattr(obj, "updated_at", "") or now
    return row


def intake_row(intake: Intake, patient_id: int, now: str) -> dict[str, Any]:
    row = _stamped(to_row(intake, skip=_INTERNAL), intake, now)
    row.update(_UNSIGNED)
    row["patient_id"] = patient_id
    row["has_birth_history"] = int(intake.birth_history is not None)
    row.update(to_row(intake.birth_history or BirthHistory(), prefix="birth_"))
    return row


def session_row(session: Session, patient_id: int, now: str) -> dict[str, Any]:
    row = _stamped(to_row(session, skip=_INTERNAL), session, now)
    row.update(_UNSIGNED)
    row["patient_id"] = patient_id
    return row


def plan_row(plan: FollowUpPlan, patient_id: int, now: str) -> dict[str, Any]:
    row = _stamped(to_row(plan, skip=_INTERNAL), plan, now)
    row["patient_id"] = patient_id
    return row


# --- signatures and addenda -------------------------------------------------------------------


class Signed(Protocol):
    """A signature, or a signed note (which carries its own)."""

    @property
    def signed_at(self) -> dt.datetime | None: ...

    @property
    def signed_by(self) -> str: ...

    @property
    def content_hash(self) -> str: ...

    @property
    def signature_scheme(self) -> int: ...

    @property
    def canonical_form(self) -> int: ...

    @property
    def key_id(self) -> str: ...

    @property
    def key_signature(self) -> str: ...


def mark_signed_sql(table: str) -> str:
    """Mark a draft note signed; parameters from ``mark_signed_params``. A signed row is left alone."""
    return (
        f"UPDATE {table} SET status = 'signed', signed_at = ?, signed_by = ?, content_hash = ?, "
        "signature_scheme = ?, canonical_form = ?, key_id = ?, key_signature = ? WHERE id = ? AND status = 'draft'"
    )


MARK_SIGNED_ID = 7  # the position of the note's id among the parameters


def mark_signed_params(note_id: int, signature: Signed) -> list[Any]:
    if signature.signed_at is None:
        raise ValueError("a signature needs the time of signing")
    return [
        to_utc_text(signature.signed_at),
        signature.signed_by,
        signature.content_hash,
        signature.signature_scheme,
        signature.canonical_form,
        signature.key_id or None,
        signature.key_signature or None,
        note_id,
    ]


_ADDENDUM_COLUMN = {"sessions": "session_id", "intakes": "intake_id"}  # which note an addendum amends


def addendum_sql(table: str) -> str:
    """Add an addendum to a note of ``table`` (sessions or intakes); parameters from ``addendum_params``."""
    column = _ADDENDUM_COLUMN[table]
    return (
        f"INSERT INTO addenda ({column}, text, author, created_at, content_hash, signature_scheme, key_id, "
        "key_signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    )


ADDENDUM_NOTE_ID = 0  # the position of the note's id among the parameters


def addendum_params(note_id: int, addendum: Addendum) -> list[Any]:
    created = to_utc_text(addendum.created_at)
    return [
        note_id,
        addendum.text,
        addendum.author,
        created,
        addendum.content_hash,
        addendum.signature_scheme,
        addendum.key_id or None,
        addendum.key_signature or None,
    ]
