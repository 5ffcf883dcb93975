"""How long records are kept, and which backups a rotation keeps. Nothing is ever deleted here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from cst_notes.domain import vocabulary as V


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def retention_date(birth_date: dt.date, last_visit: dt.date | None, years: int = V.RETENTION_YEARS) -> dt.date | None:
    """``years`` after the last visit; for someone seen as a minor, at least ``years`` after turning 18."""
    if last_visit is None:
        return None
    after_visit = _add_years(last_visit, years)
    adult_on = _add_years(birth_date, V.ADULT_AGE)
    if last_visit < adult_on:
        return max(after_visit, _add_years(adult_on, years))
    return after_visit


def backups_to_keep(
    stamps: Iterable[dt.datetime], now: dt.datetime, *, daily: int = 7, weekly: int = 4, monthly: int = 12
) -> set[dt.datetime]:
    """The backups a rotation keeps: the newest of each of the last ``daily`` days, ``weekly``
    ISO weeks and ``monthly`` months (the newest backup is always kept)."""
    ordered = sorted(stamps, reverse=True)
    keep: set[dt.datetime] = set(ordered[:1])
    for limit, key in (
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    ):
        seen: list[object] = []
        for stamp in ordered:
            if stamp > now:
                continue
            period = key(stamp)
            if period not in seen:
                if len(seen) == limit:
                    break
                seen.append(period)
                keep.add(stamp)
    return keep
