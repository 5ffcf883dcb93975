"""Retention dates and the backup rotation."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from cst_notes.domain.retention import backups_to_keep, retention_date


def test_an_adult_record_is_kept_ten_years_after_the_last_visit() -> None:
    assert retention_date(dt.date(1980, 5, 1), dt.date(2026, 3, 2)) == dt.date(2036, 3, 2)
    assert retention_date(dt.date(1980, 5, 1), None) is None


def test_a_childs_record_is_kept_ten_years_after_turning_eighteen() -> None:
    # seen at 4, turns 18 in 2038: kept until 2048, not 2036
    assert retention_date(dt.date(2020, 6, 1), dt.date(2024, 6, 1)) == dt.date(2048, 6, 1)
    # seen at 17, turns 18 months later: the later of the two dates
    assert retention_date(dt.date(2008, 1, 1), dt.date(2025, 12, 1)) == dt.date(2036, 1, 1)


def test_the_period_is_configurable_and_leap_days_are_handled() -> None:
    assert retention_date(dt.date(1980, 1, 1), dt.date(2024, 2, 29), years=7) == dt.date(2031, 2, 28)


NOW = dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC)


def test_the_rotation_keeps_7_daily_4_weekly_12_monthly() -> None:
    hourly_for_two_years = [NOW - dt.timedelta(hours=h) for h in range(0, 2 * 365 * 24, 6)]
    kept = backups_to_keep(hourly_for_two_years, NOW)
    days = {t.date() for t in kept}
    assert all((NOW - dt.timedelta(days=d)).date() in days for d in range(7))
    assert len({(t.year, t.month) for t in kept}) == 12
    assert NOW in kept
    assert len(kept) <= 7 + 4 + 12


@given(st.lists(st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2026, 11, 24)), max_size=60))
def test_the_rotation_always_keeps_the_newest_and_never_invents(stamps: list[dt.datetime]) -> None:
    aware = [s.replace(tzinfo=dt.UTC) for s in stamps]
    kept = backups_to_keep(aware, NOW)
    assert kept <= set(aware)
    if aware:
        assert max(aware) in kept
