"""Label–field pairs that sit two to a row when there is room, and one to a row when there is not."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QWidget

from cst_notes.ui.widgets.form_fields import LABEL_WIDTH

TWO_COLUMNS_FROM = 760  # pixels wide: below this every pair has its own row


class PairGrid(QWidget):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._pairs: list[tuple[QWidget, QWidget, bool]] = []
        self._columns = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)

    def add(self, label: QWidget, field: QWidget, *, wide: bool = False) -> None:
        """Add a pair; a ``wide`` one always takes a whole row."""
        self._pairs.append((label, field, wide))
        self._layout(self._columns or 2)

    @property
    def columns(self) -> int:
        return self._columns

    def _layout(self, columns: int) -> None:
        self._columns = columns
        grid = self._grid
        for widget in [w for label, field, _ in self._pairs for w in (label, field)]:
            grid.removeWidget(widget)
        for column in range(4):
            grid.setColumnStretch(column, 0)
            grid.setColumnMinimumWidth(column, 0)
        grid.setColumnMinimumWidth(0, LABEL_WIDTH)
        grid.setColumnStretch(1, 1)
        if columns == 2:
            grid.setColumnStretch(3, 1)
        row, column = 0, 0
        for label, field, wide in self._pairs:
            if wide and column:
                row, column = row + 1, 0
            grid.addWidget(label, row, column)
            grid.addWidget(field, row, column + 1, 1, 2 * columns - 1 if wide else 1)
            if wide or columns == 1 or column:
                row, column = row + 1, 0
            else:
                column = 2

    def resizeEvent(self, event: QResizeEvent) -> None:
        columns = 2 if event.size().width() >= TWO_COLUMNS_FROM else 1
        if columns != self._columns:
            self._layout(columns)
        super().resizeEvent(event)
