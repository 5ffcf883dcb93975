"""File ▸ Practitioners…: who signs in this practice, their roles and whether they sign with a key;
adding one (with the passphrase that seals their signing key, or none), disabling one and enabling
them again, and passphrases: a practitioner changes their own, the owner issues a new key to another.
Only the owner manages practitioners (``Can.MANAGE_PRACTICE``): the others see the list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain import vocabulary as V
from cst_notes.domain.access import Can
from cst_notes.domain.practitioner import Practitioner
from cst_notes.domain.validation import NAME_MAX, SHORT_TEXT_MAX, ValidationError
from cst_notes.services import Changed, NotFoundError, Services
from cst_notes.ui.shell.sign_in import PASSPHRASES_DIFFER, NoPassphraseChoice, passphrase_edit, show_error
from cst_notes.ui.widgets.code_combo import CodeComboBox
from cst_notes.ui.widgets.field_feedback import STYLESHEET, error_label, form_label, with_error_label

COLUMNS = ("Name", "Role", "Credentials", "Key", "Active")
PASSPHRASE_NEEDED = "Passphrase is needed: it seals their signing key, and they type it each time they sign."
OWNER_ONLY = "Only the owner adds, disables and enables practitioners. You may change your own passphrase."


def key_text(p: Practitioner) -> str:
    """yes (their key is here), imported (known only from an import: they sign elsewhere), or no."""
    if not p.key_id:
        return "no"
    if not p.signs_here:
        return "imported"
    return "yes" if p.has_passphrase else "yes (no passphrase)"


class PractitionersDialog(QDialog):
    """The practitioners in a table; ``changed`` carries what Add or Disable changed. ``confirm``
    asks before disabling (title, text) -> yes."""

    changed = Signal(object)  # a services.Changed

    def __init__(self, services: Services, confirm: Callable[[str, str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practitioners_dialog")
        self.setWindowTitle("Practitioners")
        self.setMinimumWidth(620)
        self._services = services
        self._confirm = confirm
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton("&Add…")
        self.disable_button = QPushButton("&Disable")
        self.enable_button = QPushButton("&Enable")
        self.passphrase_button = QPushButton("&Passphrase…")
        self.passphrase_button.setToolTip("Change your passphrase; the owner may issue a new key to another")
        self.message = error_label()
        self.note = QLabel(OWNER_ONLY)
        self.note.setWordWrap(True)
        self.manages = services.may(Can.MANAGE_PRACTICE)
        self.note.setVisible(not self.manages)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.add_button, self.disable_button, self.enable_button, self.passphrase_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.add_dialog: AddPractitionerDialog | None = None
        self.passphrase_dialog: PassphraseDialog | None = None
        self.add_button.clicked.connect(self.add)
        self.disable_button.clicked.connect(self.disable)
        self.enable_button.clicked.connect(self.enable)
        self.passphrase_button.clicked.connect(self.change_passphrase)
        self.table.itemSelectionChanged.connect(self._update)
        self.table.currentCellChanged.connect(lambda *_: self._update())
        self.refresh()

    def refresh(self) -> None:
        people = self._services.practitioners()
        self.table.setRowCount(len(people))
        for r, p in enumerate(people):
            cells = (p.name, V.ROLES.label(p.role), p.credentials, key_text(p), "yes" if p.active else "no")
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._update()

    def selected_name(self) -> str | None:
        """The practitioner of the current row: the one the keyboard focus is on, selected or not."""
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else None

    def _current(self) -> Practitioner | None:
        name = self.selected_name()
        return next((p for p in self._services.practitioners() if p.name == name), None)

    def _update(self) -> None:
        current = self._current()
        self.add_button.setEnabled(self.manages)
        self.disable_button.setEnabled(self.manages and current is not None and current.active)
        self.enable_button.setEnabled(self.manages and current is not None and not current.active)
        me = self._services.signed_in
        own = current is not None and me is not None and me.name == current.name
        self.passphrase_button.setEnabled(current is not None and current.active and (own or self.manages))

    def add(self) -> AddPractitionerDialog:
        dialog = AddPractitionerDialog(self._services, self)
        dialog.added.connect(self._added)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "add_dialog", None))
        self.add_dialog = dialog
        dialog.open()
        return dialog

    def _added(self, change: Changed) -> None:
        self.refresh()
        self.changed.emit(change)

    def disable(self) -> None:
        name = self.selected_name()
        if name is None:
            return
        question = f"From now on {name} cannot sign. The notes they signed keep their signatures. Disable {name}?"
        if not self._confirm("Disable a practitioner", question):
            return
        try:
            change = self._services.disable_practitioner(name)
        except (ValidationError, NotFoundError) as error:
            self.message.setText(str(error))
            self.message.setVisible(True)
            return
        self.refresh()
        self.changed.emit(change)

    def enable(self) -> None:
        name = self.selected_name()
        if name is None:
            return
        try:
            change = self._services.enable_practitioner(name)
        except (ValidationError, NotFoundError) as error:
            show_error(self.message, str(error))
            return
        self.refresh()
        self.changed.emit(change)

    def change_passphrase(self) -> PassphraseDialog | None:
        current = self._current()
        if current is None:
            return None
        me = self._services.signed_in
        own = me is None or me.name == current.name  # no one signed in: a practice without sign-in
        dialog = PassphraseDialog(self._services, current, new_key=not own and current.signs_here, parent=self)
        dialog.changed.connect(self._added)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "passphrase_dialog", None))
        self.passphrase_dialog = dialog
        dialog.open()
        return dialog


class PassphraseFields:
    """A new passphrase typed twice, each with its message beside it, and the "No passphrase" choice."""

    def __init__(self, form: QFormLayout, first: str = "&Passphrase", again: str = "Passphrase &again") -> None:
        self.passphrase, self.again = passphrase_edit(), passphrase_edit()
        self.passphrase_error, self.again_error = error_label(), error_label()
        self.none_choice = NoPassphraseChoice("N&o passphrase")
        self.none_choice.check.toggled.connect(self._none_toggled)
        form.addRow(form_label(first, self.passphrase), with_error_label(self.passphrase, self.passphrase_error))
        form.addRow(form_label(again, self.again), with_error_label(self.again, self.again_error))
        form.addRow("", self.none_choice)

    def _none_toggled(self, on: bool) -> None:
        for edit in (self.passphrase, self.again):
            edit.clear()
            edit.setEnabled(not on)

    def take(self, needed: str) -> str | None:
        """The new passphrase ("" for none), or None after marking what is wrong; both fields are
        cleared whatever came of it."""
        passphrase, again = self.passphrase.text(), self.again.text()
        self.passphrase.clear()
        self.again.clear()
        show_error(self.passphrase_error, "")
        show_error(self.again_error, "")
        if self.none_choice.chosen():
            return ""
        if not passphrase:
            show_error(self.passphrase_error, needed)
        elif passphrase != again:
            show_error(self.again_error, PASSPHRASES_DIFFER)
        else:
            return passphrase
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
        return None


class PassphraseDialog(QDialog):
    """A practitioner's own new passphrase (their current one unlocks the key), or, from the owner, a
    new key for another practitioner who forgot theirs (their signatures so far stay verified)."""

    changed = Signal(object)  # a services.Changed

    def __init__(self, services: Services, who: Practitioner, *, new_key: bool, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("passphrase_dialog")
        self.setMinimumWidth(560)
        self.setStyleSheet(STYLESHEET)
        self._services = services
        self._who = who
        self._new_key = new_key
        self.setWindowTitle(f"A new key for {who.name}" if new_key else f"{who.name}: a new passphrase")
        intro = QLabel(
            f"{who.name} gets a new signing key with this passphrase; the notes they signed keep their signatures."
            if new_key
            else "Type your passphrase now, then the new one twice."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(intro)
        self.old_edit = passphrase_edit()
        self.old_error = error_label()
        asks_old = not new_key and who.has_passphrase
        if asks_old:
            old_cell = with_error_label(self.old_edit, self.old_error)
            form.addRow(form_label("&Current passphrase", self.old_edit), old_cell)
        self.fields = PassphraseFields(form, "N&ew passphrase", "New passphrase a&gain")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("Issue a new &key" if new_key else "&Change", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        (self.old_edit if asks_old else self.fields.passphrase).setFocus()

    def accept(self) -> None:
        """The new passphrase first (the current one stays typed while the new ones are put right),
        then the services check the current one; a wrong one is cleared and marked."""
        show_error(self.old_error, "")
        new = self.fields.take("New passphrase is needed, or tick “No passphrase”.")
        if new is None:
            return
        old = self.old_edit.text()
        self.old_edit.clear()
        try:
            change = self._services.set_passphrase(self._who.name, old, new, new_key=self._new_key)
        except ValidationError as error:
            show_error(self.old_error, "; ".join(f"Current passphrase {e.message}." for e in error.errors))
            self.old_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.changed.emit(change)
        super().accept()


class AddPractitionerDialog(QDialog):
    """Name, role, credentials, registration, and the passphrase twice; Add makes their signing key."""

    added = Signal(object)  # a services.Changed

    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("add_practitioner_dialog")
        self.setWindowTitle("Add a practitioner")
        self.setMinimumWidth(560)
        self.setStyleSheet(STYLESHEET)
        self._services = services
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(NAME_MAX)
        self.role_combo = CodeComboBox(V.ROLES)
        self.role_combo.set_code("therapist")
        self.credentials_edit = QLineEdit()
        self.credentials_edit.setMaxLength(NAME_MAX)
        self.registration_edit = QLineEdit()
        self.registration_edit.setMaxLength(SHORT_TEXT_MAX)
        self.message = error_label()
        form = QFormLayout()
        form.addRow(form_label("&Name", self.name_edit), self.name_edit)
        form.addRow(form_label("&Role", self.role_combo), self.role_combo)
        form.addRow(form_label("&Credentials", self.credentials_edit), self.credentials_edit)
        form.addRow(form_label("Re&gistration", self.registration_edit), self.registration_edit)
        self.fields = PassphraseFields(form)
        self.passphrase_edit, self.again_edit = self.fields.passphrase, self.fields.again
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton("A&dd", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.name_edit.setFocus()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def accept(self) -> None:
        """Adds them; a problem is said in the dialog, which stays open. The passphrases are cleared
        after the call, whatever came of it."""
        self.show_message("")
        passphrase = self.fields.take(PASSPHRASE_NEEDED)
        if passphrase is None:
            return
        p = Practitioner(
            self.name_edit.text(),
            self.role_combo.code(),
            self.credentials_edit.text().strip(),
            self.registration_edit.text().strip(),
        )
        try:
            change = self._services.add_practitioner(p, passphrase)
        except ValidationError as error:
            self.show_message("; ".join(f"{e.field.capitalize()} {e.message}." for e in error.errors))
            return
        self.added.emit(change)
        super().accept()
