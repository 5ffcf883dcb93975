"""The follow-up ("due") list on the main window: appointments and plan reviews overdue or within
7 days, and patients whose plan's frequency has passed without a session. Overdue in red.

It redraws after every change to patients, sessions or plans, and when the date changes; on a
database file the list is worked out in a worker thread (``due_worker``), the previous list shown
until the new one arrives.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from cst_notes.domain import vocabulary as V
from cst_notes.domain.access import Can
from cst_notes.domain.followup import SOON_DAYS, DueItem
from cst_notes.services import Changed, RecordKind, Services
from cst_notes.ui.patients.due_worker import DueWorker
from cst_notes.ui.patients.folding_list import FoldingList, PatientItemsModel
from cst_notes.ui.widgets.privacy import Privacy

OVERDUE = QColor("#B3261E")


class DueModel(PatientItemsModel[DueItem]):
    """The due items: the reason's plain explanation as a tooltip, overdue ones in bold red."""

    def __init__(self, privacy: Privacy | None = None, parent: Any = None) -> None:
        super().__init__(("Patient", "Due"), privacy, parent)

    def line_data(self, item: DueItem, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return V.DUE_REASONS.term(item.reason).plain
        if role == Qt.ItemDataRole.ForegroundRole and item.overdue:
            return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.FontRole and item.overdue:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def patient_id(self, row: int) -> int:
        return self.items[row].patient_id


class DueList(FoldingList[DueItem]):
    """A header with the counts (click it to fold the list away) above the list of due items."""

    patient_chosen = Signal(int)  # open the chart

    def __init__(self, services: Services, *, privacy: Privacy | None = None, parent: Any = None) -> None:
        model = DueModel(privacy)
        super().__init__(services, model, "due", "Enter or a double-click opens the patient's chart", parent)
        self.table.activated.connect(lambda index: self.patient_chosen.emit(model.patient_id(index.row())))
        self.worker = DueWorker(services, self)
        self.worker.computed.connect(self.show_items)
        self.refresh()

    @property
    def pending(self) -> bool:
        """True while the list for the newest change is being worked out (the previous one is shown)."""
        return self.worker.pending or self._pending.isActive()

    def refresh_soon(self) -> None:
        """After a change: a list on its way is out of date; ask for a new one once the event loop is free."""
        self.worker.outdated()
        self._pending.start(0)

    def refresh(self) -> None:
        """Work the list out again: the list shown stays until the new one arrives."""
        if not self._services.may(Can.SEE_PATIENTS):  # nobody signed in yet, or locked
            self.worker.cancel()
            self.show_items([], self._services.today())
            return
        self.worker.request()

    def shutdown(self) -> None:
        """The window closes: stop the worker (and close its connection)."""
        self.worker.shutdown()

    def show_counts(self, items: list[DueItem]) -> None:
        overdue = sum(1 for i in items if i.overdue)
        soon = len(items) - overdue
        self.toggle.setText(f"Due ({len(items)})")
        parts = [f"<span style='color:{OVERDUE.name()}'><b>{overdue} overdue</b></span>"] if overdue else []
        parts += [f"{soon} within {SOON_DAYS} days"] if soon else []
        self.counts.setText(" · ".join(parts) if parts else "Nothing due in the next 7 days.")

    def on_changed(self, change: Changed) -> None:
        """After a change to patients, sessions or plans: redraw once the event loop is free."""
        if change.kinds & {RecordKind.PATIENT, RecordKind.SESSION, RecordKind.PLAN}:
            self.refresh_soon()
