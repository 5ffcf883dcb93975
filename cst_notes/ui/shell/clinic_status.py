"""The status bar's word about the clinic (issue 17), on a laptop joined to a clinic server: when it
last synced, how many changes wait to be pushed, and whether the server answers. Working offline
is normal: it is said here, calmly, never in a dialog.

The laptop's part (last sync, changes waiting) is read from this laptop's database on the window's
thread after every change. Whether the server answers is asked in a worker thread (the network is
never on the window's thread; a short wait), at start and every minute; the worker touches no
SQLite connection. ``cst_notes.services.clinic`` (psycopg) is imported only there, and only for a
laptop joined to a clinic: a laptop of its own never loads it.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel

from cst_notes.domain.access import Can
from cst_notes.domain.clinic import CLINIC_PASSWORD_ENV, ClinicLink, SyncStatus
from cst_notes.services import Services
from cst_notes.ui.patients.due_worker import stop_thread

ASK_EVERY_MS = 60_000  # how often the server is asked whether it answers


def clinic_words(status: SyncStatus, now: dt.datetime) -> tuple[str, str]:
    """The status bar's text about the clinic and its tooltip (the one place of this wording).
    ``now`` is the local time; ``status.last_synced`` is shown in it."""
    if status.last_synced is None:
        synced = "not synced yet"
    else:
        at = status.last_synced.astimezone(now.tzinfo)
        synced = f"synced {at:%H:%M}" if at.date() == now.date() else f"synced {at.day} {at:%b %H:%M}"
    n = status.changes_waiting
    waiting = "no changes waiting" if n == 0 else "1 change waiting" if n == 1 else f"{n} changes waiting"
    kept = (
        "Nothing is lost: this laptop keeps working, and its changes wait here for the next sync."
        if n
        else "Nothing is lost: this laptop keeps working."
    )
    if status.reachable is False:
        last = "not synced yet" if status.last_synced is None else f"last {synced}"
        tip = f"The clinic server does not answer: {status.reason or 'no reason given'}. {kept}"
        return f"Clinic: working offline · {last} · {waiting}", tip
    if status.reachable and status.reason:  # it answered, and refused
        tip = f"The clinic server answered and refused: {status.reason}. {kept}"
        return f"Clinic: the server refused · {synced} · {waiting}", tip
    if status.reachable is None:
        return f"Clinic: {synced} · {waiting}", "Asking the clinic server whether it answers…"
    return f"Clinic: {synced} · {waiting}", "The clinic server answers."


class _Asker(QObject):
    """Lives in the worker thread: asks the server, touching no SQLite connection."""

    answered = Signal(int, bool, str)  # request number, reachable, reason

    @Slot(int, object, object)
    def ask(self, number: int, link: ClinicLink, password: str | None) -> None:
        from cst_notes.services import clinic  # psycopg: loaded only for a laptop joined to a clinic

        try:
            reachable, reason = clinic.server_answers(link, password)
        except Exception as exc:  # the window must keep working: an unexpected failure reads as offline
            reachable, reason = False, str(exc) or type(exc).__name__
        self.answered.emit(number, reachable, reason)

    def close(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())


class ClinicStatus(QObject):
    """Keeps ``label`` saying the clinic's status; hidden on a laptop of its own. ``refresh()`` after
    a change; ``ask()`` asks the server again (also done at start and every ``ask_every_ms``)."""

    _request = Signal(int, object, object)  # number, ClinicLink, password
    shown = Signal(str)  # the label's new text (tests wait for it)

    def __init__(self, services: Services, label: QLabel, *, ask_every_ms: int = ASK_EVERY_MS, parent: Any = None):
        super().__init__(parent)
        self._services = services
        self.label = label
        label.setObjectName("clinic_status")
        self._reachable: bool | None = None
        self._reason = ""
        self._number = 0  # the newest request
        self._answered = 0  # the newest request answered
        self._thread: QThread | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(ask_every_ms)
        self.timer.timeout.connect(self.ask)
        if services.clinic_link() is not None:
            self._start_thread()
            self.timer.start()
            self.ask()
        self.refresh()

    def _start_thread(self) -> None:
        thread = QThread()
        thread.setObjectName("clinic status")
        asker = _Asker()
        asker.moveToThread(thread)
        self._request.connect(asker.ask)
        asker.answered.connect(self._answered_now)
        thread.finished.connect(asker.close)
        self._thread, self._asker = thread, asker
        self.destroyed.connect(lambda: stop_thread(thread))
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(lambda: stop_thread(thread))  # never a running thread at exit
        thread.start()

    @property
    def asking(self) -> bool:
        """True while the newest question to the server has no answer yet."""
        return self._answered != self._number

    def ask(self) -> None:
        """Ask the server whether it answers (in the worker; one question at a time)."""
        link = self._services.clinic_link()
        if link is None or self._thread is None or self.asking:
            return
        self._number += 1
        self._request.emit(self._number, link, os.environ.get(CLINIC_PASSWORD_ENV))

    def _answered_now(self, number: int, reachable: bool, reason: str) -> None:
        self._answered = max(self._answered, number)
        self._reachable, self._reason = reachable, reason
        self.refresh()

    def refresh(self) -> None:
        """Say the status again from this laptop's database (fast, local) and the server's last answer."""
        services = self._services
        if services.is_locked or not services.may(Can.SEE_PATIENTS) or services.clinic_link() is None:
            self.label.hide()
            return
        status = replace(services.sync_status(), reachable=self._reachable, reason=self._reason)
        text, tip = clinic_words(status, dt.datetime.now().astimezone())
        self.label.setText(text)
        self.label.setToolTip(tip)
        self.label.show()
        self.shown.emit(text)

    def shutdown(self) -> None:
        """Stop asking (the window closes); waits at most the server's short wait for an answer."""
        self.timer.stop()
        if self._thread is not None:
            stop_thread(self._thread)
