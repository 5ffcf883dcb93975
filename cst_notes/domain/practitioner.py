"""Practitioners: who signs, with which key, and which key was theirs when.

A practitioner's keys form a history: each row says from when a key was theirs (a new passphrase
for the same key adds a row too). The key in force at a time is the one of their latest row from
before it; a signature made then by another key is not theirs.
"""

from __future__ import annotations

from dataclasses import dataclass

from cst_notes.domain import vocabulary as V
from cst_notes.domain.keys import EMPTY_KEYRING, KeyRing, PublicKey
from cst_notes.domain.signing import signer_name_errors
from cst_notes.domain.validation import NAME_MAX, SHORT_TEXT_MAX, Checker, FieldError


@dataclass(frozen=True)
class Practitioner:
    name: str  # as they sign: any script, checked like every signer's name
    role: str = "therapist"  # vocabulary.ROLES
    credentials: str = ""  # e.g. "RCST, BCST"
    registration: str = ""  # registration or membership numbers
    active: bool = True  # a disabled practitioner cannot sign
    key_id: str = ""  # their current key ("" until they set a passphrase or choose none)
    public_key: str = ""  # its 32 bytes in hex
    has_passphrase: bool = False  # False: no passphrase protects the key (or no key yet)
    signs_here: bool = False  # whether their private key is in this database (not for a key from an import)
    id: int | None = None


def practitioner_errors(p: Practitioner) -> list[FieldError]:
    c = Checker()
    c.extend(signer_name_errors("name", p.name))
    if p.role not in V.ROLES:
        c.fail("role", f"must be one of {', '.join(V.ROLES.codes)}")
    c.text("credentials", p.credentials, max_len=NAME_MAX)
    c.text("registration", p.registration, max_len=SHORT_TEXT_MAX)
    return c.errors


__all__ = ["EMPTY_KEYRING", "KeyRing", "Practitioner", "PublicKey", "practitioner_errors"]
