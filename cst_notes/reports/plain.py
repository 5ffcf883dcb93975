"""Plain-language wording of clinical codes, for documents the patient reads.

Every explanation comes from the vocabulary's ``plain`` text; this module only adds the
grammar around it ("moderate tension, on the left").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from cst_notes.domain import vocabulary as V
from cst_notes.domain.patient import Patient
from cst_notes.domain.session import AdverseReaction, Restriction, TechniqueApplied, technique_label

SEVERITY_WORDS = {"mild": "slight tension", "moderate": "moderate tension", "severe": "marked tension"}
SIDE_WORDS = {"left": "on the left", "right": "on the right", "midline": "in the middle", "bilateral": "on both sides"}

AFTERCARE_GENERAL = (
    "Many people feel relaxed, light or a little tired after a session. Mild soreness for a day or two "
    "is common and usually settles by itself. Drink some water, and rest if you can."
)
AFTERCARE_CONTACT = "If anything worries you, or a reaction lasts more than a few days, please get in touch."


POSSESSIVES = {"female": "her", "male": "his"}  # by the patient's recorded sex; otherwise "their"
GUARDIAN_WORDS = {"other": "guardian"}  # a relation whose label does not name a guardian


def addressed_to(patient: Patient, today: dt.date) -> str:
    """Whom a minor's document is for: "For Aarav Sen, and his mother Priya Sen." ("" for an
    adult, or a minor without a recorded guardian: the page already names the patient)."""
    g = patient.minors_guardian(today)
    if g is None:
        return ""
    relation = GUARDIAN_WORDS.get(g.relation) or V.GUARDIAN_RELATIONS.label(g.relation).lower()
    whose = POSSESSIVES.get(patient.sex, "their")
    return f"For {patient.display_name}, and {whose} {relation} {g.name.strip()}."


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def region_explanation(code: str) -> str:
    """The vocabulary's plain explanation of a region, or "" if it would only repeat the name."""
    term = V.REGIONS.term(code) if code in V.REGIONS else None
    if term is None or term.plain.lower().removeprefix("the ") == term.label.lower():
        return ""  # "Knee", not "Knee — the knee"
    return term.plain


def region_name(code: str) -> str:
    """'Respiratory diaphragm — the breathing muscle under the ribs'"""
    label = V.REGIONS.label(code)
    explanation = region_explanation(code)
    return f"{label} — {explanation}" if explanation else label


def restriction_finding(r: Restriction) -> tuple[str, str]:
    """(region with its explanation, 'moderate tension, on the left')."""
    severity = SEVERITY_WORDS.get(r.severity, V.SEVERITIES.label(r.severity).lower())
    side = SIDE_WORDS.get(r.side, "")
    return region_name(r.region), f"{severity}, {side}" if side else severity


def technique_words(t: TechniqueApplied, own: Mapping[str, str] | None = None) -> str:
    """'A gentle hold at the back of the head to help the body settle'; a therapist's own
    technique (custom.*) by its name as the therapist typed it (``own``: code -> name)."""
    if t.technique in V.TECHNIQUES:
        term = V.TECHNIQUES.term(t.technique)
        return _sentence(term.plain or term.label)
    return technique_label(t.technique, own)


def reaction_words(a: AdverseReaction) -> str:
    """'Some mild soreness'"""
    term = V.NOTED_AFTER_SESSION.term(a.code) if a.code in V.NOTED_AFTER_SESSION else None
    if term is None:
        return _sentence(a.code)
    return _sentence(term.plain or term.label.lower())


def pain_words(before: int | None, after: int | None) -> str | None:
    """'6 out of 10 before the session and 4 out of 10 after it.'"""
    if before is None and after is None:
        return None
    if after is None:
        return f"{before} out of 10 before the session."
    if before is None:
        return f"{after} out of 10 after the session."
    return f"{before} out of 10 before the session and {after} out of 10 after it."
