"""The "to sign" list on the main window: unsigned sessions and intakes, oldest first; Enter opens
the note; signing takes it off; privacy mode shows initials."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cst_notes.domain.privacy import initials
from cst_notes.services import Services
from cst_notes.ui.patients.to_sign_list import ToSignList, ToSignModel
from cst_notes.ui.shell.main_window import MainWindow
from cst_notes.ui.signing.signed_panel import SignDialog
from tests.ui.conftest import AMIT, SUMITA, TODAY, activate, at


def rows(view: ToSignList) -> list[tuple[str, str]]:
    model = view.model
    return [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]


def local(days_ago: int) -> str:
    """A session's start as the list shows it: this computer's time, as the session editor does."""
    return f"{at(days_ago):%Y-%m-%d} 10:00"


@pytest.mark.usefixtures("kolkata_time")
def test_unsigned_notes_oldest_first_and_signing_takes_one_off(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    """Amit's intake (60 days ago) and three sessions (40, 26 and 12 days ago, at 10:00 in Kolkata,
    04:30 UTC) are all drafts, and so is Sumita's intake (30 days ago)."""
    view = window.patients_pane.to_sign
    view.refresh()
    # the clinic was made on TODAY (this computer's date at the start); the list counts from the
    # date in Kolkata, a day later from 18:30 UTC on
    late = (services.today() - TODAY).days
    assert rows(view) == [
        (AMIT, f"Intake of {(TODAY - dt.timedelta(days=60)).isoformat()} ({60 + late} days ago)"),
        (AMIT, f"Session of {local(40)} ({40 + late} days ago)"),
        (SUMITA, f"Intake of {(TODAY - dt.timedelta(days=30)).isoformat()} ({30 + late} days ago)"),
        (AMIT, f"Session of {local(26)} ({26 + late} days ago)"),
        (AMIT, f"Session of {local(12)} ({12 + late} days ago)"),
    ]
    assert view.toggle.text() == "To sign (5)"
    middle = services.sessions(clinic[AMIT])[1].id
    assert middle is not None
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Home)  # the first row: the intake
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)  # the session of 26 days ago
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    editor = window.chart.tabs.sessions_tab.session_editor
    assert editor is not None
    assert editor.session_id == middle
    activate(qtbot, editor)
    qtbot.mouseClick(editor.sign_button, Qt.MouseButton.LeftButton)
    dialog = editor.commands.dialog
    assert isinstance(dialog, SignDialog)
    activate(qtbot, dialog)
    qtbot.mouseClick(dialog.name_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.name_edit, "Meera Sen")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert services.session(middle).is_signed
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    assert middle not in [n.note_id for n in view.model.items if n.kind == "session"]
    editor.close()


def test_enter_on_the_intake_opens_the_intake_tab(qtbot: QtBot, clinic: dict[str, int], window: MainWindow) -> None:
    view = window.patients_pane.to_sign
    view.refresh()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Home)  # the intake
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.chart.patient_id == clinic[AMIT]
    assert window.chart.tabs.currentWidget() is window.chart.tabs.intake_tab


def test_privacy_mode_shows_initials(clinic: dict[str, int], window: MainWindow) -> None:
    view = window.patients_pane.to_sign
    view.refresh()
    window.practice.privacy_action.setChecked(True)
    assert {name for name, _ in rows(view)} == {initials(AMIT), initials(SUMITA)}


def test_nothing_to_sign_says_so(window: MainWindow) -> None:
    view = window.patients_pane.to_sign
    assert (view.counts.text(), view.model.rowCount()) == ("Every note is signed.", 0)


def test_the_model(qtmodeltester: ModelTester, clinic: dict[str, int], services: Services) -> None:
    model = ToSignModel()
    model.set_items(services.to_sign(), TODAY)
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.index(0, 0, QModelIndex()).data() == AMIT
    qtmodeltester.check(model)
