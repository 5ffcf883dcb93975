"""Whole records survive a trip through the database, in any script, with every child row."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from cst_notes.domain.damage import DamagedRecord
from cst_notes.domain.patient import Guardian, Patient
from cst_notes.domain.plan import FollowUpPlan, current_plan, one_current
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import RhythmFinding
from cst_notes.domain.signing import SIGNED, Addendum
from cst_notes.services import Services
from cst_notes.storage import database, patients
from cst_notes.storage import records as storage_records
from cst_notes.storage.connection import Database
from cst_notes.storage.rows import _scalar_fields, column_value, from_row, row_reader, row_values, to_row
from tests.strategies import records

_LOCAL = {"id", "patient_id", "created_at", "updated_at"}


def portable(value: Any) -> Any:
    """The record without what the database adds (row ids and time stamps)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: portable(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name not in _LOCAL}
    if isinstance(value, tuple):
        return [portable(v) for v in value]
    return value


@given(records)
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
def test_a_record_reads_back_as_written(record: PatientRecord) -> None:
    services = Services.open(":memory:")
    try:
        changed = services.import_records([record])
        stored = services.record(changed.patient_id)
        expected = dataclasses.replace(record, sessions=tuple(sorted(record.sessions, key=lambda s: s.started_at)))
        # oldest first, and only the newest current (an older plan is superseded when the next begins)
        expected = dataclasses.replace(expected, follow_up_plans=one_current(record.follow_up_plans))
        assert portable(stored) == portable(expected)
        assert stored.patient.id == changed.patient_id
        assert all(s.patient_id == changed.patient_id for s in stored.sessions)
    finally:
        services.close()


_PARTS = (
    "patients", "intakes", "intake_conditions", "intake_medications", "intake_surgeries", "intake_trauma",
    "intake_contraindications", "sessions", "rhythm_findings", "session_events", "restrictions",
    "techniques_applied", "adverse_reactions", "follow_up_plans", "plan_goals", "plan_referrals", "addenda",
)  # fmt: skip


def _signed(note: Any) -> Any:
    when = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
    addendum = Addendum("Forgot: the left side too.", "Asha Rao", when, "a" * 64)
    return dataclasses.replace(
        note, status=SIGNED, signed_at=when, signed_by="Asha Rao", content_hash="f" * 64, addenda=(addendum,)
    )


