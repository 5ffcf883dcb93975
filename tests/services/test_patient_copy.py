"""The patient copy: the whole record as PDF and as the export file, one way for the GUI and the CLI."""

from __future__ import annotations

import datetime as dt
import json
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from cst_notes.domain import record_format
from cst_notes.domain.patient import Patient
from cst_notes.domain.session import Session
from cst_notes.services import Services
from tests.conftest import NO_RECORDS_REASON

NAME = "ঋতুপর্ণা চট্টোপাধ্যায়"


@pytest.fixture
def patient(services: Services) -> int:
    pid = services.create_patient(Patient(NAME, dt.date(1980, 5, 1))).patient_id
    started = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
    services.add_session(
        pid,
        Session(
            started,
            60,
            subjective="Headaches",
            private_notes="Spoke about the divorce.",
            contraindication_override_reason=NO_RECORDS_REASON,
        ),
    )
    return pid


def _text(pdf: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(BytesIO(pdf.read_bytes())).pages)


def test_the_copy_is_the_record_as_pdf_and_json(services: Services, patient: int, tmp_path: Path) -> None:
    pdf, document = services.patient_copy(patient, tmp_path)
    base = f"{patient:05d}-{NAME}-record-{services.today().isoformat()}"
    assert (pdf, document) == (tmp_path / f"{base}.pdf", tmp_path / f"{base}.json")
    assert sorted(tmp_path.iterdir()) == [document, pdf]  # nothing else left in the folder
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "Clinical record" in _text(pdf)
    [record] = record_format.records_from_document(json.loads(document.read_text(encoding="utf-8")))
    assert record.patient.uid == services.patient(patient).uid
    assert len(record.sessions) == 1


def test_private_notes_are_in_the_pdf_only_when_asked(services: Services, patient: int, tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    (tmp_path / "private").mkdir()
    plain, _ = services.patient_copy(patient, tmp_path / "plain")
    private, _ = services.patient_copy(patient, tmp_path / "private", include_private_notes=True)
    assert "divorce" not in _text(plain)
    assert "divorce" in _text(private)


def test_a_missing_folder_is_an_error_and_writes_nothing(services: Services, patient: int, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        services.patient_copy(patient, tmp_path / "gone")
    assert not any(tmp_path.iterdir())
