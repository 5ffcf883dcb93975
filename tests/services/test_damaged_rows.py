"""Bad rows already in a file (written past the app's guards): ``check`` names each, the record
reads as damaged, and everything else keeps working."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cst_notes import cli
from cst_notes.domain.damage import DamagedRecord
from cst_notes.services import DamagedDatabaseError, Services
from cst_notes.storage import search as search_module
from tests.damage import checkpoint, cut_short, damage_search_index, flip_byte, write_behind_the_guards

NOTE = "Zebra Notes Kept Here For The Flip"


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    """A small demo practice on file, with one distinctive note in patient 2's first session."""
    path = tmp_path / "clinic.sqlite"
    s = Services.open(path)
    s.create_demo_clinic(4, 2)
    s.close()
    checkpoint(path)
    _plain_update(path, "UPDATE patients SET address = ? WHERE id = 2", [NOTE])
    return path


def _plain_update(path: Path, sql: str, params: list[str]) -> None:
    """A change as any SQLite client makes it, guards and all (the search index follows)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute(sql, params)
    finally:
        conn.close()
    checkpoint(path)


def _who(path: Path, patient_id: int) -> tuple[str, str]:
    s = Services.open(path, migrate=False)
    try:
        p = s._db.execute("SELECT full_name, uid FROM patients WHERE id = ?", [patient_id]).fetchone()
        return p[0], p[1]
    finally:
        s.close()


BAD_ROWS = [
    (
        "UPDATE patients SET birth_date = '1997-02-30' WHERE id = 2",
        "patients row 2, birth_date",
        "'1997-02-30' is not a date",
    ),
    ("UPDATE patients SET sex = 'banana' WHERE id = 2", "sex", "banana"),
    (
        "UPDATE sessions SET started_at = 'next tuesday' "
        "WHERE id = (SELECT min(id) FROM sessions WHERE patient_id = 2)",
        "started_at",
        "'next tuesday' is not a time",
    ),
    (
        "UPDATE rhythm_findings SET side = 'up' WHERE id = (SELECT min(r.id) FROM rhythm_findings r "
        "JOIN sessions s ON s.id = r.session_id WHERE s.patient_id = 2)",
        "side",
        "'up'",
    ),
    ("UPDATE patients SET document_language = 'fr' WHERE id = 2", "document_language", "'fr'"),
]


@pytest.mark.parametrize(("sql", "where", "what"), BAD_ROWS)
def test_check_names_the_patient_the_row_and_the_value(clinic: Path, sql: str, where: str, what: str) -> None:
    write_behind_the_guards(clinic, sql)
    name, uid = _who(clinic, 2)
    s = Services.open(clinic, create=False, migrate=False)
    try:
        report = s.check()
    finally:
        s.close()
    assert not report.ok
    named = [p for p in report.problems if name in p and uid in p and where in p and what in p]
    assert named, report.problems


@pytest.mark.parametrize(("sql", "where", "what"), [BAD_ROWS[0], BAD_ROWS[2]])
def test_export_leaves_out_the_damaged_record_and_names_it(clinic: Path, sql: str, where: str, what: str) -> None:
    write_behind_the_guards(clinic, sql)
    name, uid = _who(clinic, 2)
    s = Services.open(clinic, create=False)
    try:
        skipped: list[DamagedRecord] = []
        document = s.export_document(skipped=skipped)
        with pytest.raises(DamagedRecord) as raised:
            s.record(2)
        others = [s.record(i).patient.full_name for i in (1, 3, 4)]
        listed = {p.id: p for p in s.patient_summaries()}
    finally:
        s.close()
    assert [e.damage.patient_uid for e in skipped] == [uid]
    assert where in str(skipped[0])
    assert what in str(skipped[0])
    assert sorted(p["full_name"] for p in document["patients"]) == sorted(others)
    assert name in raised.value.message
    assert "The rest of the practice is not affected" in raised.value.message
    assert sorted(listed) == [1, 2, 3, 4]
    assert listed[2].damaged
    assert not listed[1].damaged


def test_a_flipped_byte_in_a_note_is_named_by_check_and_the_rest_reads(clinic: Path) -> None:
    flip_byte(clinic, NOTE)
    name, uid = _who(clinic, 2)
    s = Services.open(clinic, create=False, migrate=False)
    try:
        report = s.check()
        with pytest.raises(DamagedRecord) as raised:
            s.record(2)
        assert s.record(1).patient.id == 1
    finally:
        s.close()
    assert any(name in p and uid in p and "address" in p and "not UTF-8" in p for p in report.problems), report.problems
    assert "address" in raised.value.message


def test_bad_json_in_the_audit_log_is_named_and_the_history_still_reads(clinic: Path) -> None:
    write_behind_the_guards(clinic, "UPDATE audit_log SET after_json = '{broken' WHERE patient_id = 2")
    name, _ = _who(clinic, 2)
    s = Services.open(clinic, create=False, migrate=False)
    try:
        report = s.check()
        history = s.history(2)
    finally:
        s.close()
    assert any(name in p and "audit_log" in p and "after_json" in p and "is not JSON" in p for p in report.problems)
    assert history
    assert "cannot be read" in history[0].summary


def test_a_damaged_search_index_is_reported_with_its_fix(clinic: Path) -> None:
    damage_search_index(clinic, "sessions_words")
    s = Services.open(clinic, create=False, migrate=False)
    try:
        report = s.check()
    finally:
        s.close()
    assert any("sessions_words" in p and "--repair-index" in p for p in report.problems), report.problems


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(0, len(NOTE) - 1), byte=st.integers(0, 255))
def test_any_byte_of_the_note_changed_is_found_or_reads_back_exactly(
    tmp_path_factory: pytest.TempPathFactory, position: int, byte: int
) -> None:
    path = tmp_path_factory.mktemp("flip") / "clinic.sqlite"
    s = Services.open(path)
    s.create_demo_clinic(2, 1)
    s.close()
    checkpoint(path)
    _plain_update(path, "UPDATE patients SET address = ? WHERE id = 2", [NOTE])
    data = bytearray(path.read_bytes())
    offset = data.find(NOTE.encode()) + position
    data[offset] = byte
    path.write_bytes(bytes(data))
    changed = bytes(data[offset - position : offset - position + len(NOTE)])
    s = Services.open(path, create=False, migrate=False)
    try:
        report = s.check()
        try:
            note = s.record(2).patient.address
        except DamagedRecord:
            note = None
    finally:
        s.close()
    if note is None:
        assert any("not UTF-8" in p for p in report.problems)
    else:
        assert note.encode() == changed


def test_check_passes_a_healthy_practice(clinic: Path) -> None:
    s = Services.open(clinic, create=False, migrate=False)
    try:
        report = s.check()
    finally:
        s.close()
    assert report.ok, report.problems


def test_cli_export_and_check_name_the_damaged_patient_and_exit_1(
    clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_behind_the_guards(clinic, BAD_ROWS[0][0])
    name, uid = _who(clinic, 2)
    code = cli.main(["export", "--db", str(clinic), "--out", str(tmp_path / "out.json")])
    _, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in err
    assert "exported 3 patients" in err
    assert f"{name} ({uid})" in err
    assert "birth_date" in err
    code = cli.main(
        ["export-pdf", "--db", str(clinic), "--all", "--kind", "progress", "--out-dir", str(tmp_path / "pdf")]
    )
    _, err = capsys.readouterr()
    assert code == 1
    assert f"{name} ({uid})" in err
    assert "Traceback" not in err
    assert len(list((tmp_path / "pdf").glob("*.pdf"))) == 3
    code = cli.main(["check", "--db", str(clinic)])
    _out, err = capsys.readouterr()
    assert code == 1
    assert "'1997-02-30' is not a date" in err
    assert "Traceback" not in err


def _session_word_and_whose(path: Path) -> tuple[str, list[int]]:
    """A long word of a session note, and the patients whose notes hold it (read without the index)."""
    conn = sqlite3.connect(str(path))
    try:
        [text] = conn.execute("SELECT subjective FROM sessions WHERE patient_id = 3 ORDER BY id LIMIT 1").fetchone()
        word = max(text.replace(";", " ").replace(",", " ").replace(".", " ").split(), key=len)
        whose = conn.execute(
            "SELECT DISTINCT patient_id FROM sessions WHERE subjective LIKE ? ORDER BY patient_id", [f"%{word}%"]
        ).fetchall()
    finally:
        conn.close()
    return word, [w[0] for w in whose]


def test_a_damaged_search_index_is_repaired_then_check_passes_and_search_finds_again(
    clinic: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    word, whose = _session_word_and_whose(clinic)
    damage_search_index(clinic, "sessions_words")
    s = Services.open(clinic, create=False)
    try:
        damaged = [p for p in s.check().problems if "sessions_words" in p]
        found_meanwhile = sorted(m.patient_id for m in s.search(word))  # the trigram index still finds it
        s._db.execute("PRAGMA query_only = ON")  # what the word index alone finds: nothing, and no error
        assert search_module._matching(s._db, "sessions_words", word) == []
    finally:
        s.close()
    assert damaged, "check did not name the damaged index"
    assert "--repair-index" in damaged[0]
    assert found_meanwhile == whose

    code = cli.main(["check", "--db", str(clinic), "--repair-index"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out.startswith("rebuilt the search index sessions_words\nok\n")

    s = Services.open(clinic, create=False, migrate=False)
    try:
        report = s.check()
        words = sorted(r[0] for r in search_module._matching(s._db, "sessions_words", word))
        sessions = sorted(
            r[0] for r in s._db.execute("SELECT id FROM sessions WHERE subjective LIKE ?", [f"%{word}%"]).fetchall()
        )
        latest = s.history(limit=1)[0]
    finally:
        s.close()
    assert report.ok, report.problems
    assert words == sessions
    assert (latest.action, latest.entity, latest.summary) == (
        "repair",
        "practice",
        "rebuilt the search index sessions_words",
    )


def test_repairing_sound_indexes_rebuilds_nothing(clinic: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["check", "--db", str(clinic), "--repair-index"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert out.startswith("no search index needed rebuilding\nok\n")
    s = Services.open(clinic, create=False, migrate=False)
    try:
        assert [e.action for e in s.history(limit=5)].count("repair") == 0
    finally:
        s.close()


def test_an_orphan_row_is_named_by_check_and_the_file_still_opens(
    clinic: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A session whose patient is not in the file (written with foreign keys off): the practice opens
    and works, the orphan belongs to nobody, and check names it."""
    write_behind_the_guards(
        clinic, "UPDATE sessions SET patient_id = 999 WHERE id = (SELECT max(id) FROM sessions WHERE patient_id = 4)"
    )
    conn = sqlite3.connect(str(clinic))
    [orphan] = conn.execute("SELECT id FROM sessions WHERE patient_id = 999").fetchone()
    conn.close()
    Services.open(clinic, create=False).close()  # the start's own check passes
    s = Services.open(clinic, create=False, check_in_background=True)  # as the app opens it
    try:
        listed = sorted(p.id for p in s.patient_summaries())
        sessions_of_4 = [x.id for x in s.record(4).sessions]
        s.update_patient(replace(s.record(1).patient, address="12 Park Street"))  # waits for the check
        status = s.integrity_status()
        address = s.record(1).patient.address
        report = s.check()
    finally:
        s.close()
    assert status == []
    assert listed == [1, 2, 3, 4]
    assert orphan not in sessions_of_4
    assert address == "12 Park Street"
    assert not report.ok
    assert [p for p in report.problems if f"sessions row {orphan}, patient_id: 999" in p and "patients" in p]
    code = cli.main(["check", "--db", str(clinic)])
    _, err = capsys.readouterr()
    assert code == 1
    assert f"sessions row {orphan}, patient_id: 999 refers to a row of patients that does not exist" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9])
