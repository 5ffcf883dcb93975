"""Editable rows for a list in a form (medications, surgeries, goals…): Insert adds, Ctrl+Delete removes.

Each cell is registered with the form's ``FieldFeedback`` under the domain's path, e.g.
``medications[1].name``, so that an error names the very cell it is about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain.vocabulary import Vocabulary
from cst_notes.ui.widgets.code_combo import CodeComboBox
from cst_notes.ui.widgets.date_edit import DateField
from cst_notes.ui.widgets.field_feedback import FieldFeedback, error_label
from cst_notes.ui.widgets.form_fields import watch
from cst_notes.ui.widgets.keys import key_shortcut
from cst_notes.ui.widgets.row_list import RowList, RowWidget

TEXT, DATE, CODE = "text", "date", "code"


@dataclass(frozen=True)
class Column:
    name: str  # the domain field, e.g. "dose"
    caption: str  # the column heading
    kind: str = TEXT
    vocabulary: Vocabulary | None = None  # for CODE
    default: str = ""  # for CODE: the code a new row starts with ('' = "Choose…")
    width: int = 0  # fixed width in pixels; 0 stretches
    placeholder: str = ""


class _Row(RowWidget):
    def __init__(self, columns: Sequence[Column], today: dt.date) -> None:
        super().__init__()
        self.cells: dict[str, QWidget] = {}
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        for column in columns:
            cell = _make_cell(column, today)
            if column.width:
                cell.setFixedWidth(column.width)
            line.addWidget(cell, 0 if column.width else 1)
            self.cells[column.name] = cell
        self.remove_button = QToolButton()
        self.remove_button.setText("Remove")
        self.remove_button.setToolTip("Remove this row (Ctrl+Delete)")
        line.addWidget(self.remove_button)
        self.message = error_label()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(line)
        box.addWidget(self.message)

    def focus_chain(self) -> list[QWidget]:
        return [*self.cells.values(), self.remove_button]


def _make_cell(column: Column, today: dt.date) -> QWidget:
    if column.kind == DATE:
        return DateField(earliest=dt.date(1900, 1, 1), latest=today, anchor=today, today=today)
    if column.kind == CODE:
        assert column.vocabulary is not None
        combo = CodeComboBox(column.vocabulary, placeholder="Choose…")
        combo.set_code(column.default)
        return combo
    edit = QLineEdit()
    edit.setPlaceholderText(column.placeholder)
    return edit


def _value(widget: QWidget) -> Any:
    if isinstance(widget, DateField):
        return widget.value()
    if isinstance(widget, CodeComboBox):
        return widget.code()
    assert isinstance(widget, QLineEdit)
    return widget.text().strip()


def _set_value(widget: QWidget, value: Any) -> None:
    if isinstance(widget, DateField):
        widget.set_value(value if isinstance(value, dt.date) else None)
    elif isinstance(widget, CodeComboBox):
        widget.set_code(value or "")
    elif isinstance(widget, QLineEdit):
        widget.setText(value or "")


class RowsEditor(RowList[_Row]):
    def __init__(
        self,
        field: str,
        item: str,
        columns: Sequence[Column],
        *,
        feedback: FieldFeedback,
        today: dt.date,
        title: str = "",
    ) -> None:
        """``field``: the list's path ("medications"); ``item``: one row's name in messages ("Medication")."""
        super().__init__(field, feedback)
        self.item = item
        self._columns = tuple(columns)
        self._today = today

        self.title_label = QLabel(title)
        self.title_label.setStyleSheet("font-weight: bold;")
        self.add_button = QPushButton(f"Add {item.lower()}")
        self.add_button.setObjectName(f"add_{field}")
        self.add_button.setToolTip(f"Add a {item.lower()} (Insert)")
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title_label)
        top.addStretch(1)
        top.addWidget(self.add_button)
        self.header = QWidget()
        heads = QHBoxLayout(self.header)
        heads.setContentsMargins(0, 0, 0, 0)
        for column in self._columns:
            head = QLabel(column.caption)
            head.setStyleSheet("color: #555;")
            if column.width:
                head.setFixedWidth(column.width)
            heads.addWidget(head, 0 if column.width else 1)
        heads.addSpacing(self.add_button.sizeHint().width() // 2 + 20)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.header)
        layout.addLayout(self.rows_box)
        layout.addWidget(self.empty_label)

        # this list only
        key_shortcut(self, "add_row", lambda: self.add_row(focus=True), Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._update_empty()

    # --- rows -------------------------------------------------------------------------------

    def first_anchor(self) -> QWidget:
        return self.add_button

    def cell(self, row: int, name: str) -> QWidget:
        return self._rows[row].cells[name]

    def remove_button(self, row: int) -> QToolButton:
        return self._rows[row].remove_button

    def focus_chain(self) -> list[QWidget]:
        return [self.add_button, *(w for row in self._rows for w in row.focus_chain())]

    def rows(self) -> list[dict[str, Any]]:
        """Each row's values: stripped text, a date or None, a code or ''."""
        return [{name: _value(w) for name, w in row.cells.items()} for row in self._rows]

    def set_rows(self, rows: Sequence[Mapping[str, Any]]) -> None:
        while self._rows:
            self._take(0)
        for values in rows:
            self.add_row(values)
        self.edited.emit()

    def add_row(self, values: Mapping[str, Any] | None = None, *, focus: bool = False) -> int:
        row = _Row(self._columns, self._today)
        for name, value in (values or {}).items():
            if name in row.cells:
                _set_value(row.cells[name], value)
        self._append(row)
        for name, widget in row.cells.items():
            watch(widget, self.edited.emit)
            watch(widget, self._clearer(row, name))
        self._update_empty()
        self.register()  # a date cell is checked as soon as it is left
        if focus:
            next(iter(row.cells.values())).setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit()
        return len(self._rows) - 1

    def remove_row(self, index: int) -> None:
        self._take(index)
        if self._rows:
            following = self._rows[min(index, len(self._rows) - 1)]
            next(iter(following.cells.values())).setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit()

    def _update_empty(self) -> None:
        self.header.setVisible(bool(self._rows))
        super()._update_empty()

    # --- errors ---------------------------------------------------------------------------

    def _clearer(self, row: _Row, name: str) -> Callable[[], None]:
        return lambda: self._feedback.clear_field(self._path(row, name))

    def _path(self, row: _Row, name: str) -> str:
        return f"{self.field}[{self._rows.index(row)}].{name}" if row in self._rows else ""

    def register(self) -> None:
        """Name each cell for the feedback by its current row: call before showing errors."""
        self._feedback.forget(f"{self.field}[")
        for n, row in enumerate(self._rows):
            for column in self._columns:
                caption = f"{self.item} {n + 1}: {column.caption.lower()}"
                self._feedback.add(f"{self.field}[{n}].{column.name}", caption, row.cells[column.name], row.message)
