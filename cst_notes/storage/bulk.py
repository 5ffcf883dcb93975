"""Bulk inserts in two steps: ``prepare`` turns records into plain rows with ids counted from 0
within the batch (no database needed: it can run in another process), and ``write`` shifts the
ids to the database's next free ones and runs one ``executemany`` per statement."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cst_notes.domain import vocabulary as V
from cst_notes.domain.plan import one_current
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import technique_label
from cst_notes.domain.signing import SIGNED
from cst_notes.storage import mapping as M
from cst_notes.storage.connection import Database
from cst_notes.storage.patients import patient_row
from cst_notes.storage.rows import utc_now
from cst_notes.storage.screening import change_row as screening_change_row

MAIN_TABLES = ("patients", "intakes", "sessions", "follow_up_plans")


@dataclass
class Statement:
    sql: str
    rows: list[list[Any]] = field(default_factory=list)
    shift: tuple[tuple[int, str], ...] = ()  # (column position, table whose first new id is added)


@dataclass
class PreparedBatch:
    statements: list[Statement]
    counts: dict[str, int]  # new rows per main table
    custom_techniques: dict[str, str]  # own technique code -> its name as typed (or read from the code)


def prepare(records: Sequence[PatientRecord], now: str | None = None) -> PreparedBatch:  # noqa: C901
    now = now or utc_now()
    counts = dict.fromkeys(MAIN_TABLES, 0)
    main: dict[str, Statement] = {}
    children: dict[str, Statement] = {}
    signatures: dict[str, Statement] = {}
    addenda: dict[str, Statement] = {}
    custom: dict[str, str] = {}

    def add_main(table: str, row: dict[str, Any], parent_shift: bool) -> int:
        local = counts[table]
        counts[table] += 1
        row = {"id": local, **row}
        if table not in main:
            cols = list(row)
            shift = ((0, table),) + (((cols.index("patient_id"), "patients"),) if parent_shift else ())
            main[table] = Statement(M.insert_sql(table, cols), shift=shift)
        main[table].rows.append(list(row.values()))
        return local

    def add_children(specs: tuple[M.Child, ...], parent_table: str, parent_id: int, obj: Any) -> None:
        for spec in specs:
            rows = spec.rows(parent_id, obj)
            if not rows:
                continue
            if spec.table not in children:
                children[spec.table] = Statement(spec.insert_sql, shift=((0, parent_table),))
            children[spec.table].rows.extend(rows)

    def add_signature(table: str, note_id: int, note: Any) -> None:
        if note.status != SIGNED:
            return
        if table not in signatures:
            signatures[table] = Statement(M.mark_signed_sql(table), shift=((M.MARK_SIGNED_ID, table),))
            addenda[table] = Statement(M.addendum_sql(table), shift=((M.ADDENDUM_NOTE_ID, table),))
        signatures[table].rows.append(M.mark_signed_params(note_id, note))
        addenda[table].rows.extend(M.addendum_params(note_id, a) for a in note.addenda)

    for record in records:
        pid = add_main("patients", patient_row(record.patient, now), parent_shift=False)
        if record.intake is not None:
            iid = add_main("intakes", M.intake_row(record.intake, pid, now), True)
            add_children(M.INTAKE_CHILDREN, "intakes", iid, record.intake)
            add_signature("intakes", iid, record.intake)
        for session in record.sessions:
            sid = add_main("sessions", M.session_row(session, pid, now), True)
            add_children(M.SESSION_CHILDREN, "sessions", sid, session)
            add_signature("sessions", sid, session)
            for t in session.techniques:
                if t.technique not in V.TECHNIQUES:
                    custom.setdefault(t.technique, technique_label(t.technique, record.technique_labels))
        for plan in one_current(record.follow_up_plans):
            fid = add_main("follow_up_plans", M.plan_row(plan, pid, now), True)
            add_children(M.PLAN_CHILDREN, "follow_up_plans", fid, plan)
        for change in record.screening_changes:
            row = screening_change_row(change, pid, now)
            if "screening_changes" not in children:
                cols = list(row)
                sql = M.insert_sql("screening_changes", cols)
                children["screening_changes"] = Statement(sql, shift=((cols.index("patient_id"), "patients"),))
            children["screening_changes"].rows.append(list(row.values()))
    order = [main[t] for t in MAIN_TABLES if t in main]
    order += list(children.values()) + list(signatures.values()) + list(addenda.values())
    return PreparedBatch(order, counts, custom)


def write(db: Database, batch: PreparedBatch) -> list[int]:
    """Write a prepared batch (inside the caller's transaction); returns the new patient ids."""
    first = {t: int(db.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {t}").fetchone()[0]) for t in MAIN_TABLES}
    for statement in batch.statements:
        rows = statement.rows
        for position, table in statement.shift:
            offset = first[table]
            for row in rows:
                row[position] += offset
        db.conn.executemany(statement.sql, rows)
    return list(range(first["patients"], first["patients"] + batch.counts["patients"]))
