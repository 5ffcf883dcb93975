"""Intakes, sessions and follow-up plans with their child rows; whole patient records.

Writes here expect the caller to hold a transaction (``db.atomic()``): the services do.
Reads load each child table with one query per table, never one query per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from cst_notes.domain import vocabulary as V
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
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import (
    AdverseReaction,
    Restriction,
    RhythmFinding,
    Session,
    SessionEvent,
    TechniqueApplied,
)
from cst_notes.domain.signing import SIGNED, Addendum, Signature
from cst_notes.storage import bulk
from cst_notes.storage.patients import get_patient
from cst_notes.storage.rows import columns, from_row, from_utc_text, row_values, to_row, to_utc_text, utc_now


@dataclass(frozen=True)
class _Child:
    table: str
    parent: str  # the parent id column
    cls: type
    attr: str  # the tuple attribute on the parent dataclass


_INTAKE_CHILDREN = (
    _Child("intake_conditions", "intake_id", ConditionEntry, "conditions"),
    _Child("intake_medications", "intake_id", Medication, "medications"),
    _Child("intake_surgeries", "intake_id", Surgery, "surgeries"),
    _Child("intake_trauma", "intake_id", TraumaEvent, "trauma"),
    _Child("intake_contraindications", "intake_id", ContraindicationEntry, "contraindications"),
)
_SESSION_CHILDREN = (
    _Child("rhythm_findings", "session_id", RhythmFinding, "rhythm_findings"),
    _Child("session_events", "session_id", SessionEvent, "events"),
    _Child("restrictions", "session_id", Restriction, "restrictions"),
    _Child("techniques_applied", "session_id", TechniqueApplied, "techniques"),
    _Child("adverse_reactions", "session_id", AdverseReaction, "adverse_reactions"),
)
_PLAN_CHILDREN = (
    _Child("plan_goals", "plan_id", Goal, "goals"),
    _Child("plan_referrals", "plan_id", Referral, "referrals"),
)
_INTERNAL = frozenset({"id", "patient_id"})


# --- generic helpers --------------------------------------------------------------------------


def _insert_many(db: Database, table: str, rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    cols = list(rows[0])
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    db.conn.executemany(sql, [[r[c] for c in cols] for r in rows])


def _write_children(db: Database, specs: tuple[_Child, ...], parents: Iterable[tuple[int, Any]]) -> None:
    batches: dict[str, list[list[Any]]] = defaultdict(list)
    for parent_id, obj in parents:
        for spec in specs:
            rows = batches[spec.table]
            for position, child in enumerate(getattr(obj, spec.attr)):
                rows.append([parent_id, position, *row_values(child)])
    for spec in specs:
        if batches[spec.table]:
            cols = [spec.parent, "position", *columns(spec.cls)]
            sql = f"INSERT INTO {spec.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            db.conn.executemany(sql, batches[spec.table])


def _delete_children(db: Database, specs: tuple[_Child, ...], parent_id: int) -> None:
    for spec in specs:
        db.execute(f"DELETE FROM {spec.table} WHERE {spec.parent} = ?", [parent_id])


def _read_children(
    db: Database, specs: tuple[_Child, ...], parent_ids_sql: str, params: Sequence[Any]
) -> dict[str, dict[int, tuple[Any, ...]]]:
    out: dict[str, dict[int, tuple[Any, ...]]] = {}
    for spec in specs:
        grouped: dict[int, list[Any]] = defaultdict(list)
        sql = f"SELECT * FROM {spec.table} WHERE {spec.parent} IN ({parent_ids_sql}) ORDER BY {spec.parent}, position"
        for row in db.query(sql, params):
            grouped[row[spec.parent]].append(from_row(spec.cls, row))
        out[spec.attr] = {k: tuple(v) for k, v in grouped.items()}
    return out


def _next_id(db: Database, table: str) -> int:
    return int(db.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])


def _stamped(row: dict[str, Any], obj: Any, now: str) -> dict[str, Any]:
    row["created_at"] = getattr(obj, "created_at", "") or now
    row["updated_at"] = getattr(obj, "updated_at", "") or now
    return row


def _update(db: Database, table: str, row: dict[str, Any], key: str, value: Any) -> None:
    row.pop("created_at", None)
    row.pop("uid", None)
    assignments = ", ".join(f"{c} = ?" for c in row)
    cursor = db.execute(f"UPDATE {table} SET {assignments} WHERE {key} = ?", [*row.values(), value])
    if cursor.rowcount != 1:
        raise LookupError(f"no row of {table} with {key} {value}")


# --- row mapping ------------------------------------------------------------------------------


_UNSIGNED = {"status": "draft", "signed_at": None, "signed_by": None, "content_hash": None}


def _intake_row(intake: Intake, patient_id: int, now: str) -> dict[str, Any]:
    row = _stamped(to_row(intake, skip=_INTERNAL), intake, now)
    row.update(_UNSIGNED)  # a signature is applied after the parts are written: see _apply_signatures
    row["patient_id"] = patient_id
    row["has_birth_history"] = int(intake.birth_history is not None)
    row.update(to_row(intake.birth_history or BirthHistory(), prefix="birth_"))
    return row


def _session_row(session: Session, patient_id: int, now: str) -> dict[str, Any]:
    row = _stamped(to_row(session, skip=_INTERNAL), session, now)
    row.update(_UNSIGNED)
    row["patient_id"] = patient_id
    return row


def _plan_row(plan: FollowUpPlan, patient_id: int, now: str) -> dict[str, Any]:
    row = _stamped(to_row(plan, skip=_INTERNAL), plan, now)
    row["patient_id"] = patient_id
    return row


def _with_children(children: dict[str, dict[int, tuple[Any, ...]]], key: int) -> dict[str, Any]:
    return {attr: by_parent.get(key, ()) for attr, by_parent in children.items()}


# --- signatures and addenda -----------------------------------------------------------------


def _read_addenda(
    db: Database, column: str, parent_ids_sql: str, params: Sequence[Any]
) -> dict[int, tuple[Addendum, ...]]:
    grouped: dict[int, list[Addendum]] = defaultdict(list)
    sql = (
        f"SELECT {column}, text, author, created_at, content_hash FROM addenda "
        f"WHERE {column} IN ({parent_ids_sql}) ORDER BY id"
    )
    for parent, text, author, created_at, digest in db.execute(sql, list(params)):
        grouped[parent].append(Addendum(text, author, from_utc_text(created_at), digest))
    return {k: tuple(v) for k, v in grouped.items()}


def sign(db: Database, table: str, row_id: int, signature: Signature) -> None:
    """Mark a draft note signed; the database locks it from then on."""
    cursor = db.execute(
        f"UPDATE {table} SET status = 'signed', signed_at = ?, signed_by = ?, content_hash = ? "
        "WHERE id = ? AND status = 'draft'",
        [to_utc_text(signature.signed_at), signature.signed_by, signature.content_hash, row_id],
    )
    if cursor.rowcount != 1:
        raise LookupError(f"no draft in {table} with id {row_id}")


def add_addendum(
    db: Database, *, session_id: int | None = None, intake_id: int | None = None, addendum: Addendum
) -> None:
    db.execute(
        "INSERT INTO addenda (session_id, intake_id, text, author, created_at, content_hash) VALUES (?, ?, ?, ?, ?, ?)",
        [
            session_id,
            intake_id,
            addendum.text,
            addendum.author,
            to_utc_text(addendum.created_at),
            addendum.content_hash,
        ],
    )


def _apply_signatures(db: Database, table: str, column: str, notes: Sequence[tuple[int, Any]]) -> None:
    """Sign the stored notes that are signed, then add their addenda (import, in bulk)."""
    signed = [(i, n) for i, n in notes if n.status == SIGNED]
    db.conn.executemany(
        f"UPDATE {table} SET status = 'signed', signed_at = ?, signed_by = ?, content_hash = ? WHERE id = ?",
        [(to_utc_text(n.signed_at), n.signed_by, n.content_hash, i) for i, n in signed],
    )
    db.conn.executemany(
        f"INSERT INTO addenda ({column}, text, author, created_at, content_hash) VALUES (?, ?, ?, ?, ?)",
        [(i, a.text, a.author, to_utc_text(a.created_at), a.content_hash) for i, n in signed for a in n.addenda],
    )


# --- intakes ----------------------------------------------------------------------------------


def get_intake(db: Database, patient_id: int) -> Intake | None:
    rows = list(db.query("SELECT * FROM intakes WHERE patient_id = ?", [patient_id]))
    if not rows:
        return None
    row = rows[0]
    children = _read_children(db, _INTAKE_CHILDREN, "?", [row["id"]])
    addenda = _read_addenda(db, "intake_id", "?", [row["id"]]).get(row["id"], ())
    birth = from_row(BirthHistory, row, prefix="birth_") if row["has_birth_history"] else None
    return from_row(Intake, row, birth_history=birth, addenda=addenda, **_with_children(children, row["id"]))


def save_intake(db: Database, patient_id: int, intake: Intake) -> int:
    """Create the patient's intake, or replace its content if there is one."""
    now = utc_now()
    row = _intake_row(intake, patient_id, now)
    existing = db.execute("SELECT id FROM intakes WHERE patient_id = ?", [patient_id]).fetchone()
    if existing is None:
        cursor = db.execute(
            f"INSERT INTO intakes ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values())
        )
        intake_id = int(cursor.lastrowid or 0)
    else:
        intake_id = existing[0]
        row["updated_at"] = now
        _update(db, "intakes", row, "id", intake_id)
        _delete_children(db, _INTAKE_CHILDREN, intake_id)
    _write_children(db, _INTAKE_CHILDREN, [(intake_id, intake)])
    _apply_signatures(db, "intakes", "intake_id", [(intake_id, intake)])
    return intake_id


