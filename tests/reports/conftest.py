"""Fixtures for the PDF tests: a deterministic demo clinic, clinic settings, PDF inspection."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import struct
import subprocess
import zlib
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest
from pypdf.generic import DictionaryObject

from cst_notes.demo import generate_clinic
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.settings import ClinicSettings
from cst_notes.reports.text import Typesetter

TODAY = dt.date(2025, 6, 1)
ISSUED = dt.date(2025, 6, 2)
BENGALI = range(0x0980, 0x0A00)
DEVANAGARI = range(0x0900, 0x0980)


def script_of_name(name: str) -> str:
    if any(ord(ch) in BENGALI for ch in name):
        return "bengali"
    if any(ord(ch) in DEVANAGARI for ch in name):
        return "devanagari"
    return "latin"


def with_ids(record: PatientRecord, first_id: int = 1) -> PatientRecord:
    """The record as storage would return it: every session with a database id."""
    sessions = tuple(replace(s, id=first_id + n) for n, s in enumerate(record.sessions))
    return replace(record, sessions=sessions)


def png(width: int = 60, height: int = 30, rgb: tuple[int, int, int] = (46, 125, 122)) -> bytes:
    """A small solid-colour PNG, written with the standard library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="session")
def clinic() -> list[PatientRecord]:
    """30 demo patients with up to 24 sessions each, as of TODAY, with session ids."""
    records = generate_clinic(patients=30, sessions=24, seed=1, today=TODAY)
    return [with_ids(r, first_id=1000 * n) for n, r in enumerate(records, start=1)]


@pytest.fixture(scope="session")
def by_script(clinic: list[PatientRecord]) -> dict[str, PatientRecord]:
    """The first adult demo patient whose name is in each script (with a full set of sessions)."""
    found: dict[str, PatientRecord] = {}
    for r in clinic:
        if len(r.sessions) == 24 and r.patient.guardian is None:
            found.setdefault(script_of_name(r.patient.full_name), r)
    assert set(found) == {"latin", "bengali", "devanagari"}
    return found


@pytest.fixture(scope="session")
def child(clinic: list[PatientRecord]) -> PatientRecord:
    return next(r for r in clinic if r.patient.guardian is not None and r.intake and r.intake.birth_history)


@pytest.fixture(scope="session")
def settings() -> ClinicSettings:
    return ClinicSettings(
        clinic_name="Stillpoint Craniosacral Practice",
        address="12 Park Street\nKolkata 700016",
        phone="+91 33 2229 0000",
        email="hello@stillpoint.example",
        therapist_name="Anita Bose",
        credentials="Dip. CST",
        memberships="Craniosacral Therapy Association",
        footer_text="Confidential: for the client named above.",
        logo_png=png(),
    )


# --- looking inside PDFs -------------------------------------------------------------------


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def pdf_text(pdf: bytes) -> str:
    """All pages' text as pypdf extracts it (shaped Indic text comes out as glyph codes)."""
    return "\n".join(page.extract_text() for page in reader(pdf).pages)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def fingerprint(text: str, bold: bool = False) -> str:
    """What pypdf extracts for ``text`` typeset on its own.

    Shaped Bengali and Devanagari cannot be extracted back to the original characters (the PDF
    maps glyphs, and a conjunct is one glyph, a reph is drawn after its consonant). Typesetting
    the same text alone, in the same process and font, gives the same glyph codes: finding them in
    a document shows the text was drawn there, shaped.
    """
    from reportlab.platypus import SimpleDocTemplate

    from cst_notes.reports.styles import make_styles

    ts = Typesetter()
    out = io.BytesIO()
    SimpleDocTemplate(out).build([ts.para(ts.span(text, bold=bold), style=make_styles().body)])
    return pdf_text(out.getvalue()).strip()


def embedded_font_problems(pdf: bytes) -> list[str]:
    """Fonts in any page's resources (and their descendants) without an embedded FontFile2."""
    problems = []
    for number, page in enumerate(reader(pdf).pages, start=1):
        resources = page["/Resources"]
        assert isinstance(resources, DictionaryObject), f"page {number}: resources are a {type(resources)}"
        fonts = resources.get("/Font", {})
        for key, ref in fonts.items():
            font = ref.get_object()
            descendants = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for f in descendants:
                descriptor = f.get("/FontDescriptor")
                if descriptor is None or "/FontFile2" not in descriptor.get_object():
                    problems.append(f"page {number}: {key} {f.get('/BaseFont')}")
    return problems


def page_sizes(pdf: bytes) -> set[tuple[int, int]]:
    return {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader(pdf).pages}


def qpdf_check(pdf: bytes, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf is not installed (Debian package qpdf)")
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    return subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True, check=False)


def pdffonts(pdf: bytes, tmp_path: Path) -> str:
    tool = shutil.which("pdffonts")
    if tool is None:
        pytest.skip("pdffonts is not installed (Debian package poppler-utils)")
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    return subprocess.run([tool, str(path)], capture_output=True, text=True, check=True).stdout


# --- a record with known content --------------------------------------------------------------

PRIVATE = "Private: talked about the divorce"
ASSESSMENT = "Assessment: dural tube restriction easing"
HOME_CARE = "Walk for 20 minutes each day & drink water"


@pytest.fixture(scope="session")
def known(by_script: dict[str, PatientRecord]) -> PatientRecord:
    """A Latin-named patient whose 6th session (id 1005... see ``KNOWN_SESSION``) has known content."""
    from cst_notes.domain.plan import FollowUpPlan, Goal
    from cst_notes.domain.session import AdverseReaction, Restriction, TechniqueApplied

    record = by_script["latin"]
    sessions = list(record.sessions)
    sessions[5] = replace(
        sessions[5],
        restrictions=(
            Restriction("diaphragm.respiratory", "left", "moderate", note="NOTE-R"),
            Restriction("body.knee", "bilateral", "mild"),
        ),
        techniques=(TechniqueApplied("cv4_still_point"), TechniqueApplied("custom.scar_release")),
        adverse_reactions=(AdverseReaction("headache", "Eased by the evening."),),
        pain_before=6,
        pain_after=3,
        private_notes=PRIVATE,
        assessment=ASSESSMENT,
        therapist="Rahul Mehta",
    )
    plan = FollowUpPlan(
        created_on=TODAY - dt.timedelta(days=30),
        home_care=HOME_CARE,
        next_appointment=TODAY + dt.timedelta(days=3),
        goals=(
            Goal("Fewer headaches", "headache days per month below 4", "progressing"),
            Goal("Better sleep", "sleep quality 7 or more", "achieved"),
        ),
    )
    return replace(record, sessions=tuple(sessions), follow_up_plans=(plan,))


def known_session_id(record: PatientRecord) -> int:
    session_id = record.sessions[5].id
    assert session_id is not None
    return session_id
