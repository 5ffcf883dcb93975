"""The sign-in screen and the screen lock (issue 15): no patient's name or note shows anywhere until a
practitioner signs in, or while the screen is locked; unlocking puts back the unsaved form. Typed with
key events, checked through the services and by walking every visible widget of every window."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from cst_notes.domain import keys
from cst_notes.domain.practitioner import Practitioner
from cst_notes.services import Services
from cst_notes.ui.session.editor import SessionEditor
from cst_notes.ui.shell.main_window import MainWindow
from cst_notes.ui.shell.sign_in import CHOOSE_ONE, PASSPHRASES_DIFFER, SignInForm
from cst_notes.ui.shell.sitting import LOCKED_TITLE, Page
from tests.ui.conftest import AMIT, JOHN, PRIYA, SUMITA, activate, ctrl, open_chart, show_active
from tests.ui.hands import click_into, press, session_editor, type_keys

ANITA, RAHUL, MITALI = "Anita Bose", "রাহুল মেহতা", "মিতালী দাস"
ANITAS, RAHULS = "নদীর ধারে", "rahul's secret"
NOTE = "Headache eased after the second hold"
PATIENT_WORDS = (AMIT, SUMITA, PRIYA, JOHN, "অমিত", "Priya", "ঋতম সেন")


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@pytest.fixture(autouse=True)
def no_window_left_open(qapp: QApplication) -> None:
    """A clean screen: a window an earlier test left open would count as shown here."""
    for top in qapp.topLevelWidgets():
        if top.isVisible():
            top.hide()  # not closed: its services may be closed already


@pytest.fixture
def practice(services: Services, clinic: dict[str, int]) -> dict[str, int]:
    """The clinic's patients, then its practitioners: Anita the owner, Rahul a therapist, Mitali of
    the front desk (disabled), each with a passphrase."""
    services.add_practitioner(Practitioner(ANITA, "owner", "RCST"), ANITAS)
    services.sign_in(ANITA, ANITAS)  # the owner adds the others
    services.add_practitioner(Practitioner(RAHUL, "therapist", "BCST"), RAHULS)
    services.add_practitioner(Practitioner(MITALI, "front_desk"), "desk")
    services.disable_practitioner(MITALI)
    services.sign_out()
    return clinic


def page_of(window: MainWindow) -> Page:
    return window.sitting.page


def locked(services: Services) -> bool:
    return services.is_locked


def who(services: Services) -> str | None:
    signed_in = services.signed_in
    return signed_in.name if signed_in is not None else None


# --- what shows ----------------------------------------------------------------------------------


def _model_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    pending = [QModelIndex()]
    while pending:
        parent = pending.pop()
        for row in range(model.rowCount(parent)):
            for column in range(model.columnCount(parent)):
                index = model.index(row, column, parent)
                yield str(model.data(index, Qt.ItemDataRole.DisplayRole) or "")
                yield str(model.data(index, Qt.ItemDataRole.ToolTipRole) or "")
                if column == 0:
                    pending.append(index)


def _texts_of(widget: QWidget) -> Iterator[str]:
    if isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
        yield widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        yield widget.toPlainText()
    if isinstance(widget, QComboBox):
        yield widget.currentText()
        yield from (widget.itemText(i) for i in range(widget.count()))
    if isinstance(widget, QGroupBox):
        yield widget.title()
    if isinstance(widget, QTabBar):
        yield from (widget.tabText(i) for i in range(widget.count()))
    if isinstance(widget, QAbstractItemView):
        yield from _model_texts(widget)
    yield widget.toolTip()


def on_screen() -> str:
    """Every text a person could read now: each open window's title and every visible widget's text."""
    texts = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        texts.append(top.windowTitle())
        for widget in [top, *top.findChildren(QWidget)]:
            if widget.isVisible():
                texts.extend(_texts_of(widget))
    return "\n".join(texts)


def patient_words_shown() -> list[str]:
    shown = on_screen()
    return [word for word in (*PATIENT_WORDS, NOTE) if word in shown]


# --- signing in ----------------------------------------------------------------------------------


def sign_in_form(window: MainWindow) -> SignInForm:
    assert page_of(window) == Page.SIGN_IN
    return window.sitting.sign_in_form


def test_the_window_opens_on_the_sign_in_screen_then_the_right_passphrase_signs_in(
    qtbot: QtBot, services: Services, practice: dict[str, int]
) -> None:
    window = show_active(qtbot, MainWindow(services, "/clinics/practice.sqlite"))
    form = sign_in_form(window)
    assert patient_words_shown() == []
    assert window.sitting.who_label.text() == ""
    assert QApplication.focusWidget() is form.name_combo
    assert [form.name_combo.itemText(i) for i in range(form.name_combo.count())] == [ANITA, RAHUL]
    ctrl(qtbot, Qt.Key.Key_N, form.name_combo)  # New patient: not before anyone signs in
    assert window.new_patient_dialog is None

    type_keys(form.name_combo, RAHUL)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.passphrase
    type_keys(form.passphrase, "rahul's secreT")
    press(qtbot, Qt.Key.Key_Return)
    assert who(services) is None
    assert form.passphrase_error.isVisible()
    assert form.passphrase_error.text() == f"Passphrase is not {RAHUL}'s passphrase."
    assert form.passphrase_error.property("role") == "field-error"  # red (the field-feedback stylesheet)
    assert form.passphrase.text() == ""
    assert QApplication.focusWidget() is form.passphrase
    assert patient_words_shown() == []

    type_keys(form.passphrase, RAHULS)
    press(qtbot, Qt.Key.Key_Return)
    assert who(services) == RAHUL
    assert page_of(window) == Page.WORK
    assert window.sitting.who_label.text() == f"Signed in: {RAHUL} (Therapist)"
    assert AMIT in on_screen()  # the list shows now: the walk above would have seen it
    assert window.new_patient_action.isEnabled()


def test_a_disabled_practitioner_cannot_sign_in(qtbot: QtBot, services: Services, practice: dict[str, int]) -> None:
    window = show_active(qtbot, MainWindow(services, "/clinics/practice.sqlite"))
    form = sign_in_form(window)
    type_keys(form.name_combo, MITALI)
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(form.passphrase, "desk")
    press(qtbot, Qt.Key.Key_Return)
    assert who(services) is None
    assert page_of(window) == Page.SIGN_IN
    assert form.name_error.text() == f"Practitioner names {MITALI}, who is disabled and cannot sign in."
    assert QApplication.focusWidget() is form.name_combo
    assert patient_words_shown() == []


@pytest.mark.parametrize("choice", ["a passphrase", "none"])
def test_a_practitioner_without_a_key_signs_in_then_chooses_a_passphrase_or_none(
    qtbot: QtBot, services: Services, practice: dict[str, int], choice: str
) -> None:
    services.sign_in(ANITA, ANITAS)
    services.add_practitioner(Practitioner("Emma Clarke", "therapist"))  # as migrated: no key yet
    services.sign_out()
    window = show_active(qtbot, MainWindow(services, "/clinics/practice.sqlite"))
    form = sign_in_form(window)
    type_keys(form.name_combo, "Emma Clarke")
    press(qtbot, Qt.Key.Key_Return)  # no passphrase asked: she has none
    assert form.steps.currentIndex() == 1
    assert keys.NO_PASSPHRASE_MEANS in form.none_choice.meaning.text()
    assert QApplication.focusWidget() is form.new_passphrase
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    assert form.choose_error.text() == CHOOSE_ONE
    type_keys(form.new_passphrase, "emma's tea")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(form.new_again, "emma's teas")
    press(qtbot, Qt.Key.Key_Return)
    assert form.choose_error.text() == PASSPHRASES_DIFFER
    assert services.practitioner("Emma Clarke").key_id == ""
    assert page_of(window) == Page.SIGN_IN
    if choice == "none":
        press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(form.none_choice.chosen, timeout=1000)  # a mnemonic clicks after a moment
        press(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: page_of(window) == Page.WORK, timeout=1000)
        assert services.practitioner("Emma Clarke").key_id
        assert not services.practitioner("Emma Clarke").has_passphrase
    else:
        type_keys(form.new_passphrase, "emma's tea")
        press(qtbot, Qt.Key.Key_Tab)
        type_keys(form.new_again, "emma's tea")
        press(qtbot, Qt.Key.Key_Return)
        assert page_of(window) == Page.WORK
        assert services.practitioner("Emma Clarke").has_passphrase
        services.sign_out()
        assert services.sign_in("Emma Clarke", "emma's tea").name == "Emma Clarke"
    assert window.sitting.who_label.text() == "Signed in: Emma Clarke (Therapist)"


# --- locking -------------------------------------------------------------------------------------


def unlock(qtbot: QtBot, window: MainWindow, passphrase: str, name: str | None = None) -> None:
    dialog = window.sitting.lock_dialog
    assert dialog is not None
    activate(qtbot, dialog)
    if name is not None:
        click_into(qtbot, dialog.form.name_combo)
        qtbot.keyClick(dialog.form.name_combo, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_keys(dialog.form.name_combo, name)
        press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.form.passphrase
    type_keys(dialog.form.passphrase, passphrase)
    press(qtbot, Qt.Key.Key_Return)


def test_the_idle_lock_hides_every_patient_and_note_and_unlocking_keeps_the_unsaved_note(
    qtbot: QtBot, services: Services, practice: dict[str, int]
) -> None:
    services.sign_in(ANITA, ANITAS)
    window = show_active(qtbot, MainWindow(services, "/clinics/practice.sqlite", idle_ms=60_000))
    editor = session_editor(qtbot, window, practice[SUMITA])
    subjective = editor.soap.edits["subjective"]
    click_into(qtbot, subjective)
    type_keys(subjective, NOTE)
    window.sitting.idle.set_interval(300)  # the idle time, shortened now that the editor is open
    assert SUMITA in editor.windowTitle()
    assert set(patient_words_shown()) >= {SUMITA, AMIT, NOTE}  # the walk sees them while unlocked

    qtbot.waitUntil(lambda: locked(services), timeout=3000)  # no key, no click: locked
    assert patient_words_shown() == []
    assert editor.isVisible()  # still open, its content hidden
    assert editor.windowTitle() == LOCKED_TITLE
    dialog = window.sitting.lock_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.form.heading.text() == f"Locked by {ANITA}. Type the passphrase to continue."
    assert window.sitting.who_label.text() == f"Locked by {ANITA}"
    activate(qtbot, dialog)
    press(qtbot, Qt.Key.Key_Escape)  # Esc does not take the lock away
    assert dialog.isVisible()

    unlock(qtbot, window, "wrong")
    assert locked(services)
    assert dialog.form.passphrase_error.text() == f"Passphrase is not {ANITA}'s passphrase."
    assert patient_words_shown() == []
    unlock(qtbot, window, ANITAS)
    assert not locked(services)
    assert not dialog.isVisible()
    assert subjective.isVisible()
    assert subjective.toPlainText() == NOTE
    assert SUMITA in editor.windowTitle()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is subjective, timeout=2000)  # where it was
    activate(qtbot, editor)
    type_keys(subjective, ".")
    ctrl(qtbot, Qt.Key.Key_S, subjective)
    [saved] = [s for s in services.sessions(practice[SUMITA]) if s.subjective]
    assert saved.subjective == NOTE + "."


def own_editor(qtbot: QtBot, window: MainWindow, patient_id: int) -> SessionEditor:
    """``hands.session_editor`` without handing the editor to qtbot to close at the end: when the owner
    takes over, the app itself closes and deletes it."""
    activate(qtbot, window)
    open_chart(window, patient_id)
    ctrl(qtbot, Qt.Key.Key_N, window.table, shift=True)
    editor = window.chart.tabs.sessions_tab.session_editor
    assert editor is not None
    return activate(qtbot, editor)


def rahuls_session_draft(services: Services) -> dict[str, Any]:
    """Rahul signs in again: the content of his one session draft."""
    services.sign_in(RAHUL, RAHULS)
    [draft] = [d for d in services.drafts() if d.form == "session"]
    return draft.content


def gone(widget: QWidget) -> bool:
    return not shiboken6.isValid(widget) or not widget.isVisible()


def test_ctrl_l_locks_from_the_session_editor_and_only_who_locked_or_the_owner_unlocks(
    qtbot: QtBot, services: Services, practice: dict[str, int]
) -> None:
    services.sign_in(RAHUL, RAHULS)
    window = show_active(qtbot, MainWindow(services, "/clinics/practice.sqlite"))
    editor = own_editor(qtbot, window, practice[SUMITA])
    click_into(qtbot, editor.soap.edits["plan"])
    type_keys(editor.soap.edits["plan"], "Fortnightly")
    ctrl(qtbot, Qt.Key.Key_L, editor.soap.edits["plan"])
    assert locked(services)
    assert patient_words_shown() == []
    assert "Fortnightly" not in on_screen()
    assert not editor.close()  # its window's close button: it stays, unsaved text and all, until unlocked
    assert not window.close()
    assert editor.isVisible()

    unlock(qtbot, window, "desk", name=MITALI)
    assert locked(services)
    dialog = window.sitting.lock_dialog
    assert dialog is not None
    assert "disabled" in dialog.form.name_error.text()
    unlock(qtbot, window, ANITAS, name=ANITA)  # the owner may: her own sitting starts
    assert not locked(services)
    assert who(services) == ANITA
    assert window.sitting.who_label.text() == f"Signed in: {ANITA} (Owner)"
    # Rahul's editor is not hers to see (it may hold his private notes): it closed, and what he
    # typed a moment before locking is kept as his draft
    qtbot.waitUntil(lambda: gone(editor), timeout=2000)
    assert "Fortnightly" not in on_screen()
    assert window.selected_patient_id() == practice[SUMITA]  # the list as it was
    assert window.chart.patient_id == practice[SUMITA]
    qtbot.wait(1500)  # past the draft's delay: nothing more is written for the closed editor
    assert rahuls_session_draft(services)["plan"] == "Fortnightly"


def test_the_owner_taking_over_does_not_see_the_others_unsaved_private_notes(
    qtbot: QtBot, services: Services, practice: dict[str, int]
) -> None:
    services.sign_in(RAHUL, RAHULS)
    window = show_active(qtbot, MainWindow(services, "/clinics/practice.sqlite"))
    editor = own_editor(qtbot, window, practice[SUMITA])
    box = editor.soap.edits["private_notes"]
    click_into(qtbot, box)
    type_keys(box, "grief held in the chest")
    ctrl(qtbot, Qt.Key.Key_L, box)  # at once: the draft's delay has not passed
    qtbot.wait(1500)  # the delay passes while locked: no error, nothing lost
    unlock(qtbot, window, ANITAS, name=ANITA)
    qtbot.waitUntil(lambda: gone(editor), timeout=2000)
    assert "grief held in the chest" not in on_screen()
    assert all("grief" not in str(d.content) for d in services.drafts())  # hers to list, not to read
    assert rahuls_session_draft(services)["private_notes"] == "grief held in the chest"


def test_sign_out_asks_about_the_unsaved_chart_then_shows_the_sign_in_screen(
    qtbot: QtBot, services: Services, practice: dict[str, int]
) -> None:
    services.sign_in(ANITA, ANITAS)
    window = show_active(qtbot, MainWindow(services, "/clinics/practice.sqlite"))
    window.select_patient(practice[AMIT])
    window.open_selected()
    assert AMIT in on_screen()
    window.sitting.sign_out_action.trigger()
    assert who(services) is None
    assert page_of(window) == Page.SIGN_IN
    assert window.chart.patient_id is None
    assert patient_words_shown() == []
    assert not window.sitting.lock_action.isEnabled()


def test_a_solo_practitioner_without_a_passphrase_goes_straight_in(qtbot: QtBot, services: Services) -> None:
    services.add_practitioner(Practitioner(ANITA, "owner"), "")
    window = show_active(qtbot, MainWindow(services, "/clinics/practice.sqlite"))
    assert page_of(window) == Page.WORK
    assert who(services) == ANITA


def test_the_idle_time_is_the_clinic_settings_minutes(qtbot: QtBot, services: Services) -> None:
    services.save_settings(replace(services.settings(), idle_lock_minutes=3))
    window = show_active(qtbot, MainWindow(services, "/clinics/practice.sqlite"))
    assert window.sitting.idle.interval_ms == 3 * 60_000
    window.changed.emit(services.save_settings(replace(services.settings(), idle_lock_minutes=120)))
    assert window.sitting.idle.interval_ms == 120 * 60_000


def test_no_practitioners_no_sign_in(qtbot: QtBot, services: Services, clinic: dict[str, int]) -> None:
    window = show_active(qtbot, MainWindow(services, "/clinics/practice.sqlite", idle_ms=50))
    assert page_of(window) == Page.WORK
    assert not window.sitting.lock_action.isEnabled()
    qtbot.wait(200)
    assert page_of(window) == Page.WORK  # nobody to lock for: the idle time does nothing
    assert AMIT in on_screen()
