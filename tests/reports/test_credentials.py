"""Documents print the credentials of the practitioner who gave (or signed) the session, once;
a signature shows the signer's name, the date and time, and what it means (issue 15)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest

from cst_notes.domain.practitioner import Practitioner
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.settings import ClinicSettings
from cst_notes.domain.signing import Addendum
from cst_notes.reports import DocumentOptions, intake_summary_pdf, patient_record_pdf, session_summary_pdf

from .conftest import ISSUED, known_session_id, pdf_text

ANITA, RAHUL = "Anita Bose", "Rahul Mehta"
PRACTICE = (Practitioner(ANITA, "therapist", "RCST"), Practitioner(RAHUL, "owner", "BCST"))
SIGNED_AT = dt.datetime(2025, 5, 20, 11, 45, tzinfo=dt.UTC)
WITH_PRACTICE = DocumentOptions(issued_on=ISSUED, timezone=dt.UTC, practitioners=PRACTICE)


@pytest.fixture
def rahuls_settings(settings: ClinicSettings) -> ClinicSettings:
    """Rahul Mehta, BCST, is the clinic settings' therapist."""
    return replace(settings, therapist_name=RAHUL, credentials="BCST")


def _by(record: PatientRecord, therapist: str, signed_by: str | None = None) -> PatientRecord:
    """The known session given by ``therapist`` and signed by ``signed_by`` (default: them)."""
    sessions = list(record.sessions)
    who = signed_by or therapist
    sessions[5] = replace(sessions[5], therapist=therapist, status="signed", signed_by=who, signed_at=SIGNED_AT)
    return replace(record, sessions=tuple(sessions))


def _summary(record: PatientRecord, settings: ClinicSettings, options: DocumentOptions) -> str:
    return " ".join(pdf_text(session_summary_pdf(record, known_session_id(record), settings, options)).split())


def test_anitas_session_summary_prints_her_credentials_not_the_settings_therapists(
    known: PatientRecord, rahuls_settings: ClinicSettings
) -> None:
    text = _summary(_by(known, ANITA), rahuls_settings, WITH_PRACTICE)
    assert f"{ANITA}, RCST" in text
    assert "BCST" not in text
    assert "Signed by Anita Bose, RCST on 20 May 2025 at 11:45." in text


def test_without_the_practitioners_only_the_settings_therapist_has_the_settings_credentials(
    known: PatientRecord, rahuls_settings: ClinicSettings
) -> None:
    anitas = _summary(_by(known, ANITA), rahuls_settings, DocumentOptions(issued_on=ISSUED, timezone=dt.UTC))
    assert ANITA in anitas
    assert "BCST" not in anitas  # not Rahul's credentials on Anita's session
    rahuls = _summary(_by(known, RAHUL), rahuls_settings, DocumentOptions(issued_on=ISSUED, timezone=dt.UTC))
    assert "Rahul Mehta, BCST" in rahuls


def test_the_signer_s_credentials_are_printed_with_the_signature(
    known: PatientRecord, rahuls_settings: ClinicSettings
) -> None:
    text = _summary(_by(known, ANITA, signed_by=RAHUL), rahuls_settings, WITH_PRACTICE)
    assert f"{ANITA}, RCST" in text  # who gave the session, how to reach her
    assert "Signed by Rahul Mehta, BCST on 20 May 2025 at 11:45." in text


@pytest.mark.parametrize(
    ("name", "credentials", "settings_credentials"),
    [
        (ANITA, "RCST", "RCST"),  # a migrated practice: the settings' credentials copied to the owner
        ("Anita Bose, RCST", "RCST", "RCST"),  # the name typed with the credential
        ("Anita Bose RCST", "", "RCST"),
        (ANITA, "RCST, rcst; R.C.S.T.", ""),
    ],
)
def test_a_credential_is_printed_once(
    known: PatientRecord, settings: ClinicSettings, name: str, credentials: str, settings_credentials: str
) -> None:
    own = replace(settings, therapist_name=name, credentials=settings_credentials)
    options = replace(WITH_PRACTICE, practitioners=(Practitioner(name, "owner", credentials),))
    text = _summary(_by(known, name), own, options)
    assert "RCST" in text
    twice = re.search(r"R\.?C\.?S\.?T\.?[\s,;]+R\.?C\.?S\.?T", text, re.IGNORECASE)
    assert twice is None, twice
    assert "How to reach us Anita Bose" in text
    assert "Signed by Anita Bose" in text


def test_the_record_shows_each_session_s_own_signer_with_credentials_and_meaning(
    known: PatientRecord, rahuls_settings: ClinicSettings
) -> None:
    sessions = sorted(known.sessions, key=lambda s: s.started_at)[:2]
    anitas = replace(sessions[0], therapist=ANITA, status="signed", signed_by=ANITA, signed_at=SIGNED_AT)
    correction = Addendum("The knee was the right one.", RAHUL, SIGNED_AT + dt.timedelta(days=1, hours=2))
    rahuls = replace(
        sessions[1],
        therapist=RAHUL,
        status="signed",
        signed_by=RAHUL,
        signed_at=SIGNED_AT + dt.timedelta(minutes=30),
        addenda=(correction,),
    )
    record = replace(known, sessions=(anitas, rahuls), intake=None)
    text = " ".join(pdf_text(patient_record_pdf(record, rahuls_settings, WITH_PRACTICE)).split())
    assert "Signed (author) by Anita Bose, RCST · 20 May 2025 at 11:45" in text
    assert "Signed (author) by Rahul Mehta, BCST · 20 May 2025 at 12:15" in text
    assert "Addendum (correction) by Rahul Mehta, BCST · 21 May 2025 at 13:45" in text
    assert "Anita Bose, BCST" not in text
    assert "Rahul Mehta, RCST" not in text
    assert f"Anita Bose, RCST · {anitas.duration_minutes} minutes" in text  # the session header
    assert f"Rahul Mehta, BCST · {rahuls.duration_minutes} minutes" in text


def test_the_intake_summary_shows_its_signer_the_time_and_its_corrections(
    known: PatientRecord, rahuls_settings: ClinicSettings
) -> None:
    assert known.intake is not None
    correction = Addendum("No surgery in 2019 after all.", ANITA, SIGNED_AT + dt.timedelta(days=2))
    intake = replace(known.intake, status="signed", signed_by=ANITA, signed_at=SIGNED_AT, addenda=(correction,))
    pdf = intake_summary_pdf(replace(known, intake=intake), rahuls_settings, WITH_PRACTICE)
    text = " ".join(pdf_text(pdf).split())
    assert "Signed (author) by Anita Bose, RCST · 20 May 2025 at 11:45" in text
    assert "Addendum (correction) by Anita Bose, RCST · 22 May 2025 at 11:45" in text
    assert "No surgery in 2019 after all." in text
