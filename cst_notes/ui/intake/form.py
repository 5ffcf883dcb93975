"""The intake form: every section of the first visit's history in one scrolling page.

The birth history shows only for a minor; errors from the domain's rules are shown at the
field they name, and the first one is scrolled to and focused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from cst_notes.domain.intake import PREGNANCY_CONTRAINDICATIONS, BirthHistory, Intake, pregnancy_shown
from cst_notes.domain.patient import Patient
from cst_notes.domain.validation import FieldError
from cst_notes.ui.forms.draft_content import from_content, to_content
from cst_notes.ui.intake.birth_history_box import BirthHistoryBox
from cst_notes.ui.intake.consent_section import IntakeConsentSection
from cst_notes.ui.intake.history_section import IntakeHistorySection
from cst_notes.ui.intake.medical_section import IntakeMedicalSection
from cst_notes.ui.intake.screening_section import IntakeScreeningSection
from cst_notes.ui.widgets.field_feedback import STYLESHEET, FieldFeedback, error_label
from cst_notes.ui.widgets.form_fields import Fields, ScrollForm, scroll_to


class IntakeForm(ScrollForm):
    def __init__(self, today: dt.date, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("intake_form")
        self._today = today
        self._minor = False
        self._patient: Patient | None = None
        self._kept_birth_history: BirthHistory | None = None  # an adult's, from childhood: kept as it is
        self._loaded = Intake(today)
        self.general_error = error_label()
        self.feedback = FieldFeedback(self.general_error)
        self.fields = Fields(self.feedback, self._edited, today)
        self.history = IntakeHistorySection(self.fields)
        self.medical = IntakeMedicalSection(self.fields)
        self.birth_history = BirthHistoryBox(self.fields)
        self.screening = IntakeScreeningSection(self.fields)
        self.consent = IntakeConsentSection(self.fields)

        inner = QWidget()
        inner.setObjectName("intake_form_page")
        inner.setStyleSheet(STYLESHEET)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(12, 4, 16, 16)
        layout.setSpacing(8)
        layout.addWidget(self.general_error)
        for section in (self.history, self.medical, self.birth_history, self.screening, self.consent):
            layout.addWidget(section)
        layout.addStretch(1)
        self._set_page(inner)
        self.birth_history.setVisible(False)

    def focus_chain(self) -> list[QWidget]:
        return [
            *self.history.focus_chain(),
            *self.medical.focus_chain(),
            *self.birth_history.focus_chain(),
            *self.screening.focus_chain(),
            *self.consent.focus_chain(),
        ]

    # --- the patient ------------------------------------------------------------------------

    @property
    def is_minor(self) -> bool:
        return self._minor

    def set_patient(self, patient: Patient) -> None:
        """A minor (by the birth date, today) gets the birth history and the guardian's consent."""
        self._patient = patient
        self._minor = patient.is_minor(self._today)
        self.birth_history.setVisible(self._minor)
        self.consent.set_minor(self._minor, patient.guardian)
        self._show_pregnancy(self._loaded)

    # --- values -----------------------------------------------------------------------------

    def load(self, intake: Intake | None, patient: Patient | None = None) -> None:
        """Show ``intake``; None starts an empty one dated today (for a minor, naming the guardian)."""
        with self._quietly():
            if intake is None:
                guardian = patient.guardian if patient and patient.is_minor(self._today) else None
                intake = Intake(self._today, consent_given_by=guardian.name if guardian else "")
            self._loaded = intake
            self._kept_birth_history = intake.birth_history
            for section in (self.history, self.medical, self.screening, self.consent):
                section.load(intake)
            self.birth_history.load(intake.birth_history)
            self.feedback.clear()
        if patient is not None:
            self._patient = patient
        self._show_pregnancy(intake)
        self.verticalScrollBar().setValue(0)

    def _show_pregnancy(self, intake: Intake) -> None:
        """The pregnancy questions only where they can apply (or an answer is on record): one rule, the domain's."""
        shown = self._patient is None or pregnancy_shown(self._patient, intake)
        self.medical.show_pregnancy(shown)
        self.screening.contraindications.set_shown(PREGNANCY_CONTRAINDICATIONS, shown)

    def intake(self) -> Intake:
        """The intake as entered; not checked here (the services check it)."""
        values: dict[str, Any] = {}
        for section in (self.history, self.medical, self.screening, self.consent):
            values.update(section.values())
        birth = self.birth_history.value() if self._minor else self._kept_birth_history
        return replace(self._loaded, birth_history=birth, **values)

    def content(self) -> dict[str, Any]:
        """The form as a JSON-ready dict, for drafts and for telling whether it changed."""
        return to_content(self.intake())

    def set_content(self, content: dict[str, Any]) -> None:
        self.load(from_content(Intake, content))

    # --- errors -----------------------------------------------------------------------------

    def show_errors(self, errors: Iterable[FieldError]) -> QWidget | None:
        """Mark each field named; scroll to the first and give it the focus."""
        for section in (self.history, self.medical, self.screening):
            section.register()
        first = self.feedback.show(errors)
        page = self.widget()
        target = first if first is not None and page is not None and first.isVisibleTo(page) else self.general_error
        scroll_to(self, target)
        if first is not None:
            first.setFocus()
        return first
