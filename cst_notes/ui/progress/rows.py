"""The rows of the Progress tab's tables, from the domain's progress series: the outcome measures,
the rhythm rate at each station and the areas of restriction, one column per session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from cst_notes import reports
from cst_notes.domain import vocabulary as V
from cst_notes.domain.progress import (
    COURSE_WORDS,
    IMPROVED,
    NEW,
    PERSISTS,
    RESOLVED,
    WORSE,
    Progress,
    RegionCourse,
    SessionPoint,
)
from cst_notes.ui.progress.session_table import Cell, TableRow

GOOD, BAD = "#2E7D7A", "#A23B3B"  # text colours: better, worse
CHANGE_COLOURS = {RESOLVED: GOOD, IMPROVED: GOOD, PERSISTS: "#37474F", WORSE: BAD, NEW: BAD}
SEVERITY_MARKS = {"mild": "+", "moderate": "++", "severe": "+++"}
SEVERITY_COLOURS = {"mild": "#FBE7C6", "moderate": "#F2B880", "severe": "#DE7F5F"}
_SHADES = ("#D3EDE6", "#E9F4EE", "#F7F5EC", "#F8E3D8", "#F0C6B6")  # better ... worse


@dataclass(frozen=True)
class Measure:
    label: str
    tooltip: str
    value: Callable[[SessionPoint], int | None]
    badness: Callable[[int], float]  # 0 best ... 1 worst
    words: Callable[[int], str] = str  # a value in the change column: "Much improved → Very much improved"
    mark: Callable[[int], str] = str  # a value in a session's narrow cell
    value_tooltip: Callable[[int], str] = lambda _value: ""


def _impression(code: int) -> str:
    """The patient's words for a point of the scale ("Much improved"), never its number."""
    return V.GLOBAL_IMPRESSIONS.label(str(code))


def _impression_mark(code: int) -> str:
    """A session's narrow cell: +++ very much improved … 0 no change … --- very much worse (words in its tooltip)."""
    steps = 4 - code  # the scale's middle, 4, is no change
    return "+" * steps if steps > 0 else "-" * -steps if steps < 0 else "0"


MEASURES = (
    Measure(
        V.OUTCOME_MEASURES.label("sleep_quality"),
        V.OUTCOME_MEASURES.term("sleep_quality").plain,
        lambda p: p.sleep_quality,
        lambda v: (10 - v) / 10,
    ),
    Measure(
        V.OUTCOME_MEASURES.label("stress_level"),
        V.OUTCOME_MEASURES.term("stress_level").plain,
        lambda p: p.stress_level,
        lambda v: v / 10,
    ),
    Measure(
        V.OUTCOME_MEASURES.label("headache_days"),
        V.OUTCOME_MEASURES.term("headache_days").plain,
        lambda p: p.headache_days,
        lambda v: v / 20,
    ),
    Measure(
        "Global impression",
        "the patient's impression of change: +++ very much improved … 0 no change … --- very much worse",
        lambda p: p.global_impression,
        lambda v: (v - 1) / 6,
        _impression,
        _impression_mark,
        _impression,
    ),
)


def shade(badness: float) -> str:
    """A background from teal (better) through cream to rose (worse)."""
    return _SHADES[min(max(round(badness * (len(_SHADES) - 1)), 0), len(_SHADES) - 1)]


def _change(first: float, last: float, worse: bool, text: str) -> Cell:
    if first == last:
        return Cell(text)
    return Cell(text, foreground=BAD if worse else GOOD, bold=True)


def outcome_rows(progress: Progress) -> list[TableRow]:
    rows = []
    for m in MEASURES:
        values = [m.value(p) for p in progress.points]
        known = [v for v in values if v is not None]
        if not known:
            continue
        first, last = known[0], known[-1]
        text = f"{m.words(first)} → {m.words(last)}"
        change = _change(m.badness(first), m.badness(last), m.badness(last) > m.badness(first), text)
        cells = tuple(Cell() if v is None else Cell(m.mark(v), shade(m.badness(v)), m.value_tooltip(v)) for v in values)
        rows.append(TableRow(m.label, change, cells, m.tooltip))
    return rows


def station_rows(progress: Progress) -> list[TableRow]:
    """The rhythm rate at each listening station, session by session (a rate outside the usual range in amber)."""
    days = [p.day for p in progress.points]
    rows = []
    for station, measured in progress.rates_by_station.items():
        by_day: dict[dt.date, float] = {}
        for day, rate in measured:
            by_day.setdefault(day, rate)
        cells = []
        for day in days:
            felt = by_day.get(day)
            if felt is None:
                cells.append(Cell())
            elif V.RATE_USUAL_MIN <= felt <= V.RATE_USUAL_MAX:
                cells.append(Cell(reports.number(felt)))
            else:
                cells.append(Cell(reports.number(felt), "#FFF1D6", "outside the usual range"))
        first, last = measured[0][1], measured[-1][1]
        rows.append(
            TableRow(V.STATIONS.label(station), Cell(f"{reports.number(first)} → {reports.number(last)}"), tuple(cells))
        )
    return rows


def restriction_rows(progress: Progress) -> list[TableRow]:
    """One row per region, resolved first and new last: the worst severity marked at each session."""
    courses = sorted(progress.regions, key=lambda c: list(COURSE_WORDS).index(c.status))
    return [_region_row(c, len(progress.points) > 1) for c in courses]


def _region_row(course: RegionCourse, compared: bool) -> TableRow:
    cells = tuple(
        Cell() if s is None else Cell(SEVERITY_MARKS[s], SEVERITY_COLOURS[s], V.SEVERITIES.label(s))
        for s in course.severities
    )
    word = COURSE_WORDS[course.status] if compared else "—"
    change = Cell(word, foreground=CHANGE_COLOURS[course.status] if compared else "", bold=compared)
    return TableRow(V.REGIONS.label(course.region), change, cells)
