"""Signed notes are locked, in the database itself; corrections are signed addenda; all is audited."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from cst_notes.domain import audit as A
from cst_notes.domain.intake import Intake
from cst_notes.domain.patient import Patient
from cst_notes.domain.plan import FollowUpPlan
from cst_notes.domain.session import Restriction, RhythmFinding, Session, TechniqueApplied
from cst_notes.domain.settings import ClinicSettings
from cst_notes.domain.validation import ValidationError
from cst_notes.services import LockedError, Services
from tests.conftest import NO_RECORDS_REASON

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
EMMA = Patient("Emma Smith", dt.date(1980, 5, 1))
SESSION = Session(
    NOW,
    therapist="Anita Bose",
    pain_before=6,
    pain_after=3,
    rhythm_findings=(RhythmFinding("occiput", "both", 8.0, 3),),
    restrictions=(Restriction("diaphragm.respiratory", "midline", "moderate"),),
    techniques=(TechniqueApplied("cv4_still_point"),),
    contraindication_override_reason=NO_RECORDS_REASON,
)


def signed_session(services: Services) -> tuple[int, int]:
    pid = services.create_patient(EMMA).patient_id
    sid = services.add_session(pid, SESSION).session_id
    services.sign_session(sid, "Anita Bose")
    return pid, sid


def test_signing_stores_time_therapist_and_hash(services: Services) -> None:
    _, sid = signed_session(services)
    stored = services.session(sid)
    assert stored.is_signed
    assert stored.signed_by == "Anita Bose"
    assert stored.signed_at is not None
    assert stored.signed_at.tzinfo is not None
    assert (stored.signature_scheme, stored.canonical_form) == (2, 2)  # the hashes: tests/domain/test_signatures.py
    assert len(stored.content_hash) == 64
    assert services.check().ok


def test_a_signed_session_cannot_be_edited_through_the_app(services: Services) -> None:
    _, sid = signed_session(services)
    with pytest.raises(LockedError, match="addendum"):
        services.update_session(replace(services.session(sid), pain_after=0))
    with pytest.raises(LockedError, match="already signed"):
        services.sign_session(sid, "Someone Else")
    assert services.session(sid).pain_after == 3


RAW_CHANGES = [
    "UPDATE sessions SET pain_after = 0",
    "UPDATE sessions SET status = 'draft'",
    "DELETE FROM sessions",
    "DELETE FROM patients",
    "UPDATE rhythm_findings SET rate = 12",
    "DELETE FROM restrictions",
    "INSERT INTO techniques_applied (session_id, position, technique) VALUES (1, 5, 'frontal_lift')",
    "UPDATE addenda SET text = 'rewritten'",
    "DELETE FROM addenda",
    "DELETE FROM audit_log",
    "UPDATE audit_log SET actor = 'nobody'",
]


@pytest.mark.parametrize("sql", RAW_CHANGES)
def test_a_raw_sqlite3_client_cannot_change_a_signed_note(db_path: Path, sql: str) -> None:
    services = Services.open(db_path)
    _, sid = signed_session(services)
    services.add_session_addendum(sid, "Pain after was 4, not 3.", "Anita Bose")
    services.close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError, match=r"signed and locked|never changed or deleted"):
        conn.execute(sql)
    conn.close()
    services = Services.open(db_path)
    assert services.check().ok
    assert services.session(sid).pain_after == 3
    services.close()


def test_an_addendum_is_dated_signed_and_shown_with_the_note(services: Services) -> None:
    _, sid = signed_session(services)
    services.add_session_addendum(sid, "ব্যথা পরে ৪ ছিল, ৩ নয়।", "Anita Bose")
    [addendum] = services.session(sid).addenda
    assert addendum.text == "ব্যথা পরে ৪ ছিল, ৩ নয়।"
    assert addendum.author == "Anita Bose"
    assert addendum.created_at.tzinfo is not None
    assert len(addendum.content_hash) == 64
    assert services.check().ok


def test_an_addendum_is_stored_exactly_as_typed(services: Services) -> None:
    """Indentation, line breaks and a trailing newline are part of what the therapist wrote and signed."""
    _, sid = signed_session(services)
    typed = "  Correction:\n    left side, not right.\n\n"
    services.add_session_addendum(sid, typed, "Anita Bose")
    [addendum] = services.session(sid).addenda
    assert addendum.text == typed
    assert services.check().ok  # its signature covers the text as stored


def test_an_addendum_round_trips_through_export_and_import(services: Services) -> None:
    pid, sid = signed_session(services)
    services.add_session_addendum(sid, "Correction: left side, not right.", "Anita Bose")
    document = services.export_document(pid)
    other = Services.open(":memory:")
    other.import_document(document)
    [copy] = other.sessions(other.patient_summaries()[0].id)
    assert copy.is_signed
    assert copy.addenda == services.session(sid).addenda
    assert copy.content_hash == services.session(sid).content_hash
    assert other.check().ok
    other.close()


def test_an_import_whose_signed_note_was_edited_is_refused(services: Services) -> None:
    pid, _ = signed_session(services)
    document = services.export_document(pid)
    document["patients"][0]["sessions"][0]["pain_after"] = 0
    other = Services.open(":memory:")
    with pytest.raises(ValidationError, match="changed after signing"):
        other.import_document(document)
    assert other.counts()["patients"] == 0
    other.close()


def test_an_addendum_needs_a_signed_note_text_and_author(services: Services) -> None:
    pid = services.create_patient(EMMA).patient_id
    sid = services.add_session(pid, SESSION).session_id
    with pytest.raises(ValidationError, match="only a signed note"):
        services.add_session_addendum(sid, "text", "Anita Bose")
    services.sign_session(sid, "Anita Bose")
    with pytest.raises(ValidationError) as caught:
        services.add_session_addendum(sid, "  ", "")
    assert set(caught.value.fields) == {"text", "author"}
    assert services.session(sid).addenda == ()


def test_the_signed_intake_is_locked_too(services: Services) -> None:
    pid = services.create_patient(EMMA).patient_id
    services.save_intake(pid, Intake(dt.date(2026, 1, 5), complaint="Headaches"))
    services.sign_intake(pid, "Anita Bose")
    with pytest.raises(LockedError):
        services.save_intake(pid, Intake(dt.date(2026, 1, 5), complaint="Changed"))
    services.add_intake_addendum(pid, "Also reports jaw clicking.", "Anita Bose")
    stored = services.intake(pid)
    assert stored is not None
    assert stored.complaint == "Headaches"
    assert len(stored.addenda) == 1
    assert services.check().ok


def test_check_reports_a_signed_note_whose_content_no_longer_matches(db_path: Path) -> None:
    services = Services.open(db_path)
    _, sid = signed_session(services)
    services.close()
    conn = sqlite3.connect(db_path)  # someone drops the lock and edits the note behind the app's back
    conn.execute("DROP TRIGGER sessions_signed_no_update")
    conn.execute("UPDATE sessions SET pain_after = 0")
    conn.commit()
    conn.close()
    services = Services.open(db_path)
    report = services.check()
    assert not report.ok
    assert any(f"session {sid}" in p and "no longer matches" in p for p in report.problems)
    services.close()


def test_every_kind_of_change_is_audited_with_who_and_before_and_after(services: Services) -> None:
    services.set_actor("Anita Bose")
    pid = services.create_patient(EMMA).patient_id
    services.update_patient(replace(services.patient(pid), phone="+91 98300 00000"))
    services.save_intake(pid, Intake(dt.date(2026, 1, 5), complaint="Headaches"))
    services.save_intake(pid, Intake(dt.date(2026, 1, 5), complaint="Headaches and neck pain"))
    sid = services.add_session(pid, SESSION).session_id
    services.update_session(replace(services.session(sid), pain_after=2))
    services.add_plan(pid, FollowUpPlan(dt.date(2026, 3, 2)))
    services.sign_session(sid, "Anita Bose")
    services.add_session_addendum(sid, "Correction.", "Anita Bose")
    services.save_settings(ClinicSettings(clinic_name="Kolkata CST"))
    entries = list(reversed(services.history()))
    assert [(e.action, e.entity) for e in entries] == [
        (A.CREATE, "patient"),
        (A.UPDATE, "patient"),
        (A.CREATE, "intake"),
        (A.UPDATE, "intake"),
        (A.CREATE, "session"),
        (A.UPDATE, "session"),
        (A.CREATE, "plan"),
        (A.SIGN, "session"),
        (A.ADDENDUM, "session"),
        (A.UPDATE, "settings"),
    ]
    assert all(e.actor == "Anita Bose" and e.changed_at.tzinfo is not None for e in entries)
    phone = entries[1]
    assert phone.before["phone"] == ""
    assert phone.after["phone"] == "+91 98300 00000"
    assert phone.changed_fields() == ["phone"]
    assert entries[3].before["complaint"] == "Headaches"
    assert entries[5].changed_fields() == ["pain_after"]
    assert services.history(pid)[0].action == A.ADDENDUM
    assert services.history(pid + 1) == []


def test_an_import_is_audited_per_patient(services: Services) -> None:
    services.create_demo_clinic(3, 2)
    entries = [e for e in services.history() if e.action == A.IMPORT]  # the demo's letterhead is audited too
    assert len(entries) == 3
    assert all("sessions" in e.summary for e in entries)
    assert {e.patient_id for e in entries} == set(services.patient_ids())
