"""The viewer's copy of a document (Open in the export dialog): an encrypted practice's copy is held
in memory, never written to the disk; where the computer has no folder in memory, nothing is written
and the dialog says what to do instead."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cst_notes.services import Services
from cst_notes.ui.documents import pages
from cst_notes.ui.documents.export_dialog import PdfExportDialog
from tests.ui.conftest import show_active


def _practice(path: Path, key: str | None) -> Services:
    services = Services.open(path, key=key)
    services.create_demo_clinic(1, 2, seed=1)
    return services


@pytest.fixture(params=["plain", "encrypted"])
def practice(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Services]:
    services = _practice(tmp_path / "practice.sqlite", None if request.param == "plain" else "correct horse")
    yield services
    services.close()


def _opened_with_alt_o(
    qtbot: QtBot, services: Services, disk: Path, memory: Path | None
) -> tuple[PdfExportDialog, list[Path]]:
    dialog = PdfExportDialog(services, services.patient_summaries()[0].id)
    qtbot.addWidget(dialog)
    opened: list[Path] = []

    def viewer(path: Path) -> bool:
        opened.append(path)
        return True

    dialog.outputs.open_file = viewer
    dialog.outputs.temp_folder, dialog.outputs.memory_folder = disk, memory
    show_active(qtbot, dialog)
    qtbot.waitUntil(dialog.open_button.isEnabled)  # the document is made
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(dialog.status.text()))  # a mnemonic clicks the button a moment later
    return dialog, opened


def _pdfs_in(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.pdf"))


def test_the_copy_goes_to_memory_only_when_the_practice_is_encrypted(
    qtbot: QtBot, practice: Services, tmp_path: Path
) -> None:
    disk, memory = tmp_path / "tmp", tmp_path / "shm"
    disk.mkdir()
    memory.mkdir()
    dialog, opened = _opened_with_alt_o(qtbot, practice, disk, memory)
    assert len(opened) == 1
    held = memory if practice.encrypted else disk
    assert _pdfs_in(held) == opened
    assert _pdfs_in(disk if practice.encrypted else memory) == []
    assert opened[0].read_bytes()[:5] == b"%PDF-"
    said = dialog.status.text()
    assert said.startswith("Opened a temporary copy in the PDF viewer")
    assert ("held in memory" in said) == practice.encrypted
    pages.remove_temporary_copies()


def test_an_encrypted_practice_without_a_memory_folder_writes_nothing_and_says_what_to_do(
    qtbot: QtBot, tmp_path: Path
) -> None:
    services = _practice(tmp_path / "practice.sqlite", "correct horse")
    disk = tmp_path / "tmp"
    disk.mkdir()
    dialog, opened = _opened_with_alt_o(qtbot, services, disk, None)
    assert opened == []
    assert list(disk.iterdir()) == []
    assert dialog.status.text() == pages.NO_PLAIN_COPY
    assert "save the document where you choose, or print it" in dialog.status.text()
    services.close()
