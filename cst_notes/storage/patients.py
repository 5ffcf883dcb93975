"""The patients table, and the patient list's summaries."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from typing import Any

from cst_notes.domain.damage import DamagedRecord
from cst_notes.domain.followup import PlanStatus
from cst_notes.domain.patient import Guardian, Patient
from cst_notes.domain.screening import Screening
from cst_notes.domain.summaries import PatientSummary, UnsignedNote, oldest_first
from cst_notes.storage import damage
from cst_notes.storage.connection import Database
from cst_notes.storage.database import database_errors
from cst_notes.storage.mapping import insert_sql
from cst_notes.storage.rows import from_row, from_utc_text, read_value, to_row, utc_now
from cst_notes.storage.screening import current_lists

_GUARDIAN_COLUMNS = (
    "guardian_name",
    "guardian_relation",
    "guardian_phone",
    "guardian_consent_given",
    "guardian_consent_date",
)
_WHOLE_LIST = 2000  # above this many rows, read every patient's screening at once


def patient_row(p: Patient, now: str) -> dict[str, Any]:
    row = to_row(p, skip=frozenset({"id"}))
    row["created_at"] = p.created_at or now
    row["updated_at"] = p.updated_at or now
    if p.guardian is None:
        row.update(dict.fromkeys(_GUARDIAN_COLUMNS))
        row["guardian_consent_given"] = 0
    else:
        row.update(to_row(p.guardian, prefix="guardian_"))
    return row


def patient_from_row(row: dict[str, Any]) -> Patient:
    guardian = (
        from_row(Guardian, row, prefix="guardian_", table="patients") if row["guardian_name"] is not None else None
    )
    return from_row(Patient, row, table="patients", guardian=guardian)


def insert_patient(db: Database, p: Patient) -> int:
    row = patient_row(p, utc_now())
    cursor = db.execute(insert_sql("patients", list(row)), list(row.values()))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def update_patient(db: Database, p: Patient) -> None:
    row = patient_row(p, utc_now())
    row["updated_at"] = utc_now()
    for frozen in ("uid", "created_at"):
        row.pop(frozen)
    assignments = ", ".join(f"{name} = ?" for name in row)
    cursor = db.execute(f"UPDATE patients SET {assignments} WHERE id = ?", [*row.values(), p.id])
    if cursor.rowcount != 1:
        raise LookupError(f"no patient with id {p.id}")


def get_patient(db: Database, patient_id: int) -> Patient | None:
    rows = list(db.query("SELECT * FROM patients WHERE id = ?", [patient_id]))
    return patient_from_row(rows[0]) if rows else None


def id_of_uid(db: Database, uid: str) -> int | None:
    """The id of the patient ``uid`` names; None when none is held (by the uid's index: a sync asks
    once or more for each patient)."""
    row = db.execute("SELECT id FROM patients WHERE uid = ?", [uid]).fetchone()
    return None if row is None else int(row[0])


def patient_uids(db: Database) -> dict[int, str]:
    """Each patient's uid by id: whose record a signature names."""
    return dict(db.execute("SELECT id, uid FROM patients").fetchall())


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_NAME_FILTER = "WHERE p.full_name LIKE ? ESCAPE '\\' OR p.preferred_name LIKE ? ESCAPE '\\'"


_ORDER = "ORDER BY p.full_name COLLATE NOCASE, p.id"


def patient_ids(db: Database, name_filter: str = "") -> list[int]:
    """Every patient's id (or those whose name contains ``name_filter``), in the list's order (by name)."""
    where, params = _filter_clause(name_filter)
    return [r[0] for r in db.execute(f"SELECT p.id FROM patients p {where} {_ORDER}", params)]


def patient_summaries(db: Database, name_filter: str = "") -> list[PatientSummary]:
    """Every patient (or those whose name contains ``name_filter``), sorted by name."""
    where, params = _filter_clause(name_filter)
    return _summaries(db, f"{where} {_ORDER}", params)


def summaries_of(db: Database, ids: list[int]) -> dict[int, PatientSummary]:
    """The list rows of these patients (missing ids are left out), in one query."""
    if not ids:
        return {}
    found = _summaries(db, f"WHERE p.id IN ({', '.join('?' * len(ids))})", list(ids))
    return {s.id: s for s in found}


def _filter_clause(name_filter: str) -> tuple[str, list[Any]]:
    if not name_filter.strip():
        return "", []
    return _NAME_FILTER, [_like_pattern(name_filter.strip())] * 2


def _summaries(db: Database, where: str, where_params: list[Any]) -> list[PatientSummary]:
    sql = f"""
        SELECT p.id, p.full_name, p.preferred_name, p.birth_date, p.guardian_name,
          (SELECT count(*) FROM sessions s WHERE s.patient_id = p.id) AS session_count,
          (SELECT max(started_at) FROM sessions s WHERE s.patient_id = p.id) AS last_session_at,
          (SELECT CASE WHEN f.closed_on IS NULL THEN f.next_appointment END FROM follow_up_plans f
             WHERE f.patient_id = p.id AND f.superseded_on IS NULL
             ORDER BY f.created_on DESC, f.closed_on IS NULL DESC, f.uid DESC LIMIT 1) AS next_appointment
        FROM patients p
        {where}
    """
    with damage.text_as(db, damage.lenient):  # a damaged byte in a name shows as �; the row stays
        rows = db.execute(sql, where_params).fetchall()
    ids = [r[0] for r in rows]
    lists, unreadable = _screening_lists(db, None if len(rows) > _WHOLE_LIST else ids, ids)
    return [_summary(r, lists, unreadable) for r in rows]


