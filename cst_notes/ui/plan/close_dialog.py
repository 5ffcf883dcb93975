"""Closing a course of care: the day, the reason and a note. The client then leaves the due list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from cst_notes.domain import vocabulary as V
from cst_notes.domain.validation import SHORT_TEXT_MAX, ValidationError
from cst_notes.services import Changed, NotFoundError
from cst_notes.ui.forms.draft_keeper import DraftDialog
from cst_notes.ui.widgets.code_combo import CodeComboBox
from cst_notes.ui.widgets.date_edit import DateField
from cst_notes.ui.widgets.field_feedback import error_label

LABELS = {"closed_on": "Closed on", "closed_reason": "Reason", "closing_note": "Note"}

# What closing does, said where it is done.
INTRO = (
    "Closing the course of care ends the current plan: no plan is in force, and the client leaves "
    "the due list. The plan stays readable in the history; a new plan opens a new course."
)

Close = Callable[[dt.date | None, str, str], Changed]


class CloseCourseDialog(DraftDialog):
    """``close`` is the services' ``close_course`` for the patient; a refusal is shown and the dialog stays."""

    def __init__(self, close: Close, today: dt.date, earliest: dt.date, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("close_course_dialog")
        self.setWindowTitle("Close the course of care")
        self.setMinimumWidth(480)
        self._close = close
        self.change: Changed | None = None
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.closed_on = DateField(earliest=earliest, latest=today, anchor=today, today=today)
        self.closed_on.setObjectName("closed_on")
        self.closed_on.set_value(today)
        self.reason = CodeComboBox(V.CLOSING_REASONS, placeholder="Choose…")
        self.reason.setObjectName("closed_reason")
        self.note = QLineEdit()
        self.note.setObjectName("closing_note")
        self.note.setMaxLength(SHORT_TEXT_MAX)
        self.note.setPlaceholderText("e.g. no reply to two messages")
        self.message = error_label()
        self.message.setObjectName("close_course_message")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton("C&lose the course", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("close_course_ok")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Closed &on", self.closed_on)
        form.addRow("&Reason", self.reason)
        form.addRow("&Note", self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.closed_on, self.reason)
        self.setTabOrder(self.reason, self.note)
        self.reason.setFocus()

    def content(self) -> dict[str, Any]:
        """As shown: the day as typed (it may not be a date yet), the reason's code, the note."""
        return {
            "closed_on": self.closed_on.text(),
            "closed_reason": self.reason.code(),
            "closing_note": self.note.text(),
        }

    def set_content(self, content: dict[str, Any]) -> None:
        self.closed_on.setText(str(content.get("closed_on") or ""))
        self.reason.set_code(str(content.get("closed_reason") or ""))
        self.note.setText(str(content.get("closing_note") or ""))

    def draft_fields(self) -> Sequence[QWidget]:
        return (self.closed_on, self.reason, self.note)

    def show_message(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))

    def accept(self) -> None:
        problem = self.closed_on.problem() if self.closed_on.text().strip() else ""
        if problem:
            self.show_message(f"Closed on: {problem}")
            self.closed_on.setFocus()
            return
        try:
            self.change = self._close(self.closed_on.value(), self.reason.code(), self.note.text())
        except ValidationError as error:
            self.show_message("; ".join(f"{LABELS.get(e.field, e.field)}: {e.message}" for e in error.errors))
            return
        except NotFoundError as error:
            self.show_message(f"Not closed: {error}.")
            return
        super().accept()
