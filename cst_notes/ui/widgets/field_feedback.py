"""Inline validation feedback: a red border on each field named in a ValidationError, and its message."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from cst_notes.domain.validation import FieldError, ValidationError
from cst_notes.ui.widgets.date_edit import TypedDateField

INVALID = "invalid"  # the dynamic property the stylesheet matches
_CHECKED = "feedback_checks_on_leaving"  # a date field already connected to its feedback
ERROR_COLOUR = "#c62828"
STYLESHEET = f"""
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"],
QDateTimeEdit[invalid="true"], QAbstractSpinBox[invalid="true"] {{
    border: 2px solid {ERROR_COLOUR}; border-radius: 3px; padding: 1px;
}}
QCheckBox[invalid="true"] {{ color: {ERROR_COLOUR}; font-weight: bold; }}
QGroupBox[invalid="true"] {{ border: 2px solid {ERROR_COLOUR}; border-radius: 4px; margin-top: 1.2em; }}
QGroupBox[invalid="true"]::title {{ subcontrol-origin: margin; left: 8px; padding: 0 3px; }}
QLabel[role="field-error"] {{ color: {ERROR_COLOUR}; }}
"""


def error_label() -> QLabel:
    label = QLabel()
    label.setProperty("role", "field-error")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def form_label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose mnemonic (&) focuses ``buddy``, not the cell around it."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def with_error_label(widget: QWidget, label: QLabel) -> QWidget:
    """The widget with its (hidden) message label underneath, as one form cell."""
    cell = QWidget()
    box = QVBoxLayout(cell)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    box.addWidget(widget)
    box.addWidget(label)
    return cell


def _set_invalid(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property(INVALID)) == invalid:
        return
    widget.setProperty(INVALID, invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


class FieldFeedback:
    """Maps field names (as the domain's validation names them) to a widget and a message label."""

    def __init__(self, general: QLabel) -> None:
        self._general = general  # for errors no field on the form owns
        self._fields: dict[str, tuple[str, QWidget, QLabel]] = {}

    def add(self, field: str, caption: str, widget: QWidget, label: QLabel) -> None:
        self._fields[field] = (caption, widget, label)
        if isinstance(widget, TypedDateField) and not widget.property(_CHECKED):
            widget.setProperty(_CHECKED, True)  # once, though rows are registered again and again
            widget.left.connect(lambda w=widget: self._check(w))

    def clear(self) -> None:
        for _, widget, label in self._fields.values():
            _set_invalid(widget, False)
            label.clear()
            label.setVisible(False)
        self._general.clear()
        self._general.setVisible(False)

    def forget(self, prefix: str) -> None:
        """Drop the fields whose names start with ``prefix`` (rows that were rebuilt or removed)."""
        for field in [f for f in self._fields if f.startswith(prefix)]:
            del self._fields[field]

    def clear_field(self, field: str) -> None:
        if field not in self._fields:
            return
        _, widget, label = self._fields[field]
        _set_invalid(widget, False)
        label.setVisible(False)

    def field_of(self, widget: QWidget) -> str | None:
        """The field name ``widget`` is registered under (as the domain names it), if any."""
        return next((field for field, (_, registered, _) in self._fields.items() if registered is widget), None)

    def _check(self, widget: TypedDateField) -> None:
        """A date field was left: mark it now if its text is not a date, else take its mark away."""
        field = self.field_of(widget)
        if field is None:
            return
        problem = widget.problem() if not widget.is_empty() else ""
        if problem:
            self.mark(field, problem)
        else:
            self.clear_field(field)

    def mark(self, field: str, message: str) -> None:
        """Mark one field with ``message``, leaving the other marks as they are."""
        caption, widget, label = self._fields[field]
        _set_invalid(widget, True)
        label.setText(f"{caption} {message}.")
        label.setVisible(True)

    def typed_problems(self) -> list[FieldError]:
        """Date fields whose text is not a date (never guessed): saving waits until they are put right.

        Fields hidden or disabled (a guardian's consent date for an adult, say) do not count.
        """
        problems = []
        for field, (_, widget, _) in self._fields.items():
            if isinstance(widget, TypedDateField) and widget.isEnabled() and widget.isVisibleTo(widget.window()):
                problem = widget.problem()
                if problem:
                    problems.append(FieldError(field, problem))
        return problems

    def raise_if_typed_problems(self) -> None:
        problems = self.typed_problems()
        if problems:
            raise ValidationError(problems)

    def show(self, errors: Iterable[FieldError]) -> QWidget | None:
        """Mark every field named; returns the first marked widget, to give it the focus."""
        self.clear()
        first: QWidget | None = None
        general: list[str] = []
        for error in errors:
            if error.field not in self._fields:
                general.append(str(error))
                continue
            caption, widget, label = self._fields[error.field]
            _set_invalid(widget, True)
            text = f"{caption} {error.message}."
            label.setText(f"{label.text()}\n{text}" if not label.isHidden() else text)
            label.setVisible(True)
            first = first or widget
        if general:
            self._general.setText("\n".join(general))
            self._general.setVisible(True)
        return first

    def message(self, field: str) -> str:
        """The message shown for ``field`` ('' if none): what the user reads."""
        _, _, label = self._fields[field]
        return "" if label.isHidden() else label.text()

    def is_marked(self, field: str) -> bool:
        _, widget, _ = self._fields[field]
        return bool(widget.property(INVALID))
