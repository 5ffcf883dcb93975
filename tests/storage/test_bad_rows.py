"""The database itself refuses rows the app would never write (issue 14, item 8): an impossible date,
a time that is not UTC as the app writes it, a code of no vocabulary, a row of no parent, and
deleting a patient whose notes are signed.

Every attack runs through the real ``sqlite3`` module with foreign keys off, as the ``sqlite3``
shell has them; a refused one changes nothing. The lists of codes frozen into the triggers (m012)
are those of ``cst_notes.domain.vocabulary`` today: a new code needs a new migration.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from cst_notes.domain import vocabulary as V
from cst_notes.domain.intake import ConditionEntry, ContraindicationEntry, Intake, Medication, TraumaEvent
from cst_notes.domain.patient import Patient
from cst_notes.domain.plan import FollowUpPlan, Goal, Referral
from cst_notes.domain.session import (
    AdverseReaction,
    Restriction,
    RhythmFinding,
    Session,
    SessionEvent,
    TechniqueApplied,
)
from cst_notes.services import Services
from cst_notes.storage import schema
from tests.conftest import NO_RECORDS_REASON
from tests.storage.old_databases import RELEASED, path_of

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
T = "'2026-03-02T09:30:00Z'"  # a UTC time as the app writes it, for the raw statements
SESSION = Session(
    NOW,
    therapist="Anita Bose",
    pain_before=6,
    rhythm_findings=(RhythmFinding("occiput", "both", 8.0, 3, "symmetric", "normal", "none"),),
    events=(SessionEvent("still_point", 12, 40),),
    restrictions=(Restriction("diaphragm.respiratory", "midline", "moderate"),),
    techniques=(TechniqueApplied("cv4_still_point"),),
    adverse_reactions=(AdverseReaction("headache"),),
    contraindication_override_reason=NO_RECORDS_REASON,
)
INTAKE = Intake(
    dt.date(2026, 1, 5),
    complaint="Headaches",
    conditions=(ConditionEntry("migraine_headache"),),
    medications=(Medication("ibuprofen", "200 mg"),),
    trauma=(TraumaEvent("fall", "off a ladder", dt.date(2025, 6, 1)),),
    contraindications=(ContraindicationEntry("csf_leak"),),
)
PLAN = FollowUpPlan(
    dt.date(2026, 3, 2), "weekly", goals=(Goal("Fewer headaches"),), referrals=(Referral("gp", "blood pressure"),)
)


@dataclasses.dataclass(frozen=True)
class Clinic:
    path: Path
    emma: int  # a signed intake, a signed session with an addendum, a screening change
    ravi: int  # a draft intake, a draft session with every part, a plan with a goal and a referral
    ids: dict[str, int]  # one row of Ravi's in each table (patients: Ravi himself)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Clinic:
    path = tmp_path_factory.mktemp("bad-rows") / "clinic.sqlite"
    services = Services.open(path)
    emma = services.create_patient(Patient("Emma Smith", dt.date(1980, 5, 1))).patient_id
    ravi = services.create_patient(Patient("Ravi Das", dt.date(1975, 2, 3))).patient_id
    services.save_intake(emma, INTAKE)
    services.sign_intake(emma, "Anita Bose")
    signed = services.add_session(emma, SESSION).session_id
    services.sign_session(signed, "Anita Bose")
    services.add_session_addendum(signed, "Pain after was 4, not 3.", "Anita Bose")
    services.add_contraindication(emma, "cerebral_aneurysm", dt.date(2026, 3, 1))
    services.save_intake(ravi, INTAKE)
    services.add_session(ravi, dataclasses.replace(SESSION, uid="ravi-draft"))
    services.add_plan(ravi, PLAN)
    services.close()
    conn = sqlite3.connect(path)
    try:
        ids = {"patients": ravi}
        for table, where in PARENT_OF.items():
            [(ids[table],)] = conn.execute(f"SELECT t.id FROM {table} t {where}", [ravi]).fetchall()
    finally:
        conn.close()
    return Clinic(path, emma, ravi, ids)


# How to find Ravi's row in each table (his intake, session and plan have one of each part).
PARENT_OF = {
    "intakes": "WHERE t.patient_id = ?",
    "sessions": "WHERE t.patient_id = ?",
    "follow_up_plans": "WHERE t.patient_id = ?",
    **{
        child: "JOIN intakes p ON p.id = t.intake_id WHERE p.patient_id = ?"
        for child in ("intake_conditions", "intake_medications", "intake_trauma", "intake_contraindications")
    },
    **{
        child: "JOIN sessions p ON p.id = t.session_id WHERE p.patient_id = ?"
        for child in ("rhythm_findings", "session_events", "restrictions", "techniques_applied", "adverse_reactions")
    },
    **{
        child: "JOIN follow_up_plans p ON p.id = t.plan_id WHERE p.patient_id = ?"
        for child in ("plan_goals", "plan_referrals")
    },
}


@pytest.fixture
def clinic(template: Clinic, tmp_path: Path) -> Clinic:
    path = tmp_path / "clinic.sqlite"
    shutil.copyfile(template.path, path)
    return dataclasses.replace(template, path=path)


@pytest.fixture
def conn(clinic: Clinic) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 client, foreign keys off (the shell's default)."""
    connection = sqlite3.connect(clinic.path)
    assert connection.execute("PRAGMA foreign_keys").fetchone() == (0,)
    yield connection
    connection.close()


