"""Two app instances (or the app and a CLI command) writing to one file wait their turn: no save
fails with "database is locked" (issue 14, item 10), and one that cannot get its turn in time
says so plainly and changes nothing."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cst_notes.domain.patient import Patient
from cst_notes.services import BusyError, Services
from cst_notes.storage import database

REPO = Path(__file__).resolve().parents[2]
SAVES = 300  # each a new patient and a change to it: two writes, each reading first


def test_two_processes_saving_at_once_both_succeed_every_time(db_path: Path) -> None:
    Services.open(db_path).close()
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.durability.two_writers", str(db_path), name, str(SAVES)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("অমিত", "Priya")
    ]
    results = [writer.communicate(timeout=600) for writer in writers]
    assert [out.strip() for out, _ in results] == [f"ok {SAVES}", f"ok {SAVES}"], results
    services = Services.open(db_path)
    try:
        assert len(services.patient_summaries()) == 2 * SAVES
        assert services.check().ok
    finally:
        services.close()


def test_a_save_that_cannot_get_its_turn_says_so_and_changes_nothing(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", 0.2)
    services = Services.open(db_path)
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program, in the middle of a long write
        with pytest.raises(BusyError, match=r"kept the database busy for 0\.2 seconds; nothing was saved"):
            services.create_patient(Patient("Not saved", dt.date(1990, 1, 1)))
        other.execute("ROLLBACK")
        assert services.patient_summaries() == []
        services.create_patient(Patient("Saved once the other has finished", dt.date(1990, 1, 1)))
        assert [p.full_name for p in services.patient_summaries()] == ["Saved once the other has finished"]
    finally:
        other.close()
        services.close()
