"""What every document shares: valid PDF, embedded fonts, letterhead and page numbers, names in
every script, page size, and what happens to characters no font can draw."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from cst_notes.domain.record import PatientRecord
from cst_notes.domain.settings import ClinicSettings
from cst_notes.reports import (
    DocumentOptions,
    MissingGlyphError,
    intake_summary_pdf,
    progress_report_pdf,
    session_summary_pdf,
)
from cst_notes.reports.formatting import long_date

from .conftest import (
    ISSUED,
    embedded_font_problems,
    fingerprint,
    page_sizes,
    page_texts,
    pdffonts,
    qpdf_check,
    reader,
    script_of_name,
)

Make = Callable[[PatientRecord, ClinicSettings, DocumentOptions], bytes]
OPTIONS = DocumentOptions(issued_on=ISSUED)


def _session(record: PatientRecord, settings: ClinicSettings, options: DocumentOptions) -> bytes:
    session_id = record.sessions[-1].id
    assert session_id is not None
    return session_summary_pdf(record, session_id, settings, options)


DOCUMENTS: dict[str, Make] = {
    "session_summary": _session,
    "progress_report": progress_report_pdf,
    "intake_summary": intake_summary_pdf,
}
SCRIPTS = ("latin", "bengali", "devanagari")


@pytest.fixture(scope="module")
def documents(by_script: dict[str, PatientRecord], settings: ClinicSettings) -> dict[tuple[str, str], bytes]:
    """Every document for a patient named in each script, made once for this module."""
    return {
        (kind, script): make(by_script[script], settings, OPTIONS)
        for kind, make in DOCUMENTS.items()
        for script in SCRIPTS
    }


ALL = [(kind, script) for kind in DOCUMENTS for script in SCRIPTS]


@pytest.mark.parametrize(("kind", "script"), ALL)
def test_qpdf_accepts_the_document(
    documents: dict[tuple[str, str], bytes], kind: str, script: str, tmp_path: Path
) -> None:
    result = qpdf_check(documents[kind, script], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


@pytest.mark.parametrize(("kind", "script"), ALL)
def test_every_font_is_embedded(documents: dict[tuple[str, str], bytes], kind: str, script: str) -> None:
    assert embedded_font_problems(documents[kind, script]) == []


def test_pdffonts_agrees(documents: dict[tuple[str, str], bytes], tmp_path: Path) -> None:
    for (kind, script), pdf in documents.items():
        lines = pdffonts(pdf, tmp_path).splitlines()[2:]
        names = {line.split()[0].split("+")[-1] for line in lines}
        assert "NotoSans-Regular" in names, (kind, script, names)
        if script != "latin":
            assert any(script.capitalize() in name for name in names), (kind, script, names)
        for line in lines:
            emb = line.split()[-5]  # columns: ... emb sub uni object ID
            assert emb == "yes", (kind, script, line)


@pytest.mark.parametrize(("kind", "script"), ALL)
def test_every_page_has_letterhead_patient_issue_date_and_page_x_of_y(
    documents: dict[tuple[str, str], bytes], by_script: dict[str, PatientRecord], kind: str, script: str
) -> None:
    patient = by_script[script].patient
    name = patient.display_name if script == "latin" else fingerprint(patient.display_name, bold=True)
    pages = page_texts(documents[kind, script])
    for number, text in enumerate(pages, start=1):
        for wanted in (
            "Stillpoint Craniosacral Practice",
            "12 Park Street, Kolkata 700016",
            "+91 33 2229 0000",
            name,
            f"born {long_date(patient.birth_date)}",
            f"Issued {long_date(ISSUED)}",
            f"Page {number} of {len(pages)}",
            "Confidential: for the client named above.",
        ):
            assert wanted in text, (number, wanted)


@pytest.mark.parametrize(("kind", "script"), ALL)
def test_the_title_names_the_patient_in_any_script(
    documents: dict[tuple[str, str], bytes], by_script: dict[str, PatientRecord], kind: str, script: str
) -> None:
    """The PDF's title (shown by viewers, read back exactly) carries the name as typed."""
    metadata = reader(documents[kind, script]).metadata
    assert metadata is not None
    assert metadata.title == f"{kind.replace('_', ' ').capitalize()} – {by_script[script].patient.full_name}"
    assert metadata.creator == "CST Notes"


@pytest.mark.parametrize(("kind", "script"), ALL)
def test_expected_page_counts(documents: dict[tuple[str, str], bytes], kind: str, script: str) -> None:
    pages = len(reader(documents[kind, script]).pages)
    assert pages == {"progress_report": 2, "intake_summary": 2}.get(kind, pages)
    assert 1 <= pages <= 2


def test_names_in_three_scripts_in_one_document(clinic: list[PatientRecord], settings: ClinicSettings) -> None:
    """A Devanagari-named child with a Bengali-named guardian and a Latin emergency contact."""
    record = next(
        r
        for r in clinic
        if r.patient.guardian
        and script_of_name(r.patient.full_name) == "devanagari"
        and script_of_name(r.patient.guardian.name) == "bengali"
    )
    record = dataclasses.replace(
        record, patient=dataclasses.replace(record.patient, emergency_contact_name="Jonas O'Brien")
    )
    text = "\n".join(page_texts(intake_summary_pdf(record, settings, OPTIONS)))
    guardian = record.patient.guardian
    assert guardian is not None
    assert fingerprint(record.patient.full_name, bold=True) in text
    assert fingerprint(guardian.name, bold=True) in text
    assert "Jonas O'Brien" in text