def everything(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
        if not r[0].startswith(("sqlite_", "_sqlite")) and not r[0].endswith(("_data", "_idx", "_docsize", "_config"))
    ]
    return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}


def refused(conn: sqlite3.Connection, sql: str, message: str) -> None:
    before = everything(conn)
    with pytest.raises(sqlite3.IntegrityError) as raised:
        conn.execute(sql)
    assert str(raised.value).startswith(message)
    conn.rollback()
    assert everything(conn) == before


# --- each attack --------------------------------------------------------------------------------

SCREENING_UID = "0b7e3f52-1c8d-4e6a-9b1f-5d2c7a9e4f80"
NEW_PATIENT = "INSERT INTO patients (uid, full_name, birth_date, sex, created_at, updated_at) VALUES "
NEW_SESSION = "INSERT INTO sessions (uid, patient_id, started_at, duration_minutes, created_at, updated_at) VALUES "
NOT_A_DATE = "must be a real calendar date written YYYY-MM-DD"
NOT_A_TIME = "must be a UTC time written YYYY-MM-DDTHH:MM:SSZ"
ATTACKS = {
    # dates: the CHECK (date(x) IS x) of m001 lets these through on SQLite 3.40
    "born on 30 February": (
        NEW_PATIENT + f"('u9', 'Zoe', '1997-02-30', 'female', {T}, {T})",
        f"patients.birth_date: {NOT_A_DATE}",
    ),
    "born on 29 February of a common year": (
        NEW_PATIENT + f"('u9', 'Zoe', '2026-02-29', 'female', {T}, {T})",
        f"patients.birth_date: {NOT_A_DATE}",
    ),
    "born in year 0": (
        NEW_PATIENT + f"('u9', 'Zoe', '0000-01-01', 'female', {T}, {T})",
        f"patients.birth_date: {NOT_A_DATE}",
    ),
    "born in the year 300 (SQLite's date arithmetic is wrong there)": (
        NEW_PATIENT + f"('u9', 'Zoe', '0300-03-01', 'female', {T}, {T})",
        f"patients.birth_date: {NOT_A_DATE}",
    ),
    "a birth date moved to 31 April": (
        "UPDATE patients SET birth_date = '1975-04-31' WHERE id = {ravi}",
        f"patients.birth_date: {NOT_A_DATE}",
    ),
    "an intake on 30 February": (
        "UPDATE intakes SET intake_date = '2026-02-30' WHERE id = {intakes}",
        f"intakes.intake_date: {NOT_A_DATE}",
    ),
    "a surgery on 31 June": (
        "INSERT INTO intake_surgeries (intake_id, position, description, surgery_date) "
        "VALUES ({intakes}, 0, 'knee', '2020-06-31')",
        f"intake_surgeries.surgery_date: {NOT_A_DATE}",
    ),
    "a plan reviewed on 31 September": (
        "UPDATE follow_up_plans SET review_date = '2026-09-31' WHERE id = {follow_up_plans}",
        f"follow_up_plans.review_date: {NOT_A_DATE}",
    ),
    "a goal judged on 29 February 2100": (
        "UPDATE plan_goals SET status = 'achieved', status_on = '2100-02-29' WHERE id = {plan_goals}",
        f"plan_goals.status_on: {NOT_A_DATE}",
    ),
    "a screening change on 30 February": (
        "INSERT INTO screening_changes (uid, patient_id, action, code, effective_on, screened_by, recorded_at) "
        f"VALUES ('{SCREENING_UID}', {{emma}}, 'found', 'csf_leak', '2026-02-30', 'Anita Bose', {T})",
        f"screening_changes.effective_on: {NOT_A_DATE}",
    ),
    # times
    "a session started next tuesday": (
        NEW_SESSION + f"('s9', {{ravi}}, 'next tuesday', 60, {T}, {T})",
        f"sessions.started_at: {NOT_A_TIME}",
    ),
    "a session moved to a local time": (
        "UPDATE sessions SET started_at = '2026-03-09 09:30:00' WHERE id = {sessions}",
        f"sessions.started_at: {NOT_A_TIME}",
    ),
    "a session at 24:00": (
        "UPDATE sessions SET started_at = '2026-03-09T24:00:00Z' WHERE id = {sessions}",
        f"sessions.started_at: {NOT_A_TIME}",
    ),
    "a session with an offset instead of Z": (
        "UPDATE sessions SET started_at = '2026-03-09T09:30:00+05:30' WHERE id = {sessions}",
        f"sessions.started_at: {NOT_A_TIME}",
    ),
    "a patient created on 30 February": (
        NEW_PATIENT + f"('u9', 'Zoe', '1997-02-03', 'female', '2026-02-30T10:00:00Z', {T})",
        f"patients.created_at: {NOT_A_TIME}",
    ),
    "a screening change recorded at teatime": (
        "INSERT INTO screening_changes (uid, patient_id, action, code, effective_on, screened_by, recorded_at) "
        f"VALUES ('{SCREENING_UID}', {{emma}}, 'found', 'csf_leak', '2026-03-01', 'Anita Bose', 'teatime')",
        f"screening_changes.recorded_at: {NOT_A_TIME}",
    ),
    "a draft saved at a time with seven decimals": (
        "INSERT INTO drafts (key, form, patient_id, content, saved_at) "
        "VALUES ('k', 'session', {ravi}, '{{}}', '2026-03-02T09:30:00.1234567Z')",
        f"drafts.saved_at: {NOT_A_TIME}",
    ),
    # codes
    "sex banana": (
        NEW_PATIENT + f"('u9', 'Zoe', '1997-02-03', 'banana', {T}, {T})",
        "patients.sex: not a code of vocabulary SEXES",
    ),
    "sex changed to banana": (
        "UPDATE patients SET sex = 'banana' WHERE id = {ravi}",
        "patients.sex: not a code of vocabulary SEXES",
    ),
    "a restriction on side up": (
        "INSERT INTO restrictions (session_id, position, region, side, severity) "
        "VALUES ({sessions}, 1, 'cranial.occiput', 'up', 'mild')",
        "restrictions.side: not a code of vocabulary RESTRICTION_SIDES",
    ),
    "a restriction of no region": (
        "INSERT INTO restrictions (session_id, position, region, side, severity) "
        "VALUES ({sessions}, 1, 'cranial.banana', 'left', 'mild')",
        "restrictions.region: not a code of vocabulary REGIONS",
    ),
    "a finding at no station": (
        "INSERT INTO rhythm_findings (session_id, position, station, side) VALUES ({sessions}, 1, 'elbow', 'left')",
        "rhythm_findings.station: not a code of vocabulary STATIONS",
    ),
    "a finding of quality wobbly": (
        "UPDATE rhythm_findings SET quality = 'wobbly' WHERE id = {rhythm_findings}",
        "rhythm_findings.quality: not a code of vocabulary QUALITIES (or empty)",
    ),
    "a technique of no vocabulary": (
        "INSERT INTO techniques_applied (session_id, position, technique) VALUES ({sessions}, 1, 'reiki')",
        "techniques_applied.technique: neither a code of vocabulary TECHNIQUES nor one of the therapist's own",
    ),
    "an own technique never named": (
        "INSERT INTO techniques_applied (session_id, position, technique) VALUES ({sessions}, 1, 'custom.jaw_hold')",
        "techniques_applied.technique: neither a code of vocabulary TECHNIQUES nor one of the therapist's own",
    ),
    "a reaction of hiccups": (
        "INSERT INTO adverse_reactions (session_id, position, code) VALUES ({sessions}, 1, 'hiccups')",
        "adverse_reactions.code: not a code of vocabulary NOTED_AFTER_SESSION",
    ),
    "an event of kind nap": (
        "INSERT INTO session_events (session_id, position, kind, minute) VALUES ({sessions}, 1, 'nap', 5)",
        "session_events.kind: not a code of vocabulary SESSION_EVENT_KINDS",
    ),
    "a condition of no vocabulary": (
        "INSERT INTO intake_conditions (intake_id, position, code) VALUES ({intakes}, 1, 'grumpiness')",
        "intake_conditions.code: not a code of vocabulary CONDITIONS",
    ),
    "a delivery by stork": (
        "UPDATE intakes SET birth_delivery = 'stork' WHERE id = {intakes}",
        "intakes.birth_delivery: not a code of vocabulary DELIVERY_MODES (or empty)",
    ),
    "a plan every hour": (
        "UPDATE follow_up_plans SET frequency = 'hourly' WHERE id = {follow_up_plans}",
        "follow_up_plans.frequency: not a code of vocabulary FREQUENCIES",
    ),
    "a referral to a shaman": (
        "INSERT INTO plan_referrals (plan_id, position, target) VALUES ({follow_up_plans}, 1, 'shaman')",
        "plan_referrals.target: not a code of vocabulary REFERRAL_TARGETS",
    ),
    "a contraindication found of flu": (
        "INSERT INTO screening_changes (uid, patient_id, action, code, effective_on, screened_by, recorded_at) "
        f"VALUES ('{SCREENING_UID}', {{emma}}, 'found', 'flu', '2026-03-01', 'Anita Bose', {T})",
        "screening_changes.code: not a code of vocabulary CONTRAINDICATIONS",
    ),
    # references, which foreign keys check only while they are on
    "a session for no patient": (
        NEW_SESSION + f"('s9', 999, {T}, 60, {T}, {T})",
        "sessions.patient_id: no patient has this id",
    ),
    "a session moved to no patient": (
        "UPDATE sessions SET patient_id = 999 WHERE id = {sessions}",
        "sessions.patient_id: no patient has this id",
    ),
    "an intake for no patient": (
        f"INSERT INTO intakes (patient_id, intake_date, created_at, updated_at) VALUES (999, '2026-01-05', {T}, {T})",
        "intakes.patient_id: no patient has this id",
    ),
    "a finding of no session": (
        "INSERT INTO rhythm_findings (session_id, position, station, side) VALUES (999, 0, 'occiput', 'left')",
        "rhythm_findings.session_id: no session has this id",
    ),
    "a technique of no session": (
        "INSERT INTO techniques_applied (session_id, position, technique) VALUES (999, 0, 'cv4_still_point')",
        "techniques_applied.session_id: no session has this id",
    ),
    "a medication of no intake": (
        "INSERT INTO intake_medications (intake_id, position, name) VALUES (999, 0, 'aspirin')",
        "intake_medications.intake_id: no intake has this id",
    ),
    "a goal of no plan": (
        "INSERT INTO plan_goals (plan_id, position, description) VALUES (999, 0, 'sleep')",
        "plan_goals.plan_id: no plan has this id",
    ),
    "a plan for no patient": (
        "INSERT INTO follow_up_plans (uid, patient_id, created_on, frequency, created_at, updated_at) "
        f"VALUES ('6f9b1c1e-4a8a-4c59-9d55-0d3f3c7b8e21', 999, '2026-03-02', 'weekly', {T}, {T})",
        "follow_up_plans.patient_id: no patient has this id",
    ),
    "a plan with no uid (m024)": (
        "INSERT INTO follow_up_plans (patient_id, created_on, frequency, created_at, updated_at) "
        f"VALUES ((SELECT min(id) FROM patients), '2026-03-02', 'weekly', {T}, {T})",
        "follow_up_plans.uid: must be a UUID of 36 characters",
    ),
    "a plan's uid changed (m024)": (
        "UPDATE follow_up_plans SET uid = '6f9b1c1e-4a8a-4c59-9d55-0d3f3c7b8e21' WHERE id = {follow_up_plans}",
        "follow_up_plans.uid: a plan's uid never changes",
    ),
    "a screening change with no uid (m025)": (
        "INSERT INTO screening_changes (patient_id, action, code, effective_on, screened_by, recorded_at) "
        f"VALUES ({{emma}}, 'found', 'csf_leak', '2026-03-01', 'Anita Bose', {T})",
        "screening_changes.uid: must be a UUID of 36 characters",
    ),
    "a screening change with another's uid (m025)": (
        "INSERT INTO screening_changes (uid, patient_id, action, code, effective_on, screened_by, recorded_at) "
        f"SELECT uid, {{emma}}, 'found', 'csf_leak', '2026-03-01', 'Anita Bose', {T} FROM screening_changes",
        "UNIQUE constraint failed: screening_changes.uid",
    ),
    "a screening change's uid changed (m025)": (
        f"UPDATE screening_changes SET uid = '{SCREENING_UID}'",
        "screening changes are never changed or deleted",
    ),
    "a screening change for no patient": (
        "INSERT INTO screening_changes (uid, patient_id, action, code, effective_on, screened_by, recorded_at) "
        f"VALUES ('{SCREENING_UID}', 999, 'found', 'csf_leak', '2026-03-01', 'Anita Bose', {T})",
        "screening_changes.patient_id: no patient has this id",
    ),
    "a new patient's documents in French": (
        "INSERT INTO patients (uid, full_name, birth_date, sex, created_at, updated_at, document_language) "
        f"VALUES ('u9', 'Zoe', '1997-02-03', 'female', {T}, {T}, 'fr')",
        "patients.document_language: not a code of vocabulary DOCUMENT_LANGUAGES",
    ),
    "a patient's documents changed to French": (
        "UPDATE patients SET document_language = 'fr' WHERE id = {ravi}",
        "patients.document_language: not a code of vocabulary DOCUMENT_LANGUAGES",
    ),
    "a draft for no patient": (
        f"INSERT INTO drafts (key, form, patient_id, content, saved_at) VALUES ('k', 'session', 999, '{{{{}}}}', {T})",
        "drafts.patient_id: no patient has this id",
    ),
    "a signing key of no practitioner": (
        "INSERT INTO practitioner_keys (practitioner_id, valid_from, key_id, public_key, reason) "
        f"VALUES (999, {T}, '{'0' * 64}', zeroblob(32), 'imported')",
        "practitioner_keys.practitioner_id: no practitioner has this id",
    ),
    "a patient given another id": (
        "UPDATE patients SET id = 999 WHERE id = {ravi}",
        "patients.id: the id of a patient is never changed",
    ),
    "a plan given another id": (
        "UPDATE follow_up_plans SET id = 999 WHERE id = {follow_up_plans}",
        "follow_up_plans.id: the id of a plan is never changed",
    ),
    # deletes
    "a patient with signed notes deleted": (
        "DELETE FROM patients WHERE id = {emma}",
        "patients: a patient whose notes are signed and locked is never deleted",
    ),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_a_raw_client_cannot_store_a_bad_row(clinic: Clinic, conn: sqlite3.Connection, attack: str) -> None:
    sql, message = ATTACKS[attack]
    refused(conn, sql.format(emma=clinic.emma, ravi=clinic.ravi, **clinic.ids), message)


def test_a_patient_with_screening_changes_is_not_deleted_even_without_signed_notes(
    clinic: Clinic, conn: sqlite3.Connection
) -> None:
    conn.execute(
        "INSERT INTO screening_changes (uid, patient_id, action, code, effective_on, screened_by, recorded_at) "
        f"VALUES ('{SCREENING_UID}', ?, 'rescreened', NULL, '2026-03-01', 'Anita Bose', {T})",
        [clinic.ravi],
    )
    conn.commit()
    refused(
        conn,
        f"DELETE FROM patients WHERE id = {clinic.ravi}",
        "patients: a patient with screening changes is never deleted (the changes are kept)",
    )


REFERENCES = [
    (table, column, parent)
    for table, column, parent in (
        ("intakes", "patient_id", "patients"),
        ("sessions", "patient_id", "patients"),
        ("follow_up_plans", "patient_id", "patients"),
        ("drafts", "patient_id", "patients"),
        ("screening_changes", "patient_id", "patients"),
        *((t, "intake_id", "intakes") for t in ("intake_conditions", "intake_medications", "intake_surgeries")),
        *((t, "intake_id", "intakes") for t in ("intake_trauma", "intake_contraindications")),
        *((t, "session_id", "sessions") for t in ("rhythm_findings", "session_events", "restrictions")),
        *((t, "session_id", "sessions") for t in ("techniques_applied", "adverse_reactions")),
        ("plan_goals", "plan_id", "follow_up_plans"),
        ("plan_referrals", "plan_id", "follow_up_plans"),
        ("addenda", "session_id", "sessions"),
        ("addenda", "intake_id", "intakes"),
        ("practitioner_keys", "practitioner_id", "practitioners"),
    )
]


def orphans(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """(table, rowid) of every row whose parent is missing."""
    found = []
    for table, column, parent in REFERENCES:
        sql = (
            f"SELECT t.rowid FROM {table} t WHERE t.{column} IS NOT NULL "
            f"AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.id = t.{column})"
        )
        found += [(table, r[0]) for r in conn.execute(sql)]
    return found


def new_database_tables() -> dict[str, str]:
    """Each table of a new database, and its SQL."""
    conn = sqlite3.connect(":memory:")
    try:
        schema.migration_set().apply(Database(conn, execute_plugins=False))
        return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall())
    finally:
        conn.close()


def test_the_references_checked_are_every_foreign_key_of_the_schema() -> None:
    conn = sqlite3.connect(":memory:")
    try:
        schema.migration_set().apply(Database(conn, execute_plugins=False))
        keys = {(t, k[3], k[2]) for t in new_database_tables() for k in conn.execute(f"PRAGMA foreign_key_list({t})")}
    finally:
        conn.close()
    assert keys == set(REFERENCES)


def test_deleting_a_patient_of_drafts_only_leaves_no_orphans_with_foreign_keys_off(
    clinic: Clinic, conn: sqlite3.Connection
) -> None:
    conn.execute(
        f"INSERT INTO drafts (key, form, patient_id, content, saved_at) VALUES ('k', 'session', ?, '{{}}', {T})",
        [clinic.ravi],
    )
    conn.execute("DELETE FROM patients WHERE id = ?", [clinic.ravi])
    conn.commit()
    assert orphans(conn) == []
    assert conn.execute("SELECT count(*) FROM sessions WHERE patient_id = ?", [clinic.ravi]).fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM rhythm_findings").fetchone() == (1,)  # Emma's signed session's
    assert conn.execute("SELECT count(*) FROM plan_goals").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM drafts").fetchone() == (0,)


def test_deleting_a_patient_of_drafts_only_deletes_the_same_rows_with_foreign_keys_on(
    clinic: Clinic, conn: sqlite3.Connection
) -> None:
    conn.execute("DELETE FROM patients WHERE id = ?", [clinic.ravi])
    off = everything(conn)
    conn.rollback()
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("DELETE FROM patients WHERE id = ?", [clinic.ravi])
    assert everything(conn) == off
    conn.rollback()


# --- the app's own writes, and what it does with an existing record, are all accepted -----------------


def test_the_app_writes_every_part_of_a_record_and_check_finds_it_whole(template: Clinic) -> None:
    services = Services.open(template.path)
    try:
        report = services.check()
    finally:
        services.close()
    assert report.ok, report.problems
    conn = sqlite3.connect(template.path)
    try:
        assert orphans(conn) == []
        assert {t: n for t, n in ((t, conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in PARENT_OF)} == (
            dict.fromkeys(PARENT_OF, 2) | {"follow_up_plans": 1, "plan_goals": 1, "plan_referrals": 1}
        )
    finally:
        conn.close()


# --- dates, times and codes, for any text -----------------------------------------------------


def is_iso_date(text: str) -> bool:
    """A real calendar date written YYYY-MM-DD, from the year 1000 (m012 refuses earlier years)."""
    try:
        return dt.date.fromisoformat(text).isoformat() == text and text >= "1000"
    except ValueError:
        return False


UTC_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z")


def is_utc_text(text: str) -> bool:
    if not UTC_TEXT.fullmatch(text) or text < "1000":
        return False
    try:
        dt.datetime.fromisoformat(text[:-1])
    except ValueError:
        return False
    return True


def day_texts() -> st.SearchStrategy[str]:
    """Text that looks like a date, the day perhaps past the end of its month."""
    return st.builds("{:04d}-{:02d}-{:02d}".format, st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32))


def month_ends() -> st.SearchStrategy[str]:
    """The 29th to the 31st of any month: past its end for some (the CHECK of m001 misses those)."""
    return st.builds("{:04d}-{:02d}-{:02d}".format, st.integers(0, 9999), st.integers(1, 12), st.integers(29, 31))


def time_texts() -> st.SearchStrategy[str]:
    """Text that looks like a UTC time, any part perhaps out of range, with 0 to 7 decimals."""
    return st.builds(
        lambda day, h, m, s, fraction: f"{day}T{h:02d}:{m:02d}:{s:02d}{fraction}Z",
        st.one_of(month_ends(), day_texts()),
        st.integers(0, 25),
        st.integers(0, 60),
        st.integers(0, 61),
        st.one_of(st.just(""), st.from_regex(r"\.[0-9]{1,7}", fullmatch=True)),
    )


def utc_times() -> st.SearchStrategy[str]:
    """UTC times written as the app writes them: no fraction, milliseconds or microseconds (from the
    year 1000: before it, strftime writes the year in fewer than four digits)."""
    moments = st.datetimes(min_value=dt.datetime(1000, 1, 1), timezones=st.just(dt.UTC))
    return st.one_of(
        moments.map(lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")),
        moments.map(lambda t: t.isoformat(timespec="milliseconds").replace("+00:00", "Z")),
        moments.map(lambda t: t.isoformat(timespec="microseconds").replace("+00:00", "Z")),
    )


def accepted(path: Path, sql: str, params: list[Any]) -> bool:
    """Whether a plain client may run ``sql``; nothing is kept either way."""
    conn = sqlite3.connect(path)
    try:
        try:
            conn.execute(sql, params)
        except sqlite3.IntegrityError:
            return False
        finally:
            conn.rollback()
        return True
    finally:
        conn.close()


ANY_SETTINGS = settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])


