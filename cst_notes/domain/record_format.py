"""The export format: patient records as JSON-ready dicts, and back, with every error named.

The format is derived from the domain dataclasses themselves, so that it cannot drift from
the model: each field is written under its own name; dates are ISO dates, times ISO 8601 in
UTC ending in ``Z``; codes are the vocabulary codes. Local row ids are not part of it: a
patient and a session are identified by their ``uid``. ``json_schema()`` describes the same
format as a JSON Schema (draft 2020-12), kept in ``resources/`` for readers of the files.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import functools
import json
import re
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from cst_notes.domain import keys as K
from cst_notes.domain import vocabulary as V
from cst_notes.domain.dates import format_utc_millis, iso_date, utc_time
from cst_notes.domain.disclosure import PRIVATE_FIELDS, Disclosure, disclosed, withheld_note
from cst_notes.domain.intake import BirthHistory, ConditionEntry, ContraindicationEntry, Intake, TraumaEvent
from cst_notes.domain.patient import Guardian, Patient, uid_problem
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
# 6 keyed signatures (scheme 3: key_id and key_signature) and the signers' public keys ("keys");
# 7 the patient's document language (a file before 7 has none: its patients' documents are in English)
FORMAT_VERSION = 7
READABLE_VERSIONS = (1, 2, 3, 4, 5, 6, 7)
INTERNAL_FIELDS = frozenset({"id", "patient_id"})
MAX_IMPORT_PATIENTS = 1_000_000

# Fields whose values come from a vocabulary: (dataclass, field) -> vocabulary, for the schema.
_ENUMS: dict[tuple[type, str], V.Vocabulary] = {
    (Patient, "sex"): V.SEXES,
    (Patient, "document_language"): V.DOCUMENT_LANGUAGES,
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


@functools.cache
def _exported_fields(cls: type) -> tuple[tuple[str, Any], ...]:
    """A class's fields in the format, with their types: worked out once per class."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.name not in INTERNAL_FIELDS)


# --- writing ----------------------------------------------------------------------------------


def format_utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def encode(value: Any) -> Any:
    """Any domain object (or tuple of them) in the export format's JSON-ready form."""
    return _encode(value)


_AS_IS = frozenset({str, int, float, bool, type(None)})  # the values the format holds as they are


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """The names of the fields in the format of a dataclass's objects (None: not a dataclass)."""
    if kind not in _FIELD_NAMES:
        names = tuple(n for n, _ in _exported_fields(kind)) if dataclasses.is_dataclass(kind) else None
        _FIELD_NAMES[kind] = names
    return _FIELD_NAMES[kind]


# Times written to the millisecond: a screening change's, which orders a patient's changes (ties
# broken by uid) on every laptop and in every file.
_MILLIS_FIELDS = frozenset({(ScreeningChange, "recorded_at")})


def _encode(value: Any) -> Any:
    kind = type(value)
    if kind in _AS_IS:
        return value
    names = _field_names(kind)  # looked up by the value's class once: an audit entry encodes a whole record
    if names is not None:
        encoded = {}
        for name in names:
            field = getattr(value, name)
            if type(field) in _AS_IS:
                encoded[name] = field
            elif (kind, name) in _MILLIS_FIELDS and isinstance(field, dt.datetime):
                encoded[name] = format_utc_millis(field)
            else:
                encoded[name] = _encode(field)
        return encoded
    if isinstance(value, tuple):
        return [v if type(v) in _AS_IS else _encode(v) for v in value]
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


WITHHELD = "withheld"  # in a patient copy: the fields left out of it, and what that means for its signatures


def copy_document(
    records: list[PatientRecord], exported_at: dt.datetime, disclosure: Disclosure, keys: K.KeyRing = K.EMPTY_KEYRING
) -> dict[str, Any]:
    """The export document of a copy handed out (the patient copy): each withheld field is absent
    from every session, and the document says which under ``withheld``. With nothing withheld it
    is the export document itself."""
    data = document([disclosed(r, disclosure) for r in records], exported_at, keys)
    if disclosure.withheld:
        for patient in data["patients"]:
            for session in patient["sessions"]:
                for name in disclosure.withheld:
                    del session[name]
        data[WITHHELD] = {"fields": disclosure.withheld_paths, "note": withheld_note(disclosure)}
    return data


