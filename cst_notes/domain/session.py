"""A treatment session: SOAP note, rhythm findings, restrictions, techniques, outcomes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from cst_notes.domain import vocabulary as V
from cst_notes.domain.canonical import SALT_BYTES, private_notes_digest
from cst_notes.domain.patient import new_uid
from cst_notes.domain.signing import DRAFT as DRAFT  # re-exported: the session's statuses
from cst_notes.domain.signing import SIGNED as SIGNED
from cst_notes.domain.signing import Addendum, signature_errors
from cst_notes.domain.validation import (
    LONG_TEXT_MAX,
    NAME_MAX,
    SHORT_TEXT_MAX,
    Checker,
    FieldError,
)

MAX_DURATION_MINUTES = 480
DEFAULT_DURATION_MINUTES = 60


@dataclass(frozen=True)
class RhythmFinding:
    """The craniosacral rhythm as palpated at one listening station (SQUAR)."""

    station: str  # STATIONS code
    side: str = "both"  # STATION_SIDES code
    rate: float | None = None  # cycles per minute
    amplitude: int | None = None  # AMPLITUDE_MIN..AMPLITUDE_MAX
    symmetry: str = ""  # SYMMETRIES code or ""
    quality: str = ""  # QUALITIES code or ""
    restricted_phase: str = ""  # RESTRICTED_PHASES code or ""
    palpated_by: str = ""
    note: str = ""

    @property
    def rate_is_unusual(self) -> bool:
        return self.rate is not None and not V.RATE_USUAL_MIN <= self.rate <= V.RATE_USUAL_MAX


@dataclass(frozen=True)
class SessionEvent:
    """A still point or significance-detector moment during the session."""

    kind: str  # SESSION_EVENT_KINDS code
    minute: int  # minutes after the session started
    duration_seconds: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Restriction:
    region: str  # REGIONS code
    side: str  # RESTRICTION_SIDES code
    severity: str  # SEVERITIES code
    note: str = ""


@dataclass(frozen=True)
class TechniqueApplied:
    technique: str  # TECHNIQUES code, or CUSTOM_TECHNIQUE_PREFIX + slug
    note: str = ""


@dataclass(frozen=True)
class OwnTechnique:
    """A technique of the therapist's own, with its name exactly as the therapist typed it."""

    code: str  # CUSTOM_TECHNIQUE_PREFIX + slug
    label: str


def own_technique_code(label: str) -> str:
    """The code of a technique of the therapist's own named ``label``: its letters and digits, the
    vowel signs and accents with them (ক্রিয়া and ক্রেয়া are two names), the rest as "_"; '' if
    there is none. Names that differ only in case, spaces or punctuation give the same code."""
    kept = "".join(c if unicodedata.category(c)[0] in "LNM" else " " for c in label.casefold())
    slug = "_".join(kept.split())
    return V.CUSTOM_TECHNIQUE_PREFIX + slug if slug else ""


def label_from_code(code: str) -> str:
    """Words read back from an own technique's code (custom.jaw_balance -> Jaw balance): only for a
    file from before the names were kept, which names the code and nothing else."""
    return code.removeprefix(V.CUSTOM_TECHNIQUE_PREFIX).replace("_", " ").strip().capitalize() or code


def technique_label(code: str, own: Mapping[str, str] | None = None) -> str:
    """The one name of a technique: the vocabulary's label, or the therapist's own name for theirs
    ('TMJ/jaw balancing (Upledger)', as typed), never rebuilt from the code when the name is known."""
    if code in V.TECHNIQUES:
        return V.TECHNIQUES.label(code)
    return (own or {}).get(code) or label_from_code(code)


@dataclass(frozen=True)
class AdverseReaction:
    code: str  # NOTED_AFTER_SESSION code: an adverse reaction or a response (emotional release)
    note: str = ""


