"""Clinic settings: the letterhead of every document, the therapist, page size, retention."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain import vocabulary as V
from cst_notes.domain.fields import field_label
from cst_notes.domain.settings import CLINIC_WIDE, IDLE_LOCK_RANGE, ClinicSettings
from cst_notes.domain.validation import FieldError, ValidationError
from cst_notes.services import Services
from cst_notes.ui.widgets.code_combo import CodeComboBox
from cst_notes.ui.widgets.date_edit import set_date_order
from cst_notes.ui.widgets.field_feedback import STYLESHEET, FieldFeedback, error_label, form_label, with_error_label
from cst_notes.ui.widgets.keys import key_shortcut

LOGO_SIDE = 256  # the logo is stored as a PNG at most this many pixels on its longer side

_TEXT_FIELDS = (
    ("clinic_name", "Clinic &name"),
    ("phone", "&Phone"),
    ("email", "&E-mail"),
    ("therapist_name", "&Therapist"),
    ("credentials", "&Credentials (training)"),
    ("memberships", "&Memberships"),
    ("footer_text", "&Footer text"),
)


class LogoError(ValueError):
    """The chosen file cannot be the logo."""


def logo_png_from_file(path: Path) -> bytes:
    """The image at ``path`` as a PNG scaled to LOGO_SIDE; LogoError if it is not an image."""
    image = QImage(str(path))
    if image.isNull():
        raise LogoError(f"{path.name} is not an image this app can read (use PNG or JPEG)")
    if max(image.width(), image.height()) > LOGO_SIDE:
        image = image.scaled(LOGO_SIDE, LOGO_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)  # fmt: skip
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; the binding takes str
    buffer.close()
    return bytes(data.data())


def clinic_note() -> str:
    """What a laptop joined to a clinic shares of these settings, and what stays its own."""
    shared = "; ".join(field_label("settings", name) for name in CLINIC_WIDE)
    return (
        f"This laptop is joined to a clinic, and these are the clinic's: {shared}. An owner's change goes to "
        "every laptop with the next sync; on any other laptop the clinic's come back then. The rest are this "
        "laptop's own."
    )


class SettingsDialog(QDialog):
    """Edits the clinic settings; Save validates through the services and writes nothing if invalid."""

    saved = Signal(object)  # the services' Changed

    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle("Clinic settings")
        self.setStyleSheet(STYLESHEET)
        self._logo: bytes | None = services.settings().logo_png
        general = error_label()
        self.feedback = FieldFeedback(general)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for field, caption in _TEXT_FIELDS:
            edit = QLineEdit()
            self.edits[field] = edit
            self._add(form, field, caption, edit)
        self.address = QPlainTextEdit()
        self.address.setFixedHeight(70)
        self.address.setTabChangesFocus(True)
        self._add(form, "address", "&Address", self.address)
        self.page_size = CodeComboBox(V.PAGE_SIZES)
        self._add(form, "page_size", "Pa&ge size", self.page_size)
        self.date_order = CodeComboBox(V.DATE_ORDERS)
        self.date_order.setToolTip("How a date like 03/04/2020 is read when typed; 2020-04-03 is always understood")
        self._add(form, "date_order", "&Dates are written", self.date_order)
        self.retention = QSpinBox()
        self.retention.setRange(1, 100)
        self.retention.setSuffix(" years after the last visit")
        self._add(form, "retention_years", "&Keep records", self.retention)
        self.idle_lock = QSpinBox()
        self.idle_lock.setRange(*IDLE_LOCK_RANGE)
        self.idle_lock.setSuffix(" minutes without a key or a click")
        self.idle_lock.setToolTip("The screen locks then: no patient shows until the practitioner signs in again")
        self._add(form, "idle_lock_minutes", "L&ock the screen after", self.idle_lock)
        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(72, 72)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setStyleSheet("border: 1px solid #c8c8c8; background: white;")
        choose, remove = QPushButton("Choose &logo…"), QPushButton("Remove logo")
        choose.clicked.connect(self.choose_logo)
        remove.clicked.connect(lambda: self.set_logo(None))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addWidget(choose)
        logo_row.addWidget(remove)
        logo_row.addStretch()
        logo_cell = QWidget()
        logo_cell.setLayout(logo_row)
        self.logo_error = error_label()
        self.feedback.add("logo_png", "The logo", self.logo_preview, self.logo_error)
        form.addRow("Logo", with_error_label(logo_cell, self.logo_error))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        key_shortcut(self, "save_dialog", self.save)
        layout = QVBoxLayout(self)
        intro = QLabel("These appear on the letterhead and footer of every document.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.clinic_note = QLabel(clinic_note() if services.clinic_link() is not None else "")
        self.clinic_note.setWordWrap(True)
        self.clinic_note.setVisible(bool(self.clinic_note.text()))
        layout.addWidget(self.clinic_note)
        layout.addLayout(form)
        layout.addWidget(general)
        layout.addWidget(buttons)
        self.load(services.settings())

    def _add(self, form: QFormLayout, field: str, caption: str, widget: QWidget) -> None:
        label = error_label()
        self.feedback.add(field, caption.replace("&", ""), widget, label)
        form.addRow(form_label(caption, widget), with_error_label(widget, label))

    def load(self, settings: ClinicSettings) -> None:
        for field, edit in self.edits.items():
            edit.setText(getattr(settings, field))
        self.address.setPlainText(settings.address)
        self.page_size.set_code(settings.page_size)
        self.date_order.set_code(settings.date_order)
        self.retention.setValue(settings.retention_years)
        self.idle_lock.setValue(settings.idle_lock_minutes)
        self.set_logo(settings.logo_png)

    def set_logo(self, png: bytes | None) -> None:
        self._logo = png
        if png is None:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("none")
            return
        pixmap = QPixmap()
        pixmap.loadFromData(png)
        self.logo_preview.setPixmap(pixmap.scaled(68, 68, Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation))  # fmt: skip

    def choose_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose the clinic's logo", "", "Images (*.png *.jpg *.jpeg)")
        if name:
            self.load_logo_file(Path(name))

    def load_logo_file(self, path: Path) -> None:
        try:
            self.set_logo(logo_png_from_file(path))
        except LogoError as exc:
            self.feedback.show([FieldError("logo_png", str(exc))])

    def current(self) -> ClinicSettings:
        values = {field: edit.text().strip() for field, edit in self.edits.items()}
        return replace(
            self.services.settings(),
            address=self.address.toPlainText().strip(),
            page_size=self.page_size.code(),
            date_order=self.date_order.code(),
            retention_years=self.retention.value(),
            idle_lock_minutes=self.idle_lock.value(),
            logo_png=self._logo,
            **values,
        )

    def save(self) -> None:
        try:
            changed = self.services.save_settings(self.current())
        except ValidationError as exc:
            first = self.feedback.show(exc.errors)
            if first is not None:
                first.setFocus()
            return
        self.feedback.clear()
        set_date_order(self.date_order.code())
        self.saved.emit(changed)
        self.accept()
