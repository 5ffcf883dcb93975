"""The user's actions: each validates first, writes all or nothing, and says what changed."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cst_notes.domain.intake import ContraindicationEntry, Intake, Medication
from cst_notes.domain.patient import Guardian, Patient
from cst_notes.domain.plan import FollowUpPlan, Goal
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import Restriction, RhythmFinding, Session, TechniqueApplied
from cst_notes.domain.validation import ValidationError
from cst_notes.services import NotFoundError, RecordKind, Services
from tests.conftest import NO_RECORDS_REASON, complete_intake

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
EMMA = Patient("Emma Smith", dt.date(1980, 5, 1))


def counts(services: Services) -> dict[str, int]:
    return services.counts()


def test_creating_a_patient_says_what_changed_and_lists_them(services: Services) -> None:
    changed = services.create_patient(replace(EMMA, full_name="ঋতুপর্ণা চট্টোপাধ্যায়"))
    assert changed.kinds == {RecordKind.PATIENT}
    [summary] = services.patient_summaries()
    assert summary.id == changed.patient_id
    assert summary.full_name == "ঋতুপর্ণা চট্টোপাধ্যায়"


@given(
    st.one_of(
        st.just(""),
        st.text(" \t", max_size=5),
        st.text(min_size=201, max_size=260).filter(lambda s: any(c.isalnum() for c in s)),
    )
)
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
def test_a_bad_name_is_refused_and_nothing_is_written(services: Services, bad: str) -> None:
    before = counts(services)
    with pytest.raises(ValidationError) as caught:
        services.create_patient(replace(EMMA, full_name=bad))
    assert caught.value.fields == ("full_name",)
    assert counts(services) == before


def test_a_minor_without_a_guardian_is_refused(services: Services) -> None:
    child = Patient("অর্ক সেন", dt.date.today() - dt.timedelta(days=5 * 365))
    with pytest.raises(ValidationError, match="guardian"):
        services.create_patient(child)
    guardian = Guardian("রিনা সেন", "mother", consent_given=True, consent_date=dt.date.today())
    services.create_patient(replace(child, guardian=guardian))
    assert services.patient_summaries()[0].guardian_name == "রিনা সেন"


def test_editing_a_patient_keeps_their_identity(services: Services) -> None:
    pid = services.create_patient(EMMA).patient_id
    before = services.patient(pid)
    services.update_patient(replace(before, phone="+91 98300 00000", uid="changed"))
    after = services.patient(pid)
    assert after.phone == "+91 98300 00000"
    assert after.uid == before.uid
    assert after.created_at == before.created_at
    with pytest.raises(NotFoundError):
        services.update_patient(replace(before, id=999))


def test_the_intake_is_saved_and_replaced_with_its_lists(services: Services) -> None:
    pid = services.create_patient(EMMA).patient_id
    first = Intake(dt.date(2026, 1, 5), complaint="মাথাব্যথা", medications=(Medication("Ibuprofen", "400 mg"),))
    assert services.save_intake(pid, first).kinds == {RecordKind.INTAKE}
    second = replace(
        first,
        medications=(Medication("Melatonin", "3 mg"),),
        contraindications=(ContraindicationEntry("cerebral_aneurysm", "clipped 2019"),),
    )
    services.save_intake(pid, second)
    stored = services.intake(pid)
    assert stored is not None
    assert stored.medications == (Medication("Melatonin", "3 mg"),)
    assert [c.code for c in stored.absolute_contraindications] == ["cerebral_aneurysm"]
    assert services.patient_summaries()[0].absolute_contraindications == 1


def test_a_session_is_saved_with_its_findings_and_edited(services: Services) -> None:
    pid = services.create_patient(EMMA).patient_id
    session = Session(
        NOW,
        pain_before=7,
        pain_after=4,
        rhythm_findings=(RhythmFinding("occiput", "both", 8.5, 3, "symmetric", "normal", "none"),),
        restrictions=(Restriction("diaphragm.respiratory", "midline", "moderate", "tight on exhale"),),
        techniques=(TechniqueApplied("cv4_still_point"), TechniqueApplied("frontal_lift")),
        contraindication_override_reason=NO_RECORDS_REASON,
    )
    changed = services.add_session(pid, session)
    assert changed.kinds == {RecordKind.SESSION}
    assert changed.patient_ids == (pid,)
    stored = services.session(changed.session_id)
    assert stored.rhythm_findings == session.rhythm_findings
    assert stored.techniques == session.techniques
    services.update_session(replace(stored, pain_after=3, restrictions=()))
    again = services.session(changed.session_id)
    assert again.pain_after == 3
    assert again.restrictions == ()
    assert again.uid == stored.uid
    assert services.patient_summaries()[0].session_count == 1


def test_a_bad_session_writes_nothing(services: Services) -> None:
    pid = services.create_patient(EMMA).patient_id
    bad = Session(
        NOW,
        rhythm_findings=(RhythmFinding("heels", rate=45.0),),
        restrictions=(Restriction("cranial.frontal", "left", "mild"),),
        contraindication_override_reason=NO_RECORDS_REASON,
    )
    with pytest.raises(ValidationError) as caught:
        services.add_session(pid, bad)
    assert caught.value.fields == ("rhythm_findings[0].rate",)
    assert "between 0 and 30" in str(caught.value)
    assert services.sessions(pid) == []


def test_a_new_plan_supersedes_the_old_one(services: Services) -> None:
    pid = services.create_patient(EMMA).patient_id
    services.add_plan(pid, FollowUpPlan(dt.date(2026, 1, 5), goals=(Goal("Fewer headaches", "below 4 a month"),)))
    changed = services.add_plan(
        pid, FollowUpPlan(dt.date(2026, 2, 16), "fortnightly", next_appointment=dt.date(2026, 3, 2))
    )
    assert changed.kinds == {RecordKind.PLAN}
    old, new = services.plans(pid)
    assert old.superseded_on == dt.date(2026, 2, 16)
    assert old.goals[0].measure == "below 4 a month"
    assert new.is_current
    assert services.patient_summaries()[0].next_appointment == dt.date(2026, 3, 2)


def test_custom_techniques_are_added_once_and_then_accepted(services: Services) -> None:
    code = services.add_custom_technique("Jaw balancing")
    assert services.add_custom_technique(" Jaw balancing ") == code
    assert services.custom_techniques() == {code: "Jaw balancing"}
    pid = services.create_patient(EMMA).patient_id
    services.add_session(
        pid, Session(NOW, techniques=(TechniqueApplied(code),), contraindication_override_reason=NO_RECORDS_REASON)
    )
    with pytest.raises(ValidationError):
        services.add_session(
            pid,
            Session(
                NOW,
                techniques=(TechniqueApplied("custom.never_added"),),
                contraindication_override_reason=NO_RECORDS_REASON,
            ),
        )
    with pytest.raises(ValidationError):
        services.add_custom_technique("   ")


@pytest.mark.parametrize(
    ("first", "second"),
    [("ক্রিয়া", "ক্রেয়া"), ("शिर", "शेर"), ("Cafe\u0301 release", "Cafe release")],
    ids=["bengali", "devanagari", "a combining accent"],
)
def test_own_techniques_that_differ_in_a_vowel_sign_are_two(services: Services, first: str, second: str) -> None:
    """Vowel signs and accents are letters of the name: dropping them made two names one technique,
    and the second name typed was silently charted as the first."""
    one, other = services.add_custom_technique(first), services.add_custom_technique(second)
    assert one != other
    assert services.custom_techniques() == {one: first, other: second}
    assert services.add_custom_technique(f" {second} ") == other


def test_an_own_technique_typed_again_keeps_its_code(db_path: Path) -> None:
    """One added before the vowel signs were kept in its code is found again by its name."""
    Services.open(db_path).close()
    with contextlib.closing(sqlite3.connect(db_path)) as raw, raw:
        raw.execute(
            "INSERT INTO custom_techniques (code, label, created_at) VALUES (?, ?, ?)",
            ["custom.ক_র_য", "ক্রিয়া", "2025-01-01T00:00:00Z"],
        )
    services = Services.open(db_path)
    try:
        assert services.add_custom_technique(" ক্রিয়া") == "custom.ক_র_য"
        assert services.custom_techniques() == {"custom.ক_র_য": "ক্রিয়া"}
    finally:
        services.close()


def test_the_demo_clinic_is_deterministic_and_varied(services: Services) -> None:
    services.create_demo_clinic(30, 6, seed=7)
    other = Services.open(":memory:")
    other.create_demo_clinic(30, 6, seed=7)
    strip = _without_times
    assert strip(services.export_document()) == strip(other.export_document())
    other.close()
    names = " ".join(s.full_name for s in services.patient_summaries())
    assert any("\u0980" <= c <= "\u09ff" for c in names), "a Bengali name"
    assert any("\u0900" <= c <= "\u097f" for c in names), "a Devanagari name"
    assert any(c.isascii() and c.isalpha() for c in names), "a Latin name"
    records = [services.record(s.id) for s in services.patient_summaries()]
    assert any(r.patient.guardian for r in records), "a child with a guardian"
    assert any(r.intake and r.intake.contraindications for r in records)
    assert all(r.sessions and r.sessions[0].rhythm_findings and r.follow_up_plans for r in records)


def test_the_demo_goes_only_into_an_empty_database(services: Services) -> None:
    services.create_patient(EMMA)
    with pytest.raises(ValidationError, match="already holds 1 patients"):
        services.create_demo_clinic(3, 2)
    assert counts(services)["patients"] == 1


def _without_times(document: dict[str, Any]) -> dict[str, Any]:
    text = json.dumps({k: v for k, v in document.items() if k != "exported_at"})
    data: dict[str, Any] = json.loads(text)
    for p in data["patients"]:
        for part in [p, p["intake"], *p["sessions"], *p["follow_up_plans"]]:
            if part:
                part.pop("created_at", None)
                part.pop("updated_at", None)
    return data


def test_export_then_import_elsewhere_gives_the_same_records(services: Services) -> None:
    services.create_demo_clinic(12, 5, seed=3)
    document = json.loads(json.dumps(services.export_document(), ensure_ascii=False))
    other = Services.open(":memory:")
    other.import_document(document)
    assert _without_times(other.export_document()) == _without_times(document)
    assert other.export_document()["patients"][0]["created_at"] == document["patients"][0]["created_at"]
    other.close()


def test_an_import_with_one_bad_patient_adds_nothing(services: Services) -> None:
    good = PatientRecord(EMMA)
    bad = PatientRecord(replace(EMMA, full_name=" ", uid="other"))
    with pytest.raises(ValidationError) as caught:
        services.import_records([good, bad])
    assert caught.value.fields == ("patients[1].full_name",)
    assert counts(services)["patients"] == 0


def test_importing_the_same_file_twice_is_refused(services: Services) -> None:
    services.import_records([PatientRecord(EMMA)])
    with pytest.raises(ValidationError, match="already in this database"):
        services.import_records([PatientRecord(EMMA)])
    assert counts(services)["patients"] == 1


def test_a_file_database_backs_up_and_checks(file_services: Services, tmp_path: Path) -> None:
    file_services.create_demo_clinic(5, 3)
    report = file_services.backup(tmp_path / "backup.sqlite")
    assert report.ok
    assert report.schema_version == report.latest_version
    assert file_services.check().ok


def test_a_session_despite_an_absolute_contraindication_needs_a_stored_reason(services: Services) -> None:
    pid = services.create_patient(EMMA).patient_id
    services.save_intake(pid, Intake(dt.date(2026, 1, 5), contraindications=(ContraindicationEntry("csf_leak"),)))
    with pytest.raises(ValidationError) as caught:
        services.add_session(pid, Session(NOW))
    assert caught.value.fields == ("contraindication_override_reason",)
    assert "CSF leak" in str(caught.value)
    assert services.sessions(pid) == []
    reason = "Leak repaired in 2024; neurologist's letter on file."
    sid = services.add_session(pid, Session(NOW, contraindication_override_reason=reason)).session_id
    assert services.session(sid).contraindication_override_reason == reason


def test_a_relative_contraindication_needs_no_reason(services: Services) -> None:
    pid = services.create_patient(EMMA).patient_id
    day = dt.date(2026, 1, 5)
    epilepsy = (ContraindicationEntry("epilepsy"),)
    services.save_intake(pid, replace(complete_intake(day), contraindications=epilepsy))
    services.add_session(pid, Session(NOW))
    assert len(services.sessions(pid)) == 1


def test_a_childs_intake_needs_the_guardians_recorded_consent(services: Services) -> None:
    guardian = Guardian("রিনা সেন", "mother", consent_given=True, consent_date=dt.date.today())
    pid = services.create_patient(Patient("অর্ক সেন", dt.date.today() - dt.timedelta(days=800), guardian=guardian))
    intake = Intake(dt.date.today())
    with pytest.raises(ValidationError) as caught:
        services.save_intake(pid.patient_id, intake)
    assert caught.value.fields == ("consent_given",)
    with pytest.raises(ValidationError) as caught:
        services.save_intake(pid.patient_id, replace(intake, consent_given=True, consent_date=dt.date.today()))
    assert caught.value.fields == ("consent_given_by",)
    services.save_intake(
        pid.patient_id, replace(intake, consent_given=True, consent_date=dt.date.today(), consent_given_by="রিনা সেন")
    )
    assert services.intake(pid.patient_id) is not None


def test_a_large_demo_made_in_worker_processes_is_the_one_made_in_this_process() -> None:
    import datetime as dt

    from cst_notes import demo
    from cst_notes.services import practice

    today = dt.date(2026, 11, 24)
    here = [r.patient.full_name for r in demo.generate_clinic(201, 100, seed=11, today=today)]
    jobs = list(practice._demo_batches(201, 100, seed=11, today=today))  # 20,100 sessions: made by workers
    assert [prepared.counts["patients"] for prepared, _ in jobs] == [200, 1]
    assert [summary.split(":")[0] for _, items in jobs for summary, _ in items] == here


def test_only_the_newest_plan_of_an_imported_record_is_due(services: Services) -> None:
    """A file whose older plan does not say it was superseded: its old dates are not due."""
    today = services.today()
    old = FollowUpPlan(
        created_on=today - dt.timedelta(days=400),
        next_appointment=today - dt.timedelta(days=393),
        review_date=today - dt.timedelta(days=358),
    )
    new = FollowUpPlan(
        created_on=today - dt.timedelta(days=10), frequency="monthly", next_appointment=today + dt.timedelta(days=3)
    )
    record = PatientRecord(patient=Patient("Old Plan", dt.date(1980, 1, 1)), follow_up_plans=(new, old))
    pid = services.import_records([record]).patient_id
    assert [(i.reason, i.due_on) for i in services.due()] == [("appointment", today + dt.timedelta(days=3))]
    plans = services.plans(pid)
    assert [p.superseded_on for p in plans] == [new.created_on, None]  # the older one, on the day the new one began
    assert [p.is_current for p in plans] == [False, True]


def test_the_demo_clinic_has_one_current_plan_per_patient(services: Services) -> None:
    services.create_demo_clinic(40, 12, seed=3)
    for summary in services.patient_summaries():
        assert sum(p.is_current for p in services.plans(summary.id)) <= 1
    assert len({(i.patient_id, i.reason) for i in services.due()}) == len(services.due())
