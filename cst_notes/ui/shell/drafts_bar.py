"""At start-up, the forms left unsaved (a crash, a power cut) are offered back: Restore or Discard."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cst_notes.domain.draft import Draft
from cst_notes.services import NotFoundError, Services
from cst_notes.ui.widgets.privacy import Privacy

BAR_STYLE = "#drafts_bar { background: #fff8e1; border: 1px solid #ffb300; border-radius: 4px; }"
FORM_NAMES = {
    "intake": "intake",
    "plan": "follow-up plan",
    "patient": "details",
    "session": "session",
    "session_addendum": "addendum to a session",
    "intake_addendum": "addendum to the intake",
    "override": "reason to treat",
    "close_course": "closing of the course of care",
    "screening_change": "screening change",
}


def _when(saved_at: str) -> str:
    try:
        return dt.datetime.fromisoformat(saved_at.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return saved_at


def describe(draft: Draft, services: Services, privacy: Privacy) -> str:
    """'Unsaved intake for অমিত রায় from 2026-03-02 14:05' (for অ. রা. in privacy mode)."""
    if draft.form == "new_patient":
        name = privacy.name(str(draft.content.get("full_name") or "").strip())
        return f"Unsaved new patient{f' {name}' if name else ''} from {_when(draft.saved_at)}"
    try:
        patient = services.patient(draft.patient_id) if draft.patient_id is not None else None
        name = privacy.name(patient.full_name, patient.preferred_name) if patient is not None else "?"
    except NotFoundError:
        name = "a patient no longer in the database"
    what = FORM_NAMES.get(draft.form, draft.form)
    if draft.form == "session_addendum" and draft.content.get("session_started_at"):
        what = f"addendum to the session of {_when(str(draft.content['session_started_at']))[:10]}"
    return f"Unsaved {what} for {name} from {_when(draft.saved_at)}"


class DraftsBar(QFrame):
    restore_requested = Signal(object)  # a Draft

    def __init__(self, services: Services, privacy: Privacy | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("drafts_bar")
        self.setStyleSheet(BAR_STYLE)
        self._services = services
        self.privacy = privacy or Privacy(parent=self)
        self.privacy.changed.connect(self._privacy_changed)
        self.rows: dict[str, tuple[QLabel, QPushButton, QPushButton]] = {}
        self.drafts: dict[str, Draft] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 10, 6)
        self._layout.setSpacing(4)
        self.setVisible(False)

    def show_drafts(self, drafts: list[Draft]) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows.clear()
        self.drafts = {draft.key: draft for draft in drafts}
        for draft in drafts:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            label = QLabel(describe(draft, self._services, self.privacy))
            restore = QPushButton("Restore")
            restore.setObjectName(f"restore:{draft.key}")
            discard = QPushButton("Discard")
            discard.setObjectName(f"discard:{draft.key}")
            restore.clicked.connect(lambda _c=False, d=draft: self._restore(d))
            discard.clicked.connect(lambda _c=False, d=draft: self.discard(d))
            line.addWidget(label, 1)
            line.addWidget(restore)
            line.addWidget(discard)
            self._layout.addWidget(row)
            self.rows[draft.key] = (label, restore, discard)
        self.setVisible(bool(drafts))

    def _privacy_changed(self) -> None:
        for key, (label, _, _) in self.rows.items():
            label.setText(describe(self.drafts[key], self._services, self.privacy))

    def _forget(self, key: str) -> None:
        self.drafts.pop(key, None)
        label, _, _ = self.rows.pop(key)
        row = label.parentWidget()
        if row is not None:
            self._layout.removeWidget(row)
            row.deleteLater()
        self.setVisible(bool(self.rows))

    def _restore(self, draft: Draft) -> None:
        self._forget(draft.key)
        self.restore_requested.emit(draft)

    def discard(self, draft: Draft) -> None:
        self._services.discard_draft(draft.key)
        self._forget(draft.key)
