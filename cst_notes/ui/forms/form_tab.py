"""A chart tab that shows a record and edits it in a form: Save, Revert, drafts and "save changes?".

Subclasses provide the read-only page, the form, and how to load and save. The form's content
(a JSON-ready dict) tells whether it changed, and is kept as a draft while the user types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from cst_notes.domain.draft import Draft
from cst_notes.domain.validation import FieldError, ValidationError
from cst_notes.services import Changed, LockedError, Services
from cst_notes.ui.forms import unsaved_prompt
from cst_notes.ui.forms.draft_content import DraftContentError
from cst_notes.ui.forms.draft_keeper import DraftKeeper
from cst_notes.ui.forms.unsaved_prompt import Choice
from cst_notes.ui.widgets.keys import key_shortcut


class FormTab(QWidget):
    changed = Signal(object)  # a services.Changed, after a save
    editing_changed = Signal(bool)

    def __init__(self, services: Services, today: Callable[[], dt.date], form_name: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._services = services
        self._today = today
        self.patient_id: int | None = None
        self.patient_name = ""
        self._baseline: dict[str, Any] = {}
        self.drafts = DraftKeeper(services, form_name, self.content, self.is_dirty, self)
        self.stack = QStackedWidget()
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName(f"save_{form_name}")
        self.save_button.setToolTip("Save (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName(f"cancel_{form_name}")
        self.cancel_button.setToolTip("Leave the form without saving (Esc)")
        self.cancel_button.clicked.connect(self.cancel)
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def build_pages(self, view: QWidget, form: QWidget, last_field: QWidget) -> None:
        """Called once by the subclass: the read-only page, and the form with Cancel / Save under it
        (Tab goes from ``last_field``, the form's last, to Cancel, then Save)."""
        self.edit_page = QWidget()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(8, 4, 8, 8)
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        box = QVBoxLayout(self.edit_page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(form, 1)
        box.addLayout(buttons)
        self.view_page = view
        self.stack.addWidget(view)
        self.stack.addWidget(self.edit_page)
        QWidget.setTabOrder(last_field, self.cancel_button)
        QWidget.setTabOrder(self.cancel_button, self.save_button)
        key_shortcut(self.edit_page, "cancel_form", self.cancel, Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # --- for subclasses ---------------------------------------------------------------------

    def content(self) -> dict[str, Any]:
        raise NotImplementedError

    def set_content(self, content: dict[str, Any]) -> None:
        raise NotImplementedError

    def load_form(self) -> None:
        """Fill the form from the stored record (or a new one)."""
        raise NotImplementedError

    def save_form(self) -> Changed:
        """Save the form through the services; raises ValidationError."""
        raise NotImplementedError

    def show_errors(self, errors: tuple[FieldError, ...]) -> None:
        raise NotImplementedError

    def what(self) -> str:
        """What the form holds, for the "save changes?" question: "the intake of …"."""
        raise NotImplementedError

    def draft_key(self, patient_id: int) -> str:
        raise NotImplementedError

    # --- state ------------------------------------------------------------------------------

    def is_editing(self) -> bool:
        return self.stack.currentWidget() is self.edit_page

    def is_dirty(self) -> bool:
        return self.is_editing() and self.content() != self._baseline

    def form_edited(self) -> None:
        """Connect the form's edits here."""
        self._update_status()
        self.drafts.edited()

    def _update_status(self) -> None:
        self.status_label.setText("Unsaved changes" if self.is_dirty() else "")

    def hideEvent(self, event: QHideEvent) -> None:
        """Another tab, or the chart closes: keep the draft now rather than in a moment."""
        if self.drafts.timer.isActive():
            self.drafts.write_now()
        super().hideEvent(event)

    def set_patient(self, patient_id: int, name: str) -> None:
        """Another patient: leave the form (the caller has asked about unsaved changes)."""
        if patient_id != self.patient_id:
            self.drafts.follow(self.draft_key(patient_id), patient_id)
            self.patient_id = patient_id
            self._show_view()
        self.patient_name = name

    def reset(self) -> None:
        """The chart was closed: no patient (the caller has asked about unsaved changes)."""
        self.patient_id = None
        self.drafts.follow("", None)
        self._show_view()

    def _show_view(self) -> None:
        was = self.is_editing()
        self.stack.setCurrentWidget(self.view_page)
        self.status_label.clear()
        if was:
            self.editing_changed.emit(False)

    def start_editing(self, content: dict[str, Any] | None = None) -> bool:
        """Open the form on the stored record, or on ``content`` (a restored draft)."""
        self.load_form()
        self._baseline = self.content()
        if content is not None:
            try:
                self.set_content(content)
            except DraftContentError:
                self.load_form()
                return False
        was = self.is_editing()
        self.stack.setCurrentWidget(self.edit_page)
        self._update_status()
        if not was:
            self.editing_changed.emit(True)
        return True

    def restore(self, draft: Draft) -> bool:
        return self.start_editing(draft.content)

    # --- actions ----------------------------------------------------------------------------

    def save(self) -> bool:
        if not self.is_editing():
            return True
        try:
            change = self.save_form()
        except ValidationError as error:
            self.status_label.setText("Not saved: please correct the fields marked in red.")
            self.show_errors(error.errors)
            return False
        except LockedError as error:  # signed meanwhile (in another window, say)
            self.status_label.setText(f"Not saved: {error}.")
            return False
        self.drafts.discard()
        self._baseline = self.content()  # saved: nothing to ask about while the chart redraws
        self.changed.emit(change)
        self._show_view()
        return True

    def discard(self) -> None:
        """Throw the changes away (and their draft)."""
        self.drafts.discard()
        self._show_view()

    def cancel(self) -> bool:
        """Esc or Cancel: leave the form, asking first if it has changes."""
        if self.confirm_leave():
            self._show_view()
            return True
        return False

    def confirm_leave(self) -> bool:
        """Before the form goes away: True if it may (saved, discarded or unchanged)."""
        if not self.is_dirty():
            if self.is_editing():
                self.drafts.discard()
            return True
        answer = unsaved_prompt.ask_unsaved(self, self.what())
        if answer is Choice.SAVE:
            return self.save()
        if answer is Choice.DISCARD:
            self.discard()
            return True
        return False
