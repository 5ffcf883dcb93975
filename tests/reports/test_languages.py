"""The patient documents in Bengali and Hindi: fixed text from the catalogues, dates and digits.

Each of the three patient documents is rendered in Bengali for a patient named in Bengali, and in
Hindi for one named in Devanagari (and for a child with a guardian), refusing any character no
font can draw. Once the text the test put in is taken away (the patient's and the therapist's own
words, names, phone numbers, the clinic's letterhead, the signature fingerprints), no Latin letter
is left on any page: every fixed word came from the catalogue. The catalogues themselves hold a
translation of every message the code marks, and nothing else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import string
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from cst_notes.domain import vocabulary as V
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.settings import ClinicSettings
from cst_notes.reports import DocumentOptions, plain, render
from cst_notes.reports.language import TRANSLATED, VOCABULARY_MESSAGES, Translator, messages_in
from tests.reports.catalogues import extracted
from tests.reports.conftest import ISSUED
from tests.reports.test_extractable_text import _catalog_and_info, one_line, pdfium_text, poppler_text

KOLKATA = dt.timezone(dt.timedelta(hours=5, minutes=30))
KINDS = ("summary", "progress", "intake")
BENGALI_MONTHS = (
    "জানুয়ারি",
    "ফেব্রুয়ারি",
    "মার্চ",
    "এপ্রিল",
    "মে",
    "জুন",
    "জুলাই",
    "আগস্ট",
    "সেপ্টেম্বর",
    "অক্টোবর",
    "নভেম্বর",
    "ডিসেম্বর",
)
HINDI_MONTHS = (
    "जनवरी",
    "फ़रवरी",
    "मार्च",
    "अप्रैल",
    "मई",
    "जून",
    "जुलाई",
    "अगस्त",
    "सितंबर",
    "अक्टूबर",
    "नवंबर",
    "दिसंबर",
)
BENGALI_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")
HEADINGS = {
    ("bn", "summary"): ("সেশনের সারাংশ", "আমরা কী পেলাম", "আমরা কী করলাম", "পরে আপনার কেমন লাগতে পারে"),
    ("bn", "progress"): ("অগ্রগতির বিবরণ", "প্রতি সেশনের আগে ও পরে ব্যথা", "ক্রেনিওস্যাক্রাল ছন্দ", "লক্ষ্য"),
    ("bn", "intake"): ("প্রথম সাক্ষাতের সারাংশ", "আপনার পরিচয়", "আপনার সমস্যা", "সম্মতি"),
    ("hi", "summary"): ("सत्र का सारांश", "हमें क्या मिला", "हमने क्या किया", "बाद में आप कैसा महसूस कर सकते हैं"),
    ("hi", "progress"): ("प्रगति रिपोर्ट", "हर सत्र से पहले और बाद में दर्द", "क्रेनियोसेक्रल लय", "लक्ष्य"),
    ("hi", "intake"): ("पहली मुलाक़ात का सारांश", "आपकी जानकारी", "आपकी तकलीफ़", "सहमति"),
}
_FIELD = re.compile(r"\{(\w+)\}")


# --- the catalogues --------------------------------------------------------------------------------


def test_the_catalogues_hold_every_message_the_code_marks_and_no_other() -> None:
    """A new English message without a translation, or a translation no longer used, fails here:
    run ``make catalogues`` and translate the new entries."""
    wanted = set(extracted())
    assert set(VOCABULARY_MESSAGES) <= wanted
    for language, entries in messages_in().items():
        assert sorted(wanted - set(entries)) == [], f"{language}: messages without an entry"
        assert sorted(set(entries) - wanted) == [], f"{language}: entries no code uses"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_its_placeholders(language: str) -> None:
    messages = extracted()
    for msgid, translation in messages_in([language])[language].items():
        forms = translation if isinstance(translation, tuple) else (translation,)
        assert forms, f"{language}: {msgid!r} has no translation"
        assert all(f.strip() for f in forms), f"{language}: {msgid!r} is not translated"
        english = messages[msgid]
        fields = set(_FIELD.findall(" ".join(english) if isinstance(english, tuple) else english))
        for form in forms:
            used = set(_FIELD.findall(form))
            assert used <= fields, f"{language}: {msgid!r} -> {form!r} names a field the code does not fill"
            # Only who signed may be said in the language's own words instead of the domain's "Signed by".
            assert fields - {"signed_by"} <= used, f"{language}: {msgid!r} -> {form!r} leaves a field out"
            assert not re.search(r"[A-Za-z]", _FIELD.sub("", form)), f"{language}: {form!r} keeps English words"


def test_plural_forms_follow_the_count() -> None:
    english, bengali, hindi = Translator("en"), Translator("bn"), Translator("hi")
    assert english.ngettext("{n} session on {date}", "{n} sessions on {date}", 1) == "{n} session on {date}"
    assert english.ngettext("{n} session on {date}", "{n} sessions on {date}", 3) == "{n} sessions on {date}"
    assert bengali.ngettext("{n} minute", "{n} minutes", 45).format(n=bengali.count(45)) == "৪৫ মিনিট"
    assert hindi.ngettext("{n} month", "{n} months", 1).format(n=hindi.count(1)) == "1 महीना"
    assert hindi.ngettext("{n} month", "{n} months", 7).format(n=hindi.count(7)) == "7 महीने"


@pytest.mark.parametrize(
    ("tag", "language"), [("bn", "bn"), ("bn-IN", "bn"), ("hi-IN", "hi"), ("en-GB", "en"), ("fr", "en"), ("ta", "en")]
)
def test_a_regional_tag_falls_back_to_its_language_and_others_to_english(tag: str, language: str) -> None:
    assert Translator(tag).language == language


def test_dates_and_digits_in_each_language() -> None:
    day = dt.date(2025, 3, 12)
    assert Translator("en").long_date(day) == "12 March 2025"
    assert Translator("bn").long_date(day) == "১২ মার্চ ২০২৫"
    assert Translator("hi").long_date(day) == "12 मार्च 2025"
    assert Translator("bn").weekday(day) == "বুধবার"
    assert Translator("hi").weekday(day) == "बुधवार"
    assert Translator("bn").number(8.5) == "৮.৫"
    assert Translator("hi").number(8.5) == "8.5"


# --- the documents ---------------------------------------------------------------------------------


def _strings(value: object) -> Iterator[str]:
    """Every text a record holds (names, notes, phone numbers, ...), walking its dataclasses."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _strings(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)


