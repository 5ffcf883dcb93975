"""The contraindication list after a signed intake, typed and clicked as a person does: resolve one
(the session then starts without a reason), add one found later (the start asks for a reason), the
dated history by whom, refusals that change nothing, and privacy mode in the window's title."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cst_notes.domain.intake import ContraindicationEntry
from cst_notes.domain.patient import Patient
from cst_notes.services import Services
from cst_notes.ui.intake.screening_dialog import ScreeningChangeDialog, ScreeningDialog
from cst_notes.ui.patients.list_model import Column
from cst_notes.ui.shell.main_window import MainWindow
from tests.conftest import complete_intake
from tests.ui.conftest import TODAY, activate, ctrl, open_chart, tree_item
from tests.ui.hands import click_into, type_into
from tests.ui.session.test_start_session import override_dialog, session_editor, start

INTAKE_DAY = TODAY - dt.timedelta(days=40)
THERAPIST = "Anita Bose"


def alert_mark(window: MainWindow, pid: int) -> object:
    row = window.model.row_of(pid)
    assert row is not None
    return window.model.data(window.model.index(row, Column.ALERT))


def signed_patient(services: Services, window: MainWindow, *codes: str) -> int:
    """A patient whose intake, signed 40 days ago, lists ``codes``; the window's list shows them."""
    pid = services.create_patient(Patient("Meera Iyer", dt.date(1975, 6, 9), preferred_name="Meera")).patient_id
    found = tuple(ContraindicationEntry(code, "at intake") for code in codes)
    services.save_intake(pid, replace(complete_intake(INTAKE_DAY), contraindications=found))
    services.sign_intake(pid, THERAPIST)
    services.set_actor(THERAPIST)
    window.model.refresh()
    return pid


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def screening_dialog(qtbot: QtBot, window: MainWindow) -> ScreeningDialog:
    click(qtbot, window.chart.screening_button)
    dialog = window.chart.screening_dialog
    assert dialog is not None
    return activate(qtbot, dialog)


def change_dialog(qtbot: QtBot, dialog: ScreeningDialog, button: QWidget) -> ScreeningChangeDialog:
    click(qtbot, button)
    change = dialog.change_dialog
    assert change is not None
    return activate(qtbot, change)