@ANY_SETTINGS
@given(st.one_of(st.dates().map(dt.date.isoformat), month_ends(), day_texts(), st.text(max_size=12)))
def test_a_date_is_stored_if_and_only_if_it_is_a_real_calendar_date(clinic: Clinic, text: str) -> None:
    sql = "UPDATE patients SET birth_date = ? WHERE id = ?"
    assert accepted(clinic.path, sql, [text, clinic.ravi]) == is_iso_date(text)


@ANY_SETTINGS
@given(st.one_of(utc_times(), time_texts(), st.text(max_size=30)))
def test_a_time_is_stored_if_and_only_if_it_is_utc_as_the_app_writes_it(clinic: Clinic, text: str) -> None:
    sql = "UPDATE sessions SET started_at = ? WHERE id = ?"
    assert accepted(clinic.path, sql, [text, clinic.ids["sessions"]]) == is_utc_text(text)


@ANY_SETTINGS
@given(utc_times())
def test_every_time_the_app_writes_is_accepted(clinic: Clinic, text: str) -> None:
    assert is_utc_text(text)
    assert accepted(clinic.path, "UPDATE sessions SET started_at = ? WHERE id = ?", [text, clinic.ids["sessions"]])


# (table, column) -> its vocabulary, and whether the schema lets it be empty ("none")
CODE_COLUMNS: dict[tuple[str, str], tuple[V.Vocabulary, bool]] = {
    ("patients", "sex"): (V.SEXES, False),
    ("patients", "guardian_relation"): (V.GUARDIAN_RELATIONS, False),
    ("patients", "document_language"): (V.DOCUMENT_LANGUAGES, False),
    ("intakes", "birth_delivery"): (V.DELIVERY_MODES, True),
    ("intakes", "birth_presentation"): (V.PRESENTATIONS, True),
    ("intake_conditions", "code"): (V.CONDITIONS, False),
    ("intake_trauma", "kind"): (V.TRAUMA_KINDS, False),
    ("intake_contraindications", "code"): (V.CONTRAINDICATIONS, False),
    ("rhythm_findings", "station"): (V.STATIONS, False),
    ("rhythm_findings", "side"): (V.STATION_SIDES, False),
    ("rhythm_findings", "symmetry"): (V.SYMMETRIES, True),
    ("rhythm_findings", "quality"): (V.QUALITIES, True),
    ("rhythm_findings", "restricted_phase"): (V.RESTRICTED_PHASES, True),
    ("session_events", "kind"): (V.SESSION_EVENT_KINDS, False),
    ("restrictions", "region"): (V.REGIONS, False),
    ("restrictions", "side"): (V.RESTRICTION_SIDES, False),
    ("techniques_applied", "technique"): (V.TECHNIQUES, False),
    ("adverse_reactions", "code"): (V.NOTED_AFTER_SESSION, False),
    ("follow_up_plans", "frequency"): (V.FREQUENCIES, False),
    ("follow_up_plans", "closed_reason"): (V.CLOSING_REASONS, True),
    ("plan_goals", "status"): (V.GOAL_STATUSES, False),
    ("plan_referrals", "target"): (V.REFERRAL_TARGETS, False),
    ("screening_changes", "code"): (V.CONTRAINDICATIONS, False),
}
# Code columns with their list in a CHECK of the table (m001, m006, m009) rather than in a trigger.
CHECKED_COLUMNS: dict[tuple[str, str], V.Vocabulary] = {
    ("restrictions", "severity"): V.SEVERITIES,
    ("screening_changes", "action"): V.SCREENING_ACTIONS,
    ("clinic_settings", "page_size"): V.PAGE_SIZES,
    ("clinic_settings", "date_order"): V.DATE_ORDERS,
}


