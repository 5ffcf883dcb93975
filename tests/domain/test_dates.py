"""The one rule that reads typed dates: the date typed, or a reason; never another date, never an exception."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cst_notes.domain import vocabulary as V
from cst_notes.domain.dates import DAY_FIRST, MONTH_FIRST, DateReading, read_date, read_date_time, read_time

TODAY = dt.date(2026, 6, 15)
days = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31))
orders = st.sampled_from(V.DATE_ORDERS.codes)
separators = st.sampled_from("-/.")


def usual(day: dt.date, order: str, sep: str, pad: bool = True) -> str:
    d, m = (f"{day.day:02d}", f"{day.month:02d}") if pad else (str(day.day), str(day.month))
    first, second = (m, d) if order == MONTH_FIRST else (d, m)
    return f"{first}{sep}{second}{sep}{day.year}"


@pytest.mark.parametrize(
    ("typed", "order", "expected"),
    [
        ("1985-03-14", DAY_FIRST, dt.date(1985, 3, 14)),  # the review's dates, as typed
        ("2019-05-20", DAY_FIRST, dt.date(2019, 5, 20)),
        ("2010-06-15", DAY_FIRST, dt.date(2010, 6, 15)),
        ("2024-03-10", DAY_FIRST, dt.date(2024, 3, 10)),
        ("2026-12-10", MONTH_FIRST, dt.date(2026, 12, 10)),
        ("14/03/1985", DAY_FIRST, dt.date(1985, 3, 14)),
        ("14-03-1985", DAY_FIRST, dt.date(1985, 3, 14)),
        ("14.03.1985", DAY_FIRST, dt.date(1985, 3, 14)),
        ("03/04/2020", DAY_FIRST, dt.date(2020, 4, 3)),
        ("03/04/2020", MONTH_FIRST, dt.date(2020, 3, 4)),
        ("3/4/2020", DAY_FIRST, dt.date(2020, 4, 3)),
        (" 1985-3-4 ", DAY_FIRST, dt.date(1985, 3, 4)),
        ("19850314", DAY_FIRST, dt.date(1985, 3, 14)),
        ("14031985", DAY_FIRST, dt.date(1985, 3, 14)),  # the other reading (year 1403, month 19) is no date
        ("১৪/০৩/১৯৮৫", DAY_FIRST, dt.date(1985, 3, 14)),  # Bengali digits
    ],
)
def test_what_people_type_is_the_date_they_meant(typed: str, order: str, expected: dt.date) -> None:
    assert read_date(typed, order) == read_date(typed, order, latest=dt.date(2030, 1, 1)) == DateReading(expected)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("31/02/2020", "is not a real date (31/02/2020: February 2020 has 29 days)"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("14/13/2020", "there is no month 13"),
        ("3/4/85", "needs the year in full"),
        ("85-03-14", "needs the year in full"),
        ("1985-03", "is incomplete"),
        ("14/03", "is incomplete"),
        ("1985", "is incomplete"),
        ("14/03-1985", "is not a date"),
        ("yesterday", "is not a date"),
        ("10111213", "could be read as 1011-12-13 or 1213-11-10"),
    ],
)
def test_impossible_partial_and_ambiguous_dates_get_a_reason_not_a_guess(typed: str, says: str) -> None:
    reading = read_date(typed, DAY_FIRST)
    assert reading.date is None
    assert says in reading.problem
    assert "14/03/1985 or 1985-03-14" in reading.problem or "real date" in reading.problem


def test_the_range_is_a_reason_too() -> None:
    assert read_date("2026-06-16", latest=TODAY, today=TODAY).problem == "cannot be in the future (2026-06-16)"
    assert read_date("16/06/2026", latest=TODAY, today=TODAY).date is None
    assert read_date("2031-01-01", latest=dt.date(2030, 12, 31), today=TODAY).problem.startswith("cannot be after")
    assert read_date("1899-12-31", earliest=dt.date(1900, 1, 1)).problem.startswith("cannot be before 1900-01-01")
    assert read_date("2026-06-15", latest=TODAY, today=TODAY).date == TODAY
    assert read_date("   ") == read_date("")
    assert read_date("").date is None
    assert not read_date("").problem


@given(days, orders)
def test_iso_round_trips(day: dt.date, order: str) -> None:
    assert read_date(day.isoformat(), order).date == day


@given(days, orders, separators, st.booleans())
def test_the_usual_order_round_trips(day: dt.date, order: str, sep: str, pad: bool) -> None:
    assert read_date(usual(day, order, sep, pad), order).date == day


@given(days, orders)
def test_eight_digits_are_the_date_or_a_reason_never_another_date(day: dt.date, order: str) -> None:
    for typed in (day.strftime("%Y%m%d"), usual(day, order, "")):
        reading = read_date(typed, order)
        assert reading.date == day or (reading.date is None and "could be read as" in reading.problem)


@given(st.text(max_size=30), orders)
def test_any_text_gives_a_date_or_a_reason_never_an_exception(text: str, order: str) -> None:
    reading = read_date(text, order, earliest=dt.date(1900, 1, 1), latest=TODAY, today=TODAY)
    assert (reading.date is None) == bool(reading.problem) or not text.strip()
    if reading.date is not None:
        assert dt.date(1900, 1, 1) <= reading.date <= TODAY
    assert read_date_time(text, order).value is None or not read_date_time(text, order).problem


@given(st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(9999, 12, 31)), orders)
def test_a_date_and_time_round_trips(when: dt.datetime, order: str) -> None:
    when = when.replace(second=0, microsecond=0)
    assert read_date_time(f"{when:%Y-%m-%d %H:%M}", order).value == when
    assert read_date_time(f"{usual(when.date(), order, '/')} {when:%H:%M}", order).value == when


def test_times_are_24_hour_and_real() -> None:
    assert read_time("9:05") == (dt.time(9, 5), "")
    assert read_time("1030") == (dt.time(10, 30), "")
    assert read_time("24:00")[0] is None
    assert read_time("10:30pm")[0] is None
    assert read_date_time("2026-03-14").problem == "needs a time after the date (e.g. 14:30)"
    assert "February 2026 has 28 days" in read_date_time("2026-02-30 10:00").problem
