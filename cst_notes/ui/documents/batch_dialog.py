"""File ▸ Export PDFs for all patients…: one document per patient into a folder, rendered on the
machine's cores (``services.DocumentBatch``), with a progress bar and Cancel.

The GUI thread only reads each record and writes each file, one patient a timer tick; worker
processes render. Cancel (or Esc) stops the batch: the files already written stay, and the dialog
says how many."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cst_notes import reports
from cst_notes.services import DocumentBatch, NotAllowedError, Services

TICK_MS = 20  # how often the GUI thread looks for finished documents
WAIT_S = 0.01  # and how long it waits for one, at most, each time


class BatchExportDialog(QDialog):
    """Which document, and whether the private notes and assessments go in; Export… asks for the
    folder (``choose_folder``) and starts. ``progressed`` carries (done, total) after each tick
    that finished a patient; ``ended`` the closing message."""

    progressed = Signal(int, int)
    ended = Signal(str)

    def __init__(
        self,
        services: Services,
        choose_folder: Callable[[], Path | None],
        parent: QWidget | None = None,
        *,
        workers: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export PDFs for all patients")
        self.services, self.choose_folder, self.workers = services, choose_folder, workers
        self.batch: DocumentBatch | None = None
        self.folder: Path | None = None
        self.kind = QComboBox()
        for kind in reports.kinds():
            self.kind.addItem(reports.TITLES[kind], kind.value)
        self.kind.setCurrentIndex(self.kind.findData(reports.DocumentKind.RECORD.value))
        self.private_notes = QCheckBox("Include the private notes")
        self.assessment = QCheckBox("Include the SOAP assessments")
        form = QFormLayout()
        form.addRow("&Document:", self.kind)
        form.addRow("", self.private_notes)
        form.addRow("", self.assessment)
        self.bar = QProgressBar()
        self.bar.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.bar.setFormat("%v of %m patients")
        self.bar.hide()
        self.status = QLabel("One file per patient, into a folder you choose next.")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox()
        self.export_button = QPushButton("&Export…")
        self.export_button.setDefault(True)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.resize(480, self.sizeHint().height())

    def running(self) -> bool:
        return self.batch is not None and not self.batch.finished()

    def start(self) -> None:
        folder = self.choose_folder()
        if folder is None:
            return
        options = reports.DocumentOptions(
            include_private_notes=self.private_notes.isChecked(), include_assessment=self.assessment.isChecked()
        )
        try:
            self.batch = self.services.document_batch(
                self.kind.currentData(), folder, options, workers=self.workers, off_this_thread=True
            )
        except (NotAllowedError, OSError) as exc:
            self.status.setText(f"Nothing was written: {exc}")
            return
        self.folder = folder
        for widget in (self.kind, self.private_notes, self.assessment, self.export_button):
            widget.setEnabled(False)
        self.bar.setRange(0, self.batch.result.total)
        self.bar.setValue(0)
        self.bar.show()
        self.status.setText(f"Writing into {folder}…")
        self.bar.setFocus()  # not on Cancel: a second Enter must not stop the batch; Esc or a click does
        self.timer.start()

    def cancel(self) -> None:
        """Stop the batch; the files already written stay."""
        if self.running():
            assert self.batch is not None
            self.batch.cancel()
            self._end()

    def _tick(self) -> None:
        assert self.batch is not None
        before = self.batch.result.done
        try:
            more = self.batch.step(wait=WAIT_S, reads=1)
        except OSError as exc:  # the folder filled up or went away: stop, keep what was written
            self.batch.cancel()
            self._end(f"Stopped: {exc.strerror or exc}. ")
            return
        if self.batch.result.done != before:
            self.bar.setValue(self.batch.result.done)
            self.progressed.emit(self.batch.result.done, self.batch.result.total)
        if not more:
            self._end()

    def _end(self, why: str = "") -> None:
        self.timer.stop()
        assert self.batch is not None
        result = self.batch.result
        title = reports.TITLES[reports.DocumentKind(self.batch.kind)].lower()
        if result.cancelled:
            lines = [f"{why or 'Cancelled. '}Wrote {len(result.written)} of {result.total} {title} files into "
                     f"{self.folder}; the files written are kept."]  # fmt: skip
        else:
            lines = [f"Wrote {len(result.written)} {title} files into {self.folder}."]
        if result.skipped:
            lines.append(f"Skipped {len(result.skipped)}: " + "; ".join(result.skipped_lines()[:10]))
        if result.damaged:
            lines.append(
                f"Left out {len(result.damaged)} whose record is damaged: " + "; ".join(map(str, result.damaged[:10]))
            )
        self.status.setText("\n".join(lines))
        self.close_button.setText("Close")
        self.close_button.setFocus()
        self.ended.emit(self.status.text())

    def reject(self) -> None:
        """Cancel or Esc: while it runs, stop it and say how far it got; afterwards, close."""
        if self.running():
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.batch is not None:
            self.batch.cancel()
            self.timer.stop()
        super().closeEvent(event)
