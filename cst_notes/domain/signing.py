"""Signing: a note's canonical content, its SHA-256, and dated, signed addenda.

A signed note is never changed. Its hash covers every clinical field, finding, restriction and
technique (not its row ids, time stamps or the signature itself); corrections are addenda, each
hashed together with the note's hash so that an addendum cannot be moved to another note.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import operator
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from cst_notes.domain import keys
from cst_notes.domain.canonical import (
    CURRENT_FORM,
    FORMS,
    NOT_CONTENT,
    canonical,
    canonical_content,
    private_notes_digest,
)
from cst_notes.domain.validation import LONG_TEXT_MAX, NAME_MAX, Checker, FieldError

DRAFT, SIGNED = "draft", "signed"
SIGNATURE_FIELDS = NOT_CONTENT - {"id", "patient_id"}


@dataclass(frozen=True)
class Addendum:
    """A dated, signed correction or addition to a signed note."""

    text: str
    author: str
    created_at: dt.datetime  # timezone-aware
    content_hash: str = ""  # SHA-256 of the addendum with its note's hash
    signature_scheme: int = 1  # SCHEMES: how content_hash was made (1 for addenda of before schemes were kept)
    key_id: str = ""  # a keyed scheme's: the author's key (domain.keys.key_id)
    key_signature: str = ""  # a keyed scheme's: the Ed25519 signature of the addendum's message, hex


@dataclass(frozen=True)
class Signature:
    signed_at: dt.datetime
    signed_by: str
    content_hash: str
    signature_scheme: int
    canonical_form: int
    key_id: str = ""
    key_signature: str = ""


# --- schemes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    """What a signature vouches for: a note's content (under one canonical form), which record of
    which patient it is, who signed it and when."""

    kind: str  # session, intake
    record: str | None  # the session's uid; None for an intake (a patient has one)
    patient: str  # the patient's uid
    signed_by: str
    signed_at: dt.datetime | None
    form: int
    content: bytes
    key_id: str = ""  # a keyed scheme's: the signer's key


@dataclass(frozen=True)
class SignatureScheme:
    """One way of making a signature. A scheme, once released, is never changed: add the next one
    (e.g. a signature made with the practitioner's own key)."""

    number: int
    covers: str  # what a signature of this scheme vouches for, in words
    binds_signer: bool  # whether it vouches for who signed, when, and for which patient and record
    message: Callable[[Statement], bytes]  # the bytes signed (their SHA-256 is the stored hash)
    addendum_message: Callable[[Addendum, str], bytes]  # the same for an addendum, with its note's hash
    keyed: bool = False  # whether the message is also signed with the signer's own key (domain.keys)


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _utc(value: dt.datetime | None) -> str | None:
    return None if value is None else value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _addendum_1(a: Addendum, note_hash: str) -> bytes:
    payload = {"note": note_hash, "text": a.text, "author": a.author, "created_at": _utc(a.created_at)}
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()


def _statement_2(s: Statement) -> bytes:
    return _json(
        {
            "scheme": 2,
            "form": s.form,
            "kind": s.kind,
            "record": s.record,
            "patient": s.patient,
            "signed_by": s.signed_by,
            "signed_at": _utc(s.signed_at),
            "content": hashlib.sha256(s.content).hexdigest(),
        }
    )


def _addendum_2(a: Addendum, note_hash: str) -> bytes:
    payload = {"scheme": 2, "kind": "addendum", "note": note_hash, "text": a.text, "author": a.author}
    return _json({**payload, "created_at": _utc(a.created_at)})


def _statement_3(s: Statement) -> bytes:
    """Scheme 2's statement, with its own scheme number and the signer's key id (so that a keyed
    signature can never be read as an unkeyed one, nor moved to another key)."""
    return _json(
        {
            "scheme": 3,
            "form": s.form,
            "kind": s.kind,
            "record": s.record,
            "patient": s.patient,
            "signed_by": s.signed_by,
            "signed_at": _utc(s.signed_at),
            "content": hashlib.sha256(s.content).hexdigest(),
            "key": s.key_id,
        }
    )


def _addendum_3(a: Addendum, note_hash: str) -> bytes:
    payload = {"scheme": 3, "kind": "addendum", "note": note_hash, "text": a.text, "author": a.author}
    return _json({**payload, "created_at": _utc(a.created_at), "key": a.key_id})


SCHEMES: Mapping[int, SignatureScheme] = {
    1: SignatureScheme(1, "the content only", False, operator.attrgetter("content"), _addendum_1),
    2: SignatureScheme(2, "the content, the record, the patient, who signed and when", True, _statement_2, _addendum_2),
    3: SignatureScheme(
        3,
        "the content, the record, the patient, who signed and when, with the signer's own key",
        True,
        _statement_3,
        _addendum_3,
        keyed=True,
    ),
}
CURRENT_SCHEME = 2  # the scheme new signatures use without a practitioner's key
KEYED_SCHEME = 3  # the scheme of a signature made with a practitioner's own key


def note_kind(note: Any) -> str:
    return "session" if any(c.__name__ == "Session" for c in type(note).__mro__) else "intake"


def statement(
    note: Any,
    patient_uid: str,
    *,
    form: int,
    signed_by: str,
    signed_at: dt.datetime | None,
    key_id: str = "",
    content: bytes | None = None,
) -> Statement:
    """``content``: the note's canonical content under ``form``, when the caller has it already."""
    kind = note_kind(note)
    record = note.uid if kind == "session" else None
    if content is None:
        content = canonical_content(note, form)
    return Statement(kind, record, patient_uid, signed_by, signed_at, form, content, key_id)


def signature_message(note: Any, patient_uid: str, *, scheme: int, form: int) -> bytes:
    """The bytes a signature of ``scheme`` over ``note`` (as signed by and at what it says) covers."""
    about = statement(
        note, patient_uid, form=form, signed_by=note.signed_by, signed_at=note.signed_at, key_id=note.key_id
    )
    return SCHEMES[scheme].message(about)


def content_hash(note: Any, form: int = CURRENT_FORM) -> str:
    """SHA-256 of the note's canonical content: what a scheme 1 signature stores."""
    return hashlib.sha256(canonical_content(note, form)).hexdigest()


def _refuse_unsealed(note: Any) -> None:
    """A session is signed under the current form with its private notes' digest made first
    (``domain.session.sealed_private_notes``): a programming error otherwise."""
    if _digest_problems(note, "", CURRENT_FORM):
        raise ValueError("a session's private notes are sealed (sealed_private_notes) before it is signed")


def sign(note: Any, patient_uid: str, signed_by: str, signed_at: dt.datetime) -> Signature:
    """A new signature of ``note`` (with the current scheme and form)."""
    _refuse_unsealed(note)
    about = statement(note, patient_uid, form=CURRENT_FORM, signed_by=signed_by, signed_at=signed_at)
    digest = hashlib.sha256(SCHEMES[CURRENT_SCHEME].message(about)).hexdigest()
    return Signature(signed_at, signed_by, digest, CURRENT_SCHEME, CURRENT_FORM)


def sign_keyed(note: Any, patient_uid: str, signed_by: str, signed_at: dt.datetime, private_key: bytes) -> Signature:
    """A new signature of ``note`` made with the signer's own private key (scheme 3)."""
    _refuse_unsealed(note)
    kid = keys.key_id(keys.public_key(private_key))
    about = statement(note, patient_uid, form=CURRENT_FORM, signed_by=signed_by, signed_at=signed_at, key_id=kid)
    message = SCHEMES[KEYED_SCHEME].message(about)
    value = keys.sign_bytes(private_key, message).hex()
    return Signature(signed_at, signed_by, hashlib.sha256(message).hexdigest(), KEYED_SCHEME, CURRENT_FORM, kid, value)


def keyed_addendum(draft: Addendum, note_hash: str, private_key: bytes) -> Addendum:
    """``draft`` signed by its author's own private key (scheme 3)."""
    kid = keys.key_id(keys.public_key(private_key))
    addendum = replace(draft, signature_scheme=KEYED_SCHEME, key_id=kid)
    message = SCHEMES[KEYED_SCHEME].addendum_message(addendum, note_hash)
    value = keys.sign_bytes(private_key, message).hex()
    return replace(addendum, content_hash=hashlib.sha256(message).hexdigest(), key_signature=value)


def addendum_hash(addendum: Addendum, note_hash: str) -> str:
    return hashlib.sha256(SCHEMES[addendum.signature_scheme].addendum_message(addendum, note_hash)).hexdigest()


def _when(at: dt.datetime | None) -> str:
    return "an unknown time" if at is None else at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


@dataclass(frozen=True)
class _Signed:
    """What one signature (of a note or an addendum) says about its key."""

    what: str  # "" for the note, "addendum 2" for an addendum
    signer: str
    at: dt.datetime | None
    scheme: SignatureScheme
    key_id: str
    value: str  # the signature, hex
    message: bytes


def _key_problems(s: _Signed, label: str, keyring: keys.KeyRing) -> list[str]:
    """A keyed signature that does not verify with the key that was its signer's when it was made;
    an unkeyed one made while its signer had a key (a keyed signature replaced by an unkeyed one)."""
    where = f"{label}: {s.what + ' ' if s.what else ''}"
    in_force = keyring.in_force(s.signer, s.at) if s.at is not None else None
    if not s.scheme.keyed:
        if in_force is None:
            return []
        return [f"{where}signed without a key on {_when(s.at)}, when {s.signer} signed with their own key"]
    stored = keyring.public_key(s.key_id)
    if stored is None:
        return [f"{where}signed with key {s.key_id[:16]}, which this database does not hold"]
    try:
        good = keys.verifies(bytes.fromhex(stored.public_key), bytes.fromhex(s.value), s.message)
    except ValueError:
        good = False
    if not good:
        return [f"{where}its signature by {s.signer} does not verify with their key: it was changed after signing"]
    if s.at is None or not keyring.held(s.signer, s.key_id, s.at):
        return [f"{where}signed with a key that was not {s.signer}'s on {_when(s.at)} (it is {stored.practitioner}'s)"]
    return []


def signature_problems(note: Any, label: str, patient_uid: str, keyring: keys.KeyRing | None = None) -> list[str]:
    """Why a stored signed note no longer matches its signature; empty when it does.

    ``patient_uid``: the uid of the patient whose record holds the note (a scheme 2 signature
    names its patient, so a note moved to another record no longer matches). ``keyring``: the
    practitioners' key histories; a keyed signature (scheme 3) is verified with the key that was its
    signer's when it was made (without a keyring, it is reported as not verified)."""
    problems, signed = _content_problems(note, label, patient_uid)
    for s in signed:
        problems += _key_problems(s, label, keyring or keys.EMPTY_KEYRING)
    return problems


def content_and_key_problems(
    note: Any, label: str, patient_uid: str, keyring: keys.KeyRing
) -> tuple[list[str], list[str]]:
    """The problems of ``signature_problems`` in two lists, from one reading of the note: those that
    need no key (the content, signer, time, patient or record no longer match the stored hash, or an
    addendum its own), and those that concern keys (a keyed signature that does not verify with its
    signer's key of the time, an unkeyed one made while the signer had a key)."""
    problems, signed = _content_problems(note, label, patient_uid)
    return problems, [p for s in signed for p in _key_problems(s, label, keyring)]


def _content_problems(note: Any, label: str, patient_uid: str) -> tuple[list[str], list[_Signed]]:
    if getattr(note, "status", DRAFT) != SIGNED:
        return [], []
    scheme, form = SCHEMES.get(note.signature_scheme), note.canonical_form
    if scheme is None or form not in FORMS:
        return [
            f"{label}: signed with scheme {note.signature_scheme}, form {form}, which this CST Notes does not know"
        ], []
    content, uncovered = canonical(note, form)  # built once: the statement and the check share it
    about = statement(
        note,
        patient_uid,
        form=form,
        signed_by=note.signed_by,
        signed_at=note.signed_at,
        key_id=note.key_id,
        content=content,
    )
    message = scheme.message(about)
    problems = []
    if note.content_hash != hashlib.sha256(message).hexdigest():
        what = "content, signer, time, patient or record" if scheme.binds_signer else "content"
        problems.append(f"{label}: its {what} no longer matches the signature made {note.signed_at}")
    problems += [f"{label}: {name} holds a value its signature (form {form}) does not cover" for name in uncovered]
    problems += _digest_problems(note, label, form)
    signed = [_Signed("", note.signed_by, note.signed_at, scheme, note.key_id, note.key_signature, message)]
    for n, a in enumerate(note.addenda):
        a_scheme = SCHEMES.get(a.signature_scheme)
        if a_scheme is None or a.content_hash != addendum_hash(a, note.content_hash):
            problems.append(f"{label}: addendum {n + 1} does not match its signature")
            continue
        a_message = a_scheme.addendum_message(a, note.content_hash)
        signed.append(
            _Signed(f"addendum {n + 1}", a.author, a.created_at, a_scheme, a.key_id, a.key_signature, a_message)
        )
    return problems, signed


def _digest_problems(note: Any, label: str, form: int) -> list[str]:
    """Under a form that covers a session's private notes by their digest: private notes held that
    do not match it (withheld ones, text and salt empty, are vouched for by the digest alone)."""
    if note_kind(note) != "session" or "private_notes_sha256" not in FORMS[form]["Session"]:
        return []
    if not note.private_notes and not note.private_notes_salt:
        return []
    try:
        held = private_notes_digest(note.private_notes_salt, note.private_notes)
    except ValueError:
        held = ""
    if held != note.private_notes_sha256:
        return [f"{label}: its private notes no longer match the digest its signature covers"]
    return []


def of_older_scheme(note: Any) -> bool:
    """Whether a signed note's signature is of a known scheme that vouches for its content only, not
    for who signed it, when, or for whom (scheme 1: the notes signed before schemes were kept)."""
    scheme = SCHEMES.get(note.signature_scheme)
    return scheme is not None and not scheme.binds_signer


OLDER_SHOWN = 20  # notes named in the check's report; the rest are counted


def _counted(labels: Sequence[str]) -> tuple[str, str]:
    """How many notes ("3 signed notes were"), and the first OLDER_SHOWN of them named."""
    named = "; ".join(labels[:OLDER_SHOWN]) + (
        f"; and {len(labels) - OLDER_SHOWN} more" if len(labels) > OLDER_SHOWN else ""
    )
    count = f"{len(labels)} signed notes were" if len(labels) != 1 else "1 signed note was"
    return count, named


def older_signatures_note(labels: Sequence[str]) -> str:
    """What ``check`` says of the notes signed with scheme 1 (``labels`` name them)."""
    count, named = _counted(labels)
    return (
        f"{count} signed before signatures bound the signer, the time and the patient "
        f"(scheme 1: their content is verified, not who signed it or when): {named}"
    )


KEYED_WORDS = "with their own key"  # how screens say a note was signed with its signer's key


def is_keyed(note: Any) -> bool:
    """Whether a signed note was signed with its signer's own key (scheme 3)."""
    scheme = SCHEMES.get(note.signature_scheme)
    return scheme is not None and scheme.keyed


def unkeyed_signatures_note(labels: Sequence[str]) -> str:
    """What ``check`` says of the notes signed without a practitioner's key (schemes 1 and 2)."""
    count, named = _counted(labels)
    return (
        f"{count} made before keyed signing (a typed name, no practitioner's key: anyone who could "
        f"write the file could have made them): {named}"
    )


# --- signer names -------------------------------------------------------------------------------

# Never in a name: control characters (NUL, line breaks, escapes), line and paragraph separators,
# surrogates, private use, unassigned; and the bidirectional embeddings, overrides and isolates,
# which make a name read as another. The joiners that Bengali and Hindi need (ZWJ, ZWNJ) are fine.
_NOT_IN_NAMES = frozenset({"Cc", "Cs", "Co", "Cn", "Zl", "Zp"})
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
CONTROL_IN_NAME = "contains a control character (such as a line break or NUL)"


def _bad_in_name(ch: str) -> bool:
    return unicodedata.category(ch) in _NOT_IN_NAMES or ch in _BIDI_CONTROLS


def signer_name_errors(field: str, value: object) -> list[FieldError]:
    """The rules for the name of a person who signs a note or an addendum, naming ``field``."""
    c = Checker()
    if isinstance(value, str) and len(value) <= NAME_MAX and any(_bad_in_name(ch) for ch in value):
        c.fail(field, CONTROL_IN_NAME)
    else:
        c.text(field, value, max_len=NAME_MAX, required=True)
    return c.errors


# What a signature means (21 CFR 11.50: every printout names it): the note's author signing the
# note, or the author of a correction or addition signing it. Clinical documents name the meaning;
# documents for patients say "Signed by" (``SIGNED_BY_PLAIN``).
AUTHORSHIP, CORRECTION = "authorship", "correction"
SIGNATURE_MEANINGS = {AUTHORSHIP: "Signed (author)", CORRECTION: "Addendum (correction)"}
SIGNED_BY_PLAIN = "Signed by"
# How a signature was made, as screens say it: a name typed (schemes 1 and 2), or the signer's key.
BEFORE_KEYED_WORDS = "signed before keyed signing (name typed, no key)"


def how_signed(signer: str, scheme: int) -> str:
    """ "signed with Anita Bose's key" (a keyed scheme), else ``BEFORE_KEYED_WORDS``."""
    found = SCHEMES.get(scheme)
    return f"signed with {signer_shown(signer)}'s key" if found is not None and found.keyed else BEFORE_KEYED_WORDS


def signature_words(meaning: str, signer: str, written: str, when: str, scheme: int) -> str:
    """A signature as screens show it (21 CFR 11.50): its meaning, the signer's printed name with
    their credentials (``written``), the date and time, and how it was made:
    "Signed (author) by Anita Bose, RCST · 2 June 2025 10:30 · signed with Anita Bose's key"."""
    return f"{SIGNATURE_MEANINGS[meaning]} by {written} · {when} · {how_signed(signer, scheme)}"


def signer_shown(name: str) -> str:
    """A stored signer name as screens and documents show it: on one line, and shortened with "…"
    if longer than a name may be (a name stored before names were checked is kept in full)."""
    head = name[: 4 * NAME_MAX]
    shown = " ".join("".join(" " if _bad_in_name(ch) else ch for ch in head).split())
    if len(shown) > NAME_MAX or len(head) < len(name):
        return shown[: NAME_MAX - 1].rstrip() + "…"
    return shown


def addendum_errors(text: str, author: str) -> list[FieldError]:
    c = Checker()
    c.text("text", text, max_len=LONG_TEXT_MAX, required=True)
    c.extend(signer_name_errors("author", author))
    return c.errors


def _signed_errors(note: Any, c: Checker) -> None:
    if note.signed_at is None:
        c.fail("signed_at", "a signed note needs the time it was signed")
    c.extend(signer_name_errors(c.at("signed_by"), note.signed_by))
    if len(note.content_hash) != 64:
        c.fail("content_hash", "a signed note needs its SHA-256 content hash")
    if note.signature_scheme not in SCHEMES:
        c.fail("signature_scheme", f"must be one of {tuple(SCHEMES)} (the signature schemes this CST Notes knows)")
    if note.canonical_form not in FORMS:
        c.fail("canonical_form", f"must be one of {tuple(FORMS)} (the canonical forms this CST Notes knows)")


# What only a signed note holds: a draft stored keeps none of it (storage.mapping stores a draft unsigned).
_SIGNED_ONLY = ("signed_at", "signed_by", "content_hash", "key_id", "key_signature")


def draft_signature_errors(note: Any, prefix: str = "") -> list[FieldError]:
    """A draft in a file (an import's, or a whole record read back) that carries a signature's
    fields: refused by name, rather than stored without them (a draft is stored unsigned)."""
    c = Checker(prefix)
    if getattr(note, "status", None) == DRAFT:
        for name in _SIGNED_ONLY:
            if getattr(note, name, None) not in (None, ""):
                c.fail(name, "a draft is not signed: it holds no signature, so this must be empty")
    return c.errors


def signature_errors(note: Any, c: Checker) -> None:
    """Rules on the signature fields of a note (used by the session and intake rules)."""
    if note.status not in (DRAFT, SIGNED):
        c.fail("status", f"{note.status!r} is not draft or signed")
        return
    if note.status == SIGNED:
        _signed_errors(note, c)
    elif note.addenda:
        c.fail("addenda", "only a signed note has addenda; edit the draft instead")
    for n, a in enumerate(note.addenda):
        c.text(f"addenda[{n}].text", a.text, max_len=LONG_TEXT_MAX, required=True)
        c.extend(signer_name_errors(c.at(f"addenda[{n}].author"), a.author))
        if a.signature_scheme not in SCHEMES:
            c.fail(f"addenda[{n}].signature_scheme", f"must be one of {tuple(SCHEMES)}")
        if not isinstance(a.created_at, dt.datetime) or a.created_at.tzinfo is None:
            c.fail(f"addenda[{n}].created_at", "must be a date and time with a time zone")
