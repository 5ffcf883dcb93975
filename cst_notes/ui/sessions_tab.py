"""The chart's Sessions tab: the list of sessions, newest first, and "Start session…".

With an absolute contraindication on record, starting a session first asks for an explicit
decision and its reason, which is stored with the session.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from cst_notes.domain.intake import Intake
from cst_notes.domain.session import Session
from cst_notes.domain.signing import SIGNED
from cst_notes.services import Services
from cst_notes.ui.formatting import local_time_text, pain_text
from cst_notes.ui.override_dialog import OverrideDialog
from cst_notes.ui.start_session_dialog import StartSessionDialog

SESSION_COLUMNS = ("Date", "Duration", "Pain before → after", "Restrictions", "Status")
START_SESSION_SHORTCUT = "Ctrl+Shift+N"


class SessionsTab(QWidget):
    changed = Signal(object)  # a services.Changed, after a session was added

    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self._services = services
        self.patient_id: int | None = None
        self.patient_name = ""
        self.intake: Intake | None = None
        self.override_dialog: OverrideDialog | None = None
        self.session_dialog: StartSessionDialog | None = None
        self.list = QTreeWidget()
        self.list.setObjectName("sessions_list")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(list(SESSION_COLUMNS))
        self.list.setUniformRowHeights(True)
        self.start_button = QPushButton("S&tart session…")
        self.start_button.setObjectName("start_session_button")
        self.start_button.setToolTip(f"Start a session ({START_SESSION_SHORTCUT})")
        self.start_button.clicked.connect(self.start_session)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(8, 4, 8, 8)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def show_record(self, patient_id: int, name: str, intake: Intake | None, sessions: list[Session]) -> None:
        self.patient_id, self.patient_name, self.intake = patient_id, name, intake
        self.list.clear()
        for s in sorted(sessions, key=lambda s: s.started_at, reverse=True):
            item = QTreeWidgetItem(
                [
                    local_time_text(s.started_at),
                    f"{s.duration_minutes} min",
                    pain_text(s.pain_before, s.pain_after),
                    str(len(s.restrictions)) if s.restrictions else "",
                    "Signed" if s.status == SIGNED else "Draft",
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, s.id)
            if s.contraindication_override_reason:
                item.setToolTip(0, f"Treated despite a contraindication: {s.contraindication_override_reason}")
            self.list.addTopLevelItem(item)
        if not sessions:
            placeholder = QTreeWidgetItem(["No sessions yet."])
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addTopLevelItem(placeholder)
        for column in range(len(SESSION_COLUMNS)):
            self.list.resizeColumnToContents(column)

    def start_session(self) -> None:
        """Ask for the decision first if an absolute contraindication is on record, then the session."""
        if self.patient_id is None:
            return
        intake = self._services.intake(self.patient_id)  # the latest screening, not the one on screen
        absolute = intake.absolute_contraindications if intake else ()
        if not absolute:
            self._open_session_dialog(None)
            return
        dialog = OverrideDialog(self.patient_name, absolute, parent=self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._open_session_dialog(dialog.reason()))
        dialog.destroyed.connect(lambda: setattr(self, "override_dialog", None))
        self.override_dialog = dialog
        dialog.open()

    def _open_session_dialog(self, reason: str | None) -> None:
        assert self.patient_id is not None
        dialog = StartSessionDialog(
            self._services, self.patient_id, self.patient_name, override_reason=reason, parent=self.window()
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._session_added(dialog))
        dialog.destroyed.connect(lambda: setattr(self, "session_dialog", None))
        self.session_dialog = dialog
        dialog.open()

    def _session_added(self, dialog: StartSessionDialog) -> None:
        if dialog.change is not None:
            self.changed.emit(dialog.change)
