"""Finding damaged rows: text that is not UTF-8, and whose record a row belongs to. ``check``
reads through these; loading a record uses them to name the cell that stopped it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from cst_notes.domain.damage import Damage, shown_value
from cst_notes.storage.connection import Database

UNDECODABLE = "is not UTF-8 text (a byte of it was damaged)"


def is_undecodable(exc: BaseException) -> bool:
    """SQLite's error for stored text that Python cannot decode (raised when the row is fetched)."""
    return "Could not decode to UTF-8" in str(exc)


@contextlib.contextmanager
def text_as(db: Database, factory: Any) -> Iterator[None]:
    """Read text through ``factory`` (``bytes``, or a lenient decoder) for a while, on this connection."""
    before = db.conn.text_factory
    db.conn.text_factory = factory
    try:
        yield
    finally:
        db.conn.text_factory = before


def lenient(data: bytes) -> str:
    """Stored text, a damaged byte shown as � rather than stopping the read."""
    return data.decode("utf-8", errors="replace")


# Each table that holds part of a patient's record, and how its rows name their patient.
_SESSION_PART = "(SELECT patient_id FROM sessions WHERE id = session_id)"
_INTAKE_PART = "(SELECT patient_id FROM intakes WHERE id = intake_id)"
_PLAN_PART = "(SELECT patient_id FROM follow_up_plans WHERE id = plan_id)"
PATIENT_OF: dict[str, str] = {
    "patients": "id",
    "intakes": "patient_id",
    "sessions": "patient_id",
    "follow_up_plans": "patient_id",
    "screening_changes": "patient_id",
    "intake_conditions": _INTAKE_PART,
    "intake_medications": _INTAKE_PART,
    "intake_surgeries": _INTAKE_PART,
    "intake_trauma": _INTAKE_PART,
    "intake_contraindications": _INTAKE_PART,
    "rhythm_findings": _SESSION_PART,
    "session_events": _SESSION_PART,
    "restrictions": _SESSION_PART,
    "techniques_applied": _SESSION_PART,
    "adverse_reactions": _SESSION_PART,
    "plan_goals": _PLAN_PART,
    "plan_referrals": _PLAN_PART,
    "addenda": f"coalesce({_SESSION_PART}, {_INTAKE_PART})",
    "audit_log": "patient_id",
    "drafts": "patient_id",
}


def search_indexes(db: Database) -> list[str]:
    """The full-text (FTS5) indexes."""
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%' "
        "ORDER BY name"
    )
    return [r[0] for r in rows]


def stored_tables(db: Database) -> list[str]:
    """The tables holding what the app wrote (not the search indexes and their own tables)."""
    indexes = search_indexes(db)
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return [
        n
        for n in names
        if not n.startswith("sqlite_") and n not in indexes and not any(n.startswith(f"{i}_") for i in indexes)
    ]


def undecodable_cells(db: Database, table: str, where: str = "", params: Sequence[Any] = ()) -> list[Damage]:
    """Every cell of ``table`` (the rows ``where`` selects) whose text is not UTF-8."""
    found = []
    names = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
    # each value with its storage class: with text read as bytes, a BLOB (a key) reads as bytes too
    cells = ", ".join(f"{n}, typeof({n})" for n in names)
    with text_as(db, bytes):
        for row in db.execute(f"SELECT rowid, {cells} FROM {table} {where}", list(params)):
            for n, column in enumerate(names):
                value, kind = row[1 + 2 * n], row[2 + 2 * n]
                if kind == b"text" and isinstance(value, bytes) and not _decodes(value):
                    found.append(Damage(table, row[0], column, shown_value(value), UNDECODABLE))
    return found


def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def patient_of(db: Database, table: str, row_id: int | None) -> int | None:
    """Whose record a row of ``table`` is part of (None: nobody's, or it cannot be told)."""
    expression = PATIENT_OF.get(table)
    if expression is None or row_id is None:
        return None
    found = db.execute(f"SELECT {expression} FROM {table} WHERE rowid = ?", [row_id]).fetchone()
    return found[0] if found else None


def identity(db: Database, patient_id: int) -> tuple[str, str]:
    """The patient's name and uid as well as they can be read (a damaged byte shown as �)."""
    with text_as(db, lenient):
        found = db.execute("SELECT full_name, uid FROM patients WHERE id = ?", [patient_id]).fetchone()
    return (str(found[0]), str(found[1])) if found else ("", "")


def named(db: Database, damage: Damage) -> Damage:
    """The damage with its patient named, if the row belongs to one."""
    patient_id = damage.patient_id if damage.patient_id is not None else patient_of(db, damage.table, damage.row_id)
    if patient_id is None:
        return damage
    return damage.of_patient(patient_id, *identity(db, patient_id))


def undecodable_in_record(db: Database, patient_id: int) -> list[Damage]:
    """The cells of one patient's record whose text is not UTF-8."""
    found: list[Damage] = []
    for table, expression in PATIENT_OF.items():
        if table in ("audit_log", "drafts"):
            continue  # not part of the record as it is shown and exported
        found += undecodable_cells(db, table, f"WHERE {expression} = ?", [patient_id])
    return found
