"""Intakes, sessions and follow-up plans with their child rows; whole patient records.

Writes here expect the caller to hold a transaction (``db.atomic()``): the services do.
Reads load each child table with one query per table, never one query per row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from cst_notes.domain import vocabulary as V
from cst_notes.domain.damage import Damage, DamagedRecord
from cst_notes.domain.intake import BirthHistory, Intake
from cst_notes.domain.patient import Guardian, Patient
from cst_notes.domain.plan import FollowUpPlan
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.screening import ScreeningChange
from cst_notes.domain.session import OwnTechnique, Session
from cst_notes.domain.signing import SIGNED, Addendum
from cst_notes.storage import bulk, damage, screening, search
from cst_notes.storage import mapping as M
from cst_notes.storage.connection import Database
from cst_notes.storage.database import database_errors
from cst_notes.storage.mapping import INTAKE_CHILDREN, PLAN_CHILDREN, SESSION_CHILDREN, Child
from cst_notes.storage.patients import get_patient
from cst_notes.storage.rows import from_row, prepare_reads, read_value, row_reader, utc_now

# The tables that read a record's rows, made as this module loads (at start-up), not when the
# first chart opens (issue 18: no action holds the screen up).
prepare_reads(
    Patient,
    Guardian,
    ScreeningChange,
    Intake,
    BirthHistory,
    Session,
    FollowUpPlan,
    *(c.cls for c in (*INTAKE_CHILDREN, *SESSION_CHILDREN, *PLAN_CHILDREN)),
)

# --- generic helpers --------------------------------------------------------------------------


def _insert(db: Database, table: str, row: dict[str, Any]) -> int:
    """Insert one row; returns its id."""
    cursor = db.execute(M.insert_sql(table, list(row)), list(row.values()))
    return int(cursor.lastrowid or 0)


def _write_children(db: Database, specs: tuple[Child, ...], parent_id: int, parent: Any) -> None:
    for spec in specs:
        rows = spec.rows(parent_id, parent)
        if rows:
            db.conn.executemany(spec.insert_sql, rows)


def _delete_children(db: Database, specs: tuple[Child, ...], parent_id: int) -> None:
    for spec in specs:
        db.execute(f"DELETE FROM {spec.table} WHERE {spec.parent} = ?", [parent_id])


def _read_children(
    db: Database, specs: tuple[Child, ...], parent_ids_sql: str, params: Sequence[Any]
) -> dict[str, dict[int, tuple[Any, ...]]]:
    out: dict[str, dict[int, tuple[Any, ...]]] = {}
    for spec in specs:
        grouped: dict[int, list[Any]] = defaultdict(list)
        sql = f"SELECT * FROM {spec.table} WHERE {spec.parent} IN ({parent_ids_sql}) ORDER BY {spec.parent}, position"
        cursor = db.execute(sql, params)
        names = [column[0] for column in cursor.description]
        read: Callable[..., Any] = row_reader(spec.cls, names, table=spec.table)
        parent_at = names.index(spec.parent)
        for row in cursor:
            grouped[row[parent_at]].append(read(row))
        out[spec.attr] = {k: tuple(v) for k, v in grouped.items()}
    return out


def _update(db: Database, table: str, row: dict[str, Any], key: str, value: Any) -> None:
    row.pop("created_at", None)
    row.pop("uid", None)
    assignments = ", ".join(f"{c} = ?" for c in row)
    cursor = db.execute(f"UPDATE {table} SET {assignments} WHERE {key} = ?", [*row.values(), value])
    if cursor.rowcount != 1:
        raise LookupError(f"no row of {table} with {key} {value}")


def _with_children(children: dict[str, dict[int, tuple[Any, ...]]], key: int) -> dict[str, Any]:
    return {attr: by_parent.get(key, ()) for attr, by_parent in children.items()}


# --- signatures and addenda -----------------------------------------------------------------


def _read_addenda(
    db: Database, column: str, parent_ids_sql: str, params: Sequence[Any]
) -> dict[int, tuple[Addendum, ...]]:
    grouped: dict[int, list[Addendum]] = defaultdict(list)
    sql = (
        f"SELECT {column}, text, author, created_at, content_hash, signature_scheme, key_id, key_signature, id "
        f"FROM addenda WHERE {column} IN ({parent_ids_sql}) ORDER BY id"
    )
    for parent, text, author, created_at, digest, scheme, kid, value, row_id in db.execute(sql, list(params)):
        when = read_value(dt.datetime, created_at, "addenda", row_id, "created_at")
        grouped[parent].append(Addendum(text, author, when, digest, scheme, kid or "", value or ""))
    return {k: tuple(v) for k, v in grouped.items()}


def sign(db: Database, table: str, row_id: int, signature: M.Signed) -> None:
    """Mark a draft note signed; the database locks it from then on."""
    cursor = db.execute(M.mark_signed_sql(table), M.mark_signed_params(row_id, signature))
    if cursor.rowcount != 1:
        raise LookupError(f"no draft in {table} with id {row_id}")


def seal_private_notes(db: Database, session: Session) -> None:
    """Keep a draft session's private notes' salt and digest (``domain.session.sealed_private_notes``),
    just before it is signed."""
    cursor = db.execute(
        "UPDATE sessions SET private_notes_salt = ?, private_notes_sha256 = ? WHERE id = ? AND status = 'draft'",
        [session.private_notes_salt, session.private_notes_sha256, session.id],
    )
    if cursor.rowcount != 1:
        raise LookupError(f"no draft session with id {session.id}")


def add_addendum(db: Database, table: str, note_id: int, addendum: Addendum) -> None:
    """Add a signed addendum to a signed note of ``table`` (sessions or intakes)."""
    db.execute(M.addendum_sql(table), M.addendum_params(note_id, addendum))


def _apply_signature(db: Database, table: str, note_id: int, note: Intake | Session) -> None:
    """A note written signed (an import) is signed once its parts are in, then gets its addenda."""
    if note.status != SIGNED:
        return
    sign(db, table, note_id, note)
    db.conn.executemany(M.addendum_sql(table), [M.addendum_params(note_id, a) for a in note.addenda])


# --- intakes ----------------------------------------------------------------------------------


def get_intake(db: Database, patient_id: int) -> Intake | None:
    rows = list(db.query("SELECT * FROM intakes WHERE patient_id = ?", [patient_id]))
    if not rows:
        return None
    row = rows[0]
    children = _read_children(db, INTAKE_CHILDREN, "?", [row["id"]])
    addenda = _read_addenda(db, "intake_id", "?", [row["id"]]).get(row["id"], ())
    birth = from_row(BirthHistory, row, prefix="birth_", table="intakes") if row["has_birth_history"] else None
    return from_row(
        Intake, row, table="intakes", birth_history=birth, addenda=addenda, **_with_children(children, row["id"])
    )


def save_intake(db: Database, patient_id: int, intake: Intake) -> int:
    """Create the patient's intake, or replace its content if there is one."""
    now = utc_now()
    row = M.intake_row(intake, patient_id, now)
    existing = db.execute("SELECT id FROM intakes WHERE patient_id = ?", [patient_id]).fetchone()
    if existing is None:
        intake_id = _insert(db, "intakes", row)
    else:
        intake_id = existing[0]
        row["updated_at"] = now
        _update(db, "intakes", row, "id", intake_id)
        _delete_children(db, INTAKE_CHILDREN, intake_id)
    _write_children(db, INTAKE_CHILDREN, intake_id, intake)
    _apply_signature(db, "intakes", intake_id, intake)
    return intake_id