def frozen_lists() -> dict[tuple[str, str], set[str]]:
    """The codes each trigger of a new database accepts, read from its SQL."""
    lists: dict[tuple[str, str], set[str]] = {}
    for name, (_table, sql) in schema.expected_triggers().items():
        if not name.endswith("_guard_insert"):
            continue
        for table, column, where in re.findall(
            r"RAISE\(ABORT, '(\w+)\.(\w+): (?:[^']|'')*vocabulary(?:[^']|'')*'\)(.*?);", sql, re.S
        ):
            # (NEW.x <> 'a' AND NEW.x <> 'b'), as m028 writes a list ("or empty" is apart: NEW.x <> '')
            [codes] = re.findall(r"\((NEW\.\w+ <> '[^']*'(?: AND NEW\.\w+ <> '[^']*')*)\)", where)
            lists[(table, column)] = set(re.findall(r"'([^']*)'", codes))
    return lists


def checked_lists() -> dict[tuple[str, str], set[str]]:
    tables, found = new_database_tables(), {}
    for table, column in CHECKED_COLUMNS:
        [codes] = re.findall(rf"CHECK \({column} IN \(([^)]*)\)\)", tables[table])
        found[(table, column)] = set(re.findall(r"'([^']*)'", codes))
    return found


def test_the_codes_frozen_in_the_database_are_the_vocabularies_of_today() -> None:
    """A code added to a vocabulary needs a migration that lets the database store it; a released
    code is never taken out of its vocabulary, for notes hold it (as emotional release, once an
    adverse reaction, now a response, is still a code a session's reactions may hold)."""
    frozen = frozen_lists() | checked_lists()
    today = {key: set(vocabulary.codes) for key, (vocabulary, _) in CODE_COLUMNS.items()}
    today |= {key: set(vocabulary.codes) for key, vocabulary in CHECKED_COLUMNS.items()}
    assert frozen.keys() == today.keys()
    for key in today:
        assert not today[key] - frozen[key], (
            f"{'.'.join(key)}: the vocabulary has codes the database refuses: add a migration that lets it store them"
        )
        assert not frozen[key] - today[key], (
            f"{'.'.join(key)}: codes left the vocabulary that stored notes may hold: keep them in the vocabulary"
        )
    assert "emotional_release" in frozen[("adverse_reactions", "code")]


