"""Intake: contraindication screening (absolute in red, relative in amber, each with a note)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from cst_notes.domain import vocabulary as V
from cst_notes.domain.intake import ContraindicationEntry, Intake
from cst_notes.ui.widgets.checklist import CodeChecklist
from cst_notes.ui.widgets.form_fields import LABEL_WIDTH, Fields, heading

ABSOLUTE_COLOUR, RELATIVE_COLOUR = "#c62828", "#a05a00"


class IntakeScreeningSection(QWidget):
    def __init__(self, fields: Fields) -> None:
        super().__init__()
        self.screened_on = fields.date("contraindications_screened_on", "Screened &on")
        self.contraindications = CodeChecklist(
            "contraindications",
            [
                (
                    "Absolute — do not treat without an explicit, recorded decision",
                    V.CONTRAINDICATIONS.in_group(V.ABSOLUTE),
                    ABSOLUTE_COLOUR,
                ),
                ("Relative — caution, note it", V.CONTRAINDICATIONS.in_group(V.RELATIVE), RELATIVE_COLOUR),
            ],
            feedback=fields.feedback,
            edited=fields.edited,
            note_placeholder="Note (e.g. when, what the doctor said)",
        )
        self.screened_on.setToolTip("The day the client was asked about each contraindication")
        hint = QLabel("Tick each contraindication the client has; leave the others unticked.")
        hint.setStyleSheet("color: #555;")
        grid = QGridLayout()
        grid.setColumnMinimumWidth(0, LABEL_WIDTH)
        grid.setColumnStretch(2, 1)
        grid.addWidget(fields.label("contraindications_screened_on"), 0, 0)
        grid.addWidget(fields.cell("contraindications_screened_on"), 0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Contraindication screening"))
        layout.addLayout(grid)
        layout.addWidget(hint)
        layout.addWidget(self.contraindications)

    def focus_chain(self) -> list[QWidget]:
        return [self.screened_on, *self.contraindications.focus_chain()]

    def load(self, intake: Intake) -> None:
        self.screened_on.set_value(intake.contraindications_screened_on)
        self.contraindications.set_entries([(c.code, c.note) for c in intake.contraindications])

    def values(self) -> dict[str, Any]:
        return {
            "contraindications_screened_on": self.screened_on.value(),
            "contraindications": tuple(
                ContraindicationEntry(code, note) for code, note in self.contraindications.entries()
            ),
        }

    def register(self) -> None:
        self.contraindications.register()
