"""The front desk's view of a chart: the patient's signed sessions, each summary ready to print.

Only when and who signed is listed; the summary itself is made by the services
(``Services.session_summary_pdf``), which refuse a draft's. Nothing clinical is shown here."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from cst_notes.reports import TITLES, DocumentKind
from cst_notes.services import NotAllowedError, NotFoundError, Services
from cst_notes.ui.documents import pages
from cst_notes.ui.widgets.formatting import local_time_text

INTRO = (
    "The patient's session summaries, for the signed sessions. The notes themselves are for the "
    "treating practitioners: sign in as one to see them."
)
NONE_SIGNED = "No signed sessions yet: a session's summary can be printed once it is signed."


class SignedSummaries(QWidget):
    """A list of the patient's signed sessions, with Print… and Save PDF… for the chosen one's summary."""

    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("signed_summaries")
        self._services = services
        self._patient_id: int | None = None
        self._patient_name = ""
        self.outputs = pages.PdfOutputs()  # the Save and print dialogs: tests replace them
        self.intro = QLabel(INTRO, wordWrap=True)
        self.list = QListWidget()
        self.list.setObjectName("signed_sessions")
        self.print_button = QPushButton("&Print summary…")
        self.print_button.setObjectName("print_summary")
        self.save_button = QPushButton("Sa&ve summary as PDF…")
        self.save_button.setObjectName("save_summary")
        self.status = QLabel(wordWrap=True)
        self.status.setObjectName("summary_status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.print_button.clicked.connect(self.print_summary)
        self.save_button.clicked.connect(self.save_summary)
        self.list.currentRowChanged.connect(lambda _row: self._update())
        self.list.itemActivated.connect(lambda _item: self.print_summary())

    def show_patient(self, patient_id: int, name: str) -> None:
        self._patient_id, self._patient_name = patient_id, name
        self.list.clear()
        self.status.clear()
        signed = sorted(self._services.signed_sessions(patient_id), key=lambda s: s.started_at, reverse=True)
        for s in signed:
            item = QListWidgetItem(f"{local_time_text(s.started_at)}  ·  signed by {s.signed_by}")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.list.addItem(item)
        if signed:
            self.list.setCurrentRow(0)
        else:
            self.status.setText(NONE_SIGNED)
        self._update()

    def _update(self) -> None:
        chosen = self.list.currentItem() is not None
        self.print_button.setEnabled(chosen)
        self.save_button.setEnabled(chosen)

    def chosen_session(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _pdf(self) -> tuple[bytes, str] | None:
        session_id = self.chosen_session()
        if session_id is None:
            return None
        try:
            pdf = self._services.session_summary_pdf(session_id)
        except (NotAllowedError, NotFoundError, ValueError) as exc:
            self.status.setText(f"The summary could not be made: {exc}")
            return None
        day = next(s.started_at for s in self._services.signed_sessions(self._patient_id or 0) if s.id == session_id)
        return pdf, pages.file_name(self._patient_name, TITLES[DocumentKind.SUMMARY], day.astimezone().date())

    def print_summary(self) -> int:
        made = self._pdf()
        if made is None:
            return 0
        pdf, name = made
        try:
            printed, said = self.outputs.print(self, pdf, name, pages.page_count(pdf))
        except OSError as exc:
            said, printed = str(exc), None
        self.status.setText(said)
        return printed or 0

    def save_summary(self) -> None:
        made = self._pdf()
        if made is None:
            return
        try:
            _, said = self.outputs.save(self, *made)
        except OSError as exc:
            said = str(exc)
        self.status.setText(said)