def test_every_column_the_schema_says_holds_a_vocabulary_is_guarded() -> None:
    documented = {
        (table, column)
        for table, sql in new_database_tables().items()
        for column in re.findall(r"^\s*(\w+) [^\n]*-- vocabulary [A-Z_]+", sql, re.M)
    }
    assert documented
    assert documented <= CODE_COLUMNS.keys() | CHECKED_COLUMNS.keys()


# one row of Ravi's to change in each table (screening changes are never changed: a new one is added)
@pytest.mark.parametrize("key", [k for k in CODE_COLUMNS if k[0] != "screening_changes"])
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_code_is_stored_if_and_only_if_its_vocabulary_has_it(
    clinic: Clinic, key: tuple[str, str], data: st.DataObject
) -> None:
    table, column = key
    vocabulary, may_be_empty = CODE_COLUMNS[key]
    code = data.draw(st.one_of(st.sampled_from(vocabulary.codes), st.text(max_size=20)))
    sql = f"UPDATE {table} SET {column} = ?1 WHERE id = ?2"
    if key == ("follow_up_plans", "closed_reason"):  # a course of care is closed on a day, for a reason
        sql = sql.replace(" WHERE", ", closed_on = CASE ?1 WHEN '' THEN NULL ELSE '2026-03-03' END WHERE")
    expected = code in vocabulary.codes or (may_be_empty and code == "")
    assert accepted(clinic.path, sql, [code, clinic.ids[table]]) == expected


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.sampled_from(V.CONTRAINDICATIONS.codes), st.text(max_size=20)))
def test_a_screening_change_names_a_contraindication_of_the_vocabulary(clinic: Clinic, code: str) -> None:
    sql = (
        "INSERT INTO screening_changes (uid, patient_id, action, code, effective_on, screened_by, recorded_at) "
        f"VALUES ('{SCREENING_UID}', ?, 'found', ?, '2026-03-01', 'Anita Bose', {T})"
    )
    assert accepted(clinic.path, sql, [clinic.ravi, code]) == (code in V.CONTRAINDICATIONS.codes)


