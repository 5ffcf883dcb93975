"""The patient copy's one choice: whether the therapist's private notes and assessments go in it."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from cst_notes.domain.disclosure import Disclosure


class PatientCopyDialog(QDialog):
    """Asks what the copy holds; accepted, ``disclosure()`` is the choice (nothing ticked: both left out)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Patient copy")
        intro = QLabel(
            "The client's whole record, as a PDF and as the JSON export file, for the client or another "
            "practitioner. The sessions' private notes and SOAP assessments are your working notes: they are "
            "left out of both files unless you tick them here.\n\n"
            "A JSON file with notes left out says so, and cannot be imported back as your records."
        )
        intro.setWordWrap(True)
        intro.setMinimumWidth(460)  # wrapped at this width, its height is known before it shows
        self.private_notes = QCheckBox("Include the &private notes")
        self.assessment = QCheckBox("Include the SOAP &assessments")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choose a &folder…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.private_notes, self.assessment, buttons):
            layout.addWidget(widget)

    def disclosure(self) -> Disclosure:
        return Disclosure(private_notes=self.private_notes.isChecked(), assessment=self.assessment.isChecked())
