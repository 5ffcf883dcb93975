"""The top of a chart: who the patient is, how old, their guardian, and when they come next."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from cst_notes.domain import vocabulary as V
from cst_notes.domain.plan import appointment_ahead, current_plan
from cst_notes.domain.record import PatientRecord
from cst_notes.ui.widgets.formatting import age_text, date_text
from cst_notes.ui.widgets.privacy import Privacy


class ChartHeader(QWidget):
    def __init__(self, privacy: Privacy | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.privacy = privacy or Privacy(parent=self)  # initials and the birth year in privacy mode
        self.name_label = QLabel()
        self.name_label.setObjectName("chart_name")
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setWordWrap(True)
        self.facts_label = QLabel()
        self.facts_label.setObjectName("chart_facts")
        self.guardian_label = QLabel()
        self.guardian_label.setObjectName("chart_guardian")
        self.next_label = QLabel()
        self.next_label.setObjectName("chart_next_appointment")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for label in (self.name_label, self.facts_label, self.guardian_label, self.next_label):
            label.setTextFormat(Qt.TextFormat.PlainText)  # names are text, never markup
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)

    def show_record(self, record: PatientRecord, today: dt.date) -> None:
        p = record.patient
        self.name_label.setText(self.privacy.name(p.full_name, p.preferred_name))
        age = age_text(p.birth_date, today)
        age = age if not age.isdigit() else f"{age} years"
        self.facts_label.setText(f"{age} · born {self.privacy.birth_date(p.birth_date)} · {V.SEXES.label(p.sex)}")
        g = p.minors_guardian(today)
        if g is not None:
            consent = f"consent given {date_text(g.consent_date)}" if g.consent_given else "no written consent yet"
            phone = f" · {g.phone}" if g.phone and not self.privacy.on else ""
            relation = V.GUARDIAN_RELATIONS.label(g.relation)
            name = self.privacy.name(g.name)
            self.guardian_label.setText(f"Guardian: {name} ({relation}){phone} · {consent}")
        self.guardian_label.setVisible(g is not None)
        plan = current_plan(record.follow_up_plans)
        next_appointment = plan.next_appointment if plan else None
        ahead = appointment_ahead(next_appointment, today)
        if ahead is not None:
            self.next_label.setText(f"Next appointment: {date_text(ahead)}")
        elif next_appointment is not None:
            self.next_label.setText(
                f"No next appointment booked (the one planned for {date_text(next_appointment)} has passed)"
            )
        else:
            self.next_label.setText("No next appointment planned")
