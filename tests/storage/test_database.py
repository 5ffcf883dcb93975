"""Opening, migrating, checking and backing up the database file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from cst_notes.storage import connection, database, schema
from cst_notes.storage.database import DamagedDatabaseError, StorageError, open_database
from tests.connections import query

NOW = "2026-01-01T09:00:00Z"  # a UTC time as the app writes it

TABLES = {
    "patients", "intakes", "intake_conditions", "intake_medications", "intake_surgeries", "intake_trauma",
    "intake_contraindications", "sessions", "rhythm_findings", "session_events", "restrictions",
    "techniques_applied", "adverse_reactions", "custom_techniques", "follow_up_plans", "plan_goals",
    "plan_referrals", "clinic_settings",
}  # fmt: skip


def table_names(db: connection.Database) -> list[str]:
    return [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]


def test_a_new_database_gets_the_whole_schema_and_durable_settings(db_path: Path) -> None:
    db = open_database(db_path)
    assert set(table_names(db)) >= TABLES
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert database.schema_version(db) == len(schema.MIGRATION_NAMES)
    assert database.check_database(db).ok
    db.close()


def test_opening_again_applies_nothing_and_makes_no_backup(db_path: Path) -> None:
    open_database(db_path).close()
    open_database(db_path).close()
    assert sorted(p.name for p in db_path.parent.iterdir() if "before-migration" in p.name) == []


def test_the_schema_explains_itself_to_a_sqlite3_reader(db_path: Path) -> None:
    open_database(db_path).close()
    [(sql,)] = query(db_path, "SELECT sql FROM sqlite_master WHERE name = 'rhythm_findings'")
    assert "cycles per minute" in sql
    assert "listening station" in sql


def test_a_damaged_file_is_refused_and_left_untouched(db_path: Path) -> None:
    db_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    before = db_path.read_bytes()
    with pytest.raises(DamagedDatabaseError, match="has not been changed"):
        open_database(db_path)
    assert db_path.read_bytes() == before
    assert not Path(f"{db_path}-wal").exists()


def test_a_corrupted_page_is_detected(db_path: Path) -> None:
    db = open_database(db_path)
    db.execute("PRAGMA journal_mode = DELETE")
    with db.atomic():
        for n in range(300):
            db.execute(
                "INSERT INTO patients (uid, full_name, birth_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                [f"u{n}", f"Patient number {n} " + "x" * 200, "1980-01-01", NOW, NOW],
            )
    db.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    data[2 * page : 4 * page] = b"\xff" * (2 * page)  # scribble over two b-tree pages
    db_path.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabaseError):
        open_database(db_path)


def test_another_programs_database_is_not_taken_over(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(DamagedDatabaseError, match="not a CST Notes one"):
        open_database(db_path)
    assert query(db_path, "SELECT name FROM sqlite_master") == [("recipes",)]


def test_a_missing_file_is_not_created_when_asked_not_to(db_path: Path) -> None:
    with pytest.raises(StorageError, match="no CST Notes database"):
        open_database(db_path, create=False)
    assert not db_path.exists()


def test_a_new_migration_backs_up_the_old_file_first(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = open_database(db_path)
    db.execute(
        "INSERT INTO patients (uid, full_name, birth_date, created_at, updated_at) "
        "VALUES ('u1', 'অমিত রায়', '1980-01-01', '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z')"
    )
    db.close()

    newer = Migrations(schema.MIGRATION_SET)
    newer()(schema.m001_initial_schema)

    @newer()
    def m002_add_reminders(db: Database) -> None:
        db.execute("CREATE TABLE reminders (id INTEGER PRIMARY KEY, text TEXT)")

    monkeypatch.setattr(schema, "migration_set", lambda: newer)
    monkeypatch.setattr(schema, "MIGRATION_NAMES", ["m001_initial_schema", "m002_add_reminders"])
    db = open_database(db_path)
    assert "reminders" in table_names(db)
    db.close()
    backups = [p for p in db_path.parent.iterdir() if "before-migration" in p.name and p.suffix == ".sqlite"]
    assert len(backups) == 1
    assert query(backups[0], "SELECT full_name FROM patients") == [("অমিত রায়",)]
    assert ("reminders",) not in query(backups[0], "SELECT name FROM sqlite_master")


def test_the_database_itself_refuses_impossible_values(db_path: Path) -> None:
    db = open_database(db_path)
    db.execute(
        "INSERT INTO patients (id, uid, full_name, birth_date, created_at, updated_at) "
        "VALUES (1, 'u1', 'Emma', '1980-01-01', '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z')"
    )
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO sessions (uid, patient_id, started_at, duration_minutes, pain_before, created_at, updated_at) "
            "VALUES ('s1', 1, '2026-01-01T09:00:00Z', 60, 11, '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z')"
        )
    with pytest.raises(sqlite3.IntegrityError):  # a session for a patient who does not exist
        db.execute(
            "INSERT INTO sessions (uid, patient_id, started_at, duration_minutes, created_at, updated_at) "
            "VALUES ('s2', 99, '2026-01-01T09:00:00Z', 60, '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z')"
        )
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE patients SET birth_date = '1980-13-01' WHERE id = 1")
    db.close()


def test_a_backup_is_a_checked_copy_and_never_overwrites(db_path: Path, tmp_path: Path) -> None:
    db = open_database(db_path)
    db.execute(
        "INSERT INTO patients (uid, full_name, birth_date, created_at, updated_at) "
        "VALUES ('u1', 'प्रिया शर्मा', '1990-01-01', '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z')"
    )
    target = tmp_path / "copies" / "backup.sqlite"
    report = database.backup_database(db, target)
    assert report.ok
    assert query(target, "SELECT full_name FROM patients") == [("प्रिया शर्मा",)]
    with pytest.raises(StorageError, match="already exists"):
        database.backup_database(db, target)
    db.close()
