"""The status bar's word about the clinic (issue 17), on a laptop joined to a clinic server: when it
last synced, how many changes wait to be pushed, and whether the server answers; and the sync in
the background (File ▸ Sync with the clinic now, and every few minutes). Working offline is normal:
it is said here, calmly, never in a dialog.

A sync (``services.clinic.sync_steps``) alternates this laptop's part and the server's: the
laptop's (one patient's records read to push, or one patient's pulled records verified and stored)
runs on the window's thread with the window's own connection and signed-in practitioner, each step
short; the server's (the network) runs in the worker thread, which holds the server connection and
never a SQLite one. A sync acts for the practitioner who started it: a lock or a sign-out stops it
between steps, what was done kept (each patient is its own transaction on both sides).

The laptop's part (last sync, changes waiting) is read from this laptop's database on the window's
thread after every change. Whether the server answers is asked in a worker thread (the network is
never on the window's thread; a short wait), at start and every minute; the worker touches no
SQLite connection. ``cst_notes.services.clinic`` (psycopg) is imported only there, and only for a
laptop joined to a clinic: a laptop of its own never loads it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel

from cst_notes.domain.access import Can
from cst_notes.domain.clinic import CLINIC_PASSWORD_ENV, ClinicLink, SyncStatus
from cst_notes.services import Changed, RecordKind, Services
from cst_notes.ui.patients.due_worker import start_worker_thread, stop_thread

ASK_EVERY_MS = 60_000  # how often the server is asked whether it answers
SYNC_EVERY_MS = 5 * 60_000  # how often the laptop syncs by itself


def syncing_words(progress: tuple[str, int, int] | None = None) -> tuple[str, str]:
    """The status bar's text and tooltip while a sync runs; ``progress``: how far it got, as the sync
    says it (``services.clinic.SyncProgress``: "pushed" or "pulled", patients done, patients to do)."""
    tip = "Pushing this laptop's changes and pulling the others'; you can keep working."
    if progress is None:
        return "Clinic: syncing…", tip
    stage, done, total = progress
    return f"Clinic: syncing… {stage} {done} of {total} patient{'' if total == 1 else 's'}", tip


def clinic_words(
    status: SyncStatus, now: dt.datetime, *, syncing: bool = False, progress: tuple[str, int, int] | None = None
) -> tuple[str, str]:
    """The status bar's text about the clinic and its tooltip (the one place of this wording).
    ``now`` is the local time; ``status.last_synced`` is shown in it. ``syncing``: a sync runs, and
    ``progress`` says how far it got (``syncing_words``)."""
    if syncing:
        return syncing_words(progress)
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
    if status.conflicts:
        n = status.conflicts
        waiting += " · 1 conflict to resolve" if n == 1 else f" · {n} conflicts to resolve"
    n = len(status.refused)
    waiting += "" if not n else " · 1 patient refused" if n == 1 else f" · {n} patients refused"
    n = len(status.left)
    waiting += "" if not n else " · 1 record left on the server" if n == 1 else f" · {n} records left on the server"
    text, tip = _sync_words(status, synced, waiting, kept)
    if status.conflicts:
        whose = "One patient's" if status.conflicts == 1 else f"{status.conflicts} patients'"
        tip += (
            f" {whose} details changed here and on another laptop: both versions are kept until you"
            " choose (File ▸ Resolve clinic conflicts…)."
        )
    if status.refused:
        tip += "\n\nRefused by the last sync, nothing of it taken (ask the clinic's owner):" + _listed(status.refused)
    if status.left:
        tip += "\n\nLeft on the clinic server by the last sync:" + _listed(status.left)
    return text, tip


def _listed(reasons: tuple[str, ...], shown: int = 5) -> str:
    more = len(reasons) - shown
    return "".join(f"\n• {r}" for r in reasons[:shown]) + (f"\n… and {more} more" if more > 0 else "")


def _sync_words(status: SyncStatus, synced: str, waiting: str, kept: str) -> tuple[str, str]:
    """The text and tooltip by whether the server answered (``clinic_words`` adds the conflicts)."""
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


class _Worker(QObject):
    """Lives in the worker thread: the server's side of asking and syncing; touches no SQLite connection."""

    answered = Signal(int, bool, str)  # request number, reachable, reason
    done = Signal(object)  # a sync step's result
    failed = Signal(bool, str)  # the server answered (it refused) or not, and why

    def __init__(self) -> None:
        super().__init__()
        self._session: Any = None  # services.clinic.ServerSession of the sync under way

    @Slot(int, object, object)
    def ask(self, number: int, link: ClinicLink, password: str | None) -> None:
        from cst_notes.services import clinic  # psycopg: loaded only for a laptop joined to a clinic

        try:
            reachable, reason = clinic.server_answers(link, password)
        except Exception as exc:  # the window must keep working: an unexpected failure reads as offline
            reachable, reason = False, str(exc) or type(exc).__name__
        self.answered.emit(number, reachable, reason)

    @Slot(object, object, object)
    def run(self, work: Any, link: ClinicLink, password: str | None) -> None:
        """One server step of a sync (the connection opened at the first, kept for the next)."""
        from cst_notes.services import clinic

        if self._session is None:
            self._session = clinic.ServerSession(link, password)
        try:
            result = self._session.run(work)
        except Exception as exc:
            self.finish()
            answered = isinstance(exc, clinic.ClinicServerError) and not isinstance(exc, clinic.ClinicUnreachable)
            self.failed.emit(answered, str(exc) or type(exc).__name__)
            return
        self.done.emit(result)

    @Slot()
    def finish(self) -> None:
        """The sync ended: close its connection."""
        if self._session is not None:
            session, self._session = self._session, None
            with contextlib.suppress(Exception):
                session.close()

    def close(self) -> None:
        self.finish()
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())


