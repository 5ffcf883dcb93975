"""The chart's tabs: the intake (read or edit), the sessions, the follow-up plan and the progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QTextBrowser, QTreeWidget

from cst_notes.domain.record import PatientRecord
from cst_notes.services import Services
from cst_notes.ui.chart.tab_order import ChartTab
from cst_notes.ui.forms.form_tab import FormTab
from cst_notes.ui.intake.intake_tab import IntakeTab
from cst_notes.ui.plan.plan_tab import PlanTab
from cst_notes.ui.progress.progress_tab import ProgressTab
from cst_notes.ui.session.sessions_tab import SessionsTab
from cst_notes.ui.widgets.privacy import Privacy


class ChartTabs(QTabWidget):
    changed = Signal(object)  # a services.Changed made in one of the tabs

    def __init__(
        self, services: Services, today: Callable[[], dt.date], privacy: Privacy | None = None, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.privacy = privacy or Privacy(parent=self)
        self.intake_tab = IntakeTab(services, today)
        self.sessions_tab = SessionsTab(services, self.privacy)
        self.plan_tab = PlanTab(services, today)
        self.progress_tab = ProgressTab()
        for position, widget, title in (
            (ChartTab.INTAKE, self.intake_tab, "&Intake"),
            (ChartTab.SESSIONS, self.sessions_tab, "&Sessions"),
            (ChartTab.PLAN, self.plan_tab, "Pla&n"),
            (ChartTab.PROGRESS, self.progress_tab, "P&rogress"),
        ):
            self.insertTab(position, widget, title)
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
        name = self.privacy.name(patient.full_name, patient.preferred_name)  # as the questions name them
        self.intake_tab.show_record(patient, record.intake, name)
        self.plan_tab.show_record(patient.id, name, list(record.follow_up_plans))
        self.show_sessions(record)

    def show_sessions(self, record: PatientRecord) -> None:
        """What shows the sessions (after a change to sessions only): the list and the progress."""
        patient = record.patient
        assert patient.id is not None
        sessions = list(record.sessions)
        name = self.privacy.name(patient.full_name, patient.preferred_name)
        self.sessions_tab.show_record(patient.id, name, record.intake, sessions)
        self.progress_tab.show_record(record)
        self.setTabText(ChartTab.SESSIONS, f"&Sessions ({len(sessions)})")

    def show_tab(self, tab: ChartTab) -> None:
        self.setCurrentIndex(tab)

    def show_session(self, session_id: int) -> None:
        """The Sessions tab, with that session open in the editor."""
        self.setCurrentIndex(ChartTab.SESSIONS)
        self.sessions_tab.open_session(session_id)
