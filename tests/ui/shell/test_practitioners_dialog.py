"""File ▸ Practitioners…: the practice's practitioners, adding one with a passphrase typed twice, and
disabling one; driven by keys, checked through the services."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cst_notes.domain import keys
from cst_notes.domain.practitioner import Practitioner
from cst_notes.services import Services
from cst_notes.ui.shell.main_window import MainWindow
from cst_notes.ui.shell.practitioners_dialog import PASSPHRASE_NEEDED, AddPractitionerDialog, PractitionersDialog
from cst_notes.ui.shell.sign_in import PASSPHRASES_DIFFER
from tests.ui.conftest import activate, show_active
from tests.ui.hands import press, type_keys
from tests.ui.shell.test_practice_menu import FakeAsker

RAHUL = "রাহুল মেহতা"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


def open_dialog(qtbot: QtBot, services: Services) -> PractitionersDialog:
    window = show_active(qtbot, MainWindow(services, "clinic.sqlite"))
    window.practice.asker = FakeAsker()
    action = next(a for a in window.practice.file_actions if a.text() == "Practiti&oners…")
    action.trigger()
    dialog = window.practice.open_dialogs[-1]
    assert isinstance(dialog, PractitionersDialog)
    return activate(qtbot, dialog)


def rows(dialog: PractitionersDialog) -> list[list[str]]:
    t = dialog.table
    items = [[t.item(r, c) for c in range(t.columnCount())] for r in range(t.rowCount())]
    return [[i.text() if i is not None else "" for i in row] for row in items]


def fill_in(qtbot: QtBot, add: AddPractitionerDialog, passphrase: str, again: str) -> None:
    """Name, Tab over the role, credentials, registration, the passphrase twice, Enter."""
    assert QApplication.focusWidget() is add.name_edit
    type_keys(add.name_edit, RAHUL)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(add.credentials_edit, "RCST")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(add.registration_edit, "BCST-1207")
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is add.passphrase_edit
    type_keys(add.passphrase_edit, passphrase)
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(add.again_edit, again)
    press(qtbot, Qt.Key.Key_Return)


def test_add_a_practitioner_with_a_passphrase_then_disable_them(qtbot: QtBot, services: Services) -> None:
    services.add_practitioner(Practitioner("Anita Bose", "owner", "RCST"), "anita's")
    services.sign_in("Anita Bose", "anita's")
    dialog = open_dialog(qtbot, services)
    assert rows(dialog) == [["Anita Bose", "Owner", "RCST", "yes", "yes"]]
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.add_dialog is not None, timeout=1000)  # a mnemonic clicks after a moment
    add = dialog.add_dialog
    assert add is not None
    activate(qtbot, add)
    fill_in(qtbot, add, "নদীর ধারে", "নদীর ধারে!")
    assert add.isVisible()
    assert add.fields.again_error.text() == PASSPHRASES_DIFFER
    assert add.fields.again_error.isVisible()
    assert [p.name for p in services.practitioners()] == ["Anita Bose"]
    assert add.passphrase_edit.text() == add.again_edit.text() == ""
    type_keys(add.passphrase_edit, "নদীর ধারে")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(add.again_edit, "নদীর ধারে")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.add_dialog is None, timeout=2000)
    added = services.practitioner(RAHUL)
    assert (added.role, added.credentials, added.registration) == ("therapist", "RCST", "BCST-1207")
    assert added.has_passphrase
    assert services.asks_passphrase(RAHUL)
    assert rows(dialog)[1] == [RAHUL, "Therapist", "RCST", "yes", "yes"]

    activate(qtbot, dialog)
    dialog.table.setFocus()
    press(qtbot, Qt.Key.Key_Down)  # the first row
    press(qtbot, Qt.Key.Key_Down)  # Rahul
    assert dialog.selected_name() == RAHUL
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not services.practitioner(RAHUL).active, timeout=1000)
    assert rows(dialog)[1][4] == "no"
    assert RAHUL not in services.signers()


def test_a_name_already_there_is_refused_and_nothing_is_added(qtbot: QtBot, services: Services) -> None:
    services.add_practitioner(Practitioner(RAHUL, "owner"))
    dialog = open_dialog(qtbot, services)  # the one practitioner, without a passphrase: signed in at once
    assert rows(dialog) == [[RAHUL, "Owner", "", "no", "yes"]]
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.add_dialog is not None, timeout=1000)  # a mnemonic clicks after a moment
    add = dialog.add_dialog
    assert add is not None
    activate(qtbot, add)
    fill_in(qtbot, add, "", "")
    assert add.fields.passphrase_error.text() == PASSPHRASE_NEEDED
    assert QApplication.focusWidget() is add.passphrase_edit
    type_keys(add.passphrase_edit, "secret")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(add.again_edit, "secret")
    press(qtbot, Qt.Key.Key_Return)
    assert add.message.text() == f"Name {RAHUL} is a practitioner already."
    assert services.practitioner(RAHUL).key_id == ""


# --- who manages, enabling again, passphrases, the current row (issue 15) ------------------------

ANITA, ANITAS, RAHULS = "Anita Bose", "anita's", "রাহুলের কথা"


def two_practitioners(services: Services, signed_in: str) -> None:
    services.add_practitioner(Practitioner(ANITA, "owner", "RCST"), ANITAS)
    services.sign_in(ANITA, ANITAS)  # the owner adds the other
    services.add_practitioner(Practitioner(RAHUL, "therapist"), RAHULS)
    services.sign_in(signed_in, ANITAS if signed_in == ANITA else RAHULS)


def to_row(qtbot: QtBot, dialog: PractitionersDialog, row: int) -> None:
    """The keyboard into the table, down to ``row`` (0: Anita, 1: Rahul)."""
    dialog.table.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_Home)
    for _ in range(row):
        press(qtbot, Qt.Key.Key_Down)
    assert dialog.table.currentRow() == row


def test_a_therapist_sees_the_list_and_may_change_only_their_own_passphrase(qtbot: QtBot, services: Services) -> None:
    two_practitioners(services, RAHUL)
    dialog = open_dialog(qtbot, services)
    assert dialog.note.isVisible()
    assert not dialog.add_button.isEnabled()
    to_row(qtbot, dialog, 0)  # Anita
    assert not dialog.disable_button.isEnabled()
    assert not dialog.passphrase_button.isEnabled()
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(50)
    assert services.practitioner(ANITA).active
    press(qtbot, Qt.Key.Key_Down)  # Rahul, himself
    assert dialog.passphrase_button.isEnabled()
    assert not dialog.disable_button.isEnabled()

    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.passphrase_dialog is not None, timeout=1000)
    change = dialog.passphrase_dialog
    assert change is not None
    activate(qtbot, change)
    assert QApplication.focusWidget() is change.old_edit
    type_keys(change.old_edit, "not his")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(change.fields.passphrase, "নতুন কথা")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(change.fields.again, "নতুন কথা")
    press(qtbot, Qt.Key.Key_Return)
    assert change.old_error.text() == f"Current passphrase is not {RAHUL}'s passphrase; nothing was changed."
    assert change.old_error.isVisible()
    assert QApplication.focusWidget() is change.old_edit
    type_keys(change.old_edit, RAHULS)
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(change.fields.passphrase, "নতুন কথা")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(change.fields.again, "নতুন কথ")
    press(qtbot, Qt.Key.Key_Return)
    assert change.fields.again_error.text() == PASSPHRASES_DIFFER
    assert QApplication.focusWidget() is change.fields.passphrase
    key_before = services.practitioner(RAHUL).key_id
    type_keys(change.fields.passphrase, "নতুন কথা")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(change.fields.again, "নতুন কথা")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.passphrase_dialog is None, timeout=2000)
    assert services.practitioner(RAHUL).key_id == key_before  # the same key, sealed anew
    services.sign_out()
    assert services.sign_in(RAHUL, "নতুন কথা").name == RAHUL


def test_the_owner_issues_a_new_key_to_another(qtbot: QtBot, services: Services) -> None:
    two_practitioners(services, ANITA)
    dialog = open_dialog(qtbot, services)
    assert not dialog.note.isVisible()
    key_before = services.practitioner(RAHUL).key_id
    to_row(qtbot, dialog, 1)
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.passphrase_dialog is not None, timeout=1000)
    change = dialog.passphrase_dialog
    assert change is not None
    activate(qtbot, change)
    assert not change.old_edit.isVisible()  # his forgotten one is not asked
    assert QApplication.focusWidget() is change.fields.passphrase
    type_keys(change.fields.passphrase, "fresh start")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(change.fields.again, "fresh start")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.passphrase_dialog is None, timeout=2000)
    assert services.practitioner(RAHUL).key_id != key_before
    services.sign_out()
    assert services.sign_in(RAHUL, "fresh start").name == RAHUL


def test_disable_acts_on_the_current_row_then_enable_brings_them_back(qtbot: QtBot, services: Services) -> None:
    two_practitioners(services, ANITA)
    dialog = open_dialog(qtbot, services)
    to_row(qtbot, dialog, 1)
    press(qtbot, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)  # unselected: the focus stays on Rahul
    assert dialog.table.selectionModel().selectedRows() == []
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not services.practitioner(RAHUL).active, timeout=1000)
    assert rows(dialog)[1][4] == "no"
    assert services.practitioner(ANITA).active
    to_row(qtbot, dialog, 1)
    assert dialog.enable_button.isEnabled()
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: services.practitioner(RAHUL).active, timeout=1000)
    assert rows(dialog)[1][4] == "yes"
    assert services.history()[0].summary == f"practitioner {RAHUL} enabled again"


def test_add_with_no_passphrase(qtbot: QtBot, services: Services) -> None:
    two_practitioners(services, ANITA)
    dialog = open_dialog(qtbot, services)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.add_dialog is not None, timeout=1000)
    add = dialog.add_dialog
    assert add is not None
    activate(qtbot, add)
    assert keys.NO_PASSPHRASE_MEANS in add.fields.none_choice.meaning.text()
    type_keys(add.name_edit, "Emma Clarke")
    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(add.fields.none_choice.chosen, timeout=1000)
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.add_dialog is None, timeout=2000)
    emma = services.practitioner("Emma Clarke")
    assert emma.key_id
    assert not emma.has_passphrase
    assert rows(dialog)[1][3] == "yes (no passphrase)"
