"""Contraindication screening as a living list (issue 13, item 5): found, resolved and re-screened
after the intake is signed, each change dated, by whom, audited, kept for good; the session-start
gate, the patient list and export follow the current list; the signed intake keeps what was known."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cst_notes.domain import record_format as F
from cst_notes.domain.dates import format_utc_millis
from cst_notes.domain.intake import ContraindicationEntry
from cst_notes.domain.patient import Patient
from cst_notes.domain.session import Session
from cst_notes.domain.session_start import Missing
from cst_notes.domain.validation import ValidationError
from cst_notes.services import RecordKind, Services
from cst_notes.storage.database import open_database
from tests.conftest import complete_intake

INTAKE_DAY = dt.date(2026, 1, 5)
TODAY = dt.date(2026, 3, 2)
NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
EMMA = Patient("Emma Smith", dt.date(1980, 5, 1))
ANEURYSM = "cerebral_aneurysm"
CSF_LEAK = "csf_leak"
EPILEPSY = "epilepsy"


def opened(path: str | Path = ":memory:") -> Services:
    """Services on ``path`` whose clock reads TODAY, acting as Anita Bose."""
    return Services(open_database(path), today=lambda: TODAY, actor="Anita Bose")


@pytest.fixture
def clinic() -> Iterator[Services]:
    services = opened()
    yield services
    services.close()


def signed_with(services: Services, *codes: str) -> int:
    """A patient whose intake, screened and signed on INTAKE_DAY, lists these contraindications."""
    pid = services.create_patient(EMMA).patient_id
    found = tuple(ContraindicationEntry(code, "at intake") for code in codes)
    services.save_intake(pid, replace(complete_intake(INTAKE_DAY), contraindications=found))
    services.sign_intake(pid, "Anita Bose")
    return pid


def codes(services: Services, pid: int) -> list[str]:
    return [c.code for c in services.screening(pid).present]


def test_resolving_an_absolute_contraindication_on_a_signed_intake_lifts_the_gate(clinic: Services) -> None:
    pid = signed_with(clinic, ANEURYSM)
    assert clinic.session_start_check(pid).missing == (Missing.ABSOLUTE_CONTRAINDICATION,)
    clinic.resolve_contraindication(pid, ANEURYSM, dt.date(2026, 2, 20), "cleared by the neurologist")
    assert not clinic.session_start_check(pid).needs_reason
    clinic.add_session(pid, Session(NOW))  # no reason needed any more
    assert len(clinic.sessions(pid)) == 1
    assert clinic.patient_summaries()[0].absolute_contraindications == 0


def test_a_contraindication_found_after_signing_brings_the_gate(clinic: Services) -> None:
    pid = signed_with(clinic)
    clinic.add_session(pid, Session(NOW))
    clinic.add_contraindication(pid, CSF_LEAK, dt.date(2026, 2, 25), "lumbar puncture on 2026-02-24")
    check = clinic.session_start_check(pid)
    assert check.missing == (Missing.ABSOLUTE_CONTRAINDICATION,)
    assert "CSF leak" in check.problems()[0]
    with pytest.raises(ValidationError) as refused:
        clinic.add_session(pid, Session(NOW + dt.timedelta(days=1)))
    assert refused.value.fields == ("contraindication_override_reason",)
    assert clinic.patient_summaries()[0].absolute_contraindications == 1
    assert clinic.summaries_of([pid])[pid].absolute_contraindications == 1


def test_the_signed_intake_keeps_what_was_known_then(clinic: Services) -> None:
    pid = signed_with(clinic, ANEURYSM)
    signed = clinic.intake(pid)
    assert signed is not None
    clinic.resolve_contraindication(pid, ANEURYSM, dt.date(2026, 2, 20), "cleared")
    clinic.add_contraindication(pid, EPILEPSY, dt.date(2026, 2, 21))
    assert clinic.intake(pid) == signed
    assert [c.code for c in signed.contraindications] == [ANEURYSM]
    assert codes(clinic, pid) == [EPILEPSY]


def test_each_change_is_dated_by_whom_in_order_and_audited(clinic: Services) -> None:
    pid = signed_with(clinic, ANEURYSM)
    clinic.resolve_contraindication(pid, ANEURYSM, dt.date(2026, 2, 20), "cleared by the neurologist")
    clinic.set_actor("Ravi Kumar")
    clinic.add_contraindication(pid, EPILEPSY, dt.date(2026, 2, 22), "new diagnosis")
    clinic.rescreen(pid, dt.date(2026, 3, 1))
    history = clinic.screening_changes(pid)
    assert [(c.action, c.code, c.effective_on, c.screened_by, c.note) for c in history] == [
        ("resolved", ANEURYSM, dt.date(2026, 2, 20), "Anita Bose", "cleared by the neurologist"),
        ("found", EPILEPSY, dt.date(2026, 2, 22), "Ravi Kumar", "new diagnosis"),
        ("rescreened", "", dt.date(2026, 3, 1), "Ravi Kumar", ""),
    ]
    assert all(c.recorded_at is not None for c in history)
    [epilepsy] = clinic.screening(pid).present
    assert (epilepsy.since, epilepsy.by, epilepsy.note) == (dt.date(2026, 2, 22), "Ravi Kumar", "new diagnosis")
    assert clinic.screening(pid).screened_on == dt.date(2026, 3, 1)
    logged = [e for e in clinic.history(pid) if e.entity == RecordKind.SCREENING]
    assert [e.actor for e in logged] == ["Ravi Kumar", "Ravi Kumar", "Anita Bose"]
    assert "Cerebral aneurysm: resolved" in logged[-1].summary
    assert "cleared by the neurologist" in logged[-1].summary
    assert [c["code"] for c in logged[-1].before] == [ANEURYSM]
    assert logged[-1].after == []


def test_a_rescreen_counts_as_screening_for_the_gate(clinic: Services) -> None:
    pid = clinic.create_patient(EMMA).patient_id
    clinic.save_intake(pid, replace(complete_intake(INTAKE_DAY), contraindications_screened_on=None))
    assert Missing.NO_SCREENING in clinic.session_start_check(pid).missing
    clinic.rescreen(pid, TODAY, "asked about each; nothing present")
    assert Missing.NO_SCREENING not in clinic.session_start_check(pid).missing


BAD = [
    ("future date", lambda s, p: s.add_contraindication(p, EPILEPSY, TODAY + dt.timedelta(days=1)), "effective_on"),
    ("before birth", lambda s, p: s.add_contraindication(p, EPILEPSY, dt.date(1979, 1, 1)), "effective_on"),
    ("no date", lambda s, p: s.rescreen(p, None), "effective_on"),
    ("unknown code", lambda s, p: s.add_contraindication(p, "broken_toe", TODAY), "code"),
    ("no code", lambda s, p: s.add_contraindication(p, "", TODAY), "code"),
    ("resolve what is absent", lambda s, p: s.resolve_contraindication(p, EPILEPSY, TODAY), "code"),
    ("found twice", lambda s, p: s.add_contraindication(p, ANEURYSM, TODAY), "code"),
    (
        "resolved before found",
        lambda s, p: s.resolve_contraindication(p, ANEURYSM, dt.date(2025, 12, 1)),
        "effective_on",
    ),
    ("control character", lambda s, p: s.rescreen(p, TODAY, "bad\x07note"), "note"),
]


@pytest.mark.parametrize(("what", "act", "field"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_names_the_field_and_changes_nothing(
    clinic: Services, what: str, act: Callable[[Services, int], object], field: str
) -> None:
    pid = signed_with(clinic, ANEURYSM)
    audit_before = clinic.history(pid)
    with pytest.raises(ValidationError) as refused:
        act(clinic, pid)
    assert refused.value.fields == (field,)
    assert clinic.screening_changes(pid) == ()
    assert codes(clinic, pid) == [ANEURYSM]
    assert clinic.history(pid) == audit_before


@given(days=st.integers(min_value=-40_000, max_value=40_000))
def test_a_date_is_taken_exactly_when_between_birth_and_today(days: int) -> None:
    services = opened()
    pid = signed_with(services)
    day = TODAY + dt.timedelta(days=days)
    if EMMA.birth_date <= day <= TODAY:
        services.add_contraindication(pid, EPILEPSY, day)
        assert [(c.code, c.since) for c in services.screening(pid).present] == [(EPILEPSY, day)]
    else:
        with pytest.raises(ValidationError):
            services.add_contraindication(pid, EPILEPSY, day)
        assert services.screening_changes(pid) == ()
    services.close()


RAW_ATTACKS = [
    "UPDATE screening_changes SET action = 'found'",
    "UPDATE screening_changes SET note = 'never cleared'",
    "DELETE FROM screening_changes",
    "INSERT OR REPLACE INTO screening_changes (id, patient_id, action, code, effective_on, screened_by, recorded_at)"
    " VALUES (1, 1, 'found', 'cerebral_aneurysm', '2026-02-20', 'Mallory', '2026-02-20T00:00:00Z')",
    "REPLACE INTO screening_changes (id, patient_id, action, code, effective_on, screened_by, recorded_at)"
    " VALUES (1, 1, 'found', 'cerebral_aneurysm', '2026-02-20', 'Mallory', '2026-02-20T00:00:00Z')",
    "DELETE FROM patients",
]


@pytest.mark.parametrize("sql", RAW_ATTACKS)
def test_a_raw_sqlite3_client_cannot_rewrite_the_screening_history(db_path: Path, sql: str) -> None:
    services = opened(db_path)
    pid = signed_with(services, ANEURYSM)
    services.resolve_contraindication(pid, ANEURYSM, dt.date(2026, 2, 20), "cleared by the neurologist")
    services.close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(sql)
    conn.commit()
    conn.close()
    services = Services.open(db_path)
    assert services.check().ok
    [kept] = services.screening_changes(pid)
    assert (kept.action, kept.code, kept.note) == ("resolved", ANEURYSM, "cleared by the neurologist")
    assert services.screening(pid).present == ()
    services.close()


def test_a_raw_client_cannot_store_a_change_that_breaks_the_table_rules(db_path: Path) -> None:
    Services.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO patients (uid, full_name, birth_date, created_at, updated_at) "
        "VALUES ('u', 'A', '1980-01-01', '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z')"
    )
    for values in [
        "(1, 'cured', 'csf_leak', '2026-01-01', 'A', '2026-01-01T09:00:00Z')",  # unknown action
        "(1, 'rescreened', 'csf_leak', '2026-01-01', 'A', '2026-01-01T09:00:00Z')",  # a re-screen names no code
        "(1, 'found', NULL, '2026-01-01', 'A', '2026-01-01T09:00:00Z')",  # a finding names one
        "(1, 'found', 'csf_leak', '2026-13-01', 'A', '2026-01-01T09:00:00Z')",  # not a date
        "(1, 'found', 'csf_leak', '2026-01-01', '  ', '2026-01-01T09:00:00Z')",  # by nobody
    ]:
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                "INSERT INTO screening_changes (patient_id, action, code, effective_on, screened_by, recorded_at) "
                f"VALUES {values}"
            )
    conn.close()


def test_export_and_import_carry_the_changes_and_the_current_list(clinic: Services) -> None:
    pid = signed_with(clinic, ANEURYSM)
    clinic.resolve_contraindication(pid, ANEURYSM, dt.date(2026, 2, 20), "cleared by the neurologist")
    clinic.add_contraindication(pid, CSF_LEAK, dt.date(2026, 2, 25), "after a lumbar puncture")
    document = clinic.export_document(pid)
    assert document["format_version"] == 7
    other = opened()
    new_pid = other.import_document(document).patient_id
    # each as it was recorded, its time to the millisecond and its uid too: the same change
    assert [replace(c, id=None, patient_id=None) for c in other.screening_changes(new_pid)] == [
        replace(c, id=None, patient_id=None) for c in clinic.screening_changes(pid)
    ]
    assert [c.code for c in other.screening(new_pid).present] == [CSF_LEAK]
    assert other.session_start_check(new_pid).has_absolute
    imported_intake = other.intake(new_pid)
    assert imported_intake is not None
    assert [c.code for c in imported_intake.contraindications] == [ANEURYSM]
    assert other.export_document(new_pid)["patients"] == document["patients"]
    other.close()


def test_an_older_file_without_changes_still_reads(clinic: Services) -> None:
    pid = signed_with(clinic, ANEURYSM)
    document = clinic.export_document(pid)
    document["format_version"] = 3
    other = opened()
    new_pid = other.import_document(document).patient_id
    assert other.screening_changes(new_pid) == ()
    assert [c.code for c in other.screening(new_pid).present] == [ANEURYSM]
    other.close()


def test_an_imported_change_that_breaks_its_own_rules_is_refused(clinic: Services) -> None:
    pid = signed_with(clinic)
    clinic.add_contraindication(pid, CSF_LEAK, dt.date(2026, 2, 25))
    document = clinic.export_document(pid)
    document["patients"][0]["screening_changes"][0]["action"] = "rescreened"  # a re-screen names no contraindication
    other = opened()
    with pytest.raises(ValidationError) as refused:
        other.import_document(document)
    assert "screening_changes[0].code" in refused.value.fields[0]
    assert other.patient_summaries() == []
    other.close()


def test_an_imported_history_merged_from_two_laptops_is_taken_as_it_is(clinic: Services) -> None:
    """The same contraindication resolved on two laptops of a clinic (each right where it was
    recorded): both changes kept, the second passed over by the fold."""
    pid = signed_with(clinic, ANEURYSM)
    clinic.resolve_contraindication(pid, ANEURYSM, dt.date(2026, 2, 20), "cleared")
    document = clinic.export_document(pid)
    [change] = document["patients"][0]["screening_changes"]
    later = format_utc_millis(dt.datetime.fromisoformat(change["recorded_at"]) + dt.timedelta(minutes=3))
    twice = {
        **change,
        "uid": "5b0f4c1e-8d2a-4f7b-9c3e-1a6d2e8f0b47",
        "note": "cleared, letter seen",
        "recorded_at": later,
    }
    document["patients"][0]["screening_changes"].append(twice)
    other = opened()
    new_pid = other.import_document(document).patient_id
    assert [(c.action, c.note) for c in other.screening_changes(new_pid)] == [
        ("resolved", "cleared"),
        ("resolved", "cleared, letter seen"),
    ]
    assert other.screening(new_pid).present == ()
    assert other.check().problems == ()
    other.close()
    assert F.FORMAT_VERSION == 7


def test_a_database_from_before_m025_keeps_each_list_and_its_order_and_gives_each_change_a_uid(
    tmp_path: Path,
) -> None:
    """Changes recorded before screening changes had uids (m025): found then resolved in one
    millisecond, and one imported with a time in whole seconds; after the upgrade each has a uid of
    its own, the fold's order is the order they were recorded in, and the list is as it was."""
    from sqlite_utils import Database as MigratingDatabase

    from cst_notes.storage.schema import migration_set

    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    migration_set().apply(MigratingDatabase(conn, execute_plugins=False), stop_before="m025_screening_uids")
    conn.execute(
        "INSERT INTO patients (uid, full_name, birth_date, created_at, updated_at)"
        " VALUES ('9d7c4f0e-2b1a-4c3d-8e5f-6a7b8c9d0e1f', 'Emma Smith', '1980-05-01', ?, ?)",
        ["2026-03-01T09:00:00.000Z"] * 2,
    )
    insert = (
        "INSERT INTO screening_changes (patient_id, action, code, effective_on, screened_by, recorded_at)"
        " VALUES (1, ?, ?, '2026-03-01', 'Anita Bose', ?)"
    )
    conn.execute(insert, ["found", EPILEPSY, "2026-03-01T10:00:05Z"])  # imported: whole seconds
    conn.execute(insert, ["found", ANEURYSM, "2026-03-01T10:00:05.500Z"])
    conn.execute(insert, ["resolved", ANEURYSM, "2026-03-01T10:00:05.500Z"])  # the same millisecond
    conn.close()
    services = opened(path)
    changes = services.screening_changes(1)
    assert [(c.action, c.code) for c in changes] == [("found", EPILEPSY), ("found", ANEURYSM), ("resolved", ANEURYSM)]
    assert [len(c.uid) for c in changes] == [36] * 3
    assert len({c.uid for c in changes}) == 3
    assert [c.code for c in services.screening(1).present] == [EPILEPSY]
    services.resolve_contraindication(1, EPILEPSY, TODAY)  # recorded after them, whatever the clock says
    assert services.screening(1).present == ()
    assert services.check().problems == ()
    services.close()