def _rows(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every row of a record's tables, in id order, without the time of writing."""
    return {
        table: [
            {k: v for k, v in row.items() if k not in ("created_at", "updated_at")}
            for row in db.query(f"SELECT * FROM {table} ORDER BY rowid")
        ]
        for table in _PARTS
    }


@given(records)
@settings(max_examples=25, deadline=None)
def test_bulk_and_single_writes_store_the_same_rows(record: PatientRecord) -> None:
    """The import writes in bulk, the forms one note at a time, a pull a patient's sessions at once:
    all leave the same rows, signed or not."""
    record = dataclasses.replace(
        record,
        intake=_signed(record.intake) if record.intake else None,
        sessions=tuple(_signed(s) if n % 2 == 0 else s for n, s in enumerate(record.sessions)),
        follow_up_plans=one_current(record.follow_up_plans),
    )
    in_bulk, one_by_one, pulled = (database.open_database(database.MEMORY) for _ in range(3))
    try:
        [pid] = storage_records.insert_records(in_bulk, [record])
        for db in (one_by_one, pulled):
            assert patients.insert_patient(db, record.patient) == pid
            if record.intake is not None:
                storage_records.save_intake(db, pid, record.intake)
        for session in record.sessions:
            storage_records.insert_session(one_by_one, pid, session)
        ids = storage_records.insert_sessions(pulled, pid, record.sessions)
        stored = {s.uid: s.id for s in storage_records.sessions_for_patient(pulled, pid)}
        assert ids == [stored[s.uid] for s in record.sessions]  # each session's id, in the order given
        for db in (one_by_one, pulled):
            for plan in record.follow_up_plans:
                storage_records.add_plan(db, pid, plan)
        assert _rows(in_bulk) == _rows(one_by_one) == _rows(pulled)
    finally:
        in_bulk.close()
        one_by_one.close()
        pulled.close()


def test_the_due_list_and_the_patient_list_take_the_domain_s_current_plan() -> None:
    """Should the database hold several plans not superseded (two laptops of a clinic each made
    one), the due list's and the patient list's SQL pick the plan ``domain.plan.current_plan``
    picks: the newest; on the same day an open one before a closed one, then the greater uid."""
    db = database.open_database(database.MEMORY)
    try:
        patient_id = patients.insert_patient(db, Patient("Lena Berg", dt.date(1980, 1, 1)))
        day = dt.date(2026, 1, 5)
        for frequency, created_on, appointment, uid in (
            ("monthly", day, dt.date(2026, 2, 2), "b" * 8),  # the same day: the greater uid of the open ones
            ("weekly", day, dt.date(2026, 2, 1), "a" * 8),
            ("fortnightly", day - dt.timedelta(days=1), dt.date(2026, 2, 3), "f" * 8),
        ):
            plan = FollowUpPlan(
                created_on, frequency, next_appointment=appointment, uid=uid + "-0000-4000-8000-" + "0" * 12
            )
            storage_records.add_plan(db, patient_id, plan)
        closed = FollowUpPlan(
            day, "weekly", closed_on=day, closed_reason="goals_met", uid="c" * 8 + "-0000-4000-8000-" + "0" * 12
        )
        storage_records.add_plan(db, patient_id, closed)  # the same day, a greater uid, but closed
        db.execute("UPDATE follow_up_plans SET superseded_on = NULL")
        chosen = current_plan(storage_records.plans_for_patient(db, patient_id))
        assert chosen is not None
        assert chosen.frequency == "monthly"
        assert [s.frequency for s in patients.plan_statuses(db)] == [chosen.frequency]
        assert [s.next_appointment for s in patients.patient_summaries(db)] == [chosen.next_appointment]
    finally:
        db.close()


def test_a_row_read_by_position_is_the_object_from_row_makes_and_a_bad_cell_is_named_alike() -> None:
    """``rows.row_reader`` (the chart's fast path, issue 18) and ``rows.from_row`` agree: the same
    object from the same row, None for a NULL, and the same damage named for a cell that is not its type."""
    names = ["id", "session_id", "position", "station", "side", "rate", "amplitude", "symmetry", "quality"]
    good = (7, 3, 0, "occiput", "both", 8.5, 3, "symmetric", None)
    read = row_reader(RhythmFinding, names, table="rhythm_findings")
    assert read(good) == from_row(RhythmFinding, dict(zip(names, good, strict=True)), table="rhythm_findings")
    assert read(good).rate == 8.5
    assert read(good).quality == RhythmFinding("occiput").quality  # a NULL text: the field's default
    nulled = (7, 3, 0, "occiput", "both", None, 3, "symmetric", "normal")
    assert read(nulled).rate is None
    bad = (7, 3, 0, "occiput", "both", "fast", 3, "symmetric", "normal")
    with pytest.raises(DamagedRecord) as by_position:
        read(bad)
    with pytest.raises(DamagedRecord) as by_name:
        from_row(RhythmFinding, dict(zip(names, bad, strict=True)), table="rhythm_findings")
    assert by_position.value.damage == by_name.value.damage
    assert (by_position.value.damage.table, by_position.value.damage.row_id) == ("rhythm_findings", 7)


def test_a_patient_is_found_by_uid_and_an_unknown_uid_finds_none() -> None:
    db = database.open_database(database.MEMORY)
    try:
        lena = patients.insert_patient(db, Patient("Lena Berg", dt.date(1980, 1, 1)))
        omar = patients.insert_patient(db, Patient("Omar Haddad", dt.date(1975, 6, 2)))
        held = patients.patient_uids(db)
        assert (patients.id_of_uid(db, held[lena]), patients.id_of_uid(db, held[omar])) == (lena, omar)
        assert patients.id_of_uid(db, "00000000-0000-4000-8000-000000000000") is None
    finally:
        db.close()


def _parts(record: PatientRecord) -> list[Any]:
    """Every flat object of a record that is written as a row: the patient, guardian, notes and their parts."""
    found: list[Any] = []

    def walk(value: Any) -> None:
        if isinstance(value, tuple):
            for item in value:
                walk(item)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            found.append(value)
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))

    walk(record)
    return found


@given(records)
@settings(max_examples=40, deadline=None)
def test_rows_are_made_as_by_each_field_in_turn(record: PatientRecord) -> None:
    """``row_values`` and ``to_row`` (which fetch the columns at once, and convert only what needs it)
    give what the plain rule gives, field by field: the value, a flag as 0 or 1, a date or time as text."""
    guardian = Guardian("Ann", "mother", consent_given=True, consent_date=dt.date(2020, 1, 2))  # a flag, a date
    for obj in [*_parts(record), guardian]:
        fields = _scalar_fields(type(obj))
        assert row_values(obj) == [
            column_value(getattr(obj, name)) if tp not in (str, int, float) else getattr(obj, name)
            for name, tp in fields
        ]
        assert to_row(obj) == {name: column_value(getattr(obj, name)) for name, _ in fields}
        skip = frozenset(name for name, _ in fields[::2])
        assert to_row(obj, skip=skip, prefix="p_") == {
            f"p_{name}": column_value(getattr(obj, name)) for name, _ in fields if name not in skip
        }
        assert [type(v) for v in to_row(obj).values()] == [type(column_value(getattr(obj, name))) for name, _ in fields]
