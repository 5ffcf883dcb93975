"""Issue 16, "nothing misleading": the progress report shows the outcome measures the Progress tab
shows (sleep, stress, headache days), and the patient documents are laid out so that nothing is
lost or squeezed: a session split across pages repeats its heading, a summary that fits one page
is one page, and a long note runs the width of the page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
from pathlib import Path

from cst_notes.domain.intake import TraumaEvent
from cst_notes.domain.plan import Goal
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.settings import ClinicSettings
from cst_notes.domain.signing import DRAFT
from cst_notes.reports import DocumentOptions, intake_summary_pdf, progress_report_pdf, session_summary_pdf

from .conftest import ISSUED, known_session_id, page_texts, reader
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


# --- layout ----------------------------------------------------------------------------------------

WORDS = tuple(
    [
        "Rest",
        "well,",
        "drink",
        "water,",
        "and",
        "walk",
        "gently",
        "for",
        "twenty",
        "minutes",
        "each",
        "day",
        "after",
        "the",
        "session.",
    ]
)


def _pages(pdf: bytes) -> int:
    return len(reader(pdf).pages)


def _with_home_care(record: PatientRecord, words: int, signed: bool) -> PatientRecord:
    """``record`` whose current plan's home care is ``words`` words long, its known session signed or a draft."""
    text = " ".join(WORDS[n % len(WORDS)] for n in range(words))
    plan = dataclasses.replace(record.follow_up_plans[-1], home_care=text)
    sessions = list(record.sessions)
    if not signed:
        sessions[5] = dataclasses.replace(sessions[5], status=DRAFT, signed_at=None, signed_by="", content_hash="")
    return dataclasses.replace(record, sessions=tuple(sessions), follow_up_plans=(*record.follow_up_plans[:-1], plan))


def _summary(record: PatientRecord, settings: ClinicSettings) -> bytes:
    return session_summary_pdf(record, known_session_id(record), settings, OPTIONS)


def test_a_signed_summary_whose_draft_fills_one_page_is_one_page(
    known: PatientRecord, settings: ClinicSettings
) -> None:
    """The longest home care that leaves the draft's summary on one page: signing adds one small line,
    which must not go onto a page of its own."""
    assert known.sessions[5].is_signed
    low, high = 0, 2000  # words: one page at low, more at high
    assert _pages(_summary(_with_home_care(known, high, signed=False), settings)) > 1
    while high - low > 1:
        middle = (low + high) // 2
        if _pages(_summary(_with_home_care(known, middle, signed=False), settings)) == 1:
            low = middle
        else:
            high = middle
    assert _pages(_summary(_with_home_care(known, low, signed=True), settings)) == 1


def test_the_closing_never_stands_alone_on_the_last_page(known: PatientRecord, settings: ClinicSettings) -> None:
    """Wherever the page breaks, the last page holds some of the home care (the text before the next
    appointment and the signature) as well."""
    for words in range(100, 700, 17):
        pdf = _summary(_with_home_care(known, words, signed=True), settings)
        last = " ".join(page_texts(pdf)[-1].split())
        assert any(word in last for word in ("Rest", "drink", "water", "walk", "gently", "twenty")), (
            f"{words} words: the last page: {last[-300:]}"
        )


def _page_text(pdf: bytes, page: int, tmp_path: Path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"], capture_output=True, check=True
    )
    return one_line(out.stdout.decode("utf-8"))


def test_a_session_split_across_pages_repeats_its_heading_on_each(
    known: PatientRecord, settings: ClinicSettings, tmp_path: Path
) -> None:
    pdf = _summary(_with_home_care(known, 900, signed=True), settings)
    pages = _pages(pdf)
    assert pages >= 3
    day = known.sessions[5].started_at.astimezone(dt.UTC).date()
    heading = f"Your session on {day.day} {day:%B %Y}"
    first = _page_text(pdf, 1, tmp_path)
    assert first.split("Issued 2 June 2025 ", 1)[1].startswith(heading)
    for page in range(2, pages + 1):
        body = _page_text(pdf, page, tmp_path).split("Issued 2 June 2025 ", 1)[1]
        assert body.startswith(f"{heading} (continued) "), f"page {page} begins: {body[:120]}"


LONG_NOTE = (
    "Fell from a bicycle on the way to school and hit the back of the head on the kerb; a short stay in "
    "hospital, headaches for some weeks afterwards, and a stiff neck every winter since then, worse in the cold."
)


def _note_lines(pdf: bytes, tmp_path: Path, first_word: str, last_word: str) -> list[float]:
    """The widths (points) of the lines holding the note that starts with ``first_word`` and ends with ``last_word``."""
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True).stdout.decode()
    words = [
        (float(m[0]), float(m[1]), float(m[2]), m[3])
        for m in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html)
    ]
    start = next(n for n, w in enumerate(words) if w[3] == first_word)
    end = next(n for n in range(start, len(words)) if words[n][3] == last_word)
    lines: dict[float, list[tuple[float, float]]] = {}
    for x0, y0, x1, _ in words[start : end + 1]:
        lines.setdefault(round(y0), []).append((x0, x1))
    return [max(x1 for _, x1 in line) - min(x0 for x0, _ in line) for line in lines.values()]


CONTENT_WIDTH = 595.27 - 2 * 18 * 72 / 25.4  # A4 less the margins, in points


def test_a_long_note_in_a_table_runs_the_width_of_the_page(
    known: PatientRecord, settings: ClinicSettings, tmp_path: Path
) -> None:
    assert known.intake is not None
    trauma = (TraumaEvent("fall", LONG_NOTE, None),)
    record = dataclasses.replace(known, intake=dataclasses.replace(known.intake, trauma=trauma))
    widths = _note_lines(intake_summary_pdf(record, settings, OPTIONS), tmp_path, "Fell", "cold.")
    assert len(widths) >= 2
    assert all(w > 0.8 * CONTENT_WIDTH for w in widths[:-1]), widths


def test_a_long_goal_runs_the_width_of_the_page(known: PatientRecord, settings: ClinicSettings, tmp_path: Path) -> None:
    plan = known.follow_up_plans[-1]
    goals = (Goal("Sleep through the night", LONG_NOTE, "progressing"),)
    record = dataclasses.replace(known, follow_up_plans=(dataclasses.replace(plan, goals=goals),))
    widths = _note_lines(progress_report_pdf(record, settings, OPTIONS), tmp_path, "Fell", "cold.")
    assert len(widths) >= 2
    assert all(w > 0.8 * CONTENT_WIDTH for w in widths[:-1]), widths
