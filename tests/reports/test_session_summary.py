"""The session summary: plain words for the patient, nothing private unless chosen."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cst_notes.domain import vocabulary as V
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import TechniqueApplied
from cst_notes.domain.settings import ClinicSettings
from cst_notes.reports import DocumentOptions, session_summary_pdf

from .conftest import ASSESSMENT, HOME_CARE, ISSUED, PRIVATE, known_session_id, page_texts, pdf_text, reader

OPTIONS = DocumentOptions(issued_on=ISSUED)


def _text(
    record: PatientRecord, settings: ClinicSettings, options: DocumentOptions = OPTIONS, session_id: int | None = None
) -> str:
    pdf = session_summary_pdf(record, session_id or known_session_id(record), settings, options)
    return " ".join(pdf_text(pdf).split())  # lines joined: wrapped sentences read whole


def test_what_was_found_is_explained_in_plain_words(known: PatientRecord, settings: ClinicSettings) -> None:
    text = _text(known, settings)
    assert "Respiratory diaphragm — the breathing muscle under the ribs: moderate tension, on the left" in text
    assert "Knee: slight tension, on both sides" in text  # not "Knee — the knee"
    assert "Your pain was 6 out of 10 before the session and 3 out of 10 after it." in text


def test_what_was_done_is_in_plain_words_without_jargon(known: PatientRecord, settings: ClinicSettings) -> None:
    text = _text(known, settings)
    assert "A gentle hold at the back of the head to help the body settle" in text
    assert "Scar release" in text  # the therapist's own technique, by its name
    for jargon in (
        "CV-4",
        "Still point",
        "cv4_still_point",
        "custom.",
        "diaphragm.respiratory",
        "bilateral",
        "Moderate",
        "NOTE-R",
    ):
        assert jargon not in text


def test_aftercare_reactions_home_care_appointment_and_contact(known: PatientRecord, settings: ClinicSettings) -> None:
    text = _text(known, settings)
    assert "Mild soreness for a day or two is common" in text
    assert "A headache — Eased by the evening." in text
    assert HOME_CARE in text
    appointment = known.follow_up_plans[0].next_appointment
    assert appointment is not None
    assert f"{appointment.day} June 2025" in text
    assert "Dip. CST" not in text  # the settings' therapist's credentials, not Rahul Mehta's
    for contact in ("Rahul Mehta", "+91 33 2229 0000", "hello@stillpoint.example", "12 Park Street"):
        assert contact in text


def test_private_notes_and_assessment_only_when_chosen(known: PatientRecord, settings: ClinicSettings) -> None:
    default = _text(known, settings)
    assert PRIVATE not in default
    assert ASSESSMENT not in default
    notes = _text(known, settings, dataclasses.replace(OPTIONS, include_private_notes=True))
    assert PRIVATE in notes
    assert ASSESSMENT not in notes
    both = _text(known, settings, dataclasses.replace(OPTIONS, include_private_notes=True, include_assessment=True))
    assert PRIVATE in both
    assert ASSESSMENT in both
    assert "Included at your therapist's choice" in both


def test_a_session_without_findings_or_plan_still_reads_well(known: PatientRecord, settings: ClinicSettings) -> None:
    bare = dataclasses.replace(
        known.sessions[5],
        restrictions=(),
        techniques=(),
        adverse_reactions=(),
        pain_before=None,
        pain_after=None,
        therapist="",
    )
    record = dataclasses.replace(known, sessions=(bare,), follow_up_plans=())
    text = _text(record, ClinicSettings(), session_id=bare.id)
    assert "We did not find any particular areas of tension this time." in text
    assert "Gentle, hands-on craniosacral work." in text
    assert "Please get in touch with us to book your next appointment." in text
    assert "How you were feeling" not in text
    assert "How to reach us" not in text


def test_session_by_uid(known: PatientRecord, settings: ClinicSettings) -> None:
    pdf = session_summary_pdf(known, known.sessions[5].uid, settings, OPTIONS)
    assert "moderate tension" in pdf_text(pdf)


@pytest.mark.parametrize("ref", [999_999, "no-such-uid", True])
def test_unknown_session_is_a_clear_error(known: PatientRecord, settings: ClinicSettings, ref: object) -> None:
    with pytest.raises(ValueError, match="no session with"):
        session_summary_pdf(known, ref, settings, OPTIONS)  # type: ignore[arg-type]


def test_an_old_appointment_is_not_offered(known: PatientRecord, settings: ClinicSettings) -> None:
    day_before = known.sessions[5].started_at.date() - dt.timedelta(days=1)
    plan = dataclasses.replace(known.follow_up_plans[0], next_appointment=day_before)
    text = _text(dataclasses.replace(known, follow_up_plans=(plan,)), settings)
    assert "Please get in touch with us to book your next appointment." in text


def test_page_count(known: PatientRecord, settings: ClinicSettings) -> None:
    pdf = session_summary_pdf(known, known_session_id(known), settings, OPTIONS)
    assert len(reader(pdf).pages) == 1
    assert "Page 1 of 1" in pdf_text(pdf)
    every_technique = tuple(TechniqueApplied(code) for code in V.TECHNIQUES.codes)
    long = dataclasses.replace(known.sessions[5], techniques=every_technique)
    pdf = session_summary_pdf(dataclasses.replace(known, sessions=(long,)), known_session_id(known), settings, OPTIONS)
    pages = page_texts(pdf)
    assert len(pages) == 2
    assert "Page 1 of 2" in pages[0]
    assert "Page 2 of 2" in pages[1]


def test_a_long_aftercare_panel_starts_on_the_first_page_not_after_a_gap(
    known: PatientRecord, settings: ClinicSettings
) -> None:
    """Many findings and two long reactions: the "How you may feel afterwards" panel is too tall to
    fit below them. It starts on page 1 and runs onto page 2, rather than moving whole and leaving
    the bottom of page 1 empty."""
    from cst_notes.domain.session import AdverseReaction, Restriction

    note = "A headache the next morning that eased by the afternoon after rest and water. " * 5
    session_id = known_session_id(known)
    sessions = tuple(
        dataclasses.replace(
            s,
            restrictions=tuple(Restriction(code, "left", "moderate") for code in V.REGIONS.codes[:12]),
            adverse_reactions=(AdverseReaction("headache", f"{note}First."), AdverseReaction("mild_soreness", note)),
        )
        if s.id == session_id
        else s
        for s in known.sessions
    )
    pdf = session_summary_pdf(dataclasses.replace(known, sessions=sessions), session_id, settings, OPTIONS)
    pages = [" ".join(p.split()) for p in page_texts(pdf)]
    assert len(pages) == 2
    assert "How you may feel afterwards" in pages[0]
    assert "If anything worries you" in pages[1]  # the panel's last words, on the next page
    assert "Your next appointment" in pages[1]


def test_a_long_correction_keeps_its_date_on_the_next_page(known: PatientRecord, settings: ClinicSettings) -> None:
    """Corrections long enough to run over a page: each page a correction continues on shows its
    date again ("Added on … (continued)"), so no part of it is undated."""
    from cst_notes.domain.signing import Addendum

    words = "The note of the knee should say the right knee, not the left, as we went over together. " * 14
    session_id = known_session_id(known)
    days = [dt.datetime(2025, 5, d, 10, tzinfo=dt.UTC) for d in (3, 9, 14)]
    addenda = tuple(Addendum(f"{words}End {n}.", "Rahul Mehta", day, "a" * 64) for n, day in enumerate(days))
    sessions = tuple(dataclasses.replace(s, addenda=addenda) if s.id == session_id else s for s in known.sessions)
    options = dataclasses.replace(OPTIONS, timezone=dt.UTC)
    pdf = session_summary_pdf(dataclasses.replace(known, sessions=sessions), session_id, settings, options)
    pages = [" ".join(p.split()) for p in page_texts(pdf)]
    split = 0
    for n, day in enumerate(days):
        date = f"Added on {day.day} {day:%B %Y}"
        (end,) = [p for p in pages if f"End {n}." in p]
        (start,) = [p for p in pages if f"{date}:" in p]
        if start is not end:
            split += 1
            assert f"{date} (continued)" in end, f"correction {n} runs onto a page without its date"
    assert split, "no correction ran onto the next page: the test checks nothing"
