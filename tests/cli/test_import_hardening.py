"""Import hardening (issue 14, item 18): every hostile or sloppy file is refused by `cst-notes
import` with a message naming the place in the document (and the patient, where the file says who
it is), never with a traceback, and the database file is left byte for byte as it was."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from cst_notes import app, cli
from cst_notes.domain.record_format import FORMAT_VERSION, READABLE_VERSIONS
from tests.connections import query

_DEMO: dict[str, Any] = {}


def _demo_document(tmp_path: Path) -> dict[str, Any]:
    """A small real export: two demo patients with their sessions."""
    if not _DEMO:
        db, out = tmp_path / "source.sqlite", tmp_path / "source.json"
        assert app.main(["demo", "--db", str(db), "--patients", "2", "--sessions", "2", "--seed", "3"]) == 0
        assert app.main(["export", "--db", str(db), "--out", str(out)]) == 0
        _DEMO.update(json.loads(out.read_text(encoding="utf-8")))
    return copy.deepcopy(_DEMO)


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    db = tmp_path / "clinic.sqlite"
    assert app.main(["demo", "--db", str(db), "--patients", "1", "--sessions", "1", "--seed", "9"]) == 0
    return db


def _refused(capsys: pytest.CaptureFixture[str], db: Path, content: bytes, tmp_path: Path) -> str:
    """Import ``content`` into ``db``: it must be refused and leave the file as it was. Returns stderr."""
    capsys.readouterr()
    before = db.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    code = app.main(["import", "--db", str(db), str(bad)])
    out, err = capsys.readouterr()
    assert (code, out) == (1, ""), err
    assert "Traceback" not in err
    assert db.read_bytes() == before
    return err


def _bytes(document: dict[str, Any]) -> bytes:
    return json.dumps(document, indent=1).encode("utf-8")


def _line_for(err: str, field: str) -> str:
    lines = [line.strip() for line in err.splitlines() if line.strip().startswith(f"{field}:")]
    assert lines, err
    return lines[0]


def _name_of(document: dict[str, Any], n: int) -> str:
    p = document["patients"][n]
    return f"{p['full_name']}, born {p['birth_date']}"


def test_a_file_nested_100000_deep_is_refused(clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(capsys, clinic, b"[" * 100_000 + b"]" * 100_000, tmp_path)
    assert "file: nests lists or objects too deeply" in err


def test_a_5000_digit_number_is_refused(clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _bytes(_demo_document(tmp_path)).replace(
        f'"format_version": {FORMAT_VERSION}'.encode(), b'"format_version": ' + b"7" * 5000
    )
    err = _refused(capsys, clinic, text, tmp_path)
    assert "file: holds a number too long to read" in err


def test_an_absurd_whole_number_in_a_field_is_refused_by_name(
    clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _demo_document(tmp_path)
    doc["patients"][1]["sessions"][0]["duration_minutes"] = 10**40
    err = _refused(capsys, clinic, _bytes(doc), tmp_path)
    line = _line_for(err, "patients[1].sessions[0].duration_minutes")
    assert "must be a whole number between" in line
    assert _name_of(doc, 1) in line


def test_a_lone_surrogate_in_a_uid_is_refused_by_name(
    clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _demo_document(tmp_path)
    uid = doc["patients"][0]["sessions"][1]["uid"]
    text = _bytes(doc).replace(uid.encode(), b"\\ud800" + uid[6:].encode())
    err = _refused(capsys, clinic, text, tmp_path)
    line = _line_for(err, "patients[0].sessions[1].uid")
    assert "not Unicode text (a lone surrogate" in line
    assert _name_of(doc, 0) in line


@pytest.mark.parametrize(
    ("uid", "words"),
    [
        ("", "must not be empty"),
        ("a" * 1_000_000, "must be a uid as CST Notes makes them"),
        ("6f1c2a3b-0000-4000-8000-00000000\x0001", "must be a uid as CST Notes makes them"),
        ("6F1C2A3B-0000-4000-8000-000000000001", "must be a uid as CST Notes makes them"),
    ],
    ids=["empty", "one-megabyte", "nul", "upper-case"],
)
def test_a_uid_not_as_the_app_makes_them_is_refused(
    clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], uid: str, words: str
) -> None:
    doc = _demo_document(tmp_path)
    doc["patients"][1]["uid"] = uid
    err = _refused(capsys, clinic, _bytes(doc), tmp_path)
    line = _line_for(err, "patients[1].uid")
    assert words in line
    assert _name_of(doc, 1) in line
    assert len(line) < 400  # a megabyte of uid is not printed back


@pytest.mark.parametrize("stamp", ["last Tuesday", "2026-03-14", "2026-03-14 10:30:00", "2026-02-30T10:00:00Z"])
def test_free_text_in_created_at_is_refused(
    clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], stamp: str
) -> None:
    doc = _demo_document(tmp_path)
    doc["patients"][0]["sessions"][0]["created_at"] = stamp
    err = _refused(capsys, clinic, _bytes(doc), tmp_path)
    assert "must be a UTC time written YYYY-MM-DDTHH:MM:SSZ" in _line_for(err, "patients[0].sessions[0].created_at")


@pytest.mark.parametrize("day", ["1980-W01-1", "19800101", "1980-001"])
def test_a_date_not_written_yyyy_mm_dd_is_refused(
    clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], day: str
) -> None:
    doc = _demo_document(tmp_path)
    doc["patients"][1]["birth_date"] = day
    err = _refused(capsys, clinic, _bytes(doc), tmp_path)
    assert "must be a date written YYYY-MM-DD" in _line_for(err, "patients[1].birth_date")


def test_a_week_date_in_a_time_is_refused(clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _demo_document(tmp_path)
    doc["exported_at"] = "2026-W01-1T10:00:00Z"
    err = _refused(capsys, clinic, _bytes(doc), tmp_path)
    assert "must be a UTC time" in _line_for(err, "exported_at")


@pytest.mark.parametrize("version", [True, float(FORMAT_VERSION), str(FORMAT_VERSION)])
def test_a_format_version_that_is_not_a_whole_number_is_refused(
    clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], version: Any
) -> None:
    doc = _demo_document(tmp_path)
    doc["format_version"] = version
    err = _refused(capsys, clinic, _bytes(doc), tmp_path)
    assert f"must be one of {READABLE_VERSIONS}" in _line_for(err, "format_version")


def test_a_file_with_a_byte_order_mark_imports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Notepad saves UTF-8 with a byte-order mark."""
    doc = _demo_document(tmp_path)
    file = tmp_path / "notepad.json"
    file.write_bytes(b"\xef\xbb\xbf" + _bytes(doc))
    db = tmp_path / "new.sqlite"
    assert app.main(["import", "--db", str(db), str(file)]) == 0
    names = [name for (name,) in query(db, "SELECT full_name FROM patients ORDER BY id")]
    assert names == [p["full_name"] for p in doc["patients"]]


