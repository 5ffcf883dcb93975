"""A patient (client) and, for a minor, the guardian who consents for them."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field

from cst_notes.domain import vocabulary as V
from cst_notes.domain.validation import (
    ADDRESS_MAX,
    EARLIEST_BIRTH_DATE,
    NAME_MAX,
    Checker,
    FieldError,
    age_on,
)

_UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
UID_EXAMPLE = "6f1c2a3b-0000-4000-8000-000000000001"


def new_uid() -> str:
    """A patient's or a session's identity for good: a random UUID in its usual lowercase text."""
    return str(uuid.uuid4())


def uid_problem(value: str) -> str:
    """Why ``value`` is not a uid as ``new_uid`` makes them ('' when it is one)."""
    if not value:
        return "must not be empty"
    if len(value) != len(UID_EXAMPLE) or not value.isascii() or _UID.fullmatch(value) is None:
        shown = repr(value[:40]) + ("…" if len(value) > 40 else "")
        how = f"36 characters of 0-9, a-f and dashes, such as {UID_EXAMPLE}"
        return f"must be a uid as CST Notes makes them ({how}; got {shown})"
    return ""


@dataclass(frozen=True)
class Guardian:
    name: str
    relation: str  # GUARDIAN_RELATIONS code
    phone: str = ""
    consent_given: bool = False
    consent_date: dt.date | None = None


@dataclass(frozen=True)
class Patient:
    full_name: str
    birth_date: dt.date
    sex: str = "unspecified"  # SEXES code
    preferred_name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    emergency_contact_name: str = ""
    emergency_contact_phone: str = ""
    guardian: Guardian | None = None
    document_language: str = V.DEFAULT_DOCUMENT_LANGUAGE  # DOCUMENT_LANGUAGES code: the patient's documents
    id: int | None = None
    uid: str = field(default_factory=new_uid)
    created_at: str = ""
    updated_at: str = ""

    def age(self, today: dt.date | None = None) -> int:
        return age_on(self.birth_date, today or dt.date.today())

    def is_minor(self, today: dt.date | None = None) -> bool:
        return self.age(today) < V.ADULT_AGE

    def minors_guardian(self, today: dt.date | None = None) -> Guardian | None:
        """The guardian who speaks for the patient on ``today``: recorded, and the patient a minor
        that day (an adult's guardian, kept from childhood, no longer does). The chart and every
        patient document address them as well as the child."""
        return self.guardian if self.guardian is not None and self.is_minor(today) else None

    @property
    def display_name(self) -> str:
        if self.preferred_name and self.preferred_name != self.full_name:
            return f"{self.full_name} ({self.preferred_name})"
        return self.full_name


def patient_errors(p: Patient, today: dt.date | None = None, prefix: str = "") -> list[FieldError]:
    today = today or dt.date.today()
    c = Checker(prefix)
    c.text("full_name", p.full_name, max_len=NAME_MAX, required=True)
    c.text("preferred_name", p.preferred_name, max_len=NAME_MAX)
    c.date("birth_date", p.birth_date, required=True, not_future=True, earliest=EARLIEST_BIRTH_DATE, today=today)
    c.code("sex", p.sex, V.SEXES)
    c.code("document_language", p.document_language, V.DOCUMENT_LANGUAGES)
    for name in ("phone", "email", "emergency_contact_name", "emergency_contact_phone"):
        c.text(name, getattr(p, name), max_len=NAME_MAX)
    c.text("address", p.address, max_len=ADDRESS_MAX)
    if isinstance(p.email, str) and p.email.strip() and "@" not in p.email:
        c.fail("email", "is not an e-mail address (it has no @)")
    g = p.guardian
    birth_ok = isinstance(p.birth_date, dt.date) and not any(e.field == c.at("birth_date") for e in c.errors)
    if g is None:
        if birth_ok and p.is_minor(today):
            c.fail("guardian", "is required for a patient under 18")
    else:
        c.text("guardian.name", g.name, max_len=NAME_MAX, required=True)
        c.code("guardian.relation", g.relation, V.GUARDIAN_RELATIONS)
        c.text("guardian.phone", g.phone, max_len=NAME_MAX)
        c.flag("guardian.consent_given", g.consent_given)
        c.date("guardian.consent_date", g.consent_date, not_future=True, today=today)
        if g.consent_given and g.consent_date is None:
            c.fail("guardian.consent_date", "must be given when consent is recorded")
    return c.errors
