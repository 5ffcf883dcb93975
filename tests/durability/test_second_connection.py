"""A second connection in the app's own process (the search worker's, the background check's) and
another process opening and closing the same file lose none of the app's saves.

On Linux, closing any file descriptor of a file drops every lock the process holds on it. Reading
the file's header with Python's own ``open()`` while the app's connection was open let another
process's closing connection take the database for unused, checkpoint and delete the write-ahead
log the app was still writing to: later saves went to a deleted file and were lost."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from cst_notes.domain.patient import Patient
from cst_notes.services import Services

REPO = Path(__file__).resolve().parents[2]
OPEN_AND_CLOSE = "import sys; from cst_notes.services import Services; Services.open(sys.argv[1]).close()"


def test_saves_outlive_a_second_connection_here_and_another_process_closing(tmp_path: Path) -> None:
    db = tmp_path / "clinic.sqlite"
    app = Services.open(db)
    try:
        app.create_patient(Patient("Before Anything", dt.date(1980, 1, 1)))
        Services.open_reader(db).close()  # as the search worker does, in this process
        subprocess.run([sys.executable, "-c", OPEN_AND_CLOSE, str(db)], cwd=REPO, check=True, timeout=60)
        app.create_patient(Patient("After The Others", dt.date(1981, 2, 2)))
        assert Path(f"{db}-wal").exists()  # the log the app writes to is still the file's
    finally:
        app.close()
    again = Services.open(db)
    try:
        assert sorted(p.full_name for p in again.patient_summaries()) == ["After The Others", "Before Anything"]
    finally:
        again.close()