@dataclass(frozen=True)
class Session:
    started_at: dt.datetime  # timezone-aware; stored as UTC
    duration_minutes: int = DEFAULT_DURATION_MINUTES
    therapist: str = ""
    consent_renewed: bool = False
    subjective: str = ""
    objective: str = ""
    assessment: str = ""
    plan: str = ""
    pain_before: int | None = None
    pain_after: int | None = None
    response: str = ""
    private_notes: str = ""
    contraindication_override_reason: str = ""
    headache_days: int | None = None  # since the last visit
    sleep_quality: int | None = None  # 0-10
    stress_level: int | None = None  # 0-10
    global_impression: int | None = None  # 1-7, GLOBAL_IMPRESSIONS
    rhythm_findings: tuple[RhythmFinding, ...] = ()
    events: tuple[SessionEvent, ...] = ()
    restrictions: tuple[Restriction, ...] = ()
    techniques: tuple[TechniqueApplied, ...] = ()
    adverse_reactions: tuple[AdverseReaction, ...] = ()
    status: str = DRAFT
    signed_at: dt.datetime | None = None
    signed_by: str = ""
    content_hash: str = ""
    signature_scheme: int = 1  # domain.signing.SCHEMES: how the signature was made (1: before schemes were kept)
    canonical_form: int = 1  # domain.canonical.FORMS: which fields the signature covers
    key_id: str = ""  # a keyed signature's (scheme 3): the signer's key, domain.keys.key_id
    key_signature: str = ""  # a keyed signature's: Ed25519 over the scheme's message, hex
    # Form 2 signatures (domain.canonical): the salt of the private notes' digest (hex; with the text,
    # their author's only) and the digest, which the signature covers in place of the text.
    private_notes_salt: str = ""
    private_notes_sha256: str = ""
    addenda: tuple[Addendum, ...] = ()
    id: int | None = None
    patient_id: int | None = None
    uid: str = field(default_factory=new_uid)
    created_at: str = ""
    updated_at: str = ""

    @property
    def is_signed(self) -> bool:
        return self.status == SIGNED


# A session's private notes and what reads them (the salt of their digest, domain.canonical): their
# author's only; withheld from everyone else together.
PRIVATE_NOTES_FIELDS = ("private_notes", "private_notes_salt")


def without_private_notes(session: Session) -> Session:
    """``session`` as someone other than its private notes' author holds it: the text and its salt
    left out (the digest a form 2 signature covers stays, so the signature still verifies)."""
    return dataclasses.replace(session, private_notes="", private_notes_salt="")


def state_without_private_notes(state: object) -> object:
    """A session as the audit log keeps it (a dict), less its private notes and their salt."""
    if not isinstance(state, dict) or not any(state.get(name) for name in PRIVATE_NOTES_FIELDS):
        return state
    return {**state, **dict.fromkeys(PRIVATE_NOTES_FIELDS, "")}


def sealed_private_notes(session: Session, salt: str) -> Session:
    """``session`` ready to be signed under form 2: its private notes' digest made with ``salt``
    (hex); a session without private notes has neither."""
    if not session.private_notes:
        return dataclasses.replace(session, private_notes_salt="", private_notes_sha256="")
    digest = private_notes_digest(salt, session.private_notes)
    return dataclasses.replace(session, private_notes_salt=salt, private_notes_sha256=digest)


def _is_hex(value: object, length: int) -> bool:
    return isinstance(value, str) and len(value) == length and all(ch in "0123456789abcdef" for ch in value)


def _is_known_technique(code: str, custom_codes: frozenset[str] | None) -> bool:
    if code in V.TECHNIQUES:
        return True
    if not code.startswith(V.CUSTOM_TECHNIQUE_PREFIX) or len(code) <= len(V.CUSTOM_TECHNIQUE_PREFIX):
        return False
    return custom_codes is None or code in custom_codes


