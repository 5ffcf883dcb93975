"""The whole clinical record: identity, intake, every plan and every session with all that was
recorded (SOAP, rhythm, events, restrictions, techniques, outcomes, signatures, addenda), private
notes only when chosen, in any script, from an empty record to 200 sessions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path

import pytest

from cst_notes.demo import generate_clinic
from cst_notes.domain import vocabulary as V
from cst_notes.domain.intake import ContraindicationEntry
from cst_notes.domain.patient import Patient
from cst_notes.domain.plan import FollowUpPlan
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.screening import ScreeningChange
from cst_notes.domain.session import (
    DRAFT,
    AdverseReaction,
    OwnTechnique,
    Restriction,
    RhythmFinding,
    Session,
    SessionEvent,
    TechniqueApplied,
    technique_label,
)
from cst_notes.domain.settings import ClinicSettings
from cst_notes.domain.signing import Addendum, addendum_hash, content_hash
from cst_notes.reports import DocumentOptions, patient_record_pdf
from cst_notes.reports.formatting import local_date, long_date, number, short_date

from .conftest import (
    ISSUED,
    TODAY,
    embedded_font_problems,
    fingerprint,
    page_texts,
    pdffonts,
    qpdf_check,
    reader,
    with_ids,
)

OPTIONS = DocumentOptions(issued_on=ISSUED, timezone=dt.UTC)
PRIVATE_OPTIONS = dataclasses.replace(OPTIONS, include_private_notes=True)
ASSESSED_OPTIONS = dataclasses.replace(OPTIONS, include_assessment=True)
SUBJECTIVE = "Headaches eased for three days; slept through twice."
ASSESSMENT = "Dural tube restriction easing; cranial base still guarded."
PRIVATE = "SER dialogue: spoke about the accident in 2009."
ADDENDUM = "Correction: the temporal restriction was on the right, not the left."
OVERRIDE = "Neurologist's letter on file; gentle work only."


def _credentials(signer: str) -> str:
    """What follows a signer's name: the settings' credentials for the settings' therapist only."""
    return ", Dip. CST" if signer == "Anita Bose" else ""


def flat(pdf: bytes) -> str:
    """All pages' text, lines joined: wrapped sentences read whole."""
    return " ".join(" ".join(page_texts(pdf)).split())


@pytest.fixture(scope="module")
def record(by_script: dict[str, PatientRecord]) -> PatientRecord:
    """Six sessions (listed out of order) of a Latin-named adult: the second signed with an
    addendum and everything a session can hold, the last a draft; a current and an earlier plan."""
    base = by_script["latin"]
    sessions = list(base.sessions[:6])
    full = dataclasses.replace(
        sessions[1],
        subjective=SUBJECTIVE,
        assessment=ASSESSMENT,
        private_notes=PRIVATE,
        contraindication_override_reason=OVERRIDE,
        rhythm_findings=(
            RhythmFinding("heels", "left", 7.5, 2, "restricted_left", "weak", "flexion", "Anita Bose", "NOTE-H"),
            RhythmFinding("occiput", "both", 18.0, 3, "symmetric", "erratic", "none", "Rahul Mehta"),
        ),
        events=(
            SessionEvent("significance_detector", 31, None, "When the accident came up."),
            SessionEvent("still_point", 12, 90, "Deep stillness."),
        ),
        restrictions=(
            Restriction("cranial.temporal", "left", "moderate", "NOTE-R"),
            Restriction("dura.c2_c3", "midline", "severe"),
        ),
        techniques=(TechniqueApplied("cv4_still_point"), TechniqueApplied("custom.scar_release", "Old appendix scar")),
        adverse_reactions=(AdverseReaction("headache", "Eased by the evening."),),
        pain_before=7,
        pain_after=4,
        headache_days=5,
        global_impression=2,
    )
    full = dataclasses.replace(full, content_hash=content_hash(full))  # signed as it now reads
    addendum = Addendum(ADDENDUM, "Anita Bose", full.started_at + dt.timedelta(days=2))
    addendum = dataclasses.replace(addendum, content_hash=addendum_hash(addendum, full.content_hash))
    sessions[1] = dataclasses.replace(full, addenda=(addendum,))
    sessions[5] = dataclasses.replace(sessions[5], status=DRAFT, signed_at=None, signed_by="", content_hash="")
    random.Random(3).shuffle(sessions)
    first = min(s.started_at for s in sessions).date()
    earlier = FollowUpPlan(
        created_on=first, frequency="weekly", home_care="EARLIER-CARE", superseded_on=first + dt.timedelta(days=30)
    )
    current = FollowUpPlan(created_on=first + dt.timedelta(days=30), frequency="fortnightly", home_care="CURRENT-CARE")
    return dataclasses.replace(base, sessions=tuple(sessions), follow_up_plans=(earlier, current))


