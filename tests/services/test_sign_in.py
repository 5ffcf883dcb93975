"""Signing in for a sitting, locking, and the roles' permissions (issue 15): the services' core
that the sign-in screen, the idle lock and every role check build on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cst_notes.domain import access, keys
from cst_notes.domain.access import Can
from cst_notes.domain.practitioner import Practitioner
from cst_notes.domain.validation import ValidationError
from cst_notes.services import Services
from cst_notes.services.base import NotAllowedError
from tests.services.test_practitioners import ANITA, RAHUL, SECRET
from tests.services.test_signing import EMMA

DESK = "Mitali Das"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@pytest.fixture
def clinic(tmp_path: Path) -> Iterator[Services]:
    services = Services.open(tmp_path / "clinic.sqlite")
    services.add_practitioner(Practitioner(ANITA, "owner", "RCST"), SECRET)
    services.sign_in(ANITA, SECRET)  # the owner adds the others
    services.add_practitioner(Practitioner(RAHUL, "therapist"), "রাহুলের গোপন কথা")
    services.add_practitioner(Practitioner(DESK, "front_desk"), "desk secret")
    services.sign_out()
    yield services
    services.close()


@pytest.fixture
def solo(tmp_path: Path) -> Iterator[Services]:
    services = Services.open(tmp_path / "solo.sqlite")
    yield services
    services.close()


def field_of(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return exc.value.errors[0].field


def test_a_practice_without_practitioners_allows_everything_and_asks_no_one(solo: Services) -> None:
    services = solo
    assert services.role() is None
    assert all(services.may(what) for what in Can)
    assert not services.sign_in_needed()


def test_a_solo_practitioner_without_a_passphrase_is_not_asked(solo: Services) -> None:
    services = solo
    services.add_practitioner(Practitioner(ANITA, "owner"), "")
    assert not services.sign_in_needed()
    services.add_practitioner(Practitioner(RAHUL, "therapist"), "")
    assert services.sign_in_needed()  # two practitioners: who is it?


def test_a_passphrase_means_signing_in(solo: Services) -> None:
    services = solo
    services.add_practitioner(Practitioner(ANITA, "owner"), SECRET)
    assert services.sign_in_needed()


def test_sign_in_names_the_audit_actor(clinic: Services) -> None:
    clinic.sign_in(RAHUL, "রাহুলের গোপন কথা")
    clinic.create_patient(EMMA)
    assert clinic.history(limit=1)[0].actor == RAHUL


def test_wrong_passphrase_names_the_field_and_changes_nothing(clinic: Services) -> None:
    clinic.sign_in(ANITA, SECRET)
    with pytest.raises(ValidationError) as exc:
        clinic.sign_in(RAHUL, "wrong")
    assert field_of(exc) == "passphrase"
    assert clinic.signed_in is not None
    assert clinic.signed_in.name == ANITA


def test_unknown_and_disabled_practitioners_cannot_sign_in(clinic: Services) -> None:
    with pytest.raises(ValidationError) as exc:
        clinic.sign_in("Nobody", "x")
    assert field_of(exc) == "name"
    clinic.sign_in(ANITA, SECRET)
    clinic.disable_practitioner(RAHUL)
    clinic.sign_out()
    with pytest.raises(ValidationError) as exc:
        clinic.sign_in(RAHUL, "রাহুলের গোপন কথা")
    assert field_of(exc) == "name"
    assert "disabled" in exc.value.errors[0].message
    assert clinic.signed_in is None


def test_an_empty_passphrase_does_not_open_a_protected_key(clinic: Services) -> None:
    with pytest.raises(ValidationError) as exc:
        clinic.sign_in(ANITA, "")
    assert field_of(exc) == "passphrase"


def test_lock_wipes_the_key_and_only_the_locker_or_the_owner_unlocks(clinic: Services) -> None:
    clinic.sign_in(RAHUL, "রাহুলের গোপন কথা")
    held = clinic._sitting_key
    assert held is not None
    assert any(held)
    clinic.lock()
    assert clinic.is_locked
    assert clinic._sitting_key is None
    assert not any(held)  # the bytes themselves are zeroed, not only dropped
    assert clinic.role() == ""  # nobody's permissions while locked
    assert not clinic.may(Can.READ_CLINICAL)
    with pytest.raises(ValidationError) as exc:
        clinic.sign_in(DESK, "desk secret")
    assert "locked by" in exc.value.errors[0].message
    clinic.sign_in(ANITA, SECRET)  # the owner may
    assert clinic.signed_in is not None
    assert clinic.signed_in.name == ANITA
    assert not clinic.is_locked


def test_roles(clinic: Services) -> None:
    clinic.sign_in(DESK, "desk secret")
    assert clinic.may(Can.PRINT_SIGNED)
    assert clinic.may(Can.EDIT_PATIENTS)
    assert not clinic.may(Can.READ_CLINICAL)
    assert not clinic.may(Can.SIGN)
    assert not clinic.may(Can.MANAGE_PRACTICE)
    with pytest.raises(NotAllowedError, match="front desk role may not read clinical notes"):
        clinic._require(Can.READ_CLINICAL)
    clinic.sign_in(RAHUL, "রাহুলের গোপন কথা")
    assert clinic.may(Can.SIGN)
    assert not clinic.may(Can.MANAGE_PRACTICE)
    clinic.sign_out()
    with pytest.raises(NotAllowedError, match="sign in first"):
        clinic._require(Can.SEE_PATIENTS)


def test_private_notes_rule() -> None:
    assert access.private_notes_readable(None, "")
    assert access.private_notes_readable("Anita Bose", "anita bose")
    assert not access.private_notes_readable("Anita Bose", "Rahul")
    assert not access.private_notes_readable("Anita Bose", "")
