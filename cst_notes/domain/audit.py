"""The audit trail: who changed which record, when, from what to what."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

CREATE, UPDATE, DELETE, SIGN, ADDENDUM, IMPORT, RESTORE, REPAIR = (
    "create",
    "update",
    "delete",
    "sign",
    "addendum",
    "import",
    "restore",
    "repair",
)
ACTION_LABELS = {
    CREATE: "Created",
    UPDATE: "Changed",
    DELETE: "Deleted",
    SIGN: "Signed",
    ADDENDUM: "Addendum added",
    IMPORT: "Imported",
    RESTORE: "Restored from a backup",
    REPAIR: "Repaired",
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


# --- the hash chain ---------------------------------------------------------------------------
# Each entry carries the hash of the one before it and its own: changing, removing or reordering
# an entry breaks the chain from there on. Version 1 hashes, in this order, the entry's stored
# columns (id, changed_at, actor, action, entity, entity_id, patient_id, summary, before_json,
# after_json, exactly as stored) after the previous entry's hash. Frozen: a change is version 2.
CHAIN_GENESIS = "0" * 64  # what the first entry follows
CHAIN_COLUMNS = (
    "id",
    "changed_at",
    "actor",
    "action",
    "entity",
    "entity_id",
    "patient_id",
    "summary",
    "before_json",
    "after_json",
)
_CHAIN_V1 = b"cst-notes audit chain 1\n"


def chain_hash(previous: str, stored: Sequence[Any]) -> str:
    """The hash of an audit entry (its ``CHAIN_COLUMNS`` as stored) following ``previous``."""
    if len(stored) != len(CHAIN_COLUMNS):
        raise ValueError(f"an audit entry has {len(CHAIN_COLUMNS)} columns to hash, not {len(stored)}")
    values = [v.hex() if isinstance(v, bytes) else v for v in stored]  # a blob only a raw client could write
    text = json.dumps([previous, *values], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(_CHAIN_V1 + text.encode("utf-8", "surrogatepass")).hexdigest()
