"""Alt+letter in the session editor does what its underlined letter says, on every tab: no two
texts a person can see at once share a letter (Qt would then only move between them)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cst_notes.domain.session import Session
from cst_notes.services import Services
from cst_notes.ui.session.form import TAB_TITLES
from cst_notes.ui.shell.main_window import MainWindow
from cst_notes.ui.signing.signed_panel import AddendumDialog
from tests.ui.conftest import SUMITA, activate
from tests.ui.hands import alt_key_clashes, click_into, press, session_editor, type_into, type_keys
from tests.ui.session.test_session_editor import open_editor


def test_no_two_visible_texts_share_an_alt_key_on_any_tab(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow
) -> None:
    editor = session_editor(qtbot, window, clinic[SUMITA])
    clashes = {}
    for n, title in enumerate(TAB_TITLES):
        press(qtbot, getattr(Qt.Key, f"Key_{n + 1}"), Qt.KeyboardModifier.ControlModifier)
        assert editor.tabs.currentIndex() == n
        if found := alt_key_clashes(editor):
            clashes[title] = found
    assert clashes == {}


def test_alt_s_saves_the_session_from_the_notes(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    editor = session_editor(qtbot, window, clinic[SUMITA])
    type_into(qtbot, editor.soap.edits["subjective"], "Slept better")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(services.sessions(clinic[SUMITA])), timeout=1000)  # a mnemonic clicks after a moment
    [saved] = services.sessions(clinic[SUMITA])
    assert saved.subjective == "Slept better"


def test_a_signed_session_has_no_clash_and_alt_n_opens_the_addendum_alt_a_adds_it(
    qtbot: QtBot, services: Services, clinic: dict[str, int]
) -> None:
    """Found in a real window: the author's label and the button both carried Alt+A, so Alt+A only
    moved to the author (the button is disabled until there is text, which hid the clash)."""
    started = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    added = services.add_session(clinic[SUMITA], Session(started, therapist="Ravi", subjective="Neck pain"))
    services.sign_session(added.session_id, "Ravi")
    editor = open_editor(qtbot, services, clinic[SUMITA], added.session_id)
    assert editor.read_only
    assert alt_key_clashes(editor) == {}
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: editor.commands.dialog is not None, timeout=1000)
    dialog = editor.commands.dialog
    assert isinstance(dialog, AddendumDialog)
    assert dialog.isVisible()
    assert alt_key_clashes(dialog) == {}
    activate(qtbot, dialog)  # as a person's click on it would
    click_into(qtbot, dialog.text_edit)
    type_keys(dialog.text_edit, "Left side, not right.")
    assert dialog.ok_button.isEnabled()
    assert alt_key_clashes(dialog) == {}
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(services.session(added.session_id).addenda), timeout=1000)
    (addendum,) = services.session(added.session_id).addenda
    assert addendum.text == "Left side, not right."
