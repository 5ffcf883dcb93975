"""Contraindication screening changes in the clinic (issue 17): each a dated event never changed,
known by a uid, pushed and pulled by union; two laptops' changes of one patient's list made offline
are both kept, and every laptop folds them in the order they were recorded, so all show the same
list; a change pulled is audited; the server refuses a change or removal of one; a pulled change that
breaks a rule refuses its patient, naming it, and stores nothing."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import psycopg
import pytest

from cst_notes.domain import keys
from cst_notes.domain.dates import format_utc_millis
from cst_notes.domain.patient import Patient
from cst_notes.services import Services
from cst_notes.services.clinic import sync
from cst_notes.storage import screening as screening_storage
from tests.clinic.clinic_data import PASSWORD
from tests.clinic.conftest import EmptyDatabase

ANEURYSM, EPILEPSY, CSF_LEAK = "cerebral_aneurysm", "epilepsy", "csf_leak"
DAY = dt.date(2026, 11, 2)


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


def on_server(server: EmptyDatabase, patient_uid: str) -> list[dict[str, Any]]:
    with server.superuser() as su:
        rows = su.execute(
            "SELECT body FROM clinic.screening_entries WHERE patient_uid = %s ORDER BY body->>'recorded_at'",
            [patient_uid],
        ).fetchall()
    return [body for (body,) in rows if isinstance(body, dict)]


def history(services: Services, pid: int) -> list[tuple[str, str, str, str]]:
    """The patient's changes as the laptop holds them, in the fold's order: (uid, action, code, by)."""
    return [(c.uid, c.action, c.code, c.screened_by) for c in services.screening_changes(pid)]


def listed(services: Services, pid: int) -> list[str]:
    return [c.code for c in services.screening(pid).present]


def shared_patient(rahul: Services, meera: Services) -> tuple[int, int, str]:
    """Lata, made on Rahul's laptop with an aneurysm found after her intake, synced to Meera's."""
    pid = rahul.create_patient(Patient("Lata Roy", dt.date(1979, 2, 3))).patient_id
    rahul.add_contraindication(pid, ANEURYSM, DAY, "MRI report")
    sync(rahul, PASSWORD)
    sync(meera, PASSWORD, whole_clinic=True)
    [mpid] = meera.patient_ids()
    return pid, mpid, rahul.patient(pid).uid


def test_a_change_made_on_one_laptop_reaches_the_other_by_uid_and_is_audited_there(
    rahul: Services, meera: Services, server: EmptyDatabase
) -> None:
    pid, mpid, patient_uid = shared_patient(rahul, meera)
    [made] = rahul.screening_changes(pid)
    [pushed] = on_server(server, patient_uid)
    assert (pushed["uid"], pushed["action"], pushed["code"]) == (made.uid, "found", ANEURYSM)
    assert pushed["note"] == "MRI report"
    assert history(meera, mpid) == history(rahul, pid)
    [held] = meera.screening_changes(mpid)
    assert (held.effective_on, held.note, held.recorded_at) == (DAY, "MRI report", made.recorded_at)
    assert listed(meera, mpid) == [ANEURYSM]
    [entry] = [e for e in meera.history(mpid, limit=100) if e.entity == "screening"]
    assert entry.summary == (
        f"{DAY.isoformat()} Cerebral aneurysm: found present, by Rahul Sen (MRI report); pulled from the clinic server"
    )

    meera.resolve_contraindication(mpid, ANEURYSM, DAY + dt.timedelta(days=9), "cleared by the neurologist")
    done = sync(meera, PASSWORD)
    assert done.pushed.screening == 1
    assert ", and 1 contraindication screening changes;" in done.words()
    got = sync(rahul, PASSWORD)
    pulled = got.pulled
    assert pulled.screening == 1
    assert got.words().endswith(", and 1 contraindication screening changes")
    assert listed(rahul, pid) == []
    assert history(rahul, pid) == history(meera, mpid)
    again = sync(rahul, PASSWORD)  # nothing new either way: each change held once
    assert (again.pushed.screening, again.pulled.screening) == (0, 0)
    assert len(on_server(server, patient_uid)) == 2


def ticking(monkeypatch: pytest.MonkeyPatch, start: str, step_ms: int = 1000) -> None:
    """The laptops' clock for screening changes: ``start``, then a step later at each change."""
    first = dt.datetime.fromisoformat(start)
    times = (first + dt.timedelta(milliseconds=step_ms * n) for n in itertools.count())
    monkeypatch.setattr(screening_storage, "utc_now", lambda: format_utc_millis(next(times)))


