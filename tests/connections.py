"""Every SQLite connection the app or a test opens is closed (issue 14, item 14).

Python 3.13 warns about a connection that is garbage-collected while open, and the suite turns
warnings into errors: on Debian 13 a different few tests failed each run, as the collector
happened to run. This catches the same leaks on every Python, where they are made: connections
opened from this project's code are made as ``TrackedConnection``, which notes the place of one
that goes away unclosed.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OURS = (str(ROOT / "cst_notes"), str(ROOT / "tests"))
THIS_FILE = str(Path(__file__).resolve())
_connect = sqlite3.connect

left_open: list[str] = []  # where each connection that went away unclosed was opened


def _opened_where(depth: int = 3) -> str | None:
    """The innermost places in the app or the tests that asked for the connection, callers last."""
    places: list[str] = []
    frame = sys._getframe(2)
    while frame is not None and len(places) < depth:
        name = frame.f_code.co_filename
        if name.startswith(OURS) and name != THIS_FILE:
            places.append(f"{Path(name).relative_to(ROOT)}:{frame.f_lineno} ({frame.f_code.co_name})")
        frame = frame.f_back  # type: ignore[assignment]
    return " < ".join(places) or None


class TrackedConnection(sqlite3.Connection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.opened_at = _opened_where()
        self.closed = False

    def close(self) -> None:
        self.closed = True
        super().close()

    def __del__(self) -> None:
        if not self.closed and self.opened_at is not None:
            left_open.append(self.opened_at)


def _tracked_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
    kwargs.setdefault("factory", TrackedConnection)
    connection: sqlite3.Connection = _connect(*args, **kwargs)
    return connection


def start_tracking() -> None:
    sqlite3.connect = _tracked_connect  # type: ignore[assignment]


def query(path: str | Path, sql: str, *params: Any) -> list[Any]:
    """The rows of one query, from a connection of its own that is closed again (a sqlite3 reader)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
