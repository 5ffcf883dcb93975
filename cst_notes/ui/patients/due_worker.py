"""Working out the main window's small lists (the due list, the "to sign" list) without freezing it.

On a large practice each list takes tens of milliseconds, and it is worked out again after every
change, so for a database file it runs in a worker thread with its own read-only connection
(a connection never crosses threads). Each request has a number (a generation): the worker skips a
request when a newer one waits (a burst of changes is worked out once), and only the newest
request's list is delivered, so a list older than the last change is never shown. An in-memory
database cannot be opened twice: there the list is worked out in the event loop.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from cst_notes.domain.followup import SOON_DAYS, DueItem
from cst_notes.domain.practitioner import Practitioner
from cst_notes.services import Services

# The worker waits this long before working a list out: a burst of changes is worked out once, and
# its Python does not compete (for the interpreter's lock) with the window's own redrawing right
# after the change, which would stretch it.
COALESCE_MS = 200


def due_items(services: Services) -> tuple[list[DueItem], dt.date]:
    """The due list and the day it is for (the one computation, wherever it runs)."""
    return services.due(SOON_DAYS), services.today()


class ReaderWorker(QObject):
    """Lives in a worker thread with its own read-only connection, opened on the first request and
    closed as the thread finishes (``close``). Closed, it opens nothing again: a request that was
    still queued when the thread stopped is handed back to the main thread with the object, and
    must not open a connection there that nothing would close."""

    def __init__(self, path: Path, key: Callable[[], str | None], latest: Callable[[], int]) -> None:
        super().__init__()
        self._path, self._key, self._latest = path, key, latest
        self._services: Services | None = None
        self._opened_with: str | None = None
        self.closed = False

    def _open(self) -> Services:
        key = self._key()  # the window's key of now: a re-key (a practitioner disabled) changes it
        if self._services is not None and key != self._opened_with:
            self._services.close()
            self._services = None
        if self._services is None:  # read-only, and unchecked: the window's own connection checks the file
            self._services = Services.open_reader(self._path, key=key)
            self._opened_with = key
        return self._services

    def close(self) -> None:
        """In the worker thread as it finishes: close the connection, hand the object back to the main thread."""
        self.closed = True
        if self._services is not None:
            self._services.close()
            self._services = None
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())


# What a list is worked out by: the services to read (the worker's own, in its thread) to the items
# and the day they are for. It touches no widget.
Compute = Callable[[Services], tuple[list[Any], dt.date]]


class _Worker(ReaderWorker):
    computed = Signal(int, object, object)  # request number, the items, the day
    failed = Signal(int, str)  # request number, message

    def __init__(self, path: Path, key: Callable[[], str | None], latest: Callable[[], int], compute: Compute) -> None:
        super().__init__(path, key, latest)
        self._compute = compute

    @Slot(int, object)
    def compute(self, number: int, who: Practitioner | None) -> None:
        if self.closed or not _pause(COALESCE_MS):
            return  # the window is closing: it shows no list any more
        if number != self._latest():
            return  # a newer change is already waiting: work out the list once, for it
        try:
            services = self._open()
            services.act_as(who)  # the window's signed-in practitioner: what they may see
            items, today = self._compute(services)
        except Exception as exc:  # the window must keep working; it works the list out itself
            self.failed.emit(number, str(exc) or type(exc).__name__)
            return
        self.computed.emit(number, items, today)


PAUSE_STEP_MS = 10


def _pause(ms: int) -> bool:
    """Sleep ``ms`` in the worker thread, waking early when it is asked to stop; False if it was."""
    thread = QThread.currentThread()
    for _ in range(0, ms, PAUSE_STEP_MS):
        if thread.isInterruptionRequested():
            return False
        QThread.msleep(PAUSE_STEP_MS)
    return not thread.isInterruptionRequested()


def stop_thread(thread: QThread) -> None:
    """Let a worker's ``thread`` finish and wait for it (nothing when Qt has already deleted it): work
    it is waiting to do is dropped (the window closes)."""
    try:
        running = thread.isRunning()
    except RuntimeError:  # Qt has already deleted it (the interpreter is shutting down)
        return
    if running:
        thread.requestInterruption()
        thread.quit()
        thread.wait()


def start_worker_thread(owner: QObject, thread: QThread) -> None:
    """Start a worker's ``thread``, stopped (``stop_thread``) when ``owner`` goes or the app quits:
    never a running thread at exit."""
    owner.destroyed.connect(lambda: stop_thread(thread))
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(lambda: stop_thread(thread))
    thread.start()


class ListWorker(QObject):
    """``request()``; ``computed(items, today)`` follows for the newest request only. ``compute``
    works the list out; ``name`` names the thread."""

    computed = Signal(object, object)  # the items, dt.date
    _request = Signal(int, object)  # number, the signed-in Practitioner (or None)

    def __init__(self, services: Services, compute: Compute, name: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._services = services
        self._compute = compute
        self._name = name
        self._number = 0  # the newest request
        self._delivered = 0  # the newest request whose list was shown
        self._thread: QThread | None = None
        if services.path is not None:
            thread = QThread()
            thread.setObjectName(name)
            worker = _Worker(services.path, lambda: services.passphrase, lambda: self._number, compute)
            worker.moveToThread(thread)
            self._request.connect(worker.compute)
            worker.computed.connect(self._computed)
            worker.failed.connect(self._failed)
            thread.finished.connect(worker.close, Qt.ConnectionType.DirectConnection)
            self._thread, self._worker = thread, worker
            start_worker_thread(self, thread)

    @property
    def threaded(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    @property
    def pending(self) -> bool:
        """True while the newest request's list has not arrived."""
        return self._delivered != self._number

    def request(self) -> None:
        """Work the list out again (after a change): in the worker when there is one, else now."""
        self._number += 1
        if self.threaded:
            who = None if self._services.is_locked else self._services.signed_in
            self._request.emit(self._number, who)
            return
        self._computed(self._number, *self._compute(self._services))

    def outdated(self) -> None:
        """A change was made: a list on its way is out of date, and is not shown (a request follows)."""
        self._number += 1

    def cancel(self) -> None:
        """A list on its way is not shown (the window shows another, worked out itself)."""
        self._number += 1
        self._delivered = self._number

    def shutdown(self) -> None:
        """Stop the worker and close its connection (the window closes)."""
        if self._thread is not None:
            stop_thread(self._thread)

    def _computed(self, number: int, items: list[Any], today: dt.date) -> None:
        if number == self._number:  # an older request's list is stale: dropped
            self._delivered = number
            self.computed.emit(items, today)

    def _failed(self, number: int, message: str) -> None:
        """The worker could not work the list out (its connection would not open, say): here from now on."""
        print(
            f"cst-notes: the background {self._name} list failed ({message}); working it out in the window",
            file=sys.stderr,
        )
        self.shutdown()
        if number == self._number:
            self.request()
