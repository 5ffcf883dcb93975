"""'New patient': the guardian section follows the birth date; bad input is shown and nothing is saved."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from cst_notes.domain import vocabulary as V
from cst_notes.services import Services
from cst_notes.ui.forms.unsaved_prompt import Choice
from cst_notes.ui.patients.new_patient_dialog import NewPatientDialog
from tests.ui.conftest import TODAY, Prompts, show_active, years_ago


@pytest.fixture
def dialog(qtbot: QtBot, services: Services) -> NewPatientDialog:
    return show_active(qtbot, NewPatientDialog(services))


def fill_adult(d: NewPatientDialog, name: str = "সুমিতা দাস") -> None:
    d.edits["full_name"].setText(name)  # setText: keyClicks cannot type non-ASCII
    d.birth_date_edit.set_value(dt.date(1988, 9, 17))


def save(qtbot: QtBot, d: NewPatientDialog) -> None:
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)


def test_an_adult_is_saved_with_every_field(qtbot: QtBot, dialog: NewPatientDialog, services: Services) -> None:
    fill_adult(dialog)
    dialog.edits["preferred_name"].setText("Sumi")
    dialog.sex_combo.set_code("female")
    for field, text in [
        ("phone", "+91 98300 12345"),
        ("email", "sumita@example.org"),
        ("emergency_contact_name", "অমিত রায়"),
        ("emergency_contact_phone", "+91 98300 55555"),
    ]:
        dialog.edits[field].setText(text)
    dialog.address_edit.setPlainText("12 Park Street\nKolkata 700016")
    assert not dialog.guardian_box.isVisible()
    save(qtbot, dialog)
    assert dialog.result() == NewPatientDialog.DialogCode.Accepted
    assert dialog.created_patient_id is not None
    saved = services.patient(dialog.created_patient_id)
    assert (saved.full_name, saved.preferred_name, saved.sex) == ("সুমিতা দাস", "Sumi", "female")
    assert saved.birth_date == dt.date(1988, 9, 17)
    assert saved.address == "12 Park Street\nKolkata 700016"
    assert saved.emergency_contact_name == "অমিত রায়"
    assert saved.guardian is None


def test_the_sex_choices_are_the_vocabulary(dialog: NewPatientDialog) -> None:
    combo = dialog.sex_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [t.label for t in V.SEXES]
    assert dialog.sex_combo.code() == "unspecified"
    relation = dialog.guardian_box.relation_combo
    assert [relation.itemData(i) for i in range(relation.count())] == list(V.GUARDIAN_RELATIONS.codes)
    assert relation.code() == ""  # nothing chosen until the user chooses


@pytest.mark.parametrize(
    ("born", "minor"),
    [
        (years_ago(4), True),
        (years_ago(18, days=-1), True),  # turns 18 tomorrow
        (years_ago(18), False),  # 18 today
        (years_ago(40), False),
        (None, False),
    ],
)
def test_the_guardian_section_follows_the_birth_date(
    dialog: NewPatientDialog, born: dt.date | None, minor: bool
) -> None:
    dialog.birth_date_edit.set_value(born)
    assert dialog.guardian_box.isVisible() is minor


def test_the_guardian_section_appears_and_disappears(dialog: NewPatientDialog) -> None:
    assert not dialog.guardian_box.isVisible()
    dialog.birth_date_edit.set_value(years_ago(6))
    assert dialog.guardian_box.isVisible()
    dialog.birth_date_edit.set_value(years_ago(30))
    assert not dialog.guardian_box.isVisible()
    dialog.birth_date_edit.set_value(years_ago(17))
    assert dialog.guardian_box.isVisible()


def test_a_minor_without_a_guardian_is_refused(qtbot: QtBot, dialog: NewPatientDialog, services: Services) -> None:
    dialog.edits["full_name"].setText("ঋতম সেন")
    dialog.birth_date_edit.set_value(years_ago(5))
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.feedback.message("guardian") == f"A guardian is required for a patient under {V.ADULT_AGE}."
    assert dialog.guardian_box.box_error.isVisible()
    assert dialog.feedback.is_marked("guardian")
    assert services.patient_summaries() == []

    dialog.guardian_box.name_edit.setText("মৌমিতা সেন")  # a name, but no relation
    save(qtbot, dialog)
    assert not dialog.feedback.is_marked("guardian")
    assert dialog.feedback.is_marked("guardian.relation")
    assert "must be chosen" in dialog.feedback.message("guardian.relation")
    assert services.patient_summaries() == []


def test_a_minor_with_a_guardian_and_consent_is_saved(
    qtbot: QtBot, dialog: NewPatientDialog, services: Services
) -> None:
    dialog.edits["full_name"].setText("ঋতম সেন")
    dialog.birth_date_edit.set_value(years_ago(5))
    box = dialog.guardian_box
    box.name_edit.setText("মৌমিতা সেন")
    box.relation_combo.set_code("mother")
    assert not box.consent_date_edit.isEnabled()
    qtbot.mouseClick(box.consent_check, Qt.MouseButton.LeftButton, pos=box.consent_check.rect().center())
    assert box.consent_date_edit.isEnabled()
    box.consent_date_edit.set_value(TODAY - dt.timedelta(days=1))
    save(qtbot, dialog)
    assert dialog.created_patient_id is not None
    guardian = services.patient(dialog.created_patient_id).guardian
    assert guardian is not None
    assert (guardian.name, guardian.relation, guardian.consent_given) == ("মৌমিতা সেন", "mother", True)
    assert guardian.consent_date == TODAY - dt.timedelta(days=1)


def test_an_empty_form_marks_name_and_birth_date(qtbot: QtBot, dialog: NewPatientDialog, services: Services) -> None:
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.feedback.message("full_name") == "Full name must not be empty."
    assert dialog.feedback.message("birth_date") == "Birth date must be given."
    assert dialog.feedback.is_marked("full_name")
    assert dialog.feedback.is_marked("birth_date")
    assert QApplication.focusWidget() is dialog.edits["full_name"]
    assert services.patient_summaries() == []

    dialog.edits["full_name"].setText("John Smith")
    dialog.edits["email"].setText("john.example.org")
    save(qtbot, dialog)
    assert not dialog.feedback.is_marked("full_name")
    assert dialog.feedback.message("full_name") == ""
    assert "no @" in dialog.feedback.message("email")

    qtbot.keyClicks(dialog.edits["email"], "x")  # editing a field clears its mark
    assert not dialog.feedback.is_marked("email")


_SPACES = st.text(alphabet=" \t\u00a0\u2003\u3000", max_size=12)
_TOO_LONG = st.text(alphabet="abc অমিতরায় प्रियाशर्मा", min_size=201, max_size=320).filter(lambda s: len(s.strip()) > 200)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.one_of(_SPACES, _TOO_LONG))
def test_bad_names_are_shown_and_nothing_is_saved(
    qtbot: QtBot, dialog: NewPatientDialog, services: Services, name: str
) -> None:
    fill_adult(dialog, name)
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.feedback.is_marked("full_name")
    message = dialog.feedback.message("full_name")
    assert "must not be empty" in message if not name.strip() else "too long" in message
    assert services.patient_summaries() == []


def test_ctrl_s_saves_and_escape_cancels(qtbot: QtBot, services: Services, prompts: Prompts) -> None:
    saved = show_active(qtbot, NewPatientDialog(services))
    fill_adult(saved)
    qtbot.keyClick(saved.edits["full_name"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved.result() == NewPatientDialog.DialogCode.Accepted

    cancelled = show_active(qtbot, NewPatientDialog(services))
    fill_adult(cancelled, "John Smith")
    prompts.answers.append(Choice.DISCARD)
    qtbot.keyClick(cancelled.edits["full_name"], Qt.Key.Key_Escape)
    assert prompts.asked == ["the new patient"]
    assert cancelled.result() == NewPatientDialog.DialogCode.Rejected
    assert [s.full_name for s in services.patient_summaries()] == ["সুমিতা দাস"]


def test_enter_in_a_field_saves(qtbot: QtBot, dialog: NewPatientDialog, services: Services) -> None:
    fill_adult(dialog)
    qtbot.keyClick(dialog.edits["phone"], Qt.Key.Key_Return)
    assert dialog.result() == NewPatientDialog.DialogCode.Accepted
    assert len(services.patient_summaries()) == 1


def test_tab_goes_down_the_form(qtbot: QtBot, dialog: NewPatientDialog) -> None:
    dialog.birth_date_edit.set_value(years_ago(5))  # the guardian fields come after the patient's
    expected: list[QWidget] = [
        dialog.edits["preferred_name"],
        dialog.birth_date_edit,
        dialog.sex_combo,
        dialog.language_combo,
        dialog.edits["phone"],
        dialog.edits["email"],
        dialog.address_edit,
        dialog.edits["emergency_contact_name"],
        dialog.edits["emergency_contact_phone"],
        dialog.guardian_box.name_edit,
        dialog.guardian_box.relation_combo,
    ]
    assert QApplication.focusWidget() is dialog.edits["full_name"]
    for following in expected:
        before = QApplication.focusWidget()
        for _ in range(3):  # in a date, Tab first steps through year, month and day (Qt's way)
            qtbot.keyClick(before, Qt.Key.Key_Tab)
            if QApplication.focusWidget() is not before:
                break
        assert QApplication.focusWidget() is following


def test_a_birth_date_can_be_typed(qtbot: QtBot, dialog: NewPatientDialog) -> None:
    edit = dialog.birth_date_edit
    assert edit.is_empty()
    assert edit.placeholderText() == "DD/MM/YYYY"
    edit.setFocus()
    qtbot.keyClicks(edit, "20190314")
    assert edit.value() == dt.date(2019, 3, 14)
    assert dialog.guardian_box.isVisible()


def test_an_empty_birth_date_opens_the_calendar_at_an_adult_year(dialog: NewPatientDialog) -> None:
    calendar = dialog.birth_date_edit.open_calendar()
    assert calendar.yearShown() == TODAY.year - 30


def test_every_label_has_its_own_alt_key_that_focuses_its_field(dialog: NewPatientDialog) -> None:
    dialog.birth_date_edit.set_value(years_ago(5))
    labels = [label for label in dialog.findChildren(QLabel) if "&" in label.text()]
    keys = [label.text()[label.text().index("&") + 1].lower() for label in labels]
    keys += [b.text()[b.text().index("&") + 1].lower() for b in dialog.findChildren(QAbstractButton) if "&" in b.text()]
    assert len(keys) == len(set(keys)) >= 12
    assert {label.buddy() for label in labels} >= {*dialog.edits.values(), dialog.birth_date_edit, dialog.sex_combo}


def test_alt_and_a_letter_goes_to_the_field(qtbot: QtBot, dialog: NewPatientDialog) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.birth_date_edit
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.edits["email"]
