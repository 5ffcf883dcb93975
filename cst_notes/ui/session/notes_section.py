"""The session's notes: SOAP, the client's response, adverse reactions, and the private notes.

Private notes are marked as such: they never go into a patient's documents unless the therapist
chooses so for that document.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from cst_notes.domain import vocabulary as V
from cst_notes.domain.session import AdverseReaction
from cst_notes.ui.widgets.checklist import CodeChecklist
from cst_notes.ui.widgets.form_fields import Fields, fill_with_scrolling
from cst_notes.ui.widgets.icons import LOCK, icon_label

SOAP = (
    ("subjective", "Su&bjective", "What the client reports: complaint, changes since the last session, in their words"),
    ("objective", "&Objective", "What you observed and palpated"),
    ("assessment", "&Assessment", "Your assessment"),
    ("plan", "&Plan", "Next steps, home care, referrals"),
)
RESPONSES = "Responses (not adverse)"
HEADING_COLOUR = "#37474F"
PRIVATE_TITLE = "Private notes — not in patient documents"
PRIVATE_COLOUR = "#6a1b9a"
PRIVATE_STYLE = "QFrame#private_box { background: #f3e5f5; border: 1px solid #ba68c8; border-radius: 4px; }"


PRIVATE_PLACEHOLDER = "SER dialogue, therapist-only remarks"


class NotesSection(QWidget):
    def __init__(self, fields: Fields, parent: Any = None) -> None:
        super().__init__(parent)
        self.fields = fields
        self.edits: dict[str, QPlainTextEdit] = {}
        for name, caption, placeholder in SOAP:
            self.edits[name] = fields.text(name, caption, lines=4, placeholder=placeholder)
        self.edits["response"] = fields.text(
            "response", "Client's &response", lines=3, placeholder="How the client responded during and after"
        )
        self.reactions = CodeChecklist(
            "adverse_reactions",
            [
                ("Adverse reactions", tuple(V.ADVERSE_REACTIONS), HEADING_COLOUR),
                (RESPONSES, tuple(V.SESSION_RESPONSES), HEADING_COLOUR),
            ],
            feedback=fields.feedback,
            edited=fields.edited,
            note_placeholder="Note (e.g. eased by the evening)",
        )
        self.edits["private_notes"] = fields.text(
            "private_notes", "Private notes", lines=4, placeholder=PRIVATE_PLACEHOLDER
        )
        private_box = QFrame()
        private_box.setObjectName("private_box")
        private_box.setStyleSheet(PRIVATE_STYLE)
        self.private_title = QLabel(PRIVATE_TITLE)
        self.private_title.setObjectName("private_title")
        self.private_title.setStyleSheet(f"font-weight: bold; color: {PRIVATE_COLOUR}; border: none;")
        self.private_title.setBuddy(self.edits["private_notes"])
        self.private_lock = icon_label(LOCK, PRIVATE_COLOUR)  # drawn: the bundled fonts have no lock sign
        self.private_lock.setStyleSheet("border: none;")
        title_row = QHBoxLayout()
        title_row.addWidget(self.private_lock)
        title_row.addWidget(self.private_title, 1)
        private_layout = QVBoxLayout(private_box)
        private_layout.addLayout(title_row)
        private_layout.addWidget(fields.cell("private_notes"))

        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)
        for n, (name, _, _) in enumerate(SOAP):
            column, row = n % 2, (n // 2) * 2
            grid.addWidget(fields.label(name), row, column)
            grid.addWidget(fields.cell(name), row + 1, column)
        grid.addWidget(fields.label("response"), 4, 0)
        grid.addWidget(fields.cell("response"), 5, 0)
        grid.addWidget(self.reactions, 4, 1, 3, 1)
        grid.addWidget(private_box, 6, 0)
        grid.setRowStretch(7, 1)
        fill_with_scrolling(self, grid)

    def text(self, name: str) -> str:
        return self.edits[name].toPlainText().strip()

    def adverse_reactions(self) -> tuple[AdverseReaction, ...]:
        return tuple(AdverseReaction(code, note) for code, note in self.reactions.entries())

    def set_values(self, texts: dict[str, str], reactions: Sequence[AdverseReaction]) -> None:
        for name, edit in self.edits.items():
            edit.setPlainText(texts.get(name, ""))
        self.reactions.set_entries([(r.code, r.note) for r in reactions])

    def set_read_only(self, read_only: bool) -> None:
        for edit in self.edits.values():
            edit.setReadOnly(read_only)
        for code, box in self.reactions.boxes.items():
            box.setEnabled(not read_only)
            self.reactions.notes[code].setReadOnly(read_only)

    def withhold_private_notes(self, author: str | None) -> None:
        """``author``: the private notes are theirs, and not shown to whoever is signed in (the box says
        so and takes no typing); None: the box is the signed-in practitioner's own."""
        edit = self.edits["private_notes"]
        assert isinstance(edit, QPlainTextEdit)
        if author is None:
            edit.setPlaceholderText(PRIVATE_PLACEHOLDER)
            return
        edit.setPlaceholderText(f"Only {author} reads the private notes of their sessions.")
        edit.setReadOnly(True)
