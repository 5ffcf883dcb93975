"""``check``'s reading of every row the app would ever show or export, through the same code that
shows and exports it: each failure named (whose record, which table, row and column), never raised."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

from cst_notes.domain.damage import Damage, DamagedRecord, shown_value
from cst_notes.domain.intake import BirthHistory, Intake
from cst_notes.domain.patient import Guardian, Patient
from cst_notes.domain.plan import FollowUpPlan
from cst_notes.domain.record import record_errors
from cst_notes.domain.screening import ScreeningChange
from cst_notes.domain.session import Session
from cst_notes.domain.signing import Addendum
from cst_notes.storage import damage, patients, records, search, settings, templates
from cst_notes.storage.connection import Database
from cst_notes.storage.database import database_errors
from cst_notes.storage.mapping import INTAKE_CHILDREN, PLAN_CHILDREN, SESSION_CHILDREN
from cst_notes.storage.rows import read_value, unreadable_values


def unreadable(db: Database, today: dt.date) -> list[str]:
    """Every stored value that cannot be read, or breaks the rules a record keeps, in words."""
    found = [damage.named(db, d) for table in damage.stored_tables(db) for d in damage.undecodable_cells(db, table)]
    problems = [str(d) for d in found]
    undecodable = {d.patient_id for d in found}
    for patient_id in patients.patient_ids(db):
        if patient_id not in undecodable:
            problems += _record_problems(db, patient_id, today)
    if not any(d.table == "audit_log" for d in found):
        problems += _audit_problems(db)
    problems += _other_problems(db, {d.table for d in found})
    problems += [
        f"the search index {index} is damaged ({message}): search may miss records. "
        "Nothing else is affected; `cst-notes check --db FILE --repair-index` rebuilds it from the records"
        for index, message in search.index_problems(db)
    ]
    return problems


def _record_problems(db: Database, patient_id: int, today: dt.date) -> list[str]:
    try:
        record = records.load_record(db, patient_id)
    except DamagedRecord as exc:
        every = [str(damage.named(db, replace(d, patient_id=patient_id))) for d in _bad_values(db, patient_id)]
        return every or [str(exc)]
    if record is None:
        return []
    name, uid = damage.identity(db, patient_id)
    return [f"{name} ({uid}): {e.field}: {e.message}" for e in record_errors(record, today=today)]


# Each table of a record, the class (and column prefix) its rows are read as.
_READ_AS: tuple[tuple[str, type, str], ...] = (
    ("patients", Patient, ""),
    ("patients", Guardian, "guardian_"),
    ("intakes", Intake, ""),
    ("intakes", BirthHistory, "birth_"),
    ("sessions", Session, ""),
    ("follow_up_plans", FollowUpPlan, ""),
    ("screening_changes", ScreeningChange, ""),
    ("addenda", Addendum, ""),
    *((c.table, c.cls, "") for c in (*INTAKE_CHILDREN, *SESSION_CHILDREN, *PLAN_CHILDREN)),
)


def _bad_values(db: Database, patient_id: int) -> list[Damage]:
    """Every value of the patient's record that cannot be read as its type, not only the first."""
    found: list[Damage] = []
    for table, cls, prefix in _READ_AS:
        sql = f"SELECT * FROM {table} WHERE {damage.PATIENT_OF[table]} = ? ORDER BY id"
        for row in db.query(sql, [patient_id]):
            found += unreadable_values(cls, row, prefix=prefix, table=table)
    return found


def _audit_problems(db: Database) -> list[str]:
    problems = []
    rows = db.execute("SELECT id, patient_id, changed_at, before_json, after_json FROM audit_log ORDER BY id")
    for entry_id, patient_id, changed_at, *copies in rows:
        where = Damage("audit_log", entry_id, "", "", "", patient_id)
        where = damage.named(db, where) if patient_id is not None else where
        try:
            read_value(dt.datetime, changed_at, "audit_log", entry_id, "changed_at")
        except DamagedRecord as exc:
            problems.append(str(damage.named(db, exc.damage)))
        for column, text in zip(("before_json", "after_json"), copies, strict=True):
            try:
                json.loads(text) if text is not None else None
            except json.JSONDecodeError as exc:
                bad = Damage("audit_log", entry_id, column, shown_value(text), f"is not JSON ({exc.msg})", patient_id)
                problems.append(str(damage.named(db, bad) if patient_id is not None else bad))
    return problems


def _other_problems(db: Database, undecodable_tables: set[str]) -> list[str]:
    """Drafts, session templates and the settings: what the app reads besides the records."""
    problems = []
    if "drafts" not in undecodable_tables:
        for rowid, key, patient_id, content in db.execute("SELECT rowid, key, patient_id, content FROM drafts"):
            try:
                json.loads(content)
            except (json.JSONDecodeError, TypeError):
                bad = Damage(
                    "drafts", rowid, "content", shown_value(content), f"(the draft {key}) is not JSON", patient_id
                )
                problems.append(str(damage.named(db, bad)))
    readers = {"session_templates": templates.templates, "clinic_settings": settings.get_settings}
    for table, read in readers.items():
        if table in undecodable_tables:
            continue
        try:
            read(db)
        except DamagedRecord as exc:
            problems.append(str(exc))
        except database_errors(ValueError, TypeError, KeyError) as exc:
            problems.append(f"{table}: cannot be read ({exc})")
    return problems
