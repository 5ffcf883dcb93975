"""The progress report: charts, restrictions first vs last, goals, and the chosen range."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import Restriction
from cst_notes.domain.settings import ClinicSettings
from cst_notes.reports import DocumentOptions, progress_report_pdf

from .conftest import ASSESSMENT, ISSUED, PRIVATE, page_texts, pdf_text

OPTIONS = DocumentOptions(issued_on=ISSUED, timezone=dt.UTC)


def _flat(pdf: bytes) -> str:
    return " ".join(pdf_text(pdf).split())


@pytest.fixture(scope="module")
def compared(known: PatientRecord) -> PatientRecord:
    """First session: respiratory moderate, knee severe. Last: respiratory mild (right), hip mild."""
    sessions = list(known.sessions)
    sessions[0] = dataclasses.replace(
        sessions[0],
        restrictions=(
            Restriction("diaphragm.respiratory", "left", "moderate"),
            Restriction("body.knee", "left", "severe"),
            Restriction("body.knee", "right", "mild"),
        ),
    )
    sessions[-1] = dataclasses.replace(
        sessions[-1],
        restrictions=(Restriction("diaphragm.respiratory", "right", "mild"), Restriction("body.hip", "left", "mild")),
    )
    return dataclasses.replace(known, sessions=tuple(sessions))


def test_many_sessions_make_two_pages_with_both_charts(compared: PatientRecord, settings: ClinicSettings) -> None:
    pdf = progress_report_pdf(compared, settings, OPTIONS)
    pages = page_texts(pdf)
    assert len(pages) == 2
    assert "Page 1 of 2" in pages[0]
    assert "Page 2 of 2" in pages[1]
    text = " ".join(" ".join(pages).split())
    assert "24 sessions from" in text
    for wanted in (
        "Pain before and after each session",
        "Before the session",
        "After the session",
        "Pain (0 none – 10 worst)",
        "Session date (",
        "Craniosacral rhythm",
        "Rhythm rate (cycles per minute)",
        "Average of the places felt",
        "Lowest to highest place felt",
        "Usual range 4–16",
    ):
        assert wanted in text, wanted


def test_restrictions_resolved_eased_and_new(compared: PatientRecord, settings: ClinicSettings) -> None:
    text = _flat(progress_report_pdf(compared, settings, OPTIONS))
    assert "Knee Marked tension, on both sides — Resolved" in text
    diaphragm = "Respiratory diaphragm — the breathing muscle under the ribs"
    assert f"{diaphragm} Moderate tension, on the left Slight tension, on the right Eased" in text
    assert "Hip — Slight tension, on the left New" in text
    for jargon in ("Severe", "Moderate (", "Mild (", "bilateral", "midline", "stations"):
        assert jargon not in text, jargon
    assert text.index("Resolved") < text.index("Eased") < text.index("New")


def test_goals_with_measure_and_status(compared: PatientRecord, settings: ClinicSettings) -> None:
    text = _flat(progress_report_pdf(compared, settings, OPTIONS))
    assert "Fewer headaches headache days per month below 4 Progressing" in text
    assert "Better sleep sleep quality 7 or more Met" in text


def test_without_a_plan(compared: PatientRecord, settings: ClinicSettings) -> None:
    text = _flat(progress_report_pdf(dataclasses.replace(compared, follow_up_plans=()), settings, OPTIONS))
    assert "No goals have been set in a follow-up plan yet." in text


def test_range_by_ids_and_dates(compared: PatientRecord, settings: ClinicSettings) -> None:
    ids = tuple(s.id for s in compared.sessions[2:6] if s.id is not None)
    text = _flat(progress_report_pdf(compared, settings, dataclasses.replace(OPTIONS, session_ids=ids)))
    assert "4 sessions from" in text
    first = compared.sessions[3].started_at.date()
    last = compared.sessions[4].started_at.date()
    ranged = dataclasses.replace(OPTIONS, session_ids=ids, date_from=first, date_to=last)
    assert "2 sessions from" in _flat(progress_report_pdf(compared, settings, ranged))
    uids = (compared.sessions[7].uid,)
    one = _flat(progress_report_pdf(compared, settings, dataclasses.replace(OPTIONS, session_ids=uids)))
    assert "1 session on" in one
    assert "there is nothing to compare yet" in one


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (DocumentOptions(session_ids=()), "no sessions .* in the chosen range"),
        (DocumentOptions(date_from=dt.date(2030, 1, 1)), "no sessions .* in the chosen range"),
        (DocumentOptions(session_ids=(424242,)), "no session with id or uid 424242"),
        (DocumentOptions(date_from=dt.date(2025, 2, 1), date_to=dt.date(2025, 1, 1)), "starts after it ends"),
    ],
)
def test_impossible_ranges_are_clear_errors(
    compared: PatientRecord, settings: ClinicSettings, options: DocumentOptions, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        progress_report_pdf(compared, settings, options)


def test_no_sessions_at_all(compared: PatientRecord, settings: ClinicSettings) -> None:
    with pytest.raises(ValueError, match="no sessions"):
        progress_report_pdf(dataclasses.replace(compared, sessions=()), settings)


def test_private_notes_and_assessments_only_when_chosen(compared: PatientRecord, settings: ClinicSettings) -> None:
    default = _flat(progress_report_pdf(compared, settings, OPTIONS))
    assert PRIVATE not in default
    assert ASSESSMENT not in default
    chosen = dataclasses.replace(OPTIONS, include_private_notes=True, include_assessment=True)
    text = _flat(progress_report_pdf(compared, settings, chosen))
    assert PRIVATE in text
    assert ASSESSMENT in text
    assert "Therapist's assessments" in text
    assert "Private notes" in text


def test_a_dated_note_split_across_pages_keeps_its_date(compared: PatientRecord, settings: ClinicSettings) -> None:
    """Long assessments run over pages: wherever the end of a session's note lands, that page
    also shows the session's date, so no piece of a note stands on a page without its date."""
    words = "The dural tube glides more freely and the cranial base is softer than before. " * 7
    sessions = tuple(
        dataclasses.replace(s, assessment=f"{words}End of note {n}.") for n, s in enumerate(compared.sessions)
    )
    record = dataclasses.replace(compared, sessions=sessions)
    pdf = progress_report_pdf(record, settings, dataclasses.replace(OPTIONS, include_assessment=True))
    pages = [" ".join(p.split()) for p in page_texts(pdf)]
    assert len(pages) > 3
    split = 0
    for n, s in enumerate(sessions):
        day = s.started_at.astimezone(dt.UTC).date()
        date = f"{day.day} {day:%b %Y}"  # the short date written out, e.g. "4 Nov 2024"
        ends = [p for p in pages if f"End of note {n}." in p]
        assert len(ends) == 1, f"note {n}"
        starts = [p for p in pages if f"{date}:" in p]
        assert len(starts) == 1, f"note {n} starts on one page"
        if starts[0] is not ends[0]:
            split += 1
            assert f"{date} (continued)" in ends[0], f"note {n} of {date} runs onto a page without its date"
    assert split, "no note ran onto the next page: the test checks nothing"
