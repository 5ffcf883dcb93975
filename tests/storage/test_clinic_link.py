"""The laptop's link to its clinic server (m017): one row, read back as kept; the table itself
refuses an address holding a password, whatever client writes it."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from cst_notes.domain.clinic import ClinicLink
from cst_notes.services import Services
from cst_notes.storage import clinic_link
from cst_notes.storage.connection import Database

JOINED = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
UID = "6b1c2d3e-0000-4000-8000-000000000017"
_INSERT = "INSERT OR REPLACE INTO clinic_server VALUES (1, ?, 'rahul', 'Rahul Sen', ?, '2026-12-03T09:00:00Z')"


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