# --- sessions ---------------------------------------------------------------------------------


def _load_sessions(db: Database, where: str, params: Sequence[Any]) -> list[Session]:
    rows = list(db.query(f"SELECT * FROM sessions WHERE {where} ORDER BY started_at, id", params))
    if not rows:
        return []
    ids_sql = f"SELECT id FROM sessions WHERE {where}"
    children = _read_children(db, _SESSION_CHILDREN, ids_sql, params)
    addenda = _read_addenda(db, "session_id", ids_sql, params)
    return [
        from_row(Session, row, addenda=addenda.get(row["id"], ()), **_with_children(children, row["id"]))
        for row in rows
    ]


def sessions_for_patient(db: Database, patient_id: int) -> list[Session]:
    """The patient's sessions, oldest first."""
    return _load_sessions(db, "patient_id = ?", [patient_id])


def get_session(db: Database, session_id: int) -> Session | None:
    found = _load_sessions(db, "id = ?", [session_id])
    return found[0] if found else None


def insert_session(db: Database, patient_id: int, session: Session) -> int:
    row = _session_row(session, patient_id, utc_now())
    cursor = db.execute(
        f"INSERT INTO sessions ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values())
    )
    session_id = int(cursor.lastrowid or 0)
    _write_children(db, _SESSION_CHILDREN, [(session_id, session)])
    _apply_signatures(db, "sessions", "session_id", [(session_id, session)])
    return session_id


