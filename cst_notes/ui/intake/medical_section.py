"""Intake, second part: medical history, medications, surgeries, trauma and pregnancy."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from cst_notes.domain import vocabulary as V
from cst_notes.domain.intake import Intake, Medication, Surgery, TraumaEvent
from cst_notes.ui.widgets.form_fields import LABEL_WIDTH, Fields, heading, plain
from cst_notes.ui.widgets.rows_editor import CODE, DATE, Column, RowsEditor

DATE_WIDTH, KIND_WIDTH = 130, 170


class IntakeMedicalSection(QWidget):
    def __init__(self, fields: Fields) -> None:
        super().__init__()
        self.medical_history = fields.text("medical_history", "Medical histor&y", 3)
        self.medical_history.setPlaceholderText("Illnesses, diagnoses, hospital stays…")

        def rows(field: str, item: str, title: str, columns: list[Column]) -> RowsEditor:
            editor = RowsEditor(field, item, columns, feedback=fields.feedback, today=fields.today, title=title)
            editor.edited.connect(fields.edited)
            return editor

        self.medications = rows(
            "medications",
            "Medication",
            "Current medications",
            [Column("name", "Name", placeholder="e.g. Ibuprofen"), Column("dose", "Dose", placeholder="e.g. 400 mg")],
        )
        self.surgeries = rows(
            "surgeries",
            "Surgery",
            "Surgeries",
            [
                Column("description", "What", placeholder="e.g. Appendectomy"),
                Column("surgery_date", "When", DATE, width=DATE_WIDTH),
            ],
        )
        self.trauma = rows(
            "trauma",
            "Trauma",
            "Trauma (falls, concussions, accidents, whiplash, dental work)",
            [
                Column("kind", "Kind", CODE, V.TRAUMA_KINDS, width=KIND_WIDTH),
                Column("description", "What happened"),
                Column("event_date", "When", DATE, width=DATE_WIDTH),
            ],
        )
        self.pregnant = fields.check("pregnant", "Pregnant")
        self.pregnancy_note = fields.line("pregnancy_note", "Pregnancy note", "e.g. 24 weeks, low risk")
        self.pregnancy_note.setEnabled(False)
        self.pregnant.toggled.connect(self.pregnancy_note.setEnabled)

        grid = QGridLayout()
        grid.setColumnMinimumWidth(0, LABEL_WIDTH)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(10)
        grid.addWidget(fields.label("medical_history"), 0, 0)
        grid.addWidget(fields.cell("medical_history"), 0, 1)
        self._pregnancy_widgets = (
            fields.cell("pregnant"),
            fields.label("pregnancy_note"),
            fields.cell("pregnancy_note"),
        )
        pregnancy = QGridLayout()
        pregnancy.setColumnMinimumWidth(0, LABEL_WIDTH)
        pregnancy.setColumnStretch(2, 1)
        pregnancy.addWidget(fields.cell("pregnant"), 0, 0)
        pregnancy.addWidget(fields.label("pregnancy_note"), 0, 1)
        pregnancy.addWidget(fields.cell("pregnancy_note"), 0, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Medical history"))
        layout.addLayout(grid)
        for editor in (self.medications, self.surgeries, self.trauma):
            layout.addSpacing(6)
            layout.addWidget(editor)
        layout.addSpacing(6)
        layout.addLayout(pregnancy)

    def show_pregnancy(self, shown: bool) -> None:
        """Pregnancy is asked only where it can apply (the form knows the rule)."""
        for widget in self._pregnancy_widgets:
            widget.setVisible(shown)

    def focus_chain(self) -> list[QWidget]:
        editors = (self.medications, self.surgeries, self.trauma)
        rows = [w for e in editors for w in e.focus_chain()]
        return [self.medical_history, *rows, self.pregnant, self.pregnancy_note]

    def load(self, intake: Intake) -> None:
        self.medical_history.setPlainText(intake.medical_history)
        self.medications.set_rows([{"name": m.name, "dose": m.dose} for m in intake.medications])
        self.surgeries.set_rows(
            [{"description": s.description, "surgery_date": s.surgery_date} for s in intake.surgeries]
        )
        self.trauma.set_rows(
            [{"kind": t.kind, "description": t.description, "event_date": t.event_date} for t in intake.trauma]
        )
        self.pregnant.setChecked(intake.pregnant)
        self.pregnancy_note.setText(intake.pregnancy_note)

    def values(self) -> dict[str, Any]:
        return {
            "medical_history": plain(self.medical_history),
            "medications": tuple(Medication(**r) for r in self.medications.rows()),
            "surgeries": tuple(Surgery(**r) for r in self.surgeries.rows()),
            "trauma": tuple(TraumaEvent(**r) for r in self.trauma.rows()),
            "pregnant": self.pregnant.isChecked(),
            "pregnancy_note": plain(self.pregnancy_note) if self.pregnant.isChecked() else "",
        }

    def register(self) -> None:
        for editor in (self.medications, self.surgeries, self.trauma):
            editor.register()
