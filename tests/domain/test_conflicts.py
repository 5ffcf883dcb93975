"""The rules of two offline edits of a patient's details (domain.conflicts): which side changed,
which fields differ, and what a person's choice makes of the two versions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cst_notes.domain.conflicts import Base, Outcome, differing_fields, reconcile, resolved
from cst_notes.domain.validation import ValidationError

BASE = {"full_name": "Lata Roy", "phone": "0111", "email": "", "created_at": "a", "updated_at": "b"}


def _with(**changes: str) -> dict[str, str]:
    return {**BASE, **changes}


def test_the_fields_that_differ_leave_out_each_laptops_own_times() -> None:
    assert differing_fields(_with(updated_at="later", created_at="x"), BASE) == ()
    assert differing_fields(_with(phone="0222", email="l@x.org"), BASE) == ("email", "phone")
    assert differing_fields({"phone": "1"}, {"phone": "1", "address": "here"}) == ("address",)


@pytest.mark.parametrize(
    ("mine", "theirs", "theirs_version", "outcome"),
    [
        (BASE, BASE, 1, Outcome.SAME),
        (_with(phone="0222"), _with(phone="0222", updated_at="other"), 2, Outcome.SAME),  # both made the same edit
        (_with(phone="0222"), BASE, 1, Outcome.KEEP_MINE),  # only this laptop changed
        (_with(phone="0222"), BASE, 2, Outcome.KEEP_MINE),  # the server's next version holds the same details
        (BASE, _with(phone="0333"), 2, Outcome.TAKE_THEIRS),  # only the server's changed
        (_with(phone="0222"), _with(phone="0333"), 2, Outcome.CONFLICT),
        (_with(email="l@x.org"), _with(phone="0333"), 2, Outcome.CONFLICT),  # other fields: still a person's call
    ],
)
def test_which_side_changed_since_the_version_in_common(
    mine: dict[str, str], theirs: dict[str, str], theirs_version: int, outcome: Outcome
) -> None:
    assert reconcile(Base(1, BASE), mine, theirs, theirs_version) == outcome


def test_with_no_version_in_common_any_difference_is_a_conflict() -> None:
    assert reconcile(None, BASE, _with(phone="0333"), 3) == Outcome.CONFLICT
    assert reconcile(None, BASE, _with(updated_at="z"), 3) == Outcome.SAME


def test_a_choice_of_a_whole_version_or_field_by_field() -> None:
    mine, theirs = _with(phone="0222", email="l@x.org"), _with(phone="0333", address="Kolkata")
    common = {"full_name": "Lata Roy"}
    assert resolved(mine, theirs, "mine") == {**common, "phone": "0222", "email": "l@x.org"}
    assert resolved(mine, theirs, "theirs") == {**common, "phone": "0333", "email": "", "address": "Kolkata"}
    by_field = resolved(mine, theirs, {"phone": "theirs", "email": "mine", "address": "mine"})
    assert by_field == {**common, "phone": "0333", "email": "l@x.org"}


@pytest.mark.parametrize(
    ("choice", "named"),
    [
        ("neither", ["choice"]),
        ({"phone": "theirs"}, ["choice.email"]),  # every differing field is chosen
        ({"phone": "theirs", "email": "both"}, ["choice.email"]),
        ({"phone": "mine", "email": "mine", "full_name": "theirs"}, ["choice.full_name"]),  # no field that differs
    ],
)
def test_a_choice_that_leaves_a_field_open_or_names_no_field_is_refused(choice: object, named: list[str]) -> None:
    with pytest.raises(ValidationError) as refused:
        resolved(_with(phone="0222", email="l@x.org"), _with(phone="0333"), choice)  # type: ignore[arg-type]
    assert [e.field for e in refused.value.errors] == named


_values = st.dictionaries(st.sampled_from(["phone", "email", "address", "sex"]), st.text(max_size=3), min_size=1)


@given(_values, _values, st.data())
def test_any_choice_per_field_takes_each_field_from_the_side_chosen(
    mine: dict[str, str], theirs: dict[str, str], data: st.DataObject
) -> None:
    choice = {name: data.draw(st.sampled_from(["mine", "theirs"])) for name in differing_fields(mine, theirs)}
    out = resolved(mine, theirs, choice)
    for name in set(mine) | set(theirs):
        side = theirs if choice.get(name) == "theirs" else mine
        assert out.get(name) == side.get(name)
    assert differing_fields(resolved(mine, theirs, dict.fromkeys(choice, "theirs")), theirs) == ()
