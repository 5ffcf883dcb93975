"""The intake summary: identity, guardian, complaint, history, contraindications, consent."""

from __future__ import annotations

import dataclasses

import pytest

from cst_notes.domain import vocabulary as V
from cst_notes.domain.intake import ContraindicationEntry, Medication, Surgery
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.settings import ClinicSettings
from cst_notes.reports import DocumentOptions, intake_summary_pdf, patient_record_pdf

from .conftest import ISSUED, page_texts, pdf_text

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


@pytest.mark.parametrize("language", ["en", "bn", "hi"])
def test_an_ordinary_adult_intake_is_one_page_not_two_with_a_line_on_the_second(
    adult: PatientRecord, settings: ClinicSettings, language: str
) -> None:
    """One medication, nothing else in the history: the whole summary, consent and signature with
    it, is one page (empty lists are one line each, and a last page of a line or two is tried
    with closer spacing), not a second page holding only the consent."""
    intake = adult.intake
    assert intake is not None
    ordinary = dataclasses.replace(
        intake,
        medications=(Medication("Sertraline", "50 mg daily"),),
        surgeries=(),
        trauma=(),
        contraindications=(),
        conditions=intake.conditions[:2],
    )
    record = dataclasses.replace(adult, intake=ordinary)
    options = dataclasses.replace(OPTIONS, language=language)
    pages = page_texts(intake_summary_pdf(record, settings, options))
    assert len(pages) == 1
    assert "Sertraline" in pages[0]
    assert "SHA-256" in pages[0]  # the signature line, the document's last


def test_consent_the_patient_gave_is_theirs_and_a_guardians_is_named(
    adult: PatientRecord, child: PatientRecord, settings: ClinicSettings
) -> None:
    """The summary speaks to the patient: "You gave your consent", not "given by" their own name
    (or "the client"); a child's consent was given by the guardian, who is named."""
    intake = adult.intake
    assert intake is not None
    own = dataclasses.replace(intake, consent_given_by=adult.patient.full_name)
    text = _flat(dataclasses.replace(adult, intake=own), settings)
    day = intake.consent_date
    assert day is not None
    assert f"You gave your consent to treatment on {day.day} {day:%B %Y}; it is renewed at each session." in text
    assert "given by" not in text
    record = " ".join(pdf_text(patient_record_pdf(dataclasses.replace(adult, intake=own), settings, OPTIONS)).split())
    assert f"Consent to treatment was given by {adult.patient.full_name} on" in record  # the practitioners' record
    assert child.intake is not None
    assert child.patient.guardian is not None
    guardian = dataclasses.replace(child.patient.guardian, name="Maria Lopez")
    by_guardian = dataclasses.replace(
        child,
        patient=dataclasses.replace(child.patient, guardian=guardian),
        intake=dataclasses.replace(child.intake, consent_given_by="Maria Lopez"),
    )
    text = _flat(by_guardian, settings)
    assert "Consent to treatment was given by Maria Lopez on" in text
    assert "You gave" not in text
