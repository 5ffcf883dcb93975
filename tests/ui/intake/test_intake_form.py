"""The intake form, driven as a therapist would: fill every section (in any script), save, close and
reopen the chart, see the same values; Esc asks before changes are lost; Tab follows the page."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cst_notes.domain import vocabulary as V
from cst_notes.domain.intake import (
    BirthHistory,
    ConditionEntry,
    ContraindicationEntry,
    Intake,
    Medication,
    Surgery,
    TraumaEvent,
)
from cst_notes.domain.patient import Guardian
from cst_notes.services import Services
from cst_notes.ui.forms.unsaved_prompt import Choice
from cst_notes.ui.intake.form import IntakeForm
from cst_notes.ui.shell.main_window import MainWindow
from tests.ui.conftest import AMIT, JOHN, PRIYA, TODAY, Prompts, add_patient, ctrl, open_chart, years_ago
from tests.ui.driving import add_row, click, intake_tab
from tests.ui.hands import intake_form

BENGALI, DEVANAGARI = "মাথার পিছনে ব্যথা, রাতে বেশি", "गर्दन में दर्द और तनाव"


def fill_every_section(qtbot: QtBot, form: IntakeForm) -> None:
    h, m, s, c = form.history, form.medical, form.screening, form.consent
    h.intake_date.set_value(TODAY - dt.timedelta(days=1))
    h.texts["complaint"].setPlainText(f"{BENGALI}\n{DEVANAGARI}")  # setText: keyClicks cannot type non-ASCII
    h.texts["goals"].setPlainText("Sleep through the night")
    h.lines["onset"].setText("After a fall in 2019")
    qtbot.keyClicks(h.lines["duration"], "5 years")
    h.intensity.setValue(7)
    h.lines["frequency"].setText("3 days a week")
    h.lines["location"].setText("Occiput, left")
    h.texts["aggravating_factors"].setPlainText("Screens")
    h.texts["relieving_factors"].setPlainText("Dark room")
    h.texts["prior_treatment"].setPlainText("Physiotherapy, 2020")
    click(qtbot, h.conditions.boxes["migraine_headache"])
    h.conditions.notes["migraine_headache"].setText("since 2019")
    click(qtbot, h.conditions.boxes["sleep_disorder"])
    m.medical_history.setPlainText("উচ্চ রক্তচাপ")
    add_row(qtbot, m.medications, name="Ibuprofen", dose="400 mg")
    add_row(qtbot, m.medications, name="आयरन", dose="")
    add_row(qtbot, m.surgeries, description="Appendectomy", surgery_date=dt.date(2005, 6, 1))
    add_row(qtbot, m.trauma, kind="whiplash", description="Rear-ended", event_date=dt.date(2019, 3, 3))
    add_row(qtbot, m.trauma, kind="dental_work", description="Wisdom teeth")
    click(qtbot, m.pregnant)
    m.pregnancy_note.setText("24 weeks")
    s.screened_on.set_value(TODAY)
    click(qtbot, s.contraindications.boxes["cerebral_aneurysm"])
    s.contraindications.notes["cerebral_aneurysm"].setText("coiled 2021")
    click(qtbot, s.contraindications.boxes["epilepsy"])
    click(qtbot, c.consent_given)
    c.given_by.setText("প্রিয়া")


EXPECTED = Intake(
    TODAY - dt.timedelta(days=1),
    complaint=f"{BENGALI}\n{DEVANAGARI}",
    goals="Sleep through the night",
    onset="After a fall in 2019",
    duration="5 years",
    intensity=7,
    frequency="3 days a week",
    location="Occiput, left",
    aggravating_factors="Screens",
    relieving_factors="Dark room",
    prior_treatment="Physiotherapy, 2020",
    medical_history="উচ্চ রক্তচাপ",
    pregnant=True,
    pregnancy_note="24 weeks",
    conditions=(ConditionEntry("migraine_headache", "since 2019"), ConditionEntry("sleep_disorder")),
    medications=(Medication("Ibuprofen", "400 mg"), Medication("आयरन")),
    surgeries=(Surgery("Appendectomy", dt.date(2005, 6, 1)),),
    trauma=(TraumaEvent("whiplash", "Rear-ended", dt.date(2019, 3, 3)), TraumaEvent("dental_work", "Wisdom teeth")),
    contraindications=(ContraindicationEntry("cerebral_aneurysm", "coiled 2021"), ContraindicationEntry("epilepsy")),
    contraindications_screened_on=TODAY,
    consent_given=True,
    consent_date=TODAY,
    consent_given_by="প্রিয়া",
)


def clinical(intake: Intake | None) -> Intake | None:
    """The intake without what storage adds (ids and time stamps), as the defaults."""
    if intake is None:
        return None
    return dataclasses.replace(intake, id=None, patient_id=None, created_at="", updated_at="")


def test_a_first_visit_opens_the_empty_form(clinic: dict[str, int], window: MainWindow) -> None:
    open_chart(window, clinic[PRIYA])
    tab = intake_tab(window)
    assert tab.is_editing()
    assert tab.form.isVisible()
    assert tab.form.history.intake_date.value() == TODAY
    assert tab.form.history.texts["complaint"].toPlainText() == ""
    assert not tab.form.birth_history.isVisible()  # an adult
    assert tab.form.medical.medications.row_count() == 0
    assert not tab.is_dirty()


def test_every_section_is_saved_and_read_back(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[PRIYA])
    tab = intake_tab(window)
    fill_every_section(qtbot, tab.form)
    assert tab.is_dirty()
    assert tab.status_label.text() == "Unsaved changes"
    ctrl(qtbot, Qt.Key.Key_S, tab.form.consent.given_by)

    assert clinical(services.intake(clinic[PRIYA])) == clinical(EXPECTED)
    assert not tab.is_editing()
    shown = tab.view.toPlainText()
    for text in (BENGALI, DEVANAGARI, "Ibuprofen 400 mg", "Appendectomy — 2005-06-01", "Whiplash — Rear-ended"):
        assert text in shown
    assert "Cerebral aneurysm — coiled 2021 (absolute)" in shown
    assert window.chart.alerts.absolute_label.isVisible()  # the band follows the screening at once

    ctrl(qtbot, Qt.Key.Key_W, window.table)  # close the chart, open it again, edit: the same values
    assert window.chart.patient_id is None
    open_chart(window, clinic[PRIYA])
    click(qtbot, tab.edit_button)
    form = tab.form
    assert tab.is_editing()
    assert not tab.is_dirty()
    assert clinical(form.intake()) == clinical(EXPECTED)
    assert form.history.texts["complaint"].toPlainText() == f"{BENGALI}\n{DEVANAGARI}"
    assert form.medical.medications.cell(1, "name").text() == "आयरन"  # type: ignore[attr-defined]
    assert form.medical.trauma.cell(0, "kind").currentText() == "Whiplash"  # type: ignore[attr-defined]
    assert form.screening.contraindications.boxes["cerebral_aneurysm"].isChecked()
    assert form.screening.contraindications.notes["cerebral_aneurysm"].isEnabled()
    assert not form.screening.contraindications.notes["fever_or_acute_infection"].isEnabled()
    assert form.consent.given_by.text() == "প্রিয়া"


def test_an_adults_birth_history_from_childhood_is_kept(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    birth = BirthHistory(labour_hours=30, delivery="forceps")
    services.save_intake(clinic[JOHN], Intake(TODAY, birth_history=birth))
    open_chart(window, clinic[JOHN])
    tab = intake_tab(window)
    click(qtbot, tab.edit_button)
    assert not tab.form.birth_history.isVisible()
    tab.form.history.texts["goals"].setPlainText("Walk without pain")
    click(qtbot, tab.save_button)
    saved = services.intake(clinic[JOHN])
    assert saved is not None
    assert saved.birth_history == birth
    assert saved.goals == "Walk without pain"


def test_the_tab_order_follows_the_page(qtbot: QtBot, clinic: dict[str, int], window: MainWindow) -> None:
    open_chart(window, clinic[JOHN])
    form = intake_tab(window).form
    h = form.history
    expected = [
        h.texts["complaint"],
        h.texts["goals"],
        h.lines["onset"],
        h.lines["duration"],
        h.intensity,
        h.lines["frequency"],
        h.lines["location"],
        h.texts["aggravating_factors"],
        h.texts["relieving_factors"],
        h.texts["prior_treatment"],
        h.conditions.boxes[V.CONDITIONS.codes[0]],
    ]
    h.intake_date.setFocus()
    for following in expected:
        before = QApplication.focusWidget()
        for _ in range(3):  # in a date, Tab first steps through year, month and day (Qt's way)
            qtbot.keyClick(before, Qt.Key.Key_Tab)
            if QApplication.focusWidget() is not before:
                break
        assert QApplication.focusWidget() is following
    tab = intake_tab(window)  # from the form's last field, on to Cancel and Save
    form.consent.given_by.setFocus()
    qtbot.keyClick(form.consent.given_by, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is tab.cancel_button
    qtbot.keyClick(tab.cancel_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is tab.save_button


def test_escape_asks_before_throwing_changes_away(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services, prompts: Prompts
) -> None:
    services.save_intake(clinic[JOHN], Intake(TODAY, complaint="Back pain"))
    open_chart(window, clinic[JOHN])
    tab = intake_tab(window)
    click(qtbot, tab.edit_button)
    complaint = tab.form.history.texts["complaint"]
    assert QApplication.focusWidget() is complaint
    complaint.setPlainText("Back pain, worse in the morning")
    prompts.answers.append(Choice.CANCEL)
    qtbot.keyClick(complaint, Qt.Key.Key_Escape)
    assert prompts.asked == [f"the intake of {JOHN}"]
    assert tab.is_editing()
    assert complaint.toPlainText() == "Back pain, worse in the morning"

    prompts.answers.append(Choice.DISCARD)
    qtbot.keyClick(complaint, Qt.Key.Key_Escape)
    assert not tab.is_editing()
    saved = services.intake(clinic[JOHN])
    assert saved is not None
    assert saved.complaint == "Back pain"

    click(qtbot, tab.edit_button)  # unchanged: Esc leaves without asking
    qtbot.keyClick(tab.form.history.texts["complaint"], Qt.Key.Key_Escape)
    assert not tab.is_editing()
    assert len(prompts.asked) == 2


def test_a_signed_intake_is_not_edited(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[AMIT])
    tab = intake_tab(window)
    click(qtbot, tab.edit_button)
    tab.form.history.texts["goals"].setPlainText("Fewer headaches")
    services.sign_intake(clinic[AMIT], "Dr Sen")  # meanwhile, elsewhere
    click(qtbot, tab.save_button)
    assert tab.is_editing()
    assert "signed and locked" in tab.status_label.text()
    stored = services.intake(clinic[AMIT])
    assert stored is not None
    assert stored.goals == ""

    tab.discard()
    window.chart.open_patient(clinic[AMIT])
    assert not tab.edit_button.isEnabled()
    assert "addendum" in tab.edit_button.toolTip()
    assert "Signed (author) by Dr Sen · " in tab.view.toPlainText()
    tab.edit()  # the button's action does nothing either
    assert not tab.is_editing()


def test_pregnancy_is_not_asked_of_a_seven_year_old_boy_but_a_recorded_answer_shows(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    mother = Guardian("Rina Das", "mother", "+91 98300 11111", True, TODAY)
    boy = add_patient(services, "Rohan Das", years_ago(7), sex="male", guardian=mother)
    woman = add_patient(services, "Mira Sen", years_ago(30), sex="female")
    window.model.refresh()
    form = intake_form(qtbot, window, boy).form
    assert not form.medical.pregnant.isVisible()
    assert not form.medical.pregnancy_note.isVisible()
    assert not form.screening.contraindications.boxes["high_risk_pregnancy"].isVisible()
    assert form.screening.contraindications.boxes["epilepsy"].isVisible()

    form = intake_form(qtbot, window, woman).form
    assert form.medical.pregnant.isVisible()
    assert form.screening.contraindications.boxes["high_risk_pregnancy"].isVisible()

    services.save_intake(
        boy,
        Intake(
            TODAY,
            pregnant=True,
            pregnancy_note="entered in error?",
            consent_given=True,
            consent_date=TODAY,
            consent_given_by="Rina Das",
        ),
    )
    form = intake_form(qtbot, window, boy).form
    assert form.medical.pregnant.isVisible()  # what is recorded is never hidden
    assert form.medical.pregnant.isChecked()
