"""Export PDF…: the chosen document and sessions, a preview, and save, print and open."""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from cst_notes.domain.patient import Patient
from cst_notes.services import Services
from cst_notes.ui.document_export import PdfExportDialog


@dataclass
class FakeAsker:
    folder: Path
    opened: list[Path] = field(default_factory=list)
    printed_to: Path | None = None

    def save_path(self, parent: QWidget, suggested: Path) -> Path | None:
        return self.folder / suggested.name

    def print_setup(self, parent: QWidget, printer: QPrinter) -> bool:
        assert self.printed_to is not None
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.printed_to))
        return True

    def open_file(self, path: Path) -> None:
        self.opened.append(path)


def text(pdf: bytes | None) -> str:
    assert pdf is not None
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def clinic(services: Services) -> int:
    services.create_demo_clinic(3, 4, seed=1)
    pid = services.patient_summaries()[0].id
    latest = services.sessions(pid)[-1]  # the demo leaves the latest session a draft
    services.update_session(replace(latest, private_notes="Spoke about the divorce."))
    return pid


def dialog_for(qtbot: QtBot, services: Services, pid: int, tmp_path: Path, kind: str = "summary") -> PdfExportDialog:
    dialog = PdfExportDialog(services, pid, initial_kind=kind, asker=FakeAsker(tmp_path))
    qtbot.addWidget(dialog)
    return dialog


def test_the_preview_shows_each_document(qtbot: QtBot, services: Services, clinic: int, tmp_path: Path) -> None:
    dialog = dialog_for(qtbot, services, clinic, tmp_path)
    assert dialog.page_count >= 1 and dialog.pages_label.text().endswith(("page", "pages"))
    pages = [w for w in dialog.preview.findChildren(QLabel) if not w.pixmap().isNull()]
    assert len(pages) == dialog.page_count and pages[0].pixmap().width() == 520
    for kind in ("progress", "intake", "record"):
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        dialog.render_now()
        assert dialog.pdf is not None and dialog.error.text() == ""


def test_another_session_gives_another_summary(qtbot: QtBot, services: Services, clinic: int, tmp_path: Path) -> None:
    dialog = dialog_for(qtbot, services, clinic, tmp_path)
    first = text(dialog.pdf)
    dialog.session.setCurrentIndex(2)
    dialog.render_now()
    assert text(dialog.pdf) != first


def test_private_notes_only_when_ticked(qtbot: QtBot, services: Services, clinic: int, tmp_path: Path) -> None:
    dialog = dialog_for(qtbot, services, clinic, tmp_path)
    assert "divorce" not in text(dialog.pdf) and not dialog.warning.isVisible()
    dialog.show()
    dialog.private.setChecked(True)
    dialog.render_now()
    assert "divorce" in text(dialog.pdf) and dialog.warning.isVisible()


def test_the_progress_report_covers_the_ticked_sessions(
    qtbot: QtBot, services: Services, clinic: int, tmp_path: Path
) -> None:
    dialog = dialog_for(qtbot, services, clinic, tmp_path, kind="progress")
    assert "4 sessions" in text(dialog.pdf)
    dialog.range.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.render_now()
    assert "3 sessions" in text(dialog.pdf)


def test_save_print_and_open(qtbot: QtBot, services: Services, clinic: int, tmp_path: Path) -> None:
    dialog = dialog_for(qtbot, services, clinic, tmp_path)
    saved = dialog.save()
    assert saved is not None and saved.read_bytes() == dialog.pdf
    assert subprocess.run(["qpdf", "--check", str(saved)], capture_output=True, check=False).returncode == 0
    asker = dialog.asker
    assert isinstance(asker, FakeAsker)
    asker.printed_to = tmp_path / "printed.pdf"
    assert dialog.print_document() == dialog.page_count
    assert len(PdfReader(asker.printed_to).pages) == dialog.page_count
    opened = dialog.open_in_viewer()
    assert opened is not None and asker.opened == [opened] and opened.read_bytes().startswith(b"%PDF")


def test_documents_the_record_cannot_give_are_disabled(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    import datetime as dt

    pid = services.create_patient(Patient("प्रिया शर्मा", dt.date(1990, 1, 1))).patient_id
    dialog = dialog_for(qtbot, services, pid, tmp_path)
    model = dialog.kind.model()
    enabled = {dialog.kind.itemData(n): model.item(n).isEnabled() for n in range(dialog.kind.count())}  # type: ignore[attr-defined]
    assert enabled == {"summary": False, "progress": False, "intake": False, "record": True}
    assert dialog.kind_code() == "record" and dialog.pdf is not None
