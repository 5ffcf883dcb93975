"""The follow-up ("due") list on the main window: appointments and plan reviews overdue or within
7 days, and patients whose plan's frequency has passed without a session. Overdue in red.

It redraws after every change to patients, sessions or plans, and when the date changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain import vocabulary as V
from cst_notes.domain.followup import SOON_DAYS, DueItem
from cst_notes.services import Changed, RecordKind, Services
from cst_notes.ui.widgets.privacy import Privacy

HEADERS = ("Patient", "Due")
PATIENT_COLUMN, DUE_COLUMN = range(2)
OVERDUE = QColor("#B3261E")
DATE_CHECK_MS = 60 * 60 * 1000  # an hour: the list follows the calendar even if the app stays open for days
_Index = QModelIndex | QPersistentModelIndex


class DueModel(QAbstractTableModel):
    """Holds the due items (plain data from the services); no database access of its own."""

    def __init__(self, privacy: Privacy | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[DueItem] = []
        self.today = dt.date.today()
        self.privacy = privacy or Privacy(parent=self)

    def set_items(self, items: list[DueItem], today: dt.date) -> None:
        self.beginResetModel()
        self.items, self.today = items, today
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 2:
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == PATIENT_COLUMN:
                return self.privacy.name(item.full_name)
            return item.describe(self.today)
        if role == Qt.ItemDataRole.ToolTipRole and column == DUE_COLUMN:
            return V.DUE_REASONS.term(item.reason).plain
        if role == Qt.ItemDataRole.ForegroundRole and item.overdue and column == DUE_COLUMN:
            return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.FontRole and item.overdue and column == DUE_COLUMN:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def patient_id(self, row: int) -> int:
        return self.items[row].patient_id


class DueList(QWidget):
    """A header with the counts (click it to fold the list away) above the list of due items."""

    patient_chosen = Signal(int)  # open the chart

    def __init__(self, services: Services, *, privacy: Privacy | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._services = services
        self.shown_on: dt.date | None = None
        self.toggle = QToolButton()
        self.toggle.setObjectName("due_toggle")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.toggled.connect(self._fold)
        self.counts = QLabel()
        self.counts.setObjectName("due_counts")
        self.model = DueModel(privacy, self)
        self.model.privacy.changed.connect(self.redraw_names)
        self.table = QTableView()
        self.table.setObjectName("due_list")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(PATIENT_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setSectionResizeMode(DUE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(PATIENT_COLUMN, 190)
        self.table.setToolTip("Enter or a double-click opens the patient's chart")
        self.table.activated.connect(lambda index: self.patient_chosen.emit(self.model.patient_id(index.row())))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.toggle)
        top.addWidget(self.counts, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.timeout.connect(self.refresh)
        self._clock = QTimer(self)
        self._clock.setInterval(DATE_CHECK_MS)
        self._clock.timeout.connect(self._new_day)
        self._clock.start()
        self._fold(True)
        self.refresh()

    def refresh(self) -> None:
        today = self._services.today()
        items = self._services.due(SOON_DAYS)
        self.model.set_items(items, today)
        self.shown_on = today
        overdue = sum(1 for i in items if i.overdue)
        soon = len(items) - overdue
        self.toggle.setText(f"Due ({len(items)})")
        parts = [f"<span style='color:{OVERDUE.name()}'><b>{overdue} overdue</b></span>"] if overdue else []
        parts += [f"{soon} within {SOON_DAYS} days"] if soon else []
        self.counts.setText(" · ".join(parts) if parts else "Nothing due in the next 7 days.")

    def on_changed(self, change: Changed) -> None:
        """After a change to patients, sessions or plans: redraw once the event loop is free."""
        if change.kinds & {RecordKind.PATIENT, RecordKind.SESSION, RecordKind.PLAN}:
            self._pending.start(0)

    def _new_day(self) -> None:
        if self._services.today() != self.shown_on:
            self.refresh()

    def _fold(self, shown: bool) -> None:
        self.table.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def redraw_names(self) -> None:
        """Privacy mode was switched: the names (or initials) again."""
        if self.model.items:
            self.model.dataChanged.emit(self.model.index(0, 0), self.model.index(len(self.model.items) - 1, 0))