def test_an_own_technique_is_accepted_once_it_is_named(clinic: Clinic, conn: sqlite3.Connection) -> None:
    sql = "INSERT INTO techniques_applied (session_id, position, technique) VALUES (?, 1, 'custom.jaw_hold')"
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(sql, [clinic.ids["sessions"]])
    conn.execute(f"INSERT INTO custom_techniques (code, label, created_at) VALUES ('custom.jaw_hold', 'Jaw hold', {T})")
    conn.execute(sql, [clinic.ids["sessions"]])


# --- check, and an old database holding bad rows ------------------------------------------------


def test_check_names_a_dropped_or_emptied_guard(clinic: Clinic, conn: sqlite3.Connection) -> None:
    conn.executescript(
        "DROP TRIGGER sessions_guard_insert; DROP TRIGGER patients_cascade_delete; "
        "DROP TRIGGER patients_guard_update; "
        "CREATE TRIGGER patients_guard_update BEFORE UPDATE ON patients BEGIN SELECT 1; END;"
    )
    services = Services.open(clinic.path)
    try:
        report = services.check()
    finally:
        services.close()
    could = "rows the app cannot read (an impossible date, an unknown code, a note of no patient) could be stored"
    assert report.problems == (
        f"the protective trigger patients_cascade_delete is missing: {could}",
        f"the protective trigger patients_guard_update has been changed: {could}",
        f"the protective trigger sessions_guard_insert is missing: {could}",
    )


