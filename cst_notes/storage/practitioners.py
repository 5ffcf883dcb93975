"""Practitioners and their key history (``practitioner_keys``: append-only, triggers refuse
UPDATE, DELETE and REPLACE). Writes expect the caller's transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cst_notes.domain import keys
from cst_notes.domain.keys import Kdf, KeyRing, PublicKey, SealedKey
from cst_notes.domain.practitioner import Practitioner, name_key
from cst_notes.domain.signing import signer_name_errors
from cst_notes.storage.connection import Database
from cst_notes.storage.rows import from_utc_text, to_utc_text, utc_now

NEW_KEY, NEW_PASSPHRASE, IMPORTED = "new key", "new passphrase", "imported"

_CURRENT = """
    SELECT k.key_id, k.public_key, k.kdf FROM practitioner_keys AS k
    WHERE k.practitioner_id = p.id ORDER BY k.valid_from DESC, k.id DESC LIMIT 1
"""
_SELECT = (
    "SELECT p.id, p.name, p.role, p.credentials, p.registration, p.active, "
    f"(SELECT key_id FROM ({_CURRENT})), (SELECT public_key FROM ({_CURRENT})), (SELECT kdf FROM ({_CURRENT})) "
    "FROM practitioners AS p"
)


def _practitioner(row: Any) -> Practitioner:
    pid, name, role, credentials, registration, active, kid, public, kdf = row
    return Practitioner(
        name,
        role,
        credentials,
        registration,
        bool(active),
        kid or "",
        public.hex() if public else "",
        kdf == "scrypt",
        kdf is not None,
        pid,
    )


def practitioners(db: Database) -> list[Practitioner]:
    """Every practitioner, by name."""
    return [_practitioner(r) for r in db.execute(f"{_SELECT} ORDER BY p.name")]


def any_practitioners(db: Database) -> bool:
    return bool(db.execute("SELECT EXISTS (SELECT 1 FROM practitioners)").fetchone()[0])


def by_name(db: Database, name: str) -> Practitioner | None:
    row = db.execute(f"{_SELECT} WHERE p.name = ?", [name]).fetchone()
    return None if row is None else _practitioner(row)


def add(db: Database, p: Practitioner) -> int:
    now = utc_now()
    cursor = db.execute(
        "INSERT INTO practitioners (name, role, credentials, registration, active, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [p.name, p.role, p.credentials, p.registration, int(p.active), now, now],
    )
    return int(cursor.lastrowid or 0)


def set_active(db: Database, practitioner_id: int, active: bool) -> None:
    db.execute(
        "UPDATE practitioners SET active = ?, updated_at = ? WHERE id = ?", [int(active), utc_now(), practitioner_id]
    )


def sealed_key(db: Database, practitioner_id: int) -> tuple[str, SealedKey] | None:
    """The practitioner's current key: its id and the sealed private key (None: no key, or a key
    known only from an import)."""
    row = db.execute(
        "SELECT key_id, kdf, kdf_n, kdf_r, kdf_p, kdf_salt, nonce, sealed_private_key FROM practitioner_keys "
        "WHERE practitioner_id = ? ORDER BY valid_from DESC, id DESC LIMIT 1",
        [practitioner_id],
    ).fetchone()
    if row is None or row[1] is None:
        return None
    kid, kdf, n, r, p, salt, nonce, sealed = row
    return kid, SealedKey(Kdf(kdf, n or 0, r or 0, p or 0, salt or b""), nonce or b"", sealed)


def add_key(
    db: Database,
    practitioner_id: int,
    key_id: str,
    public_key: bytes,
    sealed: SealedKey | None,
    reason: str,
    valid_from: dt.datetime | None = None,
    signed: KeyRowSigning | None = None,
) -> None:
    """A new row of the practitioner's key history, valid from now (or ``valid_from``: an import),
    to the second, as signatures are timed; ``signed``: the private keys that sign it (every row
    but an imported one)."""
    kdf = sealed.kdf if sealed is not None else None
    at = valid_from or dt.datetime.now(dt.UTC).replace(microsecond=0)
    previous_id, own, previous = None, None, None
    if signed is not None:
        name = db.execute("SELECT name FROM practitioners WHERE id = ?", [practitioner_id]).fetchone()[0]
        previous_id = signed.previous_key_id
        message = keys.key_row_message(name, key_id, at, reason, previous_id)
        own = keys.sign_bytes(signed.own, message).hex()
        previous = None if signed.previous is None else keys.sign_bytes(signed.previous, message).hex()
    db.execute(
        "INSERT INTO practitioner_keys (practitioner_id, valid_from, key_id, public_key, kdf, kdf_n, kdf_r, kdf_p, "
        "kdf_salt, nonce, sealed_private_key, reason, previous_key_id, self_signature, previous_signature) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            practitioner_id,
            to_utc_text(at),
            key_id,
            public_key,
            None if kdf is None else kdf.name,
            None if kdf is None else kdf.n,
            None if kdf is None else kdf.r,
            None if kdf is None else kdf.p,
            None if kdf is None else kdf.salt,
            None if sealed is None else sealed.nonce,
            None if sealed is None else sealed.ciphertext,
            reason,
            previous_id,
            own,
            previous,
        ],
    )


@dataclass(frozen=True)
class KeyRowSigning:
    """What signs a new key row: its own private key, and the one it follows when unlocked."""

    own: bytes
    previous_key_id: str = ""  # "" for a practitioner's first key
    previous: bytes | None = None


@dataclass(frozen=True)
class KeyRow:
    """A stored row of a key history with its signatures, as ``check`` reads it."""

    id: int
    practitioner_id: int
    practitioner: str
    key_id: str
    public_key: bytes
    valid_from: dt.datetime
    reason: str
    previous_key_id: str | None
    self_signature: str | None
    previous_signature: str | None
    before_signing: bool  # written before key changes were signed (m014)


def key_rows(db: Database) -> list[KeyRow]:
    rows = db.execute(
        "SELECT k.id, k.practitioner_id, p.name, k.key_id, k.public_key, k.valid_from, k.reason, k.previous_key_id, "
        "k.self_signature, k.previous_signature, "
        "EXISTS (SELECT 1 FROM practitioner_keys_before_signing AS b WHERE b.key_row = k.id) "
        "FROM practitioner_keys AS k LEFT JOIN practitioners AS p ON p.id = k.practitioner_id ORDER BY k.id"
    )
    return [
        KeyRow(
            r[0], r[1], r[2] or "", r[3], bytes(r[4] or b""), from_utc_text(r[5]), r[6], r[7], r[8], r[9], bool(r[10])
        )
        for r in rows
    ]


def keyring(db: Database) -> KeyRing:
    """Every practitioner's key history."""
    rows = db.execute(
        "SELECT p.name, k.key_id, k.public_key, k.valid_from FROM practitioner_keys AS k "
        "JOIN practitioners AS p ON p.id = k.practitioner_id ORDER BY k.valid_from, k.id"
    )
    return KeyRing(PublicKey(name, kid, public.hex(), from_utc_text(at)) for name, kid, public, at in rows)