# --- sessions ---------------------------------------------------------------------------------


def _load_sessions(db: Database, where: str, params: Sequence[Any]) -> list[Session]:
    cursor = db.execute(f"SELECT * FROM sessions WHERE {where} ORDER BY started_at, id", params)
    names = [column[0] for column in cursor.description]
    rows = cursor.fetchall()
    if not rows:
        return []
    ids_sql = f"SELECT id FROM sessions WHERE {where}"
    children = _read_children(db, SESSION_CHILDREN, ids_sql, params)
    addenda = _read_addenda(db, "session_id", ids_sql, params)
    read, id_at = row_reader(Session, names, table="sessions"), names.index("id")
    return [read(row, addenda=addenda.get(row[id_at], ()), **_with_children(children, row[id_at])) for row in rows]


def sessions_for_patient(db: Database, patient_id: int) -> list[Session]:
    """The patient's sessions, oldest first."""
    return _load_sessions(db, "patient_id = ?", [patient_id])


def get_session(db: Database, session_id: int) -> Session | None:
    found = _load_sessions(db, "id = ?", [session_id])
    return found[0] if found else None


def insert_session(db: Database, patient_id: int, session: Session) -> int:
    [session_id] = insert_sessions(db, patient_id, [session])
    return session_id


def insert_sessions(db: Database, patient_id: int, sessions: Sequence[Session]) -> list[int]:
    """Add sessions to a patient, each inserted as a draft, then the parts of all of them (one
    ``executemany`` per table), then the signed ones signed and given their addenda: the same rows
    and triggers as one session at a time, in fewer statements (a pull stores a patient's forty at
    once). Returns their ids, in order."""
    now = utc_now()
    ids = search.inserted_then_indexed(
        db, "sessions", lambda: [_insert(db, "sessions", M.session_row(s, patient_id, now)) for s in sessions]
    )
    for spec in SESSION_CHILDREN:
        rows = [row for sid, s in zip(ids, sessions, strict=True) for row in spec.rows(sid, s)]
        if rows:
            db.conn.executemany(spec.insert_sql, rows)
    signed = [(sid, s) for sid, s in zip(ids, sessions, strict=True) if s.status == SIGNED]
    if signed:
        cursor = db.conn.executemany(M.mark_signed_sql("sessions"), [M.mark_signed_params(sid, s) for sid, s in signed])
        if cursor.rowcount != len(signed):
            raise LookupError(f"{len(signed) - cursor.rowcount} of the sessions to sign are no drafts")
        addenda = [M.addendum_params(sid, a) for sid, s in signed for a in s.addenda]
        if addenda:
            db.conn.executemany(M.addendum_sql("sessions"), addenda)
    return ids