def test_an_import_naming_a_screening_change_held_here_or_twice_in_the_file_is_refused_naming_it(
    clinic: Services,
) -> None:
    pid = clinic.create_patient(EMMA).patient_id
    clinic.add_contraindication(pid, CSF_LEAK, dt.date(2026, 2, 25))
    [change] = clinic.screening_changes(pid)
    document = clinic.export_document(pid)
    document["patients"][0]["uid"] = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"  # another patient, as a file may say
    before = clinic.patient_summaries()
    with pytest.raises(ValidationError) as refused:
        clinic.import_document(document)
    assert refused.value.fields == ("patients[0].screening_changes[0].uid",)
    assert f"{change.uid} is already in this database, in the record of Emma Smith" in str(refused.value)
    assert clinic.patient_summaries() == before

    other = opened()
    second = {**document["patients"][0], "uid": "7e6d5c4b-3a29-4817-a6b5-c4d3e2f1a0b9"}
    document["patients"].append(second)
    with pytest.raises(ValidationError) as refused:
        other.import_document(document)
    assert "patients[1].screening_changes[0].uid" in refused.value.fields
    assert f"{change.uid} appears twice in this file (also at patients[0].screening_changes[0].uid)" in str(
        refused.value
    )
    assert other.patient_summaries() == []
    other.close()
