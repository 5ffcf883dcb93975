"""Work that would freeze the window, done in a background thread; the newest request wins.

``Latest.run(work, deliver)`` runs ``work()`` in the app's one background thread and then calls
``deliver(result)`` in the GUI thread, but only if no newer ``run`` (or ``cancel``) came since: a
result made for choices the user has already changed is dropped unread, and a request that is
still waiting when a newer one comes is not worked at all. An exception in ``work`` is raised
again in the GUI thread (through ``failed`` when given), as if the work had been done there.

Every request of every ``Latest`` goes to one thread, one at a time: the documents (reportlab) and
the PDF pages (pdfium) are not made safe for two threads at once. The search and the due list have
their own threads (``ui.patients``), because each keeps a database connection, which never crosses
threads; what runs here takes everything it needs with it and touches no database.
"""

from __future__ import annotations

import itertools
import threading
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

T = TypeVar("T")

_pool: QThreadPool | None = None


def _stop_pool() -> None:
    """At quit: nothing waiting is started, and the running work finishes before Python goes."""
    if _pool is not None:
        _pool.clear()
        _pool.waitForDone()


def pool() -> QThreadPool:
    """The background thread (made on first use; stopped when the application quits)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setObjectName("background")
        _pool.setMaxThreadCount(1)
        _pool.setExpiryTimeout(-1)  # kept: starting a thread again costs more than keeping one
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(_stop_pool)
    return _pool


def wait_for_background(timeout_ms: int = 30_000) -> bool:
    """Wait until the background thread has nothing left to do (for tests and for quitting)."""
    return _pool is None or _pool.waitForDone(timeout_ms)


class _Relay(QObject):
    """Carries results from the background thread to the GUI thread (a queued signal). There is one,
    made in the GUI thread and kept for the life of the process."""

    done = Signal(int, int, object, object)  # the Latest's key, request number, result, exception (or None)


_relay: _Relay | None = None
# key -> the Latest it stands for, while that lives (weakly: a Latest without a parent goes with its
# last reference); used in the GUI thread only
_owners: weakref.WeakValueDictionary[int, Latest[Any]] = weakref.WeakValueDictionary()
_keys = itertools.count(1)


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
        _relay.done.connect(_arrived)
    return _relay


def _arrived(key: int, number: int, result: Any, error: Exception | None) -> None:
    owner = _owners.get(key)
    if owner is not None:
        owner._arrived(number, result, error)


class _Ticket:
    """What a job knows of the ``Latest`` that asked for it: plain Python, no Qt object. A job never
    holds the widget or its ``Latest``, so their last reference is never dropped in the background
    thread (a QObject must be deleted in its own thread, and Qt deletes a widget's children with it)."""

    def __init__(self) -> None:
        self.key = next(_keys)
        self.number = 0  # the newest request (written in the GUI thread)
        self.alive = True
        self.guard = threading.Lock()  # ``alive`` and the emit: never after the owner is gone

    def wanted(self, number: int) -> bool:  # in the background thread
        return self.alive and number == self.number

    def send(self, number: int, result: Any, error: Exception | None) -> None:  # in the background thread
        with self.guard:
            if self.alive and number == self.number:
                _the_relay().done.emit(self.key, number, result, error)

    def gone(self) -> None:  # in the GUI thread, as the owner is destroyed
        with self.guard:
            self.alive = False
        _owners.pop(self.key, None)


class _Job(QRunnable):
    def __init__(self, ticket: _Ticket, number: int, work: Callable[[], Any]) -> None:
        super().__init__()
        self._ticket, self._number, self._work = ticket, number, work

    def run(self) -> None:
        ticket = self._ticket
        if not ticket.wanted(self._number):
            return  # a newer request waits (or the owner is gone): this one is not worked out
        try:
            result, error = self._work(), None
        except Exception as exc:  # handed to the GUI thread, raised there
            result, error = None, exc
        ticket.send(self._number, result, error)


class Latest(QObject, Generic[T]):
    """One kind of background work for one widget: ``run(work, deliver)``; ``pending`` until delivered.
    ``work`` runs in the background thread: it must hold no widget or other QObject (plain data only)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._delivered = 0  # the newest request delivered (or cancelled)
        self._ticket = ticket = _Ticket()
        _the_relay()
        _owners[ticket.key] = self
        self._deliver: Callable[[T], None] = lambda _result: None
        self._failed: Callable[[Exception], None] | None = None
        self.destroyed.connect(lambda: ticket.gone())  # the lambda holds the ticket, not this object

    @property
    def _number(self) -> int:
        return self._ticket.number

    @property
    def pending(self) -> bool:
        """True while the newest request's result has not been delivered."""
        return self._delivered != self._number

    def run(
        self, work: Callable[[], T], deliver: Callable[[T], None], failed: Callable[[Exception], None] | None = None
    ) -> None:
        """``work()`` in the background, then ``deliver(result)`` here unless a newer request came since."""
        self._ticket.number += 1
        self._deliver, self._failed = deliver, failed
        pool().start(_Job(self._ticket, self._number, work))

    def cancel(self) -> None:
        """Whatever is on its way is not delivered (the widget showed something else itself)."""
        self._ticket.number += 1
        self._delivered = self._number

    def _arrived(self, number: int, result: Any, error: Exception | None) -> None:
        if number != self._number:
            return  # stale: the choices changed while it was made
        self._delivered = number
        if error is None:
            self._deliver(result)
        elif self._failed is not None:
            self._failed(error)
        else:
            raise error
