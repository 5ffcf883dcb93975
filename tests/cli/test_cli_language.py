"""export-pdf writes each patient's documents in the patient's own language, unless --language
says otherwise for this export (issue 16). Until the catalogues translate the text, the language
shows as the PDF's declared language (/Lang), read here from the document catalog."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from cst_notes.domain import vocabulary as V
from cst_notes.domain.validation import ValidationError
from cst_notes.services import Services
from tests.cli.test_cli_pdf import DB_ARGS, run


def declared_language(pdf: Path | bytes) -> str:
    """The /Lang of a PDF's document catalog."""
    reader = PdfReader(pdf if isinstance(pdf, Path) else io.BytesIO(pdf))
    return str(reader.root_object["/Lang"])


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A demo practice whose first patient reads Bengali and second Hindi; the others English (the
    demo gives a patient who wrote in Bengali or Hindi that language: set here, whatever it gave)."""
    path = tmp_path / "c.sqlite"
    run(capsys, "demo", "--db", str(path), *DB_ARGS)
    services = Services.open(path)
    try:
        ids = [s.id for s in services.patient_summaries()]
        for n, pid in enumerate(ids):
            language = {0: "bn", 1: "hi"}.get(n, "en")
            services.update_patient(dataclasses.replace(services.patient(pid), document_language=language))
    finally:
        services.close()
    return path


def languages(db: Path) -> dict[int, str]:
    services = Services.open(db)
    try:
        return {s.id: services.patient(s.id).document_language for s in services.patient_summaries()}
    finally:
        services.close()


def test_without_language_each_patients_documents_are_in_their_own(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code, _, err = run(capsys, "export-pdf", "--db", str(db), "--all", "--kind", "summary", "--out-dir", str(out))
    assert code == 0, err
    written = {int(f.name[:5]): declared_language(f) for f in out.glob("*.pdf")}
    assert written == languages(db)
    assert sorted(written.values()).count("en") == len(written) - 2


@pytest.mark.parametrize("language", ["en", "bn", "hi"])
def test_language_overrides_every_patients_own(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    out = tmp_path / "out"
    argv = ("export-pdf", "--db", str(db), "--all", "--kind", "progress", "--out-dir", str(out))
    code, _, err = run(capsys, *argv, "--language", language)
    assert code == 0, err
    assert {declared_language(f) for f in out.glob("*.pdf")} == {language}
    assert len(list(out.glob("*.pdf"))) == len(languages(db))


def test_one_patients_document_in_the_language_asked_for(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bengali = next(pid for pid, language in languages(db).items() if language == "bn")
    own, asked = tmp_path / "own.pdf", tmp_path / "asked.pdf"
    base = ("export-pdf", "--db", str(db), "--patient", str(bengali), "--kind", "intake")
    assert run(capsys, *base, "--out", str(own))[0] == 0
    assert run(capsys, *base, "--out", str(asked), "--language", "hi")[0] == 0
    assert (declared_language(own), declared_language(asked)) == ("bn", "hi")
    assert languages(db)[bengali] == "bn"  # the export changed nothing on the patient


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(value=st.text(min_size=1, max_size=8).filter(lambda v: v not in V.DOCUMENT_LANGUAGES and not v.startswith("-")))
def test_a_language_of_no_vocabulary_exits_2_naming_the_option_and_writes_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    out_dir, out = tmp_path / "bad-out", tmp_path / "bad.pdf"
    for where in (("--all", "--out-dir", str(out_dir)), ("--patient", "1", "--out", str(out))):
        with pytest.raises(SystemExit) as exited:
            run(capsys, "export-pdf", "--db", str(db), *where, "--kind", "summary", "--language", value)
        assert exited.value.code == 2
        err = capsys.readouterr().err
        assert "argument --language: invalid choice" in err
        assert all(code in err for code in V.DOCUMENT_LANGUAGES.codes)  # and says which it takes
    assert not out_dir.exists()
    assert not out.exists()


def test_the_front_desks_summary_is_in_the_patients_language_unless_asked(db: Path) -> None:
    services = Services.open(db)
    try:
        bengali = next(pid for pid, language in languages(db).items() if language == "bn")
        signed = services.signed_sessions(bengali)[0].id
        assert declared_language(services.session_summary_pdf(signed)) == "bn"
        assert declared_language(services.session_summary_pdf(signed, language="hi")) == "hi"
        with pytest.raises(ValidationError) as refused:
            services.session_summary_pdf(signed, language="fr")
        assert refused.value.fields == ("language",)
    finally:
        services.close()