class ClinicStatus(QObject):
    """Keeps ``label`` saying the clinic's status; hidden on a laptop of its own. ``refresh()`` after
    a change; ``ask()`` asks the server again (also done at start and every ``ask_every_ms``);
    ``sync_now()`` syncs in the background (also every ``sync_every_ms``), ``changed`` saying what
    it pulled."""

    _request = Signal(int, object, object)  # number, ClinicLink, password
    _work = Signal(object, object, object)  # a sync's server step, ClinicLink, password
    _finish = Signal()
    shown = Signal(str)  # the label's new text (tests wait for it)
    changed = Signal(object)  # a services.Changed: what a sync pulled (the window shows it)
    synced = Signal(str)  # a sync ended: what it did, or why it stopped, in words

    def __init__(
        self,
        services: Services,
        label: QLabel,
        *,
        ask_every_ms: int = ASK_EVERY_MS,
        sync_every_ms: int = SYNC_EVERY_MS,
        parent: Any = None,
    ):
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
        self.sync_timer = QTimer(self)
        self.sync_timer.setInterval(sync_every_ms)
        self.sync_timer.timeout.connect(self.sync_now)
        self._steps: Any = None  # the sync under way: services.clinic.sync_steps
        self._progress: tuple[str, int, int] | None = None  # how far it got: services.clinic.SyncProgress
        self._syncing_for: Any = None  # the practitioner signed in when it started
        self._shut = False  # the window closed: an answer still on its way is dropped
        self._password: str | None = None
        if services.clinic_link() is not None:
            self._start_thread()
            self.timer.start()
            self.sync_timer.start()
            self.ask()
        self.refresh()

    def _start_thread(self) -> None:
        thread = QThread()
        thread.setObjectName("clinic status")
        worker = _Worker()
        worker.moveToThread(thread)
        self._request.connect(worker.ask)
        self._work.connect(worker.run)
        self._finish.connect(worker.finish)
        worker.answered.connect(self._answered_now)
        worker.done.connect(self._step_done)
        worker.failed.connect(self._sync_failed)
        thread.finished.connect(worker.close, Qt.ConnectionType.DirectConnection)  # in the thread, as it ends
        self._thread, self._worker = thread, worker
        start_worker_thread(self, thread)

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
        if self._shut:
            return
        self._answered = max(self._answered, number)
        self._reachable, self._reason = reachable, reason
        self.refresh()

    @property
    def syncing(self) -> bool:
        return self._steps is not None

    def sync_now(self) -> bool:
        """Push this laptop's changes and pull the others': the server's steps in the worker, this
        laptop's (each short) here, with the window's connection and signed-in practitioner. False
        when there is nothing to do it with (no clinic, no one signed in) or a sync is under way."""
        services = self._services
        link = services.clinic_link()
        if link is None or self._thread is None or self._steps is not None:
            return False
        if services.is_locked or not services.may(Can.READ_CLINICAL):
            return False
        from cst_notes.services import clinic

        self._password = os.environ.get(CLINIC_PASSWORD_ENV)
        self._syncing_for = services.signed_in
        self._steps, self._progress = clinic.sync_steps(services, progress=self._progressed), None
        self.refresh()
        self._advance(lambda: next(self._steps))
        return True

    def _progressed(self, stage: str, done: int, total: int) -> None:
        """How far the sync under way got, said in the status bar (its database not read again)."""
        if self._shut or self._steps is None:
            return
        self._progress = (stage, done, total)
        self._say(*syncing_words(self._progress))

    def _step_done(self, result: Any) -> None:
        if self._steps is not None:
            self._advance(lambda: self._steps.send(result))

    def _advance(self, step: Callable[[], Any]) -> None:
        """This laptop's part up to the next server step, which goes to the worker. A sync acts for
        the practitioner who started it: a lock or sign-out in between stops it (what was done is kept)."""
        services = self._services
        if services.is_locked or services.signed_in != self._syncing_for:
            self._stop_sync(None, "the sync stopped: the screen was locked or another practitioner signed in")
            return
        try:
            work = step()
        except StopIteration as finished:
            self._steps = None
            self._finish.emit()
            self._sync_ended(finished.value)
            return
        except Exception as exc:  # refused by this laptop (a lock, a permission): the sync stops, calmly
            self._stop_sync(None, str(exc) or type(exc).__name__)
            return
        link = self._services.clinic_link()
        self._work.emit(work, link, self._password)

    def _sync_ended(self, done: Any) -> None:
        self._reachable, self._reason = True, ""
        pulled = done.pulled
        if pulled.patient_uids:
            ids = self._services.patient_ids_of(pulled.patient_uids)
            kinds = frozenset({RecordKind.PATIENT, RecordKind.SESSION, RecordKind.PRACTITIONER})
            self.changed.emit(Changed(kinds, ids))
        if pulled.settings:  # the clinic's letterhead, paper or retention, as its owners set them
            self.changed.emit(Changed(frozenset({RecordKind.SETTINGS})))
        self.refresh()
        self.synced.emit(done.words())

    def _sync_failed(self, answered: bool, reason: str) -> None:
        if self._steps is not None:
            self._stop_sync(answered, reason)

    def _stop_sync(self, answered: bool | None, reason: str) -> None:
        """The sync stopped (the server stopped answering or refused; None: this laptop stopped it,
        the server's last answer stands): what was done is kept."""
        if self._steps is not None:
            self._steps.close()
            self._steps = None
        self._finish.emit()
        if answered is not None:
            self._reachable, self._reason = answered, reason
        self.refresh()
        self.synced.emit(reason)

    def refresh(self) -> None:
        """Say the status again from this laptop's database (fast, local) and the server's last answer."""
        services = self._services
        if self._shut:
            return
        if services.is_locked or not services.may(Can.SEE_PATIENTS) or services.clinic_link() is None:
            self.label.hide()
            return
        status = replace(services.sync_status(), reachable=self._reachable, reason=self._reason)
        now = dt.datetime.now().astimezone()
        self._say(*clinic_words(status, now, syncing=self._steps is not None, progress=self._progress))
        self.label.show()

    def _say(self, text: str, tip: str) -> None:
        self.label.setText(text)
        self.label.setToolTip(tip)
        self.shown.emit(text)

    def shutdown(self) -> None:
        """Stop asking and syncing (the window closes): waits for the server step under way, if any."""
        self._shut = True
        self.timer.stop()
        self.sync_timer.stop()
        if self._steps is not None:
            self._steps.close()
            self._steps = None
        if self._thread is not None:
            stop_thread(self._thread)