@pytest.fixture(scope="module")
def pdfs(record: PatientRecord, settings: ClinicSettings) -> dict[str, bytes]:
    return {
        "default": patient_record_pdf(record, settings, OPTIONS),
        "private": patient_record_pdf(record, settings, PRIVATE_OPTIONS),
        "assessed": patient_record_pdf(record, settings, ASSESSED_OPTIONS),
    }


def test_title_parts_and_metadata(record: PatientRecord, pdfs: dict[str, bytes]) -> None:
    text = flat(pdfs["default"])
    assert "Clinical record Complete record: intake of" in text
    assert "2 follow-up plans, 6 sessions from" in text
    for part in ("Intake", "Follow-up plans", "Sessions (6)"):
        assert part in text
    metadata = reader(pdfs["default"]).metadata
    assert metadata is not None
    assert metadata.title == f"Clinical record – {record.patient.full_name}"


def test_identity_and_the_intake_in_full(record: PatientRecord, pdfs: dict[str, bytes]) -> None:
    text = flat(pdfs["default"])
    intake = record.intake
    assert intake is not None
    assert record.patient.full_name in text
    assert record.patient.phone in text
    assert f"“{intake.complaint.strip()}”" in text
    for heading in ("Contraindications", "The complaint", "History", "Medications", "Consent"):
        assert heading in text
    assert intake.signed_at is not None
    when = f"{long_date(local_date(intake.signed_at, dt.UTC))} at {intake.signed_at:%H:%M}"
    assert f"Signed (author) by {intake.signed_by}{_credentials(intake.signed_by)} · {when}" in text


def test_every_session_in_date_order_with_its_soap_note_in_full(record: PatientRecord, pdfs: dict[str, bytes]) -> None:
    text = flat(pdfs["default"])
    sessions = sorted(record.sessions, key=lambda s: s.started_at)
    positions = [
        text.index(f"{long_date(local_date(s.started_at, dt.UTC))}, {s.started_at:%H:%M} Session {n} of 6")
        for n, s in enumerate(sessions, start=1)
    ]
    assert positions == sorted(positions)
    for s in sessions:
        for field in (s.subjective, s.objective, s.plan, s.response):
            assert field.strip() in text
    assert SUBJECTIVE in text
    assert ASSESSMENT not in text  # the therapist's assessment leaves the practice only when chosen
    assessed = flat(pdfs["assessed"])
    assert all(s.assessment.strip() in assessed for s in sessions)
    assert ASSESSMENT in assessed
    assert PRIVATE not in assessed
    s = next(s for s in sessions if s.subjective == SUBJECTIVE)
    assert f"{s.therapist} · {s.duration_minutes} minutes · consent renewed" in text


def test_rhythm_findings_table(record: PatientRecord, pdfs: dict[str, bytes]) -> None:
    text = flat(pdfs["default"])
    assert "Station Side Rate (cpm) Amplitude Symmetry Quality Phase Palpated by" in text
    assert "Heels — NOTE-H Left 7.5 2 – reduced Restricted on the left Weak Flexion Anita Bose" in text
    assert "Head (occiput) Both 18* 3 – normal Symmetric Erratic None Rahul Mehta" in text
    assert "* outside the usual 4–16 cycles per minute" in text
    for s in record.sessions:
        for f in s.rhythm_findings:
            assert f.rate is not None
            assert number(f.rate) in text


