"""Two laptops edit the same patient's details offline (issue 17): both versions are kept, the
conflict is shown to a person on the laptop that synced second, and nothing is overwritten on the
server; one-sided edits fast-forward without a conflict."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from cst_notes.domain import keys
from cst_notes.domain.patient import Patient
from cst_notes.domain.validation import ValidationError
from cst_notes.services import NotFoundError, Services
from cst_notes.services.clinic import pull_patients, sync
from tests.cli.test_cli import run
from tests.clinic.clinic_data import PASSWORD
from tests.clinic.conftest import EmptyDatabase
from tests.clinic.test_pull import KEY_PASSPHRASE, MEERA, RAHUL, laptop


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


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
    assert meera.conflict_count() == 1
    [conflict] = meera.open_conflicts()
    assert conflict.patient_uid == uid
    assert (conflict.mine["phone"], conflict.mine["email"]) == ("0333", "lata@example.org")
    assert (conflict.theirs["phone"], conflict.theirs["email"]) == ("0222", "")
    assert (conflict.base_version, conflict.theirs_version) == (1, 2)
    assert conflict.fields == ("email", "phone")

    sync(rahul, PASSWORD)  # Rahul's laptop synced first: it has nothing in conflict, and keeps its version
    assert rahul.conflict_count() == 0
    assert (rahul.patient(pid).phone, rahul.patient(pid).email) == ("0222", "")
    sync(meera, PASSWORD)  # syncing again opens no second conflict, and writes nothing over the server's
    assert meera.conflict_count() == 1
    assert on_server(server, uid)[0]["phone"] == "0222"


def in_conflict(rahul: Services, meera: Services, **rahuls: Any) -> tuple[int, int, str]:
    """Lata's details edited on both laptops while apart (Rahul's phone, and ``rahuls`` other
    changes; Meera's phone and e-mail); Rahul synced first, so Meera's laptop holds the conflict:
    (Rahul's id, Meera's id, uid)."""
    pid, mpid, uid = shared_patient(rahul, meera)
    edit(rahul, pid, phone="0222", **rahuls)
    edit(meera, mpid, phone="0333", email="lata@example.org")
    sync(rahul, PASSWORD)
    sync(meera, PASSWORD)
    return pid, mpid, uid


def details(services: Services, patient_id: int) -> tuple[str, str, str]:
    p = services.patient(patient_id)
    return p.phone, p.email, p.address


def audited(services: Services, patient_id: int, prefix: str) -> list[tuple[str, str]]:
    """The laptop's own audit entries of the patient whose summary starts with ``prefix``: (actor, summary)."""
    return [(e.actor, e.summary) for e in services.history(patient_id, limit=1000) if e.summary.startswith(prefix)]


@pytest.mark.parametrize(
    ("choice", "expected", "server_version", "words"),
    [
        ("mine", ("0333", "lata@example.org", ""), 3, "kept this laptop's version"),
        ("theirs", ("0222", "", ""), 2, "took the clinic server's version"),
        (
            {"phone": "theirs", "email": "mine"},
            ("0222", "lata@example.org", ""),
            3,
            "chose field by field: email mine, phone theirs",
        ),
    ],
)
def test_a_conflict_resolved_converges_on_every_laptop_and_the_server_and_is_audited(
    rahul: Services,
    meera: Services,
    server: EmptyDatabase,
    choice: Any,
    expected: tuple[str, str, str],
    server_version: int,
    words: str,
) -> None:
    pid, mpid, uid = in_conflict(rahul, meera)
    [conflict] = meera.open_conflicts()

    changed = meera.resolve_conflict(conflict.id, choice)
    assert changed.patient_ids == (mpid,)
    assert (meera.conflict_count(), meera.open_conflicts()) == (0, [])
    assert details(meera, mpid) == expected
    summary = f"resolved a conflict of details: {words}"
    assert audited(meera, mpid, "resolved a conflict") == [(MEERA, summary)]

    sync(meera, PASSWORD)  # the resolution is pushed: the server's next version, written from the one it resolved
    sync(rahul, PASSWORD)
    sync(meera, PASSWORD)
    stored, version = on_server(server, uid)
    assert (stored["phone"], stored["email"], stored["address"], version) == (*expected, server_version)
    assert details(rahul, pid) == expected
    assert details(meera, mpid) == expected
    assert rahul.conflict_count() == meera.conflict_count() == 0
    # The resolution is in the audit on the server, and on Rahul's laptop among the others' entries.
    with server.superuser() as su:
        on_the_server = su.execute(
            "SELECT actor, summary FROM clinic.audit_entries WHERE patient_uid = %s AND summary LIKE 'resolved%%'",
            [uid],
        ).fetchall()
    assert on_the_server == [(MEERA, summary)]
    seen_by_rahul = [(e.entry["actor"], e.entry["summary"]) for e in rahul.clinic_audit_entries(pid)]
    assert (MEERA, summary) in seen_by_rahul

    sync(rahul, PASSWORD)  # and a further sync changes nothing
    assert on_server(server, uid)[1] == server_version
    assert rahul.conflict_count() == meera.conflict_count() == 0