def update_session(db: Database, session: Session) -> None:
    if session.id is None:
        raise LookupError("the session has no id; it was never saved")
    _replace(db, "sessions", SESSION_CHILDREN, session.id, session, M.session_row(session, 0, utc_now()))


# --- follow-up plans --------------------------------------------------------------------------


def plans_for_patient(db: Database, patient_id: int) -> list[FollowUpPlan]:
    """The patient's plans, oldest first; the last one is current unless superseded."""
    rows = list(db.query("SELECT * FROM follow_up_plans WHERE patient_id = ? ORDER BY created_on, id", [patient_id]))
    children = _read_children(db, PLAN_CHILDREN, "SELECT id FROM follow_up_plans WHERE patient_id = ?", [patient_id])
    return [from_row(FollowUpPlan, row, table="follow_up_plans", **_with_children(children, row["id"])) for row in rows]


def add_plan(db: Database, patient_id: int, plan: FollowUpPlan) -> int:
    """Add a new current plan; the previous current plan is marked superseded on its date."""
    now = utc_now()
    db.execute(
        "UPDATE follow_up_plans SET superseded_on = ?, updated_at = ? "
        "WHERE patient_id = ? AND superseded_on IS NULL AND closed_on IS NULL",
        [plan.created_on.isoformat(), now, patient_id],
    )
    plan_id = _insert(db, "follow_up_plans", M.plan_row(plan, patient_id, now))
    _write_children(db, PLAN_CHILDREN, plan_id, plan)
    return plan_id


def insert_plan(db: Database, patient_id: int, plan: FollowUpPlan) -> int:
    """Add a plan as it is (its uid, whether superseded or closed): another laptop's, pulled; the
    plans held here are left as they are."""
    plan_id = _insert(db, "follow_up_plans", M.plan_row(plan, patient_id, utc_now()))
    _write_children(db, PLAN_CHILDREN, plan_id, plan)
    return plan_id


