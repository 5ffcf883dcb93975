"""The versions of patients' details this laptop last synced at, and the conflicts of two offline
edits of them (m019: triggers refuse a change to a resolved conflict and the removal of any); the
details a push is sending, until the laptop hears back (m023); the same versions of each follow-up
plan, and conflicts of them (m024: ``plan_uid``)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from cst_notes.domain.conflicts import Base, Conflict
from cst_notes.domain.dates import utc_time
from cst_notes.domain.record_format import format_utc
from cst_notes.storage.connection import Database


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def get_base(db: Database, patient_uid: str) -> Base | None:
    row = db.execute("SELECT version, details FROM clinic_bases WHERE patient_uid = ?", [patient_uid]).fetchone()
    return None if row is None else Base(int(row[0]), json.loads(row[1]))


def based_patient_uids(db: Database) -> set[str]:
    """The patients with a synced version: those this laptop pushed or pulled the details of."""
    return {r[0] for r in db.execute("SELECT patient_uid FROM clinic_bases")}


def set_base(db: Database, patient_uid: str, base: Base, synced_at: dt.datetime, *, push_mine: bool = False) -> None:
    """Keep ``base`` as the patient's synced version (a version never goes back: an older one is
    ignored); ``push_mine``: this laptop's details differ from it, and the next sync pushes them (m023)."""
    db.execute(
        "INSERT INTO clinic_bases (patient_uid, version, details, synced_at, push_mine) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (patient_uid) DO UPDATE SET version = excluded.version, details = excluded.details,"
        " synced_at = excluded.synced_at, push_mine = excluded.push_mine"
        " WHERE excluded.version >= clinic_bases.version",
        [patient_uid, base.version, _json(base.details), format_utc(synced_at), int(push_mine)],
    )


def note_sent(db: Database, patient_uid: str, base: Base, sent_at: dt.datetime) -> None:
    """Keep that a push is sending ``base.details`` as the server's version ``base.version``."""
    db.execute(
        "INSERT OR REPLACE INTO clinic_details_sent (patient_uid, version, details, sent_at) VALUES (?, ?, ?, ?)",
        [patient_uid, base.version, _json(base.details), format_utc(sent_at)],
    )


def get_sent(db: Database, patient_uid: str) -> Base | None:
    """The details a push sent and the laptop did not hear back about, as the version they were sent as."""
    row = db.execute("SELECT version, details FROM clinic_details_sent WHERE patient_uid = ?", [patient_uid])
    found = row.fetchone()
    return None if found is None else Base(int(found[0]), json.loads(found[1]))


def forget_sent(db: Database, patient_uid: str) -> None:
    db.execute("DELETE FROM clinic_details_sent WHERE patient_uid = ?", [patient_uid])


def details_to_push(db: Database) -> set[str]:
    """The patients whose details a pull found changed here only, for the next sync to push (m023)."""
    return {r[0] for r in db.execute("SELECT patient_uid FROM clinic_bases WHERE push_mine = 1")}


def get_settings_base(db: Database) -> Base | None:
    """The version of the clinic-wide settings this laptop last synced at, and those settings (m027)."""
    row = db.execute("SELECT version, settings FROM clinic_settings_base WHERE id = 1").fetchone()
    return None if row is None else Base(int(row[0]), json.loads(row[1]))


def set_settings_base(db: Database, base: Base, synced_at: dt.datetime) -> None:
    """Keep ``base`` as the clinic-wide settings' synced version (an older one is ignored)."""
    db.execute(
        "INSERT INTO clinic_settings_base (id, version, settings, synced_at) VALUES (1, ?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET version = excluded.version, settings = excluded.settings,"
        " synced_at = excluded.synced_at WHERE excluded.version >= clinic_settings_base.version",
        [base.version, _json(base.details), format_utc(synced_at)],
    )


def get_plan_base(db: Database, plan_uid: str) -> Base | None:
    row = db.execute("SELECT version, plan FROM clinic_plan_bases WHERE plan_uid = ?", [plan_uid]).fetchone()
    return None if row is None else Base(int(row[0]), json.loads(row[1]))


