"""The practice's menu actions: clinic settings, backups and restore, retention, the history of
changes, the patient copy, PDF export and privacy mode. The main window puts ``file_actions`` and
``patient_actions`` in its menus and follows the signals; every question the user is asked goes
through ``Asker`` so that tests can answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain.access import Can
from cst_notes.domain.disclosure import Disclosure
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.summaries import PatientSummary
from cst_notes.services import Services, StorageError
from cst_notes.ui.widgets import input_guard
from cst_notes.ui.widgets.formatting import date_text, local_date_text
from cst_notes.ui.widgets.keys import key_action
from cst_notes.ui.widgets.privacy import Privacy

if TYPE_CHECKING:  # each dialog is imported when it is opened: none is needed to start
    from cst_notes.ui.documents.batch_dialog import BatchExportDialog
    from cst_notes.ui.shell.encrypt_dialog import EncryptDialog
    from cst_notes.ui.shell.practitioners_dialog import PractitionersDialog
    from cst_notes.ui.shell.settings_dialog import SettingsDialog


class Asker(Protocol):
    def choose_backup(self, folder: Path) -> Path | None: ...

    def confirm(self, title: str, text: str) -> bool: ...

    def choose_folder(self, title: str) -> Path | None: ...

    def tell(self, title: str, text: str, *, error: bool = False) -> None: ...


class DialogAsker:
    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def choose_backup(self, folder: Path) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, "Restore from a backup", str(folder), "Backups (*.sqlite)")
        return Path(name) if name else None

    def confirm(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel
        return QMessageBox.question(self.parent, title, text, buttons) == QMessageBox.StandardButton.Yes

    def choose_folder(self, title: str) -> Path | None:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = QFileDialog.getExistingDirectory(self.parent, title, start)
        return Path(name) if name else None

    def tell(self, title: str, text: str, *, error: bool = False) -> None:
        (QMessageBox.critical if error else QMessageBox.information)(self.parent, title, text)


class PracticeMenu(QObject):
    """Owns the actions. ``restore_requested`` asks the app to close, restore and reopen; ``changed``
    carries what a dialog changed (the clinic settings). ``privacy_action`` switches ``privacy``, the
    privacy mode every window showing a patient follows. ``current_patient`` gives the open chart's
    patient id, or None; ``current_record`` the record the open chart shows (None when it shows no
    clinical record): a dialog on it need not read it again."""

    restore_requested = Signal(object)  # the backup's Path
    changed = Signal(object)  # a services.Changed

    def __init__(
        self,
        window: QWidget,
        services: Services,
        current_patient: Callable[[], int | None],
        asker: Asker | None = None,
        privacy: Privacy | None = None,
        current_record: Callable[[], PatientRecord | None] = lambda: None,
    ) -> None:
        super().__init__(window)
        self.privacy = privacy or Privacy(parent=self)
        self.window = window
        self.services = services
        self.current_patient, self.current_record = current_patient, current_record
        self.asker: Asker = asker or DialogAsker(window)
        self.open_dialogs: list[QDialog] = []
        self.privacy_action = QAction("&Privacy mode (initials only)", window, checkable=True)
        key_action(self.privacy_action, "privacy")
        window.addAction(self.privacy_action)
        self.privacy_action.setChecked(self.privacy.on)
        self.privacy_action.toggled.connect(self.privacy.set_on)
        self.file_actions = [
            _action(window, "Clinic &settings…", self.clinic_settings, ""),
            _action(window, "Practiti&oners…", self.practitioners, ""),
            _action(window, "&Back up now", self.back_up_now, ""),
            _action(window, "Back &up to…", self.back_up_to, ""),
            _action(window, "&Restore from a backup…", self.restore, ""),
            _action(window, "&Encrypt database…", self.encrypt_database, ""),
            _action(window, "Records past re&tention…", self.retention_list, ""),
            _action(window, "Export PDFs for &all patients…", self.export_all_pdfs, ""),
        ]
        self.patient_actions = [
            _action(window, "E&xport PDF…", self.export_pdf, "export_pdf"),
            _action(window, "Patient cop&y (PDF and JSON)…", self.patient_copy, ""),
            _action(window, "&History of changes…", self.history, "history"),
        ]
        # what each action needs of the signed-in practitioner's role (``domain.access``)
        # (Practitioners… is for everyone signed in: the list, and one's own passphrase; the dialog
        # offers the rest to the owner only)
        settings, _practitioners, now, to, restore, encrypt, _retention, export_all = self.file_actions
        export_pdf, copy, history = self.patient_actions
        self.needs: dict[QAction, Can] = {
            **dict.fromkeys((settings, now, to, restore, encrypt), Can.MANAGE_PRACTICE),
            export_pdf: Can.READ_CLINICAL,
            export_all: Can.READ_CLINICAL,
            copy: Can.EXPORT_RECORDS,
            history: Can.READ_CLINICAL,
        }

    # --- the whole practice -------------------------------------------------------------------

    def clinic_settings(self) -> SettingsDialog:
        from cst_notes.ui.shell.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.services, self.window)
        dialog.saved.connect(self.changed.emit)
        self._open(dialog)
        return dialog

    def practitioners(self) -> PractitionersDialog:
        from cst_notes.ui.shell.practitioners_dialog import PractitionersDialog

        dialog = PractitionersDialog(self.services, self.asker.confirm, self.window)
        dialog.changed.connect(self.changed.emit)
        self._open(dialog)
        return dialog

    def encrypt_database(self) -> EncryptDialog:
        from cst_notes.ui.shell.encrypt_dialog import EncryptDialog

        dialog = EncryptDialog(self.services, self.window)
        dialog.encrypted.connect(self.changed.emit)
        self._open(dialog)
        return dialog

    def back_up_now(self) -> Path | None:
        """A checked backup beside the database, kept until the user removes it (never rotated)."""
        return self._back_up(self.services.back_up_now)

    def back_up_to(self) -> Path | None:
        """A checked copy in a folder the user picks (an external drive, say)."""
        folder = self.asker.choose_folder("Back up to…")
        if folder is None:
            return None
        return self._back_up(lambda: self.services.back_up_to(folder))

    def _back_up(self, make: Callable[[], Path]) -> Path | None:
        try:
            path = make()
        except (StorageError, OSError) as exc:
            self.asker.tell("Backup failed", f"The backup could not be made: {exc}", error=True)
            return None
        locked = " It is encrypted with the database's passphrase." if self.services.passphrase else ""
        self.asker.tell(
            "Backed up",
            f"A checked backup was written to\n{path}\n\nIt is kept until you remove it.{locked}",
        )
        return path

    def restore(self) -> Path | None:
        if self.services.path is None:
            return None
        backup = self.asker.choose_backup(self.services.path.parent / "backups")
        if backup is None:
            return None
        text = (
            f"Replace the database with the backup {backup.name}?\n\nChanges made since then will not be in it. "
            "The current file is kept beside it (renamed), never deleted."
        )
        if not self.asker.confirm("Restore from a backup", text):
            return None
        self.restore_requested.emit(backup)
        return backup

    def retention_list(self) -> QDialog:
        due = self.services.records_past_retention()
        years = self.services.settings().retention_years
        dialog = QDialog(self.window)
        dialog.setWindowTitle("Records past their retention date")
        table = RetentionTable(due, self.privacy)
        intro = QLabel(
            f"Records are kept {years} years after the last visit (for someone seen as a child, {years} years "
            "after turning 18). These have passed that date. Nothing is ever deleted automatically."
            if due
            else f"No record has passed its retention date ({years} years)."
        )
        intro.setWordWrap(True)
        self._dialog_with(dialog, intro, table)
        return dialog

    def export_all_pdfs(self) -> BatchExportDialog:
        """One document per patient into a chosen folder, with progress and Cancel."""
        from cst_notes.ui.documents.batch_dialog import BatchExportDialog

        dialog = BatchExportDialog(
            self.services, lambda: self.asker.choose_folder("Write one PDF per patient into…"), self.window
        )
        self._open(dialog)
        return dialog

    # --- the open patient -------------------------------------------------------------------

    def history(self) -> QDialog | None:
        pid = self.current_patient()
        if pid is None:
            return None
        from cst_notes.ui.shell.history_view import HistoryView

        dialog = QDialog(self.window)
        dialog.setWindowTitle("History of changes")
        dialog.resize(860, 560)
        self._dialog_with(dialog, HistoryView(self.services, pid, self.privacy))
        return dialog

    def patient_copy(self) -> QDialog | None:
        """Asks whether the private notes and assessments go in; then ``write_patient_copy``."""
        pid = self.current_patient()
        if pid is None:
            return None
        from cst_notes.ui.documents.patient_copy_dialog import PatientCopyDialog

        dialog = PatientCopyDialog(self.window)
        dialog.accepted.connect(lambda: self.write_patient_copy(pid, dialog.disclosure()))
        self._open(dialog)
        return dialog

    def write_patient_copy(self, pid: int, disclosure: Disclosure) -> tuple[Path, Path] | None:
        """The patient's whole record as a PDF plus the JSON file, into a chosen folder."""
        folder = self.asker.choose_folder("Save the patient's copy of their record into…")
        if folder is None:
            return None
        try:
            pdf_path, json_path = self.services.patient_copy(
                pid, folder, include_private_notes=disclosure.private_notes, include_assessment=disclosure.assessment
            )
        except ValueError as exc:
            self.asker.tell("Patient copy", f"The PDF could not be made: {exc}", error=True)
            return None
        except OSError as exc:
            self.asker.tell("Patient copy", f"The copy could not be written: {exc.strerror or exc}", error=True)
            return None
        left_out = f"\n\nLeft out: {disclosure.left_out()}." if disclosure.withheld else ""
        self.asker.tell("Patient copy", f"Written:\n{pdf_path.name}\n{json_path.name}\ninto {folder}{left_out}")
        return pdf_path, json_path

    def export_pdf(self) -> QDialog | None:
        pid = self.current_patient()
        if pid is None:
            return None
        from cst_notes.ui.documents.export_dialog import PdfExportDialog

        shown = self.current_record()  # the chart's: read again, it made a third of the dialog's opening
        record = shown if shown is not None and shown.patient.id == pid else None
        dialog = input_guard.build(
            lambda: PdfExportDialog(self.services, pid, self.window, privacy=self.privacy, record=record)
        )
        self._open(dialog)
        return dialog

    # --- plumbing -------------------------------------------------------------------------------

    def _dialog_with(self, dialog: QDialog, *widgets: QWidget) -> None:
        layout = QVBoxLayout(dialog)
        for widget in widgets:
            layout.addWidget(widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        """Open ``dialog`` (window-modal); closed, it is deleted: a document's preview pages were kept
        until the window closed, one set for every dialog the front desk ever opened."""
        self.open_dialogs.append(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.open_dialogs.remove(dialog))
        dialog.open()


class RetentionTable(QTableWidget):
    """The records past retention: kept until, who (initials in privacy mode), last visit."""

    def __init__(self, due: list[tuple[PatientSummary, dt.date]], privacy: Privacy) -> None:
        super().__init__(len(due), 3)
        self.due, self.privacy = due, privacy
        self.setHorizontalHeaderLabels(["Kept until", "Patient", "Last visit"])
        self.horizontalHeader().setStretchLastSection(True)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.fill()
        privacy.changed.connect(self.fill)

    def fill(self) -> None:
        for row, (summary, until) in enumerate(self.due):
            name = self.privacy.name(summary.full_name, summary.preferred_name)
            for column, text in enumerate((date_text(until), name, local_date_text(summary.last_session_at))):
                self.setItem(row, column, QTableWidgetItem(text))


def _action(window: QWidget, text: str, slot: Any, key: str) -> QAction:
    """An action; ``key`` names its row in ``widgets.keys.KEYS`` (or "": none)."""
    action = QAction(text, window)
    if key:
        key_action(action, key)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action
