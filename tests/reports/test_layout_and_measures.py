"""Issue 16, "nothing misleading": the progress report shows the outcome measures the Progress tab
shows (sleep, stress, headache days), and the patient documents are laid out so that nothing is
lost or squeezed: a session split across pages repeats its heading, a summary that fits one page
is one page, and a long note runs the width of the page."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from cst_notes.domain.record import PatientRecord
from cst_notes.domain.settings import ClinicSettings
from cst_notes.reports import DocumentOptions, progress_report_pdf

from .conftest import ISSUED
from .test_extractable_text import one_line, poppler_text

OPTIONS = DocumentOptions(issued_on=ISSUED, timezone=dt.UTC)


def _measured(record: PatientRecord) -> PatientRecord:
    """The first session: sleep 3, stress 7, 9 headache days; the last: sleep 8, stress 2, 1 day; none between."""
    sessions = [
        dataclasses.replace(s, sleep_quality=None, stress_level=None, headache_days=None) for s in record.sessions
    ]
    sessions[0] = dataclasses.replace(sessions[0], sleep_quality=3, stress_level=7, headache_days=9)
    sessions[-1] = dataclasses.replace(sessions[-1], sleep_quality=8, stress_level=2, headache_days=1)
    return dataclasses.replace(record, sessions=tuple(sessions))


def test_the_progress_report_gives_the_outcome_measures_in_plain_words(
    known: PatientRecord, settings: ClinicSettings, tmp_path: Path
) -> None:
    text = one_line(poppler_text(progress_report_pdf(_measured(known), settings, OPTIONS), tmp_path))
    assert "Sleep, stress and headaches" in text
    for sentence in (
        "Your sleep: 3 out of 10 at the first session and 8 at the latest (0 is very poor, 10 is excellent).",
        "Your stress: 7 out of 10 at the first session and 2 at the latest (0 is none, 10 is extreme).",
        "Days with a headache since the visit before: 9 at the first session and 1 at the latest.",
    ):
        assert sentence in text


def test_a_measure_recorded_once_is_given_once(known: PatientRecord, settings: ClinicSettings, tmp_path: Path) -> None:
    record = _measured(known)
    sessions = list(record.sessions)
    sessions[-1] = dataclasses.replace(sessions[-1], sleep_quality=None, stress_level=None, headache_days=None)
    record = dataclasses.replace(record, sessions=tuple(sessions))
    text = one_line(poppler_text(progress_report_pdf(record, settings, OPTIONS), tmp_path))
    assert "Your sleep: 3 out of 10 (0 is very poor, 10 is excellent)." in text
    assert "Days with a headache since the visit before: 9." in text


def test_no_measures_no_section(known: PatientRecord, settings: ClinicSettings, tmp_path: Path) -> None:
    record = _measured(known)
    sessions = [
        dataclasses.replace(s, sleep_quality=None, stress_level=None, headache_days=None) for s in record.sessions
    ]
    text = one_line(
        poppler_text(
            progress_report_pdf(dataclasses.replace(record, sessions=tuple(sessions)), settings, OPTIONS), tmp_path
        )
    )
    assert "Sleep, stress and headaches" not in text
