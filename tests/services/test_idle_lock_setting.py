"""The idle time before the screen locks (issue 15): a clinic setting of 1 to 120 minutes, 10 by
default; anything else is refused naming the field, by the services and by the database itself."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cst_notes.domain.settings import IDLE_LOCK_MINUTES, ClinicSettings, settings_errors
from cst_notes.domain.validation import ValidationError
from cst_notes.services import Services


def test_a_new_database_locks_after_ten_minutes(services: Services) -> None:
    assert services.settings().idle_lock_minutes == 10 == IDLE_LOCK_MINUTES


@pytest.mark.parametrize("minutes", [1, 45, 120])
def test_minutes_in_range_are_kept(services: Services, minutes: int) -> None:
    services.save_settings(replace(services.settings(), idle_lock_minutes=minutes))
    assert services.settings().idle_lock_minutes == minutes


@pytest.mark.parametrize("minutes", [0, -5, 121, 10_000])
def test_minutes_out_of_range_are_refused_and_nothing_changes(services: Services, minutes: int) -> None:
    with pytest.raises(ValidationError) as refused:
        services.save_settings(replace(services.settings(), idle_lock_minutes=minutes, clinic_name="Kolkata CST"))
    assert [e.field for e in refused.value.errors] == ["idle_lock_minutes"]
    assert services.settings() == ClinicSettings()


@given(st.integers())
def test_the_rule_is_one_to_one_hundred_and_twenty(minutes: int) -> None:
    fields = [e.field for e in settings_errors(ClinicSettings(idle_lock_minutes=minutes))]
    assert fields == ([] if 1 <= minutes <= 120 else ["idle_lock_minutes"])


def test_the_database_refuses_an_idle_time_out_of_range(services: Services) -> None:
    services.save_settings(ClinicSettings(clinic_name="Kolkata CST"))
    db = services._db  # a raw write past the services, as a sqlite3 client would
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE clinic_settings SET idle_lock_minutes = 0 WHERE id = 1")