def test_two_laptops_changes_made_offline_are_both_kept_and_every_laptop_shows_the_same_list(
    rahul: Services, meera: Services, server: EmptyDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid, mpid, patient_uid = shared_patient(rahul, meera)
    ticking(monkeypatch, "2030-01-07T10:00:00+00:00")  # after the change shared_patient recorded
    # Offline, each in turn: Rahul resolves the aneurysm and finds epilepsy; Meera, not knowing,
    # resolves the aneurysm too and finds a CSF leak.
    rahul.resolve_contraindication(pid, ANEURYSM, DAY + dt.timedelta(days=3), "cleared")
    meera.resolve_contraindication(mpid, ANEURYSM, DAY + dt.timedelta(days=4), "cleared, letter seen")
    rahul.add_contraindication(pid, EPILEPSY, DAY + dt.timedelta(days=5))
    meera.add_contraindication(mpid, CSF_LEAK, DAY + dt.timedelta(days=6))
    for services in (rahul, meera, rahul):
        assert sync(services, PASSWORD).pulled.refused == ()
    assert len(on_server(server, patient_uid)) == 5
    assert history(rahul, pid) == history(meera, mpid)  # the same five, in the same order
    assert [(a, c, by) for _, a, c, by in history(rahul, pid)] == [
        ("found", ANEURYSM, "Rahul Sen"),
        ("resolved", ANEURYSM, "Rahul Sen"),
        ("resolved", ANEURYSM, "Meera Das"),  # kept, though it no longer applies: nothing is lost
        ("found", EPILEPSY, "Rahul Sen"),
        ("found", CSF_LEAK, "Meera Das"),
    ]
    assert sorted(listed(rahul, pid)) == sorted(listed(meera, mpid)) == sorted([EPILEPSY, CSF_LEAK])


def test_the_server_refuses_a_change_or_removal_of_a_screening_change(
    rahul: Services, meera: Services, server: EmptyDatabase
) -> None:
    _, _, patient_uid = shared_patient(rahul, meera)
    with server.connect(server.owner, server.password) as owner:
        for statement in (
            'UPDATE clinic.screening_entries SET body = body || \'{"note": "never"}\'',
            "DELETE FROM clinic.screening_entries",
            "TRUNCATE clinic.screening_entries",
        ):
            refused = pytest.raises(psycopg.errors.IntegrityConstraintViolation, match="never changed or removed")
            with refused, owner.transaction():
                owner.execute(statement)
    [body] = on_server(server, patient_uid)
    assert body["note"] == "MRI report"


def test_a_pulled_change_that_breaks_a_rule_refuses_its_patient_naming_it_and_stores_nothing(
    rahul: Services, meera: Services, server: EmptyDatabase
) -> None:
    pid, mpid, patient_uid = shared_patient(rahul, meera)
    rahul.add_contraindication(pid, EPILEPSY, DAY + dt.timedelta(days=1))
    sync(rahul, PASSWORD)
    [epilepsy] = [c for c in rahul.screening_changes(pid) if c.code == EPILEPSY]
    with server.superuser() as su:  # a raw client on the server (row triggers off for it)
        su.execute("SET session_replication_role = replica")
        su.execute(
            'UPDATE clinic.screening_entries SET body = body || \'{"code": "moon_phase"}\' WHERE uid = %s',
            [epilepsy.uid],
        )
    before = (history(meera, mpid), len(meera.history(mpid, limit=1000)))
    pulled = sync(meera, PASSWORD).pulled
    [refusal] = pulled.refused
    assert refusal.startswith(f"Lata Roy (patient {patient_uid}): nothing pulled, it does not verify: ")
    assert f"screening change {epilepsy.uid}.code: 'moon_phase' is not a known contraindication code" in refusal
    assert (history(meera, mpid), len(meera.history(mpid, limit=1000))) == before


def test_a_change_recorded_here_is_ordered_after_every_change_held_whatever_the_clock(
    rahul: Services, meera: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Meera's laptop clock is a year behind Rahul's: her change, made after his was pulled, still
    comes after it in the fold on both laptops (recorded strictly after the changes held)."""
    pid, mpid, _ = shared_patient(rahul, meera)
    [his] = rahul.screening_changes(pid)
    assert his.recorded_at is not None
    monkeypatch.setattr(screening_storage, "utc_now", lambda: "2025-01-01T00:00:00.000Z")
    meera.resolve_contraindication(mpid, ANEURYSM, DAY + dt.timedelta(days=1), "cleared")
    [first, hers] = meera.screening_changes(mpid)
    assert first.uid == his.uid
    assert hers.recorded_at == his.recorded_at + dt.timedelta(milliseconds=1)
    sync(meera, PASSWORD)
    sync(rahul, PASSWORD)
    assert history(rahul, pid) == history(meera, mpid)
    assert listed(rahul, pid) == listed(meera, mpid) == []


def test_two_laptops_changes_of_one_millisecond_are_folded_in_the_same_order_on_both(
    rahul: Services, meera: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rahul and Meera each find epilepsy, offline, in the same millisecond by their clocks: both
    laptops fold the two in the same order (by uid), so both show the same entry (its note, by whom)."""
    pid, mpid, _ = shared_patient(rahul, meera)
    monkeypatch.setattr(screening_storage, "utc_now", lambda: "2030-01-07T10:00:00.000Z")
    rahul.add_contraindication(pid, EPILEPSY, DAY + dt.timedelta(days=1), "seizure last week")
    meera.add_contraindication(mpid, EPILEPSY, DAY + dt.timedelta(days=1), "told me of a seizure")
    for services in (rahul, meera, rahul):
        assert sync(services, PASSWORD).pulled.refused == ()
    assert history(rahul, pid) == history(meera, mpid)
    tied = [c for c in rahul.screening_changes(pid) if c.code == EPILEPSY]
    assert [c.uid for c in tied] == sorted(c.uid for c in tied)
    assert rahul.screening(pid).entry(EPILEPSY) == meera.screening(mpid).entry(EPILEPSY)


def test_a_change_filed_on_the_server_under_a_second_patient_refuses_that_patient_only(
    rahul: Services, meera: Services, server: EmptyDatabase
) -> None:
    """A raw client copies Lata's change, uid and all, under another patient: Meera's pull refuses
    that patient, naming the change, and stores nothing of it; Lata's list is as it was."""
    pid, mpid, _ = shared_patient(rahul, meera)
    other = rahul.create_patient(Patient("Anil Sen", dt.date(1970, 1, 1))).patient_id
    sync(rahul, PASSWORD)
    [change] = rahul.screening_changes(pid)
    with server.superuser() as su:
        su.execute(
            "INSERT INTO clinic.screening_entries (uid, patient_uid, body)"
            " SELECT gen_random_uuid(), %s, body FROM clinic.screening_entries WHERE uid = %s",
            [rahul.patient(other).uid, change.uid],
        )
    pulled = sync(meera, PASSWORD, whole_clinic=True).pulled
    [refusal] = pulled.refused
    assert refusal.startswith(f"Anil Sen (patient {rahul.patient(other).uid}): nothing pulled")
    assert f"screening change {change.uid}: is the uid of another patient's screening change on this laptop" in refusal
    assert [meera.patient(p).full_name for p in meera.patient_ids()] == ["Lata Roy"]
    assert history(meera, mpid) == history(rahul, pid)