def test_one_sided_edits_are_taken_or_pushed_and_never_make_a_conflict(
    rahul: Services, meera: Services, server: EmptyDatabase
) -> None:
    pid, mpid, uid = shared_patient(rahul, meera)
    edit(rahul, pid, phone="0222")
    assert sync(rahul, PASSWORD).pushed.details == 1
    assert on_server(server, uid)[1] == 2
    done = sync(meera, PASSWORD)  # only the server's changed: Meera's laptop takes them
    assert (done.pulled.details, done.pulled.conflicts) == (1, 0)
    assert details(meera, mpid) == ("0222", "", "")
    assert audited(meera, mpid, "details pulled") == [
        (MEERA, "details pulled from the clinic server (changed there only)")
    ]

    edit(meera, mpid, address="Kolkata")
    pulled = pull_patients(meera, PASSWORD)  # only this laptop changed: a pull keeps them ...
    assert (pulled.details, pulled.conflicts) == (0, 0)
    assert details(meera, mpid) == ("0222", "", "Kolkata")
    assert on_server(server, uid)[1] == 2
    sync(meera, PASSWORD)  # ... and the next push writes them
    stored, version = on_server(server, uid)
    assert (stored["phone"], stored["address"], version) == ("0222", "Kolkata", 3)
    sync(rahul, PASSWORD)
    assert details(rahul, pid) == ("0222", "", "Kolkata")
    edit(rahul, pid, email="lata@example.org")  # and back again, many times: no conflict ever
    sync(rahul, PASSWORD)
    sync(meera, PASSWORD)
    assert details(meera, mpid) == ("0222", "lata@example.org", "Kolkata")
    assert on_server(server, uid)[1] == 4
    assert rahul.conflict_count() == meera.conflict_count() == 0
    assert rahul.sync_status().conflicts == meera.sync_status().conflicts == 0


