"""The storage layer's handle on its one connection: statements, a table's rows as dicts, and
transactions (savepoints inside one).

The app's connections run without implicit transactions (``database.connect``), so a statement
outside ``atomic()`` (or ``database.write``) commits on its own. sqlite-utils is not needed for
this, and its import (with click, dateutil and pluggy) is a good part of a cold start: it is
imported only where the migrations run (``schema.apply_migrations``).
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from typing import Any

_savepoints = itertools.count(1)
Tracer = Callable[[str, Any], object]


class Database:
    """One SQLite (or SQLCipher) connection. Triggers fire from within triggers (SQLite's
    ``recursive_triggers``), as they did under sqlite-utils: the guards and cascades count on it."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._tracer: Tracer | None = None
        conn.execute("PRAGMA recursive_triggers = ON")

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> sqlite3.Cursor:
        if self._tracer is not None:
            self._tracer(sql, parameters)
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)

    @contextlib.contextmanager
    def tracer(self, tracer: Tracer) -> Iterator[None]:
        """``tracer(sql, parameters)`` is told each statement sent meanwhile (the benchmark replays them)."""
        self._tracer = tracer
        try:
            yield
        finally:
            self._tracer = None

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """The rows of a SELECT of one table, each as a dict by column name; the statement runs
        now, the rows are read as they are iterated."""
        cursor = self.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return (dict(zip(names, row, strict=True)) for row in cursor)

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """A transaction (BEGIN … COMMIT), or inside one a savepoint; an error undoes it and is raised."""
        conn = self.conn
        if conn.in_transaction:
            savepoint = f"cst_notes_{next(_savepoints)}"
            conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                if conn.in_transaction:  # a RAISE(ROLLBACK) in a trigger has already ended it all
                    conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        conn.execute("BEGIN")
        try:
            yield self
            conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:  # (not ended by the error already)
                conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.conn.close()
