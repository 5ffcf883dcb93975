"""The chart of the opened patient: header, contraindication alerts and the record's tabs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from cst_notes.services import Changed, NotFoundError, Services
from cst_notes.ui.alerts_band import AlertsBand
from cst_notes.ui.chart_header import ChartHeader, current_plan
from cst_notes.ui.chart_tabs import ChartTabs

PLACEHOLDER_TEXT = "Choose a patient or press Ctrl+N"


class ChartView(QStackedWidget):
    """Shows a placeholder until a patient is opened; redraws itself from the services."""

    def __init__(
        self,
        services: Services,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._today = today
        self._patient_id: int | None = None

        self.placeholder = QLabel(PLACEHOLDER_TEXT)
        self.placeholder.setObjectName("chart_placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #757575; font-size: 14pt;")

        self.chart = QWidget()
        self.header = ChartHeader()
        self.alerts = AlertsBand()
        self.tabs = ChartTabs()
        layout = QVBoxLayout(self.chart)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.header)
        layout.addWidget(self.alerts)
        layout.addWidget(self.tabs, 1)

        self.addWidget(self.placeholder)
        self.addWidget(self.chart)

    @property
    def patient_id(self) -> int | None:
        return self._patient_id

    def open_patient(self, patient_id: int) -> None:
        record = self._services.record(patient_id)
        self._patient_id = patient_id
        self.header.show_record(record, self._today())
        self.alerts.show_intake(record.intake)
        self.tabs.show_record(record.intake, list(record.sessions), current_plan(record.follow_up_plans))
        self.setCurrentWidget(self.chart)

    def close_patient(self) -> None:
        self._patient_id = None
        self.setCurrentWidget(self.placeholder)

    def on_changed(self, change: Changed) -> None:
        """Redraw if the change touched the open patient (or it no longer exists)."""
        if self._patient_id is None or self._patient_id not in change.patient_ids:
            return
        try:
            self.open_patient(self._patient_id)
        except NotFoundError:
            self.close_patient()
