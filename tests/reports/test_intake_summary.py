"""The intake summary: identity, guardian, complaint, history, contraindications, consent."""

from __future__ import annotations

import dataclasses

import pytest

from cst_notes.domain import vocabulary as V
from cst_notes.domain.intake import ContraindicationEntry, Medication, Surgery
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.settings import ClinicSettings
from cst_notes.reports import DocumentOptions, intake_summary_pdf, patient_record_pdf

from .conftest import ISSUED, pdf_text

OPTIONS = DocumentOptions(issued_on=ISSUED)


def _flat(record: PatientRecord, settings: ClinicSettings) -> str:
    return " ".join(pdf_text(intake_summary_pdf(record, settings, OPTIONS)).split())


@pytest.fixture(scope="module")
def adult(by_script: dict[str, PatientRecord]) -> PatientRecord:
    record = by_script["latin"]
    assert record.intake is not None
    intake = dataclasses.replace(
        record.intake,
        complaint="My neck <hurts> & I can't turn my head",
        medications=(Medication("Ibuprofen", "400 mg as needed"),),
        surgeries=(Surgery("Appendectomy", record.intake.intake_date.replace(year=2001)),),
        contraindications=(
            ContraindicationEntry("cerebral_aneurysm", "Clipped in 2019"),
            ContraindicationEntry("epilepsy"),
        ),
        consent_given=True,
        consent_date=record.intake.intake_date,
        consent_given_by="the client",
    )
    return dataclasses.replace(record, intake=intake)


def test_identity_and_complaint_in_the_clients_words(adult: PatientRecord, settings: ClinicSettings) -> None:
    text = _flat(adult, settings)
    p = adult.patient
    assert p.full_name in text
    assert p.phone in text
    assert f"{p.birth_date.year} (aged" in text
    assert "“My neck <hurts> & I can't turn my head”" in text


def test_history_medications_and_surgeries(adult: PatientRecord, settings: ClinicSettings) -> None:
    text = _flat(adult, settings)
    assert "Ibuprofen 400 mg as needed" in text
    assert "Appendectomy" in text
    assert "2001" in text
    intake = adult.intake
    assert intake is not None
    for c in intake.conditions:
        assert V.CONDITIONS.label(c.code) in text


def test_contraindications_absolute_and_relative_in_plain_words(adult: PatientRecord, settings: ClinicSettings) -> None:
    """The patient's summary says what the two boxes mean, not the practitioners' "Absolute — do not
    treat without a recorded decision" (the clinical record keeps those words)."""
    text = _flat(adult, settings)
    serious = "Serious — no treatment unless your therapist has decided it is safe and written down why"
    assert f"{serious} • Cerebral aneurysm — Clipped in 2019" in text
    assert "Needs care — treatment goes ahead gently, with extra caution • Epilepsy" in text
    assert "Absolute" not in text
    assert "Relative" not in text


def test_the_clinical_record_keeps_the_practitioners_words(adult: PatientRecord, settings: ClinicSettings) -> None:
    text = " ".join(pdf_text(patient_record_pdf(adult, settings, OPTIONS)).split())
    absolute = "Absolute — do not treat without a recorded decision"
    assert f"{absolute} • Cerebral aneurysm — Clipped in 2019" in text
    assert "Relative — treat with caution • Epilepsy" in text


def test_consent(adult: PatientRecord, settings: ClinicSettings) -> None:
    assert "Consent to treatment was given by the client on" in _flat(adult, settings)
    intake = adult.intake
    assert intake is not None
    none = dataclasses.replace(adult, intake=dataclasses.replace(intake, consent_given=False))
    assert "No consent to treatment is recorded." in _flat(none, settings)


def test_adult_has_no_guardian_or_birth_history(adult: PatientRecord, settings: ClinicSettings) -> None:
    text = _flat(adult, settings)
    assert "Parent or guardian" not in text
    assert "Birth history" not in text


def test_child_has_guardian_and_birth_history(child: PatientRecord, settings: ClinicSettings) -> None:
    text = _flat(child, settings)
    assert "Parent or guardian" in text
    assert "Written consent Yes, on" in text
    assert "Birth history" in text
    assert "Labour" in text
    assert "Delivery" in text


def test_no_intake_is_a_clear_error(adult: PatientRecord, settings: ClinicSettings) -> None:
    with pytest.raises(ValueError, match="has no intake"):
        intake_summary_pdf(dataclasses.replace(adult, intake=None), settings, OPTIONS)


def test_not_screened(adult: PatientRecord, settings: ClinicSettings) -> None:
    intake = adult.intake
    assert intake is not None
    unscreened = dataclasses.replace(intake, contraindications=(), contraindications_screened_on=None)
    assert "Not screened at intake." in _flat(dataclasses.replace(adult, intake=unscreened), settings)