def test_events_restrictions_techniques_reactions_and_outcomes(record: PatientRecord, pdfs: dict[str, bytes]) -> None:
    text = flat(pdfs["default"])
    assert (
        "Still point minute 12 90 s Deep stillness. Significance detector minute 31 — When the accident came up."
        in text
    )
    assert "Temporal bone Left Moderate NOTE-R Dural attachment at C2–C3 Midline Severe —" in text
    for s in record.sessions:
        for r in s.restrictions:
            assert V.REGIONS.label(r.region) in text
        for t in s.techniques:
            assert technique_label(t.technique) in text
    assert "Techniques applied Still point (CV-4); Scar release — Old appendix scar" in text
    assert "custom.scar_release" not in text
    assert "Adverse reactions Headache — Eased by the evening." in text
    assert "Pain 7 before, 4 after (0–10); days with a headache since the last visit: 5;" in text
    assert "global impression of change: much improved (2/7)" in text
    assert f"Reason to treat {OVERRIDE}" in text


def test_signature_lines_drafts_and_addenda(record: PatientRecord, pdfs: dict[str, bytes]) -> None:
    text = flat(pdfs["default"])
    signed = [s for s in record.sessions if s.is_signed]
    assert len(signed) == 5
    for s in signed:
        assert s.signed_at is not None
        when = f"{long_date(local_date(s.signed_at, dt.UTC))} at {s.signed_at:%H:%M}"
        who = f"{s.signed_by}{_credentials(s.signed_by)}"
        assert f"Signed (author) by {who} · {when} · SHA-256 {s.content_hash[:16]}…" in text
    assert text.count("Draft — not signed") == 1
    assert text.count(" Signed ") >= 5
    assert " Draft " in text
    (addendum,) = next(s for s in record.sessions if s.addenda).addenda
    when = f"{long_date(addendum.created_at.date())} at {addendum.created_at:%H:%M}"
    digest = f"SHA-256 {addendum.content_hash[:16]}…"
    assert f"Addendum (correction) by Anita Bose, Dip. CST · {when} · {digest} {ADDENDUM}" in text


def test_plans_current_first_then_superseded(record: PatientRecord, pdfs: dict[str, bytes]) -> None:
    text = flat(pdfs["default"])
    earlier, current = record.follow_up_plans
    assert earlier.superseded_on is not None
    head = f"Current plan, from {long_date(current.created_on)} Frequency Fortnightly"
    old = f"Earlier plan of {long_date(earlier.created_on)} · superseded on {long_date(earlier.superseded_on)}"
    assert head in text
    assert old in text
    assert text.index(head) < text.index("CURRENT-CARE") < text.index(old) < text.index("EARLIER-CARE")


def test_private_notes_only_when_chosen(pdfs: dict[str, bytes]) -> None:
    default, chosen = flat(pdfs["default"]), flat(pdfs["private"])
    assert PRIVATE not in default
    assert "Private note —" not in default
    assert "Left out of this copy: the assessments and the private notes." in default
    assert f"Private note — included at the therapist's choice for this copy {PRIVATE}" in chosen
    assert "Left out of this copy: the assessments. Included at the therapist's choice: the private notes." in chosen


