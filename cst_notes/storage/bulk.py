"""Bulk inserts in two steps: ``prepare`` turns records into plain rows with ids counted from 0
within the batch (no database needed: it can run in another process), and ``write`` shifts the
ids to the database's next free ones and runs one ``executemany`` per statement."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from cst_notes.domain import vocabulary as V
from cst_notes.domain.plan import one_current
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.signing import SIGNED
from cst_notes.storage.patients import patient_row
from cst_notes.storage.rows import columns, row_values, to_utc_text, utc_now

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
    custom_techniques: set[str]


def _insert_sql(table: str, cols: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


def prepare(records: Sequence[PatientRecord], now: str | None = None) -> PreparedBatch:  # noqa: C901
    # the row builders live with the single-record writes, so that both write the same columns
    from cst_notes.storage import records as R  # records imports this module

    now = now or utc_now()
    counts = dict.fromkeys(MAIN_TABLES, 0)
    main: dict[str, Statement] = {}
    children: dict[str, Statement] = {}
    signatures: dict[str, Statement] = {}
    addenda: dict[str, Statement] = {}
    custom: set[str] = set()

    def add_main(table: str, row: dict[str, Any], parent_shift: bool) -> int:
        local = counts[table]
        counts[table] += 1
        row = {"id": local, **row}
        if table not in main:
            cols = list(row)
            shift = ((0, table),) + (((cols.index("patient_id"), "patients"),) if parent_shift else ())
            main[table] = Statement(_insert_sql(table, cols), shift=shift)
        main[table].rows.append(list(row.values()))
        return local

    def add_children(specs: tuple[Any, ...], parent_table: str, parent_id: int, obj: Any) -> None:
        for spec in specs:
            items = getattr(obj, spec.attr)
            if not items:
                continue
            if spec.table not in children:
                sql = _insert_sql(spec.table, [spec.parent, "position", *columns(spec.cls)])
                children[spec.table] = Statement(sql, shift=((0, parent_table),))
            children[spec.table].rows.extend([parent_id, n, *row_values(c)] for n, c in enumerate(items))

    def add_signature(table: str, column: str, note_id: int, note: Any) -> None:
        if note.status != SIGNED:
            return
        if table not in signatures:
            signatures[table] = Statement(
                f"UPDATE {table} SET status = 'signed', signed_at = ?, signed_by = ?, content_hash = ? WHERE id = ?",
                shift=((3, table),),
            )
            addenda[table] = Statement(
                f"INSERT INTO addenda ({column}, text, author, created_at, content_hash) VALUES (?, ?, ?, ?, ?)",
                shift=((0, table),),
            )
        signatures[table].rows.append([to_utc_text(note.signed_at), note.signed_by, note.content_hash, note_id])
        addenda[table].rows.extend(
            [note_id, a.text, a.author, to_utc_text(a.created_at), a.content_hash] for a in note.addenda
        )

    for record in records:
        pid = add_main("patients", patient_row(record.patient, now), parent_shift=False)
        if record.intake is not None:
            iid = add_main("intakes", R._intake_row(record.intake, -1, now) | {"patient_id": pid}, True)
            add_children(R._INTAKE_CHILDREN, "intakes", iid, record.intake)
            add_signature("intakes", "intake_id", iid, record.intake)
        for session in record.sessions:
            sid = add_main("sessions", R._session_row(session, -1, now) | {"patient_id": pid}, True)
            add_children(R._SESSION_CHILDREN, "sessions", sid, session)
            add_signature("sessions", "session_id", sid, session)
            custom |= {t.technique for t in session.techniques if t.technique not in V.TECHNIQUES}
        for plan in one_current(record.follow_up_plans):
            fid = add_main("follow_up_plans", R._plan_row(plan, -1, now) | {"patient_id": pid}, True)
            add_children(R._PLAN_CHILDREN, "follow_up_plans", fid, plan)
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
