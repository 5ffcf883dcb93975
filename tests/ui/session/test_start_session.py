"""Starting a session: an absolute contraindication, or no intake, screening or consent on record,
needs an explicit decision with a reason, which is stored with the session; a relative one needs none.
The session editor then opens for the new session."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from cst_notes.domain.intake import ContraindicationEntry, Intake
from cst_notes.services import Services
from cst_notes.ui.chart.tab_order import ChartTab
from cst_notes.ui.session.contraindication_override import OverrideDialog
from cst_notes.ui.session.editor import SessionEditor
from cst_notes.ui.session.sessions_tab import SessionsTab
from cst_notes.ui.shell.main_window import MainWindow
from tests.conftest import complete_intake
from tests.ui.conftest import AMIT, JOHN, PRIYA, TODAY, activate, ctrl, open_chart

REASON = "Cleared in writing by the neurologist (স্নায়ু বিশেষজ্ঞ); light touch only"


def sessions_tab(window: MainWindow) -> SessionsTab:
    return window.chart.tabs.sessions_tab


def start(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Shift+N, from wherever the focus is in the chart."""
    window.chart.tabs.setCurrentIndex(ChartTab.INTAKE)
    ctrl(qtbot, Qt.Key.Key_N, window.chart.tabs, shift=True)


def session_editor(qtbot: QtBot, window: MainWindow) -> SessionEditor:
    """The editor opened for the new session: its own window, closed with the test."""
    editor = sessions_tab(window).session_editor
    assert editor is not None
    qtbot.addWidget(editor)
    return activate(qtbot, editor)


def override_dialog(qtbot: QtBot, window: MainWindow) -> OverrideDialog:
    dialog = sessions_tab(window).override_dialog
    assert dialog is not None
    return activate(qtbot, dialog)


def test_an_absolute_contraindication_needs_a_reason_that_is_stored(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[AMIT])
    before = len(services.sessions(clinic[AMIT]))
    start(qtbot, window)
    assert window.chart.tabs.currentIndex() == ChartTab.SESSIONS
    dialog = override_dialog(qtbot, window)
    assert "Cerebral aneurysm" in dialog.warning.text()
    assert "Epilepsy" not in dialog.warning.text()
    assert sessions_tab(window).session_editor is None
    assert not dialog.proceed_button.isEnabled()
    dialog.reason_edit.setPlainText("   \n ")
    assert not dialog.proceed_button.isEnabled()
    assert dialog.hint.text() == "Write the reason to go ahead."
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog.accept()  # whatever is pressed, never without a reason
    assert dialog.isVisible()
    assert sessions_tab(window).session_editor is None

    dialog.reason_edit.setPlainText(REASON)  # setPlainText: keyClicks cannot type non-ASCII
    assert dialog.proceed_button.isEnabled()
    qtbot.mouseClick(dialog.proceed_button, Qt.MouseButton.LeftButton)
    editor = session_editor(qtbot, window)
    assert editor.is_new
    assert editor.header.reason_edit.text() == REASON
    assert editor.header.duration_spin.value() == 60
    editor.header.duration_spin.setValue(45)
    check = editor.header.consent_check
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    sessions = services.sessions(clinic[AMIT])
    assert len(sessions) == before + 1
    new = max(sessions, key=lambda s: s.id or 0)
    assert new.contraindication_override_reason == REASON
    assert (new.duration_minutes, new.consent_renewed) == (45, True)
    assert new.started_at.tzinfo is not None
    assert abs(new.started_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=2)
    # The chart follows in the next turn of the event loop.
    qtbot.waitUntil(lambda: window.chart.tabs.tabText(ChartTab.SESSIONS) == f"&Sessions ({before + 1})")
    assert window.chart.alerts.absolute_label.isVisible()  # still in view on the Sessions tab


def test_cancelling_the_confirmation_saves_nothing(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[AMIT])
    before = services.sessions(clinic[AMIT])
    window.start_session_action.trigger()
    dialog = override_dialog(qtbot, window)
    dialog.reason_edit.setPlainText(REASON)
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert sessions_tab(window).session_editor is None
    assert services.sessions(clinic[AMIT]) == before