def set_plan_base(
    db: Database, plan_uid: str, patient_uid: str, base: Base, synced_at: dt.datetime, *, push_mine: bool = False
) -> None:
    """Keep ``base`` as the plan's synced version (an older one is ignored), as ``set_base``."""
    db.execute(
        "INSERT INTO clinic_plan_bases (plan_uid, patient_uid, version, plan, synced_at, push_mine)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (plan_uid) DO UPDATE SET version = excluded.version,"
        " plan = excluded.plan, synced_at = excluded.synced_at, push_mine = excluded.push_mine"
        " WHERE excluded.version >= clinic_plan_bases.version",
        [plan_uid, patient_uid, base.version, _json(base.details), format_utc(synced_at), int(push_mine)],
    )


def note_plan_sent(db: Database, plan_uid: str, base: Base, sent_at: dt.datetime) -> None:
    """Keep that a push is sending ``base.details`` (a plan) as the server's version ``base.version``."""
    db.execute(
        "INSERT OR REPLACE INTO clinic_plans_sent (plan_uid, version, plan, sent_at) VALUES (?, ?, ?, ?)",
        [plan_uid, base.version, _json(base.details), format_utc(sent_at)],
    )


def get_plan_sent(db: Database, plan_uid: str) -> Base | None:
    row = db.execute("SELECT version, plan FROM clinic_plans_sent WHERE plan_uid = ?", [plan_uid]).fetchone()
    return None if row is None else Base(int(row[0]), json.loads(row[1]))


def forget_plan_sent(db: Database, plan_uid: str) -> None:
    db.execute("DELETE FROM clinic_plans_sent WHERE plan_uid = ?", [plan_uid])


def plans_to_push(db: Database) -> set[str]:
    """The patients with a plan a pull found changed here only, for the next sync to push."""
    return {r[0] for r in db.execute("SELECT DISTINCT patient_uid FROM clinic_plan_bases WHERE push_mine = 1")}


def add_conflict(db: Database, conflict: Conflict) -> int:
    cursor = db.execute(
        "INSERT INTO clinic_conflicts (patient_uid, mine, theirs, base_version, theirs_version, opened_at, plan_uid)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            conflict.patient_uid,
            _json(conflict.mine),
            _json(conflict.theirs),
            conflict.base_version,
            conflict.theirs_version,
            format_utc(conflict.opened_at),
            conflict.plan_uid or None,
        ],
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


_COLUMNS = (
    "id, patient_uid, mine, theirs, base_version, theirs_version, opened_at, resolved_at, resolved_by, resolution,"
    " plan_uid"
)


def _conflict(row: Any) -> Conflict:
    cid, uid, mine, theirs, base_version, theirs_version, opened_at, resolved_at, resolved_by, resolution, plan = row
    opened = utc_time(opened_at)
    if opened is None:
        raise ValueError(f"clinic_conflicts.opened_at is not a UTC time: {opened_at!r}")
    return Conflict(
        cid,
        uid,
        json.loads(mine),
        json.loads(theirs),
        base_version,
        theirs_version,
        opened,
        None if resolved_at is None else utc_time(resolved_at),
        resolved_by or "",
        None if resolution is None else json.loads(resolution),
        plan or "",
    )


def open_conflicts(db: Database) -> list[Conflict]:
    """The conflicts no person has resolved yet, oldest first."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM clinic_conflicts WHERE resolved_at IS NULL ORDER BY opened_at, id")
    return [_conflict(r) for r in rows]


def get_conflict(db: Database, conflict_id: int) -> Conflict | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM clinic_conflicts WHERE id = ?", [conflict_id]).fetchone()
    return None if row is None else _conflict(row)


def open_conflict_of(db: Database, patient_uid: str, plan_uid: str = "") -> Conflict | None:
    """The open conflict of the patient's details ('' ``plan_uid``), or of that plan of theirs."""
    row = db.execute(
        f"SELECT {_COLUMNS} FROM clinic_conflicts WHERE patient_uid = ? AND coalesce(plan_uid, '') = ?"
        " AND resolved_at IS NULL",
        [patient_uid, plan_uid],
    ).fetchone()
    return None if row is None else _conflict(row)


def count_open(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM clinic_conflicts WHERE resolved_at IS NULL").fetchone()[0])


def resolve(db: Database, conflict_id: int, resolved_at: dt.datetime, by: str, resolution: dict[str, Any]) -> None:
    cursor = db.execute(
        "UPDATE clinic_conflicts SET resolved_at = ?, resolved_by = ?, resolution = ?"
        " WHERE id = ? AND resolved_at IS NULL",
        [format_utc(resolved_at), by, _json(resolution), conflict_id],
    )
    if cursor.rowcount != 1:
        raise LookupError(f"no open conflict {conflict_id}")
