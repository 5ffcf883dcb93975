"""Whatever a therapist types — markup characters, quotes, any of the three scripts — every
document is still made, and Latin text comes out as typed."""

from __future__ import annotations

import dataclasses
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import AdverseReaction
from cst_notes.domain.settings import ClinicSettings
from cst_notes.reports import (
    DocumentOptions,
    intake_summary_pdf,
    missing_glyphs,
    progress_report_pdf,
    session_summary_pdf,
)

from .conftest import ISSUED, known_session_id, page_texts

_BLOCKS = [*range(0x20, 0x7F), *range(0xC0, 0x100), *range(0x0900, 0x0980), *range(0x0980, 0x0A00)]
CHARACTERS = sorted(
    {chr(c) for c in _BLOCKS if unicodedata.category(chr(c)) not in ("Cn", "Cc")} | {"\n", "\t", "—", "–", "“", "”"}
)
TOKENS = ["<", ">", "&", '"', "'", "<b>", "</font>", "<br/>", "&amp;", "&#", "<para>", "]]>", "\\", "%", "ক্ষ", "क्ष"]

script_text = st.lists(
    st.one_of(st.text(st.sampled_from(CHARACTERS), max_size=12), st.sampled_from(TOKENS)), max_size=8
).map("".join)
ascii_text = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=30)
ALL_ON = DocumentOptions(issued_on=ISSUED, include_private_notes=True, include_assessment=True)


def _with_text(record: PatientRecord, text: str, name: str) -> PatientRecord:
    session = record.sessions[5]
    session = dataclasses.replace(
        session,
        private_notes=text,
        assessment=text,
        adverse_reactions=(AdverseReaction("other", text),),
    )
    plan = dataclasses.replace(
        record.follow_up_plans[0],
        home_care=text,
        goals=(dataclasses.replace(record.follow_up_plans[0].goals[0], description=text or "x", measure=text),),
    )
    assert record.intake is not None
    intake = dataclasses.replace(record.intake, complaint=text, medical_history=text, goals=text)
    patient = dataclasses.replace(record.patient, full_name=name, address=text, preferred_name=text)
    sessions = (*record.sessions[:5], session, *record.sessions[6:])
    return dataclasses.replace(record, patient=patient, intake=intake, sessions=sessions, follow_up_plans=(plan,))


def _all_documents(record: PatientRecord, clinic: ClinicSettings) -> list[bytes]:
    return [
        session_summary_pdf(record, known_session_id(record), clinic, ALL_ON),
        progress_report_pdf(record, clinic, ALL_ON),
        intake_summary_pdf(record, clinic, ALL_ON),
    ]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=script_text, name=script_text.filter(str.strip), clinic_name=script_text)
def test_any_text_in_any_script_never_breaks_a_document(
    known: PatientRecord, settings: ClinicSettings, text: str, name: str, clinic_name: str
) -> None:
    record = _with_text(known, text, name)
    clinic = dataclasses.replace(settings, clinic_name=clinic_name, footer_text=text)
    for pdf in _all_documents(record, clinic):
        pages = page_texts(pdf)
        assert pages
        assert f"Page 1 of {len(pages)}" in pages[0]


@settings(max_examples=15, deadline=None)
@given(word=ascii_text)
def test_latin_text_comes_out_as_typed(known: PatientRecord, settings: ClinicSettings, word: str) -> None:
    record = _with_text(known, f"before {word} after", "Emma Smith")
    for pdf in _all_documents(record, settings):
        assert f"before {word} after" in " ".join(" ".join(page_texts(pdf)).split())


@settings(max_examples=10, deadline=None)
@given(text=st.text(max_size=30))
def test_any_unicode_at_all_is_marked_not_dropped(known: PatientRecord, settings: ClinicSettings, text: str) -> None:
    record = _with_text(known, text, "Emma Smith")
    pdf = session_summary_pdf(record, known_session_id(record), settings, ALL_ON)
    joined = "\n".join(page_texts(pdf))
    for ch in missing_glyphs(text.strip()):  # a note of only whitespace (even U+001C..U+001F) is empty
        assert f"[U+{ord(ch):04X}]" in joined