_CODES = {t.code for name in dir(V) if isinstance(getattr(V, name), V.Vocabulary) for t in getattr(V, name)}


def _put_in(record: PatientRecord, settings: ClinicSettings) -> list[str]:
    """What the test put in and the document prints as it was given, longest first. Vocabulary codes
    are not among them: a code or label printed untranslated must stay visible to the test."""
    texts = {one_line(t) for t in (*_strings(record), *_strings(settings)) if t.strip() and t not in _CODES}
    texts |= {one_line(line) for t in _strings(settings) for line in t.splitlines() if line.strip()}
    texts |= {p.strip() for t in texts for p in t.split(",") if p.strip()}  # an address is printed on one line
    return sorted(texts, key=len, reverse=True)


def _left_over(text: str, record: PatientRecord, settings: ClinicSettings) -> str:
    text = one_line(text)
    text = re.sub(r"SHA-256 [0-9a-f]+…", " ", text)  # a signature's fingerprint
    for put in _put_in(record, settings):
        text = text.replace(put, " ")
    return one_line(text)


def _named(record: PatientRecord, name: str) -> PatientRecord:
    """The record with the patient named ``name`` (the demo's therapist's notes are kept as typed);
    an adult who gave their own consent still has (the intake then says "You gave your consent")."""
    patient = dataclasses.replace(record.patient, full_name=name, preferred_name="")
    intake = record.intake
    if intake is not None and intake.consent_given_by == record.patient.full_name:
        intake = dataclasses.replace(intake, consent_given_by=name)
    return dataclasses.replace(record, patient=patient, intake=intake)


@pytest.fixture(scope="module")
def patients(by_script: dict[str, PatientRecord], child: PatientRecord) -> dict[str, tuple[str, PatientRecord]]:
    """A patient for each language, named in its script, and a child (with a guardian) in Hindi."""
    return {
        "bn": ("bn", _named(by_script["bengali"], "ঋতুপর্ণা সেনগুপ্ত")),
        "hi": ("hi", _named(by_script["devanagari"], "प्रिया वर्मा")),
        "hi-child": ("hi", child),
        "bn-child": ("bn", child),
    }


@pytest.fixture(scope="module")
def rendered(
    patients: dict[str, tuple[str, PatientRecord]], settings: ClinicSettings
) -> dict[tuple[str, str], tuple[str, PatientRecord, bytes]]:
    out = {}
    for who, (language, record) in patients.items():
        options = DocumentOptions(issued_on=ISSUED, language=language, on_missing_glyph="raise", timezone=KOLKATA)
        for kind in KINDS:
            out[who, kind] = (language, record, render(kind, record, settings, options))
    return out


