"""Intake, first part: the complaint in the client's words, its history, and the condition checklist."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QSpinBox, QVBoxLayout, QWidget

from cst_notes.domain import vocabulary as V
from cst_notes.domain.intake import ConditionEntry, Intake
from cst_notes.ui.widgets.checklist import CodeChecklist
from cst_notes.ui.widgets.form_fields import Fields, heading, plain
from cst_notes.ui.widgets.pair_grid import PairGrid

NOT_GIVEN = -1  # the intensity spin box's "Not given"
# (field, caption, lines) of the free-text fields; lines 1 is a single line.
_LINES = {"onset": "Onset and course", "duration": "D&uration", "frequency": "Fre&quency", "location": "&Location"}
_TEXTS = {
    "complaint": ("&Complaint, in the client's words", 3),
    "goals": ("&Goals", 2),
    "aggravating_factors": ("&Aggravating factors", 2),
    "relieving_factors": ("Relie&ving factors", 2),
    "prior_treatment": ("Prior treat&ment", 2),
}


class IntakeHistorySection(QWidget):
    def __init__(self, fields: Fields) -> None:
        super().__init__()
        self.intake_date = fields.date("intake_date", "Intake &date")
        self.texts = {name: fields.text(name, caption, lines) for name, (caption, lines) in _TEXTS.items()}
        self.texts["complaint"].setPlaceholderText("As the client says it, in any script")
        self.lines = {name: fields.line(name, caption) for name, caption in _LINES.items()}
        self.lines["onset"].setPlaceholderText("e.g. after a fall in 2019, worse since the winter")
        self.lines["frequency"].setPlaceholderText("e.g. 3 times a week")
        self.intensity = QSpinBox()
        self.intensity.setRange(NOT_GIVEN, V.PAIN_MAX)
        self.intensity.setSpecialValueText("Not given")
        self.intensity.setSuffix(" / 10")
        fields.add("intensity", "In&tensity (0–10)", self.intensity)
        self.conditions = CodeChecklist(
            "conditions",
            [("", tuple(V.CONDITIONS), "")],
            feedback=fields.feedback,
            edited=fields.edited,
            note_placeholder="Note (e.g. since when)",
            columns=2,
        )

        self.grid = PairGrid()
        for name, wide in [
            ("intake_date", True),
            ("complaint", True),
            ("goals", True),
            ("onset", True),
            ("duration", False),
            ("intensity", False),
            ("frequency", False),
            ("location", False),
            ("aggravating_factors", False),
            ("relieving_factors", False),
            ("prior_treatment", True),
        ]:
            self.grid.add(fields.label(name), fields.cell(name), wide=wide)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Complaint and history"))
        layout.addWidget(self.grid)
        layout.addWidget(heading("Conditions (the practice's checklist)"))
        layout.addWidget(self.conditions)

    def focus_chain(self) -> list[QWidget]:
        t, line = self.texts, self.lines
        return [
            self.intake_date,
            t["complaint"],
            t["goals"],
            line["onset"],
            line["duration"],
            self.intensity,
            line["frequency"],
            line["location"],
            t["aggravating_factors"],
            t["relieving_factors"],
            t["prior_treatment"],
            *self.conditions.focus_chain(),
        ]

    def load(self, intake: Intake) -> None:
        self.intake_date.set_value(intake.intake_date)
        for name, edit in self.texts.items():
            edit.setPlainText(getattr(intake, name))
        for name, line in self.lines.items():
            line.setText(getattr(intake, name))
        self.intensity.setValue(NOT_GIVEN if intake.intensity is None else intake.intensity)
        self.conditions.set_entries([(c.code, c.note) for c in intake.conditions])

    def values(self) -> dict[str, Any]:
        intensity = self.intensity.value()
        return {
            "intake_date": self.intake_date.value(),
            **{name: plain(edit) for name, edit in self.texts.items()},
            **{name: plain(line) for name, line in self.lines.items()},
            "intensity": None if intensity == NOT_GIVEN else intensity,
            "conditions": tuple(ConditionEntry(code, note) for code, note in self.conditions.entries()),
        }

    def register(self) -> None:
        self.conditions.register()
