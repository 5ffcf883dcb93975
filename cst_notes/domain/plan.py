"""The follow-up plan: goals with measures, frequency, dates, home care and referrals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from cst_notes.domain import vocabulary as V
from cst_notes.domain.validation import LONG_TEXT_MAX, Checker, FieldError


@dataclass(frozen=True)
class Goal:
    description: str
    measure: str = ""  # e.g. "headache days per month below 4"
    status: str = "open"  # GOAL_STATUSES code


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
    id: int | None = None
    patient_id: int | None = None
    created_at: str = ""
    updated_at: str = ""

    @property
    def is_current(self) -> bool:
        return self.superseded_on is None


def current_plan(plans: Iterable[FollowUpPlan]) -> FollowUpPlan | None:
    """The plan in force: the newest of those not superseded (on the same day, the one added last);
    None when there is no plan or every plan has been superseded. The one definition: the chart,
    the plan tab, the Progress tab and every document use it."""
    current = [(p.created_on, n, p) for n, p in enumerate(plans) if p.is_current]
    return max(current, key=lambda item: item[:2])[2] if current else None


def one_current(plans: Iterable[FollowUpPlan]) -> tuple[FollowUpPlan, ...]:
    """The plans oldest first, with only the newest one current: an older plan that does not say
    when it was superseded is superseded on the day the next one was made. (The app supersedes
    as it adds a plan; an imported file, or an older export, may not say so.)"""
    ordered = sorted(plans, key=lambda p: p.created_on)
    return tuple(
        replace(p, superseded_on=ordered[n + 1].created_on) if p.superseded_on is None and n + 1 < len(ordered) else p
        for n, p in enumerate(ordered)
    )


def plan_errors(p: FollowUpPlan, today: dt.date | None = None, prefix: str = "") -> list[FieldError]:
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
    for n, r in enumerate(p.referrals):
        c.code(f"referrals[{n}].target", r.target, V.REFERRAL_TARGETS)
        c.text(f"referrals[{n}].note", r.note)
    return c.errors