def test_valid_pdf_with_embedded_fonts(pdfs: dict[str, bytes], tmp_path: Path) -> None:
    for pdf in pdfs.values():
        result = qpdf_check(pdf, tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No syntax or stream encoding errors" in result.stdout
        assert embedded_font_problems(pdf) == []


def test_every_page_has_letterhead_and_page_x_of_y(record: PatientRecord, pdfs: dict[str, bytes]) -> None:
    pages = page_texts(pdfs["default"])
    assert len(pages) >= 4
    for n, text in enumerate(pages, start=1):
        for wanted in ("Stillpoint Craniosacral Practice", "Clinical record", record.patient.display_name):
            assert wanted in text, (n, wanted)
        assert f"Issued {long_date(ISSUED)}" in text
        assert f"Page {n} of {len(pages)}" in text


@pytest.mark.parametrize("script", ["bengali", "devanagari"])
def test_indic_names_render_without_missing_glyphs(
    by_script: dict[str, PatientRecord], settings: ClinicSettings, script: str, tmp_path: Path
) -> None:
    record = dataclasses.replace(by_script[script], sessions=by_script[script].sessions[:3])
    strict = dataclasses.replace(OPTIONS, on_missing_glyph="raise")  # any undrawable character raises
    pdf = patient_record_pdf(record, settings, strict)
    pages = page_texts(pdf)
    patient = record.patient
    assert all(fingerprint(patient.display_name, bold=True) in page for page in pages)
    assert "[U+" not in "".join(pages)
    fonts = pdffonts(pdf, tmp_path)
    assert script.capitalize() in fonts
    assert embedded_font_problems(pdf) == []
    assert qpdf_check(pdf, tmp_path).returncode == 0


def test_page_count_grows_with_sessions(by_script: dict[str, PatientRecord], settings: ClinicSettings) -> None:
    record = by_script["latin"]

    def pages(sessions: int) -> int:
        pdf = patient_record_pdf(dataclasses.replace(record, sessions=record.sessions[:sessions]), settings, OPTIONS)
        return len(reader(pdf).pages)

    counts = [pages(n) for n in (0, 2, 8, 24)]
    assert counts == sorted(set(counts)), counts  # strictly more pages each time


def test_no_intake_no_plans_no_sessions(
    by_script: dict[str, PatientRecord], child: PatientRecord, settings: ClinicSettings
) -> None:
    bare = PatientRecord(by_script["latin"].patient)
    text = flat(patient_record_pdf(bare, settings, OPTIONS))
    for wanted in ("No intake is on record.", "No follow-up plan is on record.", "No sessions are on record."):
        assert wanted in text
    assert "no intake, 0 follow-up plans, 0 sessions" in text
    assert "at intake" not in text
    assert f"{bare.patient.birth_date.year} (aged" in text
    minor = flat(patient_record_pdf(PatientRecord(child.patient), settings, OPTIONS))
    assert "Parent or guardian" in minor


def test_long_notes_split_across_pages(record: PatientRecord, settings: ClinicSettings) -> None:
    long = ("The neck is stiff after long days at the desk, and sleep is poor. " * 150)[:10_000]
    session = dataclasses.replace(record.sessions[0], subjective=long, private_notes=long)
    pdf = patient_record_pdf(dataclasses.replace(record, sessions=(session,)), settings, PRIVATE_OPTIONS)
    pages = page_texts(pdf)
    assert len(pages) > 4
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
    assert long[-40:].strip() in " ".join(" ".join(pages).split())


def test_user_text_in_tables_in_any_script_and_with_markup_characters(
    record: PatientRecord, by_script: dict[str, PatientRecord], settings: ClinicSettings
) -> None:
    """Short Latin cells are drawn as plain strings, the rest as shaped paragraphs: both as typed."""
    bengali = by_script["bengali"].patient.full_name
    session = dataclasses.replace(
        record.sessions[0],
        restrictions=(Restriction("body.knee", "left", "mild", "Tight <b> & 'sore'"),),
        rhythm_findings=(RhythmFinding("heels", "both", 9.0, palpated_by=bengali),),
        events=(SessionEvent("still_point", 5, 30, "Müller & <i>co</i>"),),
    )
    pdf = patient_record_pdf(dataclasses.replace(record, sessions=(session,)), settings, OPTIONS)
    text = flat(pdf)
    assert "Knee Left Mild Tight <b> & 'sore'" in text
    assert "Müller & <i>co</i>" in text
    assert fingerprint(bengali) in "".join(page_texts(pdf))
    assert "[U+" not in text


def test_technique_labels() -> None:
    assert technique_label("cv4_still_point") == "Still point (CV-4)"
    assert technique_label("custom.scar_release") == "Scar release"  # a file from before names were kept
    assert technique_label("custom.v-spread_2") == "V-spread 2"


def test_an_own_technique_prints_as_the_therapist_typed_it(settings: ClinicSettings) -> None:
    code = "custom.tmj_jaw_balancing_upledger"
    record = PatientRecord(
        Patient("Lena Berg", dt.date(1980, 1, 1), id=1),
        sessions=(Session(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), techniques=(TechniqueApplied(code),), id=1),),
        own_techniques=(OwnTechnique(code, "TMJ/jaw balancing (Upledger)"),),
    )
    assert "Techniques applied TMJ/jaw balancing (Upledger)" in flat(patient_record_pdf(record, settings))