def test_a_file_cut_short_is_named_and_left_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], keep: float
) -> None:
    """Cut at a page boundary in the middle of the data (after a checkpoint, so that the rows are
    in the file): check, the commands and opening say the file is cut short, and by how much."""
    path = tmp_path / "clinic.sqlite"
    s = Services.open(path)
    s.create_demo_clinic(12, 3)
    s.close()
    checkpoint(path)
    whole = path.stat().st_size
    cut_short(path, keep)
    left = path.read_bytes()
    said = f"the file is cut short: it holds {len(left):,} bytes of the {whole:,} its header says"
    for command in (["check"], ["export", "--out", str(tmp_path / "out.json")]):
        code = cli.main([command[0], "--db", str(path), *command[1:]])
        out, err = capsys.readouterr()
        assert (code, out) == (1, ""), command
        assert said in err, err
        assert "Traceback" not in err
    with pytest.raises(DamagedDatabaseError) as raised:
        Services.open(path, create=False, check_in_background=True)  # as the app opens it
    assert said in str(raised.value)
    assert "Restore it from a backup" in str(raised.value)
    assert path.read_bytes() == left
    assert not (tmp_path / "out.json").exists()


def test_check_names_every_bad_value_of_a_record_not_only_the_first(clinic: Path) -> None:
    write_behind_the_guards(clinic, BAD_ROWS[0][0])  # the birth date
    write_behind_the_guards(clinic, BAD_ROWS[2][0])  # the first session's start
    write_behind_the_guards(clinic, "UPDATE patients SET guardian_consent_date = 'soon' WHERE id = 2")
    name, uid = _who(clinic, 2)
    s = Services.open(clinic, create=False, migrate=False)
    try:
        problems = [p for p in s.check().problems if f"{name} ({uid})" in p]
    finally:
        s.close()
    assert any("patients row 2, birth_date: '1997-02-30' is not a date" in p for p in problems), problems
    assert any("patients row 2, guardian_consent_date: 'soon' is not a date" in p for p in problems), problems
    assert any("started_at: 'next tuesday' is not a time" in p for p in problems), problems
