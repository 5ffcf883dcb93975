"""The follow-up ("due") list: who needs an appointment or a plan review soon."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cst_notes.domain import vocabulary as V
from cst_notes.domain.plan import appointment_ahead

SOON_DAYS = 7
APPOINTMENT, REVIEW, NO_RECENT_SESSION = "appointment", "review", "no_recent_session"


@dataclass(frozen=True)
class PlanStatus:
    """What the due list needs to know of one patient with a current plan."""

    patient_id: int
    full_name: str
    frequency: str  # FREQUENCIES code
    next_appointment: dt.date | None
    review_date: dt.date | None
    last_session: dt.date | None
    plan_created_on: dt.date


@dataclass(frozen=True)
class DueItem:
    patient_id: int
    full_name: str
    reason: str  # APPOINTMENT, REVIEW or NO_RECENT_SESSION
    due_on: dt.date
    overdue: bool

    def describe(self, today: dt.date) -> str:
        days = (self.due_on - today).days
        if days == 0:
            when = "today"
        elif days == 1:
            when = "tomorrow"
        elif days > 0:
            when = f"in {days} days"
        else:
            when = "1 day overdue" if days == -1 else f"{-days} days overdue"
        what = V.DUE_REASONS.label(self.reason)
        return f"{what} {self.due_on.isoformat()} ({when})"


def due_items(statuses: list[PlanStatus], today: dt.date, soon_days: int = SOON_DAYS) -> list[DueItem]:
    """Appointments and reviews overdue or within ``soon_days``; patients whose last session (or
    plan) is older than the plan's frequency. Most urgent first."""
    horizon = today + dt.timedelta(days=soon_days)
    items: list[DueItem] = []
    for s in statuses:
        for reason, day in ((APPOINTMENT, s.next_appointment), (REVIEW, s.review_date)):
            if day is not None and day <= horizon:
                items.append(DueItem(s.patient_id, s.full_name, reason, day, day < today))
        interval = V.FREQUENCIES.term(s.frequency).days if s.frequency in V.FREQUENCIES else None
        if interval is not None:
            since = max(d for d in (s.last_session, s.plan_created_on) if d is not None)
            due_on = since + dt.timedelta(days=interval)
            upcoming = appointment_ahead(s.next_appointment, today) is not None
            if due_on < today and not upcoming:
                items.append(DueItem(s.patient_id, s.full_name, NO_RECENT_SESSION, due_on, True))
    return sorted(items, key=lambda i: (i.due_on, i.full_name, i.reason))
