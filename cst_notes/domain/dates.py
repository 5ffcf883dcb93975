"""Reading a date (or a date and time) as a person types it, or saying why it is not one.

One rule for every date field. Accepted: ISO with dashes (1985-03-14), the clinic's usual order
with / - or . (14/03/1985 day first, 03/14/1985 month first: the ``date_order`` setting), and
eight digits (19850314, or 14031985 when only one reading is a real date). Nothing is guessed:
an impossible date (31/02/2020), a two-digit year, a partial date or eight digits that read two
ways give a reason instead, phrased to follow the field's name ("Birth date <reason>.").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

DAY_FIRST, MONTH_FIRST = "day_first", "month_first"  # vocabulary DATE_ORDERS
DEFAULT_DATE_ORDER = DAY_FIRST  # India and the UK write the day first

_SEP = r"[-/.]"
_ISO = re.compile(rf"(\d{{4}})({_SEP})(\d{{1,2}})\2(\d{{1,2}})")
_USUAL = re.compile(rf"(\d{{1,2}})({_SEP})(\d{{1,2}})\2(\d{{4}})")
_TWO_DIGIT_YEAR = re.compile(rf"\d{{1,2}}({_SEP})\d{{1,2}}\1\d{{2}}|\d{{2}}({_SEP})\d{{1,2}}\2\d{{1,2}}|\d{{6}}")
_PARTIAL = re.compile(rf"\d{{4}}{_SEP}\d{{1,2}}{_SEP}?|\d{{1,2}}{_SEP}\d{{1,2}}{_SEP}?|\d{{1,2}}{_SEP}\d{{4}}|\d{{4}}")
_TIME = re.compile(r"(\d{1,2})[:.]?(\d{2})")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip


@dataclass(frozen=True)
class DateReading:
    """A date read from text; ``date`` is None when the text is empty or has a ``problem``."""

    date: dt.date | None = None
    problem: str = ""  # '' when the text is a date (or empty)


def written(day: dt.date, order: str = DEFAULT_DATE_ORDER) -> str:
    """``day`` in the clinic's usual order: 14/03/1985 (day first) or 03/14/1985 (month first)."""
    return f"{day:%m/%d/%Y}" if order == MONTH_FIRST else f"{day:%d/%m/%Y}"


def example(order: str = DEFAULT_DATE_ORDER) -> str:
    """How to write 14 March 1985, in the clinic's usual order and in ISO."""
    usual = "03/14/1985" if order == MONTH_FIRST else "14/03/1985"
    return f"{usual} or 1985-03-14"


def read_date(
    text: str,
    order: str = DEFAULT_DATE_ORDER,
    *,
    earliest: dt.date | None = None,
    latest: dt.date | None = None,
    today: dt.date | None = None,
) -> DateReading:
    """The date ``text`` says, within ``earliest``..``latest``; or why it is not one.

    ``today``: when ``latest`` is today, a later date "cannot be in the future".
    """
    typed = " ".join(text.split())
    if not typed:
        return DateReading()
    day, problem = _read(typed, order)
    if day is None:
        return DateReading(problem=problem)
    if latest is not None and day > latest:
        if latest == (today or dt.date.today()):
            return DateReading(problem=f"cannot be in the future ({day.isoformat()})")
        return DateReading(problem=f"cannot be after {latest.isoformat()} (got {day.isoformat()})")
    if earliest is not None and day < earliest:
        return DateReading(problem=f"cannot be before {earliest.isoformat()} (got {day.isoformat()})")
    return DateReading(day)


def _read(typed: str, order: str) -> tuple[dt.date | None, str]:
    how = f"write it as {example(order)}"
    if match := _ISO.fullmatch(typed):
        year, _, month, day = match.groups()
        return _real(typed, int(year), int(month), int(day))
    if match := _USUAL.fullmatch(typed):
        first, _, second, year = match.groups()
        day, month = (second, first) if order == MONTH_FIRST else (first, second)
        return _real(typed, int(year), int(month), int(day))
    if typed.isdecimal() and len(typed) == 8:
        return _eight_digits(typed, order, how)
    if _TWO_DIGIT_YEAR.fullmatch(typed):
        return None, f"needs the year in full ({how})"
    if _PARTIAL.fullmatch(typed):
        return None, f"is incomplete: give the day, the month and the year ({how})"
    return None, f"is not a date ({how})"


