"""A session note being typed survives kill -9: its draft is offered back at the next start."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cst_notes.domain.patient import Patient
from cst_notes.services import Services
from cst_notes.ui.forms.draft_keeper import DRAFT_DELAY_MS
from cst_notes.ui.shell.main_window import MainWindow
from tests.conftest import complete_intake
from tests.ui.conftest import ctrl, show_active

REPO = Path(__file__).resolve().parents[2]
NOTE = "Neck stiff since Monday, better after CV-4"


@pytest.fixture
def opened(db_path: Path) -> Iterator[list[Services]]:
    """The services of "the next start", closed after the test's windows (listed before qtbot)."""
    started: list[Services] = []
    yield started
    for services in started:
        services.close()


def test_a_session_note_typed_before_a_kill_is_offered_back(
    db_path: Path, opened: list[Services], qtbot: QtBot
) -> None:
    services = Services.open(db_path)
    patient_id = services.create_patient(Patient("Kill Test", dt.date(1980, 1, 1))).patient_id
    services.save_intake(patient_id, complete_intake(dt.date.today()))
    services.close()
    assert patient_id is not None

    child = subprocess.Popen(
        [sys.executable, "-m", "tests.durability.session_typing", str(db_path), str(patient_id), NOTE],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert child.stdout is not None
    line = child.stdout.readline()  # the note is typed
    assert line.strip() == "typed", child.stderr.read() if child.stderr else ""
    time.sleep(DRAFT_DELAY_MS / 1000 + 1.0)  # the draft interval, and a little more
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    if child.stderr is not None:
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    services = Services.open(db_path)  # the next start
    opened.append(services)
    window = show_active(qtbot, MainWindow(services, str(db_path)))
    assert window.drafts_bar.isVisible()
    [(key, (label, restore, _))] = window.drafts_bar.rows.items()
    assert key.startswith("session:")
    assert label.text().startswith("Unsaved session for Kill Test from ")
    assert services.sessions(patient_id) == []  # a draft, not a saved session
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    editor = window.chart.tabs.sessions_tab.session_editor
    assert editor is not None
    assert editor.is_new
    assert editor.is_dirty()
    assert editor.soap.edits["subjective"].toPlainText() == NOTE
    qtbot.addWidget(editor)
    show_active(qtbot, editor)
    ctrl(qtbot, Qt.Key.Key_S, editor.soap.edits["subjective"])
    [session] = services.sessions(patient_id)
    assert session.subjective == NOTE
    assert services.drafts() == []
