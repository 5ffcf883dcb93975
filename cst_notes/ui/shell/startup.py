"""Opening the database at start-up, as a person would want it: asking for the passphrase of an
encrypted file, and offering the newest good backup when the file is damaged."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from cst_notes.domain.validation import ValidationError
from cst_notes.services import (
    DamagedDatabaseError,
    EncryptionUnavailableError,
    Services,
    StorageError,
    WrongPassphraseError,
    database_needs_passphrase,
    has_keyring,
    move_damaged_aside,
    newest_good_backup,
    restore_backup,
)
from cst_notes.ui.shell.unlock_dialog import UnlockDialog

MAX_PASSPHRASE_TRIES = 5


class Prompts(Protocol):
    def passphrase(self, path: Path, retry: bool) -> str | None: ...

    def practitioner(self, path: Path, problem: tuple[str, str] | None, name: str) -> tuple[str, str] | None:
        """Who opens an encrypted practice: (name, passphrase); None when they cancel."""
        ...

    def offer_backup(self, path: Path, problem: str, backup: Path | None) -> bool: ...

    def error(self, message: str) -> None: ...


class DialogPrompts:
    """The real dialogs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def passphrase(self, path: Path, retry: bool) -> str | None:
        intro = "That passphrase does not open it. Try again.\n\n" if retry else ""
        text, ok = QInputDialog.getText(
            self.parent,
            "Passphrase",
            f"{intro}{path.name} is encrypted. Enter its passphrase:",
            QLineEdit.EchoMode.Password,
        )
        return text if ok and text else None

    def practitioner(self, path: Path, problem: tuple[str, str] | None, name: str) -> tuple[str, str] | None:
        dialog = UnlockDialog(path, problem, name, self.parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def offer_backup(self, path: Path, problem: str, backup: Path | None) -> bool:
        if backup is None:
            QMessageBox.critical(
                self.parent,
                "Database damaged",
                f"{problem}\n\nNo good backup was found in {path.parent / 'backups'}. The file has not been changed.",
            )
            return False
        answer = QMessageBox.warning(
            self.parent,
            "Database damaged",
            f"{problem}\n\nRestore the newest good backup, {backup.name}?\n"
            "The damaged file will be kept beside it (renamed), never deleted.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def error(self, message: str) -> None:
        QMessageBox.critical(self.parent, "CST Notes", message)


def open_interactively(
    path: Path, prompts: Prompts, *, background: bool = False, back_up: bool = False
) -> Services | None:
    """Open the database, asking what is needed; None when the person gives up.

    ``background``: check the file's integrity in a thread (see ``Services.open``), and with
    ``back_up`` then make the day's backup if one is due; ``BackgroundCheckWatcher`` reports it."""
    if database_needs_passphrase(path) and has_keyring(path):
        return _open_as_practitioner(path, prompts, background=background, back_up=back_up)
    key: str | None = None
    retry = False
    for _ in range(MAX_PASSPHRASE_TRIES + 2):
        if key is None and database_needs_passphrase(path):
            key = prompts.passphrase(path, retry)
            if key is None:
                return None
        try:
            return Services.open(path, key=key, check_in_background=background, back_up_when_checked=back_up)
        except WrongPassphraseError:
            key, retry = None, True
        except EncryptionUnavailableError as exc:
            prompts.error(str(exc))
            return None
        except DamagedDatabaseError as exc:
            backup = newest_good_backup(path, key)
            if not prompts.offer_backup(path, str(exc), backup) or backup is None:
                return None
            move_damaged_aside(path)
            restore_backup(path, backup, key)
        except StorageError as exc:
            prompts.error(str(exc))
            return None
    prompts.error(f"{path} could not be opened.")
    return None


def _open_as_practitioner(path: Path, prompts: Prompts, *, background: bool, back_up: bool) -> Services | None:
    """An encrypted practice with a keyring: the practitioner's name and passphrase open it and sign
    them in, asked once; a wrong one is asked again, with the problem under its field."""
    problem: tuple[str, str] | None = None
    name = ""
    for _ in range(MAX_PASSPHRASE_TRIES):
        given = prompts.practitioner(path, problem, name)
        if given is None:
            return None
        name, passphrase = given
        try:
            services = Services.open_as(
                path, name, passphrase, check_in_background=background, back_up_when_checked=back_up
            )
        except ValidationError as exc:
            problem = (exc.errors[0].field, exc.errors[0].message)
            continue
        except StorageError as exc:
            prompts.error(str(exc))
            return None
        try:
            services.sign_in(name, passphrase)
        except ValidationError as exc:
            services.close()
            problem = (exc.errors[0].field, exc.errors[0].message)
            continue
        return services
    prompts.error(f"{path} was not opened: too many tries.")
    return None


def restore_and_reopen(services: Services, db_path: Path, backup: Path, prompts: Prompts) -> Services | None:
    """Close the database, put the backup in its place (the old file is kept aside), open it again.

    An encrypted database stays encrypted (a plain backup is encrypted as it is restored); an
    encrypted backup restored over a plain database asks for the backup's passphrase and keeps it."""
    key = services.passphrase
    services.close()
    backup_key = prompts.passphrase(backup, False) if key is None and database_needs_passphrase(backup) else None
    try:
        if key is None and backup_key is None and database_needs_passphrase(backup):
            raise StorageError(f"{backup.name} is encrypted and no passphrase was given")
        key = restore_backup(db_path, backup, key, backup_key).key
    except StorageError as exc:
        prompts.error(f"Nothing was restored: {exc}")
    try:
        return Services.open(db_path, key=key)
    except StorageError as exc:
        prompts.error(str(exc))
        return None


class BackgroundCheckWatcher(QObject):
    """Follows the integrity check that runs while the window opens (``open_interactively(...,
    background=True)``). A damaged file: the person is offered the newest good backup
    (``restore_wanted``), else told that nothing can be saved."""

    restore_wanted = Signal(object)  # the backup's Path
    damaged = Signal(str)  # the problem, when no backup is restored

    POLL_MS = 200

    def __init__(self, services: Services, path: Path, prompts: Prompts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services, self.path, self.prompts = services, path, prompts
        self.problems: list[str] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(self.POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._timer.start()

    def poll(self) -> None:
        problems = self.services.integrity_status()
        if problems is None:
            return
        self._timer.stop()
        self.problems = problems
        if not problems:
            return
        message = f"{self.path} is damaged ({problems[0]}). Nothing can be saved to it."
        backup = newest_good_backup(self.path, self.services.passphrase)
        if self.prompts.offer_backup(self.path, message, backup) and backup is not None:
            self.restore_wanted.emit(backup)
        else:
            self.damaged.emit(message)