def _eight_digits(typed: str, order: str, how: str) -> tuple[dt.date | None, str]:
    """19850314 (year first), or the usual order without separators: whichever is a real date."""
    usual = (typed[2:4], typed[0:2]) if order == MONTH_FIRST else (typed[0:2], typed[2:4])
    readings = {
        day
        for year, month, day_of_month in ((typed[0:4], typed[4:6], typed[6:8]), (typed[4:8], usual[1], usual[0]))
        if int(year) >= 1000 and (day := _real(typed, int(year), int(month), int(day_of_month))[0]) is not None
    }
    if len(readings) == 1:
        return readings.pop(), ""
    if readings:
        dates = " or ".join(sorted(d.isoformat() for d in readings))
        return None, f"could be read as {dates}: {how}"
    return None, f"is not a date ({how})"


def _real(typed: str, year: int, month: int, day: int) -> tuple[dt.date | None, str]:
    if not 1 <= month <= 12:
        return None, f"is not a real date ({typed}: there is no month {month})"
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None, f"is not a real date ({typed}: there is no year {year})"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return None, f"is not a real date ({typed}: {_MONTHS[month - 1]} {year} has {days} days)"
    return dt.date(year, month, day), ""


def read_time(text: str) -> tuple[dt.time | None, str]:
    """A 24-hour time: 10:30, 9.05 or 1030; or why not."""
    typed = text.strip()
    match = _TIME.fullmatch(typed)
    if match is None:
        return None, f"needs a 24-hour time after the date (e.g. 14:30; got {typed or 'none'})"
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None, f"is not a real time ({typed})"
    return dt.time(hour, minute), ""


@dataclass(frozen=True)
class DateTimeReading:
    """A local date and time read from text; ``value`` is None when empty or with a ``problem``."""

    value: dt.datetime | None = None  # naive: the computer's local time
    problem: str = ""


def read_date_time(
    text: str,
    order: str = DEFAULT_DATE_ORDER,
    *,
    earliest: dt.date | None = None,
    latest: dt.date | None = None,
) -> DateTimeReading:
    """A date and a time: "2026-03-14 10:30", "14/03/2026 10:30"; the date read by ``read_date``."""
    parts = " ".join(text.replace("T", " ").split()).rsplit(" ", 1)
    if not parts[0]:
        return DateTimeReading()
    if len(parts) == 1:
        date = read_date(parts[0], order, earliest=earliest, latest=latest)
        if date.problem:
            return DateTimeReading(problem=date.problem)
        return DateTimeReading(problem="needs a time after the date (e.g. 14:30)")
    date = read_date(parts[0], order, earliest=earliest, latest=latest)
    if date.problem or date.date is None:
        return DateTimeReading(problem=date.problem)
    time, problem = read_time(parts[1])
    if time is None:
        return DateTimeReading(problem=problem)
    return DateTimeReading(dt.datetime.combine(date.date, time))


_STRICT_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_STRICT_UTC = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?Z")


def iso_date(text: str) -> dt.date | None:
    """A date written exactly YYYY-MM-DD (as files and the database hold them), or None.

    Stricter than ``date.fromisoformat``, which also reads week dates (1980-W01-1) and
    basic forms (19800101)."""
    match = _STRICT_DATE.fullmatch(text) if text.isascii() else None
    if match is None:
        return None
    return _real(text, *(int(g) for g in match.groups()))[0]


def format_utc_millis(value: dt.datetime) -> str:
    """A UTC time to the millisecond (2026-03-14T10:30:00.123Z), a form ``utc_time`` reads: how a
    laptop records the time of a screening change, which orders a patient's changes on every laptop."""
    return value.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def utc_time(text: str) -> dt.datetime | None:
    """A UTC time as CST Notes writes it: YYYY-MM-DDTHH:MM:SSZ, optionally with a fraction of a
    second (2026-03-14T10:30:00.123Z); None for anything else."""
    match = _STRICT_UTC.fullmatch(text) if text.isascii() else None
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction = match.groups()
    day_of = _real(text, int(year), int(month), int(day))[0]
    if day_of is None or int(hour) > 23 or int(minute) > 59 or int(second) > 59:
        return None
    micro = int((fraction or "0").ljust(6, "0"))
    return dt.datetime.combine(day_of, dt.time(int(hour), int(minute), int(second), micro), dt.UTC)
