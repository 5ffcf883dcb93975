"""Initials for privacy mode keep whole letters in every script."""

from __future__ import annotations

import pytest

from cst_notes.domain.privacy import initials


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
