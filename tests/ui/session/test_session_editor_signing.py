"""Signing in the session editor: a signed session is read-only, shows who signed it and when, and takes addenda."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cst_notes.domain import keys
from cst_notes.domain.practitioner import Practitioner
from cst_notes.domain.session import Restriction, RhythmFinding, Session
from cst_notes.domain.settings import ClinicSettings
from cst_notes.services import Services
from cst_notes.ui.rhythm.model import RATE
from cst_notes.ui.session.editor import SessionEditor
from cst_notes.ui.session.form import RESTRICTIONS
from cst_notes.ui.signing.signed_panel import AddendumDialog, SignDialog
from tests.ui.conftest import SUMITA
from tests.ui.session.test_session_editor import click, local, open_editor, press

ADDENDUM = "সংশোধন: স্থির বিন্দু প্রায় ২ মিনিট ছিল।"


@pytest.fixture
def draft(services: Services, clinic: dict[str, int]) -> int:
    services.save_settings(ClinicSettings(therapist_name="Meera Sen"))
    session = Session(
        local(1, 10).astimezone(dt.UTC),
        therapist="Meera Sen",
        subjective="Neck pain",
        pain_before=6,
        rhythm_findings=(RhythmFinding("heels", "left", 8.0, palpated_by="Meera Sen"),),
        restrictions=(Restriction("body.knee", "left", "mild"),),
    )
    return services.add_session(clinic[SUMITA], session).session_id


def sign(qtbot: QtBot, editor: SessionEditor, name: str | None = None) -> None:
    click(qtbot, editor.sign_button)
    dialog = editor.commands.dialog
    assert isinstance(dialog, SignDialog)
    qtbot.waitExposed(dialog)
    assert dialog.name() == "Meera Sen"  # from the settings
    if name is not None:
        dialog.name_edit.setText(name)
    with qtbot.waitSignal(editor.saved, timeout=1000):
        click(qtbot, dialog.ok_button)


def assert_read_only(qtbot: QtBot, editor: SessionEditor) -> None:
    assert editor.read_only
    assert not editor.save_button.isVisible()
    assert not editor.sign_button.isVisible()
    assert editor.soap.edits["subjective"].isReadOnly()
    assert editor.soap.edits["private_notes"].isReadOnly()
    assert not editor.header.started_edit.isEnabled()
    assert not editor.header.duration_spin.isEnabled()
    # the therapist is drawn locked like the date and duration beside it, and takes no typing
    therapist = editor.header.therapist_edit
    assert not therapist.isEnabled()
    assert therapist.palette().color(therapist.backgroundRole()) == editor.header.started_edit.palette().color(
        editor.header.started_edit.backgroundRole()
    )
    written = therapist.text()
    qtbot.mouseClick(therapist, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(therapist, "Someone else")
    assert therapist.text() == written
    assert not editor.outcomes.spins["pain_before"].isEnabled()
    assert not editor.techniques.boxes["cv4_still_point"].isEnabled()
    assert not editor.grid.model.flags(editor.grid.cell("heels", "left", RATE)) & Qt.ItemFlag.ItemIsEditable
    assert not editor.events.add_still_point_button.isVisible()
    assert not editor.restrictions.add_button.isEnabled()
    editor.tabs.setCurrentIndex(RESTRICTIONS)
    body_map = editor.restrictions.body_map
    qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=body_map.region_center("body.abdomen"))
    assert editor.restrictions.dialog is None  # the map shows, but marks nothing


def test_signing_locks_the_session_and_an_addendum_appears(
    qtbot: QtBot, services: Services, clinic: dict[str, int], draft: int
) -> None:
    editor = open_editor(qtbot, services, clinic[SUMITA], draft)
    assert not editor.signed_panel.isVisible()
    sign(qtbot, editor, "Dr. Meera Sen")
    stored = services.session(draft)
    assert stored.is_signed
    assert stored.signed_by == "Dr. Meera Sen"
    assert editor.signed_panel.isVisible()
    assert editor.signed_panel.banner.text().startswith("Signed (author) by Dr. Meera Sen · ")
    lock = editor.signed_panel.lock.pixmap()  # the lock, drawn beside it
    assert not lock.isNull()
    assert lock.toImage().pixelColor(4, 12).name() == "#1b5e20"  # the padlock's body, in the banner's green
    assert "(signed)" in editor.windowTitle()
    assert_read_only(qtbot, editor)
    press(qtbot, "s", Qt.KeyboardModifier.ControlModifier)  # nothing to save
    assert services.session(draft) == stored

    click(qtbot, editor.signed_panel.add_button)
    dialog = editor.commands.dialog
    assert isinstance(dialog, AddendumDialog)
    qtbot.waitExposed(dialog)
    assert not dialog.ok_button.isEnabled()  # no text yet
    dialog.text_edit.setPlainText("……")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert dialog.message.text() == "Text must contain a letter or a digit."
    dialog.text_edit.setPlainText(ADDENDUM)
    with qtbot.waitSignal(editor.saved, timeout=1000):
        click(qtbot, dialog.ok_button)
    (addendum,) = services.session(draft).addenda
    assert (addendum.text, addendum.author) == (ADDENDUM, "Meera Sen")
    assert ADDENDUM in editor.signed_panel.addenda.toPlainText()
    assert "Meera Sen" in editor.signed_panel.addenda.toPlainText()
    assert editor.status_label.text() == "Addendum added."


def test_a_signed_session_opens_read_only_with_its_addenda(
    qtbot: QtBot, services: Services, clinic: dict[str, int], draft: int
) -> None:
    services.sign_session(draft, "Meera Sen")
    services.add_session_addendum(draft, ADDENDUM, "Meera Sen")
    editor = open_editor(qtbot, services, clinic[SUMITA], draft)
    assert_read_only(qtbot, editor)
    assert ADDENDUM in editor.signed_panel.addenda.toPlainText()
    assert not editor.is_dirty()
    assert not editor.save()


def test_sign_saves_a_changed_draft_first_and_not_an_invalid_one(
    qtbot: QtBot, services: Services, clinic: dict[str, int], draft: int
) -> None:
    editor = open_editor(qtbot, services, clinic[SUMITA], draft)
    editor.grid.model.setData(editor.grid.cell("heels", "left", RATE), "99")
    click(qtbot, editor.sign_button)
    assert editor.commands.dialog is None  # the impossible rate comes first
    assert editor.grid.error_label.isVisible()
    editor.grid.model.setData(editor.grid.cell("heels", "left", RATE), "9")
    sign(qtbot, editor)
    stored = services.session(draft)
    assert stored.is_signed
    assert stored.rhythm_findings[0].rate == 9.0


def test_cancelling_the_signature_leaves_a_draft(
    qtbot: QtBot, services: Services, clinic: dict[str, int], draft: int
) -> None:
    editor = open_editor(qtbot, services, clinic[SUMITA], draft)
    click(qtbot, editor.sign_button)
    dialog = editor.commands.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert editor.commands.dialog is None
    assert not services.session(draft).is_signed
    assert editor.save_button.isVisible()


def test_a_session_signed_with_a_practitioners_key_says_so(
    qtbot: QtBot, services: Services, clinic: dict[str, int], draft: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)
    services.add_practitioner(Practitioner("Meera Sen"), "her passphrase")
    services.sign_in("Meera Sen", "her passphrase")
    services.sign_session(draft, "Meera Sen", passphrase="her passphrase")
    editor = open_editor(qtbot, services, clinic[SUMITA], draft)
    assert editor.signed_panel.banner.text().startswith("Signed (author) by Meera Sen · ")
    assert " · signed with Meera Sen's key — locked" in editor.signed_panel.banner.text()


def test_an_addendum_keeps_its_typed_layout(
    qtbot: QtBot, services: Services, clinic: dict[str, int], draft: int
) -> None:
    """Typed key by key, with Enter and leading spaces: the addendum holds exactly those characters."""
    editor = open_editor(qtbot, services, clinic[SUMITA], draft)
    sign(qtbot, editor)
    click(qtbot, editor.signed_panel.add_button)
    dialog = editor.commands.dialog
    assert isinstance(dialog, AddendumDialog)
    qtbot.waitExposed(dialog)
    click(qtbot, dialog.text_edit)
    for n, line in enumerate(("Correction:", "  left side,", "  not right.")):
        if n:
            qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.text_edit, line)
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
    with qtbot.waitSignal(editor.saved, timeout=1000):
        click(qtbot, dialog.ok_button)
    (addendum,) = services.session(draft).addenda
    assert addendum.text == "Correction:\n  left side,\n  not right.\n"