def file_bytes(document: dict[str, Any]) -> bytes:
    """An export document as the bytes of its file: UTF-8 JSON, every script as itself, indented."""
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# --- reading ----------------------------------------------------------------------------------

MAX_WHOLE = 10**9  # no whole number in the format comes near; a larger one is a damaged file
MAX_SHOWN_NAME = 60
_TIMESTAMP_FIELDS = frozenset({"created_at", "updated_at"})  # text: stamped by the database when empty
_FILE_IS_NOT_JSON = "is not a JSON file"

# A field's reader: (reader, value, path) -> the value read (None and an error when bad).
_Read = Callable[["_Reader", Any, str], Any]


def parse_file(raw: bytes) -> Any:
    """The JSON value in an export file: UTF-8, with or without a byte-order mark (as Notepad
    saves it). ValidationError (field "file") when it is not JSON, nests too deeply, or holds a
    number too long to read; never another exception."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"{_FILE_IS_NOT_JSON}: byte {exc.start} is not UTF-8 text"
        raise ValidationError([FieldError("file", message)]) from None
    try:
        return json.loads(text)
    except RecursionError:
        message = "nests lists or objects too deeply to be a CST Notes export"
        raise ValidationError([FieldError("file", message)]) from None
    except json.JSONDecodeError as exc:
        raise ValidationError([FieldError("file", f"{_FILE_IS_NOT_JSON} ({exc})")]) from None
    except ValueError as exc:  # a number of more than 4300 digits (Python's limit on reading one)
        reason = str(exc).split("; use sys.")[0]
        raise ValidationError([FieldError("file", f"holds a number too long to read ({reason})")]) from None


class _Reader:
    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, path: str, message: str) -> None:
        self.errors.append(FieldError(path, message))

    def read(self, tp: Any, value: Any, path: str) -> Any:
        return _reader_for(tp)(self, value, path)

    def read_object(self, cls: Any, value: Any, path: str, extra: frozenset[str] = frozenset()) -> Any:
        if not isinstance(value, dict):
            self.fail(path, "must be an object")
            return None
        names, required, readers = _object_plan(cls)
        errors_before = len(self.errors)
        if not names.issuperset(value):
            for key in value:
                if key not in names and key not in extra:
                    self.fail(f"{path}.{_shown_key(key)}", "is not a field of this format")
        kwargs: dict[str, Any] = {}
        for name, read in readers:
            if name in value:
                field = value[name]
                # Plain ASCII text is what _read_text would return as it is, without a word to say.
                if read is _read_text and type(field) is str and field.isascii():
                    kwargs[name] = field
                else:
                    kwargs[name] = read(self, field, f"{path}.{name}")
            elif name in required:
                self.fail(f"{path}.{name}", "is missing")
        if len(self.errors) > errors_before:
            return None
        return cls(**kwargs)


def _shown_key(key: str) -> str:
    """An unknown key as it may be printed: short, and without text that is not Unicode."""
    shown = key if len(key) <= MAX_SHOWN_NAME else key[:MAX_SHOWN_NAME] + "…"
    return shown.encode("utf-8", "backslashreplace").decode("utf-8")


def _has_default(f: dataclasses.Field[Any]) -> bool:
    return f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING


@functools.cache
def _object_plan(cls: type) -> tuple[frozenset[str], frozenset[str], tuple[tuple[str, _Read], ...]]:
    """A class's field names, those required, and each field's reader: worked out once per class."""
    fields = _exported_fields(cls)
    defaults = {f.name for f in dataclasses.fields(cls) if _has_default(f)}
    names = frozenset(n for n, _ in fields)
    return names, names - defaults, tuple((n, _reader_for(tp, n)) for n, tp in fields)


@functools.cache
def _reader_for(tp: Any, name: str = "") -> _Read:
    """The reader of a value of type ``tp`` (a field called ``name``): worked out once per type."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = _reader_for(next(a for a in typing.get_args(tp) if a is not type(None)), name)
        return lambda r, v, p: None if v is None else inner(r, v, p)
    if origin is tuple:
        return _tuple_reader(_reader_for(typing.get_args(tp)[0]))
    if dataclasses.is_dataclass(tp):
        return lambda r, v, p: r.read_object(tp, v, p)
    if tp is str:
        if name == "uid":
            return _read_uid
        return _read_timestamp_text if name in _TIMESTAMP_FIELDS else _read_text
    readers: dict[Any, _Read] = {
        bool: _read_bool,
        int: _read_int,
        float: _read_float,
        dt.date: _read_date,
        dt.datetime: _read_datetime,
    }
    if tp in readers:
        return readers[tp]
    raise TypeError(f"no reader for {tp!r}")  # pragma: no cover - a programming error


