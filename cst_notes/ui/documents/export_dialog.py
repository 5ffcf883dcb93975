"""Export PDF…: choose a document and its sessions, see its pages, then save, print or open it.

Private notes and the SOAP assessment stay out unless ticked for this document. Save, print and open
go through ``outputs`` (``pages.PdfOutputs``), whose windows tests replace."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QImage, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cst_notes import reports
from cst_notes.domain import vocabulary as V
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import Session
from cst_notes.reports import DocumentKind
from cst_notes.services import Services
from cst_notes.ui.documents import pages
from cst_notes.ui.widgets.background import Latest
from cst_notes.ui.widgets.code_combo import CodeComboBox
from cst_notes.ui.widgets.formatting import local_date_text, pain_text
from cst_notes.ui.widgets.keys import key_shortcut
from cst_notes.ui.widgets.privacy import Privacy

DEBOUNCE_MS, LAST_N = 150, 10
UNPAINTED_MS = 250  # the pages are made this long after the window shows if it has not been drawn by then
MNEMONICS = {
    DocumentKind.SUMMARY: "u",
    DocumentKind.PROGRESS: "g",
    DocumentKind.INTAKE: "I",
    DocumentKind.RECORD: "c",
}  # Alt+letter, clear of the buttons' own
LEFT_OUT = {  # why a tick has no effect on a document
    (DocumentKind.INTAKE, "private"): "The intake summary has no session notes.",
    (DocumentKind.INTAKE, "assessment"): "The intake summary has no session notes.",
    (DocumentKind.RECORD, "assessment"): "The clinical record always shows the assessment.",
}
STYLE = """
QLabel[role="name"] { font-size: 14pt; font-weight: bold; }
QLabel[role="title"] { font-weight: bold; }
QLabel[role="hint"] { color: #5f6368; }
QLabel[role="warning"] { background: #fff3cd; color: #5d4200; border: 1px solid #e0b100; border-radius: 4px;
                         padding: 6px 8px; }
"""
NO_LETTERHEAD = (
    "These documents have no letterhead yet: they will not show your practice's name, address or phone "
    "number. To add them, choose File ▸ Clinic settings… in the main window."
)
PREPARING = "Preparing preview…"
T = TypeVar("T")
L = TypeVar("L", bound=QBoxLayout)


@dataclass(frozen=True)
class Prepared:
    """A preview made (in the background thread): the PDF and its pages, or why there is none."""

    pdf: bytes | None
    problem: str
    images: list[QImage]


def _prepared(make: Callable[[], tuple[bytes | None, str]], width_px: int) -> Prepared:
    """The PDF ``make`` makes and its pages rendered ``width_px`` wide (the view's ``pixel_width``), in any thread."""
    pdf, problem = make()
    if pdf is None:
        return Prepared(None, problem, [])
    try:
        return Prepared(pdf, "", pages.page_images(pdf, width_px))
    except ValueError as exc:
        return Prepared(None, f"The preview could not be drawn: {exc}.", [])


def session_line(s: Session) -> str:
    """'2026-09-09 · 60 min · pain 4 → 3 · draft'."""
    pain = pain_text(s.pain_before, s.pain_after)
    parts = [local_date_text(s.started_at), f"{s.duration_minutes} min", f"pain {pain}" if pain else ""]
    return " · ".join(p for p in [*parts, "" if s.is_signed else "draft"] if p)


def _label(role: str, text: str = "") -> QLabel:
    label = QLabel(text, wordWrap=True)
    label.setProperty("role", role)
    return label


def _laid_out(layout: L, *parts: QWidget | QLayout, stretch: object = None) -> L:
    """``layout`` holding ``parts`` in order; only ``stretch`` (if given) takes the spare room."""
    for part in parts:
        if isinstance(part, QWidget):
            layout.addWidget(part, int(part is stretch))
        else:
            layout.addLayout(part, int(part is stretch))
    return layout


def _group(title: str, *widgets: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    _laid_out(QVBoxLayout(box), *widgets)
    return box


class PdfExportDialog(QDialog):
    """One patient's documents: the choices on the left, the pages on the right, the actions below."""

    def __init__(
        self,
        services: Services,
        patient_id: int,
        parent: Any = None,
        *,
        initial_kind: DocumentKind = DocumentKind.SUMMARY,
        privacy: Privacy | None = None,
        record: PatientRecord | None = None,
    ) -> None:
        """``record``: the patient's record as the database holds it now, when the caller has it
        (the open chart); else it is read."""
        super().__init__(parent)
        self.services, self.record = services, record if record is not None else services.record(patient_id)
        self.practitioners = tuple(services.practitioners())  # whose credentials the documents print
        self.sessions = sorted(self.record.sessions, key=lambda s: s.started_at, reverse=True)
        self.outputs = pages.PdfOutputs()  # the Save and print dialogs and the viewer: tests replace them
        self.pdf: bytes | None = None
        self.problem, self._stale = "", True
        self._awaiting_paint = False  # shown, not yet drawn
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._render_if_shown)
        self._preview: Latest[Prepared] = Latest(self)  # the pages, made in the background thread
        # In privacy mode the window shows initials (the document itself is the patient's own).
        self.privacy = privacy or Privacy(parent=self)
        self.setStyleSheet(STYLE)
        self.resize(1080, 780)

        choices = self._choices()  # made first: Tab follows the order the controls are made in
        self.title_label, self.pages_label, self.view = _label("title"), _label("hint"), pages.PagesView()
        header = _laid_out(QHBoxLayout(), self.title_label, self.pages_label, stretch=self.title_label)
        right = _laid_out(QVBoxLayout(), header, self.view, stretch=self.view)
        columns = _laid_out(QHBoxLayout(), choices, right, stretch=right)
        self.status = _label("status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.letterhead_note = _label("warning", NO_LETTERHEAD)  # said at the top, before anything is chosen
        self.letterhead_note.setVisible(not services.settings().has_letterhead)
        _laid_out(QVBoxLayout(self), self.letterhead_note, columns, self.status, self._buttons(), stretch=columns)
        key_shortcut(self, "save_dialog", self.save)
        key_shortcut(self, "print", self.print_document)
        self.kind_buttons[initial_kind if not self._unavailable(initial_kind) else DocumentKind.RECORD].setChecked(True)
        self._kind_changed()
        self._show_name()
        self.privacy.changed.connect(self._show_name)

    @property
    def shown_name(self) -> str:
        """The patient as the window names them now (initials in privacy mode)."""
        return self.privacy.name(self.record.patient.full_name)

    def _show_name(self) -> None:
        self.setWindowTitle(f"Export PDF — {self.shown_name}")
        self.name_label.setText(self.shown_name)

    def _choices(self) -> QWidget:
        self.kind_group, self.kind_buttons, reasons = QButtonGroup(self), {}, []
        for kind in reports.kinds():
            title, key, reason = reports.TITLES[kind], MNEMONICS.get(kind, ""), self._unavailable(kind)
            button = self.kind_buttons[kind] = QRadioButton(title.replace(key, f"&{key}", 1) if key else title)
            button.setEnabled(not reason)
            button.setToolTip(reason)
            reasons += [f"{title}: {reason[0].lower()}{reason[1:]}"] if reason else []
            self.kind_group.addButton(button)
        self.kind_group.buttonToggled.connect(lambda _button, on: self._kind_changed() if on else None)
        self.reasons = _label("hint", "\n".join(reasons))
        self.reasons.setVisible(bool(reasons))
        self.session_list, self.range_list = QListWidget(), QListWidget()
        for s in self.sessions:
            self.session_list.addItem(session_line(s))
            item = QListWidgetItem(session_line(s), self.range_list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.session_list.setCurrentRow(0)  # newest first: the latest session
        self.session_list.currentRowChanged.connect(self._changed)
        self.range_list.itemChanged.connect(self._changed)
        self.all_button, self.last_button = QPushButton("A&ll"), QPushButton(f"Las&t {LAST_N}")
        self.all_button.clicked.connect(lambda: self._tick_newest(len(self.sessions)))
        self.last_button.clicked.connect(lambda: self._tick_newest(LAST_N))
        self.range_row = QWidget()
        row = _laid_out(QHBoxLayout(self.range_row), self.all_button, self.last_button)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch()
        self.private = QCheckBox("Include private &notes")
        self.assessment = QCheckBox("Include the SOAP &assessment")
        self.private.toggled.connect(self._changed)
        self.assessment.toggled.connect(self._changed)
        self.warning = _label("warning")
        self.language = CodeComboBox(V.DOCUMENT_LANGUAGES)  # the patient's own, unless chosen for this one
        self.language.setObjectName("document_language")
        self.language.set_code(self.record.patient.document_language)
        self.language.currentIndexChanged.connect(self._changed)
        self.sessions_box = _group("Session", self.session_list, self.range_list, self.range_row)
        documents = _group("Document", *self.kind_buttons.values(), self.reasons)
        private = _group("Private content", self.private, self.assessment, self.warning)
        language = _group("&Written in", self.language)
        panel = QWidget(maximumWidth=380)
        name = self.name_label = _label("name")
        parts = (name, documents, self.sessions_box, private, language)
        column = _laid_out(QVBoxLayout(panel), *parts, stretch=self.sessions_box)
        column.setContentsMargins(0, 0, 6, 0)
        column.addStretch()  # takes the room only when there is no session list
        return panel

    def _buttons(self) -> QHBoxLayout:
        self.save_button, self.print_button = QPushButton("&Save PDF…"), QPushButton("&Print…")
        self.open_button, self.close_button = QPushButton("&Open"), QPushButton("Close")
        self.open_button.setToolTip("Open a temporary copy in the system's PDF viewer")
        self.save_button.setDefault(True)
        row = QHBoxLayout()
        for button, action in ((self.save_button, self.save), (self.print_button, self.print_document),
                               (self.open_button, self.open_document), (self.close_button, self.reject)):  # fmt: skip
            button.clicked.connect(action)
            row.addWidget(button)
        row.insertStretch(3)
        return row

    # --- the choices ----------------------------------------------------------------------------

    def _unavailable(self, kind: DocumentKind) -> str:
        """Why the record cannot give document ``kind`` ('' if it can)."""
        if kind in (DocumentKind.SUMMARY, DocumentKind.PROGRESS) and not self.sessions:
            return "There are no sessions on record yet."
        return "There is no intake on record yet." if kind == DocumentKind.INTAKE and self.record.intake is None else ""

    def kind(self) -> DocumentKind:
        return next((k for k, b in self.kind_buttons.items() if b.isChecked()), DocumentKind.RECORD)

    def chosen_session(self) -> Session | None:
        row = self.session_list.currentRow()
        return self.sessions[row] if 0 <= row < len(self.sessions) else None

    def chosen_sessions(self) -> list[Session]:
        """The sessions ticked for a progress report, newest first."""
        items = [self.range_list.item(n) for n in range(self.range_list.count())]
        return [s for s, item in zip(self.sessions, items, strict=True) if item.checkState() == Qt.CheckState.Checked]

    def options(self) -> reports.DocumentOptions:
        ids = (
            tuple(s.id for s in self.chosen_sessions() if s.id is not None)
            if self.kind() == DocumentKind.PROGRESS
            else None
        )
        private, soap = (box.isEnabled() and box.isChecked() for box in (self.private, self.assessment))
        return reports.DocumentOptions(
            include_private_notes=private,
            include_assessment=soap,
            session_ids=ids,
            issued_on=self.services.today(),
            practitioners=self.practitioners,
            language=self.language.code(),
        )

    def _tick_newest(self, n: int) -> None:
        for row in range(self.range_list.count()):
            self.range_list.item(row).setCheckState(Qt.CheckState.Checked if row < n else Qt.CheckState.Unchecked)

    def _kind_changed(self) -> None:
        kind = self.kind()
        self.title_label.setText(reports.TITLES[kind])
        self.sessions_box.setVisible(kind in (DocumentKind.SUMMARY, DocumentKind.PROGRESS))
        self.session_list.setVisible(kind == DocumentKind.SUMMARY)
        self.range_list.setVisible(kind == DocumentKind.PROGRESS)
        self.range_row.setVisible(kind == DocumentKind.PROGRESS)
        for which, box in (("private", self.private), ("assessment", self.assessment)):
            box.setEnabled(not LEFT_OUT.get((kind, which)))
            box.setToolTip(LEFT_OUT.get((kind, which), ""))
        self._changed()

    def _changed(self) -> None:
        boxes = ((self.private, "private notes"), (self.assessment, "the SOAP assessment"))
        shown = [what for box, what in boxes if box.isEnabled() and box.isChecked()]
        self.warning.setText(f"This document will show {' and '.join(shown)}." if shown else "")
        self.warning.setVisible(bool(shown))
        ticked = f"Sessions in the report: {len(self.chosen_sessions())} of {len(self.sessions)}"
        self.sessions_box.setTitle(ticked if self.kind() == DocumentKind.PROGRESS else "Session")
        self._stale = True
        self._preview.cancel()  # pages on their way are for the choices before this change: dropped
        self._timer.start(DEBOUNCE_MS)

    # --- the preview ----------------------------------------------------------------------------

    @property
    def pending(self) -> bool:
        """True while a change waits for the preview to catch up (the pause after it, then its pages being made)."""
        return self._timer.isActive() or self._preview.pending

    def _render_if_shown(self) -> None:
        """The pause after a change is over: prepare the pages in the background, unless the dialog is
        not (or no longer) on screen, when the choices stay marked as changed for the next time it is
        shown or used."""
        if self.isVisible():
            self._prepare_in_background()

    def _prepare_in_background(self) -> None:
        """Make the PDF (if the choices changed) and its pages in the background thread; meanwhile the
        pages shown stay, or, before there are any, "Preparing preview…" says what is happening."""
        made, width = self._maker(), self.view.pixel_width()
        self.pages_label.setText(PREPARING)
        if not self.view.page_count:
            self.view.show_waiting(PREPARING)
        self._preview.run(lambda: _prepared(made, width), self._show_prepared)

    def render_now(self) -> None:
        """Make the PDF for the current choices (if they changed) and show its pages, here and now
        (what is on its way from the background is dropped)."""
        self._timer.stop()
        self._preview.cancel()
        self._show_prepared(_prepared(self._maker(), self.view.pixel_width()))

    def _show_prepared(self, prepared: Prepared) -> None:
        self._stale = False
        self.pdf, self.problem = prepared.pdf, prepared.problem
        if self.pdf is None:
            self.view.show_message(self.problem)
        count = self.view.show_images(prepared.images) if self.pdf is not None else 0
        self.pages_label.setText("" if self.pdf is None else f"{count} page{'' if count == 1 else 's'}")
        for button in (self.save_button, self.print_button, self.open_button):
            button.setEnabled(self.pdf is not None)

    def _maker(self) -> Callable[[], tuple[bytes | None, str]]:
        """What makes the PDF of the choices of now (read here, in the GUI thread), to run in any thread;
        the PDF made before when the choices are unchanged (the pages are drawn again at a new width)."""
        if not self._stale:
            pdf, problem = self.pdf, self.problem
            return lambda: (pdf, problem)
        kind, chosen = self.kind(), self.chosen_session()
        if kind == DocumentKind.PROGRESS and not self.chosen_sessions():
            return lambda: (None, "Tick at least one session for the progress report.")
        session = chosen.id if kind == DocumentKind.SUMMARY and chosen is not None else None
        record, settings, options = self.record, self.services.settings(), self.options()

        def make() -> tuple[bytes | None, str]:
            try:
                return reports.render(kind, record, settings, options, session), ""
            except ValueError as exc:
                return None, f"This document cannot be made: {str(exc).rstrip('.')}."

        return make

    def showEvent(self, event: QShowEvent) -> None:
        """The pages are made at the real width as soon as the window is drawn (``paintEvent``): made
        meanwhile, in the background thread, they held the window's first drawing up (its Python
        code takes turns with the drawing's, 5 ms at a time), past what a person notices."""
        super().showEvent(event)
        self._awaiting_paint = True
        if not self.view.page_count:
            self.pages_label.setText(PREPARING)
            self.view.show_waiting(PREPARING)
        self._timer.start(UNPAINTED_MS)  # in case the window is never drawn (covered, say)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._awaiting_paint:
            self._awaiting_paint = False
            self._timer.start(0)  # the next turn of the event loop: after this drawing, all of it

    def hideEvent(self, event: QHideEvent) -> None:
        """Closed (or hidden): a preview waiting to be drawn is not drawn for nobody."""
        self._timer.stop()
        self._preview.cancel()
        super().hideEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible() and self.view.needs_redraw():
            self._timer.start(DEBOUNCE_MS)

    # --- save, print, open ----------------------------------------------------------------------

    def suggested_name(self) -> str:
        """The patient, the document and its date: the session's for a summary, otherwise today's."""
        chosen = self.chosen_session() if self.kind() == DocumentKind.SUMMARY else None
        day = chosen.started_at.astimezone().date() if chosen is not None else self.services.today()
        return pages.file_name(self.record.patient.full_name, reports.TITLES[self.kind()], day)

    def _send(self, action: Callable[[bytes], tuple[T | None, str]]) -> T | None:
        """``action`` on the PDF of the current choices (made now if a change is pending); says how it went."""
        if self._stale or self.pending:
            self.render_now()
        if self.pdf is None:
            return None
        try:
            (result, message), colour = action(self.pdf), "#1b5e20"
        except OSError as exc:
            result, message, colour = None, str(exc), "#8e1b1b"
        if message:
            self.status.setStyleSheet(f"color: {colour};")
            self.status.setText(message)
        return result

    def save(self) -> Path | None:
        """Ask where (Save dialog), then write the PDF there; returns the path written, or None."""
        return self._send(lambda pdf: self.outputs.save(self, pdf, self.suggested_name()))

    def print_document(self) -> int:
        """Qt's print dialog, then the pages; returns the number of pages printed."""
        return self._send(lambda pdf: self.outputs.print(self, pdf, self.suggested_name(), self.view.page_count)) or 0

    def open_document(self) -> Path | None:
        """Write a temporary copy and hand it to the system's PDF viewer; returns its path. An
        encrypted practice's copy is held in memory, never on the disk."""
        encrypted = self.services.encrypted
        return self._send(lambda pdf: self.outputs.open(pdf, self.suggested_name(), encrypted=encrypted))