def _pdfium_pages(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [document[i].get_textpage().get_text_bounded() for i in range(len(document))]
    finally:
        document.close()


@pytest.mark.parametrize("who", ["bn", "hi", "hi-child", "bn-child"])
@pytest.mark.parametrize("kind", KINDS)
def test_no_latin_letter_is_left_but_what_was_put_in(
    rendered: dict[tuple[str, str], tuple[str, PatientRecord, bytes]], settings: ClinicSettings, who: str, kind: str
) -> None:
    _, record, pdf = rendered[who, kind]
    pages = _pdfium_pages(pdf)
    assert pages
    for number, page_text in enumerate(pages, start=1):
        left = _left_over(page_text, record, settings)
        latin = [w for w in left.split() if any(ch in string.ascii_letters for ch in w)]
        assert latin == [], f"page {number}: {latin}"


@pytest.mark.parametrize("language", ["bn", "hi"])
@pytest.mark.parametrize("kind", KINDS)
def test_known_headings_are_there_exactly(
    rendered: dict[tuple[str, str], tuple[str, PatientRecord, bytes]], tmp_path: Path, language: str, kind: str
) -> None:
    _, _, pdf = rendered[language, kind]
    for text in (one_line(poppler_text(pdf, tmp_path)), one_line(pdfium_text(pdf))):
        for heading in HEADINGS[language, kind]:
            assert heading in text, heading


def _bengali_date(day: dt.date) -> str:
    return f"{day.day} {BENGALI_MONTHS[day.month - 1]} {day.year}".translate(BENGALI_DIGITS)


def test_bengali_dates_have_bengali_month_names_and_digits(
    rendered: dict[tuple[str, str], tuple[str, PatientRecord, bytes]], settings: ClinicSettings, tmp_path: Path
) -> None:
    _, record, pdf = rendered["bn", "summary"]
    text = one_line(poppler_text(pdf, tmp_path))
    latest = max(record.sessions, key=lambda s: s.started_at)
    day = latest.started_at.astimezone(KOLKATA).date()
    assert f"{_bengali_date(day)} তারিখে আপনার সেশন" in text
    assert f"জন্ম {_bengali_date(record.patient.birth_date)}" in text
    assert f"দেওয়া হলো {_bengali_date(ISSUED)}" in text
    assert "পৃষ্ঠা ১ / ১" in text
    assert not re.search(r"[0-9]", _left_over(text, record, settings)), "a Latin digit in Bengali text"


def test_hindi_dates_have_hindi_month_names_and_international_digits(
    rendered: dict[tuple[str, str], tuple[str, PatientRecord, bytes]], tmp_path: Path
) -> None:
    _, record, pdf = rendered["hi", "intake"]
    text = one_line(poppler_text(pdf, tmp_path))
    born = record.patient.birth_date
    assert f"जन्म {born.day} {HINDI_MONTHS[born.month - 1]} {born.year}" in text
    assert f"जारी {ISSUED.day} {HINDI_MONTHS[ISSUED.month - 1]} {ISSUED.year}" in text
    assert not re.search(r"[০-৯]", text)


def test_the_patients_words_stay_as_typed(
    rendered: dict[tuple[str, str], tuple[str, PatientRecord, bytes]], tmp_path: Path
) -> None:
    _, record, pdf = rendered["bn", "intake"]
    assert record.intake is not None
    text = one_line(poppler_text(pdf, tmp_path))
    assert one_line(record.intake.complaint) in text
    assert record.patient.phone in text  # digits as typed, not Bengali digits


def test_the_clinical_record_stays_english(by_script: dict[str, PatientRecord], settings: ClinicSettings) -> None:
    options = DocumentOptions(issued_on=ISSUED, language="bn", timezone=KOLKATA)
    pdf = render("record", by_script["bengali"], settings, options)
    catalog, _ = _catalog_and_info(pdf)
    assert catalog["/Lang"] == "en"  # type: ignore[index]
    text = one_line(pdfium_text(pdf))
    assert "Clinical record" in text
    assert "সেশন" not in text


def test_translators_of_different_languages_work_at_the_same_time() -> None:
    """No locale is switched: each document carries its own translator, so threads in different
    languages do not mix (rendering whole documents in parallel is issue 18's)."""
    day = dt.date(2025, 3, 12)
    wanted = {
        "bn": ("অগ্রগতির বিবরণ", "১২ মার্চ ২০২৫"),
        "hi": ("प्रगति रिपोर्ट", "12 मार्च 2025"),
        "en": ("Progress report", "12 March 2025"),
    }

    def one(language: str) -> tuple[str, tuple[str, str]]:
        tr = Translator(language)
        said = {(tr.gettext("Progress report"), tr.long_date(day)) for _ in range(200)}
        assert len(said) == 1
        return language, said.pop()

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(one, ["bn", "hi", "en"] * 10))
    for language, said in results:
        assert said == wanted[language]


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_region_is_not_explained_by_its_own_name(language: str) -> None:
    """'পেট', not 'পেট — পেট' where the name and its explanation are the same words in a language."""
    tr = Translator(language)
    for code in V.REGIONS.codes:
        label, _, explanation = plain.region_name(code, tr).partition(" — ")
        assert label != explanation, code
