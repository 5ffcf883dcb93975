"""What the main window's small lists under the patients share (the due list, the "to sign" list):
a model of plain items from the services, each with a patient and a line that describes it, and a
widget with a header that folds the list away, its counts, the table, and a redraw after changes
and when the day changes, worked out off the window's thread (``due_worker``: the list shown stays
until the new one arrives). Names follow privacy mode."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
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

from cst_notes.services import Services
from cst_notes.ui.patients.due_worker import Compute, ListWorker
from cst_notes.ui.widgets.privacy import Privacy

PATIENT_COLUMN, LINE_COLUMN = range(2)
DATE_CHECK_MS = 60 * 60 * 1000  # an hour: the list follows the calendar even if the app stays open for days
_Index = QModelIndex | QPersistentModelIndex


class PatientItem(Protocol):
    @property
    def full_name(self) -> str: ...
    def describe(self, today: dt.date) -> str: ...


Item = TypeVar("Item", bound=PatientItem)


class PatientItemsModel(QAbstractTableModel, Generic[Item]):
    """Holds the items (plain data from the services); no database access of its own. Two columns:
    the patient (initials in privacy mode) and the item's line; ``line_data`` adds a role's data."""

    def __init__(self, headers: tuple[str, str], privacy: Privacy | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.items: list[Item] = []
        self.today = dt.date.today()
        self.privacy = privacy or Privacy(parent=self)

    def set_items(self, items: list[Item], today: dt.date) -> None:
        self.beginResetModel()
        self.items, self.today = items, today
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 2:
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.privacy.name(item.full_name) if index.column() == PATIENT_COLUMN else item.describe(self.today)
        return self.line_data(item, role) if index.column() == LINE_COLUMN else None

    def line_data(self, _item: Item, _role: int) -> Any:
        """Another role's data for the item's line (a tooltip, a colour); none here."""
        return None


class FoldingList(QWidget, Generic[Item]):
    """A header with the counts (click it to fold the list away) above the items. A subclass says
    which items (``compute``, run in the worker's thread), who may see them (``allowed``), what the
    header reads (``show_counts``) and what Enter opens."""

    def __init__(
        self,
        services: Services,
        model: PatientItemsModel[Item],
        compute: Compute,
        name: str,
        tooltip: str,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.shown_on: dt.date | None = None
        self.toggle = QToolButton()
        self.toggle.setObjectName(f"{name}_toggle")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.toggled.connect(self._fold)
        self.counts = QLabel()
        self.counts.setObjectName(f"{name}_counts")
        self.model = model
        model.setParent(self)
        model.privacy.changed.connect(self.redraw_names)
        self.table = QTableView()
        self.table.setObjectName(f"{name}_list")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(PATIENT_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setSectionResizeMode(LINE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(PATIENT_COLUMN, 190)
        self.table.setToolTip(tooltip)
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
        self.worker = ListWorker(services, compute, name, self)
        self.worker.computed.connect(self.show_items)

    def allowed(self) -> bool:
        """Whether the one signed in may see the list (else it is shown empty)."""
        raise NotImplementedError

    def show_counts(self, items: list[Item]) -> None:
        raise NotImplementedError

    @property
    def pending(self) -> bool:
        """True while the list for the newest change is being worked out (the previous one is shown)."""
        return self.worker.pending or self._pending.isActive()

    def refresh(self) -> None:
        """Work the list out again: the list shown stays until the new one arrives."""
        if not self.allowed():  # nobody signed in yet, locked, or a role that may not see it
            self.worker.cancel()
            self.show_items([], self._services.today())
            return
        self.worker.request()

    def shutdown(self) -> None:
        """The window closes: stop the worker (and close its connection)."""
        self.worker.shutdown()

    def show_items(self, items: list[Item], today: dt.date) -> None:
        self.model.set_items(items, today)
        self.shown_on = today
        self.show_counts(items)

    def refresh_soon(self) -> None:
        """After a change: a list on its way is out of date; ask for a new one once the event loop is free."""
        self.worker.outdated()
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
