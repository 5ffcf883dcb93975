"""Text that survives: every document's text comes back out exactly as it was put in, in every script.

Shaped Bengali and Devanagari are drawn as glyphs (a conjunct is one glyph, a vowel sign such as
ি is drawn before its consonant); the documents carry each word's own text beside its glyphs
(/ActualText), so that copying, searching and reading aloud give back what was typed. These tests
extract the text with poppler (``pdftotext``, as Evince and most Linux viewers do) and with pdfium
(pypdfium2, as Chrome does) and look for each name and note sentence exactly. The only
normalisation is of whitespace: every run of spaces and line breaks becomes one space (a
sentence may wrap across lines). Each document also says what language it is in (/Lang) and
shows its title, with the patient's name in their own script (/Title, DisplayDocTitle).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf.generic import BooleanObject

from cst_notes.domain.plan import FollowUpPlan, Goal
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import AdverseReaction
from cst_notes.domain.settings import ClinicSettings
from cst_notes.reports import (
    DocumentOptions,
    intake_summary_pdf,
    patient_record_pdf,
    progress_report_pdf,
    session_summary_pdf,
)

from .conftest import ISSUED, TODAY, reader

# What each patient is called and what their therapist wrote, in their scripts.
PEOPLE: dict[str, dict[str, str]] = {
    "bengali": {
        "name": "অরিন্দম মুখোপাধ্যায়",
        "complaint": "মাথাব্যথা আর ঘুমের সমস্যা, বিশেষ করে রাতে।",
        "goal": "সপ্তাহে দুই দিনের কম মাথাব্যথা",
        "subjective": "মাথাব্যথা কমেছে, ঘুম আগের চেয়ে ভালো হচ্ছে।",
        "plan": "দুই সপ্তাহ পরে আবার দেখা হবে।",
        "reaction": "সন্ধ্যায় একটু ক্লান্ত লাগছিল।",
        "home_care": "প্রতিদিন কুড়ি মিনিট হাঁটুন এবং বেশি করে জল খান।",
    },
    "devanagari": {
        "name": "प्रद्युम्न त्र्यम्बक शर्मा",
        "complaint": "सिरदर्द और नींद की समस्या, खास तौर पर रात में।",
        "goal": "हफ़्ते में दो दिन से कम सिरदर्द",
        "subjective": "सिरदर्द कम हुआ है और नींद पहले से अच्छी है।",
        "plan": "दो हफ़्ते बाद फिर मिलेंगे।",
        "reaction": "शाम को थोड़ी थकान महसूस हुई।",
        "home_care": "रोज़ बीस मिनट टहलें और ज़्यादा पानी पिएँ।",
    },
    "mixed": {
        "name": "Meera Smith/রায় श्रीवास्तव",
        "complaint": "Headaches since March; রাতে ঘুম ভাঙে, सुबह थकान।",
        "goal": "Sleep through the night, রাতে ভালো ঘুম",
        "subjective": "After CV4 the স্পন্দন felt fuller; श्वास गहरी।",
        "plan": "Review in two weeks, তারপর মাসে একবার।",
        "reaction": "Tired in the evening, সামান্য মাথা ঘোরা।",
        "home_care": "Walk for 20 minutes each day, প্রতিদিন জল খান, और आराम करें।",
    },
}
SCRIPTS = tuple(PEOPLE)
OPTIONS = DocumentOptions(issued_on=ISSUED)

# The free text each document shows (the record shows all of it).
SHOWN: dict[str, tuple[str, ...]] = {
    "session_summary": ("name", "reaction", "home_care"),
    "progress_report": ("name", "goal"),
    "intake_summary": ("name", "complaint", "goal"),
    "patient_record": ("name", "complaint", "goal", "subjective", "plan", "reaction", "home_care"),
}


def written(record: PatientRecord, words: dict[str, str]) -> PatientRecord:
    """``record`` with the patient's name and the therapist's notes in ``words``."""
    last = record.sessions[-1]
    last = dataclasses.replace(
        last,
        subjective=words["subjective"],
        plan=words["plan"],
        adverse_reactions=(AdverseReaction("fatigue", words["reaction"]),),
    )
    plan = FollowUpPlan(
        created_on=TODAY - dt.timedelta(days=20),
        home_care=words["home_care"],
        next_appointment=TODAY + dt.timedelta(days=7),
        goals=(Goal(words["goal"], "", "progressing"),),
    )
    assert record.intake is not None
    intake = dataclasses.replace(record.intake, complaint=words["complaint"], goals=words["goal"])
    patient = dataclasses.replace(record.patient, full_name=words["name"], preferred_name="")
    return dataclasses.replace(
        record, patient=patient, intake=intake, sessions=(*record.sessions[:-1], last), follow_up_plans=(plan,)
    )


def _session(record: PatientRecord, settings: ClinicSettings, options: DocumentOptions) -> bytes:
    session_id = record.sessions[-1].id
    assert session_id is not None
    return session_summary_pdf(record, session_id, settings, options)


Make = Callable[[PatientRecord, ClinicSettings, DocumentOptions], bytes]
DOCUMENTS: dict[str, Make] = {
    "session_summary": _session,
    "progress_report": progress_report_pdf,
    "intake_summary": intake_summary_pdf,
    "patient_record": patient_record_pdf,
}


# --- reading the text back -----------------------------------------------------------------------


def one_line(text: str) -> str:
    """The only normalisation: each run of whitespace (spaces, line breaks) becomes one space."""
    return " ".join(text.split())


def poppler_text(pdf: bytes, tmp_path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed (Debian package poppler-utils; make test installs it)")
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    result = subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def pdfium_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(document[i].get_textpage().get_text_bounded() for i in range(len(document)))
    finally:
        document.close()


def pdfium_finds(pdf: bytes, text: str) -> list[int]:
    """The pages on which a viewer's find (pdfium's FPDFText_FindStart) finds ``text``."""
    document = pdfium.PdfDocument(pdf)
    pages = []
    try:
        for number in range(len(document)):
            searcher = document[number].get_textpage().search(text, match_case=True)
            if searcher.get_next() is not None:
                pages.append(number + 1)
    finally:
        document.close()
    return pages


@pytest.fixture(scope="module")
def documents(by_script: dict[str, PatientRecord], settings: ClinicSettings) -> dict[tuple[str, str], bytes]:
    """Every document kind for a patient named, and written about, in each script."""
    base = by_script["latin"]
    return {
        (kind, script): make(written(base, PEOPLE[script]), settings, OPTIONS)
        for kind, make in DOCUMENTS.items()
        for script in SCRIPTS
    }


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("kind", DOCUMENTS)
def test_poppler_gives_back_every_name_and_sentence(
    documents: dict[tuple[str, str], bytes], kind: str, script: str, tmp_path: Path
) -> None:
    text = one_line(poppler_text(documents[kind, script], tmp_path))
    missing = [PEOPLE[script][key] for key in SHOWN[kind] if PEOPLE[script][key] not in text]
    assert not missing, f"pdftotext lost {missing} from:\n{text[:1500]}"


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("kind", DOCUMENTS)
def test_pdfium_gives_back_every_name_and_sentence(
    documents: dict[tuple[str, str], bytes], kind: str, script: str
) -> None:
    text = one_line(pdfium_text(documents[kind, script]))
    missing = [PEOPLE[script][key] for key in SHOWN[kind] if PEOPLE[script][key] not in text]
    assert not missing, f"pdfium lost {missing} from:\n{text[:1500]}"


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("kind", DOCUMENTS)
def test_a_viewers_find_finds_the_patients_name_on_every_page(
    documents: dict[tuple[str, str], bytes], kind: str, script: str
) -> None:
    """Every page's patient line carries the name, so find stops on every page."""
    pdf = documents[kind, script]
    pages = len(reader(pdf).pages)
    assert pdfium_finds(pdf, PEOPLE[script]["name"]) == list(range(1, pages + 1))


