"""The suite's watch on SQLite connections (tests/connections.py) catches one left open."""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path

from tests import connections


def _forget_a_connection(path: Path) -> None:
    sqlite3.connect(path).execute("SELECT 1")


def test_a_connection_left_to_the_collector_is_named_with_where_it_was_opened(tmp_path: Path) -> None:
    _forget_a_connection(tmp_path / "x.sqlite")
    gc.collect()
    found, connections.left_open[:] = list(connections.left_open), []
    assert len(found) == 1
    assert found[0].startswith("tests/test_connections_closed.py:13 (_forget_a_connection) < ")


def test_a_closed_connection_is_not_named(tmp_path: Path) -> None:
    assert connections.query(tmp_path / "y.sqlite", "SELECT 1") == [(1,)]
    gc.collect()
    assert connections.left_open == []
