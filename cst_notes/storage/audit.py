"""The audit log table: append-only (triggers refuse UPDATE, DELETE and REPLACE), and a hash chain
(each entry carries the hash of the one before and its own; ``audit_chain`` holds the count and
the last hash), which ``chain_problems`` verifies end to end."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from cst_notes.domain.audit import CHAIN_COLUMNS, CHAIN_GENESIS, AuditEntry, Seal, chain_hash
from cst_notes.storage.connection import Database
from cst_notes.storage.rows import from_utc_text, to_utc_text, utc_now


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
    """Append an entry to the log, linked to the last one (inside the caller's write transaction)."""
    next_id, previous = db.execute(
        "SELECT (SELECT coalesce(max(id), 0) + 1 FROM audit_log), (SELECT head FROM audit_chain)"
    ).fetchone()
    stored = [
        next_id,
        utc_now(),
        actor,
        action,
        entity,
        entity_id,
        patient_id,
        summary,
        None if before is None else json.dumps(before, ensure_ascii=False),
        None if after is None else json.dumps(after, ensure_ascii=False),
    ]
    db.execute(
        f"INSERT INTO audit_log ({', '.join(CHAIN_COLUMNS)}, prev_hash, entry_hash) VALUES ({', '.join('?' * 12)})",
        [*stored, previous, chain_hash(previous, stored)],
    )


def chain_problems(db: Database) -> list[str]:
    """The first broken link of the audit log's hash chain, and entries missing at its end; empty
    when every entry is as it was written, in its place."""
    changed = "the audit log was changed"
    previous, previous_id, count = CHAIN_GENESIS, None, 0
    for row in db.execute(f"SELECT {', '.join(CHAIN_COLUMNS)}, prev_hash, entry_hash FROM audit_log ORDER BY id"):
        stored, link, entry = row[: len(CHAIN_COLUMNS)], row[-2], row[-1]
        if link != previous:
            after = f"entry {previous_id}" if previous_id is not None else "the start of the log"
            return [f"{changed}: entry {stored[0]} does not follow {after} (an entry between was removed, or moved)"]
        if entry != chain_hash(previous, stored):
            return [f"{changed}: entry {stored[0]} is not as it was written"]
        previous, previous_id, count = entry, stored[0], count + 1
    head = db.execute("SELECT entries, head FROM audit_chain").fetchone()
    if head is None:
        return [f"{changed}: the record of how many entries were written is missing"]
    written, last = head
    if written > count or (written == count and last != previous):
        end = f"it ends at entry {previous_id}" if previous_id is not None else "it is empty"
        return [f"{changed}: {end}, but {written} entries were written (the last ones were removed)"]
    if written < count:
        return [f"{changed}: it holds {count} entries, but {written} were written by CST Notes"]
    return []


def history(db: Database, patient_id: int | None = None, limit: int = 1000) -> list[AuditEntry]:
    """Newest first; a patient's changes, or the whole practice's."""
    where, params = ("WHERE patient_id = ?", [patient_id]) if patient_id is not None else ("", [])
    before = db.conn.text_factory
    db.conn.text_factory = _lenient  # a damaged byte shows as �: the rest of the entry still reads
    try:
        rows = db.execute(
            "SELECT id, changed_at, actor, action, entity, entity_id, patient_id, summary, before_json, after_json "
            f"FROM audit_log {where} ORDER BY id DESC LIMIT ?",
            [*params, limit],
        ).fetchall()
    finally:
        db.conn.text_factory = before
    return [_entry(r) for r in rows]


UNREADABLE = "the stored copy of this change cannot be read (damaged); run cst-notes check"


def _lenient(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _entry(r: Sequence[Any]) -> AuditEntry:
    """An entry as it reads; a copy that is not JSON, or a time that is not one, is said to be damaged."""
    damaged = False
    copies = []
    for text in (r[8], r[9]):
        try:
            copies.append(None if text is None else json.loads(text))
        except json.JSONDecodeError:
            copies.append(None)
            damaged = True
    try:
        changed_at = from_utc_text(r[1])
    except (ValueError, TypeError, AttributeError):
        changed_at, damaged = dt.datetime.min.replace(tzinfo=dt.UTC), True
    summary = f"{r[7]} ({UNREADABLE})" if damaged else r[7]
    return AuditEntry(changed_at, r[2], r[3], r[4], r[5], r[6], summary, copies[0], copies[1], id=r[0])


# --- seals (``audit_seals``: append-only) -----------------------------------------------------


def chain_end(db: Database) -> tuple[int, str] | None:
    """The id and hash of the chain's last entry; None while the log is empty."""
    row = db.execute("SELECT id, entry_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def add_seal(db: Database, seal: Seal) -> None:
    db.execute(
        "INSERT INTO audit_seals (entry_id, entry_hash, sealed_at, practitioner, key_id, signature) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [seal.entry_id, seal.entry_hash, to_utc_text(seal.sealed_at), seal.practitioner, seal.key_id, seal.signature],
    )


def last_sealed_entry(db: Database) -> int | None:
    row = db.execute("SELECT entry_id FROM audit_seals ORDER BY id DESC LIMIT 1").fetchone()
    return None if row is None else int(row[0])


def seals(db: Database) -> list[Seal]:
    """Every seal, oldest first."""
    rows = db.execute(
        "SELECT id, entry_id, entry_hash, sealed_at, practitioner, key_id, signature FROM audit_seals ORDER BY id"
    )
    return [Seal(e, h, from_utc_text(at), who, kid, sig, sid) for sid, e, h, at, who, kid, sig in rows]


def entry_hashes(db: Database, ids: list[int]) -> dict[int, str]:
    """The stored hash of each of these entries (those that exist)."""
    found: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        marks = ", ".join("?" * len(part))
        found |= dict(db.execute(f"SELECT id, entry_hash FROM audit_log WHERE id IN ({marks})", part).fetchall())
    return found


def entries_after(db: Database, entry_id: int) -> int:
    return int(db.execute("SELECT count(*) FROM audit_log WHERE id > ?", [entry_id]).fetchone()[0])


def patients_after(db: Database, entry_id: int) -> set[int]:
    """The patients with an audit entry after ``entry_id``: those changed since (every change is audited)."""
    rows = db.execute("SELECT DISTINCT patient_id FROM audit_log WHERE id > ? AND patient_id IS NOT NULL", [entry_id])
    return {int(r[0]) for r in rows}


def entries_between(db: Database, after: int, upto: int) -> list[tuple[int, int | None]]:
    """(id, patient id or None) of each entry after ``after`` up to ``upto``, in order."""
    rows = db.execute("SELECT id, patient_id FROM audit_log WHERE id > ? AND id <= ? ORDER BY id", [after, upto])
    return [(int(i), None if p is None else int(p)) for i, p in rows]


def key_entries(db: Database) -> set[tuple[int, str]]:
    """(practitioner id, key id) of every key the audit log's practitioner entries show after a change."""
    rows = db.execute(
        "SELECT entity_id, json_extract(after_json, '$.key_id') FROM audit_log "
        "WHERE entity = 'practitioner' AND json_valid(after_json)"
    )
    return {(int(pid), str(kid)) for pid, kid in rows if pid is not None and kid}
