"""What stays private: the patient copy and the record PDF leave out private notes and assessments
unless asked for; encrypting covers the app's own copies; a restore keeps encryption."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from cst_notes import app
from cst_notes.domain.patient import Patient
from cst_notes.domain.session import Session
from cst_notes.services import Services
from cst_notes.storage import database
from tests.conftest import NO_RECORDS_REASON

NAME = "Ishaan Marwah-Quillfeather"
PRIVATE = "Spoke about the divorce."
ASSESSMENT = "Suspect a whiplash pattern behind the headaches."
SQLITE_HEADER = b"SQLite format 3\0"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = app.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A practice with one patient and one signed session holding a private note and an assessment."""
    path = tmp_path / "clinic" / "c.sqlite"
    services = Services.open(path)
    pid = services.create_patient(Patient(NAME, dt.date(1980, 5, 1))).patient_id
    started = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
    session = Session(
        started,
        60,
        subjective="Headaches",
        assessment=ASSESSMENT,
        private_notes=PRIVATE,
        contraindication_override_reason=NO_RECORDS_REASON,
    )
    services.sign_session(services.add_session(pid, session).session_id, "Anita Bose")
    services.close()
    return path


def _pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_patient_copy_leaves_out_private_notes_and_assessments_unless_asked(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain, asked = tmp_path / "plain", tmp_path / "asked"
    code, out, err = run(capsys, "patient-copy", "--db", str(db), "--patient", "1", "--out-dir", str(plain))
    assert code == 0, err
    [document] = plain.glob("*.json")
    [pdf] = plain.glob("*.pdf")
    text = document.read_text(encoding="utf-8")
    assert PRIVATE not in text
    assert ASSESSMENT not in text
    assert "left out: the assessments and the private notes" in out
    assert "divorce" not in _pdf_text(pdf)
    assert "whiplash" not in _pdf_text(pdf)
    extra = ("--include-private-notes", "--include-assessment")
    code, out, err = run(capsys, "patient-copy", "--db", str(db), "--patient", "1", "--out-dir", str(asked), *extra)
    assert code == 0, err
    [document] = asked.glob("*.json")
    [pdf] = asked.glob("*.pdf")
    assert PRIVATE in document.read_text(encoding="utf-8")
    assert ASSESSMENT in document.read_text(encoding="utf-8")
    assert "whiplash" in _pdf_text(pdf)
    assert "withheld" not in json.loads(document.read_text(encoding="utf-8"))


def test_the_record_pdf_prints_the_assessment_only_when_asked(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain, asked = tmp_path / "plain.pdf", tmp_path / "asked.pdf"
    base = ("export-pdf", "--db", str(db), "--patient", "1", "--kind", "record")
    assert run(capsys, *base, "--out", str(plain))[0] == 0
    assert run(capsys, *base, "--out", str(asked), "--include-assessment")[0] == 0
    assert "whiplash" not in _pdf_text(plain)
    assert "whiplash" in _pdf_text(asked)
    assert "divorce" not in _pdf_text(asked)


def test_encrypt_leaves_no_plain_copy_it_knows_of_and_says_which_files(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    services = Services.open(db)
    manual = services.back_up_now()
    database.backup_database(services._db, database.pre_migration_backup_path(db))
    services.close()
    outside = tmp_path / "usb"
    assert run(capsys, "backup", "--db", str(db), "--out", str(outside / "mine.sqlite"))[0] == 0
    monkeypatch.setenv("CST_NOTES_PASSPHRASE", "correct horse")
    code, out, err = run(capsys, "encrypt", "--db", str(db))
    assert code == 0, err
    assert "no plain copy is left" not in out
    assert str(manual) in out
    assert "before-migration" in out
    assert "SSD" in out
    plain = [
        p for p in db.parent.rglob("*") if p.is_file() and p.read_bytes()[:16] == SQLITE_HEADER
    ]  # the practice's folder
    assert plain == []
    assert not any(NAME.encode() in p.read_bytes() for p in db.parent.rglob("*") if p.is_file())
    assert (outside / "mine.sqlite").read_bytes()[:16] == SQLITE_HEADER  # the user's own copy is the user's


def test_restoring_a_plain_backup_into_an_encrypted_database_encrypts_it(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = tmp_path / "usb" / "b.sqlite"
    assert run(capsys, "backup", "--db", str(db), "--out", str(backup))[0] == 0
    monkeypatch.setenv("CST_NOTES_PASSPHRASE", "correct horse")
    assert run(capsys, "encrypt", "--db", str(db))[0] == 0
    code, out, err = run(capsys, "restore", "--db", str(db), str(backup))
    assert code == 0, err
    assert db.read_bytes()[:16] != SQLITE_HEADER
    assert NAME.encode() not in db.read_bytes()
    assert "encrypted" in out
    assert str(backup) in out  # the plain backup itself is named: it is still plain
    code, out, _ = run(capsys, "check", "--db", str(db))
    assert code == 0
    assert "1 patients" in out
