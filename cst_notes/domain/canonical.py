"""The canonical content a signature covers: one frozen field list per form, forever.

A form names, for each kind of object in a note, the fields its content is made of. A signature
records the form it was made with, so that a field added to ``Session`` or ``Intake`` later (with
a default) changes no signature ever made: a new form takes it in, and notes signed under an
older form keep being read by theirs. A released form is never edited; add the next one.

The content is sorted-key, compact JSON in UTF-8: times in UTC (``YYYY-MM-DDTHH:MM:SSZ``), dates
ISO, tuples as lists, nested objects by their own field lists. Objects are found by class name
(a subclass by its nearest named base), so this module imports no note classes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import operator
from collections.abc import Mapping
from dataclasses import MISSING, Field, fields, is_dataclass
from typing import Any

# The fields of form 1, exactly as CST Notes hashed them before forms were recorded: every
# dataclass field except the signature's own, the row ids, and the time stamps.
FORM_1: Mapping[str, tuple[str, ...]] = {
    "Session": (
        "started_at",
        "duration_minutes",
        "therapist",
        "consent_renewed",
        "subjective",
        "objective",
        "assessment",
        "plan",
        "pain_before",
        "pain_after",
        "response",
        "private_notes",
        "contraindication_override_reason",
        "headache_days",
        "sleep_quality",
        "stress_level",
        "global_impression",
        "rhythm_findings",
        "events",
        "restrictions",
        "techniques",
        "adverse_reactions",
        "uid",
    ),
    "RhythmFinding": (
        "station",
        "side",
        "rate",
        "amplitude",
        "symmetry",
        "quality",
        "restricted_phase",
        "palpated_by",
        "note",
    ),
    "SessionEvent": ("kind", "minute", "duration_seconds", "note"),
    "Restriction": ("region", "side", "severity", "note"),
    "TechniqueApplied": ("technique", "note"),
    "AdverseReaction": ("code", "note"),
    "Intake": (
        "intake_date",
        "complaint",
        "goals",
        "onset",
        "duration",
        "intensity",
        "frequency",
        "location",
        "aggravating_factors",
        "relieving_factors",
        "prior_treatment",
        "medical_history",
        "pregnant",
        "pregnancy_note",
        "conditions",
        "medications",
        "surgeries",
        "trauma",
        "contraindications",
        "contraindications_screened_on",
        "birth_history",
        "consent_given",
        "consent_date",
        "consent_given_by",
    ),
    "ConditionEntry": ("code", "note"),
    "Medication": ("name", "dose"),
    "Surgery": ("description", "surgery_date"),
    "TraumaEvent": ("kind", "description", "event_date"),
    "ContraindicationEntry": ("code", "note"),
    "BirthHistory": (
        "labour_hours",
        "induced",
        "epidural",
        "delivery",
        "presentation",
        "feeding_latch_difficulty",
        "feeding_suck_swallow_difficulty",
        "feeding_one_sided_preference",
        "feeding_reflux",
        "torticollis",
        "head_asymmetry",
        "note",
    ),
}
# Form 2 (issue 17, the clinic): form 1 with a session's private notes covered by a salted digest
# of them (``private_notes_digest``) instead of their text, so that a session pulled from the
# clinic server without its private notes (which only their author reads) still verifies, and the
# digest, which every therapist reads, tells no guess of the text right without the salt.
FORM_2: Mapping[str, tuple[str, ...]] = {
    **FORM_1,
    "Session": tuple("private_notes_sha256" if f == "private_notes" else f for f in FORM_1["Session"]),
}
FORMS: Mapping[int, Mapping[str, tuple[str, ...]]] = {1: FORM_1, 2: FORM_2}
CURRENT_FORM = 2  # the form new signatures use
# The fields a form covers through a digest of them (a field of the form): held, they must match it
# (``domain.signing``); withheld (another author's private notes), the digest alone is verified.
DIGESTED: Mapping[int, Mapping[str, tuple[str, ...]]] = {
    1: {},
    2: {"Session": ("private_notes", "private_notes_salt")},
}
SALT_BYTES = 16


def private_notes_digest(salt: str, text: str) -> str:
    """The SHA-256 that form 2 covers for a session's private notes: of the salt's bytes (hex, kept
    with the text and read by its author only) and the text in UTF-8; "" for no private notes."""
    if not text and not salt:
        return ""
    return hashlib.sha256(bytes.fromhex(salt) + text.encode()).hexdigest()


# Fields no form covers: the signature itself, row ids and time stamps (see domain.signing).
NOT_CONTENT = frozenset(
    {
        "status",
        "signed_at",
        "signed_by",
        "content_hash",
        "signature_scheme",
        "canonical_form",
        "key_id",
        "key_signature",
        "addenda",
        "created_at",
        "updated_at",
        "id",
        "patient_id",
    }
)
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _default(f: Field[Any]) -> Any:
    if f.default_factory is not MISSING:
        return f.default_factory()
    return f.default  # a field with no default is never outside a form: a new field must have one


class _Spec:
    """How one class is written under one form: its covered fields, and the others with their defaults."""

    def __init__(self, cls: type, form_number: int) -> None:
        form = FORMS[form_number]
        name = next((c.__name__ for c in cls.__mro__ if c.__name__ in form), None)
        if name is None:
            raise TypeError(f"{cls.__name__} is not part of this canonical form")  # a programming error
        self.names = form[name]
        self.get = operator.attrgetter(*self.names)
        digested = DIGESTED.get(form_number, {}).get(name, ())
        self.others = tuple(
            (f.name, _default(f))
            for f in fields(cls)
            if f.name not in self.names and f.name not in NOT_CONTENT and f.name not in digested
        )


_SPECS: dict[tuple[int, type], _Spec] = {}


def _spec(cls: type, form: int) -> _Spec:
    spec = _SPECS.get((form, cls))
    if spec is None:
        spec = _SPECS[form, cls] = _Spec(cls, form)
    return spec


def _plain(value: Any, form: int, uncovered: list[str], path: str) -> Any:
    cls = type(value)
    if cls in _SCALARS:
        return value
    if cls is tuple:
        return [_plain(v, form, uncovered, f"{path}[{n}]") for n, v in enumerate(value)]
    if cls is dt.datetime:
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if cls is dt.date:
        return value.isoformat()
    if is_dataclass(value):
        spec = _spec(cls, form)
        values = spec.get(value) if len(spec.names) > 1 else (spec.get(value),)
        for name, default in spec.others:
            if getattr(value, name) != default:
                uncovered.append(f"{path}.{name}" if path else name)
        return {
            name: v if type(v) in _SCALARS else _plain(v, form, uncovered, f"{path}.{name}" if path else name)
            for name, v in zip(spec.names, values, strict=True)
        }
    raise TypeError(f"no canonical form for {cls.__name__}")  # a programming error


def canonical(note: Any, form: int) -> tuple[bytes, list[str]]:
    """The bytes a signature of ``form`` covers, and the fields outside the form that hold a value
    (which that signature cannot vouch for: a note signed under the form had them at their default)."""
    uncovered: list[str] = []
    content = _plain(note, form, uncovered, "")
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(), uncovered


def canonical_content(note: Any, form: int = CURRENT_FORM) -> bytes:
    return canonical(note, form)[0]
