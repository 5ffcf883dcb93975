"""A save the file cannot take now (another program writing to it) is shown in words, and the
typing stays in the form and its draft (issue 14, item 10); a fault of the app is shown too."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from cst_notes.services import Services
from cst_notes.storage import database
from cst_notes.ui.forms.draft_keeper import session_key
from cst_notes.ui.shell import errors
from cst_notes.ui.shell.launch import application
from cst_notes.ui.shell.main_window import MainWindow
from tests.ui.conftest import SUMITA, activate, ctrl
from tests.ui.hands import click_into, session_editor


@pytest.fixture
def services(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Services]:
    """The clinic on a file that another program can lock; writes wait a fifth of a second."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", 0.2)
    s = Services.open(db_path)
    yield s
    s.close()


@pytest.fixture
def app_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's error hook, as its start installs it (pytest-qt puts back the one it found after
    each test, so the session's first install does not last)."""
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    application()
    assert sys.excepthook is not sys.__excepthook__


def error_dialog() -> QMessageBox:
    [box] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    return box


@pytest.mark.qt_no_exception_capture
@pytest.mark.usefixtures("app_hook")
def test_a_save_while_another_program_writes_says_so_and_keeps_the_typing(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services, db_path: Path
) -> None:
    editor = session_editor(qtbot, window, clinic[SUMITA])
    subjective = editor.soap.edits["subjective"]
    click_into(qtbot, subjective)
    qtbot.keyClicks(subjective, "Headache since Sunday")
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # the CLI, say, in the middle of an import
        ctrl(qtbot, Qt.Key.Key_S, subjective)
        qtbot.waitUntil(
            lambda: any(isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets())
        )
        box = error_dialog()
        assert box.windowTitle() == errors.NOT_SAVED
        assert "Another window or program kept the database busy" in box.text()
        assert "nothing was saved" in box.text()
        box.close()
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert services.sessions(clinic[SUMITA]) == []
    assert subjective.toPlainText() == "Headache since Sunday"
    qtbot.waitUntil(lambda: services.draft(session_key(editor.session().uid)) is not None, timeout=3000)
    activate(qtbot, editor)  # back to the editor, the dialog closed
    ctrl(qtbot, Qt.Key.Key_S, subjective)  # the other has finished: now it saves
    [saved] = services.sessions(clinic[SUMITA])
    assert saved.subjective == "Headache since Sunday"


def test_a_fault_of_the_app_is_shown_in_plain_words_with_its_details(qtbot: QtBot) -> None:
    try:
        raise KeyError("rhythm")
    except KeyError as exc:
        box = errors.show_error(exc)
    qtbot.addWidget(box)
    assert box.windowTitle() == errors.FAULT
    assert "did not expect" in box.text()
    assert "KeyError: 'rhythm'" in box.detailedText()