@pytest.mark.parametrize(("page_size", "points"), [("A4", (595, 842)), ("Letter", (612, 792))])
@pytest.mark.parametrize("kind", list(DOCUMENTS))
def test_page_size(
    by_script: dict[str, PatientRecord], settings: ClinicSettings, kind: str, page_size: str, points: tuple[int, int]
) -> None:
    pdf = DOCUMENTS[kind](by_script["bengali"], dataclasses.replace(settings, page_size=page_size), OPTIONS)
    assert page_sizes(pdf) == {points}


def test_a4_is_the_default(by_script: dict[str, PatientRecord]) -> None:
    assert page_sizes(intake_summary_pdf(by_script["latin"], ClinicSettings())) == {(595, 842)}


def test_unknown_page_size_is_a_clear_error(by_script: dict[str, PatientRecord], settings: ClinicSettings) -> None:
    with pytest.raises(ValueError, match="unknown page size 'A5'"):
        intake_summary_pdf(by_script["latin"], dataclasses.replace(settings, page_size="A5"), OPTIONS)


def test_an_unreadable_logo_is_a_clear_error(by_script: dict[str, PatientRecord], settings: ClinicSettings) -> None:
    with pytest.raises(ValueError, match="logo cannot be read"):
        intake_summary_pdf(by_script["latin"], dataclasses.replace(settings, logo_png=b"not a png"), OPTIONS)


def test_minimal_settings_and_today_as_issue_date(by_script: dict[str, PatientRecord]) -> None:
    text = "\n".join(page_texts(intake_summary_pdf(by_script["latin"], ClinicSettings())))
    assert f"Issued {long_date(dt.date.today())}" in text


def test_unprintable_characters_are_marked_and_logged(
    known: PatientRecord, settings: ClinicSettings, caplog: pytest.LogCaptureFixture
) -> None:
    plan = dataclasses.replace(known.follow_up_plans[0], home_care="Rest 😀 and drink water")
    record = dataclasses.replace(known, follow_up_plans=(plan,))
    with caplog.at_level(logging.WARNING, logger="cst_notes.reports"):
        pdf = _session(record, settings, OPTIONS)
    assert "Rest [U+1F600] and drink water" in "\n".join(page_texts(pdf))
    assert "U+1F600" in caplog.text


def test_unprintable_characters_can_be_refused(known: PatientRecord, settings: ClinicSettings) -> None:
    plan = dataclasses.replace(known.follow_up_plans[0], home_care="Rest 😀")
    record = dataclasses.replace(known, follow_up_plans=(plan,))
    with pytest.raises(MissingGlyphError, match=r"U\+1F600"):
        _session(record, settings, dataclasses.replace(OPTIONS, on_missing_glyph="raise"))


def test_the_longest_texts_the_domain_allows_still_lay_out(known: PatientRecord, settings: ClinicSettings) -> None:
    """Long notes split across pages, even inside tables; the letterhead and footer are clipped."""
    text = ("The neck is stiff after long days at the desk, and sleep is poor. " * 400)[:20_000]
    intake = known.intake
    assert intake is not None
    record = dataclasses.replace(
        known,
        intake=dataclasses.replace(intake, goals=text, medical_history=text, complaint=text),
        patient=dataclasses.replace(known.patient, address=text[:1000]),
    )
    clinic = dataclasses.replace(settings, clinic_name=text[:200], address=text[:1000], footer_text=text[:500])
    pages = reader(intake_summary_pdf(record, clinic, OPTIONS)).pages
    count = len(pages)
    assert count > 5
    first, last = pages[0].extract_text(), pages[-1].extract_text()
    assert f"Page 1 of {count}" in first
    assert f"Page {count} of {count}" in last
    assert "…" in first
    chosen = dataclasses.replace(OPTIONS, include_private_notes=True)
    long_notes = dataclasses.replace(record.sessions[-1], private_notes=text)
    session = dataclasses.replace(record, sessions=(*record.sessions[:-1], long_notes))
    assert len(reader(_session(session, clinic, chosen)).pages) > 3


def test_lone_surrogates_are_marked_and_kept_out_of_the_metadata(
    known: PatientRecord, settings: ClinicSettings
) -> None:
    """Text from a database cannot hold them, but a caller's string can: no UnicodeEncodeError."""
    record = dataclasses.replace(known, patient=dataclasses.replace(known.patient, full_name="Emma \ud939 Smith"))
    pdf = intake_summary_pdf(record, settings, OPTIONS)
    assert "Emma [U+D939] Smith" in page_texts(pdf)[0]
    metadata = reader(pdf).metadata
    assert metadata is not None
    assert metadata.title == "Intake summary – Emma ? Smith"