def test_two_hundred_sessions(settings: ClinicSettings) -> None:
    """Every session is there and numbered, and the pages count to the end. (How long it takes is
    the benchmark's: `make bench` times the whole record of a long chart.)"""
    record = next(r for r in generate_clinic(patients=5, sessions=200, seed=3, today=TODAY) if len(r.sessions) == 200)
    pdf = patient_record_pdf(with_ids(record), settings, OPTIONS)
    pages = reader(pdf).pages
    end = " ".join(page.extract_text() for page in pages[-2:])  # reading all 150 pages would take seconds
    assert len(pages) > 100
    assert f"Page {len(pages)} of {len(pages)}" in end
    assert "Session 200 of 200" in end
    assert "Draft — not signed" in end


def test_the_contraindications_now_and_each_change_since_the_intake(
    record: PatientRecord, settings: ClinicSettings
) -> None:
    """The intake keeps what was known then; the record also shows the list in force and its changes."""
    assert record.intake is not None
    intake = dataclasses.replace(
        record.intake,
        contraindications=(ContraindicationEntry("cerebral_aneurysm", "small, followed"),),
        contraindications_screened_on=record.intake.intake_date,
    )
    changes = (
        ScreeningChange("resolved", TODAY - dt.timedelta(days=9), "Anita Bose", "cerebral_aneurysm", "cleared by MRI"),
        ScreeningChange("found", TODAY - dt.timedelta(days=5), "Ravi Kumar", "epilepsy", "new diagnosis"),
    )
    text = flat(
        patient_record_pdf(dataclasses.replace(record, intake=intake, screening_changes=changes), settings, OPTIONS)
    )
    at_intake, now = text.split("Contraindications now")
    assert "Cerebral aneurysm — small, followed" in at_intake  # the intake as signed
    assert "Cerebral aneurysm" not in now.split("Changes since the intake")[0]
    assert f"Epilepsy — new diagnosis (since {long_date(TODAY - dt.timedelta(days=5))}, by Ravi Kumar)" in now
    resolved = f"{short_date(TODAY - dt.timedelta(days=9))} Cerebral aneurysm: resolved Anita Bose cleared by MRI"
    assert resolved in now
    assert f"{short_date(TODAY - dt.timedelta(days=5))} Epilepsy: found present Ravi Kumar new diagnosis" in now


def test_no_changes_since_the_intake_no_second_list(record: PatientRecord, pdfs: dict[str, bytes]) -> None:
    assert record.screening_changes == ()
    assert "Contraindications now" not in flat(pdfs["default"])


def test_an_emotional_release_prints_as_a_response_not_an_adverse_reaction(
    by_script: dict[str, PatientRecord], settings: ClinicSettings
) -> None:
    base = by_script["latin"]
    noted = (AdverseReaction("headache", "EASED-LATER"), AdverseReaction("emotional_release", "TEARS-AT-END"))
    session = dataclasses.replace(base.sessions[0], adverse_reactions=noted)
    text = flat(patient_record_pdf(dataclasses.replace(base, sessions=(session,)), settings, OPTIONS))
    assert "Responses Emotional release — TEARS-AT-END" in text
    assert "Adverse reactions Headache — EASED-LATER Craniosacral rhythm" in text  # the reaction alone
