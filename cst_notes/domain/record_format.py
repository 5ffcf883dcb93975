"""The export format: patient records as JSON-ready dicts, and back, with every error named.

The format is derived from the domain dataclasses themselves, so that it cannot drift from
the model: each field is written under its own name; dates are ISO dates, times ISO 8601 in
UTC ending in ``Z``; codes are the vocabulary codes. Local row ids are not part of it: a
patient and a session are identified by their ``uid``. ``json_schema()`` describes the same
format as a JSON Schema (draft 2020-12), kept in ``resources/`` for readers of the files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from typing import Any

from cst_notes.domain import keys as K
from cst_notes.domain import vocabulary as V
from cst_notes.domain.intake import BirthHistory, ConditionEntry, ContraindicationEntry, Intake, TraumaEvent
from cst_notes.domain.patient import Guardian, Patient
from cst_notes.domain.plan import FollowUpPlan, Goal, Referral
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.screening import ScreeningChange
from cst_notes.domain.session import AdverseReaction, OwnTechnique, Restriction, RhythmFinding, Session, SessionEvent
from cst_notes.domain.signing import signer_name_errors
from cst_notes.domain.validation import FieldError, ValidationError

FORMAT = "cst-notes"
# 2 added signatures and addenda; 3 goals' status dates, closed courses of care and the names of
# the therapist's own techniques; 4 the contraindication screening changes since the intake;
# 5 each signature's scheme and canonical form (a file before 5 holds scheme 1, form 1 signatures);
# 6 keyed signatures (scheme 3: key_id and key_signature) and the signers' public keys ("keys")
FORMAT_VERSION = 6
READABLE_VERSIONS = (1, 2, 3, 4, 5, 6)
INTERNAL_FIELDS = frozenset({"id", "patient_id"})
MAX_IMPORT_PATIENTS = 1_000_000

# Fields whose values come from a vocabulary: (dataclass, field) -> vocabulary, for the schema.
_ENUMS: dict[tuple[type, str], V.Vocabulary] = {
    (Patient, "sex"): V.SEXES,
    (Guardian, "relation"): V.GUARDIAN_RELATIONS,
    (ConditionEntry, "code"): V.CONDITIONS,
    (TraumaEvent, "kind"): V.TRAUMA_KINDS,
    (ContraindicationEntry, "code"): V.CONTRAINDICATIONS,
    (BirthHistory, "delivery"): V.DELIVERY_MODES,
    (BirthHistory, "presentation"): V.PRESENTATIONS,
    (RhythmFinding, "station"): V.STATIONS,
    (RhythmFinding, "side"): V.STATION_SIDES,
    (RhythmFinding, "symmetry"): V.SYMMETRIES,
    (RhythmFinding, "quality"): V.QUALITIES,
    (RhythmFinding, "restricted_phase"): V.RESTRICTED_PHASES,
    (SessionEvent, "kind"): V.SESSION_EVENT_KINDS,
    (Restriction, "region"): V.REGIONS,
    (Restriction, "side"): V.RESTRICTION_SIDES,
    (Restriction, "severity"): V.SEVERITIES,
    (AdverseReaction, "code"): V.NOTED_AFTER_SESSION,
    (FollowUpPlan, "frequency"): V.FREQUENCIES,
    (FollowUpPlan, "closed_reason"): V.CLOSING_REASONS,
    (Goal, "status"): V.GOAL_STATUSES,
    (ScreeningChange, "action"): V.SCREENING_ACTIONS,
    (ScreeningChange, "code"): V.CONTRAINDICATIONS,
    (Referral, "target"): V.REFERRAL_TARGETS,
}
_OPTIONAL_CODE = frozenset({"delivery", "presentation", "symmetry", "quality", "restricted_phase", "closed_reason"})
_OPTIONAL_FIELDS = frozenset({(ScreeningChange, "code")})  # empty for a re-screen of the whole list


def _exported_fields(cls: type) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.name not in INTERNAL_FIELDS]


# --- writing ----------------------------------------------------------------------------------


def format_utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def encode(value: Any) -> Any:
    """Any domain object (or tuple of them) in the export format's JSON-ready form."""
    return _encode(value)


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: _encode(getattr(value, name)) for name, _ in _exported_fields(type(value))}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, dt.datetime):
        return format_utc(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def record_to_dict(record: PatientRecord) -> dict[str, Any]:
    data: dict[str, Any] = _encode(record.patient)
    data["intake"] = _encode(record.intake)
    data["sessions"] = _encode(record.sessions)
    data["follow_up_plans"] = _encode(record.follow_up_plans)
    if record.own_techniques:
        data["own_techniques"] = _encode(record.own_techniques)
    if record.screening_changes:
        data["screening_changes"] = _encode(record.screening_changes)
    return data


def document(
    records: list[PatientRecord], exported_at: dt.datetime, keys: K.KeyRing = K.EMPTY_KEYRING
) -> dict[str, Any]:
    """The export document; ``keys``: the practitioners' key histories, of which it carries those of
    the records' signers (so that their keyed signatures verify anywhere)."""
    signers: set[str] = set()
    for r in records:
        for note in (r.intake, *r.sessions):
            if note is not None:
                signers |= {note.signed_by, *(a.author for a in note.addenda)}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": format_utc(exported_at),
        "keys": _encode(tuple(keys.of(sorted(signers)))),
        "patients": [record_to_dict(r) for r in records],
    }


