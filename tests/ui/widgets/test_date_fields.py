"""Every date typed is the date stored (issue 13, item 1).

Each test walks every date field of a form, found by type (a field added later cannot escape),
types a date into it key by key in one of the forms people use (ISO with dashes, or day first with
/ - or .), saves with Ctrl+S and reads the record back through the services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cst_notes.services import Services
from cst_notes.ui.shell.main_window import MainWindow
from cst_notes.ui.shell.settings_dialog import SettingsDialog
from cst_notes.ui.widgets.date_edit import DateField, DateTimeField, TypedDateField
from cst_notes.ui.widgets.field_feedback import FieldFeedback
from tests.ui.conftest import JOHN, SUMITA, TODAY, activate, ctrl, show_active
from tests.ui.hands import (
    click_into,
    intake_form,
    new_patient_dialog,
    plan_form,
    press,
    saved_patient,
    session_editor,
    type_into,
    value_at,
)

FORMS: dict[str, Callable[[dt.date], str]] = {
    "iso": dt.date.isoformat,
    "day/month/year": lambda d: d.strftime("%d/%m/%Y"),
    "day-month-year": lambda d: d.strftime("%d-%m-%Y"),
    "day.month.year": lambda d: d.strftime("%d.%m.%Y"),
}


def a_date(n: int) -> dt.date:
    """The n-th field's date: in the past (every field allows it), a child's age, days over and under 13."""
    return TODAY - dt.timedelta(days=1000 + 97 * n)


def type_every_date(qtbot: QtBot, root: QWidget, feedback: FieldFeedback, form: Callable[[dt.date], str]) -> dict:  # type: ignore[type-arg]
    """Type a date into every date field under ``root``; returns {field name: date typed}."""
    typed = {}
    fields = root.findChildren(DateField)
    assert fields, "no date field found"
    for n, field in enumerate(fields):
        assert field.isVisible(), f"{field.objectName()} cannot be typed into"
        assert field.isEnabled(), f"{field.objectName()} cannot be typed into"
        name = feedback.field_of(field)
        assert name, f"a date field ({field.objectName()}) is not named for the feedback"
        typed[name] = a_date(n)
        type_into(qtbot, field, form(a_date(n)))
        assert not field.problem()
        assert field.text() == a_date(n).isoformat()
    return typed


@pytest.mark.parametrize("form", FORMS.values(), ids=FORMS.keys())
def test_new_patient_dates(
    qtbot: QtBot, window: MainWindow, services: Services, form: Callable[[dt.date], str]
) -> None:
    dialog = new_patient_dialog(qtbot, window)
    type_into(qtbot, dialog.edits["full_name"], "Asha Rao")
    type_into(qtbot, dialog.birth_date_edit, form(a_date(0)))  # a child: the guardian's fields show
    box = dialog.guardian_box
    type_into(qtbot, box.name_edit, "Meera Rao")  # then Tab: the relation
    assert QApplication.focusWidget() is box.relation_combo
    press(qtbot, Qt.Key.Key_Down)
    qtbot.mouseClick(box.consent_check, Qt.MouseButton.LeftButton, pos=box.consent_check.rect().center())
    typed = type_every_date(qtbot, dialog, dialog.feedback, form)
    assert set(typed) == {"birth_date", "guardian.consent_date"}
    ctrl(qtbot, Qt.Key.Key_S, dialog.edits["full_name"])
    patient = saved_patient(services, "Asha Rao")
    assert {name: value_at(patient, name) for name in typed} == typed


@pytest.mark.parametrize("form", FORMS.values(), ids=FORMS.keys())
def test_intake_dates(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services, form: Callable[[dt.date], str]
) -> None:
    tab = intake_form(qtbot, window, clinic[JOHN])
    medical, consent = tab.form.medical, tab.form.consent
    qtbot.mouseClick(medical.surgeries.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, medical.surgeries.cell(0, "description"), "Appendectomy")
    qtbot.mouseClick(medical.trauma.add_button, Qt.MouseButton.LeftButton)  # the focus goes to its kind
    assert QApplication.focusWidget() is medical.trauma.cell(0, "kind")
    press(qtbot, Qt.Key.Key_Down)
    qtbot.mouseClick(consent.consent_given, Qt.MouseButton.LeftButton, pos=consent.consent_given.rect().center())
    typed = type_every_date(qtbot, tab.form, tab.form.feedback, form)
    assert set(typed) >= {"intake_date", "surgeries[0].surgery_date", "trauma[0].event_date", "consent_date"}
    ctrl(qtbot, Qt.Key.Key_S, medical.surgeries.cell(0, "description"))
    intake = services.intake(clinic[JOHN])
    assert intake is not None
    assert {name: value_at(intake, name) for name in typed} == typed


@pytest.mark.parametrize("form", FORMS.values(), ids=FORMS.keys())
def test_plan_dates(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services, form: Callable[[dt.date], str]
) -> None:
    tab = plan_form(qtbot, window, clinic[JOHN])
    typed = type_every_date(qtbot, tab.form, tab.form.feedback, form)
    assert set(typed) == {"next_appointment", "review_date"}
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    [plan] = services.plans(clinic[JOHN])
    assert {name: value_at(plan, name) for name in typed} == typed


@pytest.mark.parametrize("form", FORMS.values(), ids=FORMS.keys())
def test_session_start(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services, form: Callable[[dt.date], str]
) -> None:
    editor = session_editor(qtbot, window, clinic[SUMITA])
    [field] = editor.findChildren(TypedDateField)  # the only date there: when the session started
    assert isinstance(field, DateTimeField)
    assert editor.feedback.field_of(field) == "started_at"
    type_into(qtbot, field, f"{form(a_date(1))} 9:05")
    assert field.text() == f"{a_date(1).isoformat()} 09:05"
    ctrl(qtbot, Qt.Key.Key_S, editor.soap.edits["subjective"])
    [stored] = services.sessions(clinic[SUMITA])
    assert stored.started_at == dt.datetime.combine(a_date(1), dt.time(9, 5)).astimezone().astimezone(dt.UTC)


def test_the_dates_of_the_review_are_stored_as_typed(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    """What the review typed (1985-03-14 became 1985-01-03, a trauma after Ctrl+A became 12-03…)."""
    dialog = new_patient_dialog(qtbot, window)
    type_into(qtbot, dialog.edits["full_name"], "Review Patient")
    type_into(qtbot, dialog.birth_date_edit, "1985-03-14", select_all=False)
    ctrl(qtbot, Qt.Key.Key_S, dialog.edits["full_name"])
    assert saved_patient(services, "Review Patient").birth_date == dt.date(1985, 3, 14)

    tab = intake_form(qtbot, window, clinic[JOHN])
    medical = tab.form.medical
    qtbot.mouseClick(medical.surgeries.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, medical.surgeries.cell(0, "description"), "Tonsils")
    type_into(qtbot, medical.surgeries.cell(0, "surgery_date"), "2010-06-15", select_all=False)
    qtbot.mouseClick(medical.trauma.add_button, Qt.MouseButton.LeftButton)  # the focus goes to its kind
    assert QApplication.focusWidget() is medical.trauma.cell(0, "kind")
    press(qtbot, Qt.Key.Key_Down)
    type_into(qtbot, medical.trauma.cell(0, "event_date"), "2024-03-10")  # after Ctrl+A
    type_into(qtbot, tab.form.history.intake_date, "2019-05-20")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    intake = services.intake(clinic[JOHN])
    assert intake is not None
    assert intake.intake_date == dt.date(2019, 5, 20)
    assert intake.surgeries[0].surgery_date == dt.date(2010, 6, 15)
    assert intake.trauma[0].event_date == dt.date(2024, 3, 10)

    plan = plan_form(qtbot, window, clinic[JOHN])
    type_into(qtbot, plan.form.next_appointment, "2026-12-10")
    qtbot.mouseClick(plan.save_button, Qt.MouseButton.LeftButton)
    [stored] = services.plans(clinic[JOHN])
    assert stored.next_appointment == dt.date(2026, 12, 10)


def test_the_calendar_picks_a_date(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    dialog = new_patient_dialog(qtbot, window)
    type_into(qtbot, dialog.edits["full_name"], "Calendar Pick")
    click_into(qtbot, dialog.birth_date_edit)
    qtbot.keyClick(dialog.birth_date_edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # opens it
    calendar = dialog.birth_date_edit.calendar
    assert calendar is not None
    assert calendar.isVisible()
    assert (calendar.yearShown(), calendar.monthShown()) == (TODAY.year - 30, 1)  # an adult's year, not 1899
    press(qtbot, Qt.Key.Key_Right)  # 2 January
    press(qtbot, Qt.Key.Key_Return)
    assert not calendar.isVisible()
    assert QApplication.focusWidget() is dialog.birth_date_edit
    ctrl(qtbot, Qt.Key.Key_S, dialog.birth_date_edit)
    assert saved_patient(services, "Calendar Pick").birth_date == dt.date(TODAY.year - 30, 1, 2)


BAD = [
    ("31/02/2020", "Birth date is not a real date (31/02/2020: February 2020 has 29 days)."),
    (
        "1985-03",
        "Birth date is incomplete: give the day, the month and the year (write it as 14/03/1985 or 1985-03-14).",
    ),
    ("14/3/85", "Birth date needs the year in full (write it as 14/03/1985 or 1985-03-14)."),
    ((TODAY + dt.timedelta(days=1)).strftime("%d/%m/%Y"), "Birth date cannot be in the future"),
]


@pytest.mark.parametrize(("typed", "message"), BAD, ids=["impossible", "partial", "two-digit year", "future"])
def test_a_date_that_is_not_one_is_explained_and_never_saved(
    qtbot: QtBot, window: MainWindow, services: Services, typed: str, message: str
) -> None:
    dialog = new_patient_dialog(qtbot, window)
    type_into(qtbot, dialog.edits["full_name"], "Not Saved")
    type_into(qtbot, dialog.birth_date_edit, typed)
    assert dialog.feedback.is_marked("birth_date")  # on leaving the field, before any Save
    assert dialog.feedback.message("birth_date").startswith(message)
    assert dialog.birth_date_edit.text() == typed  # left as typed, to put right: never guessed
    ctrl(qtbot, Qt.Key.Key_S, dialog.edits["full_name"])
    assert services.patient_summaries() == []
    assert dialog.isVisible()
    assert dialog.feedback.message("birth_date").startswith(message)
    assert QApplication.focusWidget() is dialog.birth_date_edit
    type_into(qtbot, dialog.birth_date_edit, "14.03.1985")  # put right: the mark goes, Save works
    assert not dialog.feedback.is_marked("birth_date")
    ctrl(qtbot, Qt.Key.Key_S, dialog.edits["full_name"])
    assert saved_patient(services, "Not Saved").birth_date == dt.date(1985, 3, 14)


def test_an_impossible_history_date_is_marked_in_its_row_and_not_saved(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    tab = intake_form(qtbot, window, clinic[JOHN])
    surgeries = tab.form.medical.surgeries
    qtbot.mouseClick(surgeries.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, surgeries.cell(0, "description"), "Knee")
    type_into(qtbot, surgeries.cell(0, "surgery_date"), "30.02.2011")
    message = "Surgery 1: when is not a real date (30.02.2011: February 2011 has 28 days)."
    assert tab.form.feedback.message("surgeries[0].surgery_date") == message
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert services.intake(clinic[JOHN]) is None
    assert tab.is_editing()
    assert tab.form.feedback.message("surgeries[0].surgery_date") == message


def test_the_clinic_can_write_the_month_first(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    settings = activate(qtbot, show_active(qtbot, SettingsDialog(services, parent=window)))
    qtbot.keyClick(settings, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # "&Dates are written"
    assert QApplication.focusWidget() is settings.date_order
    press(qtbot, Qt.Key.Key_Down)  # Month first
    ctrl(qtbot, Qt.Key.Key_S, settings.date_order)
    assert services.settings().date_order == "month_first"

    dialog = new_patient_dialog(qtbot, window)
    assert dialog.birth_date_edit.placeholderText() == "MM/DD/YYYY"
    type_into(qtbot, dialog.edits["full_name"], "Month First")
    type_into(qtbot, dialog.birth_date_edit, "14/03/1985")
    assert "there is no month 14" in dialog.feedback.message("birth_date")
    type_into(qtbot, dialog.birth_date_edit, "03/04/1985")
    ctrl(qtbot, Qt.Key.Key_S, dialog.edits["full_name"])
    assert saved_patient(services, "Month First").birth_date == dt.date(1985, 3, 4)