def test_every_guard_is_a_protective_trigger_check_compares() -> None:
    guards = schema.row_guard_triggers()
    assert len(guards) == 49  # 46 of m012, m013's practitioner_keys_guard_insert, m016's two of patients_language
    assert guards <= schema.protective_triggers()
    assert {f"{t}_guard_insert" for t in PARENT_OF} <= guards


def old_database_with_bad_rows(path: Path, *, orphan: bool) -> dict[str, list[tuple[Any, ...]]]:
    """The last released old version's file, a plain client having added an impossible birth date,
    an unknown sex and a session "next tuesday" (and, if asked, one of no patient)."""
    shutil.copyfile(path_of(len(RELEASED)), path)
    conn = sqlite3.connect(path)
    try:
        # SQLite before 3.44 (Debian 12) let 1997-02-30 through m001's CHECK (date(x) IS x); later
        # ones do not, so the plain client of this story writes past the CHECKs on any version
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute(
            "INSERT INTO patients (uid, full_name, birth_date, sex, created_at, updated_at) "
            f"VALUES ('bad', 'Zoe', '1997-02-30', 'banana', {T}, {T})"
        )
        conn.execute(
            "INSERT INTO sessions (uid, patient_id, started_at, duration_minutes, created_at, updated_at) "
            f"VALUES ('bad', 1, 'next tuesday', 60, {T}, {T})"
        )
        if orphan:
            conn.execute(
                "INSERT INTO sessions (uid, patient_id, started_at, duration_minutes, created_at, updated_at) "
                f"VALUES ('orphan', 999, {T}, 60, {T}, {T})"
            )
        conn.commit()
        return everything(conn)
    finally:
        conn.close()


