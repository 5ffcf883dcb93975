"""The session editor keeps a draft while the therapist types, like every form (issue 13, item 4)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cst_notes.services import Services
from cst_notes.ui.forms.draft_keeper import DRAFT_DELAY_MS, session_key
from cst_notes.ui.forms.unsaved_prompt import Choice
from cst_notes.ui.shell.main_window import MainWindow
from tests.ui.conftest import AMIT, SUMITA, Prompts, ctrl, open_chart, show_active
from tests.ui.hands import click_into, session_editor


def test_a_draft_is_kept_within_two_seconds_and_dropped_on_saving(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    editor = session_editor(qtbot, window, clinic[SUMITA])
    key = session_key(editor.session().uid)
    subjective = editor.soap.edits["subjective"]
    click_into(qtbot, subjective)
    qtbot.keyClicks(subjective, "Headache since Sunday")
    assert services.draft(key) is None
    assert DRAFT_DELAY_MS <= 2000
    qtbot.waitUntil(lambda: services.draft(key) is not None, timeout=2000)
    draft = services.draft(key)
    assert draft is not None
    assert (draft.form, draft.patient_id) == ("session", clinic[SUMITA])
    assert draft.content["subjective"] == "Headache since Sunday"

    ctrl(qtbot, Qt.Key.Key_S, subjective)
    assert services.drafts() == []
    [saved] = services.sessions(clinic[SUMITA])
    assert saved.uid == editor.session().uid
    click_into(qtbot, subjective)
    qtbot.keyClicks(subjective, ", worse at night")  # a saved session: its changes are kept too
    qtbot.waitUntil(lambda: services.draft(key) is not None, timeout=2000)


def test_a_saved_sessions_draft_is_restored_into_it_and_discarding_drops_it(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services, prompts: Prompts
) -> None:
    [first, *_] = services.sessions(clinic[AMIT])
    open_chart(window, clinic[AMIT])
    editor = window.chart.tabs.sessions_tab.open_session(first.id)  # type: ignore[arg-type]
    qtbot.addWidget(editor)
    show_active(qtbot, editor)
    click_into(qtbot, editor.soap.edits["plan"])
    qtbot.keyClicks(editor.soap.edits["plan"], "Fortnightly")
    editor.drafts.write_now()  # what the timer does a moment after the last key

    again = show_active(qtbot, MainWindow(services, "/clinics/practice.sqlite"))  # after a crash
    label, restore, _ = again.drafts_bar.rows[session_key(first.uid)]
    assert label.text().startswith(f"Unsaved session for {AMIT}")
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    restored = again.chart.tabs.sessions_tab.session_editor
    assert restored is not None
    assert restored.session_id == first.id
    assert restored.is_dirty()
    assert restored.soap.edits["plan"].toPlainText() == "Fortnightly"
    prompts.answers.append(Choice.DISCARD)
    restored.close()  # Esc or the window's close: asked, then thrown away with its draft
    assert prompts.asked[-1].startswith("the session of")
    assert services.draft(session_key(first.uid)) is None
    assert services.session(first.id).plan == first.plan  # type: ignore[arg-type]
