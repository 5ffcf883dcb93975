"""A checklist of a vocabulary's terms, each with a note that opens when the term is ticked.

Used for the practice's condition checklist and the contraindication screening. The ticked terms
come back in vocabulary order, so ``conditions[2].code`` names the third ticked box.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QWidget

from cst_notes.domain.vocabulary import Term
from cst_notes.ui.widgets.field_feedback import FieldFeedback, error_label
from cst_notes.ui.widgets.form_fields import watch
from cst_notes.ui.widgets.pair_grid import TWO_COLUMNS_FROM


class CodeChecklist(QWidget):
    def __init__(
        self,
        field: str,
        groups: Sequence[tuple[str, Sequence[Term], str]],
        *,
        feedback: FieldFeedback,
        edited: Callable[[], None],
        note_placeholder: str = "Note",
        columns: int = 1,
    ) -> None:
        """``groups``: (heading, terms, colour) in order; an empty heading shows no heading.

        ``columns``: how many (box, note) pairs side by side; the terms run left to right, then down.
        """
        super().__init__()
        self.setObjectName(field)
        self.field = field
        self._feedback = feedback
        self.boxes: dict[str, QCheckBox] = {}
        self.notes: dict[str, QLineEdit] = {}
        self._messages: dict[str, QLabel] = {}
        self._max_columns = columns
        self._columns = 0
        self._groups: list[tuple[QLabel | None, list[str]]] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(2)
        for heading, terms, colour in groups:
            title = None
            if heading:
                title = QLabel(heading)
                title.setStyleSheet(f"color: {colour}; font-weight: bold; padding-top: 6px;")
            self._groups.append((title, [t.code for t in terms]))
            for term in terms:
                box = QCheckBox(term.label)
                box.setObjectName(f"{field}:{term.code}")
                if colour:
                    box.setStyleSheet(f"QCheckBox {{ color: {colour}; }}")
                note = QLineEdit()
                note.setObjectName(f"{field}:{term.code}:note")
                note.setPlaceholderText(note_placeholder)
                note.setEnabled(False)
                box.toggled.connect(note.setEnabled)
                self.boxes[term.code], self.notes[term.code], self._messages[term.code] = box, note, error_label()
                for widget in (box, note):
                    watch(widget, edited)
                    watch(widget, self._clearer(term.code))
        self._layout(1)

    def _layout(self, columns: int) -> None:
        """(box, note) pairs ``columns`` side by side, left to right and then down."""
        self._columns = columns
        grid = self._grid
        for title, codes in self._groups:
            for widget in (title, *(w for c in codes for w in (self.boxes[c], self.notes[c], self._messages[c]))):
                if widget is not None:
                    grid.removeWidget(widget)
        for column in range(2 * self._max_columns):
            grid.setColumnStretch(column, 1 if column % 2 and column < 2 * columns else 0)
        row = 0
        for title, codes in self._groups:
            if title is not None:
                grid.addWidget(title, row, 0, 1, 2 * columns)
                row += 1
            for n, code in enumerate(codes):
                at_row, at_column = row + 2 * (n // columns), 2 * (n % columns)
                grid.addWidget(self.boxes[code], at_row, at_column, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(self.notes[code], at_row, at_column + 1)
                grid.addWidget(self._messages[code], at_row + 1, at_column, 1, 2)
            row += 2 * -(-len(codes) // columns)  # the rows this group took

    def resizeEvent(self, event: QResizeEvent) -> None:
        columns = self._max_columns if event.size().width() >= TWO_COLUMNS_FROM else 1
        if columns != self._columns:
            self._layout(columns)
        super().resizeEvent(event)

    def entries(self) -> list[tuple[str, str]]:
        """(code, note) of every ticked term, in the vocabulary's order."""
        return [(code, self.notes[code].text().strip()) for code, box in self.boxes.items() if box.isChecked()]

    def set_entries(self, entries: Sequence[tuple[str, str]]) -> None:
        given = dict(entries)
        for code, box in self.boxes.items():
            box.setChecked(code in given)
            self.notes[code].setText(given.get(code, ""))

    def set_shown(self, codes: Collection[str], shown: bool) -> None:
        """Show or hide the terms ``codes`` (a question that does not apply); a hidden one keeps its value."""
        for code in codes:
            self.boxes[code].setVisible(shown)
            self.notes[code].setVisible(shown)
            if not shown:
                self._messages[code].setVisible(False)

    def focus_chain(self) -> list[QWidget]:
        return [w for code in self.boxes for w in (self.boxes[code], self.notes[code])]

    def _clearer(self, code: str) -> Callable[[], None]:
        return lambda: self._clear(code)

    def _clear(self, code: str) -> None:
        ticked = [c for c, _ in self.entries()]
        if code in ticked:
            n = ticked.index(code)
            self._feedback.clear_field(f"{self.field}[{n}].code")
            self._feedback.clear_field(f"{self.field}[{n}].note")

    def register(self) -> None:
        """Name the ticked terms for the feedback by their place in the list: call before showing errors."""
        self._feedback.forget(f"{self.field}[")
        for n, (code, _) in enumerate(self.entries()):
            label = self.boxes[code].text()
            self._feedback.add(f"{self.field}[{n}].code", label, self.boxes[code], self._messages[code])
            self._feedback.add(f"{self.field}[{n}].note", f"{label}: note", self.notes[code], self._messages[code])