def kept(before: dict[str, list[tuple[Any, ...]]], after: dict[str, list[tuple[Any, ...]]]) -> bool:
    """Every row as it was, the columns added since aside."""
    return all([row[: len(b[0])] for row in after[t]] == b for t, b in before.items() if b)


def test_the_migration_applies_over_bad_rows_and_keeps_them(tmp_path: Path) -> None:
    """Even over a session of no patient, which the app's own opening refuses before it migrates."""
    path = tmp_path / "clinic.sqlite"
    before = old_database_with_bad_rows(path, orphan=True)
    conn = sqlite3.connect(path)
    try:
        schema.migration_set().apply(Database(conn, execute_plugins=False))
        applied = conn.execute("SELECT name FROM _sqlite_migrations WHERE name = 'm012_refuse_bad_rows'").fetchall()
        assert applied == [("m012_refuse_bad_rows",)]
        assert kept(before, everything(conn))  # the bad rows too
    finally:
        conn.close()


def test_an_old_database_holding_bad_rows_upgrades_and_they_can_be_changed_but_not_made_worse(
    tmp_path: Path,
) -> None:
    path = tmp_path / "clinic.sqlite"
    before = old_database_with_bad_rows(path, orphan=False)
    Services.open(path).close()  # migrates
    conn = sqlite3.connect(path)
    try:
        assert kept(before, everything(conn))
        assert [
            t
            for t in schema.row_guard_triggers()
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?", [t]).fetchone()
        ] == []
        conn.execute("UPDATE sessions SET pain_before = 4 WHERE uid = 'bad'")
        conn.execute("UPDATE patients SET full_name = 'Zoe Bright' WHERE uid = 'bad'")
        with pytest.raises(sqlite3.IntegrityError, match=r"patients\.birth_date"):
            conn.execute("UPDATE patients SET birth_date = '1997-02-31' WHERE uid = 'bad'")
        with pytest.raises(sqlite3.IntegrityError, match=r"sessions\.started_at"):
            conn.execute("UPDATE sessions SET started_at = 'next wednesday' WHERE uid = 'bad'")
        conn.commit()
        assert conn.execute("SELECT full_name, birth_date, sex FROM patients WHERE uid = 'bad'").fetchone() == (
            "Zoe Bright",
            "1997-02-30",
            "banana",
        )
    finally:
        conn.close()