def _tuple_reader(item: _Read) -> _Read:
    def read(r: _Reader, value: Any, path: str) -> Any:
        if not isinstance(value, list):
            r.fail(path, "must be a list")
            return ()
        return tuple([item(r, v, f"{path}[{n}]") for n, v in enumerate(value)])

    return read


def _read_bool(r: _Reader, value: Any, path: str) -> Any:
    if not isinstance(value, bool):
        r.fail(path, "must be true or false")
    return value


def _read_int(r: _Reader, value: Any, path: str) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        r.fail(path, "must be a whole number")
    elif not -MAX_WHOLE <= value <= MAX_WHOLE:
        r.fail(path, f"must be a whole number between {-MAX_WHOLE} and {MAX_WHOLE}")
        return None
    return value


def _read_float(r: _Reader, value: Any, path: str) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        r.fail(path, "must be a number")
        return value
    if not -MAX_WHOLE <= value <= MAX_WHOLE:  # also false for NaN; infinity is out of range
        r.fail(path, f"must be a number between {-MAX_WHOLE} and {MAX_WHOLE}")
        return None
    return float(value)


def _text(r: _Reader, value: Any, path: str) -> bool:
    """Whether ``value`` is text that can be stored: JSON can carry halves of a UTF-16 pair
    ("\\ud800") that are not Unicode text and cannot be written as UTF-8."""
    if not isinstance(value, str):
        r.fail(path, "must be text")
        return False
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            r.fail(path, f"holds a character that is not Unicode text (a lone surrogate at character {exc.start})")
            return False
    return True


def _read_text(r: _Reader, value: Any, path: str) -> Any:
    _text(r, value, path)
    return value


def _read_uid(r: _Reader, value: Any, path: str) -> Any:
    if _text(r, value, path) and (problem := uid_problem(value)):
        r.fail(path, problem)
    return value


def _read_timestamp_text(r: _Reader, value: Any, path: str) -> Any:
    if _text(r, value, path) and value and utc_time(value) is None:
        r.fail(path, "must be a UTC time written YYYY-MM-DDTHH:MM:SSZ (or with milliseconds: SS.mmmZ), or empty")
    return value


def _read_date(r: _Reader, value: Any, path: str) -> dt.date | None:
    day = iso_date(value) if isinstance(value, str) else None
    if day is None:
        r.fail(path, "must be a date written YYYY-MM-DD")
    return day


def _read_datetime(r: _Reader, value: Any, path: str) -> dt.datetime | None:
    when = utc_time(value) if isinstance(value, str) else None
    if when is None:
        r.fail(path, "must be a UTC time written YYYY-MM-DDTHH:MM:SSZ")
    return when


def read_object(cls: Any, data: Any) -> Any:
    """One object of the format (e.g. a SessionTemplate) from its JSON form; ValidationError if bad."""
    reader = _Reader()
    value = reader.read_object(cls, data, cls.__name__)
    if reader.errors:
        raise ValidationError(reader.errors)
    return value


