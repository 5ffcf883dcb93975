"""Read models: the few fields a list shows, loaded without whole records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cst_notes.domain.validation import age_on


@dataclass(frozen=True)
class PatientSummary:
    id: int
    full_name: str
    preferred_name: str
    birth_date: dt.date | None  # None only when the stored one cannot be read (``damaged``)
    guardian_name: str | None
    session_count: int
    last_session_at: dt.datetime | None
    next_appointment: dt.date | None
    absolute_contraindications: int
    damaged: bool = False  # part of the record cannot be read: opening it says what

    def age(self, today: dt.date | None = None) -> int | None:
        return None if self.birth_date is None else age_on(self.birth_date, today or dt.date.today())


@dataclass(frozen=True)
class UnsignedNote:
    """A session or intake still a draft: the "to sign" list's row."""

    patient_id: int
    full_name: str
    kind: str  # "session" or "intake" (the services' RecordKind values)
    note_id: int  # the session's or the intake's id
    day: dt.date  # the session's date on this computer's clock, or the intake's date
    started_at: dt.datetime | None = None  # a session's start

    def describe(self, today: dt.date) -> str:
        # a session's start in this computer's time, as the session editor shows it
        what = (
            f"Session of {self.started_at.astimezone():%Y-%m-%d %H:%M}" if self.started_at else f"Intake of {self.day}"
        )
        days = (today - self.day).days
        age = "today" if days <= 0 else ("1 day ago" if days == 1 else f"{days} days ago")
        return f"{what} ({age})"


def oldest_first(notes: list[UnsignedNote]) -> list[UnsignedNote]:
    """By day, then (on the same day) the intake before the sessions, sessions by their start."""
    return sorted(notes, key=lambda n: (n.day, n.started_at is not None, n.started_at or dt.datetime.min, n.note_id))


@dataclass(frozen=True)
class SignedSessionLine:
    """A signed session as the front desk sees it: when, and who signed it; no clinical text."""

    id: int
    started_at: dt.datetime
    signed_by: str
    signed_at: dt.datetime | None
