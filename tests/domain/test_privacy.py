"""Initials for privacy mode keep whole letters in every script."""

from __future__ import annotations

import datetime as dt

import pytest

from cst_notes.domain.privacy import HIDDEN, initials, shown_birth_date, shown_field, shown_line, shown_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Emma Smith", "E. S."),
        ("emma o'brien", "E. O."),
        ("Élodie Dubois", "É. D."),
        ("অমিত রায়", "অ. রা."),
        ("क्षितिज त्रिपाठी", "क्षि. त्रि."),
        ("श्रुति सिंह", "श्रु. सिं."),
        ("  ", ""),
    ],
)
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


def test_a_name_in_privacy_mode_is_its_initials_without_the_preferred_name() -> None:
    assert shown_name("Priya Sharma", "Pia", private=True) == "P. S."


def test_a_name_outside_privacy_mode_has_the_preferred_name_in_brackets() -> None:
    assert shown_name("Priya Sharma", "Pia", private=False) == "Priya Sharma (Pia)"


def test_a_birth_date_in_privacy_mode_is_its_year() -> None:
    assert shown_birth_date(dt.date(1984, 2, 11), private=True) == "1984"


def test_a_birth_date_outside_privacy_mode_is_the_whole_date() -> None:
    assert shown_birth_date(dt.date(1984, 2, 11), private=False) == "1984-02-11"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("full_name", "অমিত রায়", "অ. রা."),
        ("birth_date", "1984-02-11", "1984"),
        ("phone", "+91 98300 55555", HIDDEN),
        ("guardian", {"name": "মৌমিতা সেন"}, HIDDEN),
        ("private_notes", "SER dialogue", HIDDEN),
        ("complaint", "Headaches", "Headaches"),
        ("phone", "", ""),
    ],
)
def test_a_records_field_in_privacy_mode(name: str, value: object, expected: object) -> None:
    assert shown_field(name, value, private=True) == expected


def test_a_records_field_outside_privacy_mode_is_as_stored() -> None:
    assert shown_field("private_notes", "SER dialogue", private=False) == "SER dialogue"


def test_a_line_in_privacy_mode_has_each_known_name_as_initials() -> None:
    line = "অমিত রায়: 3 sessions, 1 plan"
    assert shown_line(line, ["অমিত রায়", ""], private=True) == "অ. রা.: 3 sessions, 1 plan"


def test_a_line_in_privacy_mode_without_a_known_name_is_initials_as_a_whole() -> None:
    assert shown_line("Selam Haile", [], private=True) == "S. H."


def test_a_line_in_privacy_mode_without_a_known_name_keeps_its_counts() -> None:
    assert shown_line("Selam Haile: 2 sessions, 1 plan", [], private=True) == "S. H.: 2 sessions, 1 plan"


def test_a_line_outside_privacy_mode_is_as_it_was() -> None:
    assert shown_line("অমিত রায়: 3 sessions", ["অমিত রায়"], private=False) == "অমিত রায়: 3 sessions"
