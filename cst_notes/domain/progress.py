"""Progress across sessions: one definition of every series, for the screen and the PDF."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from cst_notes.domain import vocabulary as V
from cst_notes.domain.plan import FollowUpPlan, Goal
from cst_notes.domain.session import Session

RESOLVED, PERSISTS, IMPROVED, WORSE, NEW = "resolved", "persists", "improved", "worse", "new"
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


@dataclass(frozen=True)
class Progress:
    points: tuple[SessionPoint, ...]
    rates_by_station: dict[str, tuple[tuple[dt.date, float], ...]]
    regions: tuple[RegionCourse, ...]
    goals: tuple[Goal, ...]


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