def _summary(r: Sequence[Any], lists: dict[int, Screening], unreadable: set[int]) -> PatientSummary:
    """A list row; a value that cannot be read leaves its column empty and marks the row damaged."""
    damaged = r[0] in unreadable or any("\ufffd" in (text or "") for text in (r[1], r[2], r[4]))
    values: list[Any] = []
    for tp, value in ((dt.date, r[3]), (dt.datetime, r[6]), (dt.date, r[7])):
        try:
            values.append(read_value(tp, value, "patients", r[0], ""))
        except DamagedRecord:
            values.append(None)
            damaged = True
    return PatientSummary(
        id=r[0],
        full_name=r[1],
        preferred_name=r[2],
        birth_date=values[0],
        guardian_name=r[4],
        session_count=r[5],
        last_session_at=values[1],
        next_appointment=values[2],
        absolute_contraindications=len(lists[r[0]].absolute) if r[0] in lists else 0,
        damaged=damaged or values[0] is None,
    )


def _screening_lists(db: Database, wanted: list[int] | None, ids: list[int]) -> tuple[dict[int, Screening], set[int]]:
    """The current contraindication lists, and the patients whose list cannot be read."""
    try:
        return current_lists(db, wanted), set()
    except database_errors(DamagedRecord):
        pass
    lists: dict[int, Screening] = {}
    unreadable: set[int] = set()
    for pid in ids:  # one at a time, to find whose
        try:
            lists.update(current_lists(db, [pid]))
        except database_errors(DamagedRecord):
            unreadable.add(pid)
    return lists, unreadable


def counts(db: Database) -> dict[str, int]:
    return {
        "patients": db.execute("SELECT count(*) FROM patients").fetchone()[0],
        "sessions": db.execute("SELECT count(*) FROM sessions").fetchone()[0],
    }


def plan_statuses(db: Database) -> list[PlanStatus]:
    """Each patient with a current plan: its dates and frequency, and the last session's date.

    As ``domain.plan.current_plan``: the newest plan not superseded counts (on the same day, an
    open one before a closed one, then the greater uid), as in ``patient_summaries``, should the
    database hold two (two laptops' of a clinic); if its course of care is
    closed, none does. It is SQL so that the due list reads one row per patient (a test holds the
    two in step)."""
    with damage.text_as(db, damage.lenient):
        rows = db.execute(
            """SELECT p.id, p.full_name, f.frequency, f.next_appointment, f.review_date, f.created_on,
             (SELECT max(started_at) FROM sessions s WHERE s.patient_id = p.id)
           FROM follow_up_plans f JOIN patients p ON p.id = f.patient_id
           WHERE f.id = (SELECT g.id FROM follow_up_plans g
                          WHERE g.patient_id = f.patient_id AND g.superseded_on IS NULL
                          ORDER BY g.created_on DESC, g.closed_on IS NULL DESC, g.uid DESC LIMIT 1)
             AND f.closed_on IS NULL"""
        ).fetchall()
    return [status for r in rows if (status := _plan_status(r)) is not None]


def _plan_status(r: Sequence[Any]) -> PlanStatus | None:
    """A patient's plan dates; None when one cannot be read (the chart says what is damaged)."""
    try:
        return PlanStatus(
            patient_id=r[0],
            full_name=r[1],
            frequency=r[2],
            next_appointment=dt.date.fromisoformat(r[3]) if r[3] else None,
            review_date=dt.date.fromisoformat(r[4]) if r[4] else None,
            plan_created_on=dt.date.fromisoformat(r[5]),
            last_session=from_utc_text(r[6]).date() if r[6] else None,
        )
    except (ValueError, TypeError):
        return None


def unsigned_notes(db: Database) -> list[UnsignedNote]:
    """Every session and intake still a draft, oldest first (one whose date cannot be read is left
    out: its chart says what is damaged)."""
    with damage.text_as(db, damage.lenient):
        sessions = db.execute(
            "SELECT s.id, p.id, p.full_name, s.started_at FROM sessions s JOIN patients p ON p.id = s.patient_id "
            "WHERE s.status = 'draft'"
        ).fetchall()
        intakes = db.execute(
            "SELECT i.id, p.id, p.full_name, i.intake_date FROM intakes i JOIN patients p ON p.id = i.patient_id "
            "WHERE i.status = 'draft'"
        ).fetchall()
    notes = []
    for sid, pid, name, started in sessions:
        with contextlib.suppress(ValueError, TypeError):
            start = from_utc_text(started)
            notes.append(UnsignedNote(pid, name, "session", sid, start.astimezone().date(), start))
    for iid, pid, name, day in intakes:
        with contextlib.suppress(ValueError, TypeError):
            notes.append(UnsignedNote(pid, name, "intake", iid, dt.date.fromisoformat(day)))
    return oldest_first(notes)
