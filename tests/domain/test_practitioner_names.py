"""How a practitioner's name and credentials are written: their own credentials, each once."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cst_notes.domain.practitioner import Practitioner, credentials_of, practitioner_written, written_name
from cst_notes.domain.settings import ClinicSettings

PRACTICE = (Practitioner("Anita Bose", credentials="RCST"), Practitioner("Rahul Mehta", credentials=""))
RAHULS = ClinicSettings(therapist_name="Rahul Mehta", credentials="BCST")


@pytest.mark.parametrize(
    ("name", "credentials", "written"),
    [
        ("Anita Bose", "RCST", "Anita Bose, RCST"),
        ("Anita Bose", "", "Anita Bose"),
        ("Anita Bose, RCST", "RCST", "Anita Bose, RCST"),
        ("Anita Bose RCST", "rcst", "Anita Bose RCST"),
        ("Anita Bose", "RCST, RCST", "Anita Bose, RCST"),
        ("Anita Bose", "RCST; BCST, R.C.S.T.", "Anita Bose, RCST, BCST"),
        ("Dr. Meera Sen-Gupta, R.C.S.T.", "RCST, BCST", "Dr. Meera Sen-Gupta, R.C.S.T., BCST"),
        ("অনিতা বসু", "RCST", "অনিতা বসু, RCST"),
    ],
)
def test_written_name(name: str, credentials: str, written: str) -> None:
    assert written_name(name, credentials) == written


@pytest.mark.parametrize(
    ("name", "credentials"),
    [
        ("Anita Bose", "RCST"),  # her own record
        ("Rahul Mehta", "BCST"),  # the settings' therapist, whose record has none
        ("Ravi Kumar", ""),  # neither a record with credentials nor the settings' therapist
        ("", ""),
    ],
)
def test_credentials_are_the_practitioner_s_own(name: str, credentials: str) -> None:
    assert credentials_of(name, PRACTICE, RAHULS) == credentials


def test_a_practitioner_s_own_credentials_win_over_the_settings() -> None:
    practice = (Practitioner("Rahul Mehta", credentials="CST-T"),)
    assert practitioner_written("Rahul Mehta", practice, RAHULS) == "Rahul Mehta, CST-T"


CREDENTIAL = st.sampled_from(["RCST", "BCST", "Dip. CST", "CST-T", "rcst", "R.C.S.T."])


@given(st.lists(CREDENTIAL, max_size=6), st.sampled_from([", ", "; ", ","]))
def test_no_credential_is_written_twice(credentials: list[str], separator: str) -> None:
    written = written_name("Anita Bose", separator.join(credentials))
    parts = written.split(", ")[1:]
    keys = ["".join(ch for ch in p.casefold() if ch.isalnum()) for p in parts]
    assert len(keys) == len(set(keys)), written
    given_keys = {"".join(ch for ch in c.casefold() if ch.isalnum()) for c in credentials}
    assert set(keys) == given_keys  # each one there, once
