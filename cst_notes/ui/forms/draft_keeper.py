"""Keeps a dirty form's content as a draft, a moment after the last edit, so a crash loses little."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialog, QWidget

from cst_notes.domain.draft import Draft
from cst_notes.services import Services, StorageError
from cst_notes.ui.forms import unsaved_prompt
from cst_notes.ui.forms.unsaved_prompt import Choice
from cst_notes.ui.widgets.form_fields import watch

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


# The dialogs that take typed text keep drafts too (``keep_dialog_draft``): one per record they are for.
def session_addendum_key(session_uid: str) -> str:
    return f"addendum:session:{session_uid}"


def intake_addendum_key(patient_id: int) -> str:
    return f"addendum:intake:patient:{patient_id}"


def override_key(patient_id: int) -> str:
    """The reason to treat asked before a session starts (a contraindication, no records)."""
    return f"override:patient:{patient_id}"


def close_course_key(patient_id: int) -> str:
    return f"close_course:patient:{patient_id}"


def screening_change_key(patient_id: int, action: str) -> str:
    return f"screening:{action}:patient:{patient_id}"


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
        except (StorageError, PermissionError):  # the file busy (another program writing), or the
            self.timer.start()  # screen locked a moment ago: tried again shortly

    def discard(self) -> None:
        """The form was saved or its changes thrown away: no draft is left."""
        self.timer.stop()
        if self.key:
            self._services.discard_draft(self.key)


class DraftDialog(QDialog):
    """A dialog whose typed text can be kept as a draft: what it holds, and filling it back in.
    Once its draft is kept, Esc or Cancel with something typed asks first (Save, Discard, Cancel),
    as closing any form does: a typed addendum is not lost to a stray Esc."""

    opened: dict[str, Any] | None = None  # the content it opened with, once its draft is kept

    def reject(self) -> None:
        if self.opened is not None and self.isVisible() and self.content() != self.opened:
            choice = unsaved_prompt.ask_unsaved(self, f"“{self.windowTitle()}”")
            if choice is Choice.CANCEL:
                return
            if choice is Choice.SAVE:
                self.accept()  # the dialog's own checks: what they refuse stays on screen, the dialog open
                return
        super().reject()

    def content(self) -> dict[str, Any]:
        raise NotImplementedError

    def set_content(self, content: dict[str, Any]) -> None:
        raise NotImplementedError

    def draft_fields(self) -> Sequence[QWidget]:
        """The controls whose edits the draft follows."""
        raise NotImplementedError


def keep_dialog_draft(
    dialog: DraftDialog,
    services: Services,
    form: str,
    key: str,
    patient_id: int | None,
    *,
    restored: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
) -> DraftKeeper:
    """Keep ``dialog``'s content as the draft ``key`` while it differs from how the dialog opened,
    a moment after each edit; ``restored``: a draft's content, filled in at once (it stays kept).
    ``context``: what the draft also needs to find its record again (stored beside the content).
    Finishing the dialog on purpose (done, or cancelled) drops the draft; a crash leaves it."""
    opened = dialog.opened = dialog.content()
    keeper = DraftKeeper(
        services, form, lambda: {**(context or {}), **dialog.content()}, lambda: dialog.content() != opened, dialog
    )
    keeper.follow(key, patient_id)
    for widget in dialog.draft_fields():
        watch(widget, keeper.edited)
    dialog.finished.connect(lambda _result: keeper.discard())
    if restored is not None:
        dialog.set_content(restored)
    return keeper