def file_bytes(document: dict[str, Any]) -> bytes:
    """An export document as the bytes of its file: UTF-8 JSON, every script as itself, indented."""
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# --- reading ----------------------------------------------------------------------------------


class _Reader:
    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, path: str, message: str) -> None:
        self.errors.append(FieldError(path, message))

    def read(self, tp: Any, value: Any, path: str) -> Any:  # noqa: C901
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            return None if value is None else self.read(args[0], value, path)
        if origin is tuple:
            if not isinstance(value, list):
                self.fail(path, "must be a list")
                return ()
            item = typing.get_args(tp)[0]
            return tuple(self.read(item, v, f"{path}[{n}]") for n, v in enumerate(value))
        if dataclasses.is_dataclass(tp):
            return self.read_object(tp, value, path)
        if tp is bool:
            if not isinstance(value, bool):
                self.fail(path, "must be true or false")
            return value
        if tp is int:
            if isinstance(value, bool) or not isinstance(value, int):
                self.fail(path, "must be a whole number")
            return value
        if tp is float:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.fail(path, "must be a number")
                return value
            return float(value)
        if tp is str:
            if not isinstance(value, str):
                self.fail(path, "must be text")
            return value
        if tp is dt.datetime:
            return self._datetime(value, path)
        if tp is dt.date:
            if isinstance(value, str):
                try:
                    return dt.date.fromisoformat(value) if len(value) == 10 else self._bad_date(path)
                except ValueError:
                    pass
            return self._bad_date(path)
        raise TypeError(f"no reader for {tp!r}")  # pragma: no cover - a programming error

    def _bad_date(self, path: str) -> None:
        self.fail(path, "must be a date written YYYY-MM-DD")

    def _datetime(self, value: Any, path: str) -> dt.datetime | None:
        if isinstance(value, str) and value.endswith("Z"):
            try:
                parsed = dt.datetime.fromisoformat(value[:-1] + "+00:00")
            except ValueError:
                parsed = None
            if parsed is not None:
                return parsed
        self.fail(path, "must be a UTC time written YYYY-MM-DDTHH:MM:SSZ")
        return None

    def read_object(self, cls: Any, value: Any, path: str, extra: frozenset[str] = frozenset()) -> Any:
        if not isinstance(value, dict):
            self.fail(path, "must be an object")
            return None
        known = _exported_fields(cls)
        names = {n for n, _ in known} | extra
        for key in value:
            if key not in names:
                self.fail(f"{path}.{key}", "is not a field of this format")
        kwargs: dict[str, Any] = {}
        defaults = {f.name for f in dataclasses.fields(cls) if _has_default(f)}
        for name, tp in known:
            if name in value:
                kwargs[name] = self.read(tp, value[name], f"{path}.{name}")
            elif name not in defaults:
                self.fail(f"{path}.{name}", "is missing")
        if any(e.field.startswith(path) for e in self.errors):
            return None
        return cls(**kwargs)


