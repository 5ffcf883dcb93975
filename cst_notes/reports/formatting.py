"""Dates, ages and numbers as the documents print them in English, independent of the locale
(``reports.language.Translator`` writes them in the document's language)."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_date(d: dt.date) -> str:
    """12 March 2025"""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def short_date(d: dt.date) -> str:
    """12 Mar 2025"""
    return f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}"


def axis_date(d: dt.date) -> str:
    """12 Mar (the year is shown once, in the axis title)"""
    return f"{d.day} {MONTHS[d.month - 1][:3]}"


def local_date(moment: dt.datetime, tz: dt.tzinfo | None = None) -> dt.date:
    """The calendar date of an aware moment in ``tz`` (None: the computer's own zone)."""
    return moment.astimezone(tz).date()


def local_time(moment: dt.datetime, tz: dt.tzinfo | None = None) -> str:
    return moment.astimezone(tz).strftime("%H:%M")


def age_text(birth: dt.date, on: dt.date) -> str:
    """'34 years', or '7 months' for a baby."""
    months = age_in_months(birth, on)
    if months < 24:
        return f"{months} month{'s' if months != 1 else ''}"
    years = months // 12
    return f"{years} years"


def age_in_months(birth: dt.date, on: dt.date) -> int:
    """Whole months from ``birth`` to ``on`` (0 before birth)."""
    return max((on.year - birth.year) * 12 + on.month - birth.month - (1 if on.day < birth.day else 0), 0)


def number(value: float) -> str:
    """8.5, 9 (no trailing .0)."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"