def test_resolving_the_absolute_contraindication_lets_the_session_start_without_a_reason(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    pid = signed_patient(services, window, "cerebral_aneurysm")
    open_chart(window, pid)
    assert window.chart.alerts.absolute_label.isVisible()
    dialog = screening_dialog(qtbot, window)
    assert tree_item(dialog.current, 0).text(0) == "Cerebral aneurysm"
    resolve = change_dialog(qtbot, dialog, dialog.resolve_button)
    assert resolve.code.currentData() == "cerebral_aneurysm"  # the row chosen in the list
    cleared = TODAY - dt.timedelta(days=3)
    type_into(qtbot, resolve.effective_on, cleared.strftime("%d/%m/%Y"))  # day first, as written in India
    assert QApplication.focusWidget() is resolve.note
    qtbot.keyClicks(resolve.note, "cleared by the neurologist")
    click(qtbot, resolve.ok_button)

    [change] = services.screening_changes(pid)
    assert (change.action, change.code, change.effective_on, change.screened_by, change.note) == (
        "resolved",
        "cerebral_aneurysm",
        cleared,
        THERAPIST,
        "cleared by the neurologist",
    )
    assert services.screening(pid).present == ()
    assert not window.chart.alerts.isVisible()  # the chart redrew from the change
    assert tree_item(dialog.current, 0).text(0) == "No contraindication on the list"
    history = [tree_item(dialog.history, n) for n in range(dialog.history.topLevelItemCount())]
    assert [(i.text(0), i.text(1), i.text(2), i.text(4)) for i in history] == [
        (INTAKE_DAY.isoformat(), "At intake: Cerebral aneurysm", THERAPIST, ""),
        (cleared.isoformat(), "Cerebral aneurysm: resolved", THERAPIST, "cleared by the neurologist"),
    ]
    signed = services.intake(pid)
    assert signed is not None
    assert signed.is_signed
    assert [c.code for c in signed.contraindications] == ["cerebral_aneurysm"]  # what was known then
    qtbot.keyClick(dialog.current, Qt.Key.Key_Escape)
    assert window.chart.screening_dialog is None

    activate(qtbot, window)
    start(qtbot, window)
    assert window.chart.tabs.sessions_tab.override_dialog is None  # no reason asked
    assert session_editor(qtbot, window).is_new


def test_a_contraindication_found_after_signing_makes_the_start_ask_for_a_reason(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    pid = signed_patient(services, window)
    open_chart(window, pid)
    assert not window.chart.alerts.isVisible()
    ctrl(qtbot, Qt.Key.Key_K, window.chart.tabs)  # Patient ▸ Contraindication screening…, from the keyboard
    dialog = window.chart.screening_dialog
    assert dialog is not None
    activate(qtbot, dialog)
    assert QApplication.focusWidget() is dialog.current
    qtbot.keyClick(dialog.current, Qt.Key.Key_Tab)  # on to Add…
    assert QApplication.focusWidget() is dialog.add_button
    qtbot.keyClick(dialog.add_button, Qt.Key.Key_Space)
    add = dialog.change_dialog
    assert add is not None
    activate(qtbot, add)
    assert QApplication.focusWidget() is add.code
    qtbot.keyClicks(add.code, "CSF")  # the combo box jumps to the label typed
    assert add.code.currentData() == "csf_leak"
    found = TODAY - dt.timedelta(days=1)
    type_into(qtbot, add.effective_on, found.isoformat())
    qtbot.keyClicks(add.note, "after a lumbar puncture")
    qtbot.keyClick(add.note, Qt.Key.Key_Return)
    [change] = services.screening_changes(pid)
    assert (change.action, change.code, change.effective_on, change.note) == (
        "found",
        "csf_leak",
        found,
        "after a lumbar puncture",
    )
    row = tree_item(dialog.current, 0)
    assert [row.text(n) for n in range(5)] == [
        "CSF leak (e.g. after a lumbar puncture)",
        "Absolute",
        found.isoformat(),
        THERAPIST,
        "after a lumbar puncture",
    ]
    assert window.chart.alerts.absolute_label.isVisible()
    assert "CSF leak" in window.chart.alerts.absolute_label.text()
    assert alert_mark(window, pid) == "⚠"  # the patient list follows the current list too
    dialog.accept()
    activate(qtbot, window)
    start(qtbot, window)
    assert "CSF leak" in override_dialog(qtbot, window).warning.text()


def test_a_future_date_is_refused_with_a_message_and_nothing_changes(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    pid = signed_patient(services, window, "cerebral_aneurysm")
    open_chart(window, pid)
    audit = services.history(pid)
    dialog = screening_dialog(qtbot, window)
    rescreen = change_dialog(qtbot, dialog, dialog.rescreen_button)
    assert QApplication.focusWidget() is rescreen.effective_on
    type_into(qtbot, rescreen.effective_on, (TODAY + dt.timedelta(days=2)).isoformat())
    click(qtbot, rescreen.ok_button)
    assert rescreen.isVisible()
    assert rescreen.message.text().startswith("Date: ")
    assert services.screening_changes(pid) == ()
    assert services.history(pid) == audit
    rescreen.reject()


def test_choosing_no_contraindication_is_refused_by_name(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    pid = signed_patient(services, window)
    open_chart(window, pid)
    dialog = screening_dialog(qtbot, window)
    add = change_dialog(qtbot, dialog, dialog.add_button)
    click(qtbot, add.ok_button)
    assert add.message.text() == "Contraindication: must be chosen (contraindication)"
    assert services.screening_changes(pid) == ()
    add.reject()


@pytest.mark.usefixtures("kolkata_time")
def test_a_rescreen_with_nothing_new_is_dated_in_the_history(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    pid = signed_patient(services, window, "epilepsy")
    open_chart(window, pid)
    dialog = screening_dialog(qtbot, window)
    rescreen = change_dialog(qtbot, dialog, dialog.rescreen_button)
    click_into(qtbot, rescreen.note)
    qtbot.keyClicks(rescreen.note, "asked about each")
    click(qtbot, rescreen.ok_button)
    today = services.today()  # in Kolkata: a day after TODAY (this computer's date) from 18:30 UTC
    assert dialog.screened_label.text() == f"Last screened: {today.isoformat()}"
    last = tree_item(dialog.history, dialog.history.topLevelItemCount() - 1)
    assert (last.text(0), last.text(1), last.text(4)) == (
        today.isoformat(),
        "Re-screened, nothing new",
        "asked about each",
    )
    assert [c.code for c in services.screening(pid).present] == ["epilepsy"]
    [change] = services.screening_changes(pid)
    assert change.recorded_at is not None
    assert change.recorded_at.utcoffset() == dt.timedelta(0)
    # When it was recorded, in this computer's time (a Kolkata clinic reads 16:10, not 10:40 UTC).
    ist = change.recorded_at + dt.timedelta(hours=5, minutes=30)
    assert last.text(3) == ist.strftime("%Y-%m-%d %H:%M")


def test_privacy_mode_names_the_patient_by_initials_in_the_title(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    pid = signed_patient(services, window)
    open_chart(window, pid)
    dialog = screening_dialog(qtbot, window)
    assert "Meera" in dialog.windowTitle()
    window.chart.privacy.set_on(True)
    assert "Meera" not in dialog.windowTitle()
    assert "Iyer" not in dialog.windowTitle()
    dialog.reject()
