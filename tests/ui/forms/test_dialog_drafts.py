"""The dialogs that take typed text keep a draft like the forms do (issue 13): within two seconds of
the last key, offered back at the next start, restored into the dialog on its record, and dropped
when the dialog is done or cancelled on purpose. Each dialog is opened and typed into as a person does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cst_notes.domain.draft import Draft
from cst_notes.domain.session import Restriction
from cst_notes.services import Services
from cst_notes.ui.body_map.restriction_dialog import RestrictionDialog
from cst_notes.ui.chart.tab_order import ChartTab
from cst_notes.ui.forms.draft_keeper import DRAFT_DELAY_MS
from cst_notes.ui.forms.unsaved_prompt import Choice
from cst_notes.ui.intake.screening_dialog import ScreeningChangeDialog
from cst_notes.ui.plan.close_dialog import CloseCourseDialog
from cst_notes.ui.session.contraindication_override import OverrideDialog
from cst_notes.ui.session.editor import SessionEditor
from cst_notes.ui.session.form import RESTRICTIONS
from cst_notes.ui.shell.main_window import MainWindow
from cst_notes.ui.signing.signed_panel import AddendumDialog
from tests.ui.conftest import AMIT, PRIYA, SUMITA, TODAY, Prompts, activate, ctrl, open_chart, show_active
from tests.ui.hands import click_into, type_keys

ADDENDUM = "সংশোধন: স্থির বিন্দু প্রায় ২ মিনিট ছিল, not 5"
REASON = "मौखिक सहमति आज; intake at the next visit"
NOTE = "No reply to two messages"


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def typed(qtbot: QtBot, field: QWidget, text: str) -> None:
    """A click into the field, then ``text`` key by key."""
    click_into(qtbot, field)
    type_keys(field, text)


def kept(qtbot: QtBot, services: Services) -> Draft:
    """The one draft written within two seconds of the last key."""
    assert services.drafts() == []  # not at every keystroke
    assert DRAFT_DELAY_MS <= 2000
    qtbot.waitUntil(lambda: bool(services.drafts()), timeout=2000)
    [draft] = services.drafts()
    return draft


def next_start(qtbot: QtBot, services: Services, draft: Draft, offered: str) -> MainWindow:
    """The app started again on the same file (after a crash): the draft is offered; Restore."""
    again = show_active(qtbot, MainWindow(services, "/clinics/practice.sqlite"))
    label, restore, _ = again.drafts_bar.rows[draft.key]
    assert label.text().startswith(offered), label.text()
    click(qtbot, restore)
    return again


def signed_session(qtbot: QtBot, window: MainWindow, services: Services, patient_id: int) -> SessionEditor:
    """The patient's first session, signed, opened from the Sessions tab."""
    [first, *_] = services.sessions(patient_id)
    assert first.id is not None
    services.sign_session(first.id, "Meera Sen")
    open_chart(window, patient_id)
    editor = window.chart.tabs.sessions_tab.open_session(first.id)
    qtbot.addWidget(editor)
    return activate(qtbot, editor)


