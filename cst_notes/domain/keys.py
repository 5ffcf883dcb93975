"""Practitioners' signing keys: Ed25519 key pairs, the private key sealed under the practitioner's
passphrase, and signatures made and verified.

The private key is never stored in the clear unless its practitioner chose no passphrase: it is
encrypted with AES-256-GCM under a key derived from the passphrase by scrypt (memory-hard), with
the scrypt parameters and salt stored beside it so that they can be raised for new keys later.
The key id (the SHA-256 of the public key) is the encryption's associated data, so a sealed
private key cannot be moved to another key's row. Passphrases are compared as NFC text: the
same words typed on another keyboard layout unlock the key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# cryptography is imported inside the functions that use it: the app starts without it (a chart
# opens, a list shows, without a key being touched).

SCRYPT, NO_PASSPHRASE = "scrypt", "none"
KDFS = (SCRYPT, NO_PASSPHRASE)
KEY_BYTES, SIGNATURE_BYTES, SALT_BYTES, NONCE_BYTES = 32, 64, 16, 12
# scrypt's cost for new keys: 2**15 x 8 takes 32 MiB and about a tenth of a second; raise it for
# new keys here (a stored key keeps the parameters it was sealed with).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
NO_PASSPHRASE_MEANS = (
    "without a passphrase, a signature proves only that the note was signed on a machine holding "
    "the database file, not that you signed it"
)


class WrongPassphraseError(ValueError):
    """The passphrase does not unlock the private key."""


@dataclass(frozen=True)
class Kdf:
    """How a key is derived from a passphrase: scrypt's parameters and salt (``none``: no passphrase)."""

    name: str = SCRYPT
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P
    salt: bytes = b""


@dataclass(frozen=True)
class SealedKey:
    """A private key as stored: AES-256-GCM ciphertext (with its tag) under the derived key, or the
    raw key when its practitioner chose no passphrase."""

    kdf: Kdf
    nonce: bytes
    ciphertext: bytes

    @property
    def protected(self) -> bool:
        return self.kdf.name != NO_PASSPHRASE


def key_id(public_key: bytes) -> str:
    """A key's name: the SHA-256 of its 32 public bytes, in hex."""
    return hashlib.sha256(public_key).hexdigest()


def new_private_key() -> bytes:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def public_key(private_key: bytes) -> bytes:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return (
        Ed25519PrivateKey.from_private_bytes(private_key)
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )


def derive(passphrase: str, kdf: Kdf) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    secret = unicodedata.normalize("NFC", passphrase).encode()
    return Scrypt(salt=kdf.salt, length=32, n=kdf.n, r=kdf.r, p=kdf.p).derive(secret)


def seal(private_key: bytes, passphrase: str) -> SealedKey:
    """The private key encrypted under ``passphrase`` with scrypt's cost of now (``SCRYPT_N``...);
    an empty passphrase: stored as it is (see ``NO_PASSPHRASE_MEANS``)."""
    if not passphrase:
        return SealedKey(Kdf(NO_PASSPHRASE, 0, 0, 0, b""), b"", private_key)
    kdf = Kdf(SCRYPT, SCRYPT_N, SCRYPT_R, SCRYPT_P, os.urandom(SALT_BYTES))
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    aad = key_id(public_key(private_key)).encode()
    return SealedKey(kdf, nonce, AESGCM(derive(passphrase, kdf)).encrypt(nonce, private_key, aad))


def unseal(sealed: SealedKey, passphrase: str, expected_key_id: str) -> bytes:
    """The private key; WrongPassphraseError if ``passphrase`` is not the one it was sealed under
    (or the sealed key is not that of ``expected_key_id``)."""
    if not sealed.protected:
        private = sealed.ciphertext
    else:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            key = derive(passphrase, sealed.kdf)
            private = AESGCM(key).decrypt(sealed.nonce, sealed.ciphertext, expected_key_id.encode())
        except (InvalidTag, ValueError):
            raise WrongPassphraseError("the passphrase does not unlock this key") from None
    if len(private) != KEY_BYTES or key_id(public_key(private)) != expected_key_id:
        raise WrongPassphraseError("the stored private key is not that of its public key")
    return private


def sign_bytes(private_key: bytes, message: bytes) -> bytes:
    """An Ed25519 signature (deterministic: the same key and message give the same bytes)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(private_key).sign(message)


def verifies(public: bytes, signature: bytes, message: bytes) -> bool:
    if len(public) != KEY_BYTES or len(signature) != SIGNATURE_BYTES:
        return False
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


# --- who held which key when ------------------------------------------------------------------


@dataclass(frozen=True)
class PublicKey:
    """One row of a practitioner's key history, as exported: which key was theirs from when."""

    practitioner: str  # the practitioner's name
    key_id: str
    public_key: str  # hex
    valid_from: dt.datetime


class KeyRing:
    """Every practitioner's key history: which key was whose, and when."""

    def __init__(self, history: Iterable[PublicKey]) -> None:
        self.history: tuple[PublicKey, ...] = tuple(history)  # as given (an export's order)
        self._by_id = {k.key_id: k for k in self.history}
        self._by_name: dict[str, list[PublicKey]] = {}
        for k in sorted(self.history, key=lambda k: k.valid_from):
            self._by_name.setdefault(k.practitioner, []).append(k)

    def public_key(self, key_id: str) -> PublicKey | None:
        return self._by_id.get(key_id)

    def in_force(self, name: str, at: dt.datetime) -> PublicKey | None:
        """The key that was ``name``'s at ``at``: that of their last row from before (or at) it."""
        found = None
        for k in self._by_name.get(name, ()):
            if k.valid_from > at:
                break
            found = k
        return found

    def held(self, name: str, key_id: str, at: dt.datetime) -> bool:
        """Whether ``key_id`` was ``name``'s at ``at``: from one of its rows up to the next row (times
        are to the second, so a key changed in the second of a signature counts as held then)."""
        rows = self._by_name.get(name, [])
        for n, k in enumerate(rows):
            until = rows[n + 1].valid_from if n + 1 < len(rows) else None
            if k.key_id == key_id and k.valid_from <= at and (until is None or at <= until):
                return True
        return False

    def of(self, names: Sequence[str]) -> list[PublicKey]:
        wanted = set(names)
        return [k for k in self.history if k.practitioner in wanted]


EMPTY_KEYRING = KeyRing(())


# --- key changes signed ---------------------------------------------------------------------------
# Each row of a practitioner's key history is signed by its own key (so that it cannot be moved to
# another practitioner, time or reason), and, when the key it follows was unlocked as it was made
# (a new passphrase; a new key chosen while signed in), by that key too. Version 1, frozen.
_KEY_ROW_V1 = b"cst-notes key row 1\n"


def key_row_message(
    practitioner: str, key_id: str, valid_from: dt.datetime, reason: str, previous_key_id: str
) -> bytes:
    """The bytes a key row's signatures cover."""
    at = valid_from.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    about = [practitioner, key_id, at, reason, previous_key_id]
    return _KEY_ROW_V1 + json.dumps(about, ensure_ascii=False, separators=(",", ":")).encode()