def test_a_relative_contraindication_needs_no_confirmation(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    epilepsy = (ContraindicationEntry("epilepsy"),)
    services.save_intake(clinic[PRIYA], replace(complete_intake(TODAY), contraindications=epilepsy))
    open_chart(window, clinic[PRIYA])
    window.chart.tabs.setCurrentIndex(ChartTab.SESSIONS)
    qtbot.mouseClick(sessions_tab(window).start_button, Qt.MouseButton.LeftButton)
    assert sessions_tab(window).override_dialog is None
    editor = session_editor(qtbot, window)
    assert not editor.header.reason_edit.isVisible()
    qtbot.keyClick(editor.header.duration_spin, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    [session] = services.sessions(clinic[PRIYA])
    assert session.contraindication_override_reason == ""
    assert session.duration_minutes == 60


def test_no_patient_no_session(qtbot: QtBot, clinic: dict[str, int], window: MainWindow) -> None:
    window.start_session_action.trigger()
    assert sessions_tab(window).override_dialog is None
    assert sessions_tab(window).session_editor is None


NO_INTAKE_REASON = "Verbal consent today, intake form at the next visit; light touch only"


def test_no_intake_asks_for_a_reason_typed_and_stored_with_the_session(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[JOHN])
    start(qtbot, window)
    dialog = override_dialog(qtbot, window)
    assert dialog.windowTitle() == "No intake on record"
    assert "No intake on record" in dialog.warning.text()
    assert "No consent to treatment on record" in dialog.warning.text()
    assert "absolute" not in dialog.warning.text()
    assert sessions_tab(window).session_editor is None
    assert dialog.focusWidget() is dialog.reason_edit
    qtbot.keyClicks(dialog.reason_edit, NO_INTAKE_REASON)
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Tab)  # Tab leaves the reason for the buttons
    assert dialog.focusWidget() is not dialog.reason_edit
    qtbot.mouseClick(dialog.proceed_button, Qt.MouseButton.LeftButton)
    editor = session_editor(qtbot, window)
    assert editor.header.reason_edit.text() == NO_INTAKE_REASON
    assert editor.header.reason_cell.isVisible()
    ctrl(qtbot, Qt.Key.Key_S, editor.header.duration_spin)
    [session] = services.sessions(clinic[JOHN])
    assert session.contraindication_override_reason == NO_INTAKE_REASON


def test_a_new_session_without_the_reason_is_refused_in_the_editor_naming_the_field(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[JOHN])
    start(qtbot, window)
    dialog = override_dialog(qtbot, window)
    qtbot.keyClicks(dialog.reason_edit, "x")
    qtbot.mouseClick(dialog.proceed_button, Qt.MouseButton.LeftButton)
    editor = session_editor(qtbot, window)
    qtbot.mouseClick(editor.header.reason_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(editor.header.reason_edit, Qt.Key.Key_Backspace)  # the therapist takes the reason back
    ctrl(qtbot, Qt.Key.Key_S, editor.header.reason_edit)
    assert services.sessions(clinic[JOHN]) == []
    assert editor.feedback.is_marked("contraindication_override_reason")
    assert "Reason to treat is required: the client has no intake on record" in editor.feedback.message(
        "contraindication_override_reason"
    )


def test_missing_consent_alone_is_named_and_cancelling_saves_nothing(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    services.save_intake(clinic[PRIYA], Intake(TODAY, contraindications_screened_on=TODAY))
    open_chart(window, clinic[PRIYA])
    window.chart.tabs.setCurrentIndex(ChartTab.SESSIONS)
    qtbot.mouseClick(sessions_tab(window).start_button, Qt.MouseButton.LeftButton)
    dialog = override_dialog(qtbot, window)
    assert dialog.windowTitle() == "Screening or consent missing"
    assert "No consent to treatment on record" in dialog.warning.text()
    assert "screening" not in dialog.warning.text()
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Escape)
    assert sessions_tab(window).session_editor is None
    assert services.sessions(clinic[PRIYA]) == []


def test_a_childs_guardian_consent_counts_but_the_missing_intake_is_asked_about(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow
) -> None:
    open_chart(window, clinic["child"])
    start(qtbot, window)
    dialog = override_dialog(qtbot, window)
    assert "No intake on record" in dialog.warning.text()
    assert "consent" not in dialog.warning.text()
