"""The patient's preferred language for documents (issue 16): English, Bengali or Hindi, English
unless chosen; any other value is refused naming the field, by the services and by the database;
the export file carries it, and an export from before it imports as English."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cst_notes.domain import vocabulary as V
from cst_notes.domain.patient import Patient
from cst_notes.domain.validation import ValidationError
from cst_notes.services import Services

DATA = Path(__file__).parent / "data"
OLD_EXPORT = DATA / "export-format-4-signed.json"  # made before patients had a document language
OLD_DATABASE = DATA / "schema-8-signed-notes.sql"


def arindam(**changes: Any) -> Patient:
    """A new patient (a uid of his own) named in Bengali."""
    return dataclasses.replace(Patient("অরিন্দম মুখোপাধ্যায়", dt.date(1984, 3, 9), "male"), **changes)


NOT_A_LANGUAGE = st.one_of(st.text(max_size=12), st.sampled_from(["fr", "EN", "bn ", "Bengali", "hi-IN"])).filter(
    lambda code: code not in V.DOCUMENT_LANGUAGES
)


def test_the_languages_are_english_bengali_and_hindi_named_in_their_own_scripts() -> None:
    assert [(t.code, t.label) for t in V.DOCUMENT_LANGUAGES] == [
        ("en", "English"),
        ("bn", "Bengali — বাংলা"),
        ("hi", "Hindi — हिन्दी"),
    ]


def test_a_new_patient_has_documents_in_english_unless_chosen(services: Services) -> None:
    plain = services.create_patient(arindam()).patient_id
    chosen = services.create_patient(arindam(document_language="bn")).patient_id
    assert services.patient(plain).document_language == "en"
    assert services.patient(chosen).document_language == "bn"


def test_the_language_is_changed_with_the_patients_details_and_the_change_is_audited(services: Services) -> None:
    pid = services.create_patient(arindam()).patient_id
    services.update_patient(dataclasses.replace(services.patient(pid), document_language="hi"))
    assert services.patient(pid).document_language == "hi"
    [change] = [e for e in services.history(pid) if e.before is not None and e.after is not None]
    assert change.changed_fields() == ["document_language"]
    assert (change.before["document_language"], change.after["document_language"]) == ("en", "hi")


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=NOT_A_LANGUAGE)
def test_a_language_of_no_vocabulary_is_refused_naming_the_field_and_nothing_changes(
    services: Services, code: str
) -> None:
    pid = services.create_patient(arindam(full_name="Rahul Das")).patient_id
    before, stored = services.patient_summaries(), services.patient(pid)
    with pytest.raises(ValidationError) as new:
        services.create_patient(arindam(document_language=code))
    with pytest.raises(ValidationError) as changed:
        services.update_patient(dataclasses.replace(stored, document_language=code, phone="98300 00000"))
    assert new.value.fields == changed.value.fields == ("document_language",)
    assert services.patient_summaries() == before
    assert services.patient(pid) == stored


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=st.one_of(st.sampled_from(V.DOCUMENT_LANGUAGES.codes), st.text(max_size=12)))
def test_a_raw_sqlite_client_stores_a_language_if_and_only_if_it_is_one_of_the_vocabulary(
    file_services: Services, db_path: Path, code: str
) -> None:
    pid = file_services.create_patient(arindam(document_language="bn")).patient_id
    conn = sqlite3.connect(db_path)
    try:
        update = "UPDATE patients SET document_language = ? WHERE id = ?"
        stored = code in V.DOCUMENT_LANGUAGES
        if stored:
            with conn:
                conn.execute(update, [code, pid])
        else:
            with pytest.raises(sqlite3.IntegrityError, match=r"^patients\.document_language: not a code of vocabulary"):
                conn.execute(update, [code, pid])
            conn.rollback()
        held = conn.execute("SELECT document_language FROM patients WHERE id = ?", [pid]).fetchone()[0]
        conn.execute("DELETE FROM patients")
        conn.commit()
    finally:
        conn.close()
    assert held == (code if stored else "bn")


def test_the_export_file_carries_the_language_to_another_practice(services: Services) -> None:
    services.create_patient(arindam(document_language="bn"))
    document = services.export_document()
    assert document["patients"][0]["document_language"] == "bn"
    other = Services.open(":memory:")
    try:
        other.import_document(json.loads(json.dumps(document)))
        [summary] = other.patient_summaries()
        assert other.patient(summary.id).document_language == "bn"
    finally:
        other.close()


def test_an_export_file_with_a_language_of_no_vocabulary_is_refused_naming_it(services: Services) -> None:
    services.create_patient(arindam())
    document = services.export_document()
    document["patients"][0]["document_language"] = "fr"
    other = Services.open(":memory:")
    try:
        with pytest.raises(ValidationError) as refused:
            other.import_document(document)
        assert refused.value.fields == ("patients[0].document_language",)
        assert other.patient_summaries() == []
    finally:
        other.close()


def test_an_export_from_before_the_language_imports_as_english(services: Services) -> None:
    document = json.loads(OLD_EXPORT.read_text(encoding="utf-8"))
    assert "document_language" not in document["patients"][0]
    services.import_document(document)
    [summary] = services.patient_summaries()
    assert services.patient(summary.id).document_language == "en"


def test_patients_of_a_database_from_before_the_language_have_english_documents(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(OLD_DATABASE.read_text(encoding="utf-8"))
    conn.close()
    services = Services.open(path)
    try:
        [summary] = services.patient_summaries()
        assert services.patient(summary.id).document_language == "en"
        assert services.check().ok
    finally:
        services.close()