def test_an_addendum_to_a_session_is_kept_restored_into_its_dialog_and_dropped_when_added(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    editor = signed_session(qtbot, window, services, clinic[AMIT])
    click(qtbot, editor.signed_panel.add_button)
    dialog = editor.commands.dialog
    assert isinstance(dialog, AddendumDialog)
    activate(qtbot, dialog)
    typed(qtbot, dialog.text_edit, ADDENDUM)
    draft = kept(qtbot, services)
    assert (draft.form, draft.patient_id) == ("session_addendum", clinic[AMIT])
    assert draft.content["text"] == ADDENDUM
    day = editor.session().started_at.astimezone().date().isoformat()

    again = next_start(qtbot, services, draft, f"Unsaved addendum to the session of {day} for {AMIT}")
    restored_editor = again.chart.tabs.sessions_tab.session_editor
    assert restored_editor is not None
    qtbot.addWidget(restored_editor)
    assert restored_editor.session_id == editor.session_id
    restored = restored_editor.commands.dialog
    assert isinstance(restored, AddendumDialog)
    activate(qtbot, restored)
    assert restored.text_edit.toPlainText() == ADDENDUM
    assert restored.text_edit.hasFocus()
    type_keys(restored.text_edit, " (CV-4)")  # typing goes on where it stopped
    click(qtbot, restored.ok_button)
    assert not restored.isVisible(), restored.message.text()
    assert [a.text for a in services.session(editor.session_id).addenda] == [ADDENDUM + " (CV-4)"]  # type: ignore[arg-type]
    assert services.drafts() == []


def test_an_addendum_to_the_intake_is_restored_and_dropped_when_cancelled(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    services.sign_intake(clinic[SUMITA], "Meera Sen")
    open_chart(window, clinic[SUMITA])
    window.chart.tabs.setCurrentIndex(ChartTab.INTAKE)
    tab = window.chart.tabs.intake_tab
    click(qtbot, tab.addendum_button)
    dialog = tab.note_dialog
    assert isinstance(dialog, AddendumDialog)
    activate(qtbot, dialog)
    typed(qtbot, dialog.text_edit, ADDENDUM)
    draft = kept(qtbot, services)
    assert (draft.form, draft.patient_id, draft.content["text"]) == ("intake_addendum", clinic[SUMITA], ADDENDUM)

    again = next_start(qtbot, services, draft, f"Unsaved addendum to the intake for {SUMITA}")
    assert again.chart.tabs.currentIndex() == ChartTab.INTAKE
    restored = again.chart.tabs.intake_tab.note_dialog
    assert isinstance(restored, AddendumDialog)
    activate(qtbot, restored)
    assert restored.text_edit.toPlainText() == ADDENDUM
    qtbot.keyClick(restored.text_edit, Qt.Key.Key_Escape)  # cancelled on purpose
    assert not restored.isVisible()
    assert services.drafts() == []
    intake = services.intake(clinic[SUMITA])
    assert intake is not None
    assert intake.addenda == ()


def test_the_reason_to_treat_is_kept_and_restored_and_dropped_when_the_session_starts(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[PRIYA])  # no intake, screening or consent: the start asks for a reason
    ctrl(qtbot, Qt.Key.Key_N, window.table, shift=True)
    dialog = window.chart.tabs.sessions_tab.override_dialog
    assert isinstance(dialog, OverrideDialog)
    activate(qtbot, dialog)
    typed(qtbot, dialog.reason_edit, REASON)
    draft = kept(qtbot, services)
    assert (draft.form, draft.patient_id, draft.content["reason"]) == ("override", clinic[PRIYA], REASON)

    again = next_start(qtbot, services, draft, "Unsaved reason to treat for प्रिया शर्मा (Priya)")
    restored = again.chart.tabs.sessions_tab.override_dialog
    assert isinstance(restored, OverrideDialog)
    activate(qtbot, restored)
    assert restored.reason_edit.toPlainText() == REASON
    click(qtbot, restored.proceed_button)
    assert services.drafts() == []
    editor = again.chart.tabs.sessions_tab.session_editor
    assert editor is not None
    qtbot.addWidget(editor)
    activate(qtbot, editor)
    ctrl(qtbot, Qt.Key.Key_S, editor.header.started_edit)
    [session] = services.sessions(clinic[PRIYA])
    assert session.contraindication_override_reason == REASON


def test_cancelling_the_reason_to_treat_drops_its_draft(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[PRIYA])
    ctrl(qtbot, Qt.Key.Key_N, window.table, shift=True)
    dialog = window.chart.tabs.sessions_tab.override_dialog
    assert isinstance(dialog, OverrideDialog)
    activate(qtbot, dialog)
    typed(qtbot, dialog.reason_edit, REASON)
    kept(qtbot, services)
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Escape)
    assert services.drafts() == []
    assert services.sessions(clinic[PRIYA]) == []


def test_the_close_course_note_is_kept_restored_and_dropped_when_the_course_is_closed(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[AMIT])
    window.chart.tabs.setCurrentIndex(ChartTab.PLAN)
    tab = window.chart.tabs.plan_tab
    click(qtbot, tab.close_button)
    dialog = tab.close_dialog
    assert isinstance(dialog, CloseCourseDialog)
    activate(qtbot, dialog)
    assert QApplication.focusWidget() is dialog.reason
    qtbot.keyClicks(dialog.reason, "Stopped")  # the combo box jumps to the label typed
    typed(qtbot, dialog.note, NOTE)
    draft = kept(qtbot, services)
    assert (draft.form, draft.patient_id) == ("close_course", clinic[AMIT])
    assert draft.content == {"closed_on": TODAY.isoformat(), "closed_reason": "stopped_coming", "closing_note": NOTE}

    again = next_start(qtbot, services, draft, f"Unsaved closing of the course of care for {AMIT}")
    restored = again.chart.tabs.plan_tab.close_dialog
    assert isinstance(restored, CloseCourseDialog)
    activate(qtbot, restored)
    assert (restored.closed_on.value(), restored.reason.code(), restored.note.text()) == (
        TODAY,
        "stopped_coming",
        NOTE,
    )
    click(qtbot, restored.ok_button)
    assert not restored.isVisible(), restored.message.text()
    plan = services.plans(clinic[AMIT])[0]
    assert (plan.closed_reason, plan.closing_note) == ("stopped_coming", NOTE)
    assert services.drafts() == []


def test_a_screening_change_note_is_kept_restored_and_dropped_when_recorded(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[SUMITA])
    ctrl(qtbot, Qt.Key.Key_K, window.chart.tabs)  # Patient ▸ Contraindication screening…
    screening = window.chart.screening_dialog
    assert screening is not None
    activate(qtbot, screening)
    click(qtbot, screening.add_button)
    dialog = screening.change_dialog
    assert isinstance(dialog, ScreeningChangeDialog)
    activate(qtbot, dialog)
    qtbot.keyClicks(dialog.code, "CSF")
    typed(qtbot, dialog.note, "after a lumbar puncture")
    draft = kept(qtbot, services)
    assert (draft.form, draft.patient_id) == ("screening_change", clinic[SUMITA])
    assert (draft.content["code"], draft.content["note"]) == ("csf_leak", "after a lumbar puncture")

    again = next_start(qtbot, services, draft, f"Unsaved screening change for {SUMITA}")
    reopened = again.chart.screening_dialog
    assert reopened is not None
    restored = reopened.change_dialog
    assert isinstance(restored, ScreeningChangeDialog)
    activate(qtbot, restored)
    assert (restored.code.currentData(), restored.effective_on.value(), restored.note.text()) == (
        "csf_leak",
        TODAY,
        "after a lumbar puncture",
    )
    click(qtbot, restored.ok_button)
    assert not restored.isVisible(), restored.message.text()
    [change] = services.screening_changes(clinic[SUMITA])
    assert (change.code, change.note) == ("csf_leak", "after a lumbar puncture")
    assert services.drafts() == []


def restriction_dialog(qtbot: QtBot, window: MainWindow, services: Services, patient_id: int) -> RestrictionDialog:
    """The patient's latest session (restrictions marked), Ctrl+3, Enter on the first restriction."""
    *_, last = services.sessions(patient_id)
    assert last.id is not None
    assert last.restrictions
    open_chart(window, patient_id)
    editor = window.chart.tabs.sessions_tab.open_session(last.id)
    qtbot.addWidget(editor)
    activate(qtbot, editor)
    ctrl(qtbot, Qt.Key.Key_3, editor.header.started_edit)
    panel = editor.restrictions
    click(qtbot, panel.restriction_list.viewport())
    panel.restriction_list.setCurrentRow(0)
    qtbot.keyClick(panel.restriction_list, Qt.Key.Key_Return)
    dialog = panel.dialog
    assert dialog is not None
    return activate(qtbot, dialog)


def test_a_restriction_note_typed_in_its_dialog_is_kept_with_the_session_and_restored_into_the_dialog(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    dialog = restriction_dialog(qtbot, window, services, clinic[AMIT])
    typed(qtbot, dialog.note_edit, "ডান দিকে বেশি")
    draft = kept(qtbot, services)
    assert draft.form == "session"  # the session's own draft keeps the dialog open over it
    assert draft.content["restriction_dialog"] == {
        "row": 0,
        "region_text": "Respiratory diaphragm",
        "side": "midline",
        "severity": "moderate",
        "note": "ডান দিকে বেশি",
    }

    again = next_start(qtbot, services, draft, f"Unsaved session for {AMIT}")
    editor = again.chart.tabs.sessions_tab.session_editor
    assert editor is not None
    qtbot.addWidget(editor)
    restored = editor.restrictions.dialog
    assert restored is not None
    activate(qtbot, restored)
    assert editor.tabs.currentIndex() == RESTRICTIONS
    assert restored.restriction() == Restriction("diaphragm.respiratory", "midline", "moderate", "ডান দিকে বেশি")
    qtbot.keyClick(restored.note_edit, Qt.Key.Key_Return)  # OK: the mark takes the note
    assert editor.restrictions.dialog is None
    activate(qtbot, editor)
    ctrl(qtbot, Qt.Key.Key_S, editor.restrictions.restriction_list)
    assert [r.note for r in services.session(editor.session_id).restrictions] == ["ডান দিকে বেশি", ""]  # type: ignore[arg-type]
    assert services.drafts() == []


def test_a_restriction_note_is_in_the_sessions_draft_once_done_and_cancelling_drops_it(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    dialog = restriction_dialog(qtbot, window, services, clinic[AMIT])
    typed(qtbot, dialog.note_edit, "tender")
    kept(qtbot, services)
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Escape)  # cancelled on purpose: the session is as it was
    qtbot.waitUntil(lambda: services.drafts() == [], timeout=2000)

    dialog = restriction_dialog(qtbot, window, services, clinic[AMIT])
    typed(qtbot, dialog.note_edit, "tender")
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)  # done: the note is the session's now
    qtbot.waitUntil(lambda: bool(services.drafts()), timeout=2000)
    [draft] = services.drafts()
    assert "restriction_dialog" not in draft.content
    assert [r["note"] for r in draft.content["restrictions"]] == ["tender", ""]


def test_esc_on_a_typed_addendum_asks_first_and_keeps_it_or_adds_it(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services, prompts: Prompts
) -> None:
    editor = signed_session(qtbot, window, services, clinic[AMIT])
    click(qtbot, editor.signed_panel.add_button)
    untouched = editor.commands.dialog
    assert isinstance(untouched, AddendumDialog)
    activate(qtbot, untouched)
    qtbot.keyClick(untouched.text_edit, Qt.Key.Key_Escape)  # nothing typed: it just closes
    assert (prompts.asked, untouched.isVisible()) == ([], False)

    click(qtbot, editor.signed_panel.add_button)
    dialog = editor.commands.dialog
    assert isinstance(dialog, AddendumDialog)
    activate(qtbot, dialog)
    typed(qtbot, dialog.text_edit, NOTE)
    prompts.answers = [Choice.CANCEL]
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Escape)  # a stray Esc
    assert prompts.asked == ["“Add an addendum”"]
    assert dialog.isVisible()
    assert dialog.text_edit.toPlainText() == NOTE
    prompts.answers = [Choice.SAVE]
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    [first, *_] = services.sessions(clinic[AMIT])
    assert [a.text for a in first.addenda] == [NOTE]
