"""Practitioners: who signs, with which key, and which key was theirs when.

A practitioner's keys form a history: each row says from when a key was theirs (a new passphrase
for the same key adds a row too). The key in force at a time is the one of their latest row from
before it; a signature made then by another key is not theirs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from cst_notes.domain import vocabulary as V
from cst_notes.domain.keys import EMPTY_KEYRING, KeyRing, PublicKey
from cst_notes.domain.settings import ClinicSettings
from cst_notes.domain.signing import signer_name_errors, signer_shown
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


# --- how a practitioner is written on screens and documents -----------------------------------

_CREDENTIAL_SEPARATORS = re.compile(r"[,;]")


def _key(text: str) -> str:
    """A credential or name as compared: case, dots and spacing aside ("R.C.S.T." is "rcst")."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def name_key(name: str) -> str:
    """A practitioner's name as names are compared: "Anita  Bose" and "anita bose" are one person."""
    return _key(name)


def credential_list(credentials: str) -> list[str]:
    """The credentials in ``credentials`` ("RCST, BCST; Dip. CST"), each once, in their order."""
    out: list[str] = []
    for part in _CREDENTIAL_SEPARATORS.split(credentials):
        part = " ".join(part.split())
        if part and _key(part) not in {_key(c) for c in out}:
            out.append(part)
    return out


def written_name(name: str, credentials: str = "") -> str:
    """A practitioner as every document and screen writes them: "Anita Bose, RCST".

    The name as signer names are shown (``signing.signer_shown``), then each credential once,
    leaving out any the name already ends with ("Anita Bose RCST" with "RCST" stays as it is)."""
    shown = signer_shown(name)
    words = [k for k in (_key(w) for w in re.split(r"[\s,;]+", shown)) if k]
    endings = {"".join(words[n:]) for n in range(len(words))}  # "rcst", "bosercst", ...
    extra = [c for c in credential_list(credentials) if _key(c) and _key(c) not in endings]
    return ", ".join([shown, *extra]) if shown else ", ".join(extra)


def credentials_of(name: str, practitioners: Iterable[Practitioner], settings: ClinicSettings) -> str:
    """The credentials to print with ``name`` (who gave a session, or signed a note): those of
    their practitioner record; the clinic settings' credentials only when ``name`` is the settings'
    therapist and their record has none (or there is no record); else none."""
    wanted = _key(name)
    if not wanted:
        return ""
    found = next((p for p in practitioners if _key(p.name) == wanted), None)
    if found is not None and found.credentials.strip():
        return found.credentials
    return settings.credentials if _key(settings.therapist_name) == wanted else ""


def practitioner_written(name: str, practitioners: Iterable[Practitioner], settings: ClinicSettings) -> str:
    """``name`` with their own credentials, once: "Anita Bose, RCST" (see ``credentials_of``)."""
    return written_name(name, credentials_of(name, practitioners, settings))


__all__ = [
    "EMPTY_KEYRING",
    "KeyRing",
    "Practitioner",
    "PublicKey",
    "credential_list",
    "credentials_of",
    "name_key",
    "practitioner_errors",
    "practitioner_written",
    "written_name",
]
