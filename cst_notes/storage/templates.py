"""Saved session templates."""

from __future__ import annotations

import json

from cst_notes.domain import record_format
from cst_notes.domain.charting import SessionTemplate
from cst_notes.storage.connection import Database
from cst_notes.storage.rows import utc_now


def save_template(db: Database, template: SessionTemplate) -> int:
    """Add the template, or replace the one with the same name."""
    content = record_format.encode(template)
    content.pop("name")
    now = utc_now()
    db.execute(
        "INSERT INTO session_templates (name, content, created_at, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (name) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at",
        [template.name, json.dumps(content, ensure_ascii=False), now, now],
    )
    return int(db.execute("SELECT id FROM session_templates WHERE name = ?", [template.name]).fetchone()[0])


def templates(db: Database) -> list[SessionTemplate]:
    rows = db.execute("SELECT id, name, content FROM session_templates ORDER BY name COLLATE NOCASE").fetchall()
    out = []
    for template_id, name, content in rows:
        parsed = record_format.read_object(SessionTemplate, {"name": name, **json.loads(content)})
        out.append(SessionTemplate(**{**parsed.__dict__, "id": template_id}))
    return out


def delete_template(db: Database, template_id: int) -> None:
    db.execute("DELETE FROM session_templates WHERE id = ?", [template_id])
