"""Export PDF…: the document and sessions chosen, the pages previewed, then saved, printed or opened.

No test blocks on a window: the Save dialog, the print dialog and the viewer are replaced on the
dialog's ``outputs``.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from cst_notes import reports
from cst_notes.domain.patient import Patient
from cst_notes.domain.privacy import initials
from cst_notes.domain.session import Session
from cst_notes.domain.settings import ClinicSettings
from cst_notes.reports import DocumentKind
from cst_notes.reports.formatting import long_date
from cst_notes.services import Services
from cst_notes.ui.documents import pages
from cst_notes.ui.documents.export_dialog import PdfExportDialog
from cst_notes.ui.widgets.background import wait_for_background
from cst_notes.ui.widgets.privacy import Privacy
from tests.conftest import NO_RECORDS_REASON
from tests.ui.conftest import ctrl, show_active

SECRET = "Spoke about the divorce."


def text(pdf: bytes | None) -> str:
    assert pdf is not None
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def page_count(pdf: bytes | None) -> int:
    assert pdf is not None
    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def patient(services: Services) -> int:
    """A demo patient with an intake and four sessions; the latest (a draft) has a private note."""
    services.create_demo_clinic(3, 4, seed=1)
    services.save_settings(ClinicSettings(clinic_name="Stillpoint Practice", therapist_name="Anita Bose"))
    pid = services.patient_summaries()[0].id
    latest = services.sessions(pid)[-1]
    assert not latest.is_signed  # the demo leaves each patient's latest session a draft
    services.update_session(replace(latest, private_notes=SECRET))
    return pid


def dialog_for(
    qtbot: QtBot, services: Services, pid: int, kind: DocumentKind = DocumentKind.SUMMARY
) -> PdfExportDialog:
    dialog = PdfExportDialog(services, pid, initial_kind=kind)
    qtbot.addWidget(dialog)
    dialog.render_now()
    return dialog


def choose(dialog: PdfExportDialog, kind: DocumentKind) -> None:
    dialog.kind_buttons[kind].click()
    dialog.render_now()


def test_the_preview_shows_every_page_of_each_document(qtbot: QtBot, services: Services, patient: int) -> None:
    dialog = dialog_for(qtbot, services, patient)
    for kind in (DocumentKind.SUMMARY, DocumentKind.PROGRESS, DocumentKind.INTAKE, DocumentKind.RECORD):
        choose(dialog, kind)
        shown = [label for label in dialog.view.page_labels if not label.isHidden()]
        assert len(shown) == dialog.view.page_count == page_count(dialog.pdf)
        assert dialog.pages_label.text() == ("1 page" if len(shown) == 1 else f"{len(shown)} pages")
        assert dialog.title_label.text() == reports.TITLES[kind]
        assert all(label.pixmap().width() == dialog.view.page_width() for label in shown)
    assert dialog.view.page_count >= 2  # the whole record runs over more than one page


def test_the_latest_session_comes_first_and_another_gives_another_summary(
    qtbot: QtBot, services: Services, patient: int
) -> None:
    dialog = show_active(qtbot, PdfExportDialog(services, patient))
    newest_first = sorted(services.sessions(patient), key=lambda s: s.started_at, reverse=True)
    assert dialog.session_list.currentRow() == 0
    assert dialog.session_list.count() == 4
    assert dialog.session_list.item(0).text().endswith("draft")
    assert " min · pain " in dialog.session_list.item(0).text()
    dialog.session_list.setFocus()
    for row in (0, 1, 2):
        dialog.render_now()
        assert f"Your session on {long_date(newest_first[row].started_at.astimezone().date())}" in text(dialog.pdf)
        assert dialog.suggested_name().endswith(
            f"Session summary {newest_first[row].started_at.astimezone():%Y-%m-%d}.pdf"
        )
        qtbot.keyClick(dialog.session_list, Qt.Key.Key_Down)


def test_private_notes_and_the_assessment_only_when_ticked(qtbot: QtBot, services: Services, patient: int) -> None:
    dialog = show_active(qtbot, PdfExportDialog(services, patient))
    dialog.render_now()
    assert SECRET not in text(dialog.pdf)
    assert "Therapist's assessment" not in text(dialog.pdf)
    assert not dialog.private.isChecked()
    assert not dialog.assessment.isChecked()
    assert not dialog.warning.isVisible()
    qtbot.mouseClick(dialog.private, Qt.MouseButton.LeftButton)
    assert dialog.pending  # the preview follows after a short pause
    qtbot.waitUntil(lambda: not dialog.pending, timeout=2000)
    assert SECRET in text(dialog.pdf)
    assert dialog.warning.isVisible()
    assert dialog.warning.text() == "This document will show private notes."
    dialog.assessment.click()
    dialog.render_now()
    assert "Therapist's assessment" in text(dialog.pdf)
    assert dialog.warning.text() == "This document will show private notes and the SOAP assessment."
    choose(dialog, DocumentKind.INTAKE)  # an intake summary has neither: the ticks do not apply, and no warning
    assert not dialog.private.isEnabled()
    assert not dialog.warning.isVisible()
    assert dialog.private.toolTip() == "The intake summary has no session notes."
    choose(dialog, DocumentKind.PROGRESS)
    assert dialog.options().include_private_notes
    assert SECRET in text(dialog.pdf)


def test_the_progress_report_covers_the_ticked_sessions(qtbot: QtBot, services: Services, patient: int) -> None:
    dialog = dialog_for(qtbot, services, patient, DocumentKind.PROGRESS)
    assert "4 sessions" in text(dialog.pdf)
    assert dialog.sessions_box.title().endswith("4 of 4")
    dialog.range_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.render_now()
    assert "3 sessions" in text(dialog.pdf)
    assert dialog.sessions_box.title().endswith("3 of 4")
    for row in range(4):
        dialog.range_list.item(row).setCheckState(Qt.CheckState.Unchecked)
    dialog.render_now()
    assert dialog.pdf is None
    assert dialog.view.message.text() == "Tick at least one session for the progress report."
    assert not dialog.save_button.isEnabled()
    assert dialog.pages_label.text() == ""
    dialog.last_button.click()  # the ten newest: here all four
    dialog.render_now()
    assert "4 sessions" in text(dialog.pdf)
    assert dialog.save_button.isEnabled()


def test_save_writes_the_chosen_file_atomically(qtbot: QtBot, services: Services, patient: int, tmp_path: Path) -> None:
    dialog = show_active(qtbot, PdfExportDialog(services, patient))
    suggested: list[Path] = []

    def fake_save_dialog(parent: QWidget, path: Path) -> Path:
        suggested.append(path)
        return tmp_path / path.name

    dialog.outputs.ask_save_path = fake_save_dialog
    ctrl(qtbot, Qt.Key.Key_S, dialog)  # Ctrl+S, before the preview has caught up: saves what is chosen
    name = services.patient(patient).full_name
    day = services.sessions(patient)[-1].started_at.astimezone().date()
    assert suggested == [dialog.outputs.documents_folder / f"{name} - Session summary {day.isoformat()}.pdf"]
    saved = tmp_path / suggested[0].name
    assert saved.read_bytes() == dialog.pdf
    assert [p.name for p in tmp_path.iterdir()] == [saved.name]
    check = subprocess.run(["qpdf", "--check", str(saved)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert dialog.status.text() == f"Saved {saved}"

    dialog.outputs.ask_save_path = lambda parent, path: tmp_path / "no such folder" / path.name
    assert dialog.save() is None
    assert "could not be saved" in dialog.status.text()
    (tmp_path / "a folder").mkdir()  # written, but cannot take the name: the partial file goes
    dialog.outputs.ask_save_path = lambda parent, path: tmp_path / "a folder"
    assert dialog.save() is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a folder", saved.name]
    dialog.outputs.ask_save_path = lambda parent, path: None  # cancelled: nothing written, nothing more said
    assert dialog.save() is None
    assert "could not be saved" in dialog.status.text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a folder", saved.name]


def test_print_sends_every_page_to_the_printer(qtbot: QtBot, services: Services, patient: int, tmp_path: Path) -> None:
    dialog = show_active(qtbot, PdfExportDialog(services, patient, initial_kind=DocumentKind.PROGRESS))
    printed_to = tmp_path / "printed.pdf"
    asked: list[int] = []

    def fake_print_dialog(parent: QWidget, printer: QPrinter, page_count: int) -> bool:
        asked.append(page_count)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed_to))
        return True

    dialog.outputs.ask_print = fake_print_dialog
    ctrl(qtbot, Qt.Key.Key_P, dialog)
    assert asked == [dialog.view.page_count]
    assert dialog.view.page_count == page_count(dialog.pdf) == 2
    printed = PdfReader(printed_to)
    assert len(printed.pages) == 2
    assert dialog.status.text().startswith("Sent 2 pages to")
    assert [round(float(v)) for v in printed.pages[0].mediabox[2:]] == [595, 842]  # A4, as the document
    dialog.outputs.ask_print = lambda parent, printer, page_count: False
    assert dialog.print_document() == 0


def test_open_hands_a_temporary_copy_to_the_viewer(
    qtbot: QtBot, services: Services, patient: int, tmp_path: Path
) -> None:
    dialog = dialog_for(qtbot, services, patient, DocumentKind.INTAKE)
    opened: list[Path] = []

    def fake_viewer(path: Path) -> bool:
        opened.append(path)
        return True

    dialog.outputs.open_file = fake_viewer
    dialog.outputs.temp_folder = tmp_path
    path = dialog.open_document()
    assert path is not None
    assert opened == [path]
    assert path.is_relative_to(tmp_path)
    assert path.suffix == ".pdf"
    assert path.read_bytes() == dialog.pdf
    assert "Intake summary" in path.name
    dialog.outputs.open_file = lambda path: False
    assert dialog.open_document() is None
    assert "No PDF viewer" in dialog.status.text()


def test_documents_the_record_cannot_give_are_disabled_with_the_reason(
    qtbot: QtBot, services: Services, patient: int
) -> None:
    pid = services.create_patient(Patient("প্রিয়া সেন", dt.date(1990, 1, 1))).patient_id
    dialog = dialog_for(qtbot, services, pid)
    enabled = {kind: button.isEnabled() for kind, button in dialog.kind_buttons.items()}
    assert enabled == {
        DocumentKind.SUMMARY: False,
        DocumentKind.PROGRESS: False,
        DocumentKind.INTAKE: False,
        DocumentKind.RECORD: True,
    }
    assert dialog.kind_buttons[DocumentKind.INTAKE].toolTip() == "There is no intake on record yet."
    assert dialog.kind_buttons[DocumentKind.SUMMARY].toolTip() == "There are no sessions on record yet."
    assert dialog.kind() == DocumentKind.RECORD
    assert dialog.pdf is not None
    assert dialog.reasons.isVisibleTo(dialog)

    no_intake = services.create_patient(Patient("John Smith", dt.date(1970, 1, 1))).patient_id
    services.add_session(
        no_intake,
        Session(
            dt.datetime.now(dt.UTC) - dt.timedelta(days=3),
            pain_before=5,
            contraindication_override_reason=NO_RECORDS_REASON,
        ),
    )
    dialog = dialog_for(qtbot, services, no_intake, DocumentKind.INTAKE)
    assert not dialog.kind_buttons[DocumentKind.INTAKE].isEnabled()
    assert dialog.kind_buttons[DocumentKind.SUMMARY].isEnabled()
    assert dialog.kind() == DocumentKind.RECORD


def test_a_document_that_cannot_be_made_shows_why(
    qtbot: QtBot, services: Services, patient: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> bytes:
        raise ValueError("the logo is not a PNG image.")

    monkeypatch.setattr(reports, "render", refuse)
    dialog = dialog_for(qtbot, services, patient)
    assert dialog.pdf is None
    assert dialog.view.currentWidget() is dialog.view.message
    assert dialog.view.message.text() == "This document cannot be made: the logo is not a PNG image."
    assert not any(b.isEnabled() for b in (dialog.save_button, dialog.print_button, dialog.open_button))
    assert dialog.save() is None
    assert dialog.print_document() == 0


def test_keyboard_tab_reaches_every_control_and_esc_closes(qtbot: QtBot, services: Services, patient: int) -> None:
    dialog = show_active(qtbot, PdfExportDialog(services, patient, initial_kind=DocumentKind.PROGRESS))
    qtbot.waitUntil(lambda: not waiting(dialog))  # the pages shown (before, the view holds no control)
    dialog.kind_buttons[DocumentKind.PROGRESS].setFocus()
    reached = []
    for _ in range(13):
        reached.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    wanted = [dialog.kind_buttons[DocumentKind.PROGRESS], dialog.range_list, dialog.all_button, dialog.last_button]
    wanted += [dialog.private, dialog.assessment, dialog.language, dialog.view.area]
    wanted += [dialog.save_button, dialog.print_button]
    wanted += [dialog.open_button, dialog.close_button]
    assert reached[: len(wanted)] == wanted
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == 0


def test_page_images_and_printing_helpers(tmp_path: Path, qtbot: QtBot, services: Services, patient: int) -> None:
    pdf = reports.render("record", services.record(patient), services.settings())
    images = pages.page_images(pdf, 300)
    assert len(images) == page_count(pdf)
    assert {image.width() for image in images} == {300}
    assert abs(images[0].height() - 300 * 842 / 595) <= 1
    with pytest.raises(ValueError, match="could not be read"):
        pages.page_images(b"not a pdf", 300)
    printer = pages.printer_for(pdf, "record")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "two.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert pages.print_pdf(pdf, printer) == 2
    assert len(PdfReader(tmp_path / "two.pdf").pages) == 2
    assert pages.file_name('A/B: "C"?', "Progress report", dt.date(2026, 11, 24)) == (
        "A-B- -C - Progress report 2026-11-24.pdf"
    )


def test_temporary_copies_do_not_outlive_the_app(
    qtbot: QtBot, services: Services, patient: int, tmp_path: Path
) -> None:
    """The viewer's copies go when the app quits; a crashed run's copies go a day later."""
    leftover = tmp_path / f"{pages.TEMP_PREFIX}crashed"
    leftover.mkdir()
    (leftover / "Intake summary.pdf").write_bytes(b"%PDF-1.4 old")
    day_old = (dt.datetime.now() - dt.timedelta(days=2)).timestamp()
    os.utime(leftover, (day_old, day_old))
    recent = tmp_path / f"{pages.TEMP_PREFIX}another-run"
    recent.mkdir()
    dialog = dialog_for(qtbot, services, patient, DocumentKind.INTAKE)
    dialog.outputs.open_file = lambda path: True
    dialog.outputs.temp_folder = tmp_path
    path = dialog.open_document()
    assert path is not None
    assert path.exists()
    assert not leftover.exists()
    assert recent.exists()
    pages.remove_temporary_copies()  # what quitting the app does
    assert not path.parent.exists()
    assert recent.exists()


def test_privacy_mode_shows_initials_in_the_dialog(qtbot: QtBot, services: Services, patient: int) -> None:
    full = services.patient(patient).full_name
    dialog = PdfExportDialog(services, patient, privacy=Privacy(on=True))
    qtbot.addWidget(dialog)
    assert full not in dialog.windowTitle()
    assert dialog.windowTitle().endswith(initials(full))
    assert not [label for label in dialog.findChildren(QLabel) if full in label.text()]


def test_a_closed_dialog_draws_no_preview(qtbot: QtBot, services: Services, patient: int) -> None:
    dialog = show_active(qtbot, PdfExportDialog(services, patient))
    dialog.render_now()
    drawn = dialog.pdf
    qtbot.mouseClick(dialog.private, Qt.MouseButton.LeftButton)
    assert waiting(dialog)  # a preview is waiting for the pause after the click
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not waiting(dialog)
    qtbot.wait(400)  # longer than the pause
    assert dialog.pdf is drawn


def waiting(dialog: PdfExportDialog) -> bool:
    """Read afresh at each call (mypy would keep an earlier assertion's narrowing of the property)."""
    return dialog.pending


def test_a_dialog_never_shown_draws_nothing_when_its_pause_is_over(
    qtbot: QtBot, services: Services, patient: int
) -> None:
    """Made and closed without being shown (as a test does): the preview's pause runs out later,
    after the database may be closed, and must not draw."""
    dialog = PdfExportDialog(services, patient)
    qtbot.addWidget(dialog)
    assert waiting(dialog)
    qtbot.wait(400)  # longer than the pause
    assert dialog.pdf is None


class _Painted(QObject):
    """Notes when the window it watches is first drawn."""

    def __init__(self) -> None:
        super().__init__()
        self.drawn = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.drawn = self.drawn or event.type() == QEvent.Type.Paint
        return False


def test_the_pages_are_begun_only_once_the_window_is_drawn(
    qtbot: QtBot, services: Services, patient: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made in the background while the window is first drawn, the pages held the drawing up
    (issue 18: the preview's stall was 61-86 ms): the window says "Preparing preview…" first."""
    made, begun_after_drawing = reports.render, []

    def watched(*args: Any, **kwargs: Any) -> bytes:
        begun_after_drawing.append(painted.drawn)
        return made(*args, **kwargs)

    monkeypatch.setattr(reports, "render", watched)
    painted = _Painted()
    dialog = PdfExportDialog(services, patient)
    dialog.installEventFilter(painted)
    show_active(qtbot, dialog)
    assert dialog.view.message.text() == "Preparing preview…"
    qtbot.waitUntil(lambda: not waiting(dialog))
    assert begun_after_drawing == [True]
    assert dialog.view.page_count == page_count(dialog.pdf)


def test_the_pages_are_made_in_the_background_and_shown_when_ready(
    qtbot: QtBot, services: Services, patient: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    made, gate = reports.render, threading.Event()

    def held(*args: Any, **kwargs: Any) -> bytes:
        gate.wait(10)  # the document is not ready until the test says so
        return made(*args, **kwargs)

    monkeypatch.setattr(reports, "render", held)
    dialog = show_active(qtbot, PdfExportDialog(services, patient))
    # While the document is being made the window answers: it says what it is doing.
    qtbot.waitUntil(lambda: dialog.pages_label.text() == "Preparing preview…")
    assert dialog.view.currentWidget() is dialog.view.message
    assert dialog.view.message.text() == "Preparing preview…"
    assert waiting(dialog)
    gate.set()
    qtbot.waitUntil(lambda: not waiting(dialog))
    assert dialog.view.currentWidget() is dialog.view.area
    shown = [label for label in dialog.view.page_labels if label.isVisible()]
    assert len(shown) == dialog.view.page_count == page_count(dialog.pdf)
    assert dialog.pages_label.text() == f"{len(shown)} page{'' if len(shown) == 1 else 's'}"
    assert "Your session on" in text(dialog.pdf)


def test_pages_made_for_changed_choices_are_dropped(
    qtbot: QtBot, services: Services, patient: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = show_active(qtbot, PdfExportDialog(services, patient))
    qtbot.waitUntil(lambda: not waiting(dialog))
    drawn = dialog.pdf
    made, started, gate = reports.render, threading.Event(), threading.Event()

    def held(*args: Any, **kwargs: Any) -> bytes:
        pdf = made(*args, **kwargs)
        if any(isinstance(a, reports.DocumentOptions) and a.include_private_notes for a in args):
            started.set()
            gate.wait(10)  # made, but not handed over until the box is unticked again
        return pdf

    monkeypatch.setattr(reports, "render", held)
    qtbot.mouseClick(dialog.private, Qt.MouseButton.LeftButton)  # ticked: its document is being made
    qtbot.waitUntil(started.is_set)
    qtbot.mouseClick(dialog.private, Qt.MouseButton.LeftButton)  # unticked before it is shown
    gate.set()
    assert wait_for_background()
    QApplication.processEvents()  # the ticked document has arrived, before the next is even asked for
    assert not dialog.private.isChecked()
    assert dialog.pdf is drawn  # not the document with the private notes
    qtbot.waitUntil(lambda: not waiting(dialog))
    assert SECRET not in text(dialog.pdf)
    assert not dialog.warning.isVisible()