_RECORD_PARTS = frozenset({"intake", "sessions", "follow_up_plans", "own_techniques", "screening_changes"})
_PATIENT_INDEX = re.compile(r"patients\[(\d+)\]")
PROGRESS_EVERY = 100  # patients between two calls of a progress callback


class PatientReader:
    """An export document read a patient at a time: made from its header (every top-level field but
    ``patients``, whose header errors it holds), then ``read(n, item)`` for each patient in order.
    ``errors``: every problem found so far, each inside a patient's record naming whose it is."""

    def __init__(self, header: Any) -> None:
        self._r = _Reader()
        _check_header(self._r, header)
        self._readers = (
            _reader_for(Intake | None),
            _reader_for(tuple[Session, ...]),
            _reader_for(tuple[FollowUpPlan, ...]),
            _reader_for(tuple[OwnTechnique, ...]),
            _reader_for(tuple[ScreeningChange, ...]),
        )

    @property
    def errors(self) -> list[FieldError]:
        return self._r.errors

    def read(self, n: int, item: Any) -> PatientRecord | None:
        """The ``n``-th patient's record (None when it has a problem: see ``errors``)."""
        r = self._r
        if n >= MAX_IMPORT_PATIENTS:
            r.fail("patients", f"has more than {MAX_IMPORT_PATIENTS} entries")
            raise ValidationError(r.errors)
        before = len(r.errors)
        path = f"patients[{n}]"
        patient = r.read_object(Patient, item, path, extra=_RECORD_PARTS)
        if not isinstance(item, dict):
            return None
        read_intake, read_sessions, read_plans, read_own, read_changes = self._readers
        intake = read_intake(r, item.get("intake"), f"{path}.intake")
        sessions = read_sessions(r, item.get("sessions", []), f"{path}.sessions")
        plans = read_plans(r, item.get("follow_up_plans", []), f"{path}.follow_up_plans")
        own = read_own(r, item.get("own_techniques", []), f"{path}.own_techniques")
        changes = read_changes(r, item.get("screening_changes", []), f"{path}.screening_changes")
        if len(r.errors) > before:
            name = _who_in_file(item)
            r.errors[before:] = naming_patients(r.errors[before:], lambda _: name)
            return None
        if patient is None:  # pragma: no cover - a patient that failed to read left an error
            return None
        return PatientRecord(patient, intake, sessions, plans, own, changes)


def records_from_document(data: Any, progress: Callable[[int, int], None] | None = None) -> list[PatientRecord]:
    """Parse a whole export document; raise ValidationError naming every problem found (and,
    for a problem inside a patient's record, whose record it is).

    ``progress(done, total)``: called every ``PROGRESS_EVERY`` patients and at the end."""
    if not isinstance(data, dict):
        raise ValidationError([FieldError("document", "must be a JSON object")])
    patients = data.get("patients")
    reader = PatientReader(header_of(data))
    if not isinstance(patients, list):
        reader.errors.append(FieldError("patients", "must be a list"))
        raise ValidationError(reader.errors)
    if len(patients) > MAX_IMPORT_PATIENTS:
        reader.read(len(patients), None)  # refuses the list: more entries than any import takes
    records: list[PatientRecord] = []
    for n, item in enumerate(patients):
        if progress is not None and n and n % PROGRESS_EVERY == 0:
            progress(n, len(patients))
        record = reader.read(n, item)
        if record is not None:
            records.append(record)
    if progress is not None:
        progress(len(patients), len(patients))
    if reader.errors:
        raise ValidationError(reader.errors)
    return records


class NotStreamable(Exception):
    """An export file that ``ExportStream`` does not read as it goes: not UTF-8 JSON, or not laid out
    as CST Notes writes one (its other fields first, then ``patients`` last). The caller reads it
    whole instead (``parse_file``), which names what is wrong or reads what is right."""


STREAM_READ = 1 << 20  # bytes read at a time
_SPACE = re.compile(r"[ \t\n\r]*")
_JSON = json.JSONDecoder()


