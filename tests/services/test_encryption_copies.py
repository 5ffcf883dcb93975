"""Encryption at rest covers every copy the app made of the database, and a restore never leaves
an encrypted database plain."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cst_notes.domain.patient import Patient
from cst_notes.services import Services, StorageError, encrypt_database, restore_backup
from cst_notes.storage import database

NAME = "Ishaan Marwah-Quillfeather"
KEY = "ঢাকা-कोलकाता 2026"
SQLITE_HEADER = b"SQLite format 3\0"


def _clinic(db_path: Path) -> Services:
    services = Services.open(db_path)
    services.create_patient(Patient(NAME, dt.date(1980, 5, 1)))
    return services


def _plain_copies_naming_the_patient(folder: Path) -> list[Path]:
    """Every file under ``folder`` that is a plain SQLite database (or its journal) with the name in it."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if NAME.encode() in data:
            found.append(path)
    return found


def test_encrypting_leaves_no_plain_copy_the_app_made(db_path: Path) -> None:
    services = _clinic(db_path)
    manual = services.back_up_now()
    before_migration = database.pre_migration_backup_path(db_path)
    database.backup_database(services._db, before_migration)
    services.close()
    replaced = restore_backup(db_path, manual).aside  # the file a restore moved aside
    assert replaced is not None
    plain = _plain_copies_naming_the_patient(db_path.parent)
    assert {db_path, manual, before_migration, replaced} <= set(plain)
    assert all(p.read_bytes()[:16] == SQLITE_HEADER for p in (db_path, manual, before_migration, replaced))
    report = encrypt_database(db_path, KEY)
    assert _plain_copies_naming_the_patient(db_path.parent) == []
    assert set(report.encrypted) == {db_path, manual, before_migration, replaced}
    assert report.left_plain == []
    for copy in (manual, before_migration, replaced):
        opened = Services.open(copy, key=KEY, migrate=False)
        assert [s.full_name for s in opened.patient_summaries()] == [NAME]
        opened.close()


def test_a_damaged_plain_copy_that_cannot_be_encrypted_is_named(db_path: Path) -> None:
    _clinic(db_path).close()
    damaged = db_path.with_name(f"{db_path.stem}.damaged-20260101T000000Z.sqlite")
    damaged.write_bytes(SQLITE_HEADER + NAME.encode() + b"\0" * 200)
    report = encrypt_database(db_path, KEY)
    assert report.encrypted == [db_path]
    assert [path for path, _ in report.left_plain] == [damaged]
    assert damaged.exists()  # never deleted: it may be all that is left of some records


def test_restoring_a_plain_backup_into_an_encrypted_database_leaves_it_encrypted(db_path: Path, tmp_path: Path) -> None:
    services = _clinic(db_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    plain_backup = services.back_up_to(outside)
    services.close()
    encrypt_database(db_path, KEY)
    restored = restore_backup(db_path, plain_backup, key=KEY)
    assert restored.key == KEY
    assert restored.backup_was_plain
    assert db_path.read_bytes()[:16] != SQLITE_HEADER
    assert NAME.encode() not in db_path.read_bytes()
    assert _plain_copies_naming_the_patient(db_path.parent) == [plain_backup]  # the user's own file only
    reopened = Services.open(db_path, key=KEY)
    assert [s.full_name for s in reopened.patient_summaries()] == [NAME]
    reopened.close()


def test_restoring_an_encrypted_backup_into_a_plain_database_keeps_it_encrypted(db_path: Path, tmp_path: Path) -> None:
    services = _clinic(db_path)
    backup = tmp_path / "other" / "b.sqlite"
    database.backup_database(services._db, backup)
    services.close()
    encrypt_database(backup, KEY)
    restored = restore_backup(db_path, backup, backup_key=KEY)
    assert restored.key == KEY
    assert db_path.read_bytes()[:16] != SQLITE_HEADER
    reopened = Services.open(db_path, key=KEY)
    assert [s.full_name for s in reopened.patient_summaries()] == [NAME]
    reopened.close()


def test_a_damaged_plain_backup_is_not_restored_into_an_encrypted_database(db_path: Path, tmp_path: Path) -> None:
    _clinic(db_path).close()
    encrypt_database(db_path, KEY)
    before = db_path.read_bytes()
    bad = tmp_path / "usb" / "bad.sqlite"
    bad.parent.mkdir()
    bad.write_bytes(SQLITE_HEADER + b"\1" * 4000)
    with pytest.raises(StorageError, match=r"bad\.sqlite"):
        restore_backup(db_path, bad, key=KEY)
    assert db_path.read_bytes() == before
    assert list(tmp_path.glob(".restoring-*")) == []  # no scratch copy left
    assert list(tmp_path.glob("clinic.replaced-*")) == []  # nothing was moved aside
