"""Whole records survive a trip through the database, in any script, with every child row."""

from __future__ import annotations

import dataclasses
from typing import Any

from hypothesis import HealthCheck, given, settings

from cst_notes.domain.plan import one_current
from cst_notes.domain.record import PatientRecord
from cst_notes.services import Services
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
