"""Starting a session: when, how long, consent renewed, and (if needed) the reason to treat despite
an absolute contraindication. The full session editor opens from here in a later version."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from cst_notes.domain.session import DEFAULT_DURATION_MINUTES, MAX_DURATION_MINUTES, Session
from cst_notes.domain.validation import ValidationError
from cst_notes.services import Changed, Services
from cst_notes.ui.field_feedback import STYLESHEET, FieldFeedback, error_label, form_label, with_error_label


class StartSessionDialog(QDialog):
    def __init__(
        self,
        services: Services,
        patient_id: int,
        patient_name: str,
        *,
        override_reason: str | None = None,
        now: dt.datetime | None = None,
        parent: Any = None,
    ) -> None:
        """``override_reason``: None when no absolute contraindication is on record, else the reason given."""
        super().__init__(parent)
        self.setObjectName("start_session_dialog")
        self._services = services
        self._patient_id = patient_id
        self.change: Changed | None = None
        self.setWindowTitle(f"Start a session — {patient_name}")
        self.setStyleSheet(STYLESHEET)
        self.setMinimumWidth(540)
        self.general_error = error_label()
        self.feedback = FieldFeedback(self.general_error)

        start = (now or dt.datetime.now().astimezone()).replace(second=0, microsecond=0)
        self.started_edit = QDateTimeEdit(
            QDateTime(QDate(start.year, start.month, start.day), QTime(start.hour, start.minute))
        )
        self.started_edit.setObjectName("started_at")
        self.started_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.started_edit.setCalendarPopup(True)
        self.duration_spin = QSpinBox()
        self.duration_spin.setObjectName("duration_minutes")
        self.duration_spin.setRange(1, MAX_DURATION_MINUTES)
        self.duration_spin.setSuffix(" min")
        self.duration_spin.setValue(DEFAULT_DURATION_MINUTES)
        self.consent_check = QCheckBox("&Consent renewed for this session")
        self.consent_check.setObjectName("consent_renewed")
        self.reason_edit = QPlainTextEdit(override_reason or "")
        self.reason_edit.setObjectName("contraindication_override_reason")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(self.reason_edit.fontMetrics().lineSpacing() * 3 + 14)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(form, "started_at", "&Date and time", self.started_edit)
        self._row(form, "duration_minutes", "D&uration", self.duration_spin)
        self._row(form, "consent_renewed", "", self.consent_check)
        self._row(form, "contraindication_override_reason", "&Reason to treat", self.reason_edit)
        reason_cell = self.reason_edit.parentWidget()
        if override_reason is None and reason_cell is not None:
            form.setRowVisible(reason_cell, False)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = self.buttons.addButton("&Start session", QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setObjectName("start_session")
        self.start_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.started_edit.setFocus()

    def _row(self, form: QFormLayout, field: str, caption: str, widget: Any) -> None:
        message = error_label()
        label = form_label(caption, widget) if caption else QLabel()
        form.addRow(label, with_error_label(widget, message))
        self.feedback.add(field, caption.replace("&", "") or "Consent", widget, message)

    def started_at(self) -> dt.datetime:
        """The chosen local time, as an aware time in UTC."""
        value = self.started_edit.dateTime().toPython()
        assert isinstance(value, dt.datetime)
        return value.astimezone().astimezone(dt.UTC)

    def session(self) -> Session:
        return Session(
            started_at=self.started_at(),
            duration_minutes=self.duration_spin.value(),
            consent_renewed=self.consent_check.isChecked(),
            contraindication_override_reason=self.reason_edit.toPlainText().strip(),
        )

    def save(self) -> None:
        try:
            self.change = self._services.add_session(self._patient_id, self.session())
        except ValidationError as error:
            first = self.feedback.show(error.errors)
            if first is not None:
                first.setFocus()
            return
        self.accept()
