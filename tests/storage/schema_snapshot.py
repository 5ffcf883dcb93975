"""The whole schema of a new database as text, and the committed snapshot it is compared with.

``python -m tests.storage.schema_snapshot`` (``make schema-snapshot``) rewrites the snapshot: do
that on purpose, with a new migration, and read the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

SNAPSHOT = Path(__file__).resolve().parent / "schema" / "snapshot.sql"

# sqlite-utils' record of applied migrations, and the tables SQLite makes itself for each
# full-text index (they differ between SQLite versions): not the app's schema.
_SHADOWS = ("data", "idx", "content", "docsize", "config")


def schema_text(conn: Any) -> str:
    """Every table, index, trigger and view in ``sqlite_master``, ordered by type and name."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    virtual = [name for _, name, _, sql in rows if (sql or "").startswith("CREATE VIRTUAL TABLE")]
    shadows = {f"{table}_{suffix}" for table in virtual for suffix in _SHADOWS}
    return "".join(
        f"-- {kind} {name} on {table}\n{sql};\n\n"
        for kind, name, table, sql in rows
        if sql and name not in shadows and not name.startswith("_sqlite_migrations")
    )


def new_database_schema() -> str:
    from cst_notes.storage.database import open_database

    db = open_database(":memory:")
    try:
        return schema_text(db.conn)
    finally:
        db.close()


if __name__ == "__main__":
    SNAPSHOT.write_text(new_database_schema(), encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
