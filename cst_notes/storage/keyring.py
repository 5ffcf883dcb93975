"""The keyring file beside an encrypted database (``NAME.keyring``): each practitioner's way in.

JSON, written all or nothing and readable by its owner only. It holds nothing secret in the clear:
public keys, private keys sealed under passphrases, and the database key wrapped to public keys
(``domain.database_keys``). While the database is being re-keyed it also holds the next
generation's entries (``pending``): a crash between the steps leaves a database that one of the
two generations opens, and the next opening finishes the re-key.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cst_notes.domain import database_keys as K
from cst_notes.domain import keys
from cst_notes.files import write_atomically
from cst_notes.storage.database import StorageError

FORMAT = "cst-notes keyring 1"
SUFFIX = ".keyring"


@dataclass(frozen=True)
class Generation:
    """One database key's entries, by practitioner (NFC name)."""

    number: int
    entries: dict[str, K.Entry] = field(default_factory=dict)


@dataclass(frozen=True)
class Keyring:
    id: str
    current: Generation
    pending: Generation | None = None  # a re-key under way

    def generations(self) -> list[Generation]:
        """The generations to try, the pending one last."""
        return [self.current] + ([self.pending] if self.pending is not None else [])


def new_keyring() -> Keyring:
    return Keyring(uuid.uuid4().hex, Generation(1))


def keyring_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SUFFIX)


def has_keyring(db_path: Path) -> bool:
    return keyring_path(db_path).is_file()


def _entry_json(e: K.Entry) -> dict[str, Any]:
    s = e.sealed
    return {
        "name": e.name,
        "key_id": e.key_id,
        "public_key": e.public_key.hex(),
        "sealed": {
            "kdf": s.kdf.name,
            "n": s.kdf.n,
            "r": s.kdf.r,
            "p": s.kdf.p,
            "salt": s.kdf.salt.hex(),
            "nonce": s.nonce.hex(),
            "ciphertext": s.ciphertext.hex(),
        },
        "ephemeral": e.ephemeral.hex(),
        "nonce": e.nonce.hex(),
        "wrapped": e.wrapped.hex(),
    }


def _entry(d: dict[str, Any]) -> K.Entry:
    s = d["sealed"]
    kdf = keys.Kdf(str(s["kdf"]), int(s["n"]), int(s["r"]), int(s["p"]), bytes.fromhex(s["salt"]))
    sealed = keys.SealedKey(kdf, bytes.fromhex(s["nonce"]), bytes.fromhex(s["ciphertext"]))
    return K.Entry(
        str(d["name"]),
        str(d["key_id"]),
        bytes.fromhex(d["public_key"]),
        sealed,
        bytes.fromhex(d["ephemeral"]),
        bytes.fromhex(d["nonce"]),
        bytes.fromhex(d["wrapped"]),
    )


def _generation_json(g: Generation) -> dict[str, Any]:
    return {"generation": g.number, "entries": [_entry_json(e) for e in g.entries.values()]}


def _generation(d: dict[str, Any]) -> Generation:
    entries = [_entry(e) for e in d["entries"]]
    return Generation(int(d["generation"]), {e.name: e for e in entries})


def to_bytes(ring: Keyring) -> bytes:
    data = {
        "format": FORMAT,
        "id": ring.id,
        "current": _generation_json(ring.current),
        "pending": None if ring.pending is None else _generation_json(ring.pending),
    }
    return json.dumps(data, indent=1, ensure_ascii=False).encode()


def from_bytes(data: bytes, where: Path) -> Keyring:
    try:
        d = json.loads(data.decode())
        if d.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file")
        pending = d.get("pending")
        return Keyring(str(d["id"]), _generation(d["current"]), None if pending is None else _generation(pending))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StorageError(f"{where} is not a readable keyring ({exc})") from None


def read(db_path: Path) -> Keyring:
    path = keyring_path(db_path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StorageError(f"the keyring {path} could not be read ({exc.strerror})") from None
    return from_bytes(data, path)


def write(db_path: Path, ring: Keyring) -> None:
    """Write the keyring all or nothing, readable by its owner only."""
    write_atomically(keyring_path(db_path), to_bytes(ring))


def with_entry(ring: Keyring, entry: K.Entry) -> Keyring:
    """The keyring with ``entry`` in its current generation (replacing one of the same name)."""
    return replace(ring, current=Generation(ring.current.number, {**ring.current.entries, entry.name: entry}))
