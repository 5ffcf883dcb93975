"""The session editor from the chart: "Start session…" opens it for a new session, a session in the list
opens in it, and what it saves, signs or adds shows in the list at once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import Restriction
from cst_notes.domain.settings import ClinicSettings
from cst_notes.services import Services
from cst_notes.ui.chart.tab_order import ChartTab
from cst_notes.ui.session.editor import SessionEditor
from cst_notes.ui.session.sessions_tab import SessionsTab
from cst_notes.ui.shell.main_window import MainWindow
from tests.ui.conftest import AMIT, SUMITA, activate, open_chart, tree_item
from tests.ui.hands import click_tab
from tests.ui.session.test_session_editor import click
from tests.ui.session.test_session_editor_signing import sign


def sessions_tab(window: MainWindow) -> SessionsTab:
    return window.chart.tabs.sessions_tab


@pytest.fixture(autouse=True)
def close_editors(clinic: dict[str, int], window: MainWindow, services: Services) -> Iterator[None]:
    """The editors are windows of their own: close those still open (they delete themselves)."""
    services.save_settings(ClinicSettings(therapist_name="Meera Sen"))
    yield
    for editor in list(sessions_tab(window).editors):
        editor.close()


def rows(window: MainWindow) -> list[list[str]]:
    """The Sessions list as its tab shows it (gone to by a click: the list is filled when shown)."""
    tabs = window.chart.tabs
    if tabs.currentIndex() != ChartTab.SESSIONS:
        click_tab(tabs, ChartTab.SESSIONS)
    view = sessions_tab(window).list
    return [[tree_item(view, r).text(c) for c in range(5)] for r in range(view.topLevelItemCount())]


def opened(qtbot: QtBot, window: MainWindow) -> SessionEditor:
    editor = sessions_tab(window).session_editor
    assert editor is not None
    return activate(qtbot, editor)


def is_new(editor: SessionEditor) -> bool:
    """Whether the editor's session is not saved yet, read afresh: mypy would otherwise keep what an
    earlier assertion on ``editor.is_new`` narrowed it to across the click that saves it."""
    return editor.is_new


def open_row(qtbot: QtBot, window: MainWindow, row: int) -> SessionEditor:
    """Enter on a row of the Sessions list, as a therapist would (or a double-click)."""
    window.chart.tabs.setCurrentIndex(ChartTab.SESSIONS)
    view = sessions_tab(window).list
    view.setFocus()
    view.setCurrentItem(tree_item(view, row))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    return opened(qtbot, window)


def test_a_session_in_the_list_opens_in_the_editor_and_its_changes_show(
    qtbot: QtBot, services: Services, clinic: dict[str, int], window: MainWindow
) -> None:
    open_chart(window, clinic[AMIT])
    newest = max(services.sessions(clinic[AMIT]), key=lambda s: s.started_at)
    assert rows(window)[0][1:] == ["75 min", "5 → 3", "2", "Draft"]
    editor = open_row(qtbot, window, 0)
    assert editor.session_id == newest.id
    assert editor.session() == newest
    assert editor.isWindow()
    editor.outcomes.spins["pain_after"].setValue(2)
    editor.restrictions.set_restrictions([Restriction("spine.sacrum", "midline", "mild")])
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: rows(window)[0][1:] == ["75 min", "5 → 2", "1", "Draft"])  # in the next turn

    sign(qtbot, editor)
    qtbot.waitUntil(lambda: rows(window)[0][4] == "Signed")
    assert editor.read_only


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_opening_a_session_already_open_brings_its_editor_forward(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow
) -> None:
    open_chart(window, clinic[AMIT])
    first = open_row(qtbot, window, 1)
    again = open_row(qtbot, window, 1)
    assert again is first
    assert len(sessions_tab(window).editors) == 1
    first.close()
    qtbot.waitUntil(lambda: sessions_tab(window).editors == [], timeout=1000)


def test_start_session_opens_the_editor_for_a_new_session_that_joins_the_list(
    qtbot: QtBot, services: Services, clinic: dict[str, int], window: MainWindow
) -> None:
    services.add_session(
        clinic[SUMITA],
        services.start_from_last_session(clinic[SUMITA], services.sessions(clinic[AMIT])[0].started_at),
    )
    open_chart(window, clinic[SUMITA])
    assert len(rows(window)) == 1
    window.start_session_action.trigger()
    editor = opened(qtbot, window)
    assert is_new(editor)
    assert editor.header.from_last_button.isEnabled()
    editor.outcomes.spins["pain_before"].setValue(6)
    editor.restrictions.set_restrictions([Restriction("body.knee", "left", "mild")])
    click(qtbot, editor.save_button)
    assert not is_new(editor)
    qtbot.waitUntil(lambda: window.chart.tabs.tabText(ChartTab.SESSIONS) == "&Sessions (2)")
    assert rows(window)[0][2:] == ["6 → –", "1", "Draft"]  # newest first


def test_a_saved_session_is_read_again_alone_and_the_chart_shows_what_a_fresh_chart_shows(
    qtbot: QtBot, services: Services, clinic: dict[str, int], window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving one session reads that session, not the patient's whole record (a hundred sessions take
    tens of milliseconds): the list, its count and the progress are those of the record as stored."""
    open_chart(window, clinic[AMIT])
    editor = open_row(qtbot, window, 0)
    read_whole: list[int] = []
    whole = services.record

    def counted(patient_id: int) -> PatientRecord:
        read_whole.append(patient_id)
        return whole(patient_id)

    monkeypatch.setattr(services, "record", counted)
    pain_after = editor.outcomes.spins["pain_after"]
    qtbot.mouseClick(pain_after, Qt.MouseButton.LeftButton)
    qtbot.keyClick(pain_after, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(pain_after, "1")
    subjective = editor.soap.edits["subjective"]
    qtbot.mouseClick(subjective.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(subjective, " Slept well.")
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: rows(window)[0][2] == "5 → 1")  # the chart follows in the next turn
    assert read_whole == []
    newest = max(services.sessions(clinic[AMIT]), key=lambda s: s.started_at)
    assert (newest.pain_after, newest.subjective.endswith("Slept well.")) == (1, True)
    assert rows(window)[0][2] == "5 → 1"
    listed = rows(window)
    window.chart.tabs.setCurrentIndex(ChartTab.PROGRESS)
    progress = window.chart.tabs.progress_tab
    qtbot.waitUntil(lambda: not progress.pending)
    shown = (window.chart.tabs.tabText(ChartTab.SESSIONS), progress.summary.text())
    shown_cells = progress.outcomes.cell_texts()
    window.close_chart()
    open_chart(window, clinic[AMIT])  # the whole record, read afresh (on the Progress tab still)
    qtbot.waitUntil(lambda: not progress.pending)
    assert read_whole == [clinic[AMIT]]
    assert (window.chart.tabs.tabText(ChartTab.SESSIONS), progress.summary.text()) == shown
    assert progress.outcomes.cell_texts() == shown_cells
    assert rows(window) == listed
