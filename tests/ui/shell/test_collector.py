"""Garbage is collected in the GUI thread only (``ui.shell.collector``): a Qt object caught in a
reference cycle is deleted in its own thread, never in a background thread that happened to allocate."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from cst_notes.ui.shell.collector import INTERVAL_MS, collect_if_due, due_generation
from cst_notes.ui.widgets.background import Latest, wait_for_background


def test_a_widget_in_a_cycle_goes_in_the_gui_thread_while_the_background_thread_allocates(qtbot: QtBot) -> None:
    assert not gc.isenabled()  # the application (the qapp fixture) turned automatic collection off
    collect_if_due()
    gone_in: list[int] = []
    widget = QWidget()
    widget.destroyed.connect(lambda: gone_in.append(threading.get_ident()), Qt.ConnectionType.DirectConnection)
    widget.itself = widget  # type: ignore[attr-defined]  # a cycle: only the collector can free it
    del widget
    latest: Latest[list[list[int]]] = Latest()
    kept: list[list[list[int]]] = []
    # far past every generation's threshold, made in the background thread (and kept: the counts
    # Python collects by are of objects made and not yet freed)
    latest.run(lambda: [[n] for n in range(200_000)], kept.append)
    assert wait_for_background()
    assert gone_in == []  # the background thread's allocations collected nothing
    qtbot.waitUntil(lambda: bool(kept))
    qtbot.waitUntil(lambda: bool(gone_in), timeout=INTERVAL_MS * 4)  # the GUI thread's timer collects
    assert gone_in == [threading.get_ident()]


def test_the_generation_due_is_collected_and_none_when_none_is_due() -> None:
    gc.collect()
    assert collect_if_due() is None
    garbage = [[n] for n in range(gc.get_threshold()[0] + 10)]
    assert collect_if_due() == 0
    del garbage


THRESHOLDS = (700, 10, 10)


def test_nothing_is_collected_until_the_youngest_generation_is_over_its_threshold() -> None:
    assert due_generation((700, 50, 50), THRESHOLDS, 1000, 5000) is None
    assert due_generation((701, 0, 0), THRESHOLDS, 1000, 5000) == 0


def test_the_oldest_generation_over_its_threshold_is_collected() -> None:
    assert due_generation((701, 11, 0), THRESHOLDS, 1000, 1000) == 1
    assert due_generation((701, 11, 11), THRESHOLDS, 1000, 1251) == 2
    assert due_generation((701, 0, 11), THRESHOLDS, 1000, 1251) == 2


def test_a_full_collection_waits_until_the_oldest_generation_grew_by_over_a_quarter() -> None:
    assert due_generation((701, 11, 11), THRESHOLDS, 1000, 1250) == 1  # grew by exactly a quarter
    assert due_generation((701, 0, 11), THRESHOLDS, 1000, 1250) == 0
    assert due_generation((701, 0, 11), THRESHOLDS, 1000, 900) == 0  # shrank: freed by reference counting


def test_a_threshold_of_zero_turns_collection_off() -> None:
    assert due_generation((5000, 50, 50), (0, 10, 10), 0, 10_000) is None
