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


def test_two_current_plans_of_one_day_from_two_laptops_the_greater_uid_wins_in_any_order() -> None:
    """Two laptops each made a new plan offline the same day: every laptop holds both, in its own
    order, and all must show the same one in force."""
    a = FollowUpPlan(FEB, home_care="Rahul's", uid="1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed")
    b = FollowUpPlan(FEB, home_care="Meera's", uid="6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b")
    assert current_plan([a, b]) is b
    assert current_plan([b, a]) is b


def test_a_course_closed_and_a_new_plan_begun_the_same_day_the_new_plan_is_in_force() -> None:
    closed = FollowUpPlan(
        FEB, home_care="closed", closed_on=FEB, closed_reason="goals_met", uid="f" * 8 + "-0000-4000-8000-" + "0" * 12
    )
    begun = FollowUpPlan(FEB, home_care="begun", uid="0" * 8 + "-0000-4000-8000-" + "0" * 12)
    assert current_plan([closed, begun]) is begun
    assert current_plan([begun, closed]) is begun
