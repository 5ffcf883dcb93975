"""'New patient' (and 'Edit details'): identity, contact and, for a minor, the guardian.

Validation is the domain's. While the form has changes a draft is kept; leaving it asks first.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain import vocabulary as V
from cst_notes.domain.patient import Guardian, Patient, new_uid
from cst_notes.domain.validation import EARLIEST_BIRTH_DATE, ValidationError, age_on
from cst_notes.services import Changed, Services
from cst_notes.ui.forms import unsaved_prompt
from cst_notes.ui.forms.draft_content import from_content, to_content
from cst_notes.ui.forms.draft_keeper import NEW_PATIENT_KEY, DraftKeeper, patient_key
from cst_notes.ui.forms.unsaved_prompt import Choice
from cst_notes.ui.patients.guardian_box import GuardianBox
from cst_notes.ui.widgets.code_combo import CodeComboBox
from cst_notes.ui.widgets.date_edit import DateField
from cst_notes.ui.widgets.field_feedback import STYLESHEET, FieldFeedback, error_label, form_label, with_error_label
from cst_notes.ui.widgets.form_fields import watch
from cst_notes.ui.widgets.keys import key_shortcut
from cst_notes.ui.widgets.privacy import Privacy

# (field, form label) for the single-line text fields, in form order. Messages read "<label> <message>."
_TEXT_FIELDS = (("full_name", "&Full name"), ("preferred_name", "&Preferred name"))
_CONTACT_FIELDS = (("phone", "P&hone"), ("email", "E-&mail"))
_EMERGENCY_FIELDS = (("emergency_contact_name", "Emergency &contact"), ("emergency_contact_phone", "Emergency ph&one"))


class NewPatientDialog(QDialog):
    def __init__(
        self,
        services: Services,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        parent: Any = None,
        patient: Patient | None = None,
        privacy: Privacy | None = None,
    ) -> None:
        """With ``patient``, edit that patient's details instead of creating one. In privacy mode
        the title names them by their initials (the fields hold what is being edited)."""
        super().__init__(parent)
        self._services = services
        self._today = today()
        self._editing = patient
        self._uid = patient.uid if patient else new_uid()
        self.change: Changed | None = None
        self.privacy = privacy or Privacy(parent=self)
        self.privacy.changed.connect(self._show_title)
        self._show_title()
        self.setStyleSheet(STYLESHEET)
        self.setMinimumWidth(520)

        self.general_error = error_label()
        self.feedback = FieldFeedback(self.general_error)
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        for field, label in _TEXT_FIELDS:
            self._add_line(form, field, label)
        self.edits["full_name"].setPlaceholderText("In any script, as the patient writes it")

        self.birth_date_edit = DateField(
            earliest=EARLIEST_BIRTH_DATE,
            latest=self._today,
            anchor=self._today.replace(year=self._today.year - 30, month=1, day=1),
            today=self._today,
        )
        self.birth_date_edit.setObjectName("birth_date")
        self._add_row(form, "birth_date", "&Birth date", self.birth_date_edit)
        self.sex_combo = CodeComboBox(V.SEXES)
        self.sex_combo.set_code("unspecified")
        self.sex_combo.setObjectName("sex")
        self._add_row(form, "sex", "Se&x / gender", self.sex_combo)
        self.language_combo = CodeComboBox(V.DOCUMENT_LANGUAGES)
        self.language_combo.set_code(V.DEFAULT_DOCUMENT_LANGUAGE)
        self.language_combo.setObjectName("document_language")
        self.language_combo.setToolTip("The language of the summaries and reports the patient takes home")
        self._add_row(form, "document_language", "&Documents in", self.language_combo)
        for field, label in _CONTACT_FIELDS:
            self._add_line(form, field, label)
        self.address_edit = QPlainTextEdit()
        self.address_edit.setObjectName("address")
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self._add_row(form, "address", "&Address", self.address_edit)
        for field, label in _EMERGENCY_FIELDS:
            self._add_line(form, field, label)

        self.guardian_box = GuardianBox(self._today)
        self.guardian_box.register(self.feedback)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Save (Ctrl+S)")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.save_shortcut = key_shortcut(self, "save_dialog", self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addWidget(self.guardian_box)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.birth_date_edit.value_changed.connect(self._update_guardian_visibility)
        self._update_guardian_visibility()
        self._set_tab_order()
        self.edits["full_name"].setFocus()

        if patient is not None:
            self.load(patient)
        self._baseline = self.content()
        self.drafts = DraftKeeper(services, "patient" if patient else "new_patient", self.content, self.is_dirty, self)
        if patient is not None and patient.id is not None:
            self.drafts.follow(patient_key(patient.id), patient.id)
        else:
            self.drafts.follow(NEW_PATIENT_KEY, None)
        for widget in (
            *self.edits.values(),
            self.birth_date_edit,
            self.sex_combo,
            self.language_combo,
            self.address_edit,
            *self.guardian_box.focus_chain(),
        ):
            watch(widget, self.drafts.edited)

    # --- building ---------------------------------------------------------------------------

    def _show_title(self) -> None:
        p = self._editing
        name = self.privacy.name(p.full_name, p.preferred_name) if p else ""
        self.setWindowTitle(f"Edit details — {name}" if p else "New patient")

    def _add_row(self, form: QFormLayout, field: str, label: str, widget: QWidget) -> None:
        message = error_label()
        form.addRow(form_label(label, widget), with_error_label(widget, message))
        self.feedback.add(field, label.replace("&", ""), widget, message)

    def _add_line(self, form: QFormLayout, field: str, label: str) -> None:
        edit = QLineEdit()
        edit.setObjectName(field)
        edit.textEdited.connect(lambda _text, f=field: self.feedback.clear_field(f))
        self.edits[field] = edit
        self._add_row(form, field, label, edit)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.edits["full_name"],
            self.edits["preferred_name"],
            self.birth_date_edit,
            self.sex_combo,
            self.language_combo,
            self.edits["phone"],
            self.edits["email"],
            self.address_edit,
            self.edits["emergency_contact_name"],
            self.edits["emergency_contact_phone"],
            *self.guardian_box.focus_chain(),
            self.save_button,
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- behaviour --------------------------------------------------------------------------

    @property
    def created_patient_id(self) -> int | None:
        return self.change.patient_id if self.change else None

    def is_minor(self) -> bool:
        birth = self.birth_date_edit.value()
        return birth is not None and age_on(birth, self._today) < V.ADULT_AGE

    def _update_guardian_visibility(self) -> None:
        self.guardian_box.setVisible(self.is_minor())
        self.adjustSize()

    def patient(self) -> Patient:
        """The patient as entered; not checked here (the services check it)."""
        text = {field: edit.text().strip() for field, edit in self.edits.items()}
        return Patient(
            id=self._editing.id if self._editing else None,
            uid=self._uid,
            created_at=self._editing.created_at if self._editing else "",
            full_name=text["full_name"],
            preferred_name=text["preferred_name"],
            birth_date=self.birth_date_edit.value(),  # type: ignore[arg-type]  # None: "must be given"
            sex=self.sex_combo.code(),
            document_language=self.language_combo.code(),
            phone=text["phone"],
            email=text["email"],
            address=self.address_edit.toPlainText().strip(),
            emergency_contact_name=text["emergency_contact_name"],
            emergency_contact_phone=text["emergency_contact_phone"],
            guardian=self.guardian_box.guardian() if self.is_minor() else self._kept_guardian(),
        )

    def _kept_guardian(self) -> Guardian | None:
        """An adult's guardian from when they were a minor is kept as it is (it is not shown)."""
        return self._editing.guardian if self._editing else None

    def load(self, patient: Patient) -> None:
        for field, edit in self.edits.items():
            edit.setText(getattr(patient, field))
        self.birth_date_edit.set_value(patient.birth_date)
        self.sex_combo.set_code(patient.sex)
        self.language_combo.set_code(patient.document_language)
        self.address_edit.setPlainText(patient.address)
        self.guardian_box.set_guardian(patient.guardian)

    # --- drafts and leaving -----------------------------------------------------------------

    def content(self) -> dict[str, Any]:
        return to_content(self.patient())

    def set_content(self, content: dict[str, Any]) -> None:
        """Fill the form from a restored draft."""
        self.load(from_content(Patient, content))

    def is_dirty(self) -> bool:
        return self.content() != self._baseline

    def reject(self) -> None:
        """Esc, Cancel or closing the window: ask first if there are changes."""
        if self.is_dirty():
            answer = unsaved_prompt.ask_unsaved(self, "the new patient" if self._editing is None else "the details")
            if answer is Choice.CANCEL:
                return
            if answer is Choice.SAVE:
                self.save()
                return
        self.drafts.discard()
        super().reject()

    def save(self) -> None:
        try:
            self.feedback.raise_if_typed_problems()  # a date that is not one is never saved as "not given"
            if self._editing is None:
                self.change = self._services.create_patient(self.patient())
            else:
                self.change = self._services.update_patient(replace(self._editing, **_changes(self.patient())))
        except ValidationError as error:
            first = self.feedback.show(error.errors)
            if first is not None:
                first.setFocus()
            return
        self.feedback.clear()
        self.drafts.discard()
        self.accept()


def _changes(p: Patient) -> dict[str, Any]:
    """The fields this dialog edits."""
    names: tuple[str, ...] = ("full_name", "preferred_name", "birth_date", "sex", "document_language", "phone")
    names += ("email", "address")
    names += ("emergency_contact_name", "emergency_contact_phone", "guardian")
    return {name: getattr(p, name) for name in names}