def content_streams(pdf: bytes) -> bytes:
    return b"".join(page.get_contents().get_data() for page in reader(pdf).pages)  # type: ignore[union-attr]


def actual_texts(pdf: bytes) -> list[str]:
    spans = re.findall(rb"/ActualText <FEFF([0-9A-F]*)>", content_streams(pdf))
    return [bytes.fromhex(h.decode("ascii")).decode("utf-16-be") for h in spans]


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_latin_words_are_drawn_as_plain_text(documents: dict[tuple[str, str], bytes], kind: str) -> None:
    """Glyphs that are their own text need no /ActualText: no span holds a Latin letter, even in
    a word such as "Smith/রায়" (each script's piece is shaped, and spanned, on its own)."""
    spans = actual_texts(documents[kind, "mixed"])
    assert "রায়" in [s.strip() for s in spans]
    assert not [s for s in spans if re.search("[A-Za-z]", s)]


@pytest.mark.parametrize("script", ["bengali", "devanagari"])
def test_every_span_is_closed(documents: dict[tuple[str, str], bytes], script: str) -> None:
    streams = content_streams(documents["patient_record", script])
    assert streams.count(b"/ActualText") > 0
    assert streams.count(b" BDC ") == streams.count(b" EMC") == streams.count(b"/ActualText")


