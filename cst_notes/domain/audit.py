"""The audit trail: who changed which record, when, from what to what."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

CREATE, UPDATE, DELETE, SIGN, ADDENDUM, IMPORT, RESTORE = (
    "create",
    "update",
    "delete",
    "sign",
    "addendum",
    "import",
    "restore",
)
ACTION_LABELS = {
    CREATE: "Created",
    UPDATE: "Changed",
    DELETE: "Deleted",
    SIGN: "Signed",
    ADDENDUM: "Addendum added",
    IMPORT: "Imported",
    RESTORE: "Restored from a backup",
}


@dataclass(frozen=True)
class AuditEntry:
    changed_at: dt.datetime
    actor: str
    action: str  # one of the constants above
    entity: str  # patient, intake, session, plan, settings, practice
    entity_id: int | None
    patient_id: int | None
    summary: str
    before: Any  # the record before, JSON-ready (None for a create)
    after: Any  # the record after (None for a delete)
    id: int | None = None

    def changed_fields(self) -> list[str]:
        """Top-level fields whose values differ between before and after."""
        if not isinstance(self.before, dict) or not isinstance(self.after, dict):
            return []
        keys = sorted(set(self.before) | set(self.after))
        return [k for k in keys if self.before.get(k) != self.after.get(k) and k not in {"updated_at"}]
