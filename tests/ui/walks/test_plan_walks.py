"""Every choice and text control of the plan form and the close-course dialog, walked by Tab from the
keyboard: what was chosen and typed is what the record holds, and what the form shows when reopened."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cst_notes.services import Services
from cst_notes.ui.shell.main_window import MainWindow
from tests.ui.conftest import AMIT, JOHN, activate
from tests.ui.hands import plan_form, value_at
from tests.ui.walking import assert_walked_all, named, pairs, shown_by_name, walk


def test_plan_every_choice_and_text(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    tab = plan_form(qtbot, window, clinic[JOHN])
    form = tab.form
    for rows in (form.goals, form.referrals):
        qtbot.mouseClick(rows.add_button, Qt.MouseButton.LeftButton)
    done = walk(qtbot, form, form.goals.cell(0, "description"), feedback=form.feedback)
    assert_walked_all(done, form)
    chosen, showed = done.names(form.feedback), done.shown(form.feedback)
    assert {"goals[0].measure", "goals[0].status", "frequency", "home_care", "referrals[0].target"} <= set(chosen)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert not tab.is_editing(), tab.status_label.text()
    [plan] = services.plans(clinic[JOHN])
    assert pairs(chosen, plan, value_at) == []

    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)  # reopened: it shows what was chosen
    form.goals.register()
    form.referrals.register()
    reopened = shown_by_name(form, form.feedback)
    assert {name: reopened[name] for name in showed} == showed


def test_closing_a_course_every_choice_and_text(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    window.open_chart(clinic[AMIT])
    tab = window.chart.tabs.plan_tab
    window.chart.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.close_button, Qt.MouseButton.LeftButton)
    dialog = tab.close_dialog
    assert dialog is not None
    activate(qtbot, dialog)
    done = walk(qtbot, dialog, dialog.closed_on)
    assert_walked_all(done, dialog)
    chosen = named(done, {dialog.reason: "closed_reason", dialog.note: "closing_note"})
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.message.text()
    [plan] = services.plans(clinic[AMIT])
    assert pairs(chosen, plan, value_at) == []