def update_session(db: Database, session: Session) -> None:
    if session.id is None:
        raise LookupError("the session has no id; it was never saved")
    row = _session_row(session, session.patient_id or 0, utc_now())
    row.pop("patient_id")
    row["updated_at"] = utc_now()
    _update(db, "sessions", row, "id", session.id)
    _delete_children(db, _SESSION_CHILDREN, session.id)
    _write_children(db, _SESSION_CHILDREN, [(session.id, session)])


# --- follow-up plans --------------------------------------------------------------------------


def plans_for_patient(db: Database, patient_id: int) -> list[FollowUpPlan]:
    """The patient's plans, oldest first; the last one is current unless superseded."""
    rows = list(db.query("SELECT * FROM follow_up_plans WHERE patient_id = ? ORDER BY created_on, id", [patient_id]))
    children = _read_children(db, _PLAN_CHILDREN, "SELECT id FROM follow_up_plans WHERE patient_id = ?", [patient_id])
    return [from_row(FollowUpPlan, row, **_with_children(children, row["id"])) for row in rows]


def add_plan(db: Database, patient_id: int, plan: FollowUpPlan) -> int:
    """Add a new current plan; the previous current plan is marked superseded on its date."""
    now = utc_now()
    db.execute(
        "UPDATE follow_up_plans SET superseded_on = ?, updated_at = ? WHERE patient_id = ? AND superseded_on IS NULL",
        [plan.created_on.isoformat(), now, patient_id],
    )
    row = _plan_row(plan, patient_id, now)
    cursor = db.execute(
        f"INSERT INTO follow_up_plans ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values())
    )
    plan_id = int(cursor.lastrowid or 0)
    _write_children(db, _PLAN_CHILDREN, [(plan_id, plan)])
    return plan_id


