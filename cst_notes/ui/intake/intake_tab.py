"""The chart's Intake tab: the intake read-only with "Edit intake", or the form itself at a first visit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from cst_notes.domain.draft import Draft
from cst_notes.domain.intake import Intake
from cst_notes.domain.patient import Patient
from cst_notes.domain.practitioner import practitioner_written
from cst_notes.domain.validation import FieldError, ValidationError
from cst_notes.services import Changed, LockedError, NotFoundError, Services
from cst_notes.ui.forms.draft_keeper import intake_addendum_key, intake_key, keep_dialog_draft
from cst_notes.ui.forms.form_tab import FormTab
from cst_notes.ui.intake.form import IntakeForm
from cst_notes.ui.intake.intake_page import intake_html
from cst_notes.ui.signing.signed_panel import AddendumDialog, SignDialog, signed_in_name

D = TypeVar("D", SignDialog, AddendumDialog)


class IntakeTab(FormTab):
    def __init__(self, services: Services, today: Callable[[], dt.date], parent: Any = None) -> None:
        super().__init__(services, today, "intake", parent)
        self.intake: Intake | None = None
        self.patient: Patient | None = None
        self.view = QTextBrowser()
        self.view.setObjectName("intake_view")
        self.view.setOpenLinks(False)
        self.edit_button = QPushButton("&Edit intake…")
        self.edit_button.setObjectName("edit_intake")
        self.edit_button.clicked.connect(self.edit)
        self.sign_button = QPushButton("Sign intake…")
        self.sign_button.clicked.connect(self.sign)
        self.addendum_button = QPushButton("Add addendum…")
        self.addendum_button.clicked.connect(lambda: self.add_addendum())
        self.note_dialog: SignDialog | AddendumDialog | None = None
        view_page = QWidget()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(8, 4, 8, 8)
        buttons.addStretch(1)
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.addendum_button)
        buttons.addWidget(self.edit_button)
        box = QVBoxLayout(view_page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.view, 1)
        box.addLayout(buttons)
        self.form = IntakeForm(today())
        self.form.edited.connect(self.form_edited)
        self.build_pages(view_page, self.form, self.form.focus_chain()[-1])

    # --- FormTab ----------------------------------------------------------------------------

    def what(self) -> str:
        return f"the intake of {self.patient_name}"

    def draft_key(self, patient_id: int) -> str:
        return intake_key(patient_id)

    def content(self) -> dict[str, Any]:
        return self.form.content()

    def set_content(self, content: dict[str, Any]) -> None:
        self.form.set_content(content)

    def load_form(self) -> None:
        self.form.load(self.intake, self.patient)

    def save_form(self) -> Changed:
        assert self.patient_id is not None
        self.form.feedback.raise_if_typed_problems()
        change = self._services.save_intake(self.patient_id, self.form.intake())
        self.intake = self._services.intake(self.patient_id)
        return change

    def show_errors(self, errors: tuple[FieldError, ...]) -> None:
        self.form.show_errors(errors)

    def _show_view(self) -> None:
        super()._show_view()
        if self.intake is None and self.patient_id is not None:
            self.start_editing()  # a first visit goes straight to the empty form

    # --- showing ----------------------------------------------------------------------------

    def show_record(self, patient: Patient, intake: Intake | None, name: str | None = None) -> None:
        """Show the stored intake; a form with unsaved changes is left as the user left it.
        ``name``: the patient as the questions name them (initials in privacy mode)."""
        name = patient.display_name if name is None else name
        assert patient.id is not None
        self.patient, self.intake = patient, intake
        self.form.set_patient(patient)
        settings, practitioners = self._services.settings(), self._services.practitioners()
        self.view.setHtml(intake_html(intake, lambda n: practitioner_written(n, practitioners, settings)))
        signed = intake is not None and intake.is_signed
        self.edit_button.setEnabled(not signed)
        self.edit_button.setToolTip("A signed intake is not changed: add an addendum instead." if signed else "")
        self.sign_button.setVisible(intake is not None and not signed)
        self.addendum_button.setVisible(signed)
        if patient.id != self.patient_id:
            self.set_patient(patient.id, name)  # shows the view, or the empty form
        elif (self.is_editing() and not self.is_dirty()) or (not self.is_editing() and intake is None):
            self.start_editing()
        self.patient_name = name

    def edit(self) -> None:
        if self.edit_button.isEnabled():
            self.start_editing()
            self.form.history.texts["complaint"].setFocus(Qt.FocusReason.OtherFocusReason)

    def restore(self, draft: Draft) -> bool:
        return self.start_editing(draft.content)

    # --- signing ----------------------------------------------------------------------------

    def sign(self) -> SignDialog | None:
        """Sign the saved intake (after confirming); from then on it is locked."""
        if self.patient_id is None or self.intake is None or self.intake.is_signed or self.is_dirty():
            return None
        dialog = SignDialog(
            self._services.default_therapist(),
            self,
            what="intake",
            signers=self._services.signers(),
            asks_passphrase=self._services.asks_passphrase,
            signed_in=signed_in_name(self._services),
        )
        dialog.submit = lambda d: self._submit(
            lambda: self._services.sign_intake(self._pid(), d.name(), passphrase=d.passphrase())
        )
        return self._open_note(dialog)

    def add_addendum(self, restored: dict[str, Any] | None = None) -> AddendumDialog | None:
        """The addendum dialog for the signed intake; its text is kept as a draft while typed.
        ``restored``: a draft's content, after a crash."""
        if self.patient_id is None or self.intake is None or not self.intake.is_signed:
            return None
        dialog = AddendumDialog(
            self._services.default_therapist() or self.intake.signed_by,
            self,
            signers=self._services.signers(),
            asks_passphrase=self._services.asks_passphrase,
            signed_in=signed_in_name(self._services),
        )
        dialog.submit = lambda d: self._submit(
            lambda: self._services.add_intake_addendum(self._pid(), d.text(), d.name(), passphrase=d.passphrase())
        )
        key = intake_addendum_key(self.patient_id)
        keep_dialog_draft(dialog, self._services, "intake_addendum", key, self.patient_id, restored=restored)
        return self._open_note(dialog)

    def _pid(self) -> int:
        assert self.patient_id is not None
        return self.patient_id

    def _submit(self, action: Callable[[], Changed]) -> str:
        try:
            change = action()
        except (ValidationError, LockedError, NotFoundError) as error:
            return str(error)
        self.changed.emit(change)
        return ""

    def _open_note(self, dialog: D) -> D:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "note_dialog", None))
        self.note_dialog = dialog
        dialog.open()
        return dialog
