"""How dates, ages and times read on screen. Labels for codes come from the vocabulary."""

from __future__ import annotations

import datetime as dt

from cst_notes.domain.validation import age_on


def age_text(birth_date: dt.date, today: dt.date) -> str:
    """'42', or '7 months' for a baby: craniosacral therapists see many infants."""
    years = age_on(birth_date, today)
    if years >= 2:
        return str(years)
    months = (today.year - birth_date.year) * 12 + today.month - birth_date.month - (today.day < birth_date.day)
    if months < 1:
        days = (today - birth_date).days
        return f"{days} day" if days == 1 else f"{days} days"
    return f"{months} month" if months == 1 else f"{months} months"


def date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def local_date_text(value: dt.datetime | None) -> str:
    """The calendar day of an aware time, in this computer's time zone."""
    return value.astimezone().date().isoformat() if value else ""


def local_time_text(value: dt.datetime) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def display_name(full_name: str, preferred_name: str) -> str:
    """The full name, plus the preferred name in brackets when it differs."""
    if preferred_name and preferred_name != full_name:
        return f"{full_name} ({preferred_name})"
    return full_name


def pain_text(before: int | None, after: int | None) -> str:
    if before is None and after is None:
        return ""
    return f"{'–' if before is None else before} → {'–' if after is None else after}"