class ExportStream:
    """An export file read as it goes, so that no more than a patient or so is held at a time:
    ``header()`` (every top-level field before ``patients``), then ``patients()`` yields each
    patient's JSON value. ``read(n)``: the file's next (at most) n bytes, b"" at its end.
    ``bytes_read``: how far it got. NotStreamable when the file is not as CST Notes writes it."""

    def __init__(self, read: Callable[[int], bytes]) -> None:
        self._read = read
        self._decode = codecs.getincrementaldecoder("utf-8-sig")().decode
        self._text = ""
        self._at = 0
        self._ended = False
        self.bytes_read = 0

    def _more(self) -> bool:
        """Read on (at least as much again as is held, so that a long value is read in few steps)."""
        if self._ended:
            return False
        raw = self._read(max(STREAM_READ, 2 * (len(self._text) - self._at)))
        self.bytes_read += len(raw)
        self._ended = not raw
        try:
            self._text = self._text[self._at :] + self._decode(raw, final=self._ended)
        except UnicodeDecodeError:
            raise NotStreamable from None
        self._at = 0
        return True

    def _next(self) -> str:
        """The next character that is not white space ("" at the end), not consumed."""
        while True:
            self._at = _SPACE.match(self._text, self._at).end()  # type: ignore[union-attr]  # always matches
            if self._at < len(self._text):
                return self._text[self._at]
            if not self._more():
                return ""

    def _take(self, char: str) -> None:
        if self._next() != char:
            raise NotStreamable
        self._at += 1

    def _laid_out(self) -> str | None:
        """The next value's text when it is an object laid out as CST Notes writes one (its closing brace
        on a line of its own, indented as the line of its opening one), found by that line alone and
        consumed: not read as JSON, so whoever reads it must check that it is one value
        (``patients_of_text``). None, and nothing consumed, when it is laid out otherwise."""
        at = self._at
        line = self._text.rfind("\n", 0, at)
        if line < 0 or self._text[at] != "{" or self._text[line + 1 : at].strip(" "):
            return None
        closing = self._text[line:at] + "}"
        searched = at
        while (end := self._text.find(closing, searched)) < 0:
            searched = max(at, len(self._text) - len(closing) + 1) - at  # where it may yet begin, once read on
            if not self._more():
                return None
            at = 0  # reading on keeps the text from this value's start (self._at) on
        end += len(closing)
        self._at = end
        return self._text[at:end]

    def _value(self, as_text: bool = False) -> Any:
        """The next JSON value, consumed (``as_text``: its text, found by its layout when it is laid out
        as CST Notes writes one (``_laid_out``), or else once read as JSON)."""
        if self._next() == "{" and as_text and (text := self._laid_out()) is not None:
            return text
        while True:
            try:
                value, end = _JSON.raw_decode(self._text, self._at)
            except json.JSONDecodeError:
                if self._more():
                    continue
                raise NotStreamable from None
            except (ValueError, RecursionError):  # a number too long, lists nested too deeply
                raise NotStreamable from None
            if end == len(self._text) and self._more():  # a number may go on in the next bytes
                continue
            if as_text:
                value = self._text[self._at : end]
            self._at = end
            return value

    def header(self) -> dict[str, Any]:
        self._take("{")
        header: dict[str, Any] = {}
        while True:
            if self._next() != '"':
                raise NotStreamable
            key = self._value()
            self._take(":")
            if key == "patients":
                return header
            if key in header:
                raise NotStreamable  # JSON keeps the last of two: read it whole
            header[key] = self._value()
            self._take(",")

    def patients(self, as_text: bool = False) -> Iterator[Any]:
        """Each patient's value, after ``header()``; then checks that nothing but white space follows.
        ``as_text``: each patient's JSON text instead, its value made elsewhere (``patients_of_text``)."""
        self._take("[")
        if self._next() == "]":
            self._at += 1
        else:
            while True:
                yield self._value(as_text)
                if self._next() != ",":
                    break
                self._at += 1
            self._take("]")
        self._take("}")
        if self._next() != "":
            raise NotStreamable


