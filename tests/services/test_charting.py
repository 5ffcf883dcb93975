"""Start from the last session, and saved templates."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from cst_notes.domain import vocabulary as V
from cst_notes.domain.charting import SessionTemplate, template_from_session
from cst_notes.domain.patient import Patient, new_uid
from cst_notes.domain.session import Restriction, RhythmFinding, Session, TechniqueApplied
from cst_notes.domain.validation import ValidationError
from cst_notes.services import Services
from tests.conftest import NO_RECORDS_REASON

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
LAST = Session(
    NOW - dt.timedelta(days=7),
    duration_minutes=75,
    therapist="Anita Bose",
    subjective="Headaches less often.",
    pain_before=6,
    pain_after=3,
    private_notes="SER dialogue",
    rhythm_findings=(RhythmFinding("occiput", "both", 8.0, 3, "symmetric"),),
    restrictions=(Restriction("diaphragm.respiratory", "midline", "moderate"),),
    techniques=(TechniqueApplied("cv4_still_point"), TechniqueApplied("frontal_lift")),
    contraindication_override_reason=NO_RECORDS_REASON,
)


def test_start_from_last_copies_findings_but_never_dates_pain_notes_or_signatures(services: Services) -> None:
    pid = services.create_patient(Patient("অমিত রায়", dt.date(1980, 1, 1))).patient_id
    sid = services.add_session(pid, LAST).session_id
    services.sign_session(sid, "Anita Bose")
    new = services.start_from_last_session(pid, NOW)
    assert new.started_at == NOW
    assert new.status == "draft"
    assert new.content_hash == ""
    assert new.signed_by == ""
    assert new.rhythm_findings == LAST.rhythm_findings
    assert new.restrictions == LAST.restrictions
    assert new.techniques == LAST.techniques
    assert new.pain_before is None
    assert new.pain_after is None
    assert new.subjective == ""
    assert new.private_notes == ""
    assert new.uid != services.session(sid).uid
    services.add_session(
        pid, replace(new, contraindication_override_reason=NO_RECORDS_REASON)
    )  # an editable starting point that saves as a new draft
    assert len(services.sessions(pid)) == 2


def test_start_from_last_for_a_first_session_is_empty(services: Services) -> None:
    pid = services.create_patient(Patient("Emma Smith", dt.date(1980, 1, 1))).patient_id
    assert services.start_from_last_session(pid, NOW).techniques == ()


def test_a_template_is_saved_replaced_by_name_and_listed(services: Services) -> None:
    ten_step = tuple(TechniqueApplied(t.code) for t in V.TECHNIQUES.in_group(V.TEN_STEP))
    first = services.save_session_template(SessionTemplate("Standard 10-step", 60, techniques=ten_step))
    again = services.save_session_template(template_from_session("Standard 10-step", LAST))
    assert first == again
    [stored] = services.session_templates()
    assert stored.name == "Standard 10-step"
    assert stored.techniques == LAST.techniques
    assert stored.id == first
    services.delete_session_template(first)
    assert services.session_templates() == []


def test_a_bad_template_is_refused(services: Services) -> None:
    with pytest.raises(ValidationError) as caught:
        services.save_session_template(SessionTemplate("  ", techniques=(TechniqueApplied("reiki"),)))
    assert set(caught.value.fields) == {"name", "techniques[0].technique"}
    assert services.session_templates() == []


def test_an_own_technique_keeps_its_name_through_export_and_import(services: Services) -> None:
    code = services.add_custom_technique("TMJ/jaw balancing (Upledger)")
    patient_id = services.create_patient(Patient("Lena Berg", dt.date(1980, 1, 1))).patient_id
    when = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    services.add_session(
        patient_id,
        Session(when, techniques=(TechniqueApplied(code),), contraindication_override_reason=NO_RECORDS_REASON),
    )
    exported = json.loads(json.dumps(services.export_document()))
    other = Services.open(":memory:")
    try:
        imported = other.import_document(exported).patient_id
        assert other.custom_techniques() == {code: "TMJ/jaw balancing (Upledger)"}
        assert other.record(imported).technique_labels == {code: "TMJ/jaw balancing (Upledger)"}
        # and back again, into the first file, the name stays as the therapist typed it
        again = json.loads(json.dumps(other.export_document()))
        again["patients"][0]["uid"] = new_uid()
        again["patients"][0]["sessions"][0]["uid"] = new_uid()
        services.import_document(again)
        assert services.custom_techniques() == {code: "TMJ/jaw balancing (Upledger)"}
    finally:
        other.close()
