"""A combo box of a vocabulary's labels that gives back codes."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox

from cst_notes.domain.vocabulary import Vocabulary


class CodeComboBox(QComboBox):
    """Shows labels, returns codes; with a placeholder it starts with nothing chosen ('')."""

    def __init__(self, vocabulary: Vocabulary, *, placeholder: str = "", parent: Any = None) -> None:
        super().__init__(parent)
        for term in vocabulary:
            self.addItem(term.label, term.code)
        if placeholder:
            self.setPlaceholderText(placeholder)
            self.setCurrentIndex(-1)

    def code(self) -> str:
        data = self.currentData()
        return data if isinstance(data, str) else ""

    def set_code(self, code: str) -> None:
        self.setCurrentIndex(self.findData(code))