def patients_of_text(text: bytes, count: int) -> list[Any]:
    """The values of ``count`` patients' texts (``ExportStream.patients(as_text=True)``), given joined
    by commas into a JSON list in UTF-8. NotStreamable unless it is a list of just so many values:
    each text then was one value, whole, even where its end was found by its layout alone."""
    try:
        values = json.loads(text)
    except (ValueError, RecursionError):  # not JSON (or not UTF-8), a number too long, nested too deeply
        raise NotStreamable from None
    if not isinstance(values, list) or len(values) != count:
        raise NotStreamable
    return values


def header_of(data: dict[str, Any]) -> dict[str, Any]:
    """A document's top-level fields but its patients."""
    return {k: v for k, v in data.items() if k != "patients"}


def _check_header(r: _Reader, header: Any) -> None:
    """Check a document's top-level fields but its patients (raises when it cannot be read further)."""
    if not isinstance(header, dict):
        raise ValidationError([FieldError("document", "must be a JSON object")])
    if header.get("format") != FORMAT:
        r.fail("format", f'must be "{FORMAT}"')
    version = header.get("format_version")
    if type(version) is not int or version not in READABLE_VERSIONS:
        r.fail("format_version", f"must be one of {READABLE_VERSIONS} (the versions this CST Notes reads)")
    if WITHHELD in header:
        fields = header[WITHHELD].get("fields") if isinstance(header[WITHHELD], dict) else None
        named = ", ".join(map(str, fields)) if isinstance(fields, list) and fields else "some fields"
        r.fail(
            WITHHELD,
            f"this is a copy for the patient with {named} left out: its notes are not whole, so it cannot be "
            "imported as the practice's records. Import a full export (cst-notes export) instead",
        )
        raise ValidationError(r.errors)
    r.read(dt.datetime, header.get("exported_at"), "exported_at")
    extra = set(header) - {"format", "format_version", "exported_at", "keys"}
    for key in sorted(extra):
        r.fail(_shown_key(key), "is not a field of this format")


def who(patient: Patient) -> str:
    """A patient as errors name them: "Emma Smith, born 1980-05-01"."""
    return _who(patient.full_name, patient.birth_date)


def _who(name: Any, born: Any) -> str:
    if not isinstance(name, str) or not name.strip():
        return ""
    shown = _shown_key(" ".join(name.split()))
    if isinstance(born, dt.date):
        born = born.isoformat()
    return f"{shown}, born {born}" if isinstance(born, str) and iso_date(born) else shown


def _who_in_file(item: Any) -> str:
    return _who(item.get("full_name"), item.get("birth_date")) if isinstance(item, dict) else ""


def naming_patients(errors: Sequence[FieldError], who: Callable[[int], str]) -> list[FieldError]:
    """``errors`` with the patient named in each one inside ``patients[n]``: ``who(n)`` ('' when
    the file does not say who it is)."""
    named = []
    for e in errors:
        match = _PATIENT_INDEX.match(e.field)
        name = who(int(match.group(1))) if match else ""
        named.append(FieldError(e.field, f"{e.message} (patient in the file: {name})") if name else e)
    return named


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
            WITHHELD: {
                "description": (
                    "Only in a copy for the patient: the session fields left out of it (absent from every "
                    "session). Signed notes keep the hash of the whole note, so it cannot be checked against "
                    "such a copy, and CST Notes does not import one."
                ),
                "type": "object",
                "properties": {
                    "fields": {
                        "type": "array",
                        "items": {"enum": [f"sessions.{name}" for name in PRIVATE_FIELDS]},
                    },
                    "note": {"type": "string"},
                },
                "required": ["fields", "note"],
                "additionalProperties": False,
            },
        },
        "required": ["format", "format_version", "exported_at", "patients"],
        "additionalProperties": False,
        "$defs": defs,
    }
