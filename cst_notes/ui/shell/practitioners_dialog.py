"""File ▸ Practitioners…: who signs in this practice, their roles and whether they sign with a key;
adding one (with the passphrase that seals their signing key) and disabling one, through the services."""

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
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain import vocabulary as V
from cst_notes.domain.practitioner import Practitioner
from cst_notes.domain.validation import NAME_MAX, SHORT_TEXT_MAX, ValidationError
from cst_notes.services import Changed, NotFoundError, Services
from cst_notes.ui.widgets.code_combo import CodeComboBox
from cst_notes.ui.widgets.field_feedback import error_label, form_label

COLUMNS = ("Name", "Role", "Credentials", "Key", "Active")
PASSPHRASES_DIFFER = "Passphrase again is not the same as the passphrase: type both again."
PASSPHRASE_NEEDED = "Passphrase is needed: it seals their signing key, and they type it each time they sign."


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
        self.message = error_label()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.disable_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.add_dialog: AddPractitionerDialog | None = None
        self.add_button.clicked.connect(self.add)
        self.disable_button.clicked.connect(self.disable)
        self.table.itemSelectionChanged.connect(self._update)
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
        rows = self.table.selectionModel().selectedRows()
        item = self.table.item(rows[0].row(), 0) if rows else None
        return item.text() if item is not None else None

    def _update(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        active = self.table.item(rows[0].row(), 4) if rows else None
        self.disable_button.setEnabled(active is not None and active.text() == "yes")

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


class AddPractitionerDialog(QDialog):
    """Name, role, credentials, registration, and the passphrase twice; Add makes their signing key."""

    added = Signal(object)  # a services.Changed

    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("add_practitioner_dialog")
        self.setWindowTitle("Add a practitioner")
        self.setMinimumWidth(460)
        self._services = services
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(NAME_MAX)
        self.role_combo = CodeComboBox(V.ROLES)
        self.role_combo.set_code("therapist")
        self.credentials_edit = QLineEdit()
        self.credentials_edit.setMaxLength(NAME_MAX)
        self.registration_edit = QLineEdit()
        self.registration_edit.setMaxLength(SHORT_TEXT_MAX)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.again_edit = QLineEdit()
        self.again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = error_label()
        form = QFormLayout()
        form.addRow(form_label("&Name", self.name_edit), self.name_edit)
        form.addRow(form_label("&Role", self.role_combo), self.role_combo)
        form.addRow(form_label("&Credentials", self.credentials_edit), self.credentials_edit)
        form.addRow(form_label("Re&gistration", self.registration_edit), self.registration_edit)
        form.addRow(form_label("&Passphrase", self.passphrase_edit), self.passphrase_edit)
        form.addRow(form_label("Passphrase &again", self.again_edit), self.again_edit)
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
        passphrase, again = self.passphrase_edit.text(), self.again_edit.text()
        self.passphrase_edit.clear()
        self.again_edit.clear()
        if not passphrase:
            self.show_message(PASSPHRASE_NEEDED)
            self.passphrase_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if passphrase != again:
            self.show_message(PASSPHRASES_DIFFER)
            self.passphrase_edit.setFocus(Qt.FocusReason.OtherFocusReason)
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
