"""Techniques applied: the 10-step protocol in its order, the other common techniques, and the
therapist's own (added once here, offered in every session afterwards); each with an optional note."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain import vocabulary as V
from cst_notes.domain.session import TechniqueApplied, technique_label
from cst_notes.domain.validation import NAME_MAX, SHORT_TEXT_MAX, ValidationError
from cst_notes.services import Services
from cst_notes.ui.widgets.field_feedback import FieldFeedback, error_label
from cst_notes.ui.widgets.form_fields import fill_with_scrolling, watch

STEP_INDENT = 18  # pixels: the techniques of a step stand under its number
PRIVATE_HINT = {"somatoemotional_release": "Note (the dialogue itself belongs in the private notes)"}


def offered(custom: Mapping[str, str]) -> list[str]:
    """The techniques' codes in the panel's order: the 10-step protocol, the other common techniques,
    then the therapist's own (``custom``: code -> name) by name."""
    protocol = [code for step in V.TEN_STEP_PROTOCOL for code in step.techniques]
    other = [term.code for term in V.TECHNIQUES.in_group("other")]
    own = [code for code, _ in sorted(custom.items(), key=lambda item: item[1].casefold())]
    return list(dict.fromkeys(protocol + other + own))


def as_the_panel_gives(
    techniques: Sequence[TechniqueApplied], custom: Mapping[str, str]
) -> tuple[TechniqueApplied, ...]:
    """``techniques`` as a panel offering ``custom`` gives them back once set to them: in its order
    (a code it does not offer after its own, in the order given), each note without the spaces around it."""
    given = {t.technique: t.note for t in techniques}
    order = offered(custom)
    known = frozenset(order)
    codes = [code for code in order if code in given] + [code for code in given if code not in known]
    return tuple(TechniqueApplied(code, given[code].strip()) for code in codes)


class _Group(QGroupBox):
    def __init__(self, title: str) -> None:
        super().__init__(title)
        self.grid = QGridLayout(self)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(1, 1)


