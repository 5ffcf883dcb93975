"""Running a search without freezing the window.

On a large practice a search for a common word takes a few hundred milliseconds, so for a
database file it runs in a worker thread with its own connection (a connection never crosses
threads); only the newest query's results are delivered, older ones are dropped unread. An
in-memory database cannot be opened twice, so there the search runs in the event loop.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from cst_notes.domain.access import Can
from cst_notes.domain.practitioner import Practitioner
from cst_notes.domain.search import PatientMatches
from cst_notes.services import Services
from cst_notes.ui.patients.due_worker import ReaderWorker, start_worker_thread, stop_thread

Results = list[PatientMatches]


class _Worker(ReaderWorker):
    found = Signal(int, str, object, float)  # request number, query, results, seconds taken
    failed = Signal(int, str, str)  # request number, query, message

    @Slot()
    def warm_up(self) -> None:
        if self.closed:
            return
        try:
            self._open()
        except Exception as exc:  # reported again, and handled, by the first search
            self.failed.emit(-1, "", str(exc) or type(exc).__name__)

    @Slot(int, str, object)
    def search(self, number: int, query: str, who: Practitioner | None) -> None:
        if self.closed or number != self._latest():
            return  # the window closed, or a newer query is already waiting
        try:
            services = self._open()
            services.act_as(who)  # the window's signed-in practitioner: what they may find
            start = time.perf_counter()
            results = services.search(query)
        except Exception as exc:  # the window must keep working; the user is told why search did not
            self.failed.emit(number, query, str(exc) or type(exc).__name__)
            return
        self.found.emit(number, query, results, time.perf_counter() - start)


class Searcher(QObject):
    """``search(query)``; ``found(query, results)`` follows for the newest query only."""

    found = Signal(str, object)  # query, list[PatientMatches]
    _request = Signal(int, str, object)  # number, query, the signed-in Practitioner (or None)
    _warm_up = Signal()

    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self._services = services
        self._number = 0
        self.seconds = 0.0  # how long the last delivered search took
        self._thread: QThread | None = None
        if services.path is not None:
            thread = QThread()
            thread.setObjectName("search")
            worker = _Worker(services.path, lambda: services.passphrase, lambda: self._number)
            worker.moveToThread(thread)
            self._request.connect(worker.search)
            self._warm_up.connect(worker.warm_up)
            worker.found.connect(self._delivered)
            worker.failed.connect(self._failed)
            thread.finished.connect(worker.close, Qt.ConnectionType.DirectConnection)
            self._thread, self._worker = thread, worker
            start_worker_thread(self, thread)

    @property
    def threaded(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def search(self, query: str) -> None:
        self._number += 1
        if not self._services.may(Can.SEE_PATIENTS):  # locked, or nobody signed in yet: nothing to find
            self.found.emit(query, [])
            return
        if self.threaded:
            who = None if self._services.is_locked else self._services.signed_in
            self._request.emit(self._number, query, who)
            return
        start = time.perf_counter()
        results = self._services.search(query)
        self.seconds = time.perf_counter() - start
        self.found.emit(query, results)

    def warm_up(self) -> None:
        """Open the worker's connection now, so the first search need not wait for it."""
        if self.threaded:
            self._warm_up.emit()

    def shutdown(self) -> None:
        """Stop the worker and close its connection (the window closes, or the database is replaced)."""
        if self._thread is not None:
            stop_thread(self._thread)

    def _delivered(self, number: int, query: str, results: Results, seconds: float) -> None:
        if number == self._number:
            self.seconds = seconds
            self.found.emit(query, results)

    def _failed(self, number: int, query: str, message: str) -> None:
        """The worker could not search (its connection would not open, say): search here from now on."""
        print(f"cst-notes: the background search failed ({message}); searching in the window instead", file=sys.stderr)
        self.shutdown()
        if number == self._number and query:
            self.search(query)
