"""The integrity check at the app's start runs in a thread: the window opens at once, the first
change waits for the check, and a damaged file refuses every change (and is left as it was)."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import time
from pathlib import Path

import pytest

from cst_notes.domain.patient import Patient
from cst_notes.services import DamagedDatabaseError, Services
from cst_notes.storage import database

PAGE = 4096


def _status(services: Services, timeout: float = 20.0) -> list[str]:
    until = time.monotonic() + timeout
    while (status := services.integrity_status()) is None:
        assert time.monotonic() < until, "the background check never finished"
        time.sleep(0.01)
    return status


def _clinic(db_path: Path, patients: int = 300) -> None:
    services = Services.open(db_path)
    for n in range(patients):
        services.create_patient(Patient(f"Patient number {n} " + "x" * 150, dt.date(1980, 1, 1)))
    services.close()


def _scribble_over_the_last_pages(db_path: Path) -> bytes:
    data = bytearray(db_path.read_bytes())
    data[-3 * PAGE :] = b"\xff" * (3 * PAGE)
    db_path.write_bytes(bytes(data))
    return bytes(data)


def test_a_healthy_file_reads_at_once_and_saves_once_checked(db_path: Path) -> None:
    _clinic(db_path, 20)
    services = Services.open(db_path, check_in_background=True, back_up_when_checked=True)
    try:
        assert len(services.patient_summaries()) == 20  # reading does not wait for the check
        changed = services.create_patient(Patient("After the check", dt.date(1990, 5, 5)))  # waits, then saves
        assert services.patient(changed.patient_id).full_name == "After the check"
        assert _status(services) == []
        services.close()
        services = Services.open(db_path)
        assert len(services.patient_summaries()) == 21
        assert len(services.backups()) == 1  # the day's backup, made in the check's thread
    finally:
        services.close()


def test_no_backup_is_made_unless_asked(db_path: Path) -> None:
    _clinic(db_path, 5)
    services = Services.open(db_path, check_in_background=True)
    assert _status(services) == []
    services.close()
    with contextlib.closing(Services.open(db_path)) as reopened:
        assert reopened.backups() == []


def test_a_damaged_file_found_in_the_background_refuses_changes_and_is_left_untouched(db_path: Path) -> None:
    _clinic(db_path)
    damaged = _scribble_over_the_last_pages(db_path)
    services = Services.open(db_path, check_in_background=True, back_up_when_checked=True)
    try:
        problems = _status(services)
        assert problems, "the scribbled pages were not noticed"
        with pytest.raises(DamagedDatabaseError, match="damaged"):
            services.create_patient(Patient("Not saved", dt.date(1990, 1, 1)))
        assert services.backups() == []  # a damaged file is never copied over the good backups
    finally:
        services.close()
    assert db_path.read_bytes() == damaged


def test_closing_during_the_check_stops_it(db_path: Path) -> None:
    _clinic(db_path, 50)
    services = Services.open(db_path, check_in_background=True)
    services.close()  # returns; the thread has been interrupted or has finished
    reopened = Services.open(db_path)
    assert len(reopened.patient_summaries()) == 50
    reopened.close()


def test_the_search_workers_reader_never_writes(db_path: Path) -> None:
    _clinic(db_path, 3)
    reader = Services.open_reader(db_path)
    try:
        assert [m.full_name for m in reader.search("number 2")][:1] == ["Patient number 2 " + "x" * 150]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.create_patient(Patient("Never", dt.date(1990, 1, 1)))
    finally:
        reader.close()
    with contextlib.closing(Services.open(db_path)) as reopened:
        assert len(reopened.patient_summaries()) == 3


def test_a_backup_asked_for_during_the_start_waits_for_the_days_backup(db_path: Path) -> None:
    """Closing just after the start: the closing backup follows the start's (never racing it), and
    the rotation keeps the day's newest, whole."""
    _clinic(db_path, 30)
    services = Services.open(db_path, check_in_background=True, back_up_when_checked=True)
    try:
        closing = services.back_up_on_closing()
        names = [path.name for _, path in services.backups()]
    finally:
        services.close()
    assert names == [closing.name]  # one a day: the start's was made, then rotated out
    with contextlib.closing(Services.open(db_path)) as reopened:
        backups = reopened.backups()
    for _, path in backups:
        with contextlib.closing(Services.open(path, migrate=False)) as copy:
            assert len(copy.patient_summaries()) == 30


def test_a_damaged_file_is_never_backed_up_over_the_good_backups(db_path: Path) -> None:
    _clinic(db_path)
    _scribble_over_the_last_pages(db_path)
    services = Services.open(db_path, check_in_background=True)
    try:
        assert _status(services)
        with pytest.raises(DamagedDatabaseError):
            services.back_up_on_closing()  # what closing the app asks for
        assert services.backups() == []
    finally:
        services.close()


def test_a_copy_that_fails_its_check_is_not_left_behind(db_path: Path, tmp_path: Path) -> None:
    _clinic(db_path)
    _scribble_over_the_last_pages(db_path)
    db = database.open_database(db_path, check="none")  # as a reader would: unchecked
    target = tmp_path / "copies" / "copy.sqlite"
    try:
        with pytest.raises(database.StorageError):
            database.backup_database(db, target)
    finally:
        db.close()
    assert not target.exists()
    assert list(target.parent.iterdir()) == []
