"""export-pdf: one patient's document, or one file per patient."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from cst_notes import app, cli
from cst_notes.domain.practitioner import Practitioner
from cst_notes.services import Services

DB_ARGS = ("--patients", "5", "--sessions", "3", "--seed", "9")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = app.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "c.sqlite"
    run(capsys, "demo", "--db", str(path), *DB_ARGS)
    return path


@pytest.mark.parametrize("kind", ["summary", "progress", "intake"])
def test_each_document_for_one_patient(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    out = tmp_path / f"{kind}.pdf"
    code, text, err = run(capsys, "export-pdf", "--db", str(db), "--patient", "1", "--kind", kind, "--out", str(out))
    assert code == 0, err
    assert text.strip() == f"wrote {out}"
    reader = PdfReader(out)
    assert "Page 1 of" in reader.pages[0].extract_text()
    assert subprocess.run(["qpdf", "--check", str(out)], capture_output=True, check=False).returncode == 0


def test_private_notes_only_when_asked(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cst_notes.services import Services

    services = Services.open(db)
    pid = services.patient_summaries()[0].id
    from dataclasses import replace

    latest = services.sessions(pid)[-1]
    services.update_session(replace(latest, private_notes="Spoke about the divorce."))
    services.close()
    plain, private = tmp_path / "plain.pdf", tmp_path / "private.pdf"
    base = ("export-pdf", "--db", str(db), "--patient", str(pid), "--kind", "summary")
    run(capsys, *base, "--out", str(plain))
    run(capsys, *base, "--out", str(private), "--include-private-notes")
    assert "divorce" not in "".join(p.extract_text() for p in PdfReader(plain).pages)
    assert "divorce" in "".join(p.extract_text() for p in PdfReader(private).pages)


def test_the_batch_writes_one_file_per_patient(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "out"
    code, text, _ = run(capsys, "export-pdf", "--db", str(db), "--all", "--kind", "progress", "--out-dir", str(folder))
    assert code == 0
    assert "wrote 5 progress report files" in text
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == 5
    assert files[0].name.startswith("00001-")


def test_impossible_requests_get_a_message(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export-pdf", "--db", str(db), "--patient", "1", "--kind", "summary",
                       "--session", "999", "--out", str(tmp_path / "x.pdf"))  # fmt: skip
    assert code == 1
    assert "no session with id 999" in err
    assert not (tmp_path / "x.pdf").exists()
    code, _, err = run(capsys, "export-pdf", "--db", str(db), "--all", "--kind", "intake")
    assert code == 1
    assert "--out-dir" in err


def test_the_patient_copy_is_the_whole_record_as_pdf_and_json(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    folder = tmp_path / "copy"
    code, _, err = run(capsys, "patient-copy", "--db", str(db), "--patient", "2", "--out-dir", str(folder))
    assert code == 0, err
    [pdf] = folder.glob("*.pdf")
    [document] = folder.glob("*.json")
    assert pdf.stem == document.stem
    assert pdf.name.startswith("00002-")
    assert "Clinical record" in PdfReader(pdf).pages[0].extract_text()
    data = json.loads(document.read_text(encoding="utf-8"))
    assert len(data["patients"]) == 1
    assert len(data["patients"][0]["sessions"]) == 3
    assert subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, check=False).returncode == 0


def test_a_summary_prints_its_own_therapist_s_credentials(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    services = Services.open(db)
    try:
        record = services.record(1)
        therapist = max(record.sessions, key=lambda s: s.started_at).therapist
        services.save_settings(replace(services.settings(), therapist_name="Someone Else", credentials="BCST"))
        services.add_practitioner(Practitioner(therapist, "therapist", "RCST"))
    finally:
        services.close()
    out = tmp_path / "summary.pdf"
    code, _, err = run(capsys, "export-pdf", "--db", str(db), "--patient", "1", "--kind", "summary", "--out", str(out))
    assert code == 0, err
    text = " ".join("".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert f"{therapist}, RCST" in text
    assert "BCST" not in text


def test_the_batch_shows_its_progress_on_a_terminal_only(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    base = ("export-pdf", "--db", str(db), "--all", "--kind", "progress", "--workers", "2")
    code, _, err = run(capsys, *base, "--out-dir", str(tmp_path / "piped"))
    assert (code, err) == (0, "")  # a log file or a pipe gets no progress lines
    monkeypatch.setattr(cli, "_stderr_is_terminal", lambda: True)
    code, _, err = run(capsys, *base, "--out-dir", str(tmp_path / "terminal"))
    assert code == 0
    shown = err.split("\r")
    assert shown[-1] == "cst-notes export-pdf: 5/5 patients\n"
    assert len(shown) > 2  # it counted up on the way
    code, _, err = run(capsys, *base, "--out-dir", str(tmp_path / "quiet"), "-q")
    assert (code, err) == (0, "")
    assert len(list((tmp_path / "quiet").glob("*.pdf"))) == 5


def test_workers_must_be_a_positive_number(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for value in ("0", "-1", "two"):
        with pytest.raises(SystemExit) as exited:
            run(capsys, "export-pdf", "--db", str(db), "--all", "--kind", "progress",
                "--out-dir", str(tmp_path / "out"), "--workers", value)  # fmt: skip
        assert exited.value.code == 2
        assert "argument --workers" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
