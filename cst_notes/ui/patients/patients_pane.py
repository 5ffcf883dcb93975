"""Finding patients on the main window: the search panel in the patient list's place, the due list
below it, and what choosing a result does (open the chart, the session or the intake)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter

from cst_notes.services import SETTINGS, TECHNIQUES, Changed, Services
from cst_notes.ui.chart.tab_order import INTAKE, SESSIONS
from cst_notes.ui.patients.due_list import DueList
from cst_notes.ui.patients.search_panel import SearchPanel

if TYPE_CHECKING:
    from cst_notes.ui.shell.main_window import MainWindow


class PatientsPane(QObject):
    """``pane``: the search panel (or patient list) above the due list, for the window's left side."""

    def __init__(self, window: MainWindow, services: Services) -> None:
        super().__init__(window)
        self.window = window
        privacy = lambda: window.model.privacy  # noqa: E731
        self.search = SearchPanel(services, window.filter_edit, window.table, privacy=privacy)
        self.due = DueList(services, privacy=privacy)
        self.pane = QSplitter(Qt.Orientation.Vertical)
        self.pane.setObjectName("patients_pane")
        self.pane.addWidget(self.search)
        self.pane.addWidget(self.due)
        self.pane.setStretchFactor(0, 3)
        self.pane.setStretchFactor(1, 1)
        self.pane.setChildrenCollapsible(False)
        self.search.patient_chosen.connect(self.open_patient)
        self.search.session_chosen.connect(self.open_session)
        self.search.intake_chosen.connect(lambda patient_id: self.open_patient(patient_id, INTAKE))
        self.due.patient_chosen.connect(self.open_patient)
        window.changed.connect(self._changed)

    def follow_privacy(self, action: QAction) -> None:
        """Names become initials (and back) in the results and the due list with privacy mode."""
        action.toggled.connect(self._privacy_toggled)

    def _privacy_toggled(self, _on: bool) -> None:
        self.search.redraw()
        self.due.redraw_names()

    def open_patient(self, patient_id: int, tab: int | None = None) -> bool:
        """Select the patient in the list (if shown there) and open the chart, on ``tab`` if given."""
        self.window.select_patient(patient_id)
        if not self.window.open_chart(patient_id):
            return False
        if tab is not None:
            self.window.chart.tabs.setCurrentIndex(tab)
        return True

    def open_session(self, patient_id: int, session_id: int) -> None:
        if self.open_patient(patient_id, SESSIONS):
            self.window.chart.tabs.sessions_tab.open_session(session_id)

    def _changed(self, change: Changed) -> None:
        if change.kinds - {SETTINGS, TECHNIQUES}:
            self.search.refresh()
        self.due.on_changed(change)

    def shutdown(self) -> None:
        """The window closes: stop the background search (and close its connection)."""
        self.search.shutdown()
