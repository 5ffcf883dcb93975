"""File ▸ Encrypt database… (issue 15): the owner reads what encrypting does and who will hold a
key, presses Enter, and the practice is encrypted with the key wrapped per practitioner; someone
else is refused with the reason and nothing is encrypted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cst_notes.domain import keys
from cst_notes.domain.practitioner import Practitioner
from cst_notes.services import Services
from cst_notes.services.base import NotAllowedError
from cst_notes.storage import database, keyring
from cst_notes.ui.shell.encrypt_dialog import EncryptDialog
from cst_notes.ui.shell.main_window import MainWindow
from tests.services.test_keyring_encryption import (
    OWNER,
    PATIENT,
    THERAPIST,
    THERAPIST_SECRET,
    _practice,
)
from tests.ui.conftest import activate, show_active
from tests.ui.hands import press
from tests.ui.shell.test_practice_menu import FakeAsker


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@pytest.fixture
def practice(db_path: Path) -> Iterator[Services]:
    """Closed after the window (asked for before ``qtbot``, it is torn down after it)."""
    services = _practice(db_path)
    yield services
    services.close()


def open_dialog(qtbot: QtBot, services: Services) -> EncryptDialog:
    window = show_active(qtbot, MainWindow(services, str(services.path)))
    window.practice.asker = FakeAsker()
    action = next(a for a in window.practice.file_actions if a.text() == "&Encrypt database…")
    action.trigger()
    dialog = window.practice.open_dialogs[-1]
    assert isinstance(dialog, EncryptDialog)
    return activate(qtbot, dialog)


def test_the_owner_encrypts_the_practice_and_each_practitioner_opens_it(
    practice: Services, qtbot: QtBot, db_path: Path
) -> None:
    services = practice
    services.add_practitioner(Practitioner("Mitali Das", "front_desk"))  # no passphrase yet
    dialog = open_dialog(qtbot, services)
    assert f"Will hold a key: {OWNER}, {THERAPIST}." in dialog.text.text()
    assert "Without a key (no passphrase yet): Mitali Das." in dialog.text.text()
    assert QApplication.focusWidget() is dialog.encrypt_button
    press(qtbot, Qt.Key.Key_Return)
    assert "Encrypted 2 files" in dialog.text.text()
    assert QApplication.overrideCursor() is None  # the busy cursor is gone again
    assert database.looks_encrypted(db_path)
    assert sorted(keyring.read(db_path).current.entries) == [OWNER, THERAPIST]
    assert [s.full_name for s in services.patient_summaries()] == [PATIENT]  # the window goes on
    opened = Services.open_as(db_path, THERAPIST, THERAPIST_SECRET)
    assert [s.full_name for s in opened.patient_summaries()] == [PATIENT]
    opened.close()


def test_a_therapist_is_refused_with_the_reason_and_nothing_is_encrypted(
    practice: Services, qtbot: QtBot, db_path: Path
) -> None:
    services = practice
    services.sign_in(THERAPIST, THERAPIST_SECRET)
    window = show_active(qtbot, MainWindow(services, str(services.path)))
    action = next(a for a in window.practice.file_actions if a.text() == "&Encrypt database…")
    assert not action.isEnabled()  # the menu offers it to the owner only, and says why
    assert action.toolTip() == "The therapist role may not manage the practice."
    action.trigger()
    assert window.practice.open_dialogs == []
    with pytest.raises(NotAllowedError, match="manage the practice"):
        services.encrypt_with_practitioners()
    assert not database.looks_encrypted(db_path)
    assert not keyring.has_keyring(db_path)
