"""Editing the current plan, judging a goal with a date, closing a course of care (the client leaves
the due list), and earlier plans shown at once: typed and clicked as a person does."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cst_notes.services import Services
from cst_notes.ui.plan.close_dialog import CloseCourseDialog
from cst_notes.ui.shell.main_window import MainWindow
from tests.ui.conftest import AMIT, TODAY, activate, ctrl, open_chart
from tests.ui.hands import click_into, type_into
from tests.ui.plan.test_plan_tab import click, plan_tab


def typed(qtbot: QtBot, text: str) -> None:
    """Keys where the focus is."""
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, text)


def tab_on(qtbot: QtBot) -> QWidget:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Tab)
    now = QApplication.focusWidget()
    assert now is not None
    return now


def test_editing_the_current_plan_by_typing_changes_it_in_place(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[AMIT])
    tab = plan_tab(window)
    click(qtbot, tab.edit_button)
    assert tab.form.title.text().startswith(f"Plan of {(TODAY - dt.timedelta(days=10)).isoformat()}")
    type_into(qtbot, tab.form.home_care, "Warm compress in the evening")
    ctrl(qtbot, Qt.Key.Key_S, tab.form.frequency_note)
    [plan] = services.plans(clinic[AMIT])  # changed, not replaced
    assert (plan.home_care, plan.created_on) == ("Warm compress in the evening", TODAY - dt.timedelta(days=10))
    assert services.history(clinic[AMIT])[0].summary == "follow-up plan changed"
    assert "Warm compress in the evening" in tab.view.toPlainText()


def test_a_goal_marked_met_with_a_date_typed(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[AMIT])
    tab = plan_tab(window)
    click(qtbot, tab.edit_button)
    type_into(qtbot, tab.form.goals.cell(0, "measure"), "headache diary, 4 weeks")  # Tab: on to the status
    assert QApplication.focusWidget() is tab.form.goals.cell(0, "status")
    typed(qtbot, "Met")
    assert tab_on(qtbot) is tab.form.goals.cell(0, "status_on")
    judged = TODAY - dt.timedelta(days=1)
    typed(qtbot, judged.strftime("%d/%m/%Y"))
    click(qtbot, tab.save_button)
    goal = services.plans(clinic[AMIT])[0].goals[0]
    assert (goal.status, goal.status_on, goal.measure) == ("achieved", judged, "headache diary, 4 weeks")
    assert f"[Met on {judged.isoformat()}]" in tab.view.toPlainText()
    assert services.history(clinic[AMIT])[0].summary.endswith(f"marked Met on {judged.isoformat()}")


def test_a_goal_marked_partly_met_without_a_date_is_refused_by_name(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[AMIT])
    before = services.plans(clinic[AMIT])
    tab = plan_tab(window)
    click(qtbot, tab.edit_button)
    type_into(qtbot, tab.form.goals.cell(0, "measure"), "headache diary")
    typed(qtbot, "Partly")
    click(qtbot, tab.save_button)
    assert services.plans(clinic[AMIT]) == before
    assert tab.is_editing()
    assert (
        tab.form.feedback.message("goals[0].status_on") == "Goal 1: judged on is required for a goal marked Partly met."
    )


def test_closing_the_course_takes_the_patient_off_the_due_list(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    due = window.patients_pane.due
    assert clinic[AMIT] in [i.patient_id for i in due.model.items]  # next appointment in 5 days
    open_chart(window, clinic[AMIT])
    tab = plan_tab(window)
    click(qtbot, tab.close_button)
    dialog = tab.close_dialog
    assert isinstance(dialog, CloseCourseDialog)
    activate(qtbot, dialog)
    assert dialog.closed_on.value() == TODAY
    type_into(qtbot, dialog.note, "No reply to two messages")
    click_into(qtbot, dialog.note)
    qtbot.keyClick(dialog.note, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is dialog.reason
    typed(qtbot, "Stopped")
    click(qtbot, dialog.ok_button)
    plan = services.plans(clinic[AMIT])[0]
    assert (plan.closed_on, plan.closed_reason, plan.closing_note) == (
        TODAY,
        "stopped_coming",
        "No reply to two messages",
    )
    qtbot.waitUntil(lambda: clinic[AMIT] not in [i.patient_id for i in due.model.items])
    assert "course of care was closed" in tab.view.toPlainText()
    assert not tab.edit_button.isEnabled()
    assert tab.history_list.item(0).text().startswith(f"Plan of {plan.created_on.isoformat()} – closed {TODAY}")


def test_closing_without_a_reason_is_refused_and_nothing_changes(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[AMIT])
    tab = plan_tab(window)
    click(qtbot, tab.close_button)
    dialog = tab.close_dialog
    assert isinstance(dialog, CloseCourseDialog)
    qtbot.waitExposed(dialog)
    click(qtbot, dialog.ok_button)
    assert dialog.message.text() == "Reason: must be chosen (reason for closing)"
    assert services.plans(clinic[AMIT])[0].closed_on is None
    dialog.reject()


def test_earlier_plans_are_shown_at_once_newest_first(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[AMIT])
    tab = plan_tab(window)
    assert not tab.history_list.isVisibleTo(tab)  # no earlier plans: no empty list
    assert tab.history_view.toPlainText() == "No earlier plans."
    click(qtbot, tab.new_button)
    type_into(qtbot, tab.form.home_care, "Rest")
    click(qtbot, tab.save_button)
    assert tab.history_list.isVisibleTo(tab)
    assert "Headache days per month below 4" in tab.history_view.toPlainText()