def any_keys(db: Database) -> bool:
    """Whether any practitioner has a key they sign with here: then signing needs one."""
    found = db.execute("SELECT EXISTS (SELECT 1 FROM practitioner_keys WHERE kdf IS NOT NULL)").fetchone()
    return bool(found[0])


def add_imported_keys(db: Database, imported: list[PublicKey]) -> None:
    """Keys an import carries for signers this practice does not know: each signer becomes a
    practitioner (disabled: they sign elsewhere), with the keys as their history (no private key)."""
    for k in sorted(imported, key=lambda key: key.valid_from):
        found = by_name(db, k.practitioner)
        pid = found.id if found is not None else None
        if pid is None:
            pid = add(db, Practitioner(k.practitioner, active=False))
        add_key(db, pid, k.key_id, bytes.fromhex(k.public_key), None, IMPORTED, k.valid_from)


# Every name a record gives a therapist or signer, the settings' therapist first, then by time.
THERAPIST_NAMES = """
    SELECT name FROM (
      SELECT therapist_name AS name, '' AS first FROM clinic_settings
      UNION ALL SELECT therapist, started_at FROM sessions
      UNION ALL SELECT signed_by, coalesce(signed_at, started_at) FROM sessions WHERE signed_by IS NOT NULL
      UNION ALL SELECT signed_by, coalesce(signed_at, '') FROM intakes WHERE signed_by IS NOT NULL
      UNION ALL SELECT author, created_at FROM addenda
    ) WHERE name IS NOT NULL AND trim(name) <> '' GROUP BY name ORDER BY min(first), name
"""


def names_not_practitioners(db: Database) -> list[str]:
    """The names in the records that match no practitioner (names compared as
    ``domain.practitioner.name_key`` compares them) and are not valid as a signer's name: those the
    migration to practitioners left out (``check`` lists them)."""
    known = {name_key(p.name) for p in practitioners(db)}
    out: list[str] = []
    for (name,) in db.execute(THERAPIST_NAMES).fetchall():
        if not isinstance(name, str) or name_key(name) in known:
            continue
        if signer_name_errors("name", name.strip()):
            known.add(name_key(name))
            out.append(name)
    return out
