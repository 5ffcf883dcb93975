"""The guardian of a minor: who they are, their relation, and the written consent they gave."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QWidget

from cst_notes.domain import vocabulary as V
from cst_notes.domain.patient import Guardian
from cst_notes.domain.validation import EARLIEST_BIRTH_DATE
from cst_notes.ui.widgets.code_combo import CodeComboBox
from cst_notes.ui.widgets.date_edit import DateField
from cst_notes.ui.widgets.field_feedback import FieldFeedback, error_label, form_label, with_error_label


class GuardianBox(QGroupBox):
    def __init__(self, today: dt.date, parent: Any = None) -> None:
        super().__init__(f"Guardian (the patient is under {V.ADULT_AGE})", parent)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("guardian_name")
        self.relation_combo = CodeComboBox(V.GUARDIAN_RELATIONS, placeholder="Choose…")
        self.relation_combo.setObjectName("guardian_relation")
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("guardian_phone")
        self.consent_check = QCheckBox("&Written consent given on")
        self.consent_check.setObjectName("guardian_consent_given")
        self.consent_date_edit = DateField(earliest=EARLIEST_BIRTH_DATE, latest=today, anchor=today, today=today)
        self.consent_date_edit.setObjectName("guardian_consent_date")
        self.consent_date_edit.set_value(today)
        self.consent_date_edit.setEnabled(False)
        self.consent_check.toggled.connect(self.consent_date_edit.setEnabled)
        self.box_error = error_label()  # "a guardian is required": the whole box is marked

        consent_row = QWidget()
        row = QHBoxLayout(consent_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.consent_check)
        row.addWidget(self.consent_date_edit)
        row.addStretch(1)

        self._errors = {name: error_label() for name in ("name", "relation", "phone", "consent")}
        form = QFormLayout(self)
        form.addRow(self.box_error)
        form.addRow(
            form_label("&Guardian name", self.name_edit), with_error_label(self.name_edit, self._errors["name"])
        )
        relation = with_error_label(self.relation_combo, self._errors["relation"])
        form.addRow(form_label("Re&lation", self.relation_combo), relation)
        phone = with_error_label(self.phone_edit, self._errors["phone"])
        form.addRow(form_label("Guardian pho&ne", self.phone_edit), phone)
        form.addRow("Consent", with_error_label(consent_row, self._errors["consent"]))

    def register(self, feedback: FieldFeedback) -> None:
        """Tell the form's feedback which widget shows each guardian field's errors."""
        feedback.add("guardian", "A guardian", self, self.box_error)
        feedback.add("guardian.name", "Guardian name", self.name_edit, self._errors["name"])
        feedback.add("guardian.relation", "Relation", self.relation_combo, self._errors["relation"])
        feedback.add("guardian.phone", "Guardian phone", self.phone_edit, self._errors["phone"])
        feedback.add("guardian.consent_given", "Consent", self.consent_check, self._errors["consent"])
        feedback.add("guardian.consent_date", "Consent date", self.consent_date_edit, self._errors["consent"])

    def focus_chain(self) -> list[QWidget]:
        return [self.name_edit, self.relation_combo, self.phone_edit, self.consent_check, self.consent_date_edit]

    def is_blank(self) -> bool:
        return not (
            self.name_edit.text().strip()
            or self.relation_combo.code()
            or self.phone_edit.text().strip()
            or self.consent_check.isChecked()
        )

    def set_guardian(self, guardian: Guardian | None) -> None:
        g = guardian or Guardian("", "")
        self.name_edit.setText(g.name)
        self.relation_combo.set_code(g.relation)
        self.phone_edit.setText(g.phone)
        self.consent_check.setChecked(g.consent_given)
        if g.consent_date is not None:
            self.consent_date_edit.set_value(g.consent_date)

    def guardian(self) -> Guardian | None:
        """The guardian as entered, or None if nothing was entered (validation then says one is needed)."""
        if self.is_blank():
            return None
        consent = self.consent_check.isChecked()
        return Guardian(
            name=self.name_edit.text().strip(),
            relation=self.relation_combo.code(),
            phone=self.phone_edit.text().strip(),
            consent_given=consent,
            consent_date=self.consent_date_edit.value() if consent else None,
        )
