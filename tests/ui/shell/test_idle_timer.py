"""The idle timer hears a person's input through the app's one application-wide filter
(``widgets.input_guard``): typing keeps the screen from locking, and it locks once the typing stops."""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from cst_notes.ui.shell.idle_timer import IdleTimer
from cst_notes.ui.widgets import input_guard
from tests.ui.conftest import show_active

INTERVAL_MS = 1000


def test_typing_keeps_the_idle_timer_from_firing_and_it_fires_once_the_typing_stops(qtbot: QtBot) -> None:
    field = show_active(qtbot, QLineEdit())
    timer = IdleTimer(INTERVAL_MS)
    fired: list[float] = []
    timer.idle.connect(lambda: fired.append(time.perf_counter()))
    timer.start()
    field.setFocus()
    for _ in range(25):  # 2.5 s of typing, a key every 100 ms: longer than the idle time
        qtbot.keyClick(field, Qt.Key.Key_X)
        stopped = time.perf_counter()
        qtbot.wait(100)
    assert fired == []
    assert field.text() == "x" * 25
    with qtbot.waitSignal(timer.idle, timeout=5 * INTERVAL_MS):
        pass
    assert fired
    assert fired[0] - stopped >= INTERVAL_MS / 1000 * 0.9
    timer.uninstall()


def test_a_deleted_idle_timer_is_no_longer_told_of_input(qtbot: QtBot) -> None:
    field = show_active(qtbot, QLineEdit())
    timer = IdleTimer(INTERVAL_MS)
    timer.start()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    guard = input_guard.install(app)
    assert any(ref() == timer._heard_input for ref in guard._listeners)
    del timer
    gc.collect()
    qtbot.keyClick(field, Qt.Key.Key_X)  # the dead listener is dropped, nothing raised
    assert all(ref() is not None for ref in guard._listeners)
    assert field.text() == "x"
