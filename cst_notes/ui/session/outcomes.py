"""The session's outcome measures: pain before and after (0–10), headache days, sleep, stress and the
client's global impression of change. Each may be left "Not recorded"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from cst_notes.domain import vocabulary as V
from cst_notes.domain.progress import is_meaningful_pain_change
from cst_notes.ui.widgets.code_combo import CodeComboBox
from cst_notes.ui.widgets.form_fields import Fields

NOT_RECORDED = "Not recorded"
# Each box's label (with its Alt key) and range; the hint beside it is the vocabulary's words for the
# scale (pain after has the same scale as pain before, said once).
SCALES = tuple(
    (code, label, maximum, "" if code == "pain_after" else V.OUTCOME_MEASURES.term(code).plain)
    for code, label, maximum in (
        ("pain_before", "Pain &before", V.PAIN_MAX),
        ("pain_after", "Pain &after", V.PAIN_MAX),
        ("headache_days", "Headache da&ys", 366),
        ("sleep_quality", "Sl&eep quality", V.PAIN_MAX),
        ("stress_level", "S&tress", V.PAIN_MAX),
    )
)


def optional_spin(maximum: int) -> QSpinBox:
    """0..maximum, with "Not recorded" one step below 0."""
    spin = QSpinBox()
    spin.setRange(-1, maximum)
    spin.setSpecialValueText(NOT_RECORDED)
    spin.setValue(-1)
    spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance(NOT_RECORDED) + 48)
    return spin


class OutcomesSection(QWidget):
    def __init__(self, fields: Fields, parent: Any = None) -> None:
        super().__init__(parent)
        self.spins: dict[str, QSpinBox] = {}
        form = QFormLayout()
        for name, caption, maximum, hint in SCALES:
            spin = optional_spin(maximum)
            fields.add(name, caption, spin)
            self.spins[name] = spin
            row = QHBoxLayout()
            row.addWidget(fields.cell(name))
            if hint:
                spin.setToolTip(hint)
                note = QLabel(hint)
                note.setStyleSheet("color: #757575;")
                row.addWidget(note, 0, Qt.AlignmentFlag.AlignVCenter)
            row.addStretch(1)
            form.addRow(fields.label(name), row)
            if name == "pain_after":
                self.change_label = QLabel()
                self.change_label.setObjectName("pain_change")
                form.addRow("", self.change_label)
        self.impression = CodeComboBox(V.GLOBAL_IMPRESSIONS)
        self.impression.insertItem(0, NOT_RECORDED, "")
        self.impression.setCurrentIndex(0)
        fields.add("global_impression", "&Global impression of change", self.impression)
        impression_row = QHBoxLayout()
        impression_row.addWidget(fields.cell("global_impression"))
        impression_row.addStretch(1)
        form.addRow(fields.label("global_impression"), impression_row)
        for name in ("pain_before", "pain_after"):
            self.spins[name].valueChanged.connect(self._update_change)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        self._update_change()

    def value(self, name: str) -> int | None:
        if name == "global_impression":
            code = self.impression.code()
            return int(code) if code else None
        value = self.spins[name].value()
        return None if value < 0 else value

    def set_value(self, name: str, value: int | None) -> None:
        if name == "global_impression":
            self.impression.set_code("" if value is None else str(value))
        else:
            self.spins[name].setValue(-1 if value is None else value)

    def set_read_only(self, read_only: bool) -> None:
        for spin in self.spins.values():
            spin.setEnabled(not read_only)
        self.impression.setEnabled(not read_only)

    def _update_change(self) -> None:
        before, after = self.value("pain_before"), self.value("pain_after")
        if before is None or after is None:
            self.change_label.setText("")
            return
        change = after - before
        meaningful = is_meaningful_pain_change(change)
        text = f"Change: {change:+d}".replace("-", "−") if change else "No change"
        self.change_label.setText(f"{text} (clinically meaningful)" if meaningful else text)