def session_errors(  # noqa: C901
    s: Session,
    *,
    now: dt.datetime | None = None,
    custom_techniques: frozenset[str] | None = None,
    prefix: str = "",
) -> list[FieldError]:
    c = Checker(prefix)
    now = now or dt.datetime.now(dt.UTC)
    if not isinstance(s.started_at, dt.datetime) or s.started_at.tzinfo is None:
        c.fail("started_at", "must be a date and time with a time zone")
    elif s.started_at > now + dt.timedelta(days=366):
        c.fail("started_at", "is more than a year in the future")
    elif s.started_at.year < 1900:
        c.fail("started_at", "cannot be before 1900")
    c.number("duration_minutes", s.duration_minutes, 1, MAX_DURATION_MINUTES, integer=True, required=True)
    c.text("therapist", s.therapist, max_len=NAME_MAX)
    c.flag("consent_renewed", s.consent_renewed)
    for name in ("subjective", "objective", "assessment", "plan", "response", "private_notes"):
        c.text(name, getattr(s, name), max_len=LONG_TEXT_MAX)
    c.text("contraindication_override_reason", s.contraindication_override_reason, max_len=SHORT_TEXT_MAX)
    for name in ("pain_before", "pain_after", "sleep_quality", "stress_level"):
        c.number(name, getattr(s, name), V.PAIN_MIN, V.PAIN_MAX, integer=True)
    c.number("headache_days", s.headache_days, 0, 366, integer=True)
    c.number("global_impression", s.global_impression, 1, 7, integer=True)
    signature_errors(s, c)
    if s.private_notes_salt and not _is_hex(s.private_notes_salt, 2 * SALT_BYTES):
        c.fail("private_notes_salt", f"must be {2 * SALT_BYTES} hexadecimal digits or empty")
    if s.private_notes_sha256 and not _is_hex(s.private_notes_sha256, 64):
        c.fail("private_notes_sha256", "must be 64 hexadecimal digits (a SHA-256) or empty")
    seen_cells: set[tuple[str, str]] = set()
    for n, f in enumerate(s.rhythm_findings):
        at = f"rhythm_findings[{n}]"
        c.code(f"{at}.station", f.station, V.STATIONS)
        c.code(f"{at}.side", f.side, V.STATION_SIDES)
        c.number(f"{at}.rate", f.rate, V.RATE_ACCEPT_MIN, V.RATE_ACCEPT_MAX)
        c.number(f"{at}.amplitude", f.amplitude, V.AMPLITUDE_MIN, V.AMPLITUDE_MAX, integer=True)
        c.code(f"{at}.symmetry", f.symmetry, V.SYMMETRIES, required=False)
        c.code(f"{at}.quality", f.quality, V.QUALITIES, required=False)
        c.code(f"{at}.restricted_phase", f.restricted_phase, V.RESTRICTED_PHASES, required=False)
        c.text(f"{at}.palpated_by", f.palpated_by, max_len=NAME_MAX)
        c.text(f"{at}.note", f.note)
        cell = (f.station, f.side)
        if cell in seen_cells:
            c.fail(f"{at}.station", f"{f.station} ({f.side}) is recorded twice")
        seen_cells.add(cell)
    for n, e in enumerate(s.events):
        at = f"events[{n}]"
        c.code(f"{at}.kind", e.kind, V.SESSION_EVENT_KINDS)
        c.number(f"{at}.minute", e.minute, 0, MAX_DURATION_MINUTES, integer=True, required=True)
        c.number(f"{at}.duration_seconds", e.duration_seconds, 0, 3600, integer=True)
        c.text(f"{at}.note", e.note)
    for n, r in enumerate(s.restrictions):
        at = f"restrictions[{n}]"
        c.code(f"{at}.region", r.region, V.REGIONS)
        c.code(f"{at}.side", r.side, V.RESTRICTION_SIDES)
        c.code(f"{at}.severity", r.severity, V.SEVERITIES)
        c.text(f"{at}.note", r.note)
    for n, t in enumerate(s.techniques):
        at = f"techniques[{n}]"
        if not isinstance(t.technique, str) or not _is_known_technique(t.technique, custom_techniques):
            c.fail(f"{at}.technique", f"{t.technique!r} is not a known technique code")
        c.text(f"{at}.note", t.note)
    for n, a in enumerate(s.adverse_reactions):
        c.code(f"adverse_reactions[{n}].code", a.code, V.NOTED_AFTER_SESSION)
        c.text(f"adverse_reactions[{n}].note", a.note)
    return c.errors


def unusual_rate_warnings(s: Session) -> list[str]:
    """Rates accepted but outside the usual range: shown as warnings, never refused."""
    return [
        f"{V.STATIONS.label(f.station)} ({V.STATION_SIDES.label(f.side).lower()}): "
        f"{f.rate:g} cycles/min is outside the usual {V.RATE_USUAL_MIN:g}–{V.RATE_USUAL_MAX:g}"
        for f in s.rhythm_findings
        if f.rate_is_unusual and f.rate is not None
    ]
