"""`make bench`'s clinic group (``tests/bench.py``, issue 17), at a tiny scale: its own real server,
her patients charted and pushed, the others' sessions filled in SQL; every row there with a sane
value, her first sync's laptop holding her patients and sessions and nothing of the others', and
her second laptop the day's work too."""

from __future__ import annotations

import math
from pathlib import Path

from cst_notes.services import Services
from tests import bench

PATIENTS, PER_PATIENT, PRACTITIONERS, SESSIONS = 4, 5, 3, 400


def uids_and_sessions(path: Path) -> tuple[set[str], list[tuple[str, str, bool]]]:
    """The patients' uids a laptop holds, and its sessions: (uid, therapist, signed)."""
    services = Services.open(path)
    try:
        ids = services.patient_ids()
        sessions = [(s.uid, s.therapist, s.is_signed) for pid in ids for s in services.record(pid).sessions]
        assert services.check().problems == ()
        return {services.patient(pid).uid for pid in ids}, sorted(sessions)
    finally:
        services.close()


def test_the_clinic_group_times_her_first_sync_and_a_days_work_without_the_others_records(tmp_path: Path) -> None:
    results = bench.clinic_rows(tmp_path, PRACTITIONERS, SESSIONS, runs=1, patients=PATIENTS, per_patient=PER_PATIENT)
    rows = {r.metric: r for r in results}
    first = rows[f"clinic: first sync of one practitioner's {PATIENTS} patients to an empty laptop"]
    day = rows[f"clinic: incremental sync of a day's work ({bench.DAY_SESSIONS} sessions)"]
    second = rows[f"clinic: the same {bench.DAY_SESSIONS} sessions synced to her second laptop"]
    filled = rows[f"clinic: the server filled to {SESSIONS} sessions of {PRACTITIONERS} practitioners"]
    pushed = next(
        r for r in results if r.metric.startswith(f"clinic: her first push ({PATIENTS * PER_PATIENT} sessions")
    )
    assert rows[f"clinic: her {PATIENTS} patients, {PATIENTS * PER_PATIENT} sessions charted and signed"].value > 0
    assert (first.unit, first.target, day.target, second.target) == ("s", 2, 1.0, 1.0)
    assert first.baseline is not None
    assert 0 < first.baseline < 60
    assert first.ok is not None  # a ratio, against its target
    for row in (first, day, second, filled, pushed):
        assert math.isfinite(row.value), row
        assert 0 < row.value < 120, row
    assert rows["clinic: the server's data on disk"].value > 1  # MB
    assert rows["clinic: the new laptop's database after its first sync"].value > 0
    stretch = rows["clinic: her first sync's longest part on the window's thread"]
    assert (stretch.unit, stretch.target) == ("ms", 50)
    assert 0 < stretch.value < first.value * 1000  # a part of it, not the whole
    wall = rows["clinic: the whole group's wall time"].value
    assert wall > first.value + day.value + second.value + filled.value
    assert len(results) == len(rows) == 10
    assert all(r.row()["metric"] == r.metric for r in results)  # each one a row of bench.json

    her_patients, her_sessions = uids_and_sessions(tmp_path / "clinic" / "her-laptop.sqlite")
    new_patients, new_sessions = uids_and_sessions(tmp_path / "clinic" / "new-laptop-0.sqlite")
    her = bench.clinic_people(PRACTITIONERS)[0]
    assert len(her_patients) == PATIENTS
    assert len(her_sessions) == PATIENTS * PER_PATIENT + bench.DAY_SESSIONS
    assert {(therapist, signed) for _, therapist, signed in her_sessions} == {(her, True)}
    # the first sync brought her patients and signed sessions, then the day's work; none of the
    # others' (the server held SESSIONS)
    assert (new_patients, new_sessions) == (her_patients, her_sessions)
