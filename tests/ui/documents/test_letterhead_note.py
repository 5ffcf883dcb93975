"""The export dialog says plainly, at its top, when the practice has no letterhead, and where to add one."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from cst_notes.domain.settings import ClinicSettings
from cst_notes.reports import DocumentKind
from cst_notes.services import Services
from cst_notes.ui.documents.export_dialog import PdfExportDialog


@pytest.fixture
def patient(services: Services) -> int:
    services.create_demo_clinic(2, 2, seed=1)
    services.save_settings(ClinicSettings(therapist_name="Anita Bose"))  # no name, address or phone
    return services.patient_summaries()[0].id


def _shown(qtbot: QtBot, services: Services, pid: int) -> PdfExportDialog:
    dialog = PdfExportDialog(services, pid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_without_a_letterhead_the_dialog_says_so_at_its_top(qtbot: QtBot, services: Services, patient: int) -> None:
    dialog = _shown(qtbot, services, patient)
    note = dialog.letterhead_note
    assert note.isVisible()
    assert "no letterhead" in note.text()
    assert "File ▸ Clinic settings…" in note.text()
    choice = dialog.kind_buttons[DocumentKind.SUMMARY]
    assert note.mapTo(dialog, note.rect().bottomLeft()).y() < choice.mapTo(dialog, choice.rect().topLeft()).y()


def test_with_a_letterhead_the_dialog_says_nothing_of_it(qtbot: QtBot, services: Services, patient: int) -> None:
    services.save_settings(ClinicSettings(clinic_name="Stillpoint Practice", address="12 Park Street, Kolkata"))
    dialog = _shown(qtbot, services, patient)
    assert not dialog.letterhead_note.isVisible()
