"""The contraindications band at the top of a chart: red for absolute, amber for relative.

It shows the current list (``domain.screening``): the intake's, changed since by dated screening
changes, so a contraindication resolved after the intake leaves it and one found later joins it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from cst_notes.domain import vocabulary as V
from cst_notes.domain.intake import ContraindicationEntry
from cst_notes.domain.screening import Screening

ABSOLUTE_STYLE = "background: #c62828; color: white; padding: 6px 10px; border-radius: 4px; font-weight: bold;"
RELATIVE_STYLE = "background: #ffb300; color: #3e2723; padding: 6px 10px; border-radius: 4px;"


def _describe(entries: tuple[ContraindicationEntry, ...]) -> str:
    return "; ".join(
        f"{V.CONTRAINDICATIONS.label(e.code)} ({e.note})" if e.note else V.CONTRAINDICATIONS.label(e.code)
        for e in entries
    )


class AlertsBand(QWidget):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.absolute_label = QLabel()
        self.absolute_label.setObjectName("absolute_alert")
        self.absolute_label.setStyleSheet(ABSOLUTE_STYLE)
        self.relative_label = QLabel()
        self.relative_label.setObjectName("relative_alert")
        self.relative_label.setStyleSheet(RELATIVE_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for label in (self.absolute_label, self.relative_label):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setVisible(False)
            layout.addWidget(label)
        self.setVisible(False)

    def show_screening(self, screening: Screening) -> None:
        absolute, relative = screening.absolute, screening.relative
        self.absolute_label.setText(f"⚠ Do not treat without a recorded decision — {_describe(absolute)}")
        self.absolute_label.setVisible(bool(absolute))
        self.relative_label.setText(f"Caution — {_describe(relative)}")
        self.relative_label.setVisible(bool(relative))
        self.setVisible(bool(absolute or relative))
