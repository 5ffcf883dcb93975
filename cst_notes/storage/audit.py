"""The audit log table: append-only (triggers refuse UPDATE and DELETE)."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from cst_notes.domain.audit import AuditEntry
from cst_notes.storage.rows import from_utc_text, utc_now


def record_change(
    db: Database,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    patient_id: int | None,
    summary: str = "",
    before: Any = None,
    after: Any = None,
) -> None:
    db.execute(
        "INSERT INTO audit_log (changed_at, actor, action, entity, entity_id, patient_id, summary, "
        "before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            utc_now(),
            actor,
            action,
            entity,
            entity_id,
            patient_id,
            summary,
            None if before is None else json.dumps(before, ensure_ascii=False),
            None if after is None else json.dumps(after, ensure_ascii=False),
        ],
    )


def history(db: Database, patient_id: int | None = None, limit: int = 1000) -> list[AuditEntry]:
    """Newest first; a patient's changes, or the whole practice's."""
    where, params = ("WHERE patient_id = ?", [patient_id]) if patient_id is not None else ("", [])
    rows = db.execute(
        "SELECT id, changed_at, actor, action, entity, entity_id, patient_id, summary, before_json, after_json "
        f"FROM audit_log {where} ORDER BY id DESC LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [
        AuditEntry(
            id=r[0],
            changed_at=from_utc_text(r[1]),
            actor=r[2],
            action=r[3],
            entity=r[4],
            entity_id=r[5],
            patient_id=r[6],
            summary=r[7],
            before=None if r[8] is None else json.loads(r[8]),
            after=None if r[9] is None else json.loads(r[9]),
        )
        for r in rows
    ]
