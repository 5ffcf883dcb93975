"""Export PDF…: choose the document and its sessions, see it, then save, print or open it."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cst_notes import reports
from cst_notes.domain.session import Session
from cst_notes.services import Services
from cst_notes.ui.formatting import local_date_text
from cst_notes.ui.pdf_render import page_images, print_pdf

PREVIEW_WIDTH = 520
NEEDS_SESSIONS = ("summary", "progress")


class ExportAsker(Protocol):
    def save_path(self, parent: QWidget, suggested: Path) -> Path | None: ...

    def print_setup(self, parent: QWidget, printer: QPrinter) -> bool: ...

    def open_file(self, path: Path) -> None: ...


class DialogExportAsker:
    def save_path(self, parent: QWidget, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, "Save PDF", str(suggested), "PDF (*.pdf)")
        return Path(name) if name else None

    def print_setup(self, parent: QWidget, printer: QPrinter) -> bool:
        return QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted

    def open_file(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _session_line(s: Session) -> str:
    pain = f" · pain {s.pain_before}→{s.pain_after}" if s.pain_before is not None and s.pain_after is not None else ""
    status = "" if s.is_signed else " · draft"
    return f"{local_date_text(s.started_at)} · {s.duration_minutes} min{pain}{status}"


class PdfExportDialog(QDialog):
    def __init__(
        self,
        services: Services,
        patient_id: int,
        parent: Any = None,
        *,
        initial_kind: str = "summary",
        asker: ExportAsker | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.record = services.record(patient_id)
        self.asker: ExportAsker = asker or DialogExportAsker()
        self.pdf: bytes | None = None
        self.sessions = sorted(self.record.sessions, key=lambda s: s.started_at, reverse=True)
        self.setWindowTitle(f"Export PDF — {self.record.patient.full_name}")
        self.resize(1000, 760)

        self.kind = QComboBox()
        for code, title in reports.TITLES.items():
            self.kind.addItem(title, code)
            if not self._possible(code):
                item = self.kind.model().item(self.kind.count() - 1)  # type: ignore[attr-defined]
                item.setEnabled(False)
                item.setToolTip("No intake on record" if code == "intake" else "No sessions on record")
        self.session = QComboBox()
        for s in self.sessions:
            self.session.addItem(_session_line(s), s.id)
        self.range = QListWidget()
        for s in self.sessions:
            item = QListWidgetItem(_session_line(s))
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.range.addItem(item)
        self.private = QCheckBox("Include &private notes")
        self.assessment = QCheckBox("Include the SOAP &assessment")
        self.warning = QLabel("This document will show what is normally kept from patients.")
        self.warning.setStyleSheet("color: #b71c1c;")
        self.warning.setWordWrap(True)
        self.pages_label = QLabel()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b71c1c;")
        self.preview = QWidget()
        self.preview_layout = QVBoxLayout(self.preview)
        self.preview_layout.setSpacing(12)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.preview)
        scroll.setStyleSheet("QScrollArea { background: #8a8a8a; }")
        self.preview.setStyleSheet("background: #8a8a8a;")

        self.save_button = QPushButton("&Save PDF…")
        self.print_button = QPushButton("P&rint…")
        self.open_button = QPushButton("&Open")
        close = QPushButton("Close")
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_document)
        self.open_button.clicked.connect(self.open_in_viewer)
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_document)

        form = self.form = QFormLayout()
        form.addRow("&Document", self.kind)
        form.addRow("Sessio&n", self.session)
        form.addRow("Sessions in the &report", self.range)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.private)
        left.addWidget(self.assessment)
        left.addWidget(self.warning)
        left.addStretch()
        for button in (self.save_button, self.print_button, self.open_button, close):
            left.addWidget(button)
        right = QVBoxLayout()
        right.addWidget(self.pages_label)
        right.addWidget(self.error)
        right.addWidget(scroll, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)

        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.render_now)
        for signal in (self.kind.currentIndexChanged, self.session.currentIndexChanged, self.range.itemChanged):
            signal.connect(self._changed)
        self.private.toggled.connect(self._changed)
        self.assessment.toggled.connect(self._changed)
        start = self.kind.findData(initial_kind)
        self.kind.setCurrentIndex(start if start >= 0 and self._possible(initial_kind) else self._first_possible())
        self._changed()
        self.render_now()

    # --- choices ------------------------------------------------------------------------------

    def _possible(self, kind: str) -> bool:
        if kind == "intake":
            return self.record.intake is not None
        return bool(self.sessions) or kind not in NEEDS_SESSIONS

    def _first_possible(self) -> int:
        return next(n for n in range(self.kind.count()) if self._possible(self.kind.itemData(n)))

    def kind_code(self) -> str:
        data = self.kind.currentData()
        return data if isinstance(data, str) else "record"

    def chosen_range(self) -> tuple[int, ...]:
        items = [self.range.item(n) for n in range(self.range.count())]
        return tuple(i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked)

    def options(self) -> reports.DocumentOptions:
        ids = self.chosen_range() if self.kind_code() == "progress" else None
        return reports.DocumentOptions(
            include_private_notes=self.private.isChecked(),
            include_assessment=self.assessment.isChecked(),
            session_ids=ids,
        )

    def _changed(self) -> None:
        kind = self.kind_code()
        self.form.setRowVisible(self.session, kind == "summary")
        self.form.setRowVisible(self.range, kind == "progress")
        self.warning.setVisible(self.private.isChecked() or self.assessment.isChecked())
        self._timer.start()

    # --- the document -------------------------------------------------------------------------

    def render_now(self) -> None:
        self._timer.stop()
        session = self.session.currentData() if self.kind_code() == "summary" else None
        try:
            self.pdf = reports.render(self.kind_code(), self.record, self.services.settings(), self.options(), session)
        except ValueError as exc:
            self.pdf = None
            self.error.setText(f"This document cannot be made: {exc}")
        else:
            self.error.clear()
        self._show_pages()
        for button in (self.save_button, self.print_button, self.open_button):
            button.setEnabled(self.pdf is not None)

    def _show_pages(self) -> None:
        while self.preview_layout.count():
            item = self.preview_layout.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        images = page_images(self.pdf, PREVIEW_WIDTH) if self.pdf else []
        for image in images:
            page = QLabel()
            page.setPixmap(QPixmap.fromImage(image))
            page.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.preview_layout.addWidget(page)
        self.preview_layout.addStretch()
        self.pages_label.setText("1 page" if len(images) == 1 else f"{len(images)} pages")
        self.page_count = len(images)

    def suggested_name(self) -> str:
        title = reports.TITLES[self.kind_code()]
        return f"{self.record.patient.full_name} - {title} {dt.date.today().isoformat()}.pdf"

    def save(self) -> Path | None:
        if self.pdf is None:
            return None
        folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        target = self.asker.save_path(self, folder / self.suggested_name())
        if target is None:
            return None
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(self.pdf)
        os.replace(partial, target)
        return target

    def print_document(self) -> int:
        if self.pdf is None:
            return 0
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name())
        if not self.asker.print_setup(self, printer):
            return 0
        return print_pdf(self.pdf, printer)

    def open_in_viewer(self) -> Path | None:
        if self.pdf is None:
            return None
        folder = Path(tempfile.mkdtemp(prefix="cst-notes-"))
        path = folder / self.suggested_name()
        path.write_bytes(self.pdf)
        self.asker.open_file(path)
        return path