class TechniquesPanel(QWidget):
    edited = Signal()

    def __init__(
        self,
        services: Services,
        feedback: FieldFeedback,
        parent: Any = None,
        *,
        custom: Mapping[str, str] | None = None,
    ) -> None:
        """``custom``: the therapist's own techniques (code -> name) to offer, if not the stored ones."""
        super().__init__(parent)
        self.setObjectName("techniques")
        self._services = services
        self._feedback = feedback
        self._read_only = False
        self.boxes: dict[str, QCheckBox] = {}
        self.notes: dict[str, QLineEdit] = {}
        self._messages: dict[str, QLabel] = {}
        self.ten_step = _Group("10-step protocol (in its usual order)")
        self.ten_step.setObjectName("ten_step_group")
        for step in V.TEN_STEP_PROTOCOL:
            if len(step.techniques) == 1:  # the step is its technique: the box carries the number
                self._add(self.ten_step, step.techniques[0], f"{step.number}. {step.label}")
                continue
            heading = QLabel(f"{step.number}. {step.label}")
            self.ten_step.grid.addWidget(heading, self.ten_step.grid.rowCount(), 0, 1, 2)
            for code in step.techniques:
                self._add(self.ten_step, code, V.TECHNIQUES.label(code), indent=True)
        self.other = _Group("Other techniques")
        for term in V.TECHNIQUES.in_group("other"):
            self._add(self.other, term.code, term.label)
        self.own = _Group("My own techniques")
        self.own_empty = QLabel("None yet: add one below; it is offered in every session afterwards.")
        self.own_empty.setStyleSheet("color: #757575; font-style: italic;")
        self.own.grid.addWidget(self.own_empty, 0, 0, 1, 2)
        own = services.custom_techniques() if custom is None else custom
        for code, label in sorted(own.items(), key=lambda item: item[1].casefold()):
            self._add(self.own, code, label)
        self.own_edit = QLineEdit()
        self.own_edit.setObjectName("own_technique")
        self.own_edit.setMaxLength(NAME_MAX)
        self.own_edit.setPlaceholderText("Name of your own technique…")
        self.own_button = QPushButton("Add &own technique")
        self.own_button.setObjectName("add_own_technique")
        self.own_edit.returnPressed.connect(self.add_own)
        self.own_button.clicked.connect(self.add_own)
        self.own_message = error_label()
        adder = QHBoxLayout()
        adder.addWidget(self.own_edit, 1)
        adder.addWidget(self.own_button)
        self.own_adder = QWidget()
        adder_box = QVBoxLayout(self.own_adder)
        adder_box.setContentsMargins(0, 0, 0, 0)
        adder_box.addLayout(adder)
        adder_box.addWidget(self.own_message)

        left = QVBoxLayout()
        left.addWidget(self.ten_step)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.other)
        right.addWidget(self.own)
        right.addWidget(self.own_adder)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        fill_with_scrolling(self, columns)
        self._update_own()

    # --- values -----------------------------------------------------------------------------

    def techniques(self) -> tuple[TechniqueApplied, ...]:
        """The ticked techniques: the protocol in order, then the others, then the therapist's own."""
        return tuple(TechniqueApplied(code, self.notes[code].text().strip()) for code in self.ticked())

    def ticked(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_techniques(self, techniques: Sequence[TechniqueApplied]) -> None:
        given = {t.technique: t.note for t in techniques}
        for code in given:
            if code not in self.boxes:  # an own technique no longer in the list: still shown
                self._add(self.own, code, technique_label(code))
        for code, box in self.boxes.items():
            box.setChecked(code in given)
            self.notes[code].setText(given.get(code, ""))
        self._update_own()

    def add_own(self) -> str | None:
        """Add the typed technique to the therapist's own (kept for later sessions) and tick it."""
        label = self.own_edit.text().strip()
        if self._read_only or not label:
            return None
        try:
            code = self._services.add_custom_technique(label)
        except ValidationError as error:
            self.own_message.setText("; ".join(e.message for e in error.errors))
            self.own_message.setVisible(True)
            return None
        self.own_message.setVisible(False)
        if code not in self.boxes:
            self._add(self.own, code, label)
        self.boxes[code].setChecked(True)
        self.own_edit.clear()
        self.notes[code].setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_own()
        return code

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for code, box in self.boxes.items():
            box.setEnabled(not read_only)
            self.notes[code].setReadOnly(read_only)
        self.own_adder.setVisible(not read_only)

    def register(self) -> None:
        """Name the ticked techniques by their place (``techniques[2].note``): call before showing errors."""
        self._feedback.forget("techniques[")
        for n, code in enumerate(self.ticked()):
            label = self.boxes[code].text()
            self._feedback.add(f"techniques[{n}].technique", label, self.boxes[code], self._messages[code])
            self._feedback.add(f"techniques[{n}].note", f"{label}: note", self.notes[code], self._messages[code])

    # --- building ---------------------------------------------------------------------------

    def _add(self, group: _Group, code: str, label: str, *, indent: bool = False) -> None:
        box = QCheckBox(label)
        box.setObjectName(f"technique:{code}")
        note = QLineEdit()
        note.setObjectName(f"technique:{code}:note")
        note.setMaxLength(SHORT_TEXT_MAX)
        note.setPlaceholderText(PRIVATE_HINT.get(code, "Note (optional)"))
        note.setEnabled(False)
        box.toggled.connect(note.setEnabled)
        message = error_label()
        row = group.grid.rowCount()
        if indent:  # a technique within a numbered step
            holder = QWidget()
            inset = QHBoxLayout(holder)
            inset.setContentsMargins(STEP_INDENT, 0, 0, 0)
            inset.addWidget(box)
            group.grid.addWidget(holder, row, 0, Qt.AlignmentFlag.AlignVCenter)
        else:
            group.grid.addWidget(box, row, 0, Qt.AlignmentFlag.AlignVCenter)
        group.grid.addWidget(note, row, 1)
        group.grid.addWidget(message, row + 1, 0, 1, 2)
        for widget in (box, note):
            widget.show()  # at once, not when the layout gets round to it: a new own note takes the focus
        self.boxes[code], self.notes[code], self._messages[code] = box, note, message
        for widget in (box, note):
            watch(widget, self.edited.emit)
        box.setEnabled(not self._read_only)
        note.setReadOnly(self._read_only)

    def _update_own(self) -> None:
        self.own_empty.setVisible(not any(code.startswith(V.CUSTOM_TECHNIQUE_PREFIX) for code in self.boxes))
