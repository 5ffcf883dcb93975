"""A raw ``sqlite3`` client (foreign keys off, as the shell has them) cannot add a part to a signed
session (a rhythm finding, an event, a restriction, a technique, an adverse reaction), nor put a
row in place of a part stored already, even of a draft; a part of a draft is let in. Where a row
breaks several rules, the database says the guard's first (a code of no vocabulary, no such
session), then the stored row, then the lock: the words a person reading the refusal needs first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from cst_notes.services import Services

LOCKED = "this session is signed and locked: it cannot be changed or deleted; add an addendum instead"
STORED = "this part of a session is stored already: a row is changed in place (if it may be), never replaced"

# Per part: its columns after the session's id, a row of them the guard lets in, and one of a bad code.
PARTS = {
    "rhythm_findings": ("position, station, side", "90, 'heels', 'both'", "90, 'elbow', 'both'", "STATIONS"),
    "session_events": ("position, kind, minute", "90, 'still_point', 5", "90, 'nap', 5", "SESSION_EVENT_KINDS"),
    "restrictions": (
        "position, region, side, severity",
        "90, 'spine.coccyx', 'midline', 'mild'",
        "90, 'spine.tail', 'midline', 'mild'",
        "REGIONS",
    ),
    "techniques_applied": ("position, technique", "90, 'arcing'", "90, 'reiki'", "TECHNIQUES"),
    "adverse_reactions": ("position, code", "90, 'fatigue'", "90, 'hiccups'", "NOTED_AFTER_SESSION"),
}


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("guard") / "clinic.sqlite"
    services = Services.open(path)
    services.create_demo_clinic(3, 4, seed=2)  # signed sessions, and a draft of each patient's last
    services.close()
    return path


@pytest.fixture
def raw(clinic: Path, tmp_path: Path) -> Iterator[sqlite3.Connection]:
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(clinic.read_bytes())
    conn = sqlite3.connect(copy, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    yield conn
    conn.close()


def _session(conn: sqlite3.Connection, status: str) -> int:
    return int(conn.execute("SELECT id FROM sessions WHERE status = ? ORDER BY id LIMIT 1", [status]).fetchone()[0])


def _refused(conn: sqlite3.Connection, table: str, sql: str) -> str:
    before = conn.execute(f"SELECT count(*), total(id) FROM {table}").fetchone()
    with pytest.raises(sqlite3.DatabaseError) as refused:
        conn.execute(sql)
    assert conn.execute(f"SELECT count(*), total(id) FROM {table}").fetchone() == before
    return str(refused.value)


@pytest.mark.parametrize("table", PARTS)
def test_a_new_part_of_a_signed_session_is_refused(raw: sqlite3.Connection, table: str) -> None:
    columns, good, _, _ = PARTS[table]
    sql = f"INSERT INTO {table} (session_id, {columns}) VALUES ({_session(raw, 'signed')}, {good})"
    assert _refused(raw, table, sql) == LOCKED


@pytest.mark.parametrize("table", PARTS)
def test_a_part_of_a_draft_is_let_in(raw: sqlite3.Connection, table: str) -> None:
    columns, good, _, _ = PARTS[table]
    draft = _session(raw, "draft")
    raw.execute(f"INSERT INTO {table} (session_id, {columns}) VALUES ({draft}, {good})")
    assert raw.execute(f"SELECT count(*) FROM {table} WHERE session_id = ? AND position = 90", [draft]).fetchone() == (
        1,
    )


@pytest.mark.parametrize("table", PARTS)
def test_a_row_in_place_of_a_stored_part_is_refused_even_of_a_draft(raw: sqlite3.Connection, table: str) -> None:
    columns, good, _, _ = PARTS[table]
    draft = _session(raw, "draft")
    raw.execute(f"INSERT INTO {table} (session_id, {columns}) VALUES ({draft}, {good})")
    stored = raw.execute(f"SELECT max(id) FROM {table}").fetchone()[0]
    sql = f"INSERT OR REPLACE INTO {table} (id, session_id, {columns}) VALUES ({stored}, {draft}, {good})"
    assert _refused(raw, table, sql) == STORED


@pytest.mark.parametrize("table", PARTS)
def test_the_guard_speaks_first_then_the_stored_row_then_the_lock(raw: sqlite3.Connection, table: str) -> None:
    """The guard's rules first (m028's trigger, made last, fires first), then m010's no_replace, then
    m003's signed_no_insert."""
    columns, good, bad, vocabulary = PARTS[table]
    signed = _session(raw, "signed")
    raw.execute(f"INSERT INTO {table} (session_id, {columns}) VALUES ({_session(raw, 'draft')}, {good})")
    stored = raw.execute(f"SELECT max(id) FROM {table}").fetchone()[0]
    bad_code = f"INSERT INTO {table} (id, session_id, {columns}) VALUES ({stored}, {signed}, {bad})"
    assert vocabulary in _refused(raw, table, bad_code)
    in_place = f"INSERT INTO {table} (id, session_id, {columns}) VALUES ({stored}, {signed}, {good})"
    assert _refused(raw, table, in_place) == STORED
    no_session = f"INSERT INTO {table} (session_id, {columns}) VALUES (99999, {good})"
    assert _refused(raw, table, no_session) == f"{table}.session_id: no session has this id"
