"""The Sessions list is filled when its tab shows, not while a chart opens on another tab (issue 18:
opening a 100-session chart held the screen up too long). What the list shows is always the open
patient's latest sessions, whichever tab the chart was opened or changed on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from cst_notes.ui.chart.tab_order import ChartTab
from cst_notes.ui.shell.main_window import MainWindow
from tests.ui.conftest import AMIT, JOHN, at, tree_item
from tests.ui.hands import click_tab


def enter_on(window: MainWindow, patient_id: int) -> None:
    """The patient chosen in the list and opened with Enter, as a therapist does."""
    assert window.select_patient(patient_id)
    QTest.keyClick(window.table, Qt.Key.Key_Return)
    assert window.chart.patient_id == patient_id


def listed(window: MainWindow) -> list[str]:
    view = window.chart.tabs.sessions_view
    return [tree_item(view, r).text(0)[:10] for r in range(view.topLevelItemCount())]


def waiting(window: MainWindow) -> bool:
    """Whether the Sessions list still waits for its tab to show (read afresh each time: mypy would
    otherwise keep what an earlier assertion narrowed it to across the click that fills it)."""
    return not window.chart.tabs.sessions_tab.listed


def test_the_list_is_filled_when_its_tab_is_clicked(qtbot: QtBot, clinic: dict[str, int], window: MainWindow) -> None:
    enter_on(window, clinic[AMIT])
    tabs = window.chart.tabs
    assert tabs.currentIndex() == ChartTab.INTAKE
    assert tabs.tabText(ChartTab.SESSIONS).replace("&", "") == "Sessions (3)"  # counted at once
    assert waiting(window)  # the rows wait for the tab
    click_tab(tabs, ChartTab.SESSIONS)
    assert not waiting(window)
    assert listed(window) == [at(12).date().isoformat(), at(26).date().isoformat(), at(40).date().isoformat()]


def test_another_chart_opened_on_another_tab_lists_its_own_sessions_when_shown(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow
) -> None:
    enter_on(window, clinic[AMIT])
    tabs = window.chart.tabs
    click_tab(tabs, ChartTab.SESSIONS)
    assert len(listed(window)) == 3
    click_tab(tabs, ChartTab.INTAKE)
    enter_on(window, clinic[JOHN])
    assert tabs.currentIndex() == ChartTab.INTAKE
    click_tab(tabs, ChartTab.SESSIONS)
    assert tree_item(tabs.sessions_view, 0).text(0) == "No sessions yet."  # John's, not Amit's left from before
    assert tabs.sessions_view.topLevelItemCount() == 1
    enter_on(window, clinic[AMIT])  # opened while the Sessions tab shows: listed at once
    assert tabs.currentIndex() == ChartTab.SESSIONS
    assert not waiting(window)
    assert len(listed(window)) == 3
