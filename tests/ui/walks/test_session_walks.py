"""Every choice and text control of the session editor, tab by tab, and of the dialogs it opens (the
reason to treat, a restriction, a template's name), walked by Tab from the keyboard: what was chosen
and typed is what the session holds, and what the editor shows when the session is opened again."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from cst_notes.domain import vocabulary as V
from cst_notes.domain.session import technique_label
from cst_notes.services import Services
from cst_notes.ui.rhythm.model import FIELD_OF_COLUMN, NOTE, PALPATED_BY, ROWS, VOCABULARIES
from cst_notes.ui.session.editor import SessionEditor
from cst_notes.ui.session.form import TEXTS
from cst_notes.ui.session.templates import SaveTemplateDialog
from cst_notes.ui.shell.main_window import MainWindow
from tests.ui.conftest import JOHN, activate, ctrl, open_chart
from tests.ui.hands import bring_into_view, click_into, type_keys, value_at
from tests.ui.walking import (
    assert_walked_all,
    choose_in_combo,
    closed_notes,
    describe,
    grid_cells,
    in_checklist,
    key,
    named,
    names_of,
    pairs,
    sample_text,
    shown,
    shown_by_name,
    walk,
    walkable,
)

OWN_TECHNIQUE = "ক্র্যানিয়াল ছন্দ"  # a technique of the therapist's own, named in Bengali


def start_with_a_reason(qtbot: QtBot, window: MainWindow, patient_id: int) -> tuple[SessionEditor, dict[str, Any]]:
    """Ctrl+Shift+N for a client with no intake: the reason to treat is asked first, then the editor opens."""
    open_chart(window, patient_id)
    ctrl(qtbot, Qt.Key.Key_N, window.table, shift=True)
    override = window.chart.tabs.sessions_tab.override_dialog
    assert override is not None
    activate(qtbot, override)
    done = walk(qtbot, override, None)  # the focus starts in the reason
    assert_walked_all(done, override)
    reason = named(done, {override.reason_edit: "contraindication_override_reason"})
    qtbot.mouseClick(override.proceed_button, Qt.MouseButton.LeftButton)
    editor = window.chart.tabs.sessions_tab.session_editor
    assert editor is not None
    return activate(qtbot, editor), reason


def to_tab(qtbot: QtBot, editor: SessionEditor, n: int) -> None:
    """Ctrl+1…5 (after a dialog the editor is made the active window again, as a click on it would)."""
    activate(qtbot, editor)
    ctrl(qtbot, Qt.Key(Qt.Key.Key_1 + n), QApplication.focusWidget() or editor)
    assert editor.tabs.currentIndex() == n


def walk_the_grid(qtbot: QtBot, editor: SessionEditor) -> dict[str, Any]:
    """Every choice cell of every row; the text cells (who palpated, a note) of the first, a middle and the
    last row: {rhythm_findings[row].field: value}."""
    table, model = editor.grid.table, editor.grid.model
    choices = [model.index(row, column) for row in range(len(ROWS)) for column in VOCABULARIES]
    texts = [model.index(row, column) for row in (0, len(ROWS) // 2, len(ROWS) - 1) for column in (PALPATED_BY, NOTE)]

    def fill(qtbot: QtBot, editor: QWidget, n: int) -> Any:
        if isinstance(editor, QComboBox):
            return choose_in_combo(qtbot, editor, n)
        text = sample_text(n)
        type_keys(editor, text)
        return text

    table.setFocus(Qt.FocusReason.MouseFocusReason)
    values = grid_cells(qtbot, table, choices + texts, fill)
    return {f"rhythm_findings[{i.row()}].{FIELD_OF_COLUMN[i.column()]}": v for i, v in values.items()}


def walk_a_restriction(qtbot: QtBot, editor: SessionEditor) -> dict[str, Any]:
    """Insert in the list of restrictions opens the dialog; the region is found by typing its name."""
    panel = editor.restrictions
    qtbot.mouseClick(panel.restriction_list.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    key(qtbot, Qt.Key.Key_Insert)
    dialog = panel.dialog
    assert dialog is not None
    activate(qtbot, dialog)
    region = V.REGIONS.term("cranial.sphenoid")

    def find_region(qtbot: QtBot, combo: QWidget, n: int) -> str:
        type_keys(combo, region.label)
        return region.code

    done = walk(qtbot, dialog, None, special={dialog.region_combo: find_region}, start=300)
    assert_walked_all(done, dialog)
    names = {dialog.region_combo: "region", dialog.side_combo: "side", dialog.severity_combo: "severity"}
    chosen = named(done, names | {dialog.note_edit: "note"})
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_label.text()
    return {f"restrictions[0].{name}": value for name, value in chosen.items()}


def walk_the_events(qtbot: QtBot, editor: SessionEditor) -> dict[QWidget, Any]:
    events = editor.events
    qtbot.mouseClick(events.add_still_point_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(events.add_detector_button, Qt.MouseButton.LeftButton)
    click_into(qtbot, events.row(0).minute)
    key(qtbot, Qt.Key.Key_Backtab)  # back to the first row's kind
    assert QApplication.focusWidget() is events.row(0).kind
    done = walk(qtbot, events, None, feedback=editor.feedback, start=100)
    assert_walked_all(done, events)
    return done.chosen


def walk_the_template_name(qtbot: QtBot, editor: SessionEditor) -> str:
    """Template ▾, "Save as template…": the name typed is the template's."""
    to_tab(qtbot, editor, 0)
    [save] = [a for a in editor.header.template_button.menu_.actions() if a.text() == "&Save as template…"]
    save.trigger()  # as the menu's item is clicked
    dialog = editor.commands.dialog
    assert isinstance(dialog, SaveTemplateDialog)
    activate(qtbot, dialog)
    done = walk(qtbot, dialog, None, start=400)
    assert_walked_all(done, dialog)
    [name] = named(done, {dialog.name_edit: "name"}).values()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.message.text()
    return str(name)


