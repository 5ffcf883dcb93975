"""The Plan tab: a new plan with goals and measures, dates, home care and referrals; it supersedes the
current plan, which stays readable in the history."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cst_notes.domain import vocabulary as V
from cst_notes.domain.plan import Goal, Referral
from cst_notes.services import Services
from cst_notes.ui.chart.tab_order import ChartTab
from cst_notes.ui.forms.unsaved_prompt import Choice
from cst_notes.ui.plan.plan_tab import PlanTab
from cst_notes.ui.shell.main_window import MainWindow
from tests.ui.conftest import AMIT, JOHN, TODAY, Prompts, ctrl, open_chart


def plan_tab(window: MainWindow) -> PlanTab:
    window.chart.tabs.setCurrentIndex(ChartTab.PLAN)
    return window.chart.tabs.plan_tab


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_a_first_plan_with_every_field(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[JOHN])
    tab = plan_tab(window)
    assert tab.view.toPlainText() == "No follow-up plan yet."
    assert tab.history_list.count() == 0
    click(qtbot, tab.new_button)
    form = tab.form
    assert tab.is_editing()
    assert form.goals.row_count() == 0
    assert form.title.text() == f"New plan of {TODAY.isoformat()}"
    assert [form.frequency.itemData(i) for i in range(form.frequency.count())] == list(V.FREQUENCIES.codes)

    qtbot.keyClick(form.goals.add_button, Qt.Key.Key_Insert)
    qtbot.keyClicks(QApplication.focusWidget(), "Fewer headaches")
    form.goals.cell(0, "measure").setText("headache days per month below 4")  # type: ignore[attr-defined]
    form.goals.add_row({"description": "নিদ্রা ভালো", "measure": "sleep 7/10", "status": "progressing"})
    form.frequency.set_code("weekly")
    form.frequency_note.setText("weekly for 6 weeks, then fortnightly")
    form.estimated_sessions.setValue(8)
    form.next_appointment.set_value(TODAY + dt.timedelta(days=7))
    form.review_date.set_value(TODAY + dt.timedelta(days=42))
    form.home_care.setPlainText("গরম সেঁক, screen breaks")
    form.referrals.add_row({"target": "gp", "note": "blood pressure"})
    ctrl(qtbot, Qt.Key.Key_S, form.home_care)

    [plan] = services.plans(clinic[JOHN])
    assert plan.created_on == TODAY
    assert plan.is_current
    assert plan.goals == (
        Goal("Fewer headaches", "headache days per month below 4", "open"),
        Goal("নিদ্রা ভালো", "sleep 7/10", "progressing"),
    )
    assert (plan.frequency, plan.frequency_note, plan.estimated_sessions) == (
        "weekly",
        "weekly for 6 weeks, then fortnightly",
        8,
    )
    assert (plan.next_appointment, plan.review_date) == (TODAY + dt.timedelta(days=7), TODAY + dt.timedelta(days=42))
    assert plan.home_care == "গরম সেঁক, screen breaks"
    assert plan.referrals == (Referral("gp", "blood pressure"),)
    assert not tab.is_editing()
    shown = tab.view.toPlainText()
    assert "Fewer headaches — measure: headache days per month below 4 [Open]" in shown
    assert "General practitioner — blood pressure" in shown
    assert window.chart.header.next_label.text() == f"Next appointment: {(TODAY + dt.timedelta(days=7)).isoformat()}"


def test_a_new_plan_supersedes_the_old_one_which_stays_readable(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[AMIT])  # has a fortnightly plan with one goal
    tab = plan_tab(window)
    click(qtbot, tab.new_button)
    form = tab.form
    assert "replaces the current plan" in form.title.text()
    assert form.frequency.code() == "fortnightly"  # starts from the current plan
    assert form.goals.rows() == [
        {
            "description": "Headache days per month below 4",
            "measure": "headache diary",
            "status": "open",
            "status_on": None,
        }
    ]
    form.goals.cell(0, "status").set_code("achieved")  # type: ignore[attr-defined]
    form.goals.cell(0, "status_on").set_value(TODAY)  # type: ignore[attr-defined]
    form.frequency.set_code("monthly")
    click(qtbot, tab.save_button)

    old, new = services.plans(clinic[AMIT])
    assert old.superseded_on == TODAY
    assert new.is_current
    assert new.frequency == "monthly"
    assert new.goals[0].status == "achieved"
    assert "Monthly" in tab.view.toPlainText()
    assert tab.history_list.count() == 1
    assert tab.history_list.item(0).text() == f"Plan of {old.created_on.isoformat()} – {TODAY.isoformat()} · 1 goal"
    earlier = tab.history_view.toPlainText()
    assert f"superseded on {TODAY.isoformat()}" in earlier
    assert "Fortnightly" in earlier
    assert "Headache days per month below 4 — measure: headache diary [Open]" in earlier


def test_a_goal_without_a_description_is_refused(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[AMIT])
    before = services.plans(clinic[AMIT])
    tab = plan_tab(window)
    click(qtbot, tab.new_button)
    tab.form.goals.add_row({"description": "  ", "measure": "pain below 3"})
    click(qtbot, tab.save_button)
    assert services.plans(clinic[AMIT]) == before
    assert tab.is_editing()
    assert tab.form.feedback.message("goals[1].description") == "Goal 2: goal must not be empty."
    assert QApplication.focusWidget() is tab.form.goals.cell(1, "description")


def test_cancel_asks_and_leaves_the_current_plan(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services, prompts: Prompts
) -> None:
    open_chart(window, clinic[AMIT])
    tab = plan_tab(window)
    click(qtbot, tab.new_button)
    tab.form.home_care.setPlainText("Rest")
    prompts.answers.append(Choice.DISCARD)
    click(qtbot, tab.cancel_button)
    assert prompts.asked == [f"the new plan for {AMIT} (অমিত)"]
    assert not tab.is_editing()
    assert len(services.plans(clinic[AMIT])) == 1
