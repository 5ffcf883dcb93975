"""A table with one column per session: what each row is (and how it changed) stays in view on the
left while the sessions scroll sideways, the latest sessions shown first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from cst_notes import reports

ROW_PX = 24
HEADER_PX = 40  # two lines: day and month
CELL_PX = 36


@dataclass(frozen=True)
class Cell:
    text: str = ""
    background: str = ""  # a colour name, or "" for none
    tooltip: str = ""
    foreground: str = ""
    bold: bool = False


@dataclass(frozen=True)
class TableRow:
    label: str
    change: Cell  # the row's summary: first against latest
    cells: tuple[Cell, ...]  # one per session
    tooltip: str = ""


def _item(cell: Cell, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter) -> QTableWidgetItem:
    item = QTableWidgetItem(cell.text)
    item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    if cell.background:
        item.setBackground(QBrush(QColor(cell.background)))
    if cell.foreground:
        item.setForeground(QBrush(QColor(cell.foreground)))
    if cell.bold:
        font = QFont()
        font.setBold(True)
        item.setFont(font)
    if cell.tooltip:
        item.setToolTip(cell.tooltip)
    return item


def _table(parent: QWidget) -> QTableWidget:
    table = QTableWidget(parent)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setFrameShape(QFrame.Shape.NoFrame)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(ROW_PX)
    table.horizontalHeader().setFixedHeight(HEADER_PX)
    table.horizontalHeader().setHighlightSections(False)
    table.setWordWrap(False)
    return table


class SessionTable(QFrame):
    """``show_rows(days, rows)``: a left table (row label, change) and a right one (a column per day)."""

    def __init__(self, label_title: str, change_title: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.left = _table(self)
        self.left.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.left.setColumnCount(2)
        self.left.setHorizontalHeaderLabels([label_title, change_title])
        self.left.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.right = _table(self)
        self.right.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.right.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.right.horizontalHeader().setDefaultSectionSize(CELL_PX)
        self.right.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.right.horizontalScrollBar().rangeChanged.connect(self._show_latest)
        self._natural = (0, 0)  # the label and change columns' widths for their contents
        layout = QHBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(0)
        layout.addWidget(self.left, 0, Qt.AlignmentFlag.AlignTop)  # fixed size, on top
        layout.addWidget(self.right, 1)

    def show_rows(self, days: list[dt.date], rows: list[TableRow]) -> None:
        self.left.setRowCount(len(rows))
        self.right.setRowCount(len(rows))
        self.right.setColumnCount(len(days))
        for column, day in enumerate(days):
            header = QTableWidgetItem(reports.axis_date(day).replace(" ", "\n"))  # as on the chart's axis
            header.setToolTip(day.isoformat())
            self.right.setHorizontalHeaderItem(column, header)
        for n, row in enumerate(rows):
            label = _item(Cell(row.label, tooltip=row.tooltip), Qt.AlignmentFlag.AlignLeft)
            self.left.setItem(n, 0, label)
            self.left.setItem(n, 1, _item(row.change, Qt.AlignmentFlag.AlignLeft))
            for column, cell in enumerate(row.cells):
                self.right.setItem(n, column, _item(cell))
        self.left.resizeColumnsToContents()
        for column in range(2):
            self.left.setColumnWidth(column, self.left.columnWidth(column) + 12)
        self._natural = (self.left.columnWidth(0), self.left.columnWidth(1))
        body = HEADER_PX + ROW_PX * len(rows) + 2
        self.left.setFixedHeight(body)
        self.right.setFixedHeight(body + self.right.horizontalScrollBar().sizeHint().height())
        self.setFixedHeight(self.right.height() + 2)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Only whole session columns on screen: the label column takes the odd pixels, so the
        sessions' part is a whole number of columns wide (scrolled to the latest)."""
        labels, change = self._natural
        column = self.right.horizontalHeader().defaultSectionSize()  # the style may widen CELL_PX
        room = self.contentsRect().width() - 2 - labels - change  # inside the frame and the margins
        spare = room % column if room < column * self.right.columnCount() else 0
        self.left.setColumnWidth(0, labels + spare)
        self.left.setFixedWidth(labels + spare + change)
        self._show_latest()

    def _show_latest(self) -> None:
        bar = self.right.horizontalScrollBar()
        bar.setValue(bar.maximum())

    def cell_texts(self) -> list[list[str]]:
        """Each row as [label, change, cell, cell, ...] (for tests and the screen reader's eye)."""
        out = []
        for r in range(self.left.rowCount()):
            items = [self.left.item(r, c) for c in range(2)]
            items += [self.right.item(r, c) for c in range(self.right.columnCount())]
            out.append([i.text() if i is not None else "" for i in items])
        return out
