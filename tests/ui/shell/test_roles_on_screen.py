"""What each role sees on the main window (issue 15): the front desk a patient's details and the
summaries of signed sessions, nothing clinical; owner-only actions disabled, saying why; another
practitioner's private notes empty in the session editor; the Sign dialog signs as whoever is
signed in, asking only their passphrase."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from cst_notes.domain import keys
from cst_notes.ui.shell.main_window import MainWindow
from cst_notes.ui.signing.signed_panel import SignDialog
from tests.cli.test_cli_language import declared_language
from tests.services.test_roles import DESK, OWNER, PRIVATE, SECRETS, THERAPIST, Clinic, make_clinic
from tests.ui.conftest import activate, ctrl, show_active
from tests.ui.hands import press, type_keys
from tests.ui.session.test_session_editor import click, open_editor

CLINICAL = ("neck stiff", "grief", "CV4", "occiput", "diaphragm")  # what Rahul's sessions hold


@pytest.fixture
def clinic(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Clinic]:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)
    made = make_clinic(tmp_path / "clinic.sqlite")
    yield made
    for window in OPENED:  # closed while their services are open (the search thread too)
        window.chart.close_patient()
        window.close()
    OPENED.clear()
    made.services.close()


OPENED: list[MainWindow] = []  # this test's windows


def window_as(qtbot: QtBot, c: Clinic, name: str) -> MainWindow:
    c.as_(name)
    window = show_active(qtbot, MainWindow(c.services, "clinic.sqlite"))
    OPENED.append(window)
    qtbot.addWidget(window)
    return window


def open_chart_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+F, the name, Enter on the list: as a person opens a chart."""
    ctrl(qtbot, Qt.Key.Key_F, window.table)
    type_keys(window.filter_edit, "Emma")
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Down)
    window.table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.chart.patient_id is not None, timeout=2000)


def every_text(root: QWidget) -> str:
    """Whatever the window shows or would say on hover: labels, fields, lists, buttons, tooltips."""
    parts: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root):
            continue
        parts.append(w.toolTip())
        if isinstance(w, QLabel | QAbstractButton | QLineEdit):
            parts.append(w.text())
        elif isinstance(w, QPlainTextEdit):
            parts.append(w.toPlainText())
        elif isinstance(w, QListWidget):
            parts += [w.item(i).text() for i in range(w.count())]
    return "\n".join(parts)


def test_the_front_desk_sees_details_and_signed_summaries_and_nothing_clinical(qtbot: QtBot, clinic: Clinic) -> None:
    window = window_as(qtbot, clinic, DESK)
    assert window.patients_pane.to_sign.isHidden()  # the notes to sign are clinical
    open_chart_by_keyboard(qtbot, window)
    chart = window.chart
    assert chart._tabs is None or not chart.tabs.isVisibleTo(chart)  # no intake, sessions, plan, progress
    summaries = chart.summaries
    assert summaries.isVisibleTo(chart)
    assert summaries.list.count() == 1  # the signed session only; the draft is not printable
    assert f"signed by {THERAPIST}" in summaries.list.item(0).text()
    assert not chart.screening_button.isVisibleTo(chart)
    shown = every_text(window)
    assert "Emma Smith" in shown
    for word in CLINICAL:
        assert word not in shown, word


def test_the_front_desk_prints_a_signed_sessions_summary(qtbot: QtBot, clinic: Clinic, tmp_path: Path) -> None:
    window = window_as(qtbot, clinic, DESK)
    open_chart_by_keyboard(qtbot, window)
    summaries = window.chart.summaries
    target = tmp_path / "summary.pdf"
    summaries.outputs.ask_save_path = lambda _parent, _suggested: target
    summaries.list.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # Sa&ve summary as PDF…
    qtbot.waitUntil(target.exists, timeout=3000)
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in summaries.status.text()
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
        assert "Emma Smith" in text
        assert "grief" not in text


def test_the_front_desk_cannot_open_clinical_windows_and_is_told_why(qtbot: QtBot, clinic: Clinic) -> None:
    window = window_as(qtbot, clinic, DESK)
    open_chart_by_keyboard(qtbot, window)
    for action in (window.start_session_action, window.screening_action, *window.practice.patient_actions):
        assert not action.isEnabled(), action.text()
    assert window.screening_action.toolTip() == "The front desk role may not read clinical notes."
    ctrl(qtbot, Qt.Key.Key_K, window.table)  # the screening's shortcut does nothing
    ctrl(qtbot, Qt.Key.Key_H, window.table)  # nor the history's
    assert window.chart.screening_dialog is None
    assert window.practice.open_dialogs == []
    settings, practitioners, now, to, restore, encrypt, retention, export_all = window.practice.file_actions
    for action in (settings, now, to, restore, encrypt):
        assert not action.isEnabled()
        assert action.toolTip() == "The front desk role may not manage the practice."
    assert retention.isEnabled()
    assert practitioners.isEnabled()  # the list, and one's own passphrase
    assert not export_all.isEnabled()  # every patient's clinical documents
    assert export_all.toolTip() == "The front desk role may not read clinical notes."


def test_a_therapist_has_the_chart_but_not_the_practices_settings(qtbot: QtBot, clinic: Clinic) -> None:
    window = window_as(qtbot, clinic, THERAPIST)
    open_chart_by_keyboard(qtbot, window)
    assert window.chart.tabs.isVisibleTo(window.chart)
    assert window.screening_action.isEnabled()
    settings = window.practice.file_actions[0]
    assert not settings.isEnabled()
    assert settings.toolTip() == "The therapist role may not manage the practice."


