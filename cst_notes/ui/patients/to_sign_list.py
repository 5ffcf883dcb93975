"""The "to sign" list on the main window: every session and intake still a draft, oldest first.

Enter or a double-click opens the chart on that session or on the intake. It redraws after every
change (a note saved, signed or imported) and when the day changes (the ages it shows).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
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

from cst_notes.domain.summaries import UnsignedNote
from cst_notes.services import Changed, RecordKind, Services
from cst_notes.ui.widgets.privacy import Privacy

HEADERS = ("Patient", "Not signed")
PATIENT_COLUMN, NOTE_COLUMN = range(2)
DATE_CHECK_MS = 60 * 60 * 1000  # an hour, as the due list
_Index = QModelIndex | QPersistentModelIndex


class ToSignModel(QAbstractTableModel):
    """Holds the unsigned notes (plain data from the services); no database access of its own."""

    def __init__(self, privacy: Privacy | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[UnsignedNote] = []
        self.today = dt.date.today()
        self.privacy = privacy or Privacy(parent=self)

    def set_items(self, items: list[UnsignedNote], today: dt.date) -> None:
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
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if index.column() == PATIENT_COLUMN:
            return self.privacy.name(item.full_name)
        return item.describe(self.today)


class ToSignList(QWidget):
    """A header with the count (click it to fold the list away) above the unsigned notes."""

    session_chosen = Signal(int, int)  # patient id, session id: open the session
    intake_chosen = Signal(int)  # patient id: open the chart on the intake

    def __init__(self, services: Services, *, privacy: Privacy | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._services = services
        self.shown_on: dt.date | None = None
        self.toggle = QToolButton()
        self.toggle.setObjectName("to_sign_toggle")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.toggled.connect(self._fold)
        self.counts = QLabel()
        self.counts.setObjectName("to_sign_counts")
        self.model = ToSignModel(privacy, self)
        self.model.privacy.changed.connect(self.redraw_names)
        self.table = QTableView()
        self.table.setObjectName("to_sign_list")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(PATIENT_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setSectionResizeMode(NOTE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(PATIENT_COLUMN, 190)
        self.table.setToolTip("Enter or a double-click opens the note to sign")
        self.table.activated.connect(self._activated)
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
        items = self._services.to_sign()
        self.model.set_items(items, today)
        self.shown_on = today
        self.toggle.setText(f"To sign ({len(items)})")
        sessions = sum(1 for i in items if i.kind == RecordKind.SESSION)
        parts = [
            f"{n} {what}{'s' if n != 1 else ''}"
            for n, what in ((sessions, "session"), (len(items) - sessions, "intake"))
            if n
        ]
        self.counts.setText(", ".join(parts) + ", oldest first" if parts else "Every note is signed.")

    def on_changed(self, _change: Changed) -> None:
        """After any change: redraw once the event loop is free."""
        self._pending.start(0)

    def _activated(self, index: QModelIndex) -> None:
        item = self.model.items[index.row()]
        if item.kind == RecordKind.SESSION:
            self.session_chosen.emit(item.patient_id, item.note_id)
        else:
            self.intake_chosen.emit(item.patient_id)

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
