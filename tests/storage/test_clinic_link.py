"""The laptop's link to its clinic server (m017): one row, read back as kept with which patients
the laptop holds (m021); the table itself refuses an address holding a password, or a holding
other than own or whole clinic, whatever client writes it."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database as MigratingDatabase

from cst_notes.domain.clinic import ClinicLink
from cst_notes.services import Services
from cst_notes.storage import clinic_link
from cst_notes.storage.connection import Database
from cst_notes.storage.schema import migration_set

JOINED = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
UID = "6b1c2d3e-0000-4000-8000-000000000017"
_INSERT = (
    "INSERT OR REPLACE INTO clinic_server (id, server, db_role, practitioner, laptop_uid, joined_at)"
    " VALUES (1, ?, 'rahul', 'Rahul Sen', ?, '2026-12-03T09:00:00Z')"
)


@pytest.fixture
def raw(tmp_path: Path) -> sqlite3.Connection:
    path = tmp_path / "a.sqlite"
    Services.open(path).close()
    return sqlite3.connect(path)


def test_the_link_reads_back_as_kept(raw: sqlite3.Connection) -> None:
    db = Database(raw)
    assert clinic_link.get_link(db) is None
    link = ClinicLink("postgresql://rahul@db.example/clinic?sslmode=require", "rahul", "Rahul Sen", UID, JOINED)
    clinic_link.save_link(db, link)
    assert clinic_link.get_link(db) == link
    raw.close()


@pytest.mark.parametrize(
    "server",
    [
        "postgresql://rahul:s3cret@db.example/clinic",
        "postgresql://rahul@db.example/clinic?password=s3cret",
        "postgresql://rahul@db.example/clinic?sslmode=require&PASSWORD=s3cret",
        "host=db.example user=rahul",
    ],
)
def test_the_table_refuses_an_address_holding_a_password(raw: sqlite3.Connection, server: str) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        raw.execute(_INSERT, [server, UID])
    raw.close()


@pytest.mark.parametrize(
    "server", ["postgresql://rahul@/password_book?host=/run/postgresql", "postgresql://rahul@db.example:5433/clinic"]
)
def test_the_table_keeps_an_address_without_one(raw: sqlite3.Connection, server: str) -> None:
    raw.execute(_INSERT, [server, UID])
    assert raw.execute("SELECT server FROM clinic_server").fetchall() == [(server,)]
    raw.close()


@pytest.mark.parametrize("whole_clinic", [False, True])
def test_which_patients_the_laptop_holds_reads_back_as_kept(raw: sqlite3.Connection, whole_clinic: bool) -> None:
    db = Database(raw)
    link = ClinicLink("postgresql://rahul@db.example/clinic?sslmode=require", "rahul", "Rahul Sen", UID, JOINED)
    clinic_link.save_link(db, replace(link, whole_clinic=whole_clinic))
    assert clinic_link.get_link(db) == replace(link, whole_clinic=whole_clinic)
    raw.close()


@pytest.mark.parametrize("value", [2, -1, "yes"])
def test_the_table_refuses_a_holding_other_than_own_or_whole(raw: sqlite3.Connection, value: object) -> None:
    raw.execute(_INSERT, ["postgresql://rahul@db.example/clinic", UID])
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        raw.execute("UPDATE clinic_server SET whole_clinic = ?", [value])
    assert raw.execute("SELECT whole_clinic FROM clinic_server").fetchall() == [(0,)]
    raw.close()


def test_m021_drops_the_mark_of_a_pull_of_own_patients_and_keeps_one_of_the_whole_clinic(tmp_path: Path) -> None:
    """Before m021 a pull of one's own patients read only those held: its mark would skip the
    patients of hers the server held alone, so the next pull reads everything once."""
    marks = {}
    for whole in (0, 1):
        conn = sqlite3.connect(tmp_path / f"{whole}.sqlite", isolation_level=None)
        migration_set().apply(MigratingDatabase(conn, execute_plugins=False), stop_before="m021_clinic_holds")
        conn.execute(_INSERT, ["postgresql://rahul@db.example/clinic", UID])
        conn.execute(
            "INSERT INTO clinic_pull_mark VALUES (1, 'postgresql://rahul@db.example/clinic', ?, 917, "
            "'2026-12-03T09:00:00Z')",
            [whole],
        )
        conn.close()
        services = Services.open(tmp_path / f"{whole}.sqlite")
        marks[whole] = services.pull_mark("postgresql://rahul@db.example/clinic", False)
        link = services.clinic_link()
        services.close()
        assert link is not None
        assert link.whole_clinic is False
    assert marks == {0: None, 1: 917}


@pytest.mark.parametrize(
    ("table", "column"), [("clinic_syncs", "refused"), ("clinic_syncs", "left_there"), ("clinic_pull_mark", "refused")]
)
@pytest.mark.parametrize("value", ['{"a": 1}', "not json", "3"])
def test_the_lists_a_pull_keeps_refuse_anything_but_a_json_array(
    raw: sqlite3.Connection, table: str, column: str, value: str
) -> None:
    insert = {
        "clinic_syncs": "INSERT INTO clinic_syncs (kind, finished_at, audit_mark, summary, {c}) VALUES"
        " ('pull', '2026-12-03T09:00:00Z', 0, '', ?)",
        "clinic_pull_mark": "INSERT INTO clinic_pull_mark (id, server, whole_clinic, mark, pulled_at, {c})"
        " VALUES (1, 'postgresql://rahul@db.example/clinic', 0, 5, '2026-12-03T09:00:00Z', ?)",
    }[table].format(c=column)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        raw.execute(insert, [value])
    assert raw.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
    raw.close()
