"""The due list and the progress series, against hand-computed cases."""

from __future__ import annotations

import datetime as dt

from cst_notes.domain import vocabulary as V
from cst_notes.domain.followup import APPOINTMENT, NO_RECENT_SESSION, REVIEW, PlanStatus, due_items
from cst_notes.domain.plan import FollowUpPlan, Goal
from cst_notes.domain.progress import IMPROVED, NEW, PERSISTS, RESOLVED, PainChange, pain_change, progress
from cst_notes.domain.session import Restriction, RhythmFinding, Session

TODAY = dt.date(2026, 11, 24)


def status(pid: int, **kw: object) -> PlanStatus:
    base: dict[str, object] = {
        "patient_id": pid,
        "full_name": f"P{pid}",
        "frequency": "weekly",
        "next_appointment": None,
        "review_date": None,
        "last_session": TODAY - dt.timedelta(days=2),
        "plan_created_on": TODAY - dt.timedelta(days=60),
    }
    base.update(kw)
    return PlanStatus(**base)  # type: ignore[arg-type]


def test_the_due_list_matches_hand_computed_cases() -> None:
    statuses = [
        status(1, next_appointment=TODAY + dt.timedelta(days=3)),  # within 7 days
        status(2, next_appointment=TODAY + dt.timedelta(days=8)),  # too far
        status(3, next_appointment=TODAY - dt.timedelta(days=1)),  # overdue
        status(4, review_date=TODAY + dt.timedelta(days=7)),  # review on the 7th day
        status(5, frequency="fortnightly", last_session=TODAY - dt.timedelta(days=20)),  # 6 days late
        status(6, frequency="monthly", last_session=TODAY - dt.timedelta(days=20)),  # not yet
        status(7, frequency="as_needed", last_session=TODAY - dt.timedelta(days=400)),  # no frequency
        status(8, frequency="weekly", last_session=None, plan_created_on=TODAY - dt.timedelta(days=10)),
        status(9, frequency="weekly", last_session=TODAY - dt.timedelta(days=30),
               next_appointment=TODAY + dt.timedelta(days=20)),  # booked: not chased
    ]  # fmt: skip
    items = due_items(statuses, TODAY)
    assert [(i.patient_id, i.reason, i.overdue) for i in items] == [
        (5, NO_RECENT_SESSION, True),  # due 2026-11-18
        (8, NO_RECENT_SESSION, True),  # due 2026-11-21
        (3, APPOINTMENT, True),  # 2026-11-23
        (1, APPOINTMENT, False),  # 2026-11-27
        (4, REVIEW, False),  # 2026-12-01
    ]
    assert items[2].describe(TODAY) == "Next appointment 2026-11-23 (1 day overdue)"
    assert items[3].describe(TODAY) == "Next appointment 2026-11-27 (in 3 days)"


def session(day: int, pain: tuple[int, int], rates: dict[str, float], marks: dict[str, str]) -> Session:
    return Session(
        dt.datetime(2026, 1, day, 9, tzinfo=dt.UTC),
        pain_before=pain[0],
        pain_after=pain[1],
        rhythm_findings=tuple(RhythmFinding(st, "both", r) for st, r in rates.items()),
        restrictions=tuple(Restriction(region, "midline", sev) for region, sev in marks.items()),
    )


def test_progress_series_and_region_courses() -> None:
    sessions = [
        session(15, (5, 3), {"occiput": 9.0}, {"spine.sacrum": "moderate", "body.knee": "mild"}),
        session(1, (7, 4), {"occiput": 7.0, "heels": 8.0},
                {"diaphragm.respiratory": "severe", "spine.sacrum": "moderate", "cranial.frontal": "mild"}),
        session(8, (6, 4), {"heels": 9.0}, {"diaphragm.respiratory": "moderate", "spine.sacrum": "severe"}),
    ]  # fmt: skip
    plan = FollowUpPlan(dt.date(2026, 1, 1), goals=(Goal("Fewer headaches", "below 4 a month", "progressing"),))
    p = progress(sessions, plan)
    assert [(pt.day.day, pt.pain_before, pt.pain_after, pt.mean_rate) for pt in p.points] == [
        (1, 7, 4, 7.5),
        (8, 6, 4, 9.0),
        (15, 5, 3, 9.0),
    ]
    assert list(p.rates_by_station) == ["heels", "occiput"]  # in vocabulary order
    assert [r for _, r in p.rates_by_station["occiput"]] == [7.0, 9.0]
    courses = {c.region: (c.severities, c.status) for c in p.regions}
    assert courses == {
        "cranial.frontal": (("mild", None, None), RESOLVED),
        "diaphragm.respiratory": (("severe", "moderate", None), RESOLVED),
        "spine.sacrum": (("moderate", "severe", "moderate"), PERSISTS),
        "body.knee": ((None, None, "mild"), NEW),
    }
    assert p.goals[0].status == "progressing"
    assert progress([], None).points == ()
    assert progress([sessions[1], session(2, (1, 1), {}, {"diaphragm.respiratory": "mild"})]).regions[1].status == (
        IMPROVED
    )


def test_every_due_reason_has_its_words_in_the_vocabulary() -> None:
    assert set(V.DUE_REASONS.codes) == {APPOINTMENT, REVIEW, NO_RECENT_SESSION}
    assert all(V.DUE_REASONS.term(code).plain for code in V.DUE_REASONS.codes)


def scored(*befores: int | None) -> list[Session]:
    """One session a week, newest last, with these pain scores before the session (after: always 0)."""
    start = dt.datetime(2026, 9, 1, 9, tzinfo=dt.UTC)
    return [Session(start + dt.timedelta(days=7 * n), pain_before=b, pain_after=0) for n, b in enumerate(befores)]


def test_the_pain_change_is_before_the_first_session_against_before_the_latest() -> None:
    # Worked by hand: the scores before are 7, -, 6; the one before the latest that was scored is 6.
    change = pain_change(list(reversed(scored(7, None, 6))))
    assert change == PainChange(7, 6)


def test_a_pain_change_below_the_threshold_says_it_is_not_clinically_meaningful() -> None:
    change = pain_change(scored(7, 6))
    assert change is not None
    assert change.sentence() == (
        "Pain before the session was 7 at the first session and 6 at the latest: a change of \u22121,"
        " less than the 2 points that are clinically meaningful."
    )


def test_no_pain_change_is_worded_as_none() -> None:
    change = pain_change(scored(5, 5))
    assert change is not None
    assert change.sentence() == "Pain before the session was 5 at the first session and 5 at the latest: no change."


def test_a_rise_of_two_points_is_clinically_meaningful() -> None:
    change = pain_change(scored(3, 5))
    assert change is not None
    assert change.sentence().endswith("a change of +2, clinically meaningful (2 points or more).")


def test_one_scored_session_has_no_pain_change() -> None:
    assert pain_change(scored(None, 4)) is None
