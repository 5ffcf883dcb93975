"""The follow-up plan: goals with measures, frequency, dates, home care and referrals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from cst_notes.domain import vocabulary as V
from cst_notes.domain.patient import new_uid
from cst_notes.domain.validation import LONG_TEXT_MAX, Checker, FieldError


@dataclass(frozen=True)
class Goal:
    description: str
    measure: str = ""  # e.g. "headache days per month below 4"
    status: str = "open"  # GOAL_STATUSES code
    status_on: dt.date | None = None  # when the status was judged; needed for met, partly met, not met

    @property
    def judged(self) -> bool:
        """Met, partly met or not met: an outcome, which carries its date."""
        return self.status in V.GOAL_OUTCOMES


@dataclass(frozen=True)
class Referral:
    target: str  # REFERRAL_TARGETS code
    note: str = ""


@dataclass(frozen=True)
class FollowUpPlan:
    created_on: dt.date
    frequency: str = "weekly"  # FREQUENCIES code
    frequency_note: str = ""  # e.g. "weekly for 6 weeks, then fortnightly"
    estimated_sessions: int | None = None
    next_appointment: dt.date | None = None
    review_date: dt.date | None = None
    home_care: str = ""
    goals: tuple[Goal, ...] = ()
    referrals: tuple[Referral, ...] = ()
    superseded_on: dt.date | None = None
    closed_on: dt.date | None = None  # the course of care ended: no plan is in force from then on
    closed_reason: str = ""  # CLOSING_REASONS code, with closed_on
    closing_note: str = ""
    uid: str = field(default_factory=new_uid)  # the same on every laptop and the clinic server
    id: int | None = None
    patient_id: int | None = None
    created_at: str = ""
    updated_at: str = ""

    @property
    def is_current(self) -> bool:
        return self.superseded_on is None and self.closed_on is None

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


def latest_plan(plans: Iterable[FollowUpPlan]) -> FollowUpPlan | None:
    """The newest plan not superseded, closed or not. Of two made the same day, one still open
    comes after a closed one (a course closed and a new plan begun that day); two alike came from
    two laptops of a clinic (each made its own offline: the app supersedes the current plan as it
    adds one), and the one with the greater uid comes last, so every laptop has the same plan in force."""
    latest = [p for p in plans if p.superseded_on is None]
    return max(latest, key=lambda p: (p.created_on, not p.is_closed, p.uid)) if latest else None


def current_plan(plans: Iterable[FollowUpPlan]) -> FollowUpPlan | None:
    """The plan in force: the newest of those not superseded (``latest_plan``), unless its course
    of care has been closed; None when there is no plan, every plan has been
    superseded, or the course was closed. The one definition: the chart, the plan tab, the
    Progress tab, the due list's query and every document follow it."""
    latest = latest_plan(plans)
    return latest if latest is not None and not latest.is_closed else None


def appointment_ahead(next_appointment: dt.date | None, today: dt.date) -> dt.date | None:
    """The next appointment if it is still ahead of ``today`` (today itself counts); None when
    none is planned or its day has passed. A past date is not anyone's "next appointment": the
    chart, the patient list, the due list and every patient document ask this one question."""
    return next_appointment if next_appointment is not None and next_appointment >= today else None


def one_current(plans: Iterable[FollowUpPlan]) -> tuple[FollowUpPlan, ...]:
    """The plans oldest first, with only the newest one current: an older plan that does not say
    when it was superseded is superseded on the day the next one was made. (The app supersedes
    as it adds a plan; an imported file, or an older export, may not say so.)"""
    ordered = sorted(plans, key=lambda p: p.created_on)
    return tuple(
        replace(p, superseded_on=ordered[n + 1].created_on) if p.is_current and n + 1 < len(ordered) else p
        for n, p in enumerate(ordered)
    )


def plan_errors(
    p: FollowUpPlan, today: dt.date | None = None, prefix: str = "", *, dated_outcomes: bool = True
) -> list[FieldError]:
    """``dated_outcomes``: a goal met, partly met or not met must say when. Files written before
    goals had dates are read with ``False``; whatever the therapist enters is checked with it."""
    today = today or dt.date.today()
    c = Checker(prefix)
    c.date("created_on", p.created_on, required=True, not_future=True, today=today)
    c.code("frequency", p.frequency, V.FREQUENCIES)
    c.text("frequency_note", p.frequency_note)
    c.number("estimated_sessions", p.estimated_sessions, 1, 200, integer=True)
    c.date("next_appointment", p.next_appointment, earliest=dt.date(1900, 1, 1))
    c.date("review_date", p.review_date, earliest=dt.date(1900, 1, 1))
    c.date("superseded_on", p.superseded_on)
    c.text("home_care", p.home_care, max_len=LONG_TEXT_MAX)
    for n, g in enumerate(p.goals):
        c.text(f"goals[{n}].description", g.description, required=True)
        c.text(f"goals[{n}].measure", g.measure)
        c.code(f"goals[{n}].status", g.status, V.GOAL_STATUSES)
        c.date(f"goals[{n}].status_on", g.status_on, not_future=True, today=today)
        if dated_outcomes and g.judged and g.status_on is None:
            c.fail(f"goals[{n}].status_on", f"is required for a goal marked {V.GOAL_STATUSES.label(g.status)}")
        if isinstance(g.status_on, dt.date) and isinstance(p.created_on, dt.date) and g.status_on < p.created_on:
            c.fail(f"goals[{n}].status_on", f"cannot be before the plan's date, {p.created_on.isoformat()}")
    for n, r in enumerate(p.referrals):
        c.code(f"referrals[{n}].target", r.target, V.REFERRAL_TARGETS)
        c.text(f"referrals[{n}].note", r.note)
    c.text("closing_note", p.closing_note, max_len=LONG_TEXT_MAX)
    if p.closed_on is None:
        if p.closed_reason:
            c.fail("closed_on", "is required when a reason for closing is given")
    else:
        c.date("closed_on", p.closed_on, not_future=True, today=today)
        c.code("closed_reason", p.closed_reason, V.CLOSING_REASONS)
        if isinstance(p.closed_on, dt.date) and isinstance(p.created_on, dt.date) and p.closed_on < p.created_on:
            c.fail("closed_on", f"cannot be before the plan's date, {p.created_on.isoformat()}")
    return c.errors


def plan_change_summary(before: FollowUpPlan, after: FollowUpPlan) -> str:
    """One line for the audit log: which goals were judged (and when), else that the plan changed."""
    was = {g.description: g for g in before.goals}
    judged = [
        f"goal '{g.description}' marked {V.GOAL_STATUSES.label(g.status)}"
        + (f" on {g.status_on.isoformat()}" if g.status_on else "")
        for g in after.goals
        if g.description in was and (was[g.description].status, was[g.description].status_on) != (g.status, g.status_on)
    ]
    return "; ".join(["follow-up plan changed", *judged])
