"""Signing in a practice whose practitioners sign with their own keys: the signed-in practitioner
signs, their passphrase typed in the Sign and addendum dialogs; a wrong passphrase signs nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cst_notes.domain import keys
from cst_notes.domain.practitioner import Practitioner
from cst_notes.domain.session import Session
from cst_notes.domain.settings import ClinicSettings
from cst_notes.services import Services
from cst_notes.ui.session.editor import SessionEditor
from cst_notes.ui.signing.signed_panel import AddendumDialog, SignDialog
from tests.ui.conftest import SUMITA, activate
from tests.ui.hands import press, type_keys
from tests.ui.session.test_session_editor import click, local, open_editor

MEERA, PASSPHRASE = "Meera Sen", "নদীর ধারে সকাল ৭টা"
WRONG = "not her passphrase"
ADDENDUM = "Follow-up call: headaches eased."


@pytest.fixture
def keyed(services: Services, clinic: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> int:
    """A draft session in a practice where Meera Sen signs with her key (and the settings name someone else)."""
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)  # fast sealing in tests
    services.save_settings(ClinicSettings(therapist_name="Front Desk"))
    services.add_practitioner(Practitioner(MEERA, "owner", credentials="RCST"), PASSPHRASE)
    services.sign_in(MEERA, PASSPHRASE)
    services.add_practitioner(Practitioner("Ravi Das", role="front_desk"))
    session = Session(local(1, 10).astimezone(dt.UTC), therapist=MEERA, subjective="Neck pain", pain_before=6)
    return services.add_session(clinic[SUMITA], session).session_id


def open_sign_dialog(qtbot: QtBot, editor: SessionEditor) -> SignDialog:
    click(qtbot, editor.sign_button)
    dialog = editor.commands.dialog
    assert isinstance(dialog, SignDialog)
    return activate(qtbot, dialog)


def test_a_keyed_practitioner_signs_with_their_passphrase_by_keyboard(
    qtbot: QtBot, services: Services, clinic: dict[str, int], keyed: int
) -> None:
    editor = open_editor(qtbot, services, clinic[SUMITA], keyed)
    dialog = open_sign_dialog(qtbot, editor)
    assert (dialog.name(), dialog.name_edit.isReadOnly()) == (MEERA, True)  # signed in: not "Front Desk"
    assert dialog.passphrase_edit.isVisibleTo(dialog)
    assert QApplication.focusWidget() is dialog.passphrase_edit  # only the passphrase is asked
    assert not dialog.ok_button.isEnabled()  # no passphrase yet
    type_keys(dialog.passphrase_edit, PASSPHRASE)
    with qtbot.waitSignal(editor.saved, timeout=2000):
        press(qtbot, Qt.Key.Key_Return)
    stored = services.session(keyed)
    assert stored.is_signed
    assert (stored.signed_by, stored.signature_scheme) == (MEERA, 3)
    assert stored.key_id == services.practitioner(MEERA).key_id
    assert services.check().ok
    assert editor.signed_panel.banner.text().startswith(f"Signed (author) by {MEERA}, RCST · ")
    assert dialog.passphrase_edit.text() == ""  # the passphrase is not kept


def test_a_wrong_passphrase_signs_nothing_and_says_so_beside_the_field(
    qtbot: QtBot, services: Services, clinic: dict[str, int], keyed: int
) -> None:
    editor = open_editor(qtbot, services, clinic[SUMITA], keyed)
    dialog = open_sign_dialog(qtbot, editor)
    type_keys(dialog.passphrase_edit, WRONG)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.passphrase_message.isVisibleTo(dialog)
    assert dialog.passphrase_message.text() == f"Passphrase is not {MEERA}'s passphrase; nothing was signed."
    assert dialog.passphrase_edit.text() == ""  # cleared: typed again
    assert QApplication.focusWidget() is dialog.passphrase_edit
    assert dialog.name() == MEERA
    stored = services.session(keyed)
    assert not stored.is_signed
    assert stored.signature_scheme != 3
    # typed again, right this time
    type_keys(dialog.passphrase_edit, PASSPHRASE)
    assert not dialog.passphrase_message.isVisibleTo(dialog)
    with qtbot.waitSignal(editor.saved, timeout=2000):
        press(qtbot, Qt.Key.Key_Return)
    assert services.session(keyed).signature_scheme == 3


def test_an_addendum_in_a_keyed_practice_is_signed_with_the_key(
    qtbot: QtBot, services: Services, clinic: dict[str, int], keyed: int
) -> None:
    services.sign_session(keyed, MEERA, passphrase=PASSPHRASE)
    editor = open_editor(qtbot, services, clinic[SUMITA], keyed)
    click(qtbot, editor.signed_panel.add_button)
    dialog = editor.commands.dialog
    assert isinstance(dialog, AddendumDialog)
    activate(qtbot, dialog)
    assert QApplication.focusWidget() is dialog.text_edit
    type_keys(dialog.text_edit, ADDENDUM)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.passphrase_edit  # the author is who is signed in
    assert dialog.name() == MEERA
    type_keys(dialog.passphrase_edit, WRONG)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.passphrase_message.text() == f"Passphrase is not {MEERA}'s passphrase; nothing was signed."
    assert dialog.text() == ADDENDUM  # the note is intact
    assert services.session(keyed).addenda == ()
    assert "passphrase" not in str(dialog.content()).lower()  # the draft kept while typing has no passphrase
    type_keys(dialog.passphrase_edit, PASSPHRASE)
    with qtbot.waitSignal(editor.saved, timeout=2000):
        press(qtbot, Qt.Key.Key_Return)
    (addendum,) = services.session(keyed).addenda
    assert (addendum.text, addendum.author, addendum.signature_scheme) == (ADDENDUM, MEERA, 3)
    assert services.check().ok


def test_a_practice_without_keys_asks_no_passphrase(qtbot: QtBot, services: Services, clinic: dict[str, int]) -> None:
    services.save_settings(ClinicSettings(therapist_name=MEERA))
    session = Session(local(1, 10).astimezone(dt.UTC), therapist=MEERA, subjective="Neck pain", pain_before=6)
    sid = services.add_session(clinic[SUMITA], session).session_id
    editor = open_editor(qtbot, services, clinic[SUMITA], sid)
    dialog = open_sign_dialog(qtbot, editor)
    assert dialog.name_edit.completer() is None  # no practitioners to offer
    assert not dialog.passphrase_edit.isVisibleTo(dialog)
    with qtbot.waitSignal(editor.saved, timeout=2000):
        press(qtbot, Qt.Key.Key_Return)
    assert services.session(sid).signature_scheme == 2
