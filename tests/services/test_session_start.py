"""Starting a session needs a recorded reason when the client has no intake, no contraindication
screening or no consent on record (as with an absolute contraindication); imports are not gated."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from cst_notes.domain.intake import Intake
from cst_notes.domain.patient import Guardian, Patient
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import Session
from cst_notes.domain.session_start import Missing, start_check
from cst_notes.domain.validation import ValidationError
from cst_notes.services import Services
from tests.conftest import complete_intake

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
DAY = dt.date(2026, 1, 5)
EMMA = Patient("Emma Smith", dt.date(1980, 5, 1))
REASON = "Verbal consent today; intake and screening at the next visit"


def refusal(services: Services, pid: int) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        services.add_session(pid, Session(NOW))
    return caught.value


def test_no_intake_is_refused_naming_the_reason_field_and_nothing_is_saved(services: Services) -> None:
    pid = services.create_patient(EMMA).patient_id
    error = refusal(services, pid)
    assert error.fields == ("contraindication_override_reason",)
    assert "no intake on record" in str(error)
    assert services.sessions(pid) == []


def test_no_screening_is_refused(services: Services) -> None:
    pid = services.create_patient(EMMA).patient_id
    services.save_intake(pid, replace(complete_intake(DAY), contraindications_screened_on=None))
    assert "no contraindication screening on record" in str(refusal(services, pid))


def test_no_consent_is_refused(services: Services) -> None:
    pid = services.create_patient(EMMA).patient_id
    services.save_intake(pid, replace(complete_intake(DAY), consent_given=False, consent_date=None))
    assert "no consent to treatment on record" in str(refusal(services, pid))


def test_with_a_reason_the_session_is_saved_with_it_and_the_decision_is_audited(services: Services) -> None:
    pid = services.create_patient(EMMA).patient_id
    sid = services.add_session(pid, Session(NOW, contraindication_override_reason=REASON)).session_id
    assert services.session(sid).contraindication_override_reason == REASON
    created = services.history(pid)[0]
    assert "started despite no intake on record" in created.summary


def test_a_complete_intake_needs_no_reason(services: Services) -> None:
    pid = services.create_patient(EMMA).patient_id
    services.save_intake(pid, complete_intake(DAY))
    sid = services.add_session(pid, Session(NOW)).session_id
    assert services.session(sid).contraindication_override_reason == ""


def test_imported_sessions_of_a_client_with_no_intake_are_kept_as_they_were(services: Services) -> None:
    services.import_records([PatientRecord(EMMA, sessions=(Session(NOW),))])
    [summary] = services.patient_summaries()
    assert len(services.sessions(summary.id)) == 1


def test_a_minors_guardian_consent_on_the_patient_record_counts() -> None:
    today = dt.date(2026, 3, 2)
    consented = Guardian("Moumita Sen", "mother", consent_given=True, consent_date=today)
    child = Patient("Ritam Sen", dt.date(2022, 1, 1), guardian=consented)
    assert start_check(None, child, today).missing == (Missing.NO_INTAKE,)


def test_a_minor_without_guardian_consent_is_named_as_such() -> None:
    today = dt.date(2026, 3, 2)
    child = Patient("Ritam Sen", dt.date(2022, 1, 1), guardian=Guardian("Moumita Sen", "mother"))
    check = start_check(Intake(today, contraindications_screened_on=today), child, today)
    assert check.problems() == ["no consent to treatment from a parent or guardian on record"]


def test_an_adults_old_guardian_consent_does_not_count() -> None:
    today = dt.date(2026, 3, 2)
    guardian = Guardian("Moumita Sen", "mother", consent_given=True, consent_date=dt.date(2010, 1, 1))
    adult = Patient("Ritam Sen", dt.date(2000, 1, 1), guardian=guardian)
    assert Missing.NO_CONSENT in start_check(None, adult, today).missing
