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


# --- seals: the chain's end signed ----------------------------------------------------------------
# A seal is a practitioner's Ed25519 signature over the chain's last entry then (its id and hash),
# the time, and who sealed with which key: an entry changed before a seal, with the chain recomputed
# after it with these very functions, no longer has the hash the seal signed. Version 1, frozen.
_SEAL_V1 = b"cst-notes audit seal 1\n"


@dataclass(frozen=True)
class Seal:
    entry_id: int  # the chain's last entry when sealed
    entry_hash: str
    sealed_at: dt.datetime  # to the second, UTC
    practitioner: str  # who sealed
    key_id: str  # with which of their keys
    signature: str = ""  # Ed25519 over ``seal_message``, hex
    id: int | None = None


def seal_message(seal: Seal) -> bytes:
    """The bytes a seal's signature covers."""
    at = seal.sealed_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    about = [seal.entry_id, seal.entry_hash, at, seal.practitioner, seal.key_id]
    return _SEAL_V1 + json.dumps(about, ensure_ascii=False, separators=(",", ":")).encode()


def entries_after_seal_note(count: int, last_seal: Seal | None) -> str:
    """``check``'s note on the end of the chain that no seal covers yet."""
    if last_seal is None:
        sealed_when = "a seal is made when a practitioner signs with their key"
        return f"the audit log's {count} entries are not sealed yet ({sealed_when})"
    return (
        f"{count} audit entr{'y' if count == 1 else 'ies'} after the last seal (seal {last_seal.id}, by "
        f"{last_seal.practitioner}, of entry {last_seal.entry_id}): the next signing or sign-out seals them"
    )
