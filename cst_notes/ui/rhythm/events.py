"""Still points and significance-detector moments: when (minutes into the session), how long, a note.

Keyboard: Insert adds a still point, Ctrl+Shift+Insert a significance detector, Ctrl+Delete removes the
row with the focus; Tab moves through the fields.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain import vocabulary as V
from cst_notes.domain.session import MAX_DURATION_MINUTES, SessionEvent
from cst_notes.domain.validation import SHORT_TEXT_MAX
from cst_notes.ui.widgets.code_combo import CodeComboBox
from cst_notes.ui.widgets.field_feedback import FieldFeedback, error_label
from cst_notes.ui.widgets.form_fields import watch
from cst_notes.ui.widgets.keys import key_shortcut
from cst_notes.ui.widgets.row_list import RowList, RowWidget

FIELDS = ("kind", "minute", "duration_seconds", "note")
CAPTIONS = {"kind": "kind", "minute": "minute", "duration_seconds": "duration", "note": "note"}
NOT_TIMED = "—"


class EventRow(RowWidget):
    def __init__(self, event: SessionEvent) -> None:
        super().__init__()
        self.kind = CodeComboBox(V.SESSION_EVENT_KINDS)
        self.kind.set_code(event.kind)
        self.kind.setAccessibleName("Kind")
        self.minute = QSpinBox()
        self.minute.setRange(0, MAX_DURATION_MINUTES)
        self.minute.setPrefix("at ")
        self.minute.setSuffix(" min")
        self.minute.setValue(event.minute)
        self.minute.setAccessibleName("Minutes into the session")
        self.duration = QSpinBox()
        self.duration.setRange(-1, 3600)
        self.duration.setSpecialValueText(NOT_TIMED)
        self.duration.setSuffix(" s")
        self.duration.setValue(-1 if event.duration_seconds is None else event.duration_seconds)
        self.duration.setAccessibleName("Duration in seconds")
        self.note = QLineEdit(event.note)
        self.note.setMaxLength(SHORT_TEXT_MAX)
        self.note.setPlaceholderText("Note (what happened, what was said)")
        self.remove_button = QToolButton()
        self.remove_button.setText("Remove")
        self.remove_button.setToolTip("Remove this event (Ctrl+Delete)")
        self.message = error_label()
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.kind)
        line.addWidget(self.minute)
        line.addWidget(self.duration)
        line.addWidget(self.note, 1)
        line.addWidget(self.remove_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(line)
        box.addWidget(self.message)

    def cells(self) -> dict[str, QWidget]:
        return {"kind": self.kind, "minute": self.minute, "duration_seconds": self.duration, "note": self.note}

    def focus_chain(self) -> list[QWidget]:
        return [*self.cells().values(), self.remove_button]

    def event_value(self) -> SessionEvent:
        duration = self.duration.value()
        return SessionEvent(self.kind.code(), self.minute.value(), None if duration < 0 else duration, self.note.text())


class EventsEditor(RowList[EventRow]):
    def __init__(self, feedback: FieldFeedback, default_minute: Callable[[], int], parent: Any = None) -> None:
        super().__init__("events", feedback, parent)
        self._default_minute = default_minute
        self._read_only = False
        title = QLabel("Still points and significance detector")
        title.setStyleSheet("font-weight: bold;")
        self.add_still_point_button = QPushButton("Add still &point")
        self.add_still_point_button.setToolTip("Add a still point (Insert)")
        self.add_detector_button = QPushButton("Add si&gnificance detector")
        self.add_detector_button.setToolTip("Add a significance-detector moment (Ctrl+Shift+Insert)")
        self.add_still_point_button.clicked.connect(lambda: self.add_event("still_point"))
        self.add_detector_button.clicked.connect(lambda: self.add_event("significance_detector"))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.add_still_point_button)
        top.addWidget(self.add_detector_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(self.rows_box)
        layout.addWidget(self.empty_label)
        layout.addStretch(1)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        key_shortcut(self, "add_still_point", lambda: self.add_event("still_point"), context)
        key_shortcut(self, "add_detector", lambda: self.add_event("significance_detector"), context)
        self._update_empty()

    def events(self) -> tuple[SessionEvent, ...]:
        return tuple(row.event_value() for row in self._rows)

    def set_events(self, events: Sequence[SessionEvent]) -> None:
        while self._rows:
            self._take(0)
        for event in events:
            self._add(event)
        self._update_empty()

    def row(self, n: int) -> EventRow:
        return self._rows[n]

    def first_anchor(self) -> QWidget:
        return self.add_detector_button

    def add_event(self, kind: str) -> EventRow | None:
        """A new row at the minute the session has reached; the focus goes to its minute."""
        if self._read_only:
            return None
        row = self._add(SessionEvent(kind, self._default_minute()))
        self._update_empty()
        row.minute.setFocus(Qt.FocusReason.OtherFocusReason)
        row.minute.selectAll()
        self.edited.emit()
        return row

    def remove_row(self, n: int) -> None:
        if self._read_only:
            return
        self._take(n)
        target = self._rows[min(n, len(self._rows) - 1)].minute if self._rows else self.add_still_point_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for row in self._rows:
            _lock(row, read_only)
        self._update_empty()

    def register(self) -> None:
        """Name each field for the feedback by its row (``events[1].note``), as rows come and go."""
        self._feedback.forget("events[")
        for n, row in enumerate(self._rows):
            for name, widget in row.cells().items():
                self._feedback.add(f"events[{n}].{name}", f"Event {n + 1}: {CAPTIONS[name]}", widget, row.message)

    def _add(self, event: SessionEvent) -> EventRow:
        row = self._append(EventRow(event))
        for widget in row.cells().values():
            watch(widget, self.edited.emit)
        _lock(row, self._read_only)
        self.register()
        return row

    def _update_empty(self) -> None:
        super()._update_empty()
        for button in (self.add_still_point_button, self.add_detector_button):
            button.setVisible(not self._read_only)


def _lock(row: EventRow, read_only: bool) -> None:
    for widget in (row.kind, row.minute, row.duration):
        widget.setEnabled(not read_only)
    row.note.setReadOnly(read_only)
    row.remove_button.setVisible(not read_only)
