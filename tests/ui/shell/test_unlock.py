"""Opening an encrypted practice at start-up (issue 15): the practitioner's name and own passphrase,
typed once, open the database and sign them in; a wrong passphrase is asked again, its problem
shown under the passphrase field, and changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from cst_notes.domain import keys
from cst_notes.ui.shell.startup import DialogPrompts, open_interactively
from cst_notes.ui.shell.unlock_dialog import UnlockDialog
from tests.services.test_keyring_encryption import (
    OWNER,
    OWNER_SECRET,
    PATIENT,
    THERAPIST,
    THERAPIST_SECRET,
    _practice,
)
from tests.ui.hands import type_keys


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@pytest.fixture
def encrypted_practice(db_path: Path) -> Path:
    services = _practice(db_path)
    services.encrypt_with_practitioners()
    services.close()
    return db_path


failures: list[BaseException] = []


@pytest.fixture(autouse=True)
def no_failure_in_the_dialog() -> Iterator[None]:
    failures.clear()
    yield
    if failures:
        raise failures[0]


def _when_the_dialog_shows(qtbot: QtBot, hands: list[Callable[[UnlockDialog], None]]) -> None:
    """Each time an unlock dialog opens, the next pair of hands works it; a dialog asked for once
    more than expected, or left open by the hands, fails the test (and is closed, not left hanging)."""
    worked: list[UnlockDialog] = []

    def poll() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, UnlockDialog) and w.isVisible()]
        dialog = shown[0] if shown else None
        if dialog is None:
            if hands:
                QTimer.singleShot(20, poll)
            return
        if dialog in worked or not hands:
            failures.append(AssertionError("the dialog stayed open" if dialog in worked else "asked once too often"))
            dialog.reject()
            return
        if not dialog.isActiveWindow():  # a person's clicks and keys go to the window in front
            dialog.activateWindow()
            QTimer.singleShot(20, poll)
            return
        worked.append(dialog)
        try:
            hands.pop(0)(dialog)
        except BaseException as exc:  # the test fails, not hangs on a dialog left open
            failures.append(exc)
            dialog.reject()
            return
        QTimer.singleShot(100, poll)

    QTimer.singleShot(0, poll)


def _sign_in_as(qtbot: QtBot, name: str, passphrase: str) -> Callable[[UnlockDialog], None]:
    def work(dialog: UnlockDialog) -> None:
        assert dialog.focusWidget() is dialog.name  # the dialog opens with the cursor in the name
        type_keys(dialog.name, name)
        qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
        assert dialog.focusWidget() is dialog.passphrase
        type_keys(dialog.passphrase, passphrase)
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)

    return work


def test_the_practitioner_types_name_and_passphrase_once_and_is_signed_in(
    qtbot: QtBot, encrypted_practice: Path
) -> None:
    _when_the_dialog_shows(qtbot, [_sign_in_as(qtbot, THERAPIST, THERAPIST_SECRET)])
    services = open_interactively(encrypted_practice, DialogPrompts())
    assert services is not None
    assert services.signed_in is not None
    assert services.signed_in.name == THERAPIST
    assert [s.full_name for s in services.patient_summaries()] == [PATIENT]
    services.close()


def test_a_wrong_passphrase_is_named_under_its_field_and_asked_again(qtbot: QtBot, encrypted_practice: Path) -> None:
    before = encrypted_practice.read_bytes()
    seen: list[tuple[str, bool, str]] = []

    def look(dialog: UnlockDialog) -> None:
        problem = dialog.findChild(QLabel, "unlock_passphrase_problem")
        assert problem is not None
        seen.append((problem.text(), problem.isVisibleTo(dialog), dialog.name.text()))
        assert dialog.focusWidget() is dialog.findChild(QLineEdit, "unlock_passphrase")
        type_keys(dialog.passphrase, OWNER_SECRET)
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)

    _when_the_dialog_shows(qtbot, [_sign_in_as(qtbot, OWNER, "not the passphrase"), look])
    services = open_interactively(encrypted_practice, DialogPrompts())
    assert seen == [(f"is not {OWNER}'s passphrase; the database was not opened", True, OWNER)]
    assert services is not None
    assert services.signed_in is not None
    assert services.signed_in.name == OWNER
    services.close()
    assert encrypted_practice.read_bytes()[:16] == before[:16]


def test_cancelling_opens_nothing(qtbot: QtBot, encrypted_practice: Path) -> None:
    def cancel(dialog: UnlockDialog) -> None:
        qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)

    _when_the_dialog_shows(qtbot, [cancel])
    assert open_interactively(encrypted_practice, DialogPrompts()) is None
