"""Intake, for a minor only: the paediatric birth history (labour, delivery, feeding, neck and head)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from cst_notes.domain import vocabulary as V
from cst_notes.domain.intake import BirthHistory
from cst_notes.ui.widgets.form_fields import LABEL_WIDTH, Fields, heading, plain

NOT_KNOWN = -0.5  # the labour-hours spin box's "Not known"
# BirthHistory's yes/no fields and their captions, in form order (the vocabulary's).
FLAGS = {t.code: t.label for t in V.BIRTH_HISTORY_FINDINGS}
_FEEDING = tuple(t.code for t in V.BIRTH_HISTORY_FINDINGS.in_group("feeding"))


class BirthHistoryBox(QWidget):
    def __init__(self, fields: Fields) -> None:
        super().__init__()
        self.setObjectName("birth_history")
        self.labour_hours = QDoubleSpinBox()
        self.labour_hours.setRange(NOT_KNOWN, 96)
        self.labour_hours.setDecimals(1)
        self.labour_hours.setSingleStep(0.5)
        self.labour_hours.setSpecialValueText("Not known")
        self.labour_hours.setSuffix(" h")
        fields.add("birth_history.labour_hours", "Labour length", self.labour_hours)
        self.delivery = fields.combo("birth_history.delivery", "Delivery", V.DELIVERY_MODES, "Not known")
        self.presentation = fields.combo("birth_history.presentation", "Presentation", V.PRESENTATIONS, "Not known")
        self.flags: dict[str, QCheckBox] = {
            name: fields.check(f"birth_history.{name}", caption) for name, caption in FLAGS.items()
        }
        self.note = fields.text("birth_history.note", "Birth history note", 2)

        grid = QGridLayout()
        grid.setColumnMinimumWidth(0, LABEL_WIDTH)
        grid.setHorizontalSpacing(10)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for n, name in enumerate(("labour_hours", "delivery", "presentation")):
            grid.addWidget(fields.label(f"birth_history.{name}"), n, 0)
            grid.addWidget(fields.cell(f"birth_history.{name}"), n, 1)
        grid.addWidget(self.flags["induced"], 0, 2)
        grid.addWidget(self.flags["epidural"], 1, 2)
        feeding_label = QLabel("Feeding:")
        grid.addWidget(feeding_label, 3, 0)
        for n, name in enumerate(_FEEDING):
            grid.addWidget(self.flags[name], 3 + n // 2, 1 + n % 2)
        grid.addWidget(QLabel("Neck and head:"), 5, 0)
        grid.addWidget(self.flags["torticollis"], 5, 1)
        grid.addWidget(self.flags["head_asymmetry"], 5, 2)
        grid.addWidget(fields.label("birth_history.note"), 6, 0)
        grid.addWidget(fields.cell("birth_history.note"), 6, 1, 1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(f"Birth history (the client is under {V.ADULT_AGE})"))
        layout.addLayout(grid)

    def focus_chain(self) -> list[QWidget]:
        return [
            self.labour_hours,
            self.flags["induced"],
            self.delivery,
            self.flags["epidural"],
            self.presentation,
            *(self.flags[name] for name in _FEEDING),
            self.flags["torticollis"],
            self.flags["head_asymmetry"],
            self.note,
        ]

    def load(self, history: BirthHistory | None) -> None:
        b = history or BirthHistory()
        self.labour_hours.setValue(NOT_KNOWN if b.labour_hours is None else b.labour_hours)
        self.delivery.set_code(b.delivery)
        self.presentation.set_code(b.presentation)
        for name, box in self.flags.items():
            box.setChecked(getattr(b, name))
        self.note.setPlainText(b.note)

    def value(self) -> BirthHistory:
        hours = self.labour_hours.value()
        return BirthHistory(
            labour_hours=None if hours == NOT_KNOWN else hours,
            delivery=self.delivery.code(),
            presentation=self.presentation.code(),
            note=plain(self.note),
            **{name: box.isChecked() for name, box in self.flags.items()},
        )
