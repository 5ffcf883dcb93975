"""Damage a database file the way the world does, past the app's own guards, for the tests of
``check`` and of the app's surviving what it finds.

``write_behind_the_guards`` writes a row no CST Notes code would: the triggers and CHECK
constraints that refuse it are set aside for that one statement and put back exactly as they were
(so that ``check``'s comparison of the triggers still passes, and only the bad row is found).
The other helpers flip a byte, cut a file short, or damage a full-text index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def write_behind_the_guards(path: Path, sql: str, params: Sequence[Any] = ()) -> None:
    """Run ``sql`` on the file at ``path`` with its triggers dropped, CHECK constraints ignored and
    foreign keys off; then recreate every trigger from its saved SQL."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid").fetchall()
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("BEGIN")
        for name, _ in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute(sql, list(params))
        for _, trigger_sql in triggers:
            conn.execute(trigger_sql)
        conn.execute("COMMIT")
    finally:
        conn.close()


def flip_byte(path: Path, text: str) -> int:
    """Replace the first byte of ``text`` (as stored, UTF-8) in the file with 0xFF, which no UTF-8
    text holds: the page stays sound, the text cannot be decoded. Returns the offset changed."""
    data = bytearray(path.read_bytes())
    offset = data.find(text.encode("utf-8"))
    if offset < 0:
        raise ValueError(f"{text!r} is not in {path}")
    data[offset] = 0xFF
    path.write_bytes(bytes(data))
    return offset


def checkpoint(path: Path) -> None:
    """Move everything from the write-ahead log into the file itself (so that its bytes hold the rows)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()


def cut_short(path: Path, keep: float = 0.6) -> None:
    """Truncate the file to a part of its length, at a page boundary."""
    size = path.stat().st_size
    page = 4096
    path.write_bytes(path.read_bytes()[: max(page, int(size * keep) // page * page)])


def damage_search_index(path: Path, index: str) -> None:
    """Delete the rows of a full-text index's own data table: its integrity-check then fails."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute(f"DELETE FROM {index}_data WHERE id > 10")
    finally:
        conn.close()
