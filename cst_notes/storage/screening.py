"""The screening changes table (append-only: triggers refuse UPDATE, DELETE and REPLACE), and the
current contraindication lists of many patients at once, for the patient list."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from cst_notes.domain.dates import format_utc_millis
from cst_notes.domain.intake import ContraindicationEntry
from cst_notes.domain.screening import Screening, ScreeningChange, fold
from cst_notes.storage.connection import Database
from cst_notes.storage.mapping import insert_sql
from cst_notes.storage.rows import from_row, read_value, to_row, utc_now

_CHUNK = 500
# A change's time in utc_now's form, to the millisecond: the text then orders as the times do (a
# change imported before m025 may have been written without a fraction of a second).
_RECORDED = "strftime('%Y-%m-%dT%H:%M:%fZ', recorded_at)"


def change_row(change: ScreeningChange, patient_id: int, now: str) -> dict[str, Any]:
    row = to_row(change, skip=frozenset({"id", "patient_id"}))
    row["patient_id"] = patient_id
    row["code"] = change.code or None
    # One form (utc_now's, to the millisecond) for every change, so that the text orders as the times do.
    row["recorded_at"] = format_utc_millis(change.recorded_at) if change.recorded_at is not None else now
    return row


def add_change(db: Database, patient_id: int, change: ScreeningChange) -> int:
    """Record one change; returns its id. A change made here is recorded now, strictly after the
    patient's changes held here (a clock set back, or two changes in one millisecond, cannot put
    it before them in the fold's order); one pulled from another laptop keeps its own time."""
    now = utc_now()
    if change.recorded_at is None:
        row = db.execute(
            f"SELECT max({_RECORDED}) FROM screening_changes WHERE patient_id = ?", [patient_id]
        ).fetchone()
        latest = row[0] if row else None
        if latest is not None and latest >= now:
            now = _after(latest)
    row = change_row(change, patient_id, now)
    cursor = db.execute(insert_sql("screening_changes", list(row)), list(row.values()))
    return int(cursor.lastrowid or 0)


def _after(recorded_at: str) -> str:
    """The millisecond after a stored time (``utc_now``'s form)."""
    return format_utc_millis(
        dt.datetime.fromisoformat(recorded_at.replace("Z", "+00:00")) + dt.timedelta(milliseconds=1)
    )


def change_holders(db: Database, uids: Sequence[str]) -> dict[str, int]:
    """Which of these change uids are held here: uid -> the patient id whose change it is."""
    out: dict[str, int] = {}
    listed = sorted(set(uids))
    for start in range(0, len(listed), _CHUNK):
        chunk = listed[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        out.update(db.execute(f"SELECT uid, patient_id FROM screening_changes WHERE uid IN ({marks})", chunk))
    return out


def _changes(db: Database, where: str, params: Sequence[Any]) -> dict[int, list[ScreeningChange]]:
    grouped: dict[int, list[ScreeningChange]] = defaultdict(list)
    # The fold's order (domain.screening): by the time each was recorded, the same on every laptop
    # (two laptops' changes recorded in one millisecond: by uid).
    for row in db.query(f"SELECT * FROM screening_changes {where} ORDER BY {_RECORDED}, uid", params):
        grouped[row["patient_id"]].append(from_row(ScreeningChange, row, table="screening_changes"))
    return grouped


def changes_for_patient(db: Database, patient_id: int) -> tuple[ScreeningChange, ...]:
    """The patient's changes in the order they were recorded (``recorded_at``)."""
    return tuple(_changes(db, "WHERE patient_id = ?", [patient_id]).get(patient_id, ()))


def current_lists(db: Database, patient_ids: Sequence[int] | None = None) -> dict[int, Screening]:
    """The current list of each patient (of every patient when ``patient_ids`` is None) who has a
    contraindication at intake or a screening change; others have none. One fold per patient, the
    same one the chart and the gate use (``domain.screening.fold``)."""
    chunks: list[tuple[str, list[Any]]] = [("", [])]
    if patient_ids is not None:
        ids = list(patient_ids)
        chunks = [
            (f"IN ({', '.join('?' * len(part))})", part)
            for part in (ids[n : n + _CHUNK] for n in range(0, len(ids), _CHUNK))
        ]
    out: dict[int, Screening] = {}
    for clause, params in chunks:
        baseline: dict[int, list[ContraindicationEntry]] = defaultdict(list)
        screened_on: dict[int, str | None] = {}
        where = f"WHERE i.patient_id {clause}" if clause else ""
        for pid, day, code, note in db.execute(
            "SELECT i.patient_id, i.contraindications_screened_on, c.code, c.note FROM intakes i "
            f"JOIN intake_contraindications c ON c.intake_id = i.id {where} ORDER BY i.patient_id, c.position",
            params,
        ):
            baseline[pid].append(ContraindicationEntry(code, note))
            screened_on[pid] = day
        changes = _changes(db, f"WHERE patient_id {clause}" if clause else "", params)
        for pid in set(baseline) | set(changes):
            day = screened_on.get(pid)
            out[pid] = fold(baseline.get(pid, ()), _date(day), changes.get(pid, ()))
    return out


def _date(text: str | None) -> dt.date | None:
    return read_value(dt.date, text, "intakes", None, "contraindications_screened_on") if text else None
