"""Before a session with an absolute contraindication on record: an explicit decision, with its reason."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from cst_notes.domain import vocabulary as V
from cst_notes.domain.intake import ContraindicationEntry
from cst_notes.domain.validation import SHORT_TEXT_MAX
from cst_notes.ui.widgets.alerts_band import ABSOLUTE_STYLE


class OverrideDialog(QDialog):
    """Names the absolute contraindication(s); "Treat anyway" stays disabled until a reason is written."""

    def __init__(self, patient_name: str, entries: tuple[ContraindicationEntry, ...], parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("override_dialog")
        self.setWindowTitle("Absolute contraindication")
        self.setMinimumWidth(520)
        items = "".join(
            f"<li>{html.escape(V.CONTRAINDICATIONS.label(c.code))}{' — ' + html.escape(c.note) if c.note else ''}</li>"
            for c in entries
        )
        self.warning = QLabel(
            f"<b>⚠ {html.escape(patient_name)} has an absolute contraindication on record:</b><ul>{items}</ul>"
            "Craniosacral therapy is not given in this case without an explicit, recorded decision."
        )
        self.warning.setObjectName("override_warning")
        self.warning.setTextFormat(Qt.TextFormat.RichText)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(ABSOLUTE_STYLE.replace("font-weight: bold;", ""))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("override_reason")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText("e.g. cleared in writing by the neurologist on …; light touch only")
        self.reason_edit.setFixedHeight(self.reason_edit.fontMetrics().lineSpacing() * 4 + 14)
        reason_label = QLabel("&Reason for going ahead (required; stored with the session):")
        reason_label.setBuddy(self.reason_edit)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #555;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.proceed_button = self.buttons.addButton("&Treat anyway…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.proceed_button.setObjectName("override_proceed")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)  # Enter does not go ahead by accident
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.reason_edit.textChanged.connect(self._update)
        self._update()
        self.reason_edit.setFocus()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def _update(self) -> None:
        reason = self.reason()
        too_long = len(reason) > SHORT_TEXT_MAX
        self.proceed_button.setEnabled(bool(reason) and not too_long)
        if too_long:
            self.hint.setText(f"The reason is too long ({len(reason)} characters; at most {SHORT_TEXT_MAX}).")
        else:
            self.hint.setText("" if reason else "Write the reason to go ahead.")

    def accept(self) -> None:
        if self.proceed_button.isEnabled():  # never without a reason, whatever the key pressed
            super().accept()
