"""The signing and addendum dialogs say what is wrong with a pasted signer name, and sign nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from cst_notes.services import Services
from cst_notes.ui.signing.signed_panel import AddendumDialog, SignDialog
from tests.ui.conftest import SUMITA, activate
from tests.ui.hands import click_into
from tests.ui.session.test_session_editor import click, open_editor
from tests.ui.session.test_session_editor_signing import draft  # noqa: F401  (a fixture)

# e.g. copied from a document with a right-to-left override, which shows "Meera Sen" reversed
PASTED = "\u202eneS areeM"


def paste_name(qtbot: QtBot, dialog: SignDialog | AddendumDialog) -> None:
    """Copy the name elsewhere, click into the name field, select all, Ctrl+V."""
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(PASTED)
    click_into(qtbot, dialog.name_edit)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.name_edit.text() == PASTED


def test_the_sign_dialog_refuses_a_name_with_a_control_character(
    qtbot: QtBot,
    services: Services,
    clinic: dict[str, int],
    draft: int,  # noqa: F811
) -> None:
    editor = open_editor(qtbot, services, clinic[SUMITA], draft)
    click(qtbot, editor.sign_button)
    dialog = editor.commands.dialog
    assert isinstance(dialog, SignDialog)
    activate(qtbot, dialog)
    paste_name(qtbot, dialog)
    assert dialog.message.isVisible()
    assert dialog.message.text() == "Signed by contains a control character (such as a line break or NUL)."
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert not services.session(draft).is_signed


def test_the_addendum_dialog_refuses_a_name_with_a_control_character(
    qtbot: QtBot,
    services: Services,
    clinic: dict[str, int],
    draft: int,  # noqa: F811
) -> None:
    services.sign_session(draft, "Meera Sen")
    editor = open_editor(qtbot, services, clinic[SUMITA], draft)
    click(qtbot, editor.signed_panel.add_button)
    dialog = editor.commands.dialog
    assert isinstance(dialog, AddendumDialog)
    activate(qtbot, dialog)
    qtbot.keyClicks(dialog.text_edit, "Correction.")  # the text has the focus when the dialog opens
    paste_name(qtbot, dialog)
    assert dialog.message.text() == "Author contains a control character (such as a line break or NUL)."
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert services.session(draft).addenda == ()
