"""Intake: consent to treatment (date, and who gave it); for a minor, the guardian must consent."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from cst_notes.domain import vocabulary as V
from cst_notes.domain.intake import Intake
from cst_notes.domain.patient import Guardian
from cst_notes.ui.widgets.form_fields import LABEL_WIDTH, Fields, heading, plain


class IntakeConsentSection(QWidget):
    def __init__(self, fields: Fields) -> None:
        super().__init__()
        self._today = fields.today
        self.consent_given = fields.check("consent_given", "Cons&ent to treatment given", said_as="Consent:")
        self.consent_date = fields.date("consent_date", "Consent date")
        self.given_by = fields.line("consent_given_by", "Given &by")
        self.consent_date.setEnabled(False)
        self.consent_given.toggled.connect(self._consent_toggled)
        self.minor_note = QLabel()
        self.minor_note.setObjectName("minor_consent_note")
        self.minor_note.setWordWrap(True)
        self.minor_note.setStyleSheet("color: #0d47a1;")
        self.minor_note.setVisible(False)
        grid = QGridLayout()
        grid.setColumnMinimumWidth(0, LABEL_WIDTH)
        grid.setColumnStretch(3, 1)
        grid.setHorizontalSpacing(10)
        grid.addWidget(fields.cell("consent_given"), 0, 0)
        grid.addWidget(fields.label("consent_date"), 0, 1)
        grid.addWidget(fields.cell("consent_date"), 0, 2)
        grid.addWidget(fields.label("consent_given_by"), 1, 1)
        grid.addWidget(fields.cell("consent_given_by"), 1, 2, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Consent to treatment"))
        layout.addWidget(self.minor_note)
        layout.addLayout(grid)

    def _consent_toggled(self, on: bool) -> None:
        self.consent_date.setEnabled(on)
        if on and self.consent_date.value() is None:
            self.consent_date.set_value(self._today)

    def set_minor(self, minor: bool, guardian: Guardian | None) -> None:
        """Under 18 the guardian consents: say so, and name the guardian on file."""
        if minor:
            on_file = (
                f" The guardian on file is {guardian.name} ({V.GUARDIAN_RELATIONS.label(guardian.relation)})."
                if guardian
                else ""
            )
            self.minor_note.setText(
                f"The client is under {V.ADULT_AGE}: a parent or guardian must give the consent, "
                f"and is named below.{on_file}"
            )
        self.minor_note.setVisible(minor)
        self.given_by.setPlaceholderText("The parent or guardian who consented" if minor else "e.g. the client")

    def focus_chain(self) -> list[QWidget]:
        return [self.consent_given, self.consent_date, self.given_by]

    def load(self, intake: Intake) -> None:
        self.consent_given.setChecked(intake.consent_given)
        self.consent_date.set_value(intake.consent_date)
        self.consent_date.setEnabled(intake.consent_given)
        self.given_by.setText(intake.consent_given_by)

    def values(self) -> dict[str, Any]:
        given = self.consent_given.isChecked()
        return {
            "consent_given": given,
            "consent_date": self.consent_date.value() if given else None,
            "consent_given_by": plain(self.given_by),
        }
