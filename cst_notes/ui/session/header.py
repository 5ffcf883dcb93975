"""The session editor's header: when (local time, stored as UTC), how long, who, consent renewed,
the reason to treat (only when the start needed one: an absolute contraindication, or no intake,
screening or consent on record), and the
faster-charting buttons."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from cst_notes.domain.session import DEFAULT_DURATION_MINUTES, MAX_DURATION_MINUTES
from cst_notes.domain.validation import EARLIEST_BIRTH_DATE, NAME_MAX, SHORT_TEXT_MAX
from cst_notes.services import Services
from cst_notes.ui.session.templates import TemplateButton
from cst_notes.ui.widgets.date_edit import DateTimeField
from cst_notes.ui.widgets.form_fields import Fields
from cst_notes.ui.widgets.keys import text as key_text


class SessionHeader(QWidget):
    def __init__(self, services: Services, fields: Fields, parent: Any = None) -> None:
        super().__init__(parent)
        self.patient_label = QLabel()
        self.patient_label.setObjectName("session_patient")
        self.patient_label.setStyleSheet("font-size: 14pt; font-weight: bold;")
        today = services.today()
        # As the domain allows: from 1900 to a year ahead (a session booked and charted in advance).
        self.started_edit = DateTimeField(earliest=EARLIEST_BIRTH_DATE, latest=today + dt.timedelta(days=365))
        self._started = dt.datetime.now(dt.UTC)  # the time loaded, while the field holds no readable one
        fields.add("started_at", "&Date and time", self.started_edit)
        self.duration_spin = QSpinBox()
        self.duration_spin.setRange(1, MAX_DURATION_MINUTES)
        self.duration_spin.setSuffix(" min")
        self.duration_spin.setValue(DEFAULT_DURATION_MINUTES)
        fields.add("duration_minutes", "D&uration", self.duration_spin)
        self.therapist_edit = QLineEdit()
        self.therapist_edit.setMaxLength(NAME_MAX)
        self.therapist_edit.setPlaceholderText("Therapist")
        fields.add("therapist", "T&herapist", self.therapist_edit)
        self.consent_check = fields.check("consent_renewed", "&Consent renewed for this session")
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(SHORT_TEXT_MAX)
        self.reason_edit.setPlaceholderText(
            "Required: why you treat despite the contraindication, or without intake, screening or consent"
        )
        fields.add("contraindication_override_reason", "&Reason to treat", self.reason_edit)
        self.reason_label = fields.label("contraindication_override_reason")
        self.reason_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.reason_label.setContentsMargins(0, 4, 0, 0)
        self.reason_cell = fields.cell("contraindication_override_reason")
        self.from_last_button = QPushButton("Start from &last session")
        self.from_last_button.setObjectName("start_from_last")
        self.from_last_button.setToolTip(
            f"Fill in the last session's findings, restrictions and techniques ({key_text('start_from_last')})"
        )
        self.template_button = TemplateButton(services)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.patient_label, 0, 0, 1, 4)
        grid.addWidget(self.from_last_button, 0, 4)
        grid.addWidget(self.template_button, 0, 5)
        for column, name in enumerate(("started_at", "duration_minutes", "therapist")):
            grid.addWidget(fields.label(name), 1, column)
            grid.addWidget(fields.cell(name), 2, column)
        grid.addWidget(fields.cell("consent_renewed"), 2, 3, 1, 3)
        grid.addWidget(self.reason_label, 3, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.reason_cell, 3, 1, 1, 5)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(3, 1)
        self.set_reason_visible(False)

    def focus_chain(self) -> list[QWidget]:
        """The header's fields, then its buttons: call once the editor is assembled."""
        return [
            self.started_edit,
            self.duration_spin,
            self.therapist_edit,
            self.consent_check,
            self.reason_edit,
            self.from_last_button,
            self.template_button,
        ]

    def set_reason_visible(self, visible: bool) -> None:
        self.reason_label.setVisible(visible)
        self.reason_cell.setVisible(visible)

    def started_at(self) -> dt.datetime:
        """The local time typed, as an aware time in UTC (while it is not readable, the time loaded:
        saving waits until it is put right)."""
        value = self.started_edit.value()
        if value is None:
            return self._started
        if value == self._started.astimezone().replace(tzinfo=None, second=0, microsecond=0):
            return self._started  # unchanged: keep the seconds it was stored with
        return value.astimezone().astimezone(dt.UTC)

    def set_started_at(self, value: dt.datetime) -> None:
        self._started = value
        self.started_edit.set_value(value.astimezone().replace(tzinfo=None))

    def set_read_only(self, read_only: bool) -> None:
        # the therapist and the reason are locked as the date beside them is: drawn so, and taking no typing
        locked = (self.started_edit, self.duration_spin, self.therapist_edit, self.consent_check, self.reason_edit)
        for widget in (*locked, self.from_last_button):
            widget.setEnabled(not read_only)
        self.template_button.can_apply = not read_only
        self.template_button.rebuild()
