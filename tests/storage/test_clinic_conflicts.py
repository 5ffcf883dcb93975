"""The conflicts of two offline edits of a patient's details (m019), as any client sees the table:
a raw ``sqlite3`` connection cannot change or remove a resolved conflict, change an open one other
than by resolving it, remove one, or move a synced version back."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from cst_notes.domain.conflicts import Base, Conflict
from cst_notes.services import Services
from cst_notes.storage import clinic_conflicts
from cst_notes.storage.connection import Database

UID = "6b1c2d3e-0000-4000-8000-000000000019"
OPENED = dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def raw(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    path = tmp_path / "a.sqlite"
    Services.open(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    yield conn
    conn.close()


def _conflict(db: Database) -> int:
    return clinic_conflicts.add_conflict(
        db, Conflict(0, UID, {"phone": "0333"}, {"phone": "0222"}, base_version=1, theirs_version=2, opened_at=OPENED)
    )


def test_a_conflict_reads_back_and_is_resolved_once(raw: sqlite3.Connection) -> None:
    db = Database(raw)
    cid = _conflict(db)
    [found] = clinic_conflicts.open_conflicts(db)
    assert (found.id, found.patient_uid, found.mine, found.theirs) == (cid, UID, {"phone": "0333"}, {"phone": "0222"})
    assert (found.base_version, found.theirs_version, found.opened_at, found.resolved_at) == (1, 2, OPENED, None)
    assert clinic_conflicts.count_open(db) == 1
    clinic_conflicts.resolve(db, cid, OPENED, "Meera Das", {"choice": "theirs", "details": {"phone": "0222"}})
    assert clinic_conflicts.count_open(db) == 0
    done = clinic_conflicts.get_conflict(db, cid)
    assert done is not None
    assert (done.resolved_at, done.resolved_by, done.resolution) == (
        OPENED,
        "Meera Das",
        {"choice": "theirs", "details": {"phone": "0222"}},
    )
    with pytest.raises(LookupError):
        clinic_conflicts.resolve(db, cid, OPENED, "Rahul Sen", {"choice": "mine", "details": {"phone": "0333"}})


@pytest.mark.parametrize(
    "attack",
    [
        'UPDATE clinic_conflicts SET resolution = \'{"choice": "mine"}\'',
        "UPDATE clinic_conflicts SET resolved_by = 'Someone Else'",
        "UPDATE clinic_conflicts SET resolved_at = NULL, resolved_by = NULL, resolution = NULL",
        'UPDATE clinic_conflicts SET theirs = \'{"phone": "0999"}\'',
        "DELETE FROM clinic_conflicts",
    ],
)
def test_a_resolved_conflict_is_never_changed_or_removed_by_a_raw_client(raw: sqlite3.Connection, attack: str) -> None:
    db = Database(raw)
    cid = _conflict(db)
    clinic_conflicts.resolve(db, cid, OPENED, "Meera Das", {"choice": "theirs", "details": {"phone": "0222"}})
    before = raw.execute("SELECT * FROM clinic_conflicts").fetchall()
    with pytest.raises(sqlite3.IntegrityError, match=r"clinic_conflicts: a (resolved )?conflict is never"):
        raw.execute(attack)
    assert raw.execute("SELECT * FROM clinic_conflicts").fetchall() == before


@pytest.mark.parametrize(
    ("attack", "refusal"),
    [
        ("UPDATE clinic_conflicts SET mine = theirs", "an open conflict is only resolved"),
        ("UPDATE clinic_conflicts SET base_version = 0", "an open conflict is only resolved"),
        (
            "UPDATE clinic_conflicts SET mine = theirs, resolved_at = '2026-12-05T10:00:00Z', resolved_by = 'x',"
            " resolution = '{}'",
            "an open conflict is only resolved",
        ),
        ("DELETE FROM clinic_conflicts", "a conflict is never removed"),
    ],
)
def test_an_open_conflict_keeps_both_versions_as_found(raw: sqlite3.Connection, attack: str, refusal: str) -> None:
    _conflict(Database(raw))
    before = raw.execute("SELECT * FROM clinic_conflicts").fetchall()
    with pytest.raises(sqlite3.IntegrityError, match=refusal):
        raw.execute(attack)
    assert raw.execute("SELECT * FROM clinic_conflicts").fetchall() == before


def test_one_open_conflict_per_patient(raw: sqlite3.Connection) -> None:
    db = Database(raw)
    _conflict(db)
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        _conflict(db)


def test_a_synced_version_never_goes_back(raw: sqlite3.Connection) -> None:
    db = Database(raw)
    clinic_conflicts.set_base(db, UID, Base(3, {"phone": "0222"}), OPENED)
    clinic_conflicts.set_base(db, UID, Base(2, {"phone": "0111"}), OPENED)  # an older one is ignored
    assert clinic_conflicts.get_base(db, UID) == Base(3, {"phone": "0222"})
    with pytest.raises(sqlite3.IntegrityError, match="a synced version never goes back"):
        raw.execute("UPDATE clinic_bases SET version = 1")
    clinic_conflicts.set_base(db, UID, Base(4, {"phone": "0444"}), OPENED)
    assert clinic_conflicts.get_base(db, UID) == Base(4, {"phone": "0444"})


PLAN = "6b1c2d3e-0000-4000-8000-000000000024"


def test_a_plan_conflict_is_one_of_its_own_beside_the_details_and_keeps_its_plan(raw: sqlite3.Connection) -> None:
    """m024: a patient may hold one open conflict of their details and one of each plan; a raw
    client cannot move an open conflict to another plan."""
    db = Database(raw)
    _conflict(db)
    plan = Conflict(0, UID, {"home_care": "a"}, {"home_care": "b"}, 1, 2, OPENED, plan_uid=PLAN)
    cid = clinic_conflicts.add_conflict(db, plan)
    found = clinic_conflicts.open_conflict_of(db, UID, PLAN)
    assert found is not None
    assert (found.id, found.plan_uid, found.mine) == (cid, PLAN, {"home_care": "a"})
    assert clinic_conflicts.count_open(db) == 2
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        clinic_conflicts.add_conflict(db, plan)
    before = raw.execute("SELECT * FROM clinic_conflicts").fetchall()
    with pytest.raises(sqlite3.IntegrityError, match="both versions kept as found"):
        raw.execute("UPDATE clinic_conflicts SET plan_uid = NULL WHERE id = ?", [cid])
    assert raw.execute("SELECT * FROM clinic_conflicts").fetchall() == before


def test_a_plans_synced_version_never_goes_back(raw: sqlite3.Connection) -> None:
    db = Database(raw)
    clinic_conflicts.set_plan_base(db, PLAN, UID, Base(3, {"home_care": "b"}), OPENED)
    clinic_conflicts.set_plan_base(db, PLAN, UID, Base(2, {"home_care": "a"}), OPENED)  # an older one is ignored
    assert clinic_conflicts.get_plan_base(db, PLAN) == Base(3, {"home_care": "b"})
    with pytest.raises(sqlite3.IntegrityError, match="a synced version never goes back"):
        raw.execute("UPDATE clinic_plan_bases SET version = 1")
    with pytest.raises(sqlite3.IntegrityError, match="a synced version never goes back"):
        raw.execute("UPDATE clinic_plan_bases SET patient_uid = ?", ["6b1c2d3e-0000-4000-8000-000000000099"])
    assert clinic_conflicts.get_plan_base(db, PLAN) == Base(3, {"home_care": "b"})