# --- language and title ----------------------------------------------------------------------------


def _catalog_and_info(pdf: bytes) -> tuple[object, object]:
    r = reader(pdf)
    return r.trailer["/Root"].get_object(), r.trailer["/Info"].get_object()


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("kind", DOCUMENTS)
def test_each_document_declares_english_and_shows_its_title(
    documents: dict[tuple[str, str], bytes], kind: str, script: str
) -> None:
    pdf = documents[kind, script]
    catalog, info = _catalog_and_info(pdf)
    assert catalog["/Lang"] == "en"  # type: ignore[index]
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)  # type: ignore[index]
    title = info["/Title"]  # type: ignore[index]
    assert title.endswith(f" – {PEOPLE[script]['name']}")


@pytest.mark.parametrize("script", ["bengali", "devanagari"])
def test_the_title_is_utf16_with_its_byte_order_mark(documents: dict[tuple[str, str], bytes], script: str) -> None:
    """The raw /Title string is UTF-16BE after FE FF, so any viewer reads the name as written."""
    _, info = _catalog_and_info(documents["session_summary", script])
    raw = info.get_object().raw_get("/Title").get_original_bytes()  # type: ignore[attr-defined]
    assert raw.startswith(b"\xfe\xff")
    assert raw[2:].decode("utf-16-be") == f"Session summary – {PEOPLE[script]['name']}"


@pytest.mark.parametrize("language", ["bn", "hi", "en-GB"])
def test_the_language_is_a_document_option(known: PatientRecord, settings: ClinicSettings, language: str) -> None:
    pdf = intake_summary_pdf(known, settings, DocumentOptions(issued_on=ISSUED, language=language))
    catalog, _ = _catalog_and_info(pdf)
    assert catalog["/Lang"] == language  # type: ignore[index]


@pytest.mark.parametrize("bad", ["", "english", "e", "bn_IN", "bn IN", "en-", "hi\n"])
def test_a_bad_language_is_refused_naming_the_field(bad: str) -> None:
    with pytest.raises(ValueError, match="language"):
        DocumentOptions(language=bad)


# --- any words in any of the three scripts -------------------------------------------------------

WORDS = {
    "bengali": ["অরিন্দম", "মুখোপাধ্যায়", "কৃষ্ণ", "শ্রী", "স্ত্রী", "রাত্রি", "ক্ষমা", "র্কট", "ঘুম", "জল"],
    "devanagari": ["सिरदर्द", "नींद", "प्रद्युम्न", "त्र्यम्बक", "श्री", "क्षमा", "ज्ञान", "धर्म", "कि", "पानी"],
    "latin": ["Emma", "office", "fluffy", "Zoë", "naïve", "walk", "water", "CV4", "Smith-Jones", "O'Brien"],
}
word = st.sampled_from(WORDS["bengali"] + WORDS["devanagari"] + WORDS["latin"])
sentence = st.lists(word, min_size=1, max_size=8).map(" ".join)
name = st.lists(word, min_size=1, max_size=3).map(" ".join)


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(patient_name=name, home_care=sentence)
def test_any_words_in_any_script_come_back_from_a_session_summary(
    by_script: dict[str, PatientRecord], settings: ClinicSettings, tmp_path: Path, patient_name: str, home_care: str
) -> None:
    words = dict(PEOPLE["mixed"], name=patient_name, home_care=home_care)
    pdf = _session(written(by_script["latin"], words), settings, OPTIONS)
    for text in (one_line(poppler_text(pdf, tmp_path)), one_line(pdfium_text(pdf))):
        assert patient_name in text
        assert home_care in text


# --- the page itself is unchanged -------------------------------------------------------------------


def _pixels(pdf: bytes) -> list[bytes]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [bytes(document[i].render(scale=150 / 72).to_pil().tobytes()) for i in range(len(document))]
    finally:
        document.close()


@pytest.mark.parametrize("script", ["bengali", "devanagari"])
def test_the_spans_leave_every_glyph_where_it_was(
    by_script: dict[str, PatientRecord], settings: ClinicSettings, script: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages with spans render pixel for pixel as reportlab draws them without."""
    from reportlab.pdfgen import textobject

    from cst_notes.reports import actual_text

    record = written(by_script["latin"], PEOPLE[script])
    with_spans = _session(record, settings, OPTIONS)
    monkeypatch.setattr(textobject.PDFTextObject, "_formatText", actual_text._original_format)
    without = _session(record, settings, OPTIONS)
    assert b"/ActualText" in content_streams(with_spans)
    assert b"/ActualText" not in content_streams(without)
    assert _pixels(with_spans) == _pixels(without)
