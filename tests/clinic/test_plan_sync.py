"""Follow-up plans in the clinic (issue 17): a plan made on one laptop reaches the others by uid; a
one-sided change is taken; two offline changes of the same plan are both kept, as a conflict for a
person, and nothing is overwritten on the server; a resolution converges everywhere and is audited."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import psycopg
import pytest

from cst_notes.domain import keys
from cst_notes.domain.patient import Patient
from cst_notes.domain.plan import FollowUpPlan, Goal, current_plan
from cst_notes.services import Services
from cst_notes.services.clinic import sync
from tests.clinic.clinic_data import PASSWORD
from tests.clinic.conftest import EmptyDatabase
from tests.clinic.test_pull import signed_patient

TODAY = dt.date.today()
PLAN = FollowUpPlan(
    created_on=TODAY - dt.timedelta(days=20),
    frequency="weekly",
    frequency_note="weekly for six weeks",
    estimated_sessions=6,
    home_care="Walk daily.",
    goals=(Goal("Fewer headaches", "headache days per month below 4"),),
)


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


def plans_on_server(server: EmptyDatabase, patient_uid: str) -> dict[str, tuple[dict[str, Any], int]]:
    """The patient's plans as the server holds them: uid -> (body, version)."""
    with server.superuser() as su:
        rows = su.execute(
            "SELECT uid::text, body, version FROM clinic.plans WHERE patient_uid = %s", [patient_uid]
        ).fetchall()
    return {
        str(uid): (body, version) for uid, body, version in rows if isinstance(body, dict) and isinstance(version, int)
    }


def shared_plan(rahul: Services, meera: Services) -> tuple[int, int, str, str]:
    """Lata with a plan, made on Rahul's laptop and synced to the server and Meera's laptop:
    (Rahul's patient id, Meera's, the patient's uid, the plan's uid)."""
    pid = rahul.create_patient(Patient("Lata Roy", dt.date(1979, 2, 3))).patient_id
    rahul.add_plan(pid, PLAN)
    sync(rahul, PASSWORD)
    sync(meera, PASSWORD, whole_clinic=True)
    [mpid] = meera.patient_ids()
    [plan] = rahul.plans(pid)
    return pid, mpid, rahul.patient(pid).uid, plan.uid


def edit_plan(services: Services, patient_id: int, **changes: Any) -> None:
    services.update_plan(patient_id, dataclasses.replace(services.plans(patient_id)[-1], **changes))


def test_a_plan_made_on_one_laptop_reaches_the_server_and_the_other_laptop_by_its_uid(
    rahul: Services, meera: Services, server: EmptyDatabase
) -> None:
    _pid, mpid, uid, plan_uid = shared_plan(rahul, meera)
    body, version = plans_on_server(server, uid)[plan_uid]
    assert (body["home_care"], body["estimated_sessions"], version) == ("Walk daily.", 6, 1)
    [theirs] = meera.plans(mpid)
    assert theirs.uid == plan_uid
    assert (theirs.home_care, theirs.frequency_note, theirs.estimated_sessions) == (
        "Walk daily.",
        "weekly for six weeks",
        6,
    )
    assert [g.description for g in theirs.goals] == ["Fewer headaches"]
    assert theirs.created_on == PLAN.created_on
    assert theirs.is_current
    assert "follow-up plan pulled from the clinic server" in [e.summary for e in meera.history(mpid, limit=100)]
    again = sync(meera, PASSWORD)  # nothing more to take, and nothing to push back
    assert (again.pulled.plans, again.pushed.plans, meera.conflict_count()) == (0, 0, 0)
    assert len(meera.plans(mpid)) == 1


def test_a_plan_changed_on_one_side_only_is_taken_by_the_other_without_a_conflict(
    rahul: Services, meera: Services, server: EmptyDatabase
) -> None:
    pid, mpid, uid, plan_uid = shared_plan(rahul, meera)
    edit_plan(meera, mpid, home_care="Walk daily; drink water.")
    sync(meera, PASSWORD)
    assert plans_on_server(server, uid)[plan_uid][1] == 2
    done = sync(rahul, PASSWORD)
    assert (done.pulled.plans, done.pulled.conflicts) == (1, 0)
    assert rahul.plans(pid)[-1].home_care == "Walk daily; drink water."
    summaries = [e.summary for e in rahul.history(pid, limit=100)]
    assert "follow-up plan pulled from the clinic server (changed there only)" in summaries
    edit_plan(rahul, pid, estimated_sessions=8)  # and back again: version 3, taken by Meera
    sync(rahul, PASSWORD)
    sync(meera, PASSWORD)
    assert (meera.plans(mpid)[-1].estimated_sessions, meera.plans(mpid)[-1].home_care) == (
        8,
        "Walk daily; drink water.",
    )
    assert plans_on_server(server, uid)[plan_uid][1] == 3
    assert rahul.conflict_count() == meera.conflict_count() == 0


