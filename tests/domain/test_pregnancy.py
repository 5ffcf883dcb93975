"""Pregnancy questions are asked only where pregnancy can apply: by the sex recorded and the age at
screening; a sex not recorded keeps them; a value recorded is always shown."""

from __future__ import annotations

import datetime as dt

import pytest

from cst_notes.domain.intake import ContraindicationEntry, Intake, pregnancy_applies, pregnancy_shown
from cst_notes.domain.patient import Patient

SCREENED = dt.date(2026, 5, 1)


@pytest.mark.parametrize(
    ("born", "sex", "applies"),
    [
        (dt.date(2019, 3, 1), "male", False),  # the 7-year-old boy
        (dt.date(2019, 3, 1), "female", False),  # a 7-year-old girl: too young
        (dt.date(2019, 3, 1), "unspecified", False),  # too young, whatever the sex
        (dt.date(2016, 5, 1), "female", True),  # 10 on the day of screening
        (dt.date(2016, 5, 2), "female", False),  # 10 the day after
        (dt.date(1990, 1, 1), "female", True),
        (dt.date(1990, 1, 1), "male", False),
        (dt.date(1990, 1, 1), "unspecified", True),  # not recorded: asked
        (dt.date(1990, 1, 1), "other", True),
        (dt.date(1990, 1, 1), "intersex", True),
    ],
)
def test_pregnancy_applies_by_sex_recorded_and_age_at_screening(born: dt.date, sex: str, applies: bool) -> None:
    assert pregnancy_applies(Patient("A Client", born, sex=sex), SCREENED) is applies


def test_the_day_of_screening_counts_and_a_recorded_value_is_always_shown() -> None:
    girl = Patient("Mita Das", dt.date(2016, 6, 1), sex="female")
    assert not pregnancy_shown(girl, Intake(dt.date(2026, 6, 2), contraindications_screened_on=SCREENED))
    assert pregnancy_shown(girl, Intake(dt.date(2026, 5, 1), contraindications_screened_on=dt.date(2026, 6, 1)))
    assert pregnancy_shown(girl, Intake(dt.date(2026, 6, 1)))  # not screened yet: the intake's day
    boy = Patient("Rohan Das", dt.date(2019, 3, 1), sex="male")
    assert not pregnancy_shown(boy, Intake(SCREENED))
    assert pregnancy_shown(boy, Intake(SCREENED, pregnant=True))
    assert pregnancy_shown(boy, Intake(SCREENED, pregnancy_note="ticked by mistake?"))
    assert pregnancy_shown(boy, Intake(SCREENED, contraindications=(ContraindicationEntry("high_risk_pregnancy"),)))
