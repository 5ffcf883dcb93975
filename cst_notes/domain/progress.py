"""Progress across sessions: one definition of every series, for the screen and the PDF."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from cst_notes.domain import vocabulary as V
from cst_notes.domain.plan import FollowUpPlan, Goal
from cst_notes.domain.session import Session

RESOLVED, PERSISTS, IMPROVED, WORSE, NEW = "resolved", "persists", "improved", "worse", "new"
# How a region changed from the first to the last session, in the words of every screen and document,
# in the order they are listed.
COURSE_WORDS = {RESOLVED: "Resolved", IMPROVED: "Eased", PERSISTS: "Persists", WORSE: "Increased", NEW: "New"}
_LEVEL = {code: n for n, code in enumerate(V.SEVERITIES.codes, start=1)}


@dataclass(frozen=True)
class SessionPoint:
    session_id: int | None
    day: dt.date
    pain_before: int | None
    pain_after: int | None
    headache_days: int | None
    sleep_quality: int | None
    stress_level: int | None
    global_impression: int | None
    mean_rate: float | None  # mean rhythm rate over the stations palpated


@dataclass(frozen=True)
class RegionCourse:
    region: str  # REGIONS code
    severities: tuple[str | None, ...]  # per session, the worst severity marked there (None: not marked)
    status: str  # RESOLVED, PERSISTS, IMPROVED, WORSE or NEW (first vs last session of the range)


def is_meaningful_pain_change(change: int) -> bool:
    """Whether a change in pain (0-10) is clinically meaningful: by the vocabulary's threshold."""
    return abs(change) >= V.CLINICALLY_MEANINGFUL_PAIN_CHANGE


def signed(change: int) -> str:
    """A change as people write it: +2, −3 (a true minus sign), 0."""
    return f"{change:+d}".replace("-", "\u2212") if change else "0"


@dataclass(frozen=True)
class PainChange:
    """Pain before the first session against pain before the latest one.

    Both are rated on arrival, so the change is the lasting one, not a session's immediate relief
    (pain after a session is shown per session, beside pain before it)."""

    first: int
    latest: int

    @property
    def change(self) -> int:
        return self.latest - self.first

    @property
    def meaningful(self) -> bool:
        return is_meaningful_pain_change(self.change)

    def sentence(self) -> str:
        """The one wording, for the Progress tab and every document alike."""
        said = f"Pain before the session was {self.first} at the first session and {self.latest} at the latest"
        if not self.change:
            return f"{said}: no change."
        threshold = V.CLINICALLY_MEANINGFUL_PAIN_CHANGE
        if self.meaningful:
            return f"{said}: a change of {signed(self.change)}, clinically meaningful ({threshold} points or more)."
        short = f"less than the {threshold} points that are clinically meaningful"
        return f"{said}: a change of {signed(self.change)}, {short}."


def pain_change(sessions: Iterable[Session]) -> PainChange | None:
    """The change in pain over ``sessions``: None unless two of them have a pain score before the session."""
    scored = [s for s in sorted(sessions, key=lambda s: s.started_at) if s.pain_before is not None]
    if len(scored) < 2 or scored[0].pain_before is None or scored[-1].pain_before is None:
        return None
    return PainChange(scored[0].pain_before, scored[-1].pain_before)


@dataclass(frozen=True)
class Progress:
    points: tuple[SessionPoint, ...]
    rates_by_station: dict[str, tuple[tuple[dt.date, float], ...]]
    regions: tuple[RegionCourse, ...]
    goals: tuple[Goal, ...]


# The outcome measures a patient rates or counts at each session, in the order every screen and
# document lists them (OUTCOME_MEASURES codes, SessionPoint fields).
PATIENT_OUTCOMES = ("sleep_quality", "stress_level", "headache_days")


@dataclass(frozen=True)
class OutcomeCourse:
    """One outcome measure over the sessions where it was recorded."""

    code: str  # an OUTCOME_MEASURES code
    values: tuple[tuple[dt.date, int], ...]  # (session day, value), oldest first

    @property
    def first(self) -> int:
        return self.values[0][1]

    @property
    def latest(self) -> int:
        return self.values[-1][1]


def outcome_courses(progress: Progress, codes: Iterable[str] = PATIENT_OUTCOMES) -> tuple[OutcomeCourse, ...]:
    """The measures in ``codes`` recorded at one session or more, each with its values session by session."""
    out = []
    for code in codes:
        values = tuple((p.day, v) for p in progress.points if (v := getattr(p, code)) is not None)
        if values:
            out.append(OutcomeCourse(code, values))
    return tuple(out)


def _worst(session: Session) -> dict[str, str]:
    worst: dict[str, str] = {}
    for r in session.restrictions:
        if r.region not in worst or _LEVEL[r.severity] > _LEVEL[worst[r.region]]:
            worst[r.region] = r.severity
    return worst


def _status(first: str | None, last: str | None) -> str:
    if last is None:
        return RESOLVED
    if first is None:
        return NEW
    if _LEVEL[last] < _LEVEL[first]:
        return IMPROVED
    return WORSE if _LEVEL[last] > _LEVEL[first] else PERSISTS


def progress(sessions: list[Session], plan: FollowUpPlan | None = None, tz: dt.tzinfo | None = None) -> Progress:
    """The series over ``sessions``; days are in ``tz`` (default: this computer's time zone)."""
    ordered = sorted(sessions, key=lambda s: s.started_at)
    points = []
    rates: dict[str, list[tuple[dt.date, float]]] = {}
    for s in ordered:
        day = s.started_at.astimezone(tz).date()
        measured = [f.rate for f in s.rhythm_findings if f.rate is not None]
        for f in s.rhythm_findings:
            if f.rate is not None:
                rates.setdefault(f.station, []).append((day, f.rate))
        points.append(
            SessionPoint(
                s.id,
                day,
                s.pain_before,
                s.pain_after,
                s.headache_days,
                s.sleep_quality,
                s.stress_level,
                s.global_impression,
                round(statistics.fmean(measured), 2) if measured else None,
            )
        )
    marks = [_worst(s) for s in ordered]
    regions = sorted({code for m in marks for code in m}, key=V.REGIONS.codes.index)
    courses = tuple(
        RegionCourse(code, tuple(m.get(code) for m in marks), _status(marks[0].get(code), marks[-1].get(code)))
        for code in regions
    )
    station_order = [c for c in V.STATIONS.codes if c in rates]
    return Progress(
        tuple(points),
        {c: tuple(rates[c]) for c in station_order},
        courses,
        plan.goals if plan else (),
    )