# --- custom techniques ------------------------------------------------------------------------


def custom_technique_codes(db: Database) -> frozenset[str]:
    return frozenset(r[0] for r in db.execute("SELECT code FROM custom_techniques"))


def custom_techniques(db: Database) -> dict[str, str]:
    return {r[0]: r[1] for r in db.execute("SELECT code, label FROM custom_techniques ORDER BY label")}


def add_custom_technique(db: Database, code: str, label: str) -> None:
    db.execute(
        "INSERT INTO custom_techniques (code, label, created_at) VALUES (?, ?, ?) ON CONFLICT (code) DO NOTHING",
        [code, label, utc_now()],
    )


# --- whole records ----------------------------------------------------------------------------


def load_record(db: Database, patient_id: int) -> PatientRecord | None:
    patient = get_patient(db, patient_id)
    if patient is None:
        return None
    return PatientRecord(
        patient,
        get_intake(db, patient_id),
        tuple(sessions_for_patient(db, patient_id)),
        tuple(plans_for_patient(db, patient_id)),
    )


def insert_records(db: Database, records: Sequence[PatientRecord]) -> list[int]:
    """Insert whole records in bulk (import, demo). Returns the new patient ids, in order."""
    return write_prepared(db, bulk.prepare(records))


def write_prepared(db: Database, batch: bulk.PreparedBatch) -> list[int]:
    """Write records prepared by ``bulk.prepare`` (perhaps in another process)."""
    ids = bulk.write(db, batch)
    for code in sorted(batch.custom_techniques):
        add_custom_technique(db, code, custom_label(code))
    return ids


def signed_sessions(db: Database, batch: int = 2000) -> Iterator[Session]:
    """Every signed session with its parts and addenda, loaded a batch at a time."""
    last = 0
    while True:
        ids = [
            r[0]
            for r in db.execute(
                "SELECT id FROM sessions WHERE status = 'signed' AND id > ? ORDER BY id LIMIT ?", [last, batch]
            )
        ]
        if not ids:
            return
        yield from _load_sessions(db, "status = 'signed' AND id BETWEEN ? AND ?", [ids[0], ids[-1]])
        last = ids[-1]


def signed_intakes(db: Database) -> Iterator[Intake]:
    for (patient_id,) in db.execute("SELECT patient_id FROM intakes WHERE status = 'signed'").fetchall():
        intake = get_intake(db, patient_id)
        if intake is not None:
            yield intake


def existing_uids(db: Database, uids: set[str]) -> set[str]:
    """Which of these patient or session uids are already in the database."""
    found: set[str] = set()
    listed = sorted(uids)
    for start in range(0, len(listed), 500):
        chunk = listed[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for table in ("patients", "sessions"):
            found |= {r[0] for r in db.execute(f"SELECT uid FROM {table} WHERE uid IN ({marks})", chunk)}
    return found


def custom_label(code: str) -> str:
    """A readable label for a custom technique code, e.g. custom.jaw_balance -> Jaw balance."""
    return code.removeprefix(V.CUSTOM_TECHNIQUE_PREFIX).replace("_", " ").strip().capitalize() or code
