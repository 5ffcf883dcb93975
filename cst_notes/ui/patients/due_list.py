"""The follow-up ("due") list on the main window: appointments and plan reviews overdue or within
7 days, and patients whose plan's frequency has passed without a session. Overdue in red.

It redraws after every change to patients, sessions or plans, and when the date changes; on a
database file the list is worked out in a worker thread (``folding_list``), the previous list
shown until the new one arrives.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from cst_notes.domain import vocabulary as V
from cst_notes.domain.access import Can
from cst_notes.domain.followup import SOON_DAYS, DueItem
from cst_notes.services import Changed, RecordKind, Services
from cst_notes.ui.patients import due_worker
from cst_notes.ui.patients.folding_list import FoldingList, PatientItemsModel
from cst_notes.ui.widgets.privacy import Privacy

OVERDUE = QColor("#B3261E")


def _due_items(services: Services) -> tuple[list[DueItem], dt.date]:
    """``due_worker.due_items``, looked up at each run (a test wraps it)."""
    return due_worker.due_items(services)


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
        tooltip = "Enter or a double-click opens the patient's chart"
        super().__init__(services, model, _due_items, "due", tooltip, parent)
        self.table.activated.connect(lambda index: self.patient_chosen.emit(model.patient_id(index.row())))
        self.refresh()

    def allowed(self) -> bool:
        return self._services.may(Can.SEE_PATIENTS)

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
