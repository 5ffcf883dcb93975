"""The plan in force: one definition for the chart, the plan tab, the Progress tab and the documents."""

from __future__ import annotations

import datetime as dt

from cst_notes.domain.plan import FollowUpPlan, current_plan

JAN, FEB, MAR = dt.date(2026, 1, 5), dt.date(2026, 2, 5), dt.date(2026, 3, 5)


def test_no_plans_means_no_current_plan() -> None:
    assert current_plan([]) is None


def test_the_newest_plan_not_superseded_is_current_whatever_the_order() -> None:
    old = FollowUpPlan(JAN, home_care="old", superseded_on=FEB)
    new = FollowUpPlan(FEB, home_care="new")
    assert current_plan([old, new]) is new
    assert current_plan([new, old]) is new


def test_a_superseded_plan_is_never_current_even_if_newest() -> None:
    kept = FollowUpPlan(JAN, home_care="kept")
    replaced = FollowUpPlan(MAR, home_care="replaced", superseded_on=MAR)
    assert current_plan([kept, replaced]) is kept
    assert current_plan([replaced]) is None


def test_two_current_plans_of_one_day_the_one_added_last_wins() -> None:
    first, second = FollowUpPlan(FEB, home_care="first"), FollowUpPlan(FEB, home_care="second")
    assert current_plan([first, second]) is second
