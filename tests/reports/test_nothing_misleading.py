"""Nothing misleading in a patient's documents: a past appointment is not "next", a correction
reaches the summary, a minor's documents speak to the guardian too. Read back with pdftotext."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from cst_notes.domain.patient import Guardian
from cst_notes.domain.plan import current_plan
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.settings import ClinicSettings
from cst_notes.domain.signing import Addendum
from cst_notes.reports import DocumentOptions, intake_summary_pdf, progress_report_pdf, session_summary_pdf

from .conftest import ASSESSMENT, PRIVATE, known_session_id
from .test_extractable_text import one_line, poppler_text


def _summary(record: PatientRecord, settings: ClinicSettings, issued: dt.date, tmp_path: Path) -> str:
    pdf = session_summary_pdf(record, known_session_id(record), settings, DocumentOptions(issued_on=issued))
    return one_line(poppler_text(pdf, tmp_path))


def test_a_next_appointment_already_past_is_not_printed_as_the_next(
    known: PatientRecord, settings: ClinicSettings, tmp_path: Path
) -> None:
    plan = current_plan(known.follow_up_plans)
    assert plan is not None
    assert plan.next_appointment == dt.date(2025, 6, 4)
    ahead = _summary(known, settings, dt.date(2025, 6, 4), tmp_path)  # on the day itself: still ahead
    assert "Wednesday 4 June 2025" in ahead
    assert "get in touch with us to book" not in ahead
    past = _summary(known, settings, dt.date(2025, 6, 5), tmp_path)  # printed the day after
    assert "4 June 2025" not in past
    assert "Please get in touch with us to book your next appointment." in past


def test_a_signed_addendum_reaches_the_sessions_summary_dated(
    known: PatientRecord, settings: ClinicSettings, tmp_path: Path
) -> None:
    session = known.sessions[5]
    assert session.is_signed
    first = Addendum("Your pain after the session was 4 out of 10, not 3.", "Rahul Mehta", at(2026, 3, 5), "a" * 64)
    second = Addendum("The left knee, not both.", "Rahul Mehta", at(2026, 3, 9), "b" * 64)
    sessions = list(known.sessions)
    sessions[5] = dataclasses.replace(session, addenda=(second, first))  # stored out of order: printed in date order
    record = dataclasses.replace(known, sessions=tuple(sessions))
    pdf = session_summary_pdf(record, known_session_id(record), settings, DocumentOptions(timezone=dt.UTC))
    text = one_line(poppler_text(pdf, tmp_path))
    assert "Added on 5 March 2026: Your pain after the session was 4 out of 10, not 3." in text
    assert "Added on 9 March 2026: The left knee, not both." in text
    assert text.index("Added on 5 March 2026") < text.index("Added on 9 March 2026")
    assert PRIVATE not in text  # the therapist's private notes stay out unless ticked
    assert ASSESSMENT not in text


def at(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 11, 0, tzinfo=dt.UTC)


def _documents(record: PatientRecord, settings: ClinicSettings, issued: dt.date) -> dict[str, bytes]:
    options = DocumentOptions(issued_on=issued)
    session_id = record.sessions[-1].id
    assert session_id is not None
    return {
        "session summary": session_summary_pdf(record, session_id, settings, options),
        "progress report": progress_report_pdf(record, settings, options),
        "intake summary": intake_summary_pdf(record, settings, options),
    }


@pytest.mark.parametrize(
    ("sex", "relation", "addressed"),
    [
        ("male", "mother", "For Aarav Sen, and his mother Priya Sen."),
        ("female", "legal_guardian", "For Aarav Sen, and her legal guardian Priya Sen."),
        ("unspecified", "other", "For Aarav Sen, and their guardian Priya Sen."),
    ],
)
def test_a_minors_documents_are_addressed_to_the_guardian_too(
    child: PatientRecord, settings: ClinicSettings, tmp_path: Path, sex: str, relation: str, addressed: str
) -> None:
    born = dt.date(2015, 6, 2)
    guardian = Guardian("Priya Sen", relation, consent_given=True, consent_date=dt.date(2024, 1, 1))
    patient = dataclasses.replace(child.patient, full_name="Aarav Sen", preferred_name="", sex=sex, birth_date=born)
    record = dataclasses.replace(child, patient=dataclasses.replace(patient, guardian=guardian))
    assert record.sessions
    for kind, pdf in _documents(record, settings, dt.date(2033, 6, 1)).items():  # the day before he turns 18
        assert addressed in one_line(poppler_text(pdf, tmp_path)), kind
    for kind, pdf in _documents(record, settings, dt.date(2033, 6, 2)).items():  # an adult now: his own
        assert "Priya Sen." not in one_line(poppler_text(pdf, tmp_path)), kind
