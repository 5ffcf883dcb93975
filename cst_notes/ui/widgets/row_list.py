"""What every editable list of rows in a form shares (medications, goals, still points…): the
rows one under another, "None recorded." when there are none, the Tab order running through the
rows, each row's Remove button, and Ctrl+Delete on the row with the focus."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel, QToolButton, QVBoxLayout, QWidget

from cst_notes.ui.widgets.field_feedback import FieldFeedback
from cst_notes.ui.widgets.keys import key_shortcut


class RowWidget(QWidget):
    """One row: its fields in Tab order (``focus_chain``), then its Remove button."""

    remove_button: QToolButton

    def focus_chain(self) -> list[QWidget]:
        raise NotImplementedError


Row = TypeVar("Row", bound=RowWidget)


class RowList(QWidget, Generic[Row]):
    """The rows of one list; ``field`` names it for the feedback (``medications[1].dose``).

    A subclass puts ``empty_label`` and ``rows_box`` in its layout, gives the widget the Tab order
    comes from before the first row (``first_anchor``), says what removing a row does to the focus
    (``remove_row``) and names the rows' fields for the feedback (``register``)."""

    edited = Signal()

    def __init__(self, field: str, feedback: FieldFeedback, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName(field)
        self.field = field
        self._feedback = feedback
        self._rows: list[Row] = []
        self.empty_label = QLabel("None recorded.")
        self.empty_label.setStyleSheet("color: #757575; font-style: italic;")
        self.rows_box = QVBoxLayout()
        self.rows_box.setContentsMargins(0, 0, 0, 0)
        self.rows_box.setSpacing(4)
        # this list only
        key_shortcut(self, "remove_row", self._remove_focused_row, Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def row_count(self) -> int:
        return len(self._rows)

    def first_anchor(self) -> QWidget:
        raise NotImplementedError

    def remove_row(self, index: int) -> None:
        raise NotImplementedError

    def register(self) -> None:
        """Name each row's fields for the feedback by their place (``events[1].note``), as rows come and go."""
        raise NotImplementedError

    def _append(self, row: Row) -> Row:
        anchor = self._rows[-1].remove_button if self._rows else self.first_anchor()
        self._rows.append(row)
        self.rows_box.addWidget(row)
        if self.isVisible():
            row.show()  # now, not at the next event loop pass: focus and Tab need it
        for widget in row.focus_chain():
            QWidget.setTabOrder(anchor, widget)
            anchor = widget
        row.remove_button.clicked.connect(lambda: self.remove_row(self._rows.index(row)))
        return row

    def _take(self, index: int) -> None:
        row = self._rows.pop(index)
        self.rows_box.removeWidget(row)
        row.hide()
        row.deleteLater()
        self.register()
        self._update_empty()

    def _remove_focused_row(self) -> None:
        focused = QApplication.focusWidget()
        for n, row in enumerate(self._rows):
            if focused is not None and row.isAncestorOf(focused):
                self.remove_row(n)
                return

    def _update_empty(self) -> None:
        self.empty_label.setVisible(not self._rows)
