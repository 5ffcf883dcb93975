"""The export format: lossless, documented by the JSON Schema in resources/, strict when read."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

from cst_notes.domain import record_format as F
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.validation import ValidationError
from cst_notes.paths import EXPORT_SCHEMA
from tests.strategies import records

EXPORTED_AT = dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.UTC)


def through_json(document: dict[str, Any]) -> Any:
    return json.loads(json.dumps(document, ensure_ascii=False))


@given(records)
@settings(max_examples=60)
def test_any_record_survives_a_trip_through_json(record: PatientRecord) -> None:
    document = through_json(F.document([record], EXPORTED_AT))
    assert F.records_from_document(document) == [record]


def test_the_schema_in_resources_is_the_one_the_code_describes() -> None:
    committed = json.loads(EXPORT_SCHEMA.read_text(encoding="utf-8"))
    assert committed == F.json_schema(), "run `make schema` to refresh it"
    jsonschema.Draft202012Validator.check_schema(committed)


@given(records)
@settings(max_examples=40)
def test_every_export_matches_the_schema(record: PatientRecord) -> None:
    document = through_json(F.document([record], EXPORTED_AT))
    jsonschema.validate(document, F.json_schema(), format_checker=jsonschema.FormatChecker())


def test_the_top_level_names_the_format() -> None:
    document = F.document([], EXPORTED_AT)
    assert document == {
        "format": "cst-notes",
        "format_version": 7,
        "exported_at": "2026-11-24T09:30:00Z",
        "keys": [],
        "patients": [],
    }


def _one_patient(**patient: Any) -> dict[str, Any]:
    base = {"full_name": "Emma Smith", "birth_date": "1980-05-01", "uid": "0e1d2c3b-aaaa-4bbb-8ccc-000000000001"}
    base.update(patient)
    return {"format": "cst-notes", "format_version": 1, "exported_at": "2026-11-24T09:30:00Z", "patients": [base]}


@pytest.mark.parametrize(
    ("document", "field", "words"),
    [
        ({"format": "other"}, "format", 'must be "cst-notes"'),
        (_one_patient(birth_date="01/05/1980"), "patients[0].birth_date", "YYYY-MM-DD"),
        (_one_patient(full_name=None), "patients[0].full_name", "must be text"),
        (_one_patient(nickname="Em"), "patients[0].nickname", "not a field"),
        (_one_patient(sessions=[{"started_at": "2026-01-01T09:00:00"}]), "patients[0].sessions[0].started_at", "UTC"),
        (
            _one_patient(sessions=[{"started_at": "2026-01-01T09:00:00Z", "pain_before": "6"}]),
            "patients[0].sessions[0].pain_before",
            "whole number",
        ),
        (_one_patient(sessions="none"), "patients[0].sessions", "must be a list"),
        (_one_patient(guardian={"name": "Rina"}), "patients[0].guardian.relation", "missing"),
    ],
)
def test_a_bad_document_is_refused_naming_the_place(document: dict[str, Any], field: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        F.records_from_document(document)
    messages = {e.field: e.message for e in caught.value.errors}
    assert field in messages, messages
    assert words in messages[field]


def test_a_document_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(ValidationError, match="JSON object"):
        F.records_from_document([1, 2, 3])
