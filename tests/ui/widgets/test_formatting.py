"""How ages, dates and pain scores read on screen."""

from __future__ import annotations

import datetime as dt

import pytest

from cst_notes.ui.widgets.formatting import age_text, date_text, display_name, local_date_text, pain_text


@pytest.mark.parametrize(
    ("born", "today", "expected"),
    [
        (dt.date(1979, 4, 2), dt.date(2025, 4, 1), "45"),
        (dt.date(1979, 4, 2), dt.date(2025, 4, 2), "46"),
        (dt.date(2023, 4, 2), dt.date(2025, 4, 2), "2"),
        (dt.date(2023, 4, 3), dt.date(2025, 4, 2), "23 months"),
        (dt.date(2025, 2, 10), dt.date(2025, 3, 10), "1 month"),
        (dt.date(2025, 2, 11), dt.date(2025, 3, 10), "27 days"),
        (dt.date(2025, 3, 9), dt.date(2025, 3, 10), "1 day"),
        (dt.date(2025, 3, 10), dt.date(2025, 3, 10), "0 days"),
    ],
)
def test_age_text(born: dt.date, today: dt.date, expected: str) -> None:
    assert age_text(born, today) == expected


def test_names_dates_and_pain() -> None:
    assert display_name("प्रिया शर्मा", "Priya") == "प्रिया शर्मा (Priya)"
    assert display_name("John Smith", "John Smith") == display_name("John Smith", "") == "John Smith"
    assert date_text(None) == ""
    assert date_text(dt.date(2025, 1, 2)) == "2025-01-02"
    assert local_date_text(None) == ""
    late_utc = dt.datetime(2025, 1, 2, 23, 30, tzinfo=dt.UTC)
    assert local_date_text(late_utc) == late_utc.astimezone().date().isoformat()
    assert pain_text(None, None) == ""
    assert pain_text(7, 3) == "7 → 3"
    assert pain_text(7, None) == "7 → –"