def test_another_practitioners_private_notes_are_empty_in_the_editor(qtbot: QtBot, clinic: Clinic) -> None:
    clinic.as_(OWNER)
    editor = open_editor(qtbot, clinic.services, clinic.patient_id, clinic.signed_id)
    assert PRIVATE not in every_text(editor)
    clinic.as_(THERAPIST)
    own = open_editor(qtbot, clinic.services, clinic.patient_id, clinic.signed_id)
    assert PRIVATE in every_text(own)


def test_another_practitioners_private_notes_box_says_whose_they_are_and_takes_no_typing(
    qtbot: QtBot, clinic: Clinic
) -> None:
    """Seen in a real window: the empty box read "SER dialogue, therapist-only remarks", as if
    there were none, and typing into it would have looked like writing them."""
    clinic.as_(OWNER)
    editor = open_editor(qtbot, clinic.services, clinic.patient_id, clinic.draft_id)
    box = editor.form.soap.edits["private_notes"]
    assert isinstance(box, QPlainTextEdit)
    assert box.placeholderText() == f"Only {THERAPIST} reads the private notes of their sessions."
    click(qtbot, box.viewport())
    type_keys(box, "mine now")
    assert box.toPlainText() == ""
    clinic.as_(THERAPIST)
    own = open_editor(qtbot, clinic.services, clinic.patient_id, clinic.draft_id)
    own_box = own.form.soap.edits["private_notes"]
    assert isinstance(own_box, QPlainTextEdit)
    assert not own_box.isReadOnly()
    assert PRIVATE in own_box.toPlainText()


def test_a_new_session_names_the_signed_in_therapist_not_the_settings_one(qtbot: QtBot, clinic: Clinic) -> None:
    """Else a therapist's new session named the owner (the settings' therapist): the signature was
    refused and their own private notes hidden from them."""
    services = clinic.as_(OWNER)
    services.save_settings(replace(services.settings(), therapist_name=OWNER))
    clinic.as_(THERAPIST)
    editor = open_editor(qtbot, clinic.services, clinic.patient_id)
    assert editor.form.header.therapist_edit.text() == THERAPIST


def test_the_sign_dialog_signs_as_the_signed_in_practitioner_asking_only_the_passphrase(
    qtbot: QtBot, clinic: Clinic
) -> None:
    clinic.as_(THERAPIST)
    editor = open_editor(qtbot, clinic.services, clinic.patient_id, clinic.draft_id)
    click(qtbot, editor.sign_button)
    dialog = editor.commands.dialog
    assert isinstance(dialog, SignDialog)
    activate(qtbot, dialog)
    assert (dialog.name_edit.text(), dialog.name_edit.isReadOnly()) == (THERAPIST, True)
    assert QApplication.focusWidget() is dialog.passphrase_edit
    type_keys(dialog.passphrase_edit, SECRETS[THERAPIST])
    with qtbot.waitSignal(editor.saved, timeout=3000):
        press(qtbot, Qt.Key.Key_Return)
    assert clinic.services.session(clinic.draft_id).signed_by == THERAPIST


def test_the_owner_unlocking_the_front_desks_screen_gets_the_whole_chart(qtbot: QtBot, clinic: Clinic) -> None:
    """Seen in a real window: the front desk's chart (details and summaries) stayed after the owner
    unlocked, so the owner saw no notes until the chart was opened again."""
    window = window_as(qtbot, clinic, DESK)
    open_chart_by_keyboard(qtbot, window)
    assert not window.chart.tabs.isVisibleTo(window.chart)
    ctrl(qtbot, Qt.Key.Key_L, window.table)
    dialog = window.sitting.lock_dialog
    assert dialog is not None
    form = dialog.form
    qtbot.waitUntil(lambda: form.passphrase.hasFocus(), timeout=2000)
    qtbot.keyClick(form.passphrase, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    line = form.name_combo.lineEdit()
    assert line is not None
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_keys(line, OWNER)
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    type_keys(form.passphrase, SECRETS[OWNER])
    qtbot.keyClick(form.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not clinic.services.is_locked, timeout=2000)
    assert clinic.services.signed_in is not None
    assert clinic.services.signed_in.name == OWNER
    chart = window.chart
    assert chart.patient_id is not None
    assert chart.tabs.isVisibleTo(chart)  # the clinical record, for the owner
    assert not chart.summaries.isVisibleTo(chart)
    assert chart.screening_button.isVisibleTo(chart)
    # the search went on in its thread: nothing was asked of it while the screen was locked
    qtbot.wait(500)  # a refusal would come back from the worker within this
    assert window.patients_pane.search.searcher.threaded


def test_the_front_desk_prints_the_summary_in_the_patients_language(
    qtbot: QtBot, clinic: Clinic, tmp_path: Path
) -> None:
    owner = clinic.as_(OWNER)
    owner.update_patient(replace(owner.patient(clinic.patient_id), document_language="hi"))
    window = window_as(qtbot, clinic, DESK)
    open_chart_by_keyboard(qtbot, window)
    summaries = window.chart.summaries
    target = tmp_path / "summary.pdf"
    summaries.outputs.ask_save_path = lambda _parent, _suggested: target
    summaries.list.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # Sa&ve summary as PDF…
    qtbot.waitUntil(target.exists, timeout=3000)
    assert declared_language(target) == "hi"
