"""A signature binds who signed, when, which patient and which record; older signatures still
verify as what they are; signer names are checked wherever they come in."""

from __future__ import annotations

import copy
import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from cst_notes.domain.intake import Intake
from cst_notes.domain.patient import Patient
from cst_notes.domain.validation import NAME_MAX, ValidationError
from cst_notes.services import Services
from tests.services.test_signing import EMMA, SESSION

DATA = Path(__file__).parent / "data"
# An export made by CST Notes before signature schemes were recorded (format 4): a signed intake
# and a signed session, each with an addendum; and a database made by the same version.
OLD_EXPORT = DATA / "export-format-4-signed.json"
OLD_DATABASE = DATA / "schema-8-signed-notes.sql"


def exported(services: Services) -> dict[str, Any]:
    pid = services.create_patient(EMMA).patient_id
    services.save_intake(pid, Intake(dt.date(2026, 1, 5), complaint="Headaches"))
    services.sign_intake(pid, "Anita Bose")
    sid = services.add_session(pid, SESSION).session_id
    services.sign_session(sid, "Anita Bose")
    services.add_session_addendum(sid, "Pain after was 4, not 3.", "Anita Bose")
    return services.export_document(pid)


def refused(document: dict[str, Any]) -> ValidationError:
    other = Services.open(":memory:")
    try:
        with pytest.raises(ValidationError) as caught:
            other.import_document(document)
        assert other.counts()["patients"] == 0
    finally:
        other.close()
    return caught.value


# --- item 3 -----------------------------------------------------------------------------------


def test_new_signatures_record_their_scheme_and_form_and_travel_with_them(services: Services) -> None:
    document = exported(services)
    assert document["format_version"] == 7
    [patient] = document["patients"]
    session = patient["sessions"][0]
    assert (session["signature_scheme"], session["canonical_form"]) == (2, 2)
    assert (patient["intake"]["signature_scheme"], patient["intake"]["canonical_form"]) == (2, 2)
    assert session["addenda"][0]["signature_scheme"] == 2
    other = Services.open(":memory:")
    other.import_document(document)
    [copied] = other.sessions(other.patient_summaries()[0].id)
    assert (copied.signature_scheme, copied.canonical_form) == (2, 2)
    assert other.check().ok
    other.close()


@pytest.mark.parametrize(
    ("field", "value"),
    [("signed_at", "1999-01-01T00:00:00Z"), ("signed_by", "Rahul Mehta")],
)
def test_an_import_with_the_signer_or_time_changed_is_refused(services: Services, field: str, value: str) -> None:
    document = exported(services)
    for note in (document["patients"][0]["sessions"][0], document["patients"][0]["intake"]):
        changed = copy.deepcopy(document)
        target = changed["patients"][0]["sessions"][0] if "started_at" in note else changed["patients"][0]["intake"]
        target[field] = value
        error = refused(changed)
        assert any(e.field.endswith(".content_hash") and "changed after signing" in e.message for e in error.errors)


def test_an_import_with_a_signed_session_moved_to_another_patient_is_refused(services: Services) -> None:
    document = exported(services)
    other_pid = services.create_patient(Patient("Rina Das", dt.date(1990, 2, 3))).patient_id
    second = services.export_document(other_pid)["patients"][0]
    second["sessions"] = document["patients"][0].pop("sessions")
    document["patients"].append(second)
    error = refused(document)
    assert [e.field for e in error.errors] == ["patients[1].sessions[0].content_hash"]


def test_the_1999_and_one_megabyte_signer_import_of_the_issue_is_refused(services: Services) -> None:
    document = exported(services)
    session = document["patients"][0]["sessions"][0]
    session["signed_at"], session["signed_by"] = "1999-01-01T00:00:00Z", "A" * 1_000_000
    error = refused(document)
    assert "patients[0].sessions[0].signed_by" in error.fields
    assert f"is too long (1000000 characters; at most {NAME_MAX})" in str(error)


def test_check_reports_a_signer_changed_behind_the_apps_back(db_path: Path) -> None:
    services = Services.open(db_path)
    exported(services)
    services.close()
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER sessions_signed_no_update")
    conn.execute("DROP TRIGGER intakes_signed_no_update")
    conn.execute("UPDATE sessions SET signed_by = 'Rahul Mehta'")
    conn.execute("UPDATE intakes SET signed_at = '1999-01-01T00:00:00Z'")
    conn.commit()
    conn.close()
    services = Services.open(db_path)
    problems = services.check().problems
    services.close()
    assert any(p.startswith("session 1 ") and "no longer matches" in p for p in problems)
    assert any(p.startswith("intake of patient 1") and "no longer matches" in p for p in problems)


