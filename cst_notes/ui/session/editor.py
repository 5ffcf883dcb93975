"""The session editor: the screen a therapist fills in after every session.

The patient's alerts stay at the top; under the header (when, how long, consent) are five tabs:
Notes, Rhythm, Restrictions, Techniques and Outcomes (Ctrl+1 … Ctrl+5). Ctrl+S saves, Esc closes
(asking first if something changed), Ctrl+Shift+L starts from the last session. A draft is saved
with ``add_session`` or ``update_session``; a signed session opens read-only with its addenda.
Unsaved changes are kept as a draft a moment after each edit (as in every form), so that after a
crash the drafts bar offers them back.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cst_notes.domain.charting import CarriedOver
from cst_notes.domain.practitioner import practitioner_written
from cst_notes.domain.session import Restriction, RhythmFinding, Session, TechniqueApplied
from cst_notes.domain.validation import FieldError, ValidationError
from cst_notes.services import Changed, LockedError, Services
from cst_notes.ui.body_map.restriction_panel import RestrictionPanel
from cst_notes.ui.forms import unsaved_prompt
from cst_notes.ui.forms.draft_content import from_content, to_content
from cst_notes.ui.forms.draft_keeper import DraftKeeper, session_key
from cst_notes.ui.forms.unsaved_prompt import Choice
from cst_notes.ui.rhythm.events import EventsEditor
from cst_notes.ui.rhythm.grid import RhythmGrid
from cst_notes.ui.session.actions import SessionActions
from cst_notes.ui.session.form import ERROR_COLOUR, RESTRICTIONS, TAB_TITLES, SessionForm
from cst_notes.ui.session.techniques import TechniquesPanel
from cst_notes.ui.signing.signed_panel import SignedPanel
from cst_notes.ui.widgets.alerts_band import AlertsBand
from cst_notes.ui.widgets.field_feedback import STYLESHEET, error_label
from cst_notes.ui.widgets.formatting import local_time_text
from cst_notes.ui.widgets.keys import HELP_SECTION, key_shortcut
from cst_notes.ui.widgets.privacy import Privacy

NORMAL_SIZE = (1280, 860)
RESTRICTION_DIALOG = "restriction_dialog"  # in a session's draft: the restriction dialog left open
READ_ONLY_STYLE = """
QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"] { background: #f1f3f4; color: #212121; }
"""


class SessionEditor(QWidget):
    saved = Signal(object)  # a services.Changed, after a save, a signature or an addendum

    def __init__(
        self,
        services: Services,
        patient_id: int,
        session_id: int | None = None,
        initial: Session | None = None,
        parent: Any = None,
        *,
        privacy: Privacy | None = None,
    ) -> None:
        """``initial``: what a new session starts with (e.g. the reason to treat despite a contraindication).
        ``privacy``: the main window's privacy mode, which the title and the header follow."""
        super().__init__(parent)
        self.setObjectName("session_editor")
        self.setStyleSheet(STYLESHEET + READ_ONLY_STYLE)
        self._services = services
        self.patient_id = patient_id
        self.session_id = session_id
        self._base = Session(started_at=dt.datetime.now(dt.UTC))
        self._baseline: object = None
        self.patient = services.patient(patient_id)
        self.privacy = privacy or Privacy(parent=self)
        self.intake = services.intake(patient_id)
        self.start_check = services.session_start_check(patient_id)

        self.alerts = AlertsBand()
        self.alerts.setObjectName("session_alerts")
        self.alerts.show_screening(services.screening(patient_id))
        self.general_error = error_label()
        self.general_error.setObjectName("general_error")
        self.form = SessionForm(services, self.general_error, self._minutes_in)
        self.signed_panel = SignedPanel()
        self.form.signed_panel_slot.addWidget(self.signed_panel)
        f = self.form
        self.feedback, self.header, self.tabs = f.feedback, f.header, f.tabs
        self.soap, self.outcomes = f.soap, f.outcomes
        self.privacy.changed.connect(self._show_name)

        self.status_label = QLabel()
        self.status_label.setObjectName("session_status")
        self.status_label.setWordWrap(True)
        self.sign_button = QPushButton("S&ign…")
        self.sign_button.setObjectName("sign_session")
        self.sign_button.setToolTip("Sign the note: it is locked from then on")
        self.save_button = QPushButton("&Save")
        self.save_button.setObjectName("save_session")
        self.save_button.setToolTip("Save the draft (Ctrl+S)")
        self.save_button.setDefault(True)
        self.close_button = QPushButton("Close")
        self.close_button.setToolTip("Close (Esc)")
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        for button in (self.sign_button, self.save_button, self.close_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        layout.addWidget(self.alerts)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.general_error)
        layout.addLayout(bottom)

        self.commands = SessionActions(self, self, services)
        self.save_button.clicked.connect(self.save)
        self.sign_button.clicked.connect(self.commands.sign)
        self.close_button.clicked.connect(self.close)
        self.signed_panel.add_button.clicked.connect(lambda: self.commands.add_addendum())
        self.header.from_last_button.clicked.connect(self.commands.start_from_last)
        self.header.template_button.apply_requested.connect(self.commands.apply_template)
        self.header.template_button.save_requested.connect(self.commands.save_template)
        self.form.edited.connect(self._update_title)
        self.drafts = DraftKeeper(services, "session", self.content, self._has_unsaved, self)
        self.form.edited.connect(self.drafts.edited)
        self.form.dialog_edited.connect(self.drafts.edited)  # a restriction's dialog, while typed in
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.setProperty(HELP_SECTION, "charting-a-session")  # F1 here opens the guide there
        key_shortcut(self, "save_session", self.save, context)
        key_shortcut(self, "start_from_last", self.commands.start_from_last, context)
        for n in range(len(TAB_TITLES)):
            key_shortcut(self, "session_tab", partial(self.tabs.setCurrentIndex, n), context, index=n)

        if session_id is not None:
            self.load(services.session(session_id))
        else:
            now = dt.datetime.now().astimezone().replace(second=0, microsecond=0).astimezone(dt.UTC)
            start = initial or Session(started_at=now)
            self.load(replace(start, therapist=start.therapist or services.default_therapist()))
        self.drafts.follow(session_key(self._base.uid), patient_id)
        self._show_name()
        chain = [*self.header.focus_chain(), self.tabs.tabBar()]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.resize(*NORMAL_SIZE)
        self.header.started_edit.setFocus()

    # --- the session shown ------------------------------------------------------------------------

    # The Rhythm, Restrictions and Techniques tabs' widgets: built when first shown, or asked for here.
    @property
    def grid(self) -> RhythmGrid:
        return self.form.grid

    @property
    def events(self) -> EventsEditor:
        return self.form.events

    @property
    def restrictions(self) -> RestrictionPanel:
        return self.form.restrictions

    @property
    def techniques(self) -> TechniquesPanel:
        return self.form.techniques

    @property
    def is_new(self) -> bool:
        return self.session_id is None

    @property
    def read_only(self) -> bool:
        return self._base.is_signed

    def load(self, session: Session) -> None:
        """Show ``session`` (a signed one read-only); what is shown becomes the "unchanged" state."""
        self._base = session
        self.form.load(session, is_new=self.is_new, start=self.start_check)
        settings, practitioners = self._services.settings(), self._services.practitioners()
        self.signed_panel.show_session(session, lambda name: practitioner_written(name, practitioners, settings))
        self.header.from_last_button.setVisible(self.is_new)
        self.header.from_last_button.setEnabled(self.is_new and bool(self._services.sessions(self.patient_id)))
        self.save_button.setVisible(not session.is_signed)
        self.sign_button.setVisible(not session.is_signed)
        self._baseline = self._snapshot()
        self._update_title()

    def started_at(self) -> dt.datetime:
        return self.header.started_at()

    def has_charting(self) -> bool:
        return self.form.has_charting()

    def fill_charting(
        self,
        duration: int,
        findings: Sequence[RhythmFinding],
        restrictions: Sequence[Restriction],
        techniques: Sequence[TechniqueApplied],
    ) -> None:
        """Put the findings, restrictions and techniques (and the duration) of a template or of the
        last session in the form, as if typed."""
        self.form.fill_charting(duration, findings, restrictions, techniques)

    def mark_carried_over(self, source: str) -> None:
        """What the form now holds was copied from ``source`` (after ``fill_charting``): marked until
        the therapist confirms or changes it."""
        self.form.mark_carried_over(source, self.session())

    def unconfirmed(self) -> CarriedOver:
        """What was copied in and is not yet confirmed (nothing for a signed session)."""
        return self.form.carried

    def rhythm_has_problems(self) -> bool:
        return bool(self.form.rhythm_model.problems())

    def templates_changed(self) -> None:
        self.header.template_button.rebuild()

    def session(self) -> Session:
        return self.form.session(self._base)

    def revert(self) -> None:
        """Back to the session as it was loaded (or last saved), dropping the edits since."""
        self.load(self._base)

    def is_dirty(self) -> bool:
        return not self.read_only and self._snapshot() != self._baseline

    # --- drafts -----------------------------------------------------------------------------------

    def content(self) -> dict[str, Any]:
        """The session as shown, JSON-ready: what a draft keeps; with the restriction dialog's
        content while one is open and typed in."""
        content = to_content(self.session())
        dialog = self.form.restriction_dialog_content()
        return content if dialog is None else {**content, RESTRICTION_DIALOG: dialog}

    def _has_unsaved(self) -> bool:
        return self.is_dirty() or self.form.restriction_dialog_content() is not None

    def restore(self, content: dict[str, Any]) -> None:
        """Show a kept draft's content over the session loaded (which stays the "unchanged" state),
        and the restriction dialog that was open, as it was.

        Raises DraftContentError if the content is not a session's.
        """
        kept = from_content(Session, content)
        self.form.load(replace(kept, status=self._base.status), is_new=self.is_new, start=self.start_check)
        self._update_title()
        dialog = content.get(RESTRICTION_DIALOG)
        if isinstance(dialog, dict) and not self.read_only:
            self.tabs.setCurrentIndex(RESTRICTIONS)
            self.restrictions.reopen_dialog(dialog)

    def _snapshot(self) -> object:
        return (self.session(), self.form.rhythm_model.raw())

    # --- saving -----------------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the draft; on a validation error mark the fields and write nothing."""
        if self.read_only:
            return False
        self.form.clear_errors()
        problems = self.feedback.typed_problems() + self.form.rhythm_model.problems()
        if problems:
            self.show_errors(problems)
            return False
        try:
            if self.session_id is None:
                change = self._services.add_session(self.patient_id, self.session())
            else:
                change = self._services.update_session(self.session())
        except ValidationError as error:
            self.show_errors(list(error.errors))
            return False
        except LockedError as error:
            self.show_errors([FieldError("session", str(error))])
            return False
        self.session_id = change.session_id
        self.drafts.discard()
        self.reload(change, f"Saved at {dt.datetime.now():%H:%M}.")
        return True

    def reload(self, change: Changed, status: str) -> None:
        """After a save, a signature or an addendum: show what is stored, and tell the chart."""
        assert self.session_id is not None
        self.load(self._services.session(self.session_id))
        self.set_status(status)
        self.saved.emit(change)

    def show_errors(self, errors: list[FieldError]) -> None:
        self.form.show_errors(errors)
        count = len(errors)
        self.set_status(f"Not saved: {count} problem{'s' * (count != 1)}, marked in red.", error=True)

    def set_status(self, text: str, *, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;" if error else "color: #555;")

    # --- leaving ----------------------------------------------------------------------------------

    def confirm_leave(self) -> bool:
        """Ask Save / Discard / Cancel when something changed; False to stay."""
        if not self.is_dirty():
            self.drafts.discard()
            return True
        choice = unsaved_prompt.ask_unsaved(self, self.what())
        if choice == Choice.SAVE:
            return self.save()
        if choice == Choice.DISCARD:
            self._baseline = self._snapshot()
            self.drafts.discard()
            return True
        return False

    def what(self) -> str:
        return f"the session of {local_time_text(self.header.started_at())} with {self.patient_name}"

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.confirm_leave():
            event.accept()
        else:
            event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:  # reaches here only if no field used it (an open list, a cell)
            self.close()
            return
        super().keyPressEvent(event)

    # --- small things -----------------------------------------------------------------------------

    @property
    def patient_name(self) -> str:
        """The patient as this window names them now (initials in privacy mode)."""
        return self.privacy.name(self.patient.full_name, self.patient.preferred_name)

    def _show_name(self) -> None:
        self.header.patient_label.setText(self.patient_name)
        self._update_title()

    def _minutes_in(self) -> int:
        """Minutes since the session started, while it runs; else 0."""
        elapsed = int((dt.datetime.now(dt.UTC) - self.header.started_at()).total_seconds() // 60)
        return elapsed if 0 <= elapsed <= self.header.duration_spin.value() else 0

    def _update_title(self) -> None:
        state = "signed" if self.read_only else ("new, not saved yet" if self.is_new else "draft")
        when = local_time_text(self.header.started_at())
        self.setWindowTitle(f"Session {when} — {self.patient_name} ({state})[*]")
        self.setWindowModified(self.is_dirty())
