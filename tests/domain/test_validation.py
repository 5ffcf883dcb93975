"""Bad input is refused with a message that names the field; unusual but possible input is accepted."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cst_notes.domain.intake import ContraindicationEntry, Intake, Medication, intake_errors
from cst_notes.domain.patient import Guardian, Patient, patient_errors
from cst_notes.domain.plan import FollowUpPlan, Goal, plan_errors
from cst_notes.domain.record import PatientRecord, record_errors
from cst_notes.domain.session import (
    Restriction,
    RhythmFinding,
    Session,
    TechniqueApplied,
    session_errors,
    unusual_rate_warnings,
)
from cst_notes.domain.validation import NAME_MAX, FieldError, age_on
from tests.strategies import records

TODAY = dt.date(2026, 6, 15)
NOW = dt.datetime(2026, 6, 15, 10, tzinfo=dt.UTC)
ADULT = Patient("Emma Smith", dt.date(1980, 5, 1))


def fields(errors: list[FieldError]) -> list[str]:
    return [e.field for e in errors]


def test_a_complete_adult_passes() -> None:
    assert patient_errors(ADULT, TODAY) == []


@pytest.mark.parametrize("bad", ["", "   ", "\t\n", "x" * (NAME_MAX + 1)])
def test_bad_names_are_refused_naming_the_field(bad: str) -> None:
    errors = patient_errors(replace(ADULT, full_name=bad), TODAY)
    assert fields(errors) == ["full_name"]
    assert "empty" in errors[0].message or "too long" in errors[0].message


@given(st.text(st.characters(categories=("Zs", "Cc")), max_size=10))
def test_any_blank_name_is_refused(blank: str) -> None:
    assert "full_name" in fields(patient_errors(replace(ADULT, full_name=blank), TODAY))


@pytest.mark.parametrize("name", ["অমিত রায়", "ঋতুপর্ণা চট্টোপাধ্যায়", "प्रिया शर्मा", "Zoë O'Brien-Müller"])
def test_names_in_any_script_are_accepted(name: str) -> None:
    assert patient_errors(replace(ADULT, full_name=name), TODAY) == []


def test_future_and_impossible_birth_dates_are_refused() -> None:
    future = patient_errors(replace(ADULT, birth_date=dt.date(2027, 1, 1)), TODAY)
    assert fields(future) == ["birth_date"]
    assert "future" in future[0].message
    ancient = patient_errors(replace(ADULT, birth_date=dt.date(1850, 1, 1)), TODAY)
    assert fields(ancient) == ["birth_date"]


def test_a_minor_needs_a_guardian_with_dated_consent() -> None:
    child = Patient("Arka Sen", dt.date(2020, 3, 1))
    assert fields(patient_errors(child, TODAY)) == ["guardian"]
    undated = replace(child, guardian=Guardian("Rina Sen", "mother", consent_given=True))
    assert fields(patient_errors(undated, TODAY)) == ["guardian.consent_date"]
    ok = replace(child, guardian=Guardian("Rina Sen", "mother", consent_given=True, consent_date=TODAY))
    assert patient_errors(ok, TODAY) == []


def test_age_counts_whole_years() -> None:
    assert age_on(dt.date(2008, 6, 16), TODAY) == 17
    assert age_on(dt.date(2008, 6, 15), TODAY) == 18
    assert age_on(dt.date(2000, 2, 29), dt.date(2001, 2, 28)) == 0


def test_an_unknown_code_is_named() -> None:
    errors = patient_errors(replace(ADULT, sex="robot"), TODAY)
    assert fields(errors) == ["sex"]
    assert "robot" in errors[0].message


def session(**kw: object) -> Session:
    return Session(NOW, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("rate", [-0.1, 30.5, float("nan"), float("inf")])
def test_an_impossible_rhythm_rate_is_refused(rate: float) -> None:
    errors = session_errors(session(rhythm_findings=(RhythmFinding("heels", rate=rate),)), now=NOW)
    assert fields(errors) == ["rhythm_findings[0].rate"]


@pytest.mark.parametrize(("rate", "warned"), [(2.0, True), (8.0, False), (16.0, False), (22.5, True)])
def test_an_unusual_rate_is_accepted_with_a_warning(rate: float, warned: bool) -> None:
    s = session(rhythm_findings=(RhythmFinding("occiput", rate=rate),))
    assert session_errors(s, now=NOW) == []
    warnings = unusual_rate_warnings(s)
    assert bool(warnings) is warned
    if warned:
        assert "Head (occiput)" in warnings[0]
        assert "usual" in warnings[0]


def test_unknown_region_and_technique_codes_are_refused() -> None:
    errors = session_errors(
        session(
            restrictions=(Restriction("cranial.nose", "left", "mild"),),
            techniques=(TechniqueApplied("reiki"), TechniqueApplied("custom.jaw_balance")),
        ),
        now=NOW,
        custom_techniques=frozenset(),
    )
    assert fields(errors) == ["restrictions[0].region", "techniques[0].technique", "techniques[1].technique"]
    ok = session(techniques=(TechniqueApplied("custom.jaw_balance"),))
    assert session_errors(ok, now=NOW, custom_techniques=frozenset({"custom.jaw_balance"})) == []


def test_pain_and_duration_outside_their_scales_are_refused() -> None:
    errors = session_errors(session(pain_before=11, pain_after=-1, duration_minutes=0), now=NOW)
    assert set(fields(errors)) == {"pain_before", "pain_after", "duration_minutes"}


def test_the_same_station_and_side_cannot_be_recorded_twice() -> None:
    twice = (RhythmFinding("heels", "left", 8.0), RhythmFinding("heels", "left", 9.0))
    assert fields(session_errors(session(rhythm_findings=twice), now=NOW)) == ["rhythm_findings[1].station"]


def test_over_long_text_is_refused() -> None:
    errors = session_errors(session(subjective="x" * 20_001), now=NOW)
    assert fields(errors) == ["subjective"]
    assert "too long" in errors[0].message


def test_intake_rules() -> None:
    intake = Intake(
        TODAY,
        medications=(Medication(""),),
        contraindications=(ContraindicationEntry("csf_leak"), ContraindicationEntry("csf_leak")),
        consent_given=True,
    )
    assert fields(intake_errors(intake, TODAY)) == [
        "medications[0].name",
        "contraindications[1].code",
        "consent_date",
    ]
    assert intake.absolute_contraindications[0].code == "csf_leak"


def test_plan_rules() -> None:
    plan = FollowUpPlan(TODAY, frequency="hourly", estimated_sessions=0, goals=(Goal(""),))
    assert fields(plan_errors(plan, TODAY)) == ["frequency", "estimated_sessions", "goals[0].description"]


def test_record_errors_carry_the_path_of_the_part() -> None:
    record = PatientRecord(ADULT, sessions=(session(pain_before=12),))
    assert fields(record_errors(record, today=TODAY, prefix="patients[3]")) == ["patients[3].sessions[0].pain_before"]


@given(records)
def test_generated_valid_records_pass(record: PatientRecord) -> None:
    assert record_errors(record) == []