def test_a_new_plan_supersedes_the_current_one_on_every_laptop(
    rahul: Services, meera: Services, server: EmptyDatabase
) -> None:
    pid, mpid, uid, plan_uid = shared_plan(rahul, meera)
    rahul.add_plan(pid, dataclasses.replace(PLAN, created_on=TODAY, frequency="fortnightly"))
    sync(rahul, PASSWORD)
    sync(meera, PASSWORD)
    old, new = meera.plans(mpid)
    assert (old.uid, old.superseded_on) == (plan_uid, TODAY)
    assert (new.frequency, new.is_current) == ("fortnightly", True)
    assert new.uid != plan_uid
    assert set(plans_on_server(server, uid)) == {plan_uid, new.uid}
    assert plans_on_server(server, uid)[plan_uid][1] == 2  # superseded: its next version


def in_conflict(rahul: Services, meera: Services) -> tuple[int, int, str, str]:
    """Lata's plan changed on both laptops while apart (Rahul: home care; Meera: home care and the
    number of sessions); Rahul synced first, so Meera's laptop holds the conflict."""
    pid, mpid, uid, plan_uid = shared_plan(rahul, meera)
    edit_plan(rahul, pid, home_care="Rest after sessions.")
    edit_plan(meera, mpid, home_care="Swim twice a week.", estimated_sessions=10)
    sync(rahul, PASSWORD)
    sync(meera, PASSWORD)
    return pid, mpid, uid, plan_uid


def test_two_offline_changes_of_the_same_plan_are_both_kept_as_a_conflict(
    rahul: Services, meera: Services, server: EmptyDatabase
) -> None:
    pid, mpid, uid, plan_uid = in_conflict(rahul, meera)
    body, version = plans_on_server(server, uid)[plan_uid]
    assert (body["home_care"], body["estimated_sessions"], version) == ("Rest after sessions.", 6, 2)
    assert (meera.plans(mpid)[-1].home_care, meera.plans(mpid)[-1].estimated_sessions) == ("Swim twice a week.", 10)
    [conflict] = meera.open_conflicts()
    assert (conflict.patient_uid, conflict.plan_uid) == (uid, plan_uid)
    assert conflict.fields == ("estimated_sessions", "home_care")
    assert (conflict.base_version, conflict.theirs_version) == (1, 2)
    sync(meera, PASSWORD)  # again: no second conflict, nothing written over the server's
    assert meera.conflict_count() == 1
    assert plans_on_server(server, uid)[plan_uid][1] == 2
    sync(rahul, PASSWORD)
    assert rahul.conflict_count() == 0
    assert rahul.plans(pid)[-1].home_care == "Rest after sessions."


@pytest.mark.parametrize(
    ("choice", "home_care", "sessions", "version"),
    [
        ("mine", "Swim twice a week.", 10, 3),
        ("theirs", "Rest after sessions.", 6, 2),
        ({"home_care": "theirs", "estimated_sessions": "mine"}, "Rest after sessions.", 10, 3),
    ],
)
def test_a_plan_conflict_resolved_converges_everywhere_and_is_audited(
    rahul: Services,
    meera: Services,
    server: EmptyDatabase,
    choice: Any,
    home_care: str,
    sessions: int,
    version: int,
) -> None:
    pid, mpid, uid, plan_uid = in_conflict(rahul, meera)
    [conflict] = meera.open_conflicts()
    meera.resolve_conflict(conflict.id, choice)
    assert meera.conflict_count() == 0
    summaries = [e.summary for e in meera.history(mpid, limit=100)]
    assert any(s.startswith("resolved a conflict of the follow-up plan of ") for s in summaries)
    sync(meera, PASSWORD)
    sync(rahul, PASSWORD)
    body, on_server = plans_on_server(server, uid)[plan_uid]
    assert (body["home_care"], body["estimated_sessions"], on_server) == (home_care, sessions, version)
    for services, patient_id in ((rahul, pid), (meera, mpid)):
        plan = services.plans(patient_id)[-1]
        assert (plan.home_care, plan.estimated_sessions) == (home_care, sessions)
        assert services.conflict_count() == 0


