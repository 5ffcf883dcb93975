"""Drafts of unsaved forms."""

from __future__ import annotations

import json

from cst_notes.domain.draft import Draft
from cst_notes.storage.connection import Database
from cst_notes.storage.rows import utc_now


def save_draft(db: Database, draft: Draft) -> None:
    db.execute(
        "INSERT INTO drafts (key, form, patient_id, content, saved_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET content = excluded.content, saved_at = excluded.saved_at",
        [draft.key, draft.form, draft.patient_id, json.dumps(draft.content, ensure_ascii=False), utc_now()],
    )


def _draft(row: tuple[str, str, int | None, str, str]) -> Draft:
    return Draft(row[0], row[1], row[2], json.loads(row[3]), row[4])


def get_draft(db: Database, key: str) -> Draft | None:
    row = db.execute("SELECT key, form, patient_id, content, saved_at FROM drafts WHERE key = ?", [key]).fetchone()
    return _draft(row) if row else None


def all_drafts(db: Database) -> list[Draft]:
    rows = db.execute("SELECT key, form, patient_id, content, saved_at FROM drafts ORDER BY saved_at").fetchall()
    return [_draft(r) for r in rows]


def discard_draft(db: Database, key: str) -> None:
    db.execute("DELETE FROM drafts WHERE key = ?", [key])
