"""The intake: the first visit's history, screening and consent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cst_notes.domain import vocabulary as V
from cst_notes.domain.patient import Patient
from cst_notes.domain.signing import DRAFT, SIGNED, Addendum, signature_errors
from cst_notes.domain.validation import (
    LONG_TEXT_MAX,
    NAME_MAX,
    SHORT_TEXT_MAX,
    Checker,
    FieldError,
    age_on,
)


@dataclass(frozen=True)
class ConditionEntry:
    code: str  # CONDITIONS code
    note: str = ""


@dataclass(frozen=True)
class Medication:
    name: str
    dose: str = ""


@dataclass(frozen=True)
class Surgery:
    description: str
    surgery_date: dt.date | None = None


@dataclass(frozen=True)
class TraumaEvent:
    kind: str  # TRAUMA_KINDS code
    description: str = ""
    event_date: dt.date | None = None


@dataclass(frozen=True)
class ContraindicationEntry:
    """A contraindication found present at screening."""

    code: str  # CONTRAINDICATIONS code
    note: str = ""

    @property
    def is_absolute(self) -> bool:
        return V.CONTRAINDICATIONS.term(self.code).group == V.ABSOLUTE


@dataclass(frozen=True)
class BirthHistory:
    """Paediatric birth history; recorded for minors."""

    labour_hours: float | None = None
    induced: bool = False
    epidural: bool = False
    delivery: str = ""  # DELIVERY_MODES code, or "" if not known
    presentation: str = ""  # PRESENTATIONS code, or ""
    feeding_latch_difficulty: bool = False
    feeding_suck_swallow_difficulty: bool = False
    feeding_one_sided_preference: bool = False
    feeding_reflux: bool = False
    torticollis: bool = False
    head_asymmetry: bool = False
    note: str = ""


@dataclass(frozen=True)
class Intake:
    intake_date: dt.date
    complaint: str = ""  # in the client's own words
    goals: str = ""
    onset: str = ""
    duration: str = ""
    intensity: int | None = None  # 0-10
    frequency: str = ""
    location: str = ""
    aggravating_factors: str = ""
    relieving_factors: str = ""
    prior_treatment: str = ""
    medical_history: str = ""
    pregnant: bool = False
    pregnancy_note: str = ""
    conditions: tuple[ConditionEntry, ...] = ()
    medications: tuple[Medication, ...] = ()
    surgeries: tuple[Surgery, ...] = ()
    trauma: tuple[TraumaEvent, ...] = ()
    contraindications: tuple[ContraindicationEntry, ...] = ()
    contraindications_screened_on: dt.date | None = None
    birth_history: BirthHistory | None = None
    consent_given: bool = False
    consent_date: dt.date | None = None
    consent_given_by: str = ""
    status: str = DRAFT
    signed_at: dt.datetime | None = None
    signed_by: str = ""
    content_hash: str = ""
    signature_scheme: int = 1  # domain.signing.SCHEMES: how the signature was made (1: before schemes were kept)
    canonical_form: int = 1  # domain.canonical.FORMS: which fields the signature covers
    key_id: str = ""  # a keyed signature's (scheme 3): the signer's key, domain.keys.key_id
    key_signature: str = ""  # a keyed signature's: Ed25519 over the scheme's message, hex
    addenda: tuple[Addendum, ...] = ()
    id: int | None = None
    patient_id: int | None = None
    created_at: str = ""
    updated_at: str = ""

    @property
    def is_signed(self) -> bool:
        return self.status == SIGNED

    @property
    def absolute_contraindications(self) -> tuple[ContraindicationEntry, ...]:
        return tuple(c for c in self.contraindications if c.is_absolute)

    @property
    def relative_contraindications(self) -> tuple[ContraindicationEntry, ...]:
        return tuple(c for c in self.contraindications if not c.is_absolute)


_TEXT_FIELDS = (
    "onset",
    "duration",
    "frequency",
    "location",
)
_LONG_FIELDS = (
    "complaint",
    "goals",
    "aggravating_factors",
    "relieving_factors",
    "prior_treatment",
    "medical_history",
    "pregnancy_note",
)


def intake_errors(  # noqa: C901
    i: Intake, today: dt.date | None = None, prefix: str = "", *, minor: bool = False
) -> list[FieldError]:
    """Every rule the intake breaks; ``minor``: the patient is under 18, so a guardian must consent."""
    today = today or dt.date.today()
    c = Checker(prefix)
    c.date("intake_date", i.intake_date, required=True, not_future=True, today=today)
    for name in _TEXT_FIELDS:
        c.text(name, getattr(i, name), max_len=SHORT_TEXT_MAX)
    for name in _LONG_FIELDS:
        c.text(name, getattr(i, name), max_len=LONG_TEXT_MAX)
    c.number("intensity", i.intensity, V.PAIN_MIN, V.PAIN_MAX, integer=True)
    c.flag("pregnant", i.pregnant)
    seen: set[str] = set()
    for n, cond in enumerate(i.conditions):
        c.code(f"conditions[{n}].code", cond.code, V.CONDITIONS)
        c.text(f"conditions[{n}].note", cond.note)
        if cond.code in seen:
            c.fail(f"conditions[{n}].code", f"{cond.code!r} is listed twice")
        seen.add(cond.code)
    for n, med in enumerate(i.medications):
        c.text(f"medications[{n}].name", med.name, max_len=NAME_MAX, required=True)
        c.text(f"medications[{n}].dose", med.dose, max_len=NAME_MAX)
    for n, s in enumerate(i.surgeries):
        c.text(f"surgeries[{n}].description", s.description, required=True)
        c.date(f"surgeries[{n}].surgery_date", s.surgery_date, not_future=True, today=today)
    for n, t in enumerate(i.trauma):
        c.code(f"trauma[{n}].kind", t.kind, V.TRAUMA_KINDS)
        c.text(f"trauma[{n}].description", t.description)
        c.date(f"trauma[{n}].event_date", t.event_date, not_future=True, today=today)
    seen = set()
    for n, ci in enumerate(i.contraindications):
        c.code(f"contraindications[{n}].code", ci.code, V.CONTRAINDICATIONS)
        c.text(f"contraindications[{n}].note", ci.note)
        if ci.code in seen:
            c.fail(f"contraindications[{n}].code", f"{ci.code!r} is listed twice")
        seen.add(ci.code)
    c.date("contraindications_screened_on", i.contraindications_screened_on, not_future=True, today=today)
    if i.birth_history is not None:
        b = i.birth_history
        c.number("birth_history.labour_hours", b.labour_hours, 0, 96)
        c.code("birth_history.delivery", b.delivery, V.DELIVERY_MODES, required=False)
        c.code("birth_history.presentation", b.presentation, V.PRESENTATIONS, required=False)
        c.text("birth_history.note", b.note, max_len=LONG_TEXT_MAX)
    c.flag("consent_given", i.consent_given)
    c.date("consent_date", i.consent_date, not_future=True, today=today)
    c.text("consent_given_by", i.consent_given_by, max_len=NAME_MAX)
    if i.consent_given and i.consent_date is None:
        c.fail("consent_date", "must be given when consent is recorded")
    signature_errors(i, c)
    if minor and not i.consent_given:
        c.fail("consent_given", "a guardian's consent is required for a patient under 18")
    elif minor and isinstance(i.consent_given_by, str) and not i.consent_given_by.strip():
        c.fail("consent_given_by", "must name the guardian who gave consent")
    return c.errors


# --- pregnancy: asked only where it can apply -------------------------------------------------

# Below this age (at screening) pregnancy is not asked: puberty, and so a first period, comes at about
# 10 at the earliest in the normal range. A value recorded is shown whatever the age.
PREGNANCY_FROM_AGE = 10
PREGNANCY_CONTRAINDICATIONS = frozenset({"high_risk_pregnancy"})


def pregnancy_applies(patient: Patient, on: dt.date) -> bool:
    """Whether the pregnancy questions apply to ``patient`` on the day of screening ``on``: not for a
    client recorded as male, nor for one under PREGNANCY_FROM_AGE. A sex not recorded ("Prefer not to
    say") or recorded otherwise (female, intersex, other) keeps them asked."""
    return patient.sex != "male" and age_on(patient.birth_date, on) >= PREGNANCY_FROM_AGE


def pregnancy_recorded(intake: Intake) -> bool:
    """Anything about a pregnancy is on record in ``intake``: it is shown, whatever the rule says."""
    return (
        intake.pregnant
        or bool(intake.pregnancy_note.strip())
        or any(c.code in PREGNANCY_CONTRAINDICATIONS for c in intake.contraindications)
    )


def pregnancy_shown(patient: Patient, intake: Intake) -> bool:
    """The pregnancy questions of this intake are shown: they apply on the day of screening (the intake's
    day until it is screened), or an answer is already recorded."""
    on = intake.contraindications_screened_on or intake.intake_date
    return pregnancy_applies(patient, on) or pregnancy_recorded(intake)
