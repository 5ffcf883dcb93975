"""A pull of the practitioner's own patients (issue 17: which records a laptop holds is "the
practitioner's own patients, or the whole clinic"): besides the patients the laptop holds, those
with a signed session she treated or signed on the server. So a new, empty laptop of hers gets her
patients and nobody else's, and a patient she charts on one laptop reaches her other at its next
sync; a colleague's patient never does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from cst_notes.domain.patient import Patient
from cst_notes.domain.session import Session
from cst_notes.services import Services
from cst_notes.services.clinic import join_clinic, sync
from cst_notes.storage.server import pull
from tests.cli.test_cli import run
from tests.clinic.clinic_data import PASSWORD
from tests.clinic.conftest import EmptyDatabase
from tests.clinic.test_pull import KEY_PASSPHRASE, MEERA, NOW, RAHUL, signed_sessions
from tests.conftest import NO_RECORDS_REASON


@pytest.fixture
def new_laptop(tmp_path: Path, server: EmptyDatabase) -> Iterator[Services]:
    """An empty laptop joined to the clinic as Rahul (nobody set up on it yet)."""
    services = Services.open(tmp_path / "new-laptop.sqlite")
    join_clinic(services, server.server.url(f"{server.name}_rahul", server.name), PASSWORD)
    yield services
    services.close()


def uids(services: Services) -> set[str]:
    return {services.patient(pid).uid for pid in services.patient_ids()}


def charted(services: Services, who: str, name: str, days: int = 0) -> str:
    """A new patient with one session ``who`` treated and signed on this laptop; its uid."""
    pid = services.create_patient(Patient(name, dt.date(1981, 5, 6))).patient_id
    session = Session(NOW + dt.timedelta(days=days), therapist=who, subjective="neck stiff", pain_before=4)
    session = replace(session, contraindication_override_reason=NO_RECORDS_REASON)
    services.sign_session(services.add_session(pid, session).session_id, who, passphrase=KEY_PASSPHRASE)
    return services.patient(pid).uid


def test_a_new_laptop_of_rahul_gets_his_patients_and_not_meeras(
    rahul: Services, meera: Services, new_laptop: Services
) -> None:
    his = {charted(rahul, RAHUL, name, days=n) for n, name in enumerate(("Lata Roy", "Anil Roy"))}
    sync(rahul, PASSWORD)
    charted(meera, MEERA, "Mina Das")
    meera.create_patient(Patient("Tara Das", dt.date(1990, 1, 2)))  # details alone, no session
    sync(meera, PASSWORD)

    synced = sync(new_laptop, PASSWORD)
    assert (synced.pulled.patients, synced.pulled.refused) == (2, ())
    assert uids(new_laptop) == his
    assert set(signed_sessions(new_laptop)) == set(signed_sessions(rahul))


def test_a_patient_rahul_charts_on_one_laptop_reaches_his_other_at_its_next_sync(
    rahul: Services, meera: Services, new_laptop: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    charted(rahul, RAHUL, "Lata Roy")
    sync(rahul, PASSWORD)
    sync(new_laptop, PASSWORD)
    sync(meera, PASSWORD, whole_clinic=True)
    assert len(new_laptop.patient_ids()) == 1

    later = charted(rahul, RAHUL, "Anil Roy", days=3)
    sync(rahul, PASSWORD)
    asked: list[list[str] | None] = []
    patients_of = pull.patients_of

    def counted(conn: object, practitioner: str, among: list[str] | None = None) -> set[str]:
        asked.append(None if among is None else sorted(among))
        return patients_of(conn, practitioner, among)  # type: ignore[arg-type]

    monkeypatch.setattr(pull, "patients_of", counted)
    synced = sync(new_laptop, PASSWORD)
    assert later in uids(new_laptop)
    assert synced.pulled.patients == 1
    assert asked == [[later]]  # only the changed patients it lacks are asked about, not the whole server

    asked.clear()
    assert sync(new_laptop, PASSWORD).pulled.total == 0
    assert asked == []  # nothing changed that it lacks: the server is not asked


def test_a_colleagues_new_patient_does_not_reach_rahuls_laptop_but_her_session_on_his_patient_does(
    rahul: Services, meera: Services, new_laptop: Services
) -> None:
    lata = charted(rahul, RAHUL, "Lata Roy")
    sync(rahul, PASSWORD)
    sync(new_laptop, PASSWORD)
    sync(meera, PASSWORD, whole_clinic=True)
    before = set(signed_sessions(new_laptop))

    meeras = charted(meera, MEERA, "Mina Das")  # charted by Meera: hers, not his
    [lata_at_meeras] = [pid for pid in meera.patient_ids() if meera.patient(pid).uid == lata]
    session = Session(NOW + dt.timedelta(days=9), therapist=MEERA, subjective="seen while Rahul was away")
    session = replace(session, contraindication_override_reason=NO_RECORDS_REASON)
    meera.sign_session(meera.add_session(lata_at_meeras, session).session_id, MEERA, passphrase=KEY_PASSPHRASE)
    sync(meera, PASSWORD)

    sync(new_laptop, PASSWORD)
    assert meeras not in uids(new_laptop)
    assert uids(new_laptop) == {lata}
    assert len(set(signed_sessions(new_laptop)) - before) == 1


def test_the_laptops_holding_is_set_at_join_changed_by_clinic_holds_and_followed_by_sync(
    rahul: Services,
    meera: Services,
    server: EmptyDatabase,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    charted(rahul, RAHUL, "Lata Roy")
    sync(rahul, PASSWORD)
    meeras = charted(meera, MEERA, "Mina Das")
    sync(meera, PASSWORD)
    db = str(tmp_path / "desk.sqlite")
    Services.open(db).close()
    monkeypatch.setenv("CST_NOTES_CLINIC_PASSWORD", PASSWORD)
    url = server.server.url(f"{server.name}_rahul", server.name)

    code, out, err = run(capsys, "clinic", "join", "--db", db, "--server", url, "--whole-clinic")
    assert (code, err) == (0, "")
    assert out.rstrip().endswith("; this laptop holds every patient of the clinic you may see")
    code, out, err = run(capsys, "sync", "--db", db)
    assert (code, err) == (0, "")
    assert ", and 2 patients" in out  # the whole clinic: Meera's patient too

    code, out, err = run(capsys, "clinic", "holds", "--db", db, "own")
    assert (code, err, out) == (
        0,
        "",
        "this laptop holds your own patients (a signed session you treated or signed, or added here)\n",
    )
    code, out, _ = run(capsys, "clinic", "holds", "--db", db, "own")
    assert out.startswith("already: this laptop holds your own patients")
    services = Services.open(db)
    try:
        link = services.clinic_link()
        assert link is not None
        assert link.whole_clinic is False
        [entry] = [e for e in services.history(None, limit=50) if "holds" in e.summary]
        assert entry.summary == "holds the practitioner's own patients"
        held = uids(services)
    finally:
        services.close()
    assert meeras in held  # a patient held stays held

    later = charted(meera, MEERA, "Tara Das", days=4)
    sync(meera, PASSWORD)
    code, out, err = run(capsys, "sync", "--db", db)
    assert (code, err) == (0, "")
    services = Services.open(db)
    try:
        assert later not in uids(services)  # her own patients now: Meera's new one is not taken
    finally:
        services.close()
    code, out, err = run(capsys, "sync", "--db", db, "--whole-clinic")  # this time, the whole clinic
    services = Services.open(db)
    try:
        assert later in uids(services)
    finally:
        services.close()


def test_clinic_holds_on_a_laptop_that_joined_no_clinic_says_so_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "solo.sqlite")
    services = Services.open(db)
    before = len(services.history(None, limit=1000))
    services.close()
    code, out, err = run(capsys, "clinic", "holds", "--db", db, "whole-clinic")
    assert (code, out) == (1, "")
    assert "this laptop has joined no clinic" in err
    services = Services.open(db)
    try:
        assert services.clinic_link() is None
        assert len(services.history(None, limit=1000)) == before
    finally:
        services.close()
