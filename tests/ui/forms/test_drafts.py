"""Unsaved edits are never lost: drafts are kept while typing and offered back at the next start;
leaving a form with changes asks Save / Discard / Cancel."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cst_notes.domain.draft import Draft
from cst_notes.domain.intake import Intake
from cst_notes.domain.plan import FollowUpPlan, Goal
from cst_notes.services import Services
from cst_notes.ui.chart.tab_order import ChartTab
from cst_notes.ui.forms.draft_content import to_content
from cst_notes.ui.forms.draft_keeper import DRAFT_DELAY_MS, NEW_PATIENT_KEY, intake_key, patient_key, plan_key
from cst_notes.ui.forms.unsaved_prompt import Choice
from cst_notes.ui.shell.main_window import MainWindow
from tests.ui.conftest import AMIT, JOHN, PRIYA, SUMITA, TODAY, Prompts, ctrl, open_chart, show_active


def new_window(qtbot: QtBot, services: Services) -> MainWindow:
    """The app started again on the same database (after a crash, say)."""
    return show_active(qtbot, MainWindow(services, "/clinics/practice.sqlite"))


def test_a_draft_is_kept_while_typing_and_dropped_on_saving(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[PRIYA])
    tab = window.chart.tabs.intake_tab
    qtbot.keyClicks(tab.form.history.texts["complaint"], "Neck pain")
    assert tab.drafts.timer.isActive()
    assert tab.drafts.timer.interval() == DRAFT_DELAY_MS <= 2000
    assert services.draft(intake_key(clinic[PRIYA])) is None  # not at every keystroke
    qtbot.waitUntil(lambda: services.draft(intake_key(clinic[PRIYA])) is not None, timeout=3000)
    draft = services.draft(intake_key(clinic[PRIYA]))
    assert draft is not None
    assert (draft.form, draft.patient_id) == ("intake", clinic[PRIYA])
    assert draft.content["complaint"] == "Neck pain"

    ctrl(qtbot, Qt.Key.Key_S, tab.form.history.texts["complaint"])
    assert services.draft(intake_key(clinic[PRIYA])) is None
    assert services.drafts() == []


def test_a_draft_left_behind_is_offered_and_restored_at_the_next_start(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    assert not window.drafts_bar.isVisible()
    open_chart(window, clinic[PRIYA])
    form = window.chart.tabs.intake_tab.form
    form.history.texts["complaint"].setPlainText("ঘাড়ে ব্যথা")  # setPlainText: keyClicks cannot type non-ASCII
    form.medical.medications.add_row({"name": "आयरन", "dose": "1 daily"})
    window.chart.tabs.intake_tab.drafts.write_now()  # what the timer does a second after the last edit

    again = new_window(qtbot, services)  # the power came back
    bar = again.drafts_bar
    assert bar.isVisible()
    label, restore, _ = bar.rows[intake_key(clinic[PRIYA])]
    assert label.text().startswith("Unsaved intake for प्रिया शर्मा (Priya) from ")
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    assert again.chart.patient_id == clinic[PRIYA]
    assert again.selected_patient_id() == clinic[PRIYA]
    tab = again.chart.tabs.intake_tab
    assert again.chart.tabs.currentIndex() == ChartTab.INTAKE
    assert tab.is_editing()
    assert tab.is_dirty()
    assert tab.form.history.texts["complaint"].toPlainText() == "ঘাড়ে ব্যথা"
    assert tab.form.medical.medications.rows() == [{"name": "आयरन", "dose": "1 daily"}]
    assert services.intake(clinic[PRIYA]) is None  # restored, not saved: the therapist checks and saves
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    saved = services.intake(clinic[PRIYA])
    assert saved is not None
    assert saved.complaint == "ঘাড়ে ব্যথা"
    assert services.drafts() == []


def test_a_plan_draft_is_restored_and_a_discarded_one_is_gone(
    qtbot: QtBot, clinic: dict[str, int], services: Services
) -> None:
    plan = FollowUpPlan(TODAY, frequency="monthly", goals=(Goal("তিনটি সেশন", "pain below 3"),))
    services.save_draft(Draft(plan_key(clinic[AMIT]), "plan", clinic[AMIT], to_content(plan)))
    services.save_draft(Draft(intake_key(clinic[JOHN]), "intake", clinic[JOHN], to_content(Intake(TODAY))))
    window = new_window(qtbot, services)
    bar = window.drafts_bar
    assert set(bar.rows) == {plan_key(clinic[AMIT]), intake_key(clinic[JOHN])}
    assert bar.rows[plan_key(clinic[AMIT])][0].text().startswith(f"Unsaved follow-up plan for {AMIT} (অমিত)")
    qtbot.mouseClick(bar.rows[intake_key(clinic[JOHN])][2], Qt.MouseButton.LeftButton)  # Discard
    assert [d.key for d in services.drafts()] == [plan_key(clinic[AMIT])]
    qtbot.mouseClick(bar.rows[plan_key(clinic[AMIT])][1], Qt.MouseButton.LeftButton)  # Restore
    tab = window.chart.tabs.plan_tab
    assert window.chart.tabs.currentIndex() == ChartTab.PLAN
    assert tab.is_editing()
    assert tab.form.frequency.code() == "monthly"
    assert tab.form.goals.rows() == [
        {"description": "তিনটি সেশন", "measure": "pain below 3", "status": "open", "status_on": None}
    ]


def test_a_new_patient_draft_is_restored_into_the_dialog(
    qtbot: QtBot, window: MainWindow, services: Services, prompts: Prompts
) -> None:
    dialog = window.new_patient()
    qtbot.waitExposed(dialog)
    dialog.edits["full_name"].setText("ঋতম সেন")
    dialog.birth_date_edit.set_value(dt.date(2019, 3, 14))
    dialog.drafts.write_now()
    draft = services.draft(NEW_PATIENT_KEY)
    assert draft is not None
    assert draft.content["full_name"] == "ঋতম সেন"

    again = new_window(qtbot, services)
    label, restore, _ = again.drafts_bar.rows[NEW_PATIENT_KEY]
    assert label.text().startswith("Unsaved new patient ঋতম সেন from ")
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    restored = again.new_patient_dialog
    assert restored is not None
    assert restored.edits["full_name"].text() == "ঋতম সেন"
    assert restored.birth_date_edit.value() == dt.date(2019, 3, 14)
    assert restored.guardian_box.isVisibleTo(restored)  # a child: the guardian fields follow
    prompts.answers.append(Choice.DISCARD)
    restored.reject()  # Esc: the changes (and the draft) are thrown away after asking
    assert prompts.asked == ["the new patient"]
    assert services.drafts() == []


def test_switching_patient_with_changes_asks(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services, prompts: Prompts
) -> None:
    open_chart(window, clinic[PRIYA])
    complaint = window.chart.tabs.intake_tab.form.history.texts["complaint"]
    complaint.setPlainText("Headache")
    window.chart.tabs.setCurrentIndex(ChartTab.PLAN)

    prompts.answers.append(Choice.CANCEL)
    assert not window.open_chart(clinic[JOHN])
    assert prompts.asked == ["the intake of प्रिया शर्मा (Priya)"]
    assert window.chart.patient_id == clinic[PRIYA]
    assert window.selected_patient_id() == clinic[PRIYA]
    assert window.chart.tabs.currentIndex() == ChartTab.INTAKE  # shown what it asks about
    assert complaint.toPlainText() == "Headache"

    prompts.answers.append(Choice.DISCARD)
    window.chart.tabs.intake_tab.drafts.write_now()
    assert window.open_chart(clinic[JOHN])
    assert window.chart.patient_id == clinic[JOHN]
    assert services.intake(clinic[PRIYA]) is None
    assert services.drafts() == []

    open_chart(window, clinic[PRIYA])  # the discarded changes are gone
    assert window.chart.tabs.intake_tab.form.history.texts["complaint"].toPlainText() == ""
    window.chart.tabs.intake_tab.form.history.texts["complaint"].setPlainText("Headache")
    prompts.answers.append(Choice.SAVE)
    assert window.open_chart(clinic[SUMITA])
    saved = services.intake(clinic[PRIYA])
    assert saved is not None
    assert saved.complaint == "Headache"


def test_saving_a_form_with_errors_when_leaving_stays(
    clinic: dict[str, int], window: MainWindow, services: Services, prompts: Prompts
) -> None:
    open_chart(window, clinic["child"])  # a minor: no consent yet, so Save fails
    window.chart.tabs.intake_tab.form.history.texts["complaint"].setPlainText("Colic")
    prompts.answers.append(Choice.SAVE)
    assert not window.open_chart(clinic[JOHN])
    assert window.chart.patient_id == clinic["child"]
    assert window.chart.tabs.intake_tab.form.feedback.is_marked("consent_given")


def test_ctrl_w_and_closing_the_window_ask(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, prompts: Prompts
) -> None:
    open_chart(window, clinic[PRIYA])
    window.chart.tabs.intake_tab.form.history.texts["goals"].setPlainText("Sleep")
    prompts.answers.append(Choice.CANCEL)
    ctrl(qtbot, Qt.Key.Key_W, window.chart.tabs.intake_tab.form.history.texts["goals"])
    assert window.chart.patient_id == clinic[PRIYA]

    prompts.answers.append(Choice.CANCEL)
    window.close()
    assert window.isVisible()
    assert len(prompts.asked) == 2

    prompts.answers.append(Choice.DISCARD)
    window.close()
    assert not window.isVisible()


def test_a_form_without_changes_leaves_without_asking(
    clinic: dict[str, int], window: MainWindow, prompts: Prompts
) -> None:
    open_chart(window, clinic[AMIT])
    window.chart.tabs.intake_tab.edit()
    assert window.open_chart(clinic[JOHN])
    assert window.chart.patient_id == clinic[JOHN]
    assert prompts.asked == []


def test_an_edit_details_draft_reopens_the_details_dialog(
    qtbot: QtBot, clinic: dict[str, int], services: Services
) -> None:
    john = services.patient(clinic[JOHN])
    content = to_content(dataclasses.replace(john, preferred_name="জন"))
    services.save_draft(Draft(patient_key(clinic[JOHN]), "patient", clinic[JOHN], content))
    window = new_window(qtbot, services)
    label, restore, _ = window.drafts_bar.rows[patient_key(clinic[JOHN])]
    assert label.text().startswith(f"Unsaved details for {JOHN} from ")
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    dialog = window.new_patient_dialog
    assert dialog is not None
    assert window.chart.patient_id == clinic[JOHN]
    assert dialog.windowTitle() == f"Edit details — {JOHN}"
    assert dialog.edits["preferred_name"].text() == "জন"
    assert dialog.is_dirty()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert services.patient(clinic[JOHN]).preferred_name == "জন"
    assert window.chart.header.name_label.text() == f"{JOHN} (জন)"
    assert services.drafts() == []
