"""Two laptops edit the same patient's details offline (issue 17): both versions are kept, the
conflict is shown to a person on the laptop that synced second, and nothing is overwritten on the
server; one-sided edits fast-forward without a conflict."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cst_notes.domain import keys
from cst_notes.domain.patient import Patient
from cst_notes.services import Services
from cst_notes.services.clinic import sync
from tests.clinic.clinic_data import PASSWORD
from tests.clinic.conftest import EmptyDatabase
from tests.clinic.test_pull import MEERA, RAHUL, laptop


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@pytest.fixture
def rahul(tmp_path: Path, server: EmptyDatabase) -> Iterator[Services]:
    services = laptop(tmp_path / "rahul.sqlite", server, RAHUL, "rahul")
    yield services
    services.close()


@pytest.fixture
def meera(tmp_path: Path, server: EmptyDatabase) -> Iterator[Services]:
    services = laptop(tmp_path / "meera.sqlite", server, MEERA, "meera")
    yield services
    services.close()


def on_server(server: EmptyDatabase, uid: str) -> tuple[dict[str, Any], int]:
    """The patient's details and version as the server holds them."""
    with server.superuser() as su:
        row = su.execute("SELECT details, version FROM clinic.patients WHERE uid = %s", [uid]).fetchone()
    assert row is not None
    details, version = row
    assert isinstance(details, dict)
    assert isinstance(version, int)
    return details, version


def edit(services: Services, patient_id: int, **changes: Any) -> None:
    services.update_patient(dataclasses.replace(services.patient(patient_id), **changes))


def shared_patient(rahul: Services, meera: Services) -> tuple[int, int, str]:
    """Lata, made on Rahul's laptop, synced to the server and to Meera's laptop: (Rahul's id, Meera's id, uid)."""
    pid = rahul.create_patient(Patient("Lata Roy", dt.date(1979, 2, 3), phone="0111")).patient_id
    sync(rahul, PASSWORD)
    sync(meera, PASSWORD, whole_clinic=True)
    [mpid] = meera.patient_ids()
    return pid, mpid, rahul.patient(pid).uid


@pytest.mark.xfail(
    strict=True, reason="today a changed patient's details never reach the server: each laptop keeps its own, unseen"
)
def test_two_offline_edits_of_the_same_patient_are_both_kept(
    rahul: Services, meera: Services, server: EmptyDatabase
) -> None:
    pid, mpid, uid = shared_patient(rahul, meera)
    edit(rahul, pid, phone="0222")
    edit(meera, mpid, phone="0333", email="lata@example.org")
    sync(rahul, PASSWORD)  # first: Rahul's edit is the server's next version
    sync(meera, PASSWORD)  # second: the server moved on since Meera's laptop last synced

    details, version = on_server(server, uid)
    assert (details["phone"], details["email"], version) == ("0222", "", 2)  # Meera's did not overwrite it
    assert (meera.patient(mpid).phone, meera.patient(mpid).email) == ("0333", "lata@example.org")  # nor the reverse
