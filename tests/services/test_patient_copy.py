"""The patient copy: the whole record as PDF and as the export file, one way for the GUI and the CLI."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from cst_notes.domain import record_format
from cst_notes.domain.patient import Patient
from cst_notes.domain.practitioner import Practitioner
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
    data = json.loads(document.read_text(encoding="utf-8"))
    assert data["patients"][0]["uid"] == services.patient(patient).uid
    assert [s["subjective"] for s in data["patients"][0]["sessions"]] == ["Headaches"]


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


PRIVATE = "Spoke about the divorce."
ASSESSMENT = "Suspect a whiplash pattern behind the headaches."


@pytest.fixture
def signed(services: Services) -> int:
    """A patient with one signed session holding a private note and an assessment."""
    pid = services.create_patient(Patient(NAME, dt.date(1980, 5, 1))).patient_id
    started = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
    changed = services.add_session(
        pid,
        Session(
            started,
            60,
            subjective="Headaches",
            assessment=ASSESSMENT,
            private_notes=PRIVATE,
            contraindication_override_reason=NO_RECORDS_REASON,
        ),
    )
    services.sign_session(changed.session_id, "Anita Bose")
    return pid


def test_the_json_holds_no_private_note_and_no_assessment_unless_asked(
    services: Services, signed: int, tmp_path: Path
) -> None:
    for name in ("plain", "private", "assessment"):
        (tmp_path / name).mkdir()
    _, plain = services.patient_copy(signed, tmp_path / "plain")
    _, private = services.patient_copy(signed, tmp_path / "private", include_private_notes=True)
    _, assessed = services.patient_copy(signed, tmp_path / "assessment", include_assessment=True)
    assert PRIVATE not in plain.read_text(encoding="utf-8")
    assert ASSESSMENT not in plain.read_text(encoding="utf-8")
    assert "Headaches" in plain.read_text(encoding="utf-8")  # the rest of the note is there
    assert PRIVATE in private.read_text(encoding="utf-8")
    assert ASSESSMENT not in private.read_text(encoding="utf-8")
    assert ASSESSMENT in assessed.read_text(encoding="utf-8")
    assert PRIVATE not in assessed.read_text(encoding="utf-8")
    data = json.loads(plain.read_text(encoding="utf-8"))
    assert data["withheld"]["fields"] == ["sessions.assessment", "sessions.private_notes"]
    [session] = data["patients"][0]["sessions"]
    assert "private_notes" not in session
    assert "assessment" not in session


def test_the_assessment_is_in_the_pdf_only_when_asked(services: Services, signed: int, tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    (tmp_path / "assessed").mkdir()
    plain, _ = services.patient_copy(signed, tmp_path / "plain")
    assessed, _ = services.patient_copy(signed, tmp_path / "assessed", include_assessment=True)
    assert "whiplash" not in _text(plain)
    assert "whiplash" in _text(assessed)
    assert "Left out of this copy: the assessments and the private notes." in " ".join(_text(plain).split())
    assert "Included at the therapist's choice: the assessments." in " ".join(_text(assessed).split())


def test_a_copy_with_fields_withheld_validates_against_the_published_schema(
    services: Services, signed: int, tmp_path: Path
) -> None:
    import jsonschema

    from cst_notes.paths import EXPORT_SCHEMA

    _, document = services.patient_copy(signed, tmp_path)
    schema = json.loads(EXPORT_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(document.read_text(encoding="utf-8")), schema)


def test_a_copy_with_fields_withheld_is_refused_on_import_naming_the_withheld_fields(
    services: Services, signed: int, tmp_path: Path
) -> None:
    from cst_notes.domain.validation import ValidationError

    _, document = services.patient_copy(signed, tmp_path)
    data = json.loads(document.read_text(encoding="utf-8"))
    with pytest.raises(ValidationError) as caught:
        services.import_document(data)
    text = str(caught.value)
    assert "withheld" in text
    assert "sessions.private_notes" in text
    assert "content_hash" not in text  # no "signature broken" noise


def test_a_whole_copy_is_the_export_and_its_signatures_verify(services: Services, signed: int, tmp_path: Path) -> None:
    _, document = services.patient_copy(signed, tmp_path, include_private_notes=True, include_assessment=True)
    data = json.loads(document.read_text(encoding="utf-8"))
    assert "withheld" not in data
    [record] = record_format.records_from_document(data)
    [session] = record.sessions
    assert (session.private_notes, session.assessment) == (PRIVATE, ASSESSMENT)
    from cst_notes.domain.signing import signature_problems

    assert session.is_signed
    assert signature_problems(session, "s", record.patient.uid) == []


def test_each_session_prints_its_own_signer_s_credentials(services: Services, tmp_path: Path) -> None:
    """Rahul Mehta (BCST) is the settings' therapist; Anita Bose (RCST) gave and signed this session."""
    services.save_settings(replace(services.settings(), therapist_name="Rahul Mehta", credentials="BCST"))
    services.add_practitioner(Practitioner("Rahul Mehta", "owner", "BCST"))
    services.add_practitioner(Practitioner("Anita Bose", "therapist", "RCST"))
    services.sign_in("Anita Bose")  # two practitioners: each signs in
    pid = services.create_patient(Patient(NAME, dt.date(1980, 5, 1))).patient_id
    started = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
    session = Session(started, 60, therapist="Anita Bose", contraindication_override_reason=NO_RECORDS_REASON)
    sid = services.add_session(pid, session).session_id
    assert sid is not None
    services.sign_session(sid, "Anita Bose")
    text = " ".join(_text(services.patient_copy(pid, tmp_path)[0]).split())
    assert "Signed (author) by Anita Bose, RCST" in text
    assert "BCST" not in text