def test_the_clinic_server_refuses_to_remove_a_plan(rahul: Services, meera: Services, server: EmptyDatabase) -> None:
    _pid, _mpid, uid, plan_uid = shared_plan(rahul, meera)
    with server.connect(f"{server.name}_meera", PASSWORD) as conn, pytest.raises(psycopg.Error) as refused:
        conn.execute("DELETE FROM clinic.plans WHERE uid = %s", [plan_uid])
    assert "follow-up plans in clinic.plans are never removed" in str(refused.value)
    assert set(plans_on_server(server, uid)) == {plan_uid}


def test_a_plan_on_the_server_that_breaks_a_rule_is_refused_by_name_and_not_stored(
    rahul: Services, meera: Services, server: EmptyDatabase
) -> None:
    pid, _mpid, uid, plan_uid = shared_plan(rahul, meera)
    with server.connect(f"{server.name}_meera", PASSWORD) as conn:  # a raw client, not the app
        conn.execute(
            'UPDATE clinic.plans SET body = body || \'{"frequency": "hourly"}\', version = version + 1 WHERE uid = %s',
            [plan_uid],
        )
    before = rahul.plans(pid)
    done = sync(rahul, PASSWORD)
    [refusal] = done.pulled.refused
    assert refusal.startswith(f"Lata Roy (patient {uid}): details and plans not pulled, they do not verify")
    assert refusal.endswith("follow-up plan.frequency: 'hourly' is not a known frequency code")
    assert rahul.plans(pid) == before  # the plan here is as it was
    assert rahul.conflict_count() == 0


def test_a_patient_whose_sessions_were_pulled_before_a_plan_refused_says_so_not_nothing_pulled(
    rahul: Services, meera: Services, server: EmptyDatabase
) -> None:
    """Lata's signed session reaches Meera's laptop, then her plan on the server is found to break
    a rule: the session is kept (stored before the plan was read) and the refusal says so, where it
    used to say "nothing pulled"; the pull's count has the session."""
    pid = signed_patient(rahul, "Lata Roy")
    rahul.add_plan(pid, PLAN)
    sync(rahul, PASSWORD)
    [plan] = rahul.plans(pid)
    with server.superuser() as su:  # a raw client, not the app
        su.execute(
            'UPDATE clinic.plans SET body = body || \'{"frequency": "hourly"}\', version = version + 1 WHERE uid = %s',
            [plan.uid],
        )
    done = sync(meera, PASSWORD, whole_clinic=True)
    [refusal] = done.pulled.refused
    assert refusal.startswith(
        f"Lata Roy (patient {rahul.patient(pid).uid}): "
        "details and plans not pulled, they do not verify (what was new of the rest was): "
    )
    assert refusal.endswith("follow-up plan.frequency: 'hourly' is not a known frequency code")
    assert done.pulled.sessions == 1
    [mpid] = meera.patient_ids()
    assert [s.uid for s in meera.record(mpid).sessions] == [s.uid for s in rahul.record(pid).sessions if s.is_signed]
    assert meera.plans(mpid) == []


def test_two_laptops_each_making_a_new_plan_offline_show_the_same_plan_in_force(
    rahul: Services, meera: Services
) -> None:
    """Rahul and Meera each begin a new plan for Lata the same day, offline: both plans are kept on
    every laptop and the server (neither is a version of the other), and every laptop has the same
    one in force (the greater uid), where each used to show the other's."""
    pid, mpid, _, _ = shared_plan(rahul, meera)
    rahul.add_plan(pid, dataclasses.replace(PLAN, created_on=TODAY, home_care="Rahul's new plan"))
    meera.add_plan(mpid, dataclasses.replace(PLAN, created_on=TODAY, home_care="Meera's new plan"))
    for services in (rahul, meera, rahul):
        assert sync(services, PASSWORD).pulled.refused == ()
    in_force = [current_plan(rahul.plans(pid)), current_plan(meera.plans(mpid))]
    assert in_force[0] is not None
    assert in_force[1] is not None
    assert in_force[0].uid == in_force[1].uid == max(p.uid for p in rahul.plans(pid) if p.created_on == TODAY)
    assert sorted(p.home_care for p in rahul.plans(pid)) == sorted(p.home_care for p in meera.plans(mpid))
    assert len(rahul.plans(pid)) == 3
