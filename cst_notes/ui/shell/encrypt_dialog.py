"""File > Encrypt database…: the owner turns encryption on for the whole practice.

The dialog says what encrypting does and who will hold a key before anything happens; while the
files are encrypted the cursor shows that the app is busy; afterwards it says what was encrypted."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain.validation import ValidationError
from cst_notes.services import Changed, RecordKind, Services, StorageError


def _names(names: list[str]) -> str:
    return ", ".join(names) if names else "nobody"


class EncryptDialog(QDialog):
    """Explains, then encrypts on "Encrypt" (``done`` carries what it did)."""

    encrypted = Signal(object)  # a services.Changed

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle("Encrypt database")
        self.setObjectName("encrypt_dialog")
        self.setMinimumWidth(520)
        path = services.path
        holders, without = services.encryption_plan()
        ring = f"{path.name}.keyring" if path is not None else "the keyring"
        self.text = QLabel()
        self.text.setObjectName("encrypt_text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.problem = QLabel()
        self.problem.setObjectName("encrypt_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.encrypt_button: QPushButton = self.buttons.addButton("Encrypt", QDialogButtonBox.ButtonRole.AcceptRole)
        self.encrypt_button.setObjectName("encrypt_button")
        self.buttons.accepted.connect(self.encrypt)
        self.buttons.rejected.connect(self.reject)
        if services.passphrase is not None:
            self.text.setText(f"{path.name if path else 'The database'} is encrypted already.")
            self.encrypt_button.setEnabled(False)
        else:
            self.text.setText(
                "Encrypting makes the database and every copy CST Notes made of it (its backups, the copies "
                "kept before an update or a restore) unreadable without the key. A random key is made and "
                "is never shown; each practitioner opens the practice with their own name and passphrase.\n\n"
                f"Will hold a key: {_names(holders)}.\n"
                f"Without a key (no passphrase yet): {_names(without)}. They get one when they set a passphrase.\n\n"
                f"The key is kept, locked for each practitioner, in {ring} beside the database. Keep that file with "
                "the database, and with any backup you copy elsewhere: without it nobody can open them. Disabling "
                "a practitioner changes the key, so their old way in opens nothing.\n\n"
                "Encrypting a large practice takes a while. Other windows and programs must have the file closed."
            )
            self.encrypt_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def encrypt(self) -> None:
        self.problem.setVisible(False)
        self.encrypt_button.setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.text.setText("Encrypting… (the database, then its backups)")
        QApplication.processEvents()
        try:
            done = self.services.encrypt_with_practitioners()
        except ValidationError as exc:
            self._refused("; ".join(f"{e.field.capitalize()}: {e.message}" for e in exc.errors))
            return
        except (StorageError, PermissionError, OSError) as exc:
            self._refused(str(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
        lines = [f"Encrypted {len(done.files)} files:", *(f"  {p}" for p in done.files)]
        lines.append(f"\nEach of these opens it with their own passphrase: {_names(done.holders)}.")
        if done.without_key:
            lines.append(f"Without a key until they set a passphrase: {_names(done.without_key)}.")
        if done.left:
            lines.append("Left plain, as they could not be encrypted (remove them once you are sure):")
            lines += [f"  {p}: {why}" for p, why in done.left]
        self.text.setText("\n".join(lines))
        self.buttons.clear()
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.accept)
        close.setFocus()
        self.encrypted.emit(Changed(frozenset({RecordKind.SETTINGS})))

    def _refused(self, message: str) -> None:
        self.problem.setText(f"Nothing was encrypted: {message}")
        self.problem.setVisible(True)
        self.encrypt_button.setEnabled(True)
        self.text.setText(self.text.text() if not self.text.text().startswith("Encrypting…") else "")
