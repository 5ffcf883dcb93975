"""Before a session that needs a decision (``domain.session_start``): an absolute contraindication, or
no intake, screening or consent on record. The dialog says which, and asks for the reason."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from cst_notes.domain import vocabulary as V
from cst_notes.domain.session_start import StartCheck
from cst_notes.domain.validation import SHORT_TEXT_MAX
from cst_notes.ui.forms.draft_keeper import DraftDialog
from cst_notes.ui.widgets.alerts_band import ABSOLUTE_STYLE, RELATIVE_STYLE


class OverrideDialog(DraftDialog):
    """Names what needs the decision; "Treat anyway" stays disabled until a reason is written."""

    def __init__(self, patient_name: str, check: StartCheck, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("override_dialog")
        self.setWindowTitle(check.title)
        self.setMinimumWidth(520)
        name = html.escape(patient_name)
        parts = []
        if check.has_absolute:
            items = "".join(
                f"<li>{html.escape(V.CONTRAINDICATIONS.label(c.code) + (' — ' + c.note if c.note else ''))}</li>"
                for c in check.absolute
            )
            parts.append(f"<b>⚠ {name} has an absolute contraindication on record:</b><ul>{items}</ul>")
        missing = [p for p in check.problems() if not p.startswith("an absolute")]
        if missing:
            items = "".join(f"<li>{html.escape(p[0].upper() + p[1:])}</li>" for p in missing)
            intro = "There is also" if check.has_absolute else f"<b>⚠ For {name} there is</b>"
            parts.append(f"{intro}:<ul>{items}</ul>")
        self.warning = QLabel(
            "".join(parts) + "Craniosacral therapy is not given in this case without an explicit, recorded decision."
        )
        self.warning.setObjectName("override_warning")
        self.warning.setTextFormat(Qt.TextFormat.RichText)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            (ABSOLUTE_STYLE if check.has_absolute else RELATIVE_STYLE).replace("font-weight: bold;", "")
        )
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("override_reason")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText(
            "e.g. cleared in writing by the neurologist on …; light touch only"
            if check.has_absolute
            else "e.g. verbal consent today, intake and screening at the next visit; first aid only"
        )
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

    def content(self) -> dict[str, Any]:
        return {"reason": self.reason_edit.toPlainText()}

    def set_content(self, content: dict[str, Any]) -> None:
        self.reason_edit.setPlainText(str(content.get("reason") or ""))
        self.reason_edit.moveCursor(QTextCursor.MoveOperation.End)

    def draft_fields(self) -> Sequence[QWidget]:
        return (self.reason_edit,)

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
