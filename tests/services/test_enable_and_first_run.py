"""Enabling a disabled practitioner again (audited), and when a database is a new practice that the
app offers its first-run set-up for (issue 15)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from cst_notes.domain import keys
from cst_notes.domain.patient import Patient
from cst_notes.domain.practitioner import Practitioner
from cst_notes.domain.settings import ClinicSettings
from cst_notes.services import NotFoundError, Services
from tests.services.test_practitioners import ANITA, RAHUL, SECRET


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Services]:
    services = Services.open(tmp_path / "new.sqlite")
    yield services
    services.close()


def test_a_disabled_practitioner_enabled_again_signs_in_with_their_key(fresh: Services) -> None:
    services = fresh
    services.add_practitioner(Practitioner(ANITA, "owner"), SECRET)
    services.sign_in(ANITA, SECRET)  # the owner adds the other
    services.add_practitioner(Practitioner(RAHUL, "therapist"), "রাহুলের")
    key_before = services.practitioner(RAHUL).key_id
    services.disable_practitioner(RAHUL)
    services.enable_practitioner(RAHUL)
    again = services.practitioner(RAHUL)
    assert again.active
    assert again.key_id == key_before
    assert services.sign_in(RAHUL, "রাহুলের").name == RAHUL
    [entry] = [e for e in services.history() if "enabled again" in e.summary]
    assert entry.actor == ANITA
    assert entry.summary == f"practitioner {RAHUL} enabled again"


def test_enabling_no_one_is_not_found(fresh: Services) -> None:
    with pytest.raises(NotFoundError):
        fresh.enable_practitioner(RAHUL)


def test_a_new_database_is_a_first_run(fresh: Services) -> None:
    assert fresh.first_run()


@pytest.mark.parametrize(
    "what",
    ["practitioner", "patient", "settings"],
)
def test_a_database_with_anything_in_it_is_not_a_first_run(fresh: Services, what: str) -> None:
    if what == "practitioner":
        fresh.add_practitioner(Practitioner(ANITA, "owner"))
    elif what == "patient":
        fresh.create_patient(Patient("অমিত রায়", dt.date(1979, 4, 2)))
    else:
        fresh.save_settings(ClinicSettings(clinic_name="Kolkata CST"))
    assert not fresh.first_run()
