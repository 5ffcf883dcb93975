"""Background work, newest request wins: what a widget is handed back, and when."""

from __future__ import annotations

import gc
import threading

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cst_notes.ui.widgets.background import Latest, wait_for_background


def test_only_the_newest_requests_result_is_delivered(qtbot: QtBot) -> None:
    latest: Latest[str] = Latest()
    gate, delivered = threading.Event(), list[str]()
    latest.run(lambda: "first" if gate.wait(10) else "timed out", delivered.append)
    latest.run(lambda: "second", delivered.append)  # asked for while the first is still being made
    assert latest.pending
    gate.set()
    qtbot.waitUntil(lambda: not latest.pending)
    assert wait_for_background()
    qtbot.wait(20)  # anything else on its way has arrived by now
    assert delivered == ["second"]


def test_cancelled_work_is_not_delivered(qtbot: QtBot) -> None:
    latest: Latest[str] = Latest()
    gate, delivered = threading.Event(), list[str]()
    latest.run(lambda: "made" if gate.wait(10) else "timed out", delivered.append)
    latest.cancel()
    assert not latest.pending
    gate.set()
    assert wait_for_background()
    qtbot.wait(20)
    assert delivered == []


def test_a_failure_reaches_the_gui_thread(qtbot: QtBot) -> None:
    latest: Latest[int] = Latest()
    failed: list[tuple[str, bool]] = []

    def broken() -> int:
        raise ValueError("no such page")

    latest.run(
        broken,
        lambda _n: pytest.fail("nothing was made"),
        lambda exc: failed.append((str(exc), threading.current_thread() is threading.main_thread())),
    )
    qtbot.waitUntil(lambda: not latest.pending)
    assert failed == [("no such page", True)]


def test_a_job_never_holds_its_widget_so_qt_objects_go_in_the_gui_thread(qtbot: QtBot) -> None:
    """A dialog closed while its preview is being made goes in the GUI thread, not when the job ends
    in the background thread (a QObject deleted outside its own thread corrupts Qt's event queues)."""
    latest: Latest[str] = Latest()
    gate, gone_in = threading.Event(), list[int]()
    latest.destroyed.connect(lambda: gone_in.append(threading.get_ident()), Qt.ConnectionType.DirectConnection)
    latest.run(lambda: "made" if gate.wait(10) else "timed out", lambda _result: None)
    del latest  # the owner goes while its work is under way
    gc.collect()
    gate.set()
    assert wait_for_background()
    qtbot.wait(20)
    assert gone_in == [threading.get_ident()]
