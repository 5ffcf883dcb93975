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
from cst_notes.ui.shell.practitioners_dialog import (
    PASSPHRASE_NEEDED,
    PASSPHRASES_DIFFER,
    AddPractitionerDialog,
    PractitionersDialog,
)
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
    services.sign_in("Anita Bose", "anita's")  # the owner manages the practitioners
    dialog = open_dialog(qtbot, services)
    assert rows(dialog) == [["Anita Bose", "Owner", "RCST", "yes", "yes"]]
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.add_dialog is not None, timeout=1000)  # a mnemonic clicks after a moment
    add = dialog.add_dialog
    assert add is not None
    activate(qtbot, add)
    fill_in(qtbot, add, "নদীর ধারে", "নদীর ধারে!")
    assert add.isVisible()
    assert add.message.text() == PASSPHRASES_DIFFER
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
    services.add_practitioner(Practitioner(RAHUL, "owner"))  # a solo owner without a passphrase: no sign-in
    dialog = open_dialog(qtbot, services)
    assert rows(dialog) == [[RAHUL, "Owner", "", "no", "yes"]]
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.add_dialog is not None, timeout=1000)  # a mnemonic clicks after a moment
    add = dialog.add_dialog
    assert add is not None
    activate(qtbot, add)
    fill_in(qtbot, add, "", "")
    assert add.message.text() == PASSPHRASE_NEEDED
    assert QApplication.focusWidget() is add.passphrase_edit
    type_keys(add.passphrase_edit, "secret")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(add.again_edit, "secret")
    press(qtbot, Qt.Key.Key_Return)
    assert add.message.text() == f"Name {RAHUL} is a practitioner already."
    assert services.practitioner(RAHUL).key_id == ""
