"""Bad input on the intake form is shown at its field (a row's cell, the consent box) and nothing is
written; the birth history and the guardian's consent are for minors, and follow the birth date."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cst_notes.domain import vocabulary as V
from cst_notes.domain.intake import BirthHistory
from cst_notes.services import Services
from cst_notes.ui.shell.main_window import MainWindow
from tests.ui.conftest import JOHN, PRIYA, TODAY, open_chart, years_ago
from tests.ui.driving import add_row, click, intake_tab


def test_an_empty_medication_name_is_shown_in_its_row_and_nothing_is_saved(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[JOHN])
    form = intake_tab(window).form
    form.history.texts["complaint"].setPlainText("Low back pain")
    add_row(qtbot, form.medical.medications, name="Ibuprofen")
    add_row(qtbot, form.medical.medications, name="   ", dose="5 ml")
    add_row(qtbot, form.medical.surgeries, description="", surgery_date=dt.date(2020, 1, 1))
    add_row(qtbot, form.medical.trauma, description="Fell off a ladder")  # no kind chosen
    click(qtbot, intake_tab(window).save_button)

    assert services.intake(clinic[JOHN]) is None
    assert intake_tab(window).is_editing()
    feedback = form.feedback
    assert feedback.message("medications[1].name") == "Medication 2: name must not be empty."
    assert feedback.is_marked("medications[1].name")
    assert not feedback.is_marked("medications[0].name")
    assert feedback.message("surgeries[0].description") == "Surgery 1: what must not be empty."
    assert feedback.message("trauma[0].kind") == "Trauma 1: kind must be chosen (trauma)."
    first = form.medical.medications.cell(1, "name")
    assert QApplication.focusWidget() is first  # the first error: focused, and scrolled into view
    viewport = form.viewport()
    qtbot.waitUntil(lambda: viewport.rect().contains(first.mapTo(viewport, first.rect().center())))
    assert "correct the fields" in intake_tab(window).status_label.text()

    form.medical.medications.cell(1, "name").setText("Paracetamol")  # type: ignore[attr-defined]
    assert not feedback.is_marked("medications[1].name")  # editing a field clears its mark
    form.medical.surgeries.cell(0, "description").setText("Knee arthroscopy")  # type: ignore[attr-defined]
    form.medical.trauma.cell(0, "kind").set_code("fall")  # type: ignore[attr-defined]
    click(qtbot, intake_tab(window).save_button)
    saved = services.intake(clinic[JOHN])
    assert saved is not None
    assert [m.name for m in saved.medications] == ["Ibuprofen", "Paracetamol"]


def test_future_dates_cannot_be_entered(clinic: dict[str, int], window: MainWindow) -> None:
    open_chart(window, clinic[JOHN])
    form = intake_tab(window).form
    form.medical.surgeries.add_row()
    for edit in (form.medical.surgeries.cell(0, "surgery_date"), form.history.intake_date, form.consent.consent_date):
        edit.set_value(TODAY + dt.timedelta(days=30))  # type: ignore[attr-defined]
        assert edit.value() is None  # type: ignore[attr-defined]
        assert edit.problem().startswith("cannot be in the future")  # type: ignore[attr-defined]


def test_a_minor_needs_the_guardians_consent(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic["child"])
    tab = intake_tab(window)
    form = tab.form
    assert form.is_minor
    assert form.birth_history.isVisible()
    assert form.consent.minor_note.isVisible()
    assert "মৌমিতা সেন (Mother)" in form.consent.minor_note.text()
    assert form.consent.given_by.text() == "মৌমিতা সেন"  # the guardian on file, to confirm
    form.history.texts["complaint"].setPlainText("Colic, prefers to turn the head to the right")
    form.birth_history.labour_hours.setValue(14.5)
    form.birth_history.delivery.set_code("vacuum")
    form.birth_history.presentation.set_code("occiput_posterior")
    click(qtbot, form.birth_history.flags["torticollis"])
    click(qtbot, form.birth_history.flags["feeding_one_sided_preference"])
    form.birth_history.note.setPlainText("জন্মের পর দুধ খেতে অসুবিধা")
    click(qtbot, tab.save_button)

    assert services.intake(clinic["child"]) is None
    assert form.feedback.is_marked("consent_given")
    assert form.feedback.message("consent_given") == (
        f"Consent: a guardian's consent is required for a patient under {V.ADULT_AGE}."
    )
    assert form.consent.consent_given.hasFocus()

    click(qtbot, form.consent.consent_given)
    form.consent.given_by.setText("")
    click(qtbot, tab.save_button)
    assert form.feedback.message("consent_given_by") == "Given by must name the guardian who gave consent."
    assert services.intake(clinic["child"]) is None

    form.consent.given_by.setText("মৌমিতা সেন")
    click(qtbot, tab.save_button)
    saved = services.intake(clinic["child"])
    assert saved is not None
    assert saved.consent_given
    assert saved.consent_date == TODAY
    assert saved.birth_history == BirthHistory(
        labour_hours=14.5,
        delivery="vacuum",
        presentation="occiput_posterior",
        feeding_one_sided_preference=True,
        torticollis=True,
        note="জন্মের পর দুধ খেতে অসুবিধা",
    )
    assert "Occiput posterior" in tab.view.toPlainText()
    assert "Torticollis" in tab.view.toPlainText()


def test_the_birth_history_follows_the_birth_date(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[PRIYA])  # an adult: no birth history
    form = intake_tab(window).form
    assert not form.birth_history.isVisible()
    assert not form.consent.minor_note.isVisible()

    dialog = window.edit_details(clinic[PRIYA])  # the details change: she is 16
    dialog.birth_date_edit.set_value(years_ago(16))
    dialog.guardian_box.name_edit.setText("সুনীল শর্মা")
    dialog.guardian_box.relation_combo.set_code("father")
    click(qtbot, dialog.save_button)
    assert services.patient(clinic[PRIYA]).is_minor()
    assert form.birth_history.isVisible()
    assert form.consent.minor_note.isVisible()
    assert "16 years" in window.chart.header.facts_label.text()

    dialog = window.edit_details(clinic[PRIYA])
    dialog.birth_date_edit.set_value(years_ago(30))
    click(qtbot, dialog.save_button)
    assert not form.birth_history.isVisible()
    assert not form.consent.minor_note.isVisible()
    guardian = services.patient(clinic[PRIYA]).guardian  # kept, though no longer shown
    assert guardian is not None
    assert guardian.name == "সুনীল শর্মা"
    assert not window.chart.header.guardian_label.isVisible()


_BLANK = st.text(alphabet=" \t\u00a0\u3000", max_size=6)
_TOO_LONG = st.text(alphabet="ab অমিত प्रिया", min_size=201, max_size=260).filter(lambda s: len(s.strip()) > 200)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.one_of(_BLANK, _TOO_LONG))
def test_bad_medication_names_are_shown_and_nothing_is_saved(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services, name: str
) -> None:
    if window.chart.patient_id != clinic[JOHN]:
        open_chart(window, clinic[JOHN])
    tab = intake_tab(window)
    meds = tab.form.medical.medications
    if meds.row_count() == 0:
        meds.add_row()
    meds.cell(0, "name").setText(name)  # type: ignore[attr-defined]
    click(qtbot, tab.save_button)
    assert services.intake(clinic[JOHN]) is None
    message = tab.form.feedback.message("medications[0].name")
    assert ("must not be empty" if not name.strip() else "is too long") in message
