"""Editing the current plan, judging goals with a date, closing a course of care, the to-sign list."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

import pytest

from cst_notes.domain import audit as A
from cst_notes.domain.intake import Intake
from cst_notes.domain.patient import Patient, new_uid
from cst_notes.domain.plan import FollowUpPlan, Goal, current_plan
from cst_notes.domain.session import Session
from cst_notes.domain.validation import ValidationError
from cst_notes.services import NotFoundError, Services
from cst_notes.storage.database import open_database
from tests.conftest import NO_RECORDS_REASON

TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def clinic() -> Iterator[Services]:
    services = _clinic()
    yield services
    services.close()


def _clinic() -> Services:
    return Services(open_database(":memory:"), today=lambda: TODAY, actor="Anita Bose")


def _plan(**changes: object) -> FollowUpPlan:
    base = FollowUpPlan(
        dt.date(2026, 2, 1),
        frequency="weekly",
        next_appointment=dt.date(2026, 3, 12),
        home_care="Gentle neck stretches twice a day",
        goals=(Goal("Fewer headaches", "below 4 a month"), Goal("Better sleep")),
    )
    return FollowUpPlan(**{**base.__dict__, **changes})


def _patient_with_plan(services: Services) -> int:
    pid = services.create_patient(Patient("Emma Smith", dt.date(1980, 1, 1))).patient_id
    services.add_plan(pid, _plan())
    return pid


def test_editing_the_current_plan_changes_it_in_place_and_is_audited(clinic: Services) -> None:
    pid = _patient_with_plan(clinic)
    clinic.update_plan(pid, _plan(home_care="Walk daily", frequency="fortnightly"))
    plans = clinic.plans(pid)
    assert len(plans) == 1  # edited, not a new plan
    assert (plans[0].home_care, plans[0].frequency, plans[0].created_on) == (
        "Walk daily",
        "fortnightly",
        dt.date(2026, 2, 1),
    )
    entry = clinic.history(pid)[0]
    assert (entry.action, entry.entity, entry.before["home_care"], entry.after["home_care"]) == (
        A.UPDATE,
        "plan",
        "Gentle neck stretches twice a day",
        "Walk daily",
    )


def test_a_goal_marked_met_keeps_its_date_and_the_audit_says_so(clinic: Services) -> None:
    pid = _patient_with_plan(clinic)
    goals = (Goal("Fewer headaches", "below 4 a month", "achieved", dt.date(2026, 3, 9)), Goal("Better sleep"))
    clinic.update_plan(pid, _plan(goals=goals))
    stored = clinic.plans(pid)[0].goals[0]
    assert (stored.status, stored.status_on) == ("achieved", dt.date(2026, 3, 9))
    assert clinic.history(pid)[0].summary == "follow-up plan changed; goal 'Fewer headaches' marked Met on 2026-03-09"


def test_a_goal_marked_partly_met_without_a_date_is_refused_and_nothing_changes(clinic: Services) -> None:
    pid = _patient_with_plan(clinic)
    with pytest.raises(ValidationError) as caught:
        clinic.update_plan(pid, _plan(goals=(Goal("Fewer headaches", status="partly_met"),)))
    assert caught.value.fields == ("goals[0].status_on",)
    assert clinic.plans(pid)[0].goals == _plan().goals


def test_a_goal_judged_before_the_plan_began_is_refused(clinic: Services) -> None:
    pid = _patient_with_plan(clinic)
    with pytest.raises(ValidationError) as caught:
        clinic.update_plan(
            pid, _plan(goals=(Goal("Fewer headaches", status="not_achieved", status_on=dt.date(2026, 1, 31)),))
        )
    assert caught.value.fields == ("goals[0].status_on",)


def test_closing_the_course_takes_the_patient_off_the_due_list(clinic: Services) -> None:
    pid = clinic.create_patient(Patient("Emma Smith", dt.date(1980, 1, 1))).patient_id
    clinic.add_plan(pid, _plan(next_appointment=None))
    # weekly from 2026-02-01 with no session: a session was due on 2026-02-08, 30 days ago
    assert [(i.reason, i.due_on, i.describe(TODAY)) for i in clinic.due()] == [
        ("no_recent_session", dt.date(2026, 2, 8), "Session due 2026-02-08 (30 days overdue)")
    ]
    clinic.close_course(pid, dt.date(2026, 3, 10), "stopped_coming", "No reply to two messages")
    assert clinic.due() == []
    plan = clinic.plans(pid)[0]
    assert (plan.closed_on, plan.closed_reason, plan.closing_note) == (
        dt.date(2026, 3, 10),
        "stopped_coming",
        "No reply to two messages",
    )
    assert current_plan(clinic.plans(pid)) is None
    assert clinic.patient_summaries()[0].next_appointment is None
    assert clinic.history(pid)[0].summary == "course of care closed on 2026-03-10: Stopped coming"


def test_a_closed_course_cannot_be_edited_or_closed_again(clinic: Services) -> None:
    pid = _patient_with_plan(clinic)
    clinic.close_course(pid, dt.date(2026, 3, 1), "discharged")
    with pytest.raises(NotFoundError):
        clinic.update_plan(pid, _plan(home_care="changed"))
    with pytest.raises(NotFoundError):
        clinic.close_course(pid, dt.date(2026, 3, 2), "discharged")


def test_closing_needs_a_reason_and_a_date_not_before_the_plan(clinic: Services) -> None:
    pid = _patient_with_plan(clinic)
    with pytest.raises(ValidationError) as no_reason:
        clinic.close_course(pid, dt.date(2026, 3, 1), "")
    with pytest.raises(ValidationError) as too_early:
        clinic.close_course(pid, dt.date(2026, 1, 1), "discharged")
    with pytest.raises(ValidationError) as no_date:
        clinic.close_course(pid, None, "discharged")
    assert (no_reason.value.fields, too_early.value.fields, no_date.value.fields) == (
        ("closed_reason",),
        ("closed_on",),
        ("closed_on",),
    )
    assert clinic.plans(pid)[0].closed_on is None


def test_a_new_plan_after_closing_reopens_the_course_and_leaves_the_closed_one_alone(clinic: Services) -> None:
    pid = _patient_with_plan(clinic)
    clinic.close_course(pid, dt.date(2026, 3, 1), "goals_met")
    clinic.add_plan(pid, FollowUpPlan(dt.date(2026, 3, 10), next_appointment=dt.date(2026, 3, 11)))
    old, new = clinic.plans(pid)
    assert (old.closed_on, old.superseded_on, current_plan([old, new])) == (dt.date(2026, 3, 1), None, new)
    assert [(i.reason, i.due_on) for i in clinic.due()] == [("appointment", dt.date(2026, 3, 11))]


def test_closed_courses_and_dated_goals_survive_export_and_import(clinic: Services) -> None:
    pid = _patient_with_plan(clinic)
    clinic.update_plan(pid, _plan(goals=(Goal("Fewer headaches", status="achieved", status_on=dt.date(2026, 3, 2)),)))
    clinic.close_course(pid, dt.date(2026, 3, 3), "goals_met", "All well")
    document = clinic.export_document(pid)
    document["patients"][0]["uid"] = new_uid()
    with contextlib.closing(_clinic()) as other:
        new_pid = other.import_document(document).patient_id
        assert other.plans(new_pid)[0].goals == (Goal("Fewer headaches", "", "achieved", dt.date(2026, 3, 2)),)
        assert other.plans(new_pid)[0].closed_reason == "goals_met"
        assert other.due() == []


def test_an_older_file_with_an_undated_met_goal_still_imports(clinic: Services) -> None:
    document = {
        "format": "cst-notes",
        "format_version": 2,
        "exported_at": "2026-01-01T00:00:00Z",
        "patients": [
            {
                "uid": "0e1d2c3b-aaaa-4bbb-8ccc-000000000001",
                "full_name": "Old File",
                "birth_date": "1980-01-01",
                "follow_up_plans": [
                    {"created_on": "2025-10-02", "goals": [{"description": "Fewer headaches", "status": "achieved"}]}
                ],
            }
        ],
    }
    pid = clinic.import_document(document).patient_id
    assert clinic.plans(pid)[0].goals == (Goal("Fewer headaches", "", "achieved", None),)


def test_the_to_sign_list_holds_unsigned_sessions_and_intakes_oldest_first(clinic: Services) -> None:
    emma = clinic.create_patient(Patient("Emma Smith", dt.date(1980, 1, 1))).patient_id
    amit = clinic.create_patient(Patient("অমিত রায়", dt.date(1984, 2, 11))).patient_id
    late = clinic.add_session(
        emma, Session(dt.datetime(2026, 3, 9, 9, 0, tzinfo=dt.UTC), contraindication_override_reason=NO_RECORDS_REASON)
    ).session_id
    early = clinic.add_session(
        amit, Session(dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC), contraindication_override_reason=NO_RECORDS_REASON)
    ).session_id
    signed = clinic.add_session(
        amit, Session(dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC), contraindication_override_reason=NO_RECORDS_REASON)
    ).session_id
    clinic.sign_session(signed, "Anita Bose")
    clinic.save_intake(emma, Intake(dt.date(2026, 3, 2), complaint="Headaches"))
    items = [(n.full_name, n.kind, n.day) for n in clinic.to_sign()]
    assert items == [
        ("Emma Smith", "intake", dt.date(2026, 3, 2)),
        ("অমিত রায়", "session", dt.date(2026, 3, 2)),
        ("Emma Smith", "session", dt.date(2026, 3, 9)),
    ]
    assert [n.note_id for n in clinic.to_sign() if n.kind == "session"] == [early, late]


def test_a_signed_session_leaves_the_to_sign_list(clinic: Services) -> None:
    pid = clinic.create_patient(Patient("Emma Smith", dt.date(1980, 1, 1))).patient_id
    sid = clinic.add_session(
        pid, Session(dt.datetime(2026, 3, 9, 9, 0, tzinfo=dt.UTC), contraindication_override_reason=NO_RECORDS_REASON)
    ).session_id
    clinic.sign_session(sid, "Anita Bose")
    assert clinic.to_sign() == []
