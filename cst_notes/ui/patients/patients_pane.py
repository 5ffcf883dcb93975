"""Finding patients on the main window: the search panel in the patient list's place, the due
list below it, and the "to sign" list below that. Choosing a result is announced with a signal;
what opening it means is the window's."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QSplitter, QTableView

from cst_notes.services import Changed, RecordKind, Services
from cst_notes.ui.chart.tab_order import ChartTab
from cst_notes.ui.patients.due_list import DueList
from cst_notes.ui.patients.search_panel import SearchPanel
from cst_notes.ui.patients.to_sign_list import ToSignList
from cst_notes.ui.widgets.privacy import Privacy


class PatientsPane(QObject):
    """``pane``: the search panel (or patient list) above the due and to-sign lists, for the window's left side."""

    patient_chosen = Signal(int, object)  # patient id, the chart tab to show (a ChartTab, or None)
    session_chosen = Signal(int, int)  # patient id, session id

    def __init__(
        self,
        services: Services,
        filter_edit: QLineEdit,
        table: QTableView,
        *,
        privacy: Privacy,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.search = SearchPanel(services, filter_edit, table, privacy=privacy)
        self.due = DueList(services, privacy=privacy)
        self.to_sign = ToSignList(services, privacy=privacy)
        self.pane = QSplitter(Qt.Orientation.Vertical)
        self.pane.setObjectName("patients_pane")
        self.pane.addWidget(self.search)
        self.pane.addWidget(self.due)
        self.pane.addWidget(self.to_sign)
        self.pane.setStretchFactor(0, 3)
        self.pane.setStretchFactor(1, 1)
        self.pane.setStretchFactor(2, 1)
        self.pane.setChildrenCollapsible(False)
        self.search.patient_chosen.connect(lambda patient_id: self.patient_chosen.emit(patient_id, None))
        self.search.session_chosen.connect(self.session_chosen.emit)
        self.search.intake_chosen.connect(lambda patient_id: self.patient_chosen.emit(patient_id, ChartTab.INTAKE))
        self.search.plan_chosen.connect(lambda patient_id: self.patient_chosen.emit(patient_id, ChartTab.PLAN))
        self.due.patient_chosen.connect(lambda patient_id: self.patient_chosen.emit(patient_id, None))
        self.to_sign.session_chosen.connect(self.session_chosen.emit)
        self.to_sign.intake_chosen.connect(lambda patient_id: self.patient_chosen.emit(patient_id, ChartTab.INTAKE))

    def on_changed(self, change: Changed) -> None:
        if change.kinds - {RecordKind.SETTINGS, RecordKind.TECHNIQUES}:
            self.search.refresh()
        self.due.on_changed(change)
        self.to_sign.on_changed(change)

    def shutdown(self) -> None:
        """The window closes: stop the background search and lists (and close their connections)."""
        self.search.shutdown()
        self.due.shutdown()
        self.to_sign.shutdown()