def walk_the_techniques(qtbot: QtBot, editor: SessionEditor) -> dict[QWidget, Any]:
    """A click ticks the first technique; Tab goes on from there. Then a technique of one's own."""
    panel = editor.techniques
    first = next(iter(panel.boxes.values()))
    bring_into_view(first)
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton, pos=QPoint(8, first.height() // 2))
    assert first.isChecked()
    excluded: dict[QWidget, str] = {panel.own_edit: "an adder: what is typed there becomes a technique, walked below"}
    done = walk(
        qtbot, panel, None, feedback=editor.feedback, special={first: lambda *_: True}, skip=list(excluded), start=200
    )
    assert_walked_all(done, panel, excluded=excluded)
    click_into(qtbot, panel.own_edit)
    type_keys(panel.own_edit, OWN_TECHNIQUE)
    key(qtbot, Qt.Key.Key_Return)  # added, ticked, and the focus in its note
    note = QApplication.focusWidget()
    assert note is not None
    assert note.objectName().endswith(":note"), (panel.own_message.text(), panel.own_edit.text())
    type_keys(note, "হালকা")
    [own] = [box for code, box in panel.boxes.items() if code.startswith(V.CUSTOM_TECHNIQUE_PREFIX)]
    assert own.isChecked()
    return {**done.chosen, own: True, note: "হালকা"}


def test_session_every_choice_and_text(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services, editors_closed: None
) -> None:
    editor, expected = start_with_a_reason(qtbot, window, clinic[JOHN])
    feedback = editor.feedback
    assert editor.header.reason_edit.text() == expected["contraindication_override_reason"]
    chosen = walk(qtbot, editor.header, editor.header.therapist_edit, feedback=feedback).chosen
    assert editor.header.reason_edit in chosen  # typed again, over what the dialog put there

    to_tab(qtbot, editor, 0)
    notes = walk(qtbot, editor.soap, editor.soap.edits["subjective"], feedback=feedback, start=len(chosen))
    assert_walked_all(notes, editor.soap)
    chosen |= notes.chosen

    to_tab(qtbot, editor, 1)
    grid = walk_the_grid(qtbot, editor)
    chosen |= walk_the_events(qtbot, editor)
    to_tab(qtbot, editor, 2)
    restriction = walk_a_restriction(qtbot, editor)
    to_tab(qtbot, editor, 3)
    chosen |= walk_the_techniques(qtbot, editor)
    to_tab(qtbot, editor, 4)
    outcomes = walk(qtbot, editor.outcomes, editor.outcomes.spins["pain_before"], feedback=feedback)
    assert_walked_all(outcomes, editor.outcomes)
    chosen |= outcomes.chosen
    closed = closed_notes(chosen)  # beside the boxes left unticked
    not_walked = [w for w in walkable(editor) if w not in chosen and w not in closed]
    not_walked = [w for w in not_walked if w is not editor.techniques.own_edit]
    assert not_walked == [], [describe(w) for w in not_walked]  # the adder's text became the own technique
    template = walk_the_template_name(qtbot, editor)

    for rows in (editor.techniques, editor.events, editor.soap.reactions):
        rows.register()  # the lists name their rows by place, as before errors are shown
    by_name = names_of(chosen, feedback)
    showed = {feedback.field_of(w): shown(w) for w in chosen if not (in_checklist(w) and chosen[w] is False)}
    activate(qtbot, editor)
    ctrl(qtbot, Qt.Key.Key_S, QApplication.focusWidget() or editor)
    assert not editor.is_dirty(), editor.general_error.text()
    [session] = services.sessions(clinic[JOHN])
    assert pairs(by_name, session, value_at) == []
    assert pairs(grid | restriction, session, value_at) == []
    own = [t for t in session.techniques if t.technique.startswith(V.CUSTOM_TECHNIQUE_PREFIX)]
    assert [(technique_label(t.technique, services.custom_techniques()), t.note) for t in own] == [
        (OWN_TECHNIQUE, "হালকা")
    ]
    assert set(TEXTS) <= set(by_name)
    assert [t.name for t in services.session_templates()] == [template]
    reopened = reopen(qtbot, window, editor, session.id)
    for rows in (reopened.techniques, reopened.events, reopened.soap.reactions):
        rows.register()
    assert {name: v for name, v in shown_by_name(reopened, reopened.feedback).items() if name in showed} == showed
    model = reopened.grid.model
    cells = {
        f"rhythm_findings[{r}].{FIELD_OF_COLUMN[c]}": model.index(r, c).data(Qt.ItemDataRole.EditRole)
        for r in range(len(ROWS))
        for c in FIELD_OF_COLUMN
    }
    assert {name: cells[name] for name in grid} == grid


def reopen(qtbot: QtBot, window: MainWindow, editor: SessionEditor, session_id: int | None) -> SessionEditor:
    """Close the editor and open the saved session again from the chart: a new editor."""
    assert session_id is not None
    tab = window.chart.tabs.sessions_tab
    editor.close()
    qtbot.waitUntil(lambda: tab.editors == [])
    return activate(qtbot, tab.open_session(session_id))


@pytest.fixture
def editors_closed(window: MainWindow) -> Iterator[None]:
    """The session editors are windows of their own (closed and deleted by the app): none is left open."""
    yield
    for editor in list(window.chart.tabs.sessions_tab.editors):
        editor.close()
