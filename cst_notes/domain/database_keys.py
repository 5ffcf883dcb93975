"""The database key, wrapped once per practitioner: nobody shares a master password.

An encrypted practice's database is keyed with a random 256-bit key (SQLCipher's raw key form,
``x'…'``, which skips SQLCipher's own passphrase derivation). Each practitioner with a passphrase
gets the database key wrapped to their own key pair: their Ed25519 signing key (``domain.keys``),
taken as the X25519 key it maps to (the map age uses for ssh-ed25519 recipients). The wrap is an
ephemeral X25519 agreement, HKDF-SHA256 and AES-256-GCM. So:

- whoever has the database open can wrap the key for every practitioner from their public keys,
  without knowing anybody's passphrase: the owner turns encryption on for the whole practice at
  once, and re-keys it for everyone left when one is removed;
- a practitioner's entry holds a copy of their sealed signing key, so their passphrase (the one
  they sign with) is what unlocks the database: one passphrase, one key pair, nothing to keep in
  step but the copy (a new passphrase or a new key replaces the entry).

Every wrap is bound by its associated data to the keyring's id, the practitioner's NFC name, their
key id and the key's generation, so an entry cannot be moved to another person, keyring or
generation.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cst_notes.domain import keys

if TYPE_CHECKING:  # cryptography is imported inside the functions that use it (as in ``keys``)
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

DATABASE_KEY_BYTES = 32
WRAP_INFO = b"cst-notes database key wrap v1"
_P = 2**255 - 19  # the field of Curve25519 and Edwards25519


class CannotUnlockError(ValueError):
    """The passphrase does not unlock this practitioner's entry (or the entry is not theirs)."""


@dataclass(frozen=True)
class Entry:
    """One practitioner's way in: their sealed signing key (a copy of their current one), and the
    database key wrapped to it."""

    name: str  # NFC
    key_id: str
    public_key: bytes  # Ed25519, 32 bytes
    sealed: keys.SealedKey
    ephemeral: bytes  # the wrap's ephemeral X25519 public key
    nonce: bytes
    wrapped: bytes  # AES-GCM ciphertext of the database key, with its tag


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def new_database_key() -> bytes:
    return os.urandom(DATABASE_KEY_BYTES)


def sqlcipher_key(database_key: bytes) -> str:
    """The key as SQLCipher's PRAGMA key takes a raw key: ``x'<64 hex digits>'``."""
    if len(database_key) != DATABASE_KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    return f"x'{database_key.hex().upper()}'"


def x25519_public(ed25519_public: bytes) -> bytes:
    """The Montgomery (X25519) form of an Ed25519 public key: u = (1 + y) / (1 - y)."""
    y = int.from_bytes(ed25519_public, "little") & ((1 << 255) - 1)
    u = (1 + y) * pow((1 - y) % _P, _P - 2, _P) % _P
    return u.to_bytes(32, "little")


def x25519_private(ed25519_private: bytes) -> X25519PrivateKey:
    """The X25519 scalar of an Ed25519 seed: the first half of its SHA-512 (X25519 clamps it)."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    return X25519PrivateKey.from_private_bytes(hashlib.sha512(ed25519_private).digest()[:32])


def _aad(keyring_id: str, name: str, key_id: str, generation: int) -> bytes:
    return f"{keyring_id}\x00{nfc(name)}\x00{key_id}\x00{generation}".encode()


def _wrapping_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), 32, salt=ephemeral + recipient, info=WRAP_INFO).derive(shared)


def new_entry(
    database_key: bytes,
    name: str,
    key_id: str,
    public_key: bytes,
    sealed: keys.SealedKey,
    keyring_id: str,
    generation: int,
) -> Entry:
    """``name``'s way in: the database key wrapped to their signing key. Their key must be sealed
    under a passphrase (a key kept in the clear beside the database would be no lock at all)."""
    if not sealed.protected:
        raise ValueError(f"{nfc(name)} has no passphrase: they cannot hold a key to the encrypted database")
    if keys.key_id(public_key) != key_id:
        raise ValueError("the public key is not that of the key id")
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    recipient = x25519_public(public_key)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    nonce = os.urandom(keys.NONCE_BYTES)
    aead = AESGCM(_wrapping_key(shared, ephemeral_public, recipient))
    wrapped = aead.encrypt(nonce, database_key, _aad(keyring_id, name, key_id, generation))
    return Entry(nfc(name), key_id, public_key, sealed, ephemeral_public, nonce, wrapped)


def unwrap(entry: Entry, passphrase: str, keyring_id: str, generation: int) -> bytes:
    """The database key, unlocked by the practitioner's passphrase; CannotUnlockError for a wrong
    passphrase, or an entry not made for this keyring, person or generation."""
    if not entry.sealed.protected:
        raise CannotUnlockError("an entry without a passphrase unlocks nothing")
    try:
        seed = keys.unseal(entry.sealed, passphrase, entry.key_id)
    except keys.WrongPassphraseError:
        raise CannotUnlockError("the passphrase does not unlock this entry") from None
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    recipient = x25519_public(entry.public_key)
    private = x25519_private(seed)
    if private.public_key().public_bytes_raw() != recipient:
        raise CannotUnlockError("the entry's key is not that of its public key")
    shared = private.exchange(X25519PublicKey.from_public_bytes(entry.ephemeral))
    aead = AESGCM(_wrapping_key(shared, entry.ephemeral, recipient))
    try:
        key = aead.decrypt(entry.nonce, entry.wrapped, _aad(keyring_id, entry.name, entry.key_id, generation))
    except (InvalidTag, ValueError):
        raise CannotUnlockError("the entry does not hold this keyring's database key") from None
    if len(key) != DATABASE_KEY_BYTES:
        raise CannotUnlockError("the entry does not hold a database key")
    return key
