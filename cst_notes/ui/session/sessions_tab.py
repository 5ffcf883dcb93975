"""The chart's Sessions tab: the list of sessions, newest first, and "Start session…".

When the start needs a decision (an absolute contraindication, or no intake, screening or consent
on record: ``domain.session_start``), starting a session first asks for it and its reason, which is
stored with the session. The session editor then opens in its
own window; opening a session in the list (double-click or Enter) opens it there too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from cst_notes.domain.draft import Draft
from cst_notes.domain.intake import Intake
from cst_notes.domain.practitioner import practitioner_written
from cst_notes.domain.session import Session
from cst_notes.domain.signing import AUTHORSHIP, SIGNED, signature_words
from cst_notes.services import Changed, Services
from cst_notes.ui.forms.draft_content import DraftContentError, from_content
from cst_notes.ui.forms.draft_keeper import keep_dialog_draft, override_key
from cst_notes.ui.session.contraindication_override import OverrideDialog
from cst_notes.ui.session.editor import SessionEditor
from cst_notes.ui.signing.signed_panel import AddendumDialog
from cst_notes.ui.widgets import input_guard
from cst_notes.ui.widgets.formatting import local_time_text, pain_text
from cst_notes.ui.widgets.keys import text as key_text
from cst_notes.ui.widgets.privacy import Privacy

SESSION_COLUMNS = ("Date", "Duration", "Pain before → after", "Restrictions", "Status")


class SessionsTab(QWidget):
    changed = Signal(object)  # a services.Changed, after a session was saved, signed or given an addendum

    def __init__(self, services: Services, privacy: Privacy | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._services = services
        self.privacy = privacy or Privacy(parent=self)  # handed to each session editor
        self.patient_id: int | None = None
        self.patient_name = ""
        self.intake: Intake | None = None
        self.override_dialog: OverrideDialog | None = None
        self.editors: list[SessionEditor] = []  # open session editors, own windows (so quitting asks each)
        self._pending: list[Session] | None = None  # sessions given while the tab was hidden, not yet listed
        self.list = QTreeWidget()
        self.list.setObjectName("sessions_list")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(list(SESSION_COLUMNS))
        self.list.setUniformRowHeights(True)
        self.list.setToolTip("Double-click a session, or press Enter, to open it")
        self.list.itemActivated.connect(self._item_activated)
        self.start_button = QPushButton("S&tart session…")
        self.start_button.setObjectName("start_session_button")
        self.start_button.setToolTip(f"Start a session ({key_text('start_session')})")
        self.start_button.clicked.connect(lambda: self.start_session())
        buttons = QHBoxLayout()
        buttons.setContentsMargins(8, 4, 8, 8)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def show_record(self, patient_id: int, name: str, intake: Intake | None, sessions: list[Session]) -> None:
        """The patient's sessions; the list is filled now if the tab is on screen, else when it is
        first shown (a hundred rows, each with its signature's words, are no part of opening a
        chart on another tab: issue 18)."""
        self.patient_id, self.patient_name, self.intake = patient_id, name, intake
        self._pending = sessions
        if self.isVisible():
            self._list_pending()

    def showEvent(self, event: QShowEvent) -> None:
        self._list_pending()
        super().showEvent(event)

    @property
    def listed(self) -> bool:
        """Whether the list shows the latest sessions given (False while they wait for the tab to show)."""
        return self._pending is None

    def _list_pending(self) -> None:
        if self._pending is not None:
            sessions, self._pending = self._pending, None
            self._fill(sessions)

    def _fill(self, sessions: list[Session]) -> None:
        self.list.clear()
        settings, practitioners = self._services.settings(), self._services.practitioners()
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
            if s.is_signed:  # the signature's meaning, signer with credentials, date and time, and how made
                written = practitioner_written(s.signed_by, practitioners, settings)
                when = local_time_text(s.signed_at) if s.signed_at else "?"
                item.setToolTip(4, signature_words(AUTHORSHIP, s.signed_by, written, when, s.signature_scheme))
            if s.contraindication_override_reason:
                item.setToolTip(0, f"Reason to treat: {s.contraindication_override_reason}")
            self.list.addTopLevelItem(item)
        if not sessions:
            placeholder = QTreeWidgetItem(["No sessions yet."])
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addTopLevelItem(placeholder)
        for column in range(len(SESSION_COLUMNS)):
            self.list.resizeColumnToContents(column)

    def start_session(self, restored: dict[str, Any] | None = None) -> None:
        """Ask for the decision first if the start needs one, then the session. The reason is kept
        as a draft while typed; ``restored``: a draft's content, after a crash."""
        if self.patient_id is None:
            return
        check = self._services.session_start_check(self.patient_id)  # the latest records, not those on screen
        if not check.needs_reason:
            if restored is not None:
                self._services.discard_draft(override_key(self.patient_id))  # no reason is needed any more
            self._open_session_dialog(None)
            return
        dialog = OverrideDialog(self.patient_name, check, parent=self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        key = override_key(self.patient_id)
        keep_dialog_draft(dialog, self._services, "override", key, self.patient_id, restored=restored)
        dialog.accepted.connect(lambda: self._open_session_dialog(dialog.reason()))
        dialog.destroyed.connect(lambda: setattr(self, "override_dialog", None))
        self.override_dialog = dialog
        dialog.open()

    @property
    def session_editor(self) -> SessionEditor | None:
        """The session editor opened last (None when none is open)."""
        return self.editors[-1] if self.editors else None

    def open_session(self, session_id: int) -> SessionEditor:
        """Open a saved session in the editor (a signed one read-only); one already open comes to the front."""
        return self._open_editor(session_id, None)

    def _open_session_dialog(self, reason: str | None) -> None:
        self._open_editor(None, reason)

    def restore(self, draft: Draft) -> SessionEditor | None:
        """Open the session a draft was kept for (new, or saved before) with the draft's content.

        None if the draft is not a session's, or the session was signed since (it stays offered).
        """
        assert self.patient_id is not None
        try:
            kept = from_content(Session, draft.content)
        except DraftContentError:
            return None
        stored = next((s for s in self._services.sessions(self.patient_id) if s.uid == kept.uid), None)
        if stored is not None and stored.is_signed:
            return None
        if stored is None:
            start = Session(kept.started_at, uid=kept.uid)  # the same uid: the draft's key, and no duplicate
            editor = self._open_editor(None, kept.contraindication_override_reason or None, start)
        else:
            editor = self._open_editor(stored.id, None)
        editor.restore(draft.content)
        return editor

    def restore_addendum(self, draft: Draft) -> AddendumDialog | None:
        """Open the signed session an addendum's draft was kept for, and the dialog with its text."""
        assert self.patient_id is not None
        uid = draft.content.get("session_uid")
        stored = next((s for s in self._services.sessions(self.patient_id) if s.uid == uid), None)
        if stored is None or stored.id is None:
            return None
        return self.open_session(stored.id).commands.add_addendum(draft.content)

    def _open_editor(self, session_id: int | None, reason: str | None, start: Session | None = None) -> SessionEditor:
        assert self.patient_id is not None
        for editor in self.editors:
            if session_id is not None and editor.session_id == session_id:
                editor.raise_()
                editor.activateWindow()
                return editor
        now = dt.datetime.now().astimezone().replace(second=0, microsecond=0).astimezone(dt.UTC)
        initial = None if session_id is not None else Session(now, contraindication_override_reason=reason or "")
        if initial is not None and start is not None:
            initial = replace(start, contraindication_override_reason=reason or "")
        # No parent: an own window that keeps the application running until it is closed (and asked).
        patient_id = self.patient_id
        editor = input_guard.build(
            lambda: SessionEditor(self._services, patient_id, session_id, initial, privacy=self.privacy)
        )
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self._saved)
        editor.destroyed.connect(lambda: self.editors.remove(editor) if editor in self.editors else None)
        self.editors.append(editor)
        editor.show()
        editor.activateWindow()
        return editor

    def _saved(self, change: Changed) -> None:
        """An editor saved, signed or added an addendum: the chart and the lists follow in the next
        turn of the event loop, so that the editor's own work and theirs hold the window up in two
        shorter pieces, not one long one."""
        QTimer.singleShot(0, self, lambda: self.changed.emit(change))

    def _item_activated(self, item: QTreeWidgetItem) -> None:
        session_id = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(session_id, int):
            self.open_session(session_id)
