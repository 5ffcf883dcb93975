"""What the session editor's buttons do besides saving: start from the last session, templates,
signing and addenda. Dialogs open with ``open()``; the one open is kept in ``dialog`` (for tests)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from cst_notes.domain.charting import NOT_COPIED_FROM_LAST, CarriedOver, SessionTemplate, template_from_session
from cst_notes.domain.session import Restriction, RhythmFinding, Session, TechniqueApplied
from cst_notes.domain.validation import ValidationError
from cst_notes.services import Changed, LockedError, Services
from cst_notes.ui.forms.draft_keeper import keep_dialog_draft, session_addendum_key
from cst_notes.ui.session import templates
from cst_notes.ui.session.templates import SaveTemplateDialog
from cst_notes.ui.signing.signed_panel import AddendumDialog, SignDialog, signed_in_name
from cst_notes.ui.widgets.formatting import local_date_text

NOT_COPIED = NOT_COPIED_FROM_LAST  # the status line says exactly what start-from-last left out


def ask_sign_anyway(parent: QWidget, question: str) -> bool:
    """Signing with copied items not yet confirmed: Yes signs; No (the default) goes back to them."""
    answer = QMessageBox.question(
        parent,
        "Not confirmed",
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def _messages(error: ValidationError) -> str:
    return "; ".join(f"{e.field.replace('_', ' ').capitalize()} {e.message}." for e in error.errors)


class Editor(Protocol):
    """What the actions need of the session editor (``SessionEditor`` is one)."""

    patient_id: int
    session_id: int | None

    @property
    def is_new(self) -> bool: ...
    @property
    def read_only(self) -> bool: ...
    def session(self) -> Session: ...
    def started_at(self) -> dt.datetime: ...
    def is_dirty(self) -> bool: ...
    def save(self) -> bool: ...
    def reload(self, change: Changed, status: str) -> None: ...
    def set_status(self, text: str, *, error: bool = False) -> None: ...
    def has_charting(self) -> bool: ...
    def fill_charting(
        self,
        duration: int,
        findings: Sequence[RhythmFinding],
        restrictions: Sequence[Restriction],
        techniques: Sequence[TechniqueApplied],
    ) -> None: ...
    def mark_carried_over(self, source: str) -> None: ...
    def unconfirmed(self) -> CarriedOver: ...
    def rhythm_has_problems(self) -> bool: ...
    def templates_changed(self) -> None: ...


class SessionActions:
    """``editor`` is what the actions work on; ``window`` is the editor's widget, the dialogs' parent."""

    def __init__(self, editor: Editor, window: QWidget, services: Services) -> None:
        self._editor = editor
        self._window = window
        self._services = services
        self.dialog: QDialog | None = None

    # --- faster charting --------------------------------------------------------------------------

    def start_from_last(self) -> None:
        """Fill in the last session's findings, restrictions and techniques (a new session only)."""
        e = self._editor
        previous = self._services.sessions(e.patient_id)
        if not e.is_new or e.read_only or not previous:
            return
        if e.has_charting() and not templates.ask_replace(self._window, "those of the last session"):
            return
        start = self._services.start_from_last_session(e.patient_id, e.started_at(), e.session().therapist)
        e.fill_charting(start.duration_minutes, start.rhythm_findings, start.restrictions, start.techniques)
        source = f"the session of {local_date_text(previous[-1].started_at)}"
        e.mark_carried_over(source)
        what = e.unconfirmed().describe()
        e.set_status(f"Copied from {source}: {what} (and the duration), marked until you confirm them. {NOT_COPIED}")

    def apply_template(self, template: SessionTemplate) -> None:
        e = self._editor
        if e.read_only:
            return
        if e.has_charting() and not templates.ask_replace(self._window, f"the template “{template.name}”"):
            return
        e.fill_charting(template.duration_minutes, template.rhythm_findings, template.restrictions, template.techniques)
        source = f"the template “{template.name}”"
        e.mark_carried_over(source)
        what = e.unconfirmed().describe()
        e.set_status(f"Filled in from {source}: {what} (and the duration), marked until you confirm them.")

    def save_template(self) -> None:
        dialog = SaveTemplateDialog(self._window)
        dialog.submit = self._save_template
        self._open(dialog)

    def _save_template(self, name: str) -> str:
        e = self._editor
        if e.rhythm_has_problems():
            return "Correct the rhythm findings marked in red first."
        try:
            self._services.save_session_template(template_from_session(name, e.session()))
        except ValidationError as error:
            return _messages(error)
        e.templates_changed()
        e.set_status(f"Saved the template “{name.strip()}”.")
        return ""

    # --- signing ----------------------------------------------------------------------------------

    def sign(self) -> None:
        """Save what changed first (a session with errors is not offered for signing), then confirm."""
        e = self._editor
        if e.read_only or ((e.is_new or e.is_dirty()) and not e.save()):
            return
        unconfirmed = e.unconfirmed()
        if unconfirmed.count and not ask_sign_anyway(self._window, unconfirmed.question()):
            e.set_status("Not signed: confirm or change what was copied (the amber bands), then sign.")
            return
        copied = f"{unconfirmed.describe()} copied from {unconfirmed.source}" if unconfirmed.count else ""
        dialog = SignDialog(
            self._services.default_therapist() or e.session().therapist,
            self._window,
            signers=self._services.signers(),
            asks_passphrase=self._services.asks_passphrase,
            signed_in=signed_in_name(self._services),
        )
        dialog.submit = lambda d: self._sign(d.name(), copied, d.passphrase())
        self._open(dialog)

    def _sign(self, therapist: str, unconfirmed: str = "", passphrase: str | None = None) -> str:
        e = self._editor
        assert e.session_id is not None
        try:
            change = self._services.sign_session(
                e.session_id, therapist, unconfirmed=unconfirmed, passphrase=passphrase
            )
        except ValidationError as error:
            return _messages(error)
        except LockedError as error:
            return str(error)
        e.reload(change, f"Signed by {therapist}.")
        return ""

    def add_addendum(self, restored: dict[str, Any] | None = None) -> AddendumDialog | None:
        """The addendum dialog for the signed session; its text is kept as a draft while typed.
        ``restored``: a draft's content, after a crash."""
        e = self._editor
        if not e.read_only:
            return None
        session = e.session()
        dialog = AddendumDialog(
            self._services.default_therapist() or session.signed_by,
            self._window,
            signers=self._services.signers(),
            asks_passphrase=self._services.asks_passphrase,
            signed_in=signed_in_name(self._services),
        )
        dialog.submit = lambda d: self._add_addendum(d.text(), d.name(), d.passphrase())
        key = session_addendum_key(session.uid)
        context = {"session_uid": session.uid, "session_started_at": session.started_at.isoformat()}
        keep_dialog_draft(
            dialog, self._services, "session_addendum", key, e.patient_id, restored=restored, context=context
        )
        self._open(dialog)
        return dialog

    def _add_addendum(self, text: str, author: str, passphrase: str | None = None) -> str:
        e = self._editor
        assert e.session_id is not None
        try:
            change = self._services.add_session_addendum(e.session_id, text, author, passphrase=passphrase)
        except ValidationError as error:
            return _messages(error)
        e.reload(change, "Addendum added.")
        return ""

    def _open(self, dialog: QDialog) -> None:
        if self.dialog is not None:
            self.dialog.reject()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