def _has_default(f: dataclasses.Field[Any]) -> bool:
    return f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING


def read_object(cls: Any, data: Any) -> Any:
    """One object of the format (e.g. a SessionTemplate) from its JSON form; ValidationError if bad."""
    reader = _Reader()
    value = reader.read_object(cls, data, cls.__name__)
    if reader.errors:
        raise ValidationError(reader.errors)
    return value


_RECORD_PARTS = frozenset({"intake", "sessions", "follow_up_plans", "own_techniques", "screening_changes"})


def records_from_document(data: Any) -> list[PatientRecord]:  # noqa: C901
    """Parse a whole export document; raise ValidationError naming every problem found."""
    r = _Reader()
    if not isinstance(data, dict):
        raise ValidationError([FieldError("document", "must be a JSON object")])
    if data.get("format") != FORMAT:
        r.fail("format", f'must be "{FORMAT}"')
    if data.get("format_version") not in READABLE_VERSIONS:
        r.fail("format_version", f"must be one of {READABLE_VERSIONS} (the versions this CST Notes reads)")
    r.read(dt.datetime, data.get("exported_at"), "exported_at")
    extra = set(data) - {"format", "format_version", "exported_at", "patients", "keys"}
    for key in sorted(extra):
        r.fail(key, "is not a field of this format")
    patients = data.get("patients")
    if not isinstance(patients, list):
        r.fail("patients", "must be a list")
        raise ValidationError(r.errors)
    if len(patients) > MAX_IMPORT_PATIENTS:
        r.fail("patients", f"has more than {MAX_IMPORT_PATIENTS} entries")
        raise ValidationError(r.errors)
    records: list[PatientRecord] = []
    for n, item in enumerate(patients):
        path = f"patients[{n}]"
        patient = r.read_object(Patient, item, path, extra=_RECORD_PARTS)
        if not isinstance(item, dict):
            continue
        intake = r.read(Intake | None, item.get("intake"), f"{path}.intake")
        sessions = r.read(tuple[Session, ...], item.get("sessions", []), f"{path}.sessions")
        plans = r.read(tuple[FollowUpPlan, ...], item.get("follow_up_plans", []), f"{path}.follow_up_plans")
        own = r.read(tuple[OwnTechnique, ...], item.get("own_techniques", []), f"{path}.own_techniques")
        changes_path = f"{path}.screening_changes"
        changes = r.read(tuple[ScreeningChange, ...], item.get("screening_changes", []), changes_path)
        if patient is not None:
            records.append(PatientRecord(patient, intake, sessions, plans, own, changes))
    if r.errors:
        raise ValidationError(r.errors)
    return records


def keys_from_document(data: Any) -> K.KeyRing:
    """The public keys an export document carries (none before version 6); ValidationError naming
    a key that is not what it says (its id is not its public key's)."""
    r = _Reader()
    found = r.read(tuple[K.PublicKey, ...], data.get("keys", []) if isinstance(data, dict) else [], "keys")
    for n, k in enumerate(found if not r.errors else ()):
        try:
            public = bytes.fromhex(k.public_key)
        except ValueError:
            public = b""
        if len(public) != K.KEY_BYTES or K.key_id(public) != k.key_id:
            r.fail(f"keys[{n}].key_id", "is not the SHA-256 of its 32-byte public key")
        r.errors += signer_name_errors(f"keys[{n}].practitioner", k.practitioner)
    if r.errors:
        raise ValidationError(r.errors)
    return K.KeyRing(found)


