"""The amber "from last session — confirm" band above the Rhythm, Restrictions and Techniques tabs:
what was copied into this draft and is not yet confirmed, and a button to confirm the section."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from cst_notes.ui.widgets.alerts_band import RELATIVE_STYLE

CARRIED_COLOUR = "#ffb300"  # amber, as the relative-contraindication band


class CarriedBanner(QWidget):
    """Hidden while nothing in its section is unconfirmed."""

    def __init__(self, name: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"carried_{name}")
        self.setStyleSheet(f"#carried_{name} {{ {RELATIVE_STYLE} }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.confirm_button = QPushButton("C&onfirm")
        self.confirm_button.setObjectName(f"confirm_{name}")
        self.confirm_button.setToolTip("These are right for today's session: remove the mark")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.confirm_button)
        self.hide()

    def show_items(self, source: str, items: list[str]) -> None:
        """``items``: the unconfirmed items' names (none: the band hides)."""
        if not items:
            self.hide()
            return
        listed = "; ".join(items)
        self.label.setText(
            f"⚠ From {source} — confirm: {listed}. Changing an item confirms it; Confirm confirms them all."
        )
        self.show()