def test_clinic_status_says_how_many_conflicts_are_open(
    tmp_path: Path, server: EmptyDatabase, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rahul = laptop(tmp_path / "rahul.sqlite", server, RAHUL, "rahul")
    meera = laptop(tmp_path / "meera.sqlite", server, MEERA, "meera")
    try:
        pid, mpid, _ = shared_patient(rahul, meera)
        edit(rahul, pid, phone="0222")
        edit(meera, mpid, phone="0333")
        sync(rahul, PASSWORD)
        sync(meera, PASSWORD)
    finally:
        rahul.close()
        meera.close()
    monkeypatch.setenv("CST_NOTES_CLINIC_PASSWORD", PASSWORD)
    monkeypatch.setenv("CST_NOTES_USER", MEERA)
    monkeypatch.setenv("CST_NOTES_PASSPHRASE", KEY_PASSPHRASE)
    line = r"last synced: \d{4}-\d\d-\d\d \d\d:\d\d UTC; conflicts open: %d; changes waiting: %d; the server answers\n"
    code, out, err = run(capsys, "clinic", "status", "--db", str(tmp_path / "meera.sqlite"))
    assert (code, err) == (0, "")
    assert re.fullmatch(line % (1, 0), out), out

    meera = Services.open(tmp_path / "meera.sqlite")
    try:
        meera.sign_in(MEERA, KEY_PASSPHRASE)
        [conflict] = meera.open_conflicts()
        meera.resolve_conflict(conflict.id, "mine")
    finally:
        meera.close()
    code, out, err = run(capsys, "clinic", "status", "--db", str(tmp_path / "meera.sqlite"))
    assert (code, err) == (0, "")
    assert re.fullmatch(line % (0, 1), out), out  # the resolution waits to be pushed


def test_three_laptops_each_that_synced_after_the_first_holds_a_conflict_until_all_converge(
    rahul: Services, meera: Services, server: EmptyDatabase, tmp_path: Path
) -> None:
    ana = laptop(tmp_path / "ana.sqlite", server, "Ana Owner", "ana")
    try:
        pid, mpid, uid = shared_patient(rahul, meera)
        sync(ana, PASSWORD, whole_clinic=True)
        [apid] = ana.patient_ids()
        edit(rahul, pid, phone="0222")
        edit(meera, mpid, phone="0333")
        edit(ana, apid, email="ana@example.org")
        for services in (rahul, meera, ana):
            sync(services, PASSWORD)
        assert (rahul.conflict_count(), meera.conflict_count(), ana.conflict_count()) == (0, 1, 1)
        assert on_server(server, uid)[0]["phone"] == "0222"

        [mine] = meera.open_conflicts()
        meera.resolve_conflict(mine.id, "mine")  # Meera's phone number wins: the server's version 3
        sync(meera, PASSWORD)
        assert on_server(server, uid)[1] == 3
        [anas] = ana.open_conflicts()
        assert anas.fields == ("email", "phone")
        ana.resolve_conflict(anas.id, {"email": "mine", "phone": "theirs"})  # from version 2: the server moved on
        sync(ana, PASSWORD)
        assert on_server(server, uid)[0]["phone"] == "0333"  # Ana's resolution did not overwrite Meera's
        [again] = ana.open_conflicts()  # a new conflict, from the version her resolution started from
        assert (again.base_version, again.theirs_version, again.fields) == (2, 3, ("email", "phone"))
        ana.resolve_conflict(again.id, {"email": "mine", "phone": "theirs"})
        for services in (ana, rahul, meera, ana):
            sync(services, PASSWORD)
        stored, version = on_server(server, uid)
        assert (stored["phone"], stored["email"], version) == ("0333", "ana@example.org", 4)
        for services, patient_id in ((rahul, pid), (meera, mpid), (ana, apid)):
            assert details(services, patient_id) == ("0333", "ana@example.org", "")
            assert services.conflict_count() == 0
    finally:
        ana.close()


def test_a_push_the_laptop_did_not_hear_back_from_opens_no_conflict(
    rahul: Services, meera: Services, server: EmptyDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server took the details and the connection was lost before the laptop kept the version:
    the next sync finds the server holding this laptop's own details, and goes on from there."""
    pid, _, uid = shared_patient(rahul, meera)
    edit(rahul, pid, phone="0222")
    with monkeypatch.context() as m:
        m.setattr(Services, "record_pushed_details", lambda *a, **k: None)
        sync(rahul, PASSWORD)
    assert on_server(server, uid)[1] == 2
    done = sync(rahul, PASSWORD)
    assert (done.pushed.details, done.pulled.conflicts, rahul.conflict_count()) == (0, 0, 0)
    edit(rahul, pid, phone="0444")
    sync(rahul, PASSWORD)
    stored, version = on_server(server, uid)
    assert (stored["phone"], version) == ("0444", 3)


def test_a_choice_that_leaves_a_field_open_changes_nothing_and_a_conflict_is_resolved_once(
    rahul: Services, meera: Services
) -> None:
    _pid, mpid, _uid = in_conflict(rahul, meera)
    [conflict] = meera.open_conflicts()
    audit_before = len(meera.history(mpid, limit=1000))
    with pytest.raises(ValidationError, match=r"choice\.email: must be chosen"):
        meera.resolve_conflict(conflict.id, {"phone": "theirs"})
    with pytest.raises(ValidationError, match=r"choice: is 'mine', 'theirs'"):
        meera.resolve_conflict(conflict.id, "both")
    assert meera.open_conflicts() == [conflict]
    assert details(meera, mpid) == ("0333", "lata@example.org", "")
    assert len(meera.history(mpid, limit=1000)) == audit_before

    meera.resolve_conflict(conflict.id, "theirs")
    with pytest.raises(NotFoundError, match=f"there is no open conflict {conflict.id}"):
        meera.resolve_conflict(conflict.id, "mine")
    assert details(meera, mpid) == ("0222", "", "")


def test_an_edit_made_while_a_conflict_is_open_is_not_lost_by_its_resolution(
    rahul: Services, meera: Services, server: EmptyDatabase
) -> None:
    pid, mpid, uid = shared_patient(rahul, meera)
    edit(rahul, pid, phone="0222")
    edit(meera, mpid, phone="0333")
    sync(rahul, PASSWORD)
    sync(meera, PASSWORD)
    [conflict] = meera.open_conflicts()
    edit(meera, mpid, address="Kolkata")  # while it is open: nothing of hers is pushed over the server's
    sync(meera, PASSWORD)
    assert on_server(server, uid)[0]["address"] == ""
    with pytest.raises(ValidationError, match=r"choice\.address: must be chosen"):
        meera.resolve_conflict(conflict.id, {"phone": "theirs"})
    meera.resolve_conflict(conflict.id, {"phone": "theirs", "address": "mine"})
    sync(meera, PASSWORD)
    sync(rahul, PASSWORD)
    for services, patient_id in ((rahul, pid), (meera, mpid)):
        assert details(services, patient_id) == ("0222", "", "Kolkata")
    stored, version = on_server(server, uid)
    assert (stored["phone"], stored["address"], version) == ("0222", "Kolkata", 3)


def test_an_edit_kept_here_while_the_server_moved_on_to_the_same_details_is_pushed_by_a_later_sync(
    rahul: Services, meera: Services, server: EmptyDatabase
) -> None:
    """Meera changed Lata's phone and changed it back (the server's version moved, its details did
    not) while Rahul changed her address offline. Rahul's push is refused (the server moved on), and
    his pull finds only his side changed: his edit is kept, and must reach the server at a later
    sync, although nothing changed on his laptop since."""
    pid, mpid, uid = shared_patient(rahul, meera)
    edit(rahul, pid, address="12 Lake Road")
    edit(meera, mpid, phone="0999")
    sync(meera, PASSWORD)
    edit(meera, mpid, phone="0111")
    sync(meera, PASSWORD)
    assert on_server(server, uid) == (on_server(server, uid)[0], 3)

    sync(rahul, PASSWORD)  # pushed from version 1: refused; pulled version 3, the same details: his kept
    assert rahul.conflict_count() == 0
    assert on_server(server, uid)[0]["address"] == ""
    sync(rahul, PASSWORD)
    details, version = on_server(server, uid)
    assert (details["address"], details["phone"], version) == ("12 Lake Road", "0111", 4)
    sync(meera, PASSWORD)
    assert (meera.patient(mpid).address, meera.conflict_count()) == ("12 Lake Road", 0)


def test_an_edit_undone_after_a_push_the_laptop_did_not_hear_back_from_is_not_overwritten_by_the_push(
    rahul: Services, meera: Services, server: EmptyDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rahul changed Lata's phone; the server took it and the connection was lost before his laptop
    kept the version. He changed it back. The server's version is his own push, not another's edit:
    his later value stays, and reaches the server and Meera."""
    pid, mpid, uid = shared_patient(rahul, meera)
    edit(rahul, pid, phone="0222")

    def lost(*_: object, **__: object) -> None:
        raise ConnectionResetError("the lid closed")

    with monkeypatch.context() as m:
        m.setattr(Services, "record_pushed_details", lost)
        with pytest.raises(ConnectionResetError):
            sync(rahul, PASSWORD)  # stopped there: no pull follows
    assert on_server(server, uid) == (on_server(server, uid)[0], 2)
    edit(rahul, pid, phone="0111")  # back as it was

    done = sync(rahul, PASSWORD)
    assert (done.pulled.details, done.pulled.conflicts) == (0, 0)
    assert rahul.patient(pid).phone == "0111"
    sync(rahul, PASSWORD)
    assert on_server(server, uid) == (on_server(server, uid)[0], 3)
    assert on_server(server, uid)[0]["phone"] == "0111"
    sync(meera, PASSWORD)
    assert meera.patient(mpid).phone == "0111"