def test_a_uid_already_in_the_database_names_both_patients(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _demo_document(tmp_path)
    db, first = tmp_path / "c.sqlite", tmp_path / "first.json"
    first.write_bytes(_bytes({**doc, "patients": doc["patients"][:1]}))
    assert app.main(["import", "--db", str(db), str(first)]) == 0
    again = {**copy.deepcopy(doc), "patients": copy.deepcopy(doc["patients"][1:])}
    again["patients"][0]["sessions"][0]["uid"] = doc["patients"][0]["sessions"][0]["uid"]
    err = _refused(capsys, db, _bytes(again), tmp_path)
    held = _line_for(err, "patients[0].sessions[0].uid")
    assert f"already in this database, in the record of {_name_of(doc, 0)}" in held
    assert f"(patient in the file: {_name_of(doc, 1)})" in held


def test_a_large_import_shows_its_progress_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "PROGRESS_FROM_BYTES", 1_000)  # the demo file counts as large
    file = tmp_path / "a.json"
    file.write_bytes(_bytes(_demo_document(tmp_path)))
    capsys.readouterr()
    assert app.main(["import", "--db", str(tmp_path / "a.sqlite"), str(file)]) == 0
    out, err = capsys.readouterr()
    assert "imported 2 patients" in out
    lines = err.splitlines()
    assert lines[0] == f"cst-notes import: reading {file} (0 MB)"
    assert lines[-1] == "cst-notes import: importing: 100% (0 of 0 MB)"  # one pass: read, checked and written
    assert app.main(["import", "--quiet", "--db", str(tmp_path / "b.sqlite"), str(file)]) == 0
    assert capsys.readouterr().err == ""