def update_plan(db: Database, plan: FollowUpPlan) -> None:
    """Replace a stored plan's content (its goals and referrals too); its patient stays."""
    if plan.id is None:
        raise LookupError("the plan has no id; it was never saved")
    _replace(db, "follow_up_plans", PLAN_CHILDREN, plan.id, plan, M.plan_row(plan, 0, utc_now()))


def _replace(db: Database, table: str, children: tuple[Child, ...], row_id: int, obj: Any, row: dict[str, Any]) -> None:
    """A stored note's row and its children take ``obj``'s content; its patient stays."""
    row.pop("patient_id")
    row["updated_at"] = utc_now()
    _update(db, table, row, "id", row_id)
    _delete_children(db, children, row_id)
    _write_children(db, children, row_id, obj)


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
    """The patient's whole record; ``DamagedRecord`` naming the patient and the first cell that
    cannot be read (a value no CST Notes code writes, text that is not UTF-8)."""
    try:
        return _load_record(db, patient_id)
    except DamagedRecord as exc:
        raise DamagedRecord(damage.named(db, replace(exc.damage, patient_id=patient_id))) from None
    except database_errors() as exc:
        if not damage.is_undecodable(exc):
            raise
        found = damage.undecodable_in_record(db, patient_id)
        where = found[0] if found else Damage("the record", None, "text", "", damage.UNDECODABLE)
        raise DamagedRecord(damage.named(db, replace(where, patient_id=patient_id))) from None


def _load_record(db: Database, patient_id: int) -> PatientRecord | None:
    patient = get_patient(db, patient_id)
    if patient is None:
        return None
    sessions = tuple(sessions_for_patient(db, patient_id))
    used = {t.technique for s in sessions for t in s.techniques if t.technique not in V.TECHNIQUES}
    own = tuple(OwnTechnique(code, label) for code, label in custom_techniques(db).items() if code in used)
    plans = tuple(plans_for_patient(db, patient_id))
    changes = screening.changes_for_patient(db, patient_id)
    return PatientRecord(patient, get_intake(db, patient_id), sessions, plans, own, changes)


def insert_records(db: Database, records: Sequence[PatientRecord]) -> list[int]:
    """Insert whole records in bulk (import, demo). Returns the new patient ids, in order."""
    return write_prepared(db, bulk.prepare(records))


def write_prepared(db: Database, batch: bulk.PreparedBatch) -> list[int]:
    """Write records prepared by ``bulk.prepare`` (perhaps in another process). The therapist's own
    techniques first: the database refuses a technique that is neither a vocabulary code nor one of them."""
    for code, label in sorted(batch.custom_techniques.items()):
        add_custom_technique(db, code, label)
    return bulk.write(db, batch)


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


def uid_holders(db: Database, uids: set[str]) -> dict[str, tuple[str, str]]:
    """Which of these uids (of patients, sessions, follow-up plans or screening changes) are already
    in the database, each with the name and birth date (YYYY-MM-DD) of the patient whose record
    holds it."""
    found: dict[str, tuple[str, str]] = {}
    listed = sorted(uids)
    queries = (
        "SELECT uid, full_name, birth_date FROM patients WHERE uid IN ({})",
        "SELECT s.uid, p.full_name, p.birth_date FROM sessions s JOIN patients p ON p.id = s.patient_id "
        "WHERE s.uid IN ({})",
        "SELECT f.uid, p.full_name, p.birth_date FROM follow_up_plans f JOIN patients p ON p.id = f.patient_id "
        "WHERE f.uid IN ({})",
        "SELECT c.uid, p.full_name, p.birth_date FROM screening_changes c JOIN patients p ON p.id = c.patient_id "
        "WHERE c.uid IN ({})",
    )
    for start in range(0, len(listed), 500):
        chunk = listed[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for sql in queries:
            found.update({uid: (name, born) for uid, name, born in db.execute(sql.format(marks), chunk)})
    return found
