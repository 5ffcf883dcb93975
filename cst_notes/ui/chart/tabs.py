"""The chart's tabs: the intake (read or edit), the sessions, the follow-up plan and the progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QTextBrowser, QTreeWidget

from cst_notes.domain.record import PatientRecord
from cst_notes.services import Services
from cst_notes.ui.chart.tab_order import INTAKE, PLAN, PROGRESS, SESSIONS
from cst_notes.ui.forms.form_tab import FormTab
from cst_notes.ui.intake.intake_tab import IntakeTab
from cst_notes.ui.plan.plan_tab import PlanTab
from cst_notes.ui.progress.progress_tab import ProgressTab
from cst_notes.ui.session.sessions_tab import SESSION_COLUMNS, SessionsTab

__all__ = ["INTAKE", "PLAN", "PROGRESS", "SESSIONS", "SESSION_COLUMNS", "ChartTabs"]


class ChartTabs(QTabWidget):
    changed = Signal(object)  # a services.Changed made in one of the tabs

    def __init__(self, services: Services, today: Callable[[], dt.date], parent: Any = None) -> None:
        super().__init__(parent)
        self.intake_tab = IntakeTab(services, today)
        self.sessions_tab = SessionsTab(services)
        self.plan_tab = PlanTab(services, today)
        self.progress_tab = ProgressTab()
        self.addTab(self.intake_tab, "&Intake")
        self.addTab(self.sessions_tab, "&Sessions")
        self.addTab(self.plan_tab, "Pla&n")
        self.addTab(self.progress_tab, "P&rogress")
        for tab in (self.intake_tab, self.sessions_tab, self.plan_tab):
            tab.changed.connect(self.changed.emit)

    @property
    def intake_view(self) -> QTextBrowser:
        return self.intake_tab.view

    @property
    def sessions_view(self) -> QTreeWidget:
        return self.sessions_tab.list

    @property
    def plan_view(self) -> QTextBrowser:
        return self.plan_tab.view

    def form_tabs(self) -> tuple[FormTab, ...]:
        return (self.intake_tab, self.plan_tab)

    def show_record(self, record: PatientRecord) -> None:
        patient = record.patient
        assert patient.id is not None
        sessions = list(record.sessions)
        self.intake_tab.show_record(patient, record.intake)
        self.sessions_tab.show_record(patient.id, patient.display_name, record.intake, sessions)
        self.plan_tab.show_record(patient.id, patient.display_name, list(record.follow_up_plans))
        self.progress_tab.show_record(record)
        self.setTabText(SESSIONS, f"&Sessions ({len(sessions)})")