def test_an_older_export_still_imports_and_its_signatures_verify_as_content_only(services: Services) -> None:
    document = json.loads(OLD_EXPORT.read_text(encoding="utf-8"))
    assert document["format_version"] == 4
    services.import_document(document)
    pid = services.patient_summaries()[0].id
    [session] = services.sessions(pid)
    intake = services.intake(pid)
    assert intake is not None
    assert (session.signature_scheme, intake.signature_scheme, session.addenda[0].signature_scheme) == (1, 1, 1)
    report = services.check()
    assert report.ok
    assert report.notes == (
        "2 signed notes were signed before signatures bound the signer, the time and the patient "
        "(scheme 1: their content is verified, not who signed it or when): "
        "session 1 (patient 1, 2026-03-02); intake of patient 1",
    )


def test_an_older_export_with_a_changed_note_is_still_refused() -> None:
    document = json.loads(OLD_EXPORT.read_text(encoding="utf-8"))
    document["patients"][0]["sessions"][0]["pain_after"] = 0
    assert refused(document).fields == ("patients[0].sessions[0].content_hash",)


def test_a_database_from_before_signature_schemes_opens_with_every_signature_intact(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(OLD_DATABASE.read_text(encoding="utf-8"))
    conn.close()
    services = Services.open(path)
    try:
        report = services.check()
        assert report.ok, report.problems
        assert len(report.notes) == 1
        assert "2 signed notes" in report.notes[0]
        pid = services.patient_summaries()[0].id
        signed, draft = services.sessions(pid)
        assert (signed.signature_scheme, signed.content_hash[:8]) == (1, "f3ef27d9")
        services.sign_session(draft.id or 0, "Anita Bose")
        assert services.session(draft.id or 0).signature_scheme == 2
        assert services.check().ok
    finally:
        services.close()


# --- item 6 -----------------------------------------------------------------------------------

BAD_NAMES = ["Anita\x00Bose", "Anita\nBose", "Anita\x1b[31mBose", "A" * (NAME_MAX + 1), "\u202eesoB atinA"]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_signing_with_a_bad_name_is_refused_naming_the_field(services: Services, name: str) -> None:
    pid = services.create_patient(EMMA).patient_id
    sid = services.add_session(pid, SESSION).session_id
    services.save_intake(pid, Intake(dt.date(2026, 1, 5), complaint="Headaches"))
    with pytest.raises(ValidationError) as caught:
        services.sign_session(sid, name)
    assert caught.value.fields == ("signed_by",)
    with pytest.raises(ValidationError) as caught:
        services.sign_intake(pid, name)
    assert caught.value.fields == ("signed_by",)
    assert not services.session(sid).is_signed
    intake = services.intake(pid)
    assert intake is not None
    assert not intake.is_signed


@pytest.mark.parametrize("name", BAD_NAMES)
def test_an_addendum_by_a_bad_name_is_refused_naming_the_field(services: Services, name: str) -> None:
    pid = services.create_patient(EMMA).patient_id
    sid = services.add_session(pid, SESSION).session_id
    services.sign_session(sid, "Anita Bose")
    with pytest.raises(ValidationError) as caught:
        services.add_session_addendum(sid, "Correction.", name)
    assert caught.value.fields == ("author",)
    assert services.session(sid).addenda == ()


@pytest.mark.parametrize("name", ["Anita\x00Bose", "Anita\nBose"])
def test_an_import_with_a_bad_signer_or_author_is_refused(services: Services, name: str) -> None:
    document = exported(services)
    session = document["patients"][0]["sessions"][0]
    session["addenda"][0]["author"] = name
    document["patients"][0]["intake"]["signed_by"] = name
    assert set(refused(document).fields) >= {
        "patients[0].sessions[0].addenda[0].author",
        "patients[0].intake.signed_by",
    }


def test_cst_notes_check_names_the_notes_of_the_older_scheme(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cst_notes.cli import main

    clinic = Services.open(db_path)
    clinic.import_document(json.loads(OLD_EXPORT.read_text(encoding="utf-8")))
    clinic.close()
    assert main(["check", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok\n")
    assert "note: 2 signed notes were signed before signatures bound the signer" in out
