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
import types
import typing
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from cst_notes.domain.validation import LONG_TEXT_MAX, NAME_MAX, Checker, FieldError

DRAFT, SIGNED = "draft", "signed"
SIGNATURE_FIELDS = frozenset(
    {"status", "signed_at", "signed_by", "content_hash", "addenda", "created_at", "updated_at"}
)


@dataclass(frozen=True)
class Addendum:
    """A dated, signed correction or addition to a signed note."""

    text: str
    author: str
    created_at: dt.datetime  # timezone-aware
    content_hash: str = ""  # SHA-256 of the addendum with its note's hash


@dataclass(frozen=True)
class Signature:
    signed_at: dt.datetime
    signed_by: str
    content_hash: str


_SCALARS = frozenset({str, int, float, bool, type(None)})
# per dataclass: the covered field names, one getter for all of them, and which need converting
_SPECS: dict[type, tuple[tuple[str, ...], Any, tuple[int, ...]]] = {}


def _needs_converting(tp: Any) -> bool:
    args = [a for a in typing.get_args(tp) if a is not type(None)] if typing.get_origin(tp) in _UNIONS else [tp]
    return any(a not in _SCALARS for a in args)


_UNIONS = (typing.Union, types.UnionType)


def _spec(cls: type) -> tuple[tuple[str, ...], Any, tuple[int, ...]]:
    hints = typing.get_type_hints(cls)
    skip = SIGNATURE_FIELDS | {"id", "patient_id"}
    names = tuple(f.name for f in fields(cls) if f.name not in skip)
    convert = tuple(i for i, n in enumerate(names) if _needs_converting(hints[n]))
    getter = operator.attrgetter(*names) if len(names) > 1 else (lambda o: (getattr(o, names[0]),))
    return names, getter, convert


def _plain(value: Any) -> Any:
    """JSON-ready form of dataclasses, tuples, dates and times (times as UTC)."""
    cls = type(value)
    if cls in _SCALARS:
        return value
    spec = _SPECS.get(cls)
    if spec is None and is_dataclass(value):
        spec = _SPECS[cls] = _spec(cls)
    if spec is not None:
        names, getter, convert = spec
        values = getter(value)
        out = dict(zip(names, values, strict=True))
        for i in convert:
            out[names[i]] = _plain(values[i])
        return out
    if cls is tuple:
        return [_plain(v) for v in value]
    if cls is dt.datetime:
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if cls is dt.date:
        return value.isoformat()
    return value


def canonical_content(note: Any) -> bytes:
    """The bytes a signature covers: sorted-key, compact JSON of the note's clinical content."""
    return json.dumps(_plain(note), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def content_hash(note: Any) -> str:
    return hashlib.sha256(canonical_content(note)).hexdigest()


def addendum_hash(addendum: Addendum, note_hash: str) -> str:
    payload = {
        "note": note_hash,
        "text": addendum.text,
        "author": addendum.author,
        "created_at": _plain(addendum.created_at),
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def signature_problems(note: Any, label: str) -> list[str]:
    """Why a stored signed note no longer matches its signature; empty when it does."""
    if getattr(note, "status", DRAFT) != SIGNED:
        return []
    problems = []
    if note.content_hash != content_hash(note):
        problems.append(f"{label}: its content no longer matches the signature made {note.signed_at}")
    for n, a in enumerate(note.addenda):
        if a.content_hash != addendum_hash(a, note.content_hash):
            problems.append(f"{label}: addendum {n + 1} does not match its signature")
    return problems


def addendum_errors(text: str, author: str) -> list[FieldError]:
    c = Checker()
    c.text("text", text, max_len=LONG_TEXT_MAX, required=True)
    c.text("author", author, max_len=NAME_MAX, required=True)
    return c.errors


def signature_errors(note: Any, c: Checker) -> None:
    """Rules on the signature fields of a note (used by the session and intake rules)."""
    if note.status not in (DRAFT, SIGNED):
        c.fail("status", f"{note.status!r} is not draft or signed")
        return
    if note.status == SIGNED:
        if note.signed_at is None or not note.signed_by.strip():
            c.fail("signed_by", "a signed note needs the time and the therapist who signed")
        if len(note.content_hash) != 64:
            c.fail("content_hash", "a signed note needs its SHA-256 content hash")
    elif note.addenda:
        c.fail("addenda", "only a signed note has addenda; edit the draft instead")
    for n, a in enumerate(note.addenda):
        c.text(f"addenda[{n}].text", a.text, max_len=LONG_TEXT_MAX, required=True)
        c.text(f"addenda[{n}].author", a.author, max_len=NAME_MAX, required=True)
        if not isinstance(a.created_at, dt.datetime) or a.created_at.tzinfo is None:
            c.fail(f"addenda[{n}].created_at", "must be a date and time with a time zone")
