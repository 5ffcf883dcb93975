"""Signed notes, addenda and the audit log cannot be quietly rewritten from a plain sqlite3 client
(issue 14, items 1, 2 and 5).

Every attack runs through the real ``sqlite3`` module with foreign keys off, as the ``sqlite3``
shell has them. Where the database can refuse it, it does and nothing changes; where it cannot
(someone drops a protective trigger, edits, and puts the trigger back), ``check`` says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from cst_notes.domain.intake import Intake, Medication
from cst_notes.domain.patient import Patient
from cst_notes.domain.session import Restriction, RhythmFinding, Session, TechniqueApplied
from cst_notes.services import Services
from tests.conftest import NO_RECORDS_REASON

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
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
INTAKE = Intake(dt.date(2026, 1, 5), complaint="Headaches", medications=(Medication("ibuprofen", "200 mg"),))
PROTECTED = (
    "sessions",
    "rhythm_findings",
    "restrictions",
    "techniques_applied",
    "intakes",
    "intake_medications",
    "addenda",
    "audit_log",
    "screening_changes",
)


@dataclasses.dataclass
class Clinic:
    path: Path
    signed: int  # a signed session of Emma's, with an addendum
    draft: int  # a draft session of Emma's
    other_patient: int  # Ravi, with a draft intake
    finding: int  # the signed session's rhythm finding
    draft_intake: int  # Ravi's
    medication: int  # on Emma's signed intake


def make_clinic(path: Path) -> Clinic:
    services = Services.open(path)
    emma = services.create_patient(Patient("Emma Smith", dt.date(1980, 5, 1))).patient_id
    ravi = services.create_patient(Patient("Ravi Das", dt.date(1975, 2, 3))).patient_id
    signed = services.add_session(emma, SESSION).session_id
    draft = services.add_session(
        emma, dataclasses.replace(SESSION, started_at=NOW + dt.timedelta(days=7), uid="draft-session")
    ).session_id
    services.sign_session(signed, "Anita Bose")
    services.add_session_addendum(signed, "Pain after was 4, not 3.", "Anita Bose")
    services.save_intake(emma, INTAKE)
    services.sign_intake(emma, "Anita Bose")
    services.save_intake(ravi, INTAKE)
    services.add_intake_addendum(emma, "Also reports jaw clicking.", "Anita Bose")
    assert services.check().ok
    services.close()
    conn = sqlite3.connect(path)
    try:
        [(finding,)] = conn.execute("SELECT id FROM rhythm_findings WHERE session_id = ?", [signed])
        [(draft_intake,)] = conn.execute("SELECT id FROM intakes WHERE patient_id = ?", [ravi])
        [(medication,)] = conn.execute(
            "SELECT m.id FROM intake_medications m JOIN intakes i ON i.id = m.intake_id WHERE i.patient_id = ?", [emma]
        )
    finally:
        conn.close()
    return Clinic(path, signed, draft, ravi, finding, draft_intake, medication)


def rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in PROTECTED}
    finally:
        conn.close()


def raw(path: Path, script: str) -> None:
    """A plain sqlite3 client, foreign keys off (the shell's default)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        assert conn.execute("PRAGMA foreign_keys").fetchone() == (0,)
        conn.executescript(f"BEGIN; {script} COMMIT;")  # refused: closing rolls it all back
    finally:
        conn.close()


def check(path: Path) -> tuple[bool, tuple[str, ...]]:
    services = Services.open(path)
    try:
        report = services.check()
    finally:
        services.close()
    return report.ok, report.problems


COPY_SIGNED = "CREATE TEMP TABLE t AS SELECT * FROM sessions WHERE id = {c.signed};"
COPY_INTAKE = "CREATE TEMP TABLE i AS SELECT * FROM intakes WHERE status = 'signed';"
ATTACKS = {
    "unsign a session": COPY_SIGNED + "UPDATE t SET status = 'draft', signed_at = NULL, signed_by = NULL, "
    "content_hash = NULL; INSERT OR REPLACE INTO sessions SELECT * FROM t;",
    "re-sign a session as someone else, in 1999": COPY_SIGNED
    + "UPDATE t SET signed_by = 'Someone Else', signed_at = '1999-01-01T00:00:00Z'; "
    "REPLACE INTO sessions SELECT * FROM t;",
    "move a signed session to another patient": COPY_SIGNED
    + "UPDATE t SET id = 99, patient_id = {c.other_patient}; INSERT OR REPLACE INTO sessions SELECT * FROM t;",
    "forge a signed copy of a session": COPY_SIGNED
    + "UPDATE t SET id = 99, uid = 'forged', patient_id = {c.other_patient}; INSERT INTO sessions SELECT * FROM t;",
    "upsert over a signed session": COPY_SIGNED
    + "INSERT INTO sessions SELECT * FROM t WHERE true ON CONFLICT (id) DO UPDATE SET status = 'draft';",
    "a draft takes a signed session's id": "UPDATE OR REPLACE sessions SET id = {c.signed} WHERE id = {c.draft};",
    "a draft takes a signed session's uid": "UPDATE OR REPLACE sessions SET uid = "
    "(SELECT uid FROM sessions WHERE id = {c.signed}) WHERE id = {c.draft};",
    "replace a signed session's finding": "INSERT OR REPLACE INTO rhythm_findings "
    "(id, session_id, position, station, side, rate, amplitude) "
    "VALUES ({c.finding}, {c.draft}, 0, 'occiput', 'both', 12, 1);",
    "move a draft's finding into a signed session": "UPDATE rhythm_findings "
    "SET session_id = {c.signed}, station = 'sacrum' WHERE session_id = {c.draft};",
    "unsign an intake": COPY_INTAKE + "UPDATE i SET status = 'draft', signed_at = NULL, signed_by = NULL, "
    "content_hash = NULL; INSERT OR REPLACE INTO intakes SELECT * FROM i;",
    "replace a signed intake by its patient": COPY_INTAKE
    + "UPDATE i SET id = 99, status = 'draft', complaint = 'none'; "
    "REPLACE INTO intakes SELECT * FROM i;",
    "forge a signed intake": COPY_INTAKE + "DELETE FROM intakes WHERE id = {c.draft_intake}; "
    "UPDATE i SET id = 99, patient_id = {c.other_patient}; INSERT INTO intakes SELECT * FROM i;",
    "replace a signed intake's medication": "INSERT OR REPLACE INTO intake_medications (id, intake_id, position, name) "
    "VALUES ({c.medication}, {c.draft_intake}, 0, 'nothing');",
    "rewrite an addendum": "INSERT OR REPLACE INTO addenda "
    "(id, session_id, intake_id, text, author, created_at, content_hash) "
    "SELECT id, session_id, intake_id, 'rewritten', author, created_at, content_hash FROM addenda WHERE id = 1;",
    "rewrite an audit entry": "INSERT OR REPLACE INTO audit_log (id, changed_at, actor, action, entity, summary) "
    "SELECT id, changed_at, 'nobody', action, entity, 'nothing happened' FROM audit_log WHERE id = 2;",
    "upsert over an audit entry": "INSERT INTO audit_log (id, changed_at, actor, action, entity) "
    "VALUES (2, '2026-01-01T00:00:00Z', 'x', 'y', 'z') ON CONFLICT (id) DO UPDATE SET actor = 'nobody';",
    "append an audit entry outside the chain": "INSERT INTO audit_log (changed_at, actor, action, entity, summary) "
    "VALUES ('2026-03-02T10:00:00Z', 'Anita Bose', 'delete', 'session', 'nothing');",
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_replace_cannot_unsign_move_resign_or_forge_or_rewrite_the_log(tmp_path: Path, attack: str) -> None:
    clinic = make_clinic(tmp_path / "clinic.sqlite")
    before = rows(clinic.path)
    with pytest.raises(sqlite3.DatabaseError):
        raw(clinic.path, ATTACKS[attack].format(c=clinic))
    assert rows(clinic.path) == before
    assert check(clinic.path) == (True, ())


# --- item 2: check compares every trigger's whole definition -----------------------------------


def test_check_names_a_protective_trigger_recreated_with_an_empty_body(tmp_path: Path) -> None:
    clinic = make_clinic(tmp_path / "clinic.sqlite")
    raw(
        clinic.path,
        "DROP TRIGGER sessions_signed_no_update; "
        "CREATE TRIGGER sessions_signed_no_update BEFORE UPDATE ON sessions BEGIN SELECT 1; END; "
        "DROP TRIGGER addenda_no_delete; "
        "CREATE TRIGGER addenda_no_delete BEFORE DELETE ON addenda WHEN 0 "
        "BEGIN SELECT RAISE(ABORT, 'addenda are never changed or deleted'); END;",
    )
    ok, problems = check(clinic.path)
    assert not ok
    could = "signed notes or the audit log could be changed"
    assert problems == (
        f"the protective trigger addenda_no_delete has been changed: {could}",
        f"the protective trigger sessions_signed_no_update has been changed: {could}",
    )


def test_check_names_a_trigger_cst_notes_did_not_make(tmp_path: Path) -> None:
    """One that quietly drops every new audit entry, say."""
    clinic = make_clinic(tmp_path / "clinic.sqlite")
    raw(clinic.path, "CREATE TRIGGER keep_quiet BEFORE INSERT ON audit_log BEGIN SELECT RAISE(IGNORE); END;")
    assert check(clinic.path) == (
        False,
        ("a trigger keep_quiet on audit_log was not made by CST Notes: it could change or drop what is saved",),
    )


def test_a_trigger_written_out_with_other_spacing_is_the_same_trigger(tmp_path: Path) -> None:
    clinic = make_clinic(tmp_path / "clinic.sqlite")
    conn = sqlite3.connect(clinic.path)
    [(sql,)] = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'")
    conn.close()
    raw(clinic.path, "DROP TRIGGER audit_log_no_update; " + "\n\t  ".join(sql.split()) + ";")
    assert check(clinic.path) == (True, ())


# --- item 5: the audit log is a hash chain -----------------------------------------------------


def behind_the_locks(path: Path, script: str) -> None:
    """Someone who can write the file drops the audit log's locks, changes it, and puts the locks
    back exactly as they were: the triggers all match, only the chain can tell."""
    conn = sqlite3.connect(path)
    names = ("audit_log_no_update", "audit_log_no_delete")
    locks = [r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE name IN (?, ?)", names)]
    conn.close()
    assert len(locks) == 2
    raw(path, "".join(f"DROP TRIGGER {n}; " for n in names) + script + "".join(f"{sql};" for sql in locks))


def audit_ids(path: Path) -> list[int]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM audit_log ORDER BY id")]
    finally:
        conn.close()


def test_an_entry_edited_in_the_middle_of_the_audit_log_is_reported(tmp_path: Path) -> None:
    clinic = make_clinic(tmp_path / "clinic.sqlite")
    behind_the_locks(clinic.path, "UPDATE audit_log SET actor = 'nobody' WHERE id = 3;")
    assert check(clinic.path) == (False, ("the audit log was changed: entry 3 is not as it was written",))


def test_an_entry_removed_from_the_middle_of_the_audit_log_is_reported(tmp_path: Path) -> None:
    clinic = make_clinic(tmp_path / "clinic.sqlite")
    behind_the_locks(clinic.path, "DELETE FROM audit_log WHERE id = 3;")
    assert check(clinic.path) == (
        False,
        ("the audit log was changed: entry 4 does not follow entry 2 (an entry between was removed, or moved)",),
    )


def test_entries_of_the_audit_log_put_in_another_order_are_reported(tmp_path: Path) -> None:
    clinic = make_clinic(tmp_path / "clinic.sqlite")
    columns = "changed_at, actor, action, entity, entity_id, patient_id, summary, before_json, after_json"
    behind_the_locks(  # entries 2 and 3 swap places
        clinic.path,
        "CREATE TEMP TABLE a AS SELECT * FROM audit_log WHERE id IN (2, 3); "
        f"UPDATE audit_log SET ({columns}) = (SELECT {columns} FROM a WHERE a.id = 5 - audit_log.id) "
        "WHERE id IN (2, 3);",
    )
    ok, problems = check(clinic.path)
    assert not ok
    assert problems[0].startswith("the audit log was changed: entry 2 ")


def test_entries_cut_from_the_end_of_the_audit_log_are_reported(tmp_path: Path) -> None:
    clinic = make_clinic(tmp_path / "clinic.sqlite")
    ids = audit_ids(clinic.path)
    behind_the_locks(clinic.path, f"DELETE FROM audit_log WHERE id >= {ids[-2]};")
    assert check(clinic.path) == (
        False,
        (
            f"the audit log was changed: it ends at entry {ids[-3]}, but {len(ids)} entries were written "
            "(the last ones were removed)",
        ),
    )
