"""Plain-language wording of clinical codes, for documents the patient reads.

Every explanation comes from the vocabulary's ``plain`` text; this module only adds the
grammar around it ("moderate tension, on the left"), in the document's language (``tr``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from cst_notes.domain import vocabulary as V
from cst_notes.domain.patient import Patient
from cst_notes.domain.session import AdverseReaction, Restriction, TechniqueApplied, technique_label

from .language import ENGLISH_TRANSLATOR, N_, Translator

SEVERITY_WORDS = {"mild": N_("slight tension"), "moderate": N_("moderate tension"), "severe": N_("marked tension")}
SIDE_WORDS = {
    "left": N_("on the left"),
    "right": N_("on the right"),
    "midline": N_("in the middle"),
    "bilateral": N_("on both sides"),
}

AFTERCARE_GENERAL = N_(
    "Many people feel relaxed, light or a little tired after a session. Mild soreness for a day or two "
    "is common and usually settles by itself. Drink some water, and rest if you can."
)
AFTERCARE_CONTACT = N_("If anything worries you, or a reaction lasts more than a few days, please get in touch.")


def addressed_to(patient: Patient, today: dt.date, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """Whom a minor's document is for: "For Aarav Sen, and his mother Priya Sen." ("" for an
    adult, or a minor without a recorded guardian: the page already names the patient). The
    possessive follows the patient's recorded sex ("her", "his"; otherwise "their")."""
    g = patient.minors_guardian(today)
    if g is None:
        return ""
    relation = tr.gettext("guardian") if g.relation == "other" else tr.term(V.GUARDIAN_RELATIONS.label(g.relation))
    if tr.english:
        relation = relation.lower()
    if patient.sex == "female":
        text = tr.gettext("For {patient}, and her {relation} {guardian}.")
    elif patient.sex == "male":
        text = tr.gettext("For {patient}, and his {relation} {guardian}.")
    else:
        text = tr.gettext("For {patient}, and their {relation} {guardian}.")
    return text.format(patient=patient.display_name, relation=relation, guardian=g.name.strip())


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def region_explanation(code: str, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """The vocabulary's plain explanation of a region, or "" if it would only repeat the name."""
    term = V.REGIONS.term(code) if code in V.REGIONS else None
    if term is None or term.plain.lower().removeprefix("the ") == term.label.lower():
        return ""  # "Knee", not "Knee — the knee"
    explanation = tr.term(term.plain)
    return "" if explanation == tr.term(term.label) else explanation  # "পেট", not "পেট — পেট"


def region_label(code: str, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    return tr.term(V.REGIONS.label(code)) if code in V.REGIONS else code


def region_name(code: str, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """'Respiratory diaphragm — the breathing muscle under the ribs'"""
    label = region_label(code, tr)
    explanation = region_explanation(code, tr)
    return f"{label} — {explanation}" if explanation else label


def severity_words(severity: str, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """'moderate tension' (not the chart's "Moderate")."""
    words = SEVERITY_WORDS.get(severity)
    return tr.gettext(words) if words else V.SEVERITIES.label(severity).lower()


def side_words(side: str, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """'on both sides' (not the chart's "Bilateral"); "" for an unknown side."""
    words = SIDE_WORDS.get(side)
    return tr.gettext(words) if words else ""


def restriction_finding(r: Restriction, tr: Translator = ENGLISH_TRANSLATOR) -> tuple[str, str]:
    """(region with its explanation, 'moderate tension, on the left')."""
    severity, side = severity_words(r.severity, tr), side_words(r.side, tr)
    return region_name(r.region, tr), f"{severity}, {side}" if side else severity


def technique_words(
    t: TechniqueApplied, own: Mapping[str, str] | None = None, tr: Translator = ENGLISH_TRANSLATOR
) -> str:
    """'A gentle hold at the back of the head to help the body settle'; a therapist's own
    technique (custom.*) by its name as the therapist typed it (``own``: code -> name)."""
    if t.technique in V.TECHNIQUES:
        term = V.TECHNIQUES.term(t.technique)
        return _sentence(tr.term(term.plain) if term.plain else term.label)
    return technique_label(t.technique, own)


def reaction_words(a: AdverseReaction, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """'Some mild soreness'"""
    term = V.NOTED_AFTER_SESSION.term(a.code) if a.code in V.NOTED_AFTER_SESSION else None
    if term is None:
        return _sentence(a.code)
    return _sentence(tr.term(term.plain) if term.plain else term.label.lower())


def pain_words(before: int | None, after: int | None, tr: Translator = ENGLISH_TRANSLATOR) -> str | None:
    """'Your pain was 6 out of 10 before the session and 4 out of 10 after it.'"""
    if before is None and after is None:
        return None
    if after is None:
        return tr.gettext("Your pain was {before} out of 10 before the session.").format(before=tr.count(before or 0))
    if before is None:
        return tr.gettext("Your pain was {after} out of 10 after the session.").format(after=tr.count(after))
    text = tr.gettext("Your pain was {before} out of 10 before the session and {after} out of 10 after it.")
    return text.format(before=tr.count(before), after=tr.count(after))
