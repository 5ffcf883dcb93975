"""File ▸ Export PDFs for all patients…: a progress bar while the workers render, and Cancel (Esc)
that stops early, keeps the files written and says how many."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressBar
from pytestqt.qtbot import QtBot

from cst_notes.services import Services
from cst_notes.ui.documents.batch_dialog import BatchExportDialog
from cst_notes.ui.shell.main_window import MainWindow
from tests.ui.conftest import activate, show_active
from tests.ui.hands import press
from tests.ui.shell.test_practice_menu import FakeAsker, menu_texts

PATIENTS = 5


@pytest.fixture
def clinic(file_services: Services) -> Services:
    file_services.create_demo_clinic(PATIENTS, 2, seed=3)
    return file_services


def open_dialog(qtbot: QtBot, services: Services, folder: Path) -> BatchExportDialog:
    window = show_active(qtbot, MainWindow(services, "clinic.sqlite"))
    window.practice.asker = FakeAsker(folder=folder)
    assert "Export PDFs for &all patients…" in menu_texts(window, "&File")
    dialog = window.practice.export_all_pdfs()
    assert isinstance(dialog, BatchExportDialog)
    dialog.workers = 2  # the same on any machine: at most four records in flight
    return activate(qtbot, dialog)


def test_the_chosen_document_for_every_patient_with_a_progress_bar(
    qtbot: QtBot, clinic: Services, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, clinic, tmp_path / "out")
    assert QApplication.focusWidget() is dialog.kind  # the first question
    press(qtbot, Qt.Key.Key_Up)  # from the clinical record to the intake summary
    press(qtbot, Qt.Key.Key_Up)  # to the progress report
    seen: list[int] = []
    bar = dialog.findChild(QProgressBar)
    assert bar is not None
    dialog.progressed.connect(lambda _done, _total: seen.append(bar.value()))
    with qtbot.waitSignal(dialog.ended, timeout=120_000):
        press(qtbot, Qt.Key.Key_Return)  # Export…: the folder is asked for, and it starts
    files = sorted((tmp_path / "out").glob("*.pdf"))
    assert sorted(int(f.name[:5]) for f in files) == sorted(clinic.patient_ids())
    assert all(f.name.endswith("-progress.pdf") for f in files)
    assert seen[-1] == PATIENTS
    assert seen == sorted(seen)
    assert f"Wrote {PATIENTS} progress report files into {tmp_path / 'out'}." in dialog.status.text()
    press(qtbot, Qt.Key.Key_Escape)  # done: Esc closes
    assert not dialog.isVisible()


def test_esc_stops_early_keeps_the_files_written_and_says_how_many(
    qtbot: QtBot, clinic: Services, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, clinic, tmp_path / "out")
    stopped: list[int] = []

    def stop_at_the_first(done: int, _total: int) -> None:
        if not stopped:
            stopped.append(done)
            press(qtbot, Qt.Key.Key_Escape)  # the person sees the bar move and changes their mind

    dialog.progressed.connect(stop_at_the_first)
    with qtbot.waitSignal(dialog.ended, timeout=120_000):
        press(qtbot, Qt.Key.Key_Return)
    written = len(dialog.batch.result.written) if dialog.batch else -1
    assert 1 <= written < PATIENTS
    assert f"Cancelled. Wrote {written} of {PATIENTS} clinical record files" in dialog.status.text()
    qtbot.wait(500)  # the workers' last documents are not written after the cancel
    assert len(list((tmp_path / "out").glob("*.pdf"))) == written
    assert dialog.isVisible()  # it stays to say how far it got
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_no_folder_chosen_writes_nothing(qtbot: QtBot, clinic: Services, tmp_path: Path) -> None:
    window = show_active(qtbot, MainWindow(clinic, "clinic.sqlite"))
    window.practice.asker = FakeAsker(folder=None)
    dialog = activate(qtbot, window.practice.export_all_pdfs())
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.batch is None
    assert dialog.isVisible()
    assert list(tmp_path.glob("**/*.pdf")) == []


def test_a_second_enter_does_not_cancel_the_batch(qtbot: QtBot, clinic: Services, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, clinic, tmp_path / "out")
    with qtbot.waitSignal(dialog.ended, timeout=120_000):
        press(qtbot, Qt.Key.Key_Return)
        press(qtbot, Qt.Key.Key_Return)  # the person pressed it twice
    assert dialog.batch is not None
    assert not dialog.batch.result.cancelled
    assert len(list((tmp_path / "out").glob("*.pdf"))) == PATIENTS