# --- the JSON Schema --------------------------------------------------------------------------


def _schema_for(tp: Any, owner: type | None = None, name: str = "") -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = next(a for a in typing.get_args(tp) if a is not type(None))
        return {"anyOf": [_schema_for(inner, owner, name), {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _schema_for(typing.get_args(tp)[0])}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if tp is str:
        vocab = _ENUMS.get((owner, name)) if owner else None
        if vocab is not None:
            codes: list[str] = list(vocab.codes)
            optional = name in _OPTIONAL_CODE or (owner, name) in _OPTIONAL_FIELDS
            return {"type": "string", "enum": [*codes, ""] if optional else codes}
        return {"type": "string"}
    if tp is dt.date:
        return {"type": "string", "format": "date"}
    if tp is dt.datetime:
        return {"type": "string", "format": "date-time", "pattern": "Z$"}
    return {"type": {bool: "boolean", int: "integer", float: "number"}[tp]}


def _object_schema(cls: type, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    required = [f.name for f in dataclasses.fields(cls) if not _has_default(f) and f.name not in INTERNAL_FIELDS]
    props = {name: _schema_for(tp, cls, name) for name, tp in _exported_fields(cls)}
    props.update(extra or {})
    doc = (cls.__doc__ or "").strip().splitlines()
    schema: dict[str, Any] = {"type": "object", "properties": props, "required": required}
    if doc and not doc[0].startswith(cls.__name__ + "("):
        schema["description"] = doc[0]
    schema["additionalProperties"] = False
    return schema


def json_schema() -> dict[str, Any]:
    classes: list[type] = []

    def collect(tp: Any) -> None:
        for a in typing.get_args(tp) or (tp,):
            if dataclasses.is_dataclass(a) and isinstance(a, type) and a not in classes:
                classes.append(a)
                for _, sub in _exported_fields(a):
                    collect(sub)
            elif typing.get_args(a):
                collect(a)

    for root in (Patient, Intake, Session, FollowUpPlan, OwnTechnique, ScreeningChange, K.PublicKey):
        collect(root)
    defs = {c.__name__: _object_schema(c) for c in classes}
    defs["PatientRecord"] = _object_schema(
        Patient,
        {
            "intake": {"anyOf": [{"$ref": "#/$defs/Intake"}, {"type": "null"}]},
            "sessions": {"type": "array", "items": {"$ref": "#/$defs/Session"}},
            "follow_up_plans": {"type": "array", "items": {"$ref": "#/$defs/FollowUpPlan"}},
            "own_techniques": {"type": "array", "items": {"$ref": "#/$defs/OwnTechnique"}},
            "screening_changes": {"type": "array", "items": {"$ref": "#/$defs/ScreeningChange"}},
        },
    )
    defs["PatientRecord"]["description"] = "A patient with their intake, sessions and follow-up plans."
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "cst-notes-export.schema.json",
        "title": "CST Notes export",
        "description": (
            "Patient records exported by CST Notes. Dates are ISO dates (YYYY-MM-DD); times are "
            "ISO 8601 in UTC ending in Z; codes come from the vocabularies of CST Notes and are "
            "never labels. Patients and sessions are identified by their uid."
        ),
        "type": "object",
        "properties": {
            "format": {"const": FORMAT},
            "format_version": {"enum": list(READABLE_VERSIONS)},
            "exported_at": {"type": "string", "format": "date-time", "pattern": "Z$"},
            "keys": {"type": "array", "items": {"$ref": "#/$defs/PublicKey"}},
            "patients": {"type": "array", "items": {"$ref": "#/$defs/PatientRecord"}},
        },
        "required": ["format", "format_version", "exported_at", "patients"],
        "additionalProperties": False,
        "$defs": defs,
    }
