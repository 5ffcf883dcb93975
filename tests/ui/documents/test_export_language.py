"""Export PDF…: the document's language, the patient's own unless chosen for this export (issue 16).
Until the catalogues translate the text, the language shows as the PDF's /Lang."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cst_notes.reports import DocumentKind
from cst_notes.services import Services
from cst_notes.ui.documents.export_dialog import PdfExportDialog
from tests.cli.test_cli_language import declared_language
from tests.ui.conftest import show_active
from tests.ui.hands import click_into, press
from tests.ui.widgets.test_input_guard import state, wheel


@pytest.fixture
def bengali(services: Services) -> int:
    """A demo patient whose documents are in Bengali."""
    services.create_demo_clinic(2, 3, seed=4)
    pid = services.patient_summaries()[0].id
    services.update_patient(dataclasses.replace(services.patient(pid), document_language="bn"))
    return pid


def shown(qtbot: QtBot, services: Services, pid: int, kind: DocumentKind = DocumentKind.SUMMARY) -> PdfExportDialog:
    dialog = show_active(qtbot, PdfExportDialog(services, pid, initial_kind=kind))
    dialog.render_now()
    return dialog


@pytest.mark.parametrize("kind", [DocumentKind.SUMMARY, DocumentKind.PROGRESS, DocumentKind.INTAKE])
def test_the_language_is_the_patients_own_by_default(
    qtbot: QtBot, services: Services, bengali: int, kind: DocumentKind
) -> None:
    dialog = shown(qtbot, services, bengali, kind)
    assert dialog.language.currentText() == "Bengali — বাংলা"
    assert dialog.pdf is not None
    assert declared_language(dialog.pdf) == "bn"


def test_an_english_reader_gets_english(qtbot: QtBot, services: Services, bengali: int) -> None:
    other = next(s.id for s in services.patient_summaries() if s.id != bengali)
    services.update_patient(dataclasses.replace(services.patient(other), document_language="en"))
    dialog = shown(qtbot, services, other)
    assert dialog.pdf is not None
    assert (dialog.language.currentText(), declared_language(dialog.pdf)) == ("English", "en")


def test_alt_w_and_the_arrow_keys_choose_hindi_for_this_export_only(
    qtbot: QtBot, services: Services, bengali: int, tmp_path: Path
) -> None:
    dialog = shown(qtbot, services, bengali)
    press(qtbot, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # "Written in"
    assert QApplication.focusWidget() is dialog.language
    press(qtbot, Qt.Key.Key_Down)
    assert dialog.language.currentText() == "Hindi — हिन्दी"
    assert dialog.options().language == "hi"
    dialog.outputs.ask_save_path = lambda _parent, _suggested: tmp_path / "summary.pdf"
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Save PDF…
    assert declared_language(tmp_path / "summary.pdf") == "hi"
    assert services.patient(bengali).document_language == "bn"  # the patient's own is unchanged


def test_the_wheel_scrolling_past_the_language_changes_nothing(qtbot: QtBot, services: Services, bengali: int) -> None:
    dialog = shown(qtbot, services, bengali)
    click_into(qtbot, dialog.session_list)
    before = state(dialog.language)
    for notches in (-1, -2, 1):
        wheel(dialog.language, notches)
        assert state(dialog.language) == before
    dialog.render_now()
    assert dialog.pdf is not None
    assert declared_language(dialog.pdf) == "bn"
