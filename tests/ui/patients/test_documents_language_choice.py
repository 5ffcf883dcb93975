"""'Documents in': the patient's language for documents (issue 16), chosen with the keyboard in the
new-patient and edit-details dialog, English until chosen, and left alone by a wheel scrolling past."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cst_notes.domain import vocabulary as V
from cst_notes.domain.patient import Patient
from cst_notes.services import Services
from cst_notes.ui.patients.new_patient_dialog import NewPatientDialog
from tests.ui.conftest import ctrl, show_active
from tests.ui.hands import click_into, press, saved_patient, type_into
from tests.ui.widgets.test_input_guard import state, wheel

RINA = Patient("Rina Sen", dt.date(1990, 4, 2), "female", document_language="bn")


@pytest.fixture
def dialog(qtbot: QtBot, services: Services) -> NewPatientDialog:
    return show_active(qtbot, NewPatientDialog(services))


def tab_to_language(qtbot: QtBot, dialog: NewPatientDialog) -> None:
    """From the sex / gender choice, Tab once: the next stop is "Documents in"."""
    click_into(qtbot, dialog.edits["preferred_name"])
    press(qtbot, Qt.Key.Key_Tab)  # to the birth date
    for _ in range(3):  # in a date, Tab first steps through day, month and year (Qt's way)
        press(qtbot, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is not dialog.birth_date_edit:
            break
    assert QApplication.focusWidget() is dialog.sex_combo
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.language_combo


def test_the_choices_are_the_vocabulary_and_english_comes_first(dialog: NewPatientDialog) -> None:
    combo = dialog.language_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["English", "Bengali — বাংলা", "Hindi — हिन्दी"]
    assert [combo.itemData(i) for i in range(combo.count())] == list(V.DOCUMENT_LANGUAGES.codes)
    assert combo.currentText() == "English"


def test_a_new_patient_reading_hindi_is_saved_so_by_keyboard(
    qtbot: QtBot, dialog: NewPatientDialog, services: Services
) -> None:
    type_into(qtbot, dialog.edits["full_name"], "Rina Sen")
    click_into(qtbot, dialog.birth_date_edit)
    qtbot.keyClicks(dialog.birth_date_edit, "02041990")
    tab_to_language(qtbot, dialog)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert dialog.language_combo.currentText() == "Hindi — हिन्दी"
    ctrl(qtbot, Qt.Key.Key_S, dialog.language_combo)
    assert dialog.result() == NewPatientDialog.DialogCode.Accepted
    assert saved_patient(services, "Rina Sen").document_language == "hi"


def test_a_patient_saved_without_choosing_has_english_documents(
    qtbot: QtBot, dialog: NewPatientDialog, services: Services
) -> None:
    type_into(qtbot, dialog.edits["full_name"], "Rina Sen")
    click_into(qtbot, dialog.birth_date_edit)
    qtbot.keyClicks(dialog.birth_date_edit, "02041990")
    ctrl(qtbot, Qt.Key.Key_S, dialog.birth_date_edit)
    assert saved_patient(services, "Rina Sen").document_language == "en"


def test_alt_d_goes_to_documents_in_and_edit_details_changes_the_language(qtbot: QtBot, services: Services) -> None:
    pid = services.create_patient(RINA).patient_id
    dialog = show_active(qtbot, NewPatientDialog(services, patient=services.patient(pid)))
    assert dialog.language_combo.currentText() == "Bengali — বাংলা"  # the patient's, shown
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.language_combo
    press(qtbot, Qt.Key.Key_Up)  # back to English
    ctrl(qtbot, Qt.Key.Key_S, dialog.language_combo)
    assert dialog.result() == NewPatientDialog.DialogCode.Accepted
    stored = services.patient(pid)
    assert stored.document_language == "en"
    assert stored == dataclasses.replace(RINA, document_language="en", id=pid, uid=stored.uid,
                                         created_at=stored.created_at, updated_at=stored.updated_at)  # fmt: skip


def test_the_wheel_scrolling_past_documents_in_changes_nothing(
    qtbot: QtBot, dialog: NewPatientDialog, services: Services
) -> None:
    type_into(qtbot, dialog.edits["full_name"], "Rina Sen")
    click_into(qtbot, dialog.birth_date_edit)
    qtbot.keyClicks(dialog.birth_date_edit, "02041990")
    click_into(qtbot, dialog.edits["phone"])  # typing elsewhere, then the wheel passes over the combo
    combo = dialog.language_combo
    assert not combo.hasFocus()
    assert combo.focusPolicy() != Qt.FocusPolicy.WheelFocus
    before = state(combo)
    for notches in (-1, -1, 1, -2):
        wheel(combo, notches)
        assert state(combo) == before
    ctrl(qtbot, Qt.Key.Key_S, dialog.edits["phone"])
    assert saved_patient(services, "Rina Sen").document_language == "en"
