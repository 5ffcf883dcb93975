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
    birth_date: dt.date
    guardian_name: str | None
    session_count: int
    last_session_at: dt.datetime | None
    next_appointment: dt.date | None
    absolute_contraindications: int

    def age(self, today: dt.date | None = None) -> int:
        return age_on(self.birth_date, today or dt.date.today())
