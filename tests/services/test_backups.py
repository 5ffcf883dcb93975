"""Rotating verified backups, restore, and encryption at rest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cst_notes.domain import audit as A
from cst_notes.domain.patient import Patient
from cst_notes.domain.session import Session
from cst_notes.domain.settings import ClinicSettings
from cst_notes.services import (
    Services,
    StorageError,
    WrongPassphraseError,
    encrypt_database,
    move_damaged_aside,
    newest_good_backup,
    restore_backup,
)
from cst_notes.storage import backups, database
from tests.conftest import NO_RECORDS_REASON
from tests.connections import query


def test_back_up_now_makes_a_checked_copy_in_the_backups_folder(file_services: Services, db_path: Path) -> None:
    file_services.create_demo_clinic(4, 3)
    path = file_services.back_up_now()
    assert path.parent == db_path.parent / "backups"
    assert path.name.startswith("cst-notes-")
    assert query(path, "SELECT count(*) FROM patients") == [(4,)]
    assert file_services.backups()[0][1] == path
    assert file_services.back_up_if_due() is None  # one a day is enough


def test_restore_puts_a_backup_back_and_moves_the_current_file_aside(db_path: Path) -> None:
    services = Services.open(db_path)
    services.create_demo_clinic(4, 3)
    backup = services.back_up_now()
    pid = services.patient_summaries()[0].id  # the practice keeps changing after the backup
    services.add_plan(pid, services.plans(pid)[-1])
    services.close()
    aside = restore_backup(db_path, backup).aside
    assert aside is not None
    assert aside.exists()
    assert "replaced" in aside.name
    services = Services.open(db_path)
    assert services.counts()["patients"] == 4
    assert services.check().ok
    assert services.history()[0].action == A.RESTORE
    services.close()


def test_a_damaged_database_is_moved_aside_and_the_newest_good_backup_restored(db_path: Path) -> None:
    services = Services.open(db_path)
    services.create_demo_clinic(3, 2)
    good = services.back_up_now()
    services.close()
    bad = good.with_name("cst-notes-29991231T000000Z.sqlite")  # a newer backup that is damaged
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    db_path.write_bytes(b"garbage" * 100)
    assert newest_good_backup(db_path) == good
    aside = move_damaged_aside(db_path)
    assert aside.read_bytes() == b"garbage" * 100
    restore_backup(db_path, good)
    services = Services.open(db_path)
    assert services.counts()["patients"] == 3
    services.close()


def test_a_damaged_backup_is_not_restored(db_path: Path, tmp_path: Path) -> None:
    Services.open(db_path).close()
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    before = db_path.read_bytes()
    with pytest.raises(StorageError):
        restore_backup(db_path, bad)
    assert db_path.read_bytes() == before


def test_encryption_round_trip_with_backups_and_locks(db_path: Path) -> None:
    services = Services.open(db_path)
    services.create_demo_clinic(3, 3)
    services.back_up_now()
    before = services.export_document()
    services.close()
    encrypted = encrypt_database(db_path, "ঢাকা-कोलकाता 2026").encrypted
    assert len(encrypted) == 2
    for path in encrypted:
        assert not path.read_bytes().startswith(b"SQLite format 3")
        assert "অমিত".encode() not in path.read_bytes()
    with pytest.raises(WrongPassphraseError, match="encrypted"):
        Services.open(db_path)
    with pytest.raises(WrongPassphraseError, match="does not open"):
        Services.open(db_path, key="wrong")
    services = Services.open(db_path, key="ঢাকা-कोलकाता 2026")
    assert services.check().ok
    after = services.export_document()
    assert [p["uid"] for p in after["patients"]] == [p["uid"] for p in before["patients"]]
    backup = services.back_up_now()
    assert not backup.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(Exception, match="signed and locked"):  # the locks survive encryption
        services._db.execute("DELETE FROM sessions WHERE status = 'signed'")
    services.close()
    restore_backup(db_path, backup, key="ঢাকা-कोलकाता 2026")
    assert Services.open(db_path, key="ঢাকা-कोलकाता 2026").counts()["patients"] == 3


def test_records_past_retention_are_listed_not_deleted(services: Services) -> None:
    old = services.create_patient(Patient("Emma Smith", dt.date(1970, 1, 1))).patient_id
    recent = services.create_patient(Patient("अनन्या गुप्ता", dt.date(1990, 1, 1))).patient_id
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=3 * 365)
    services.add_session(old, Session(long_ago, contraindication_override_reason=NO_RECORDS_REASON))
    services.add_session(
        recent,
        Session(dt.datetime.now(dt.UTC) - dt.timedelta(days=30), contraindication_override_reason=NO_RECORDS_REASON),
    )
    assert services.records_past_retention() == []
    services.save_settings(ClinicSettings(retention_years=2))
    [(summary, until)] = services.records_past_retention()
    assert summary.id == old
    assert until < services.today()
    assert services.counts() == {"patients": 2, "sessions": 2}


def test_a_second_backup_in_the_same_second_succeeds_and_the_rotation_keeps_the_newest(
    file_services: Services,
) -> None:
    first = file_services.back_up_on_closing()
    second = file_services.back_up_on_closing()
    assert first != second
    assert second.exists()
    assert [p for _, p in file_services.backups()] == [second]  # one a day: the newest


def test_a_manual_backup_survives_the_rotation_on_closing_the_same_day(file_services: Services) -> None:
    file_services.create_demo_clinic(3, 2)
    manual = file_services.back_up_now()
    closing = file_services.back_up_on_closing()  # the app closes the same day
    closing_again = file_services.back_up_on_closing()  # and once more: the rotation runs
    assert manual.exists()
    assert "manual" in manual.name
    assert not closing.exists()  # the day's rotating backup is the newest one
    assert [p for _, p in file_services.backups()] == [closing_again, manual]  # both offered for a restore


def test_a_manual_backup_survives_the_rotation_on_later_days(file_services: Services, db_path: Path) -> None:
    manual = file_services.back_up_now()
    folder = db_path.parent / "backups"
    start = dt.datetime.now(dt.UTC)
    for day in range(1, 500, 3):  # closing the app every third day for well over a year
        backups.make_rotating_backup(file_services._db, folder, start + dt.timedelta(days=day))
    assert manual.exists()
    assert len(backups.list_backups(folder)) < 30  # the rotation did remove its own
    assert manual in [p for _, p in file_services.backups()]


def test_a_manual_backup_is_the_newest_good_one_when_it_is_newest(db_path: Path) -> None:
    services = Services.open(db_path)
    services.back_up_on_closing()
    manual = services.back_up_now()
    services.close()
    assert newest_good_backup(db_path) == manual


def test_back_up_to_writes_a_checked_copy_into_the_chosen_folder(file_services: Services, tmp_path: Path) -> None:
    file_services.create_demo_clinic(4, 2)
    drive = tmp_path / "usb-drive"
    drive.mkdir()
    path = file_services.back_up_to(drive)
    assert path.parent == drive
    copy = Services.open(path, migrate=False)
    assert copy.check().ok
    assert copy.counts()["patients"] == 4
    copy.close()
    assert [p.name for p in drive.iterdir()] == [path.name]  # no partial file left beside it


def test_back_up_to_keeps_an_encrypted_database_encrypted(db_path: Path, tmp_path: Path) -> None:
    Services.open(db_path).close()
    encrypt_database(db_path, "ঢাকা 2026")
    services = Services.open(db_path, key="ঢাকা 2026")
    path = services.back_up_to(tmp_path)
    services.close()
    assert not path.read_bytes().startswith(b"SQLite format 3")
    copy = Services.open(path, key="ঢাকা 2026", migrate=False)
    assert copy.check().ok
    copy.close()


def test_back_up_to_a_folder_that_is_gone_says_so_and_makes_nothing(file_services: Services, tmp_path: Path) -> None:
    unplugged = tmp_path / "usb-drive" / "backups"
    with pytest.raises(StorageError, match="is not there"):
        file_services.back_up_to(unplugged)
    assert not (tmp_path / "usb-drive").exists()


def test_back_up_to_a_folder_that_cannot_be_written_says_why(file_services: Services, unwritable_folder: Path) -> None:
    before = sorted(p.name for p in unwritable_folder.iterdir())
    with pytest.raises(StorageError, match="cannot be written to"):
        file_services.back_up_to(unwritable_folder)
    assert sorted(p.name for p in unwritable_folder.iterdir()) == before


def test_a_copy_that_fails_its_check_leaves_no_file(
    file_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failed = database.CheckReport(ok=False, schema_version=0, latest_version=0, problems=("page 3: bad",))
    monkeypatch.setattr(database, "check_database", lambda _db: failed)
    with pytest.raises(StorageError, match="failed its integrity check"):
        file_services.back_up_to(tmp_path)
    assert [p.name for p in tmp_path.iterdir() if p.name != "clinic.sqlite" and "clinic.sqlite" not in p.name] == []
