"""Keeps a dirty form's content as a draft, a moment after the last edit, so a crash loses little."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from cst_notes.domain.draft import Draft
from cst_notes.services import Services, StorageError

DRAFT_DELAY_MS = 1000  # after the last keystroke


def intake_key(patient_id: int) -> str:
    return f"intake:patient:{patient_id}"


def plan_key(patient_id: int) -> str:
    return f"plan:patient:{patient_id}"


def patient_key(patient_id: int) -> str:
    return f"patient:patient:{patient_id}"


def session_key(session_uid: str) -> str:
    """A session's draft, new or saved: its uid stays the same through the first save."""
    return f"session:{session_uid}"


NEW_PATIENT_KEY = "new_patient"


class DraftKeeper(QObject):
    """Call ``edited()`` on every change; the draft is written ``DRAFT_DELAY_MS`` after the last one.

    ``content`` gives the form's fields as a JSON-ready dict; ``is_dirty`` says whether the form
    differs from what is saved (a form edited back to its saved state leaves no draft behind).
    """

    def __init__(
        self,
        services: Services,
        form: str,
        content: Callable[[], dict[str, Any]],
        is_dirty: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._form = form
        self._content = content
        self._is_dirty = is_dirty
        self.key = ""
        self.patient_id: int | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DRAFT_DELAY_MS)
        self.timer.timeout.connect(self.write_now)

    def follow(self, key: str, patient_id: int | None) -> None:
        """Keep drafts under ``key`` from now on (another patient's form, say)."""
        self.timer.stop()
        self.key, self.patient_id = key, patient_id

    def edited(self) -> None:
        if self.key:
            self.timer.start()

    def write_now(self) -> None:
        self.timer.stop()
        if not self.key:
            return
        try:
            if self._is_dirty():
                self._services.save_draft(Draft(self.key, self._form, self.patient_id, self._content()))
            else:
                self._services.discard_draft(self.key)
        except StorageError:  # the file busy (another program writing): tried again shortly
            self.timer.start()

    def discard(self) -> None:
        """The form was saved or its changes thrown away: no draft is left."""
        self.timer.stop()
        if self.key:
            self._services.discard_draft(self.key)
