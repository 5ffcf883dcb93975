"""The fields of each record in words: their labels, the vocabulary that names a coded value, and a
stored value (as the audit log keeps it, JSON-ready) told in plain words.

One home for what the history of changes calls a field, so that it never shows a database name.
Labels follow the forms' own (without their keyboard accelerators).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from cst_notes.domain import vocabulary as V
from cst_notes.domain.signing import DRAFT, SIGNED

# Fields that are bookkeeping, not something a person entered: left out of a record told in words.
BOOKKEEPING_FIELDS = frozenset(
    {"id", "uid", "patient_id", "created_at", "updated_at", "content_hash", "status", "addenda", "logo_png"}
)
_ITEM_BOOKKEEPING = frozenset({"id", "uid", "patient_id", "created_at", "updated_at"})

_PEOPLE = {
    "full_name": "Full name",
    "preferred_name": "Preferred name",
    "birth_date": "Date of birth",
    "sex": "Sex / gender",
    "phone": "Phone",
    "email": "E-mail",
    "address": "Address",
    "emergency_contact_name": "Emergency contact",
    "emergency_contact_phone": "Emergency phone",
    "guardian": "Parent or guardian",
    "document_language": "Documents in",
}
_SIGNATURE = {"signed_at": "Signed at", "signed_by": "Signed by", "status": "Status", "content_hash": "Fingerprint"}
FIELD_LABELS: dict[str, dict[str, str]] = {
    "patient": _PEOPLE,
    "intake": {
        "intake_date": "Intake date",
        "complaint": "Complaint",
        "goals": "Goals",
        "onset": "Onset",
        "duration": "Duration",
        "intensity": "Intensity",
        "frequency": "Frequency",
        "location": "Location",
        "aggravating_factors": "Made worse by",
        "relieving_factors": "Eased by",
        "prior_treatment": "Treatment so far",
        "medical_history": "Medical history",
        "pregnant": "Pregnant",
        "pregnancy_note": "Pregnancy note",
        "conditions": "Conditions",
        "medications": "Current medications",
        "surgeries": "Surgeries",
        "trauma": "Trauma",
        "contraindications": "Contraindications",
        "contraindications_screened_on": "Screened on",
        "birth_history": "Birth history",
        "consent_given": "Consent given",
        "consent_date": "Consent date",
        "consent_given_by": "Consent given by",
        **_SIGNATURE,
    },
    "session": {
        "started_at": "Date and time",
        "duration_minutes": "Duration (minutes)",
        "therapist": "Therapist",
        "consent_renewed": "Consent renewed",
        "subjective": "Subjective",
        "objective": "Objective",
        "assessment": "Assessment",
        "plan": "Plan",
        "response": "Client's response",
        "private_notes": "Private notes",
        "contraindication_override_reason": "Reason to treat",
        **{t.code: t.label for t in V.OUTCOME_MEASURES},
        "rhythm_findings": "Craniosacral rhythm",
        "events": "Events",
        "restrictions": "Areas of restriction",
        "techniques": "Techniques applied",
        "adverse_reactions": "Reactions noted",
        **_SIGNATURE,
    },
    "plan": {
        "created_on": "Plan of",
        "frequency": "Frequency",
        "frequency_note": "Frequency note",
        "estimated_sessions": "Estimated sessions",
        "next_appointment": "Next appointment",
        "review_date": "Review date",
        "home_care": "Home care",
        "goals": "Goals",
        "referrals": "Referrals",
        "superseded_on": "Replaced on",
        "closed_on": "Closed on",
        "closed_reason": "Reason for closing",
        "closing_note": "Closing note",
    },
    "settings": {
        "clinic_name": "Clinic name",
        "address": "Address",
        "phone": "Phone",
        "email": "E-mail",
        "therapist_name": "Therapist's name",
        "credentials": "Credentials",
        "memberships": "Memberships",
        "footer_text": "Footer text",
        "page_size": "Page size",
        "logo_png": "Logo",
        "retention_years": "Keep records for (years)",
        "date_order": "Date order",
        "idle_lock_minutes": "Lock the screen after (minutes)",
    },
}

# The vocabulary that names a field's code, by the record it belongs to (a list's items by the list).
_VALUE_VOCABULARIES: dict[str, V.Vocabulary] = {
    "sex": V.SEXES,
    "document_language": V.DOCUMENT_LANGUAGES,
    "relation": V.GUARDIAN_RELATIONS,
    "global_impression": V.GLOBAL_IMPRESSIONS,
    "frequency": V.FREQUENCIES,
    "closed_reason": V.CLOSING_REASONS,
    "page_size": V.PAGE_SIZES,
    "date_order": V.DATE_ORDERS,
    "delivery": V.DELIVERY_MODES,
    "presentation": V.PRESENTATIONS,
    "status": V.Vocabulary("note status", [V.Term(DRAFT, "Draft"), V.Term(SIGNED, "Signed")]),
}
_ITEM_VOCABULARIES: dict[str, dict[str, V.Vocabulary]] = {
    "restrictions": {"region": V.REGIONS, "side": V.RESTRICTION_SIDES, "severity": V.SEVERITIES},
    "rhythm_findings": {
        "station": V.STATIONS,
        "side": V.STATION_SIDES,
        "amplitude": V.AMPLITUDES,
        "symmetry": V.SYMMETRIES,
        "quality": V.QUALITIES,
        "restricted_phase": V.RESTRICTED_PHASES,
    },
    "events": {"kind": V.SESSION_EVENT_KINDS},
    "techniques": {"technique": V.TECHNIQUES},
    "adverse_reactions": {"code": V.NOTED_AFTER_SESSION},
    "conditions": {"code": V.CONDITIONS},
    "contraindications": {"code": V.CONTRAINDICATIONS},
    "trauma": {"kind": V.TRAUMA_KINDS},
    "goals": {"status": V.GOAL_STATUSES},
    "referrals": {"target": V.REFERRAL_TARGETS},
}
_INTAKE_TEXT_FIELDS = frozenset({"goals", "frequency", "duration"})  # words there, codes in a plan
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
NOT_RECORDED = "—"


def field_label(entity: str, name: str) -> str:
    """The field's label ("Date of birth"); a field no form names reads as words ("Labour hours")."""
    label = FIELD_LABELS.get(entity, {}).get(name)
    if label is None:
        label = _PEOPLE.get(name) or V.BIRTH_HISTORY_FINDINGS.label(name).replace("_", " ")
    return label[:1].upper() + label[1:] if label else name


def value_words(
    entity: str,
    name: str,
    value: Any,
    date_text: Callable[[dt.date], str] = dt.date.isoformat,
    own_techniques: Mapping[str, str] | None = None,
) -> str:
    """A stored value of the field in plain words: a code by its label, a date as ``date_text`` writes it,
    Yes/No, a list item by item ("Temporal bone, left, mild (after the fall); …"), nothing as "—"."""
    if name == "logo_png" and isinstance(value, str):  # in base64, as the clinic server holds it
        return f"A logo of {max(1, round(len(value) * 3 / 4 / 1024))} KB"
    vocabulary = None if entity == "intake" and name in _INTAKE_TEXT_FIELDS else _VALUE_VOCABULARIES.get(name)
    items = _ITEM_VOCABULARIES.get(name, {}) if not (entity == "intake" and name == "goals") else {}
    return _words(value, vocabulary, items, date_text, own_techniques or {})


def _words(
    value: Any,
    vocabulary: V.Vocabulary | None,
    items: Mapping[str, V.Vocabulary],
    date_text: Callable[[dt.date], str],
    own: Mapping[str, str],
) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return NOT_RECORDED
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if vocabulary is not None and str(value) in vocabulary:
        return vocabulary.label(str(value))
    if isinstance(value, list):
        return "; ".join(_words(item, None, items, date_text, own) for item in value)
    if isinstance(value, dict):
        return _item(value, items, date_text, own)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return _text(value, date_text)
    return str(value)


def _text(value: str, date_text: Callable[[dt.date], str]) -> str:
    try:
        if _ISO_TIME.fullmatch(value[:16]) and len(value) > 10:
            moment = dt.datetime.fromisoformat(value)
            local = moment.astimezone() if moment.tzinfo else moment
            return f"{date_text(local.date())} {local:%H:%M}"
        if _ISO_DATE.fullmatch(value):
            return date_text(dt.date.fromisoformat(value))
    except ValueError:
        pass
    return value


def _item(
    value: Mapping[str, Any],
    items: Mapping[str, V.Vocabulary],
    date_text: Callable[[dt.date], str],
    own: Mapping[str, str],
) -> str:
    """One entry of a list ("Temporal bone, left, mild (after the fall)"); a record within a record
    (the guardian, the birth history) by its fields ("Name: Rina Das, Relation: Mother")."""
    if not items:
        parts = [
            f"{field_label('', k)}: {_words(v, _VALUE_VOCABULARIES.get(k), {}, date_text, own)}"
            for k, v in value.items()
            if k not in _ITEM_BOOKKEEPING and v not in (None, "", [], {}, False)
        ]
        return ", ".join(parts) or NOT_RECORDED
    words: list[str] = []
    note = ""
    for key, v in value.items():
        if key in _ITEM_BOOKKEEPING or v in (None, "", [], {}):
            continue
        if key == "note":
            note = str(v)
            continue
        if key == "technique" and isinstance(v, str) and v not in V.TECHNIQUES:
            words.append(own.get(v, v.removeprefix(V.CUSTOM_TECHNIQUE_PREFIX).replace("_", " ")))
            continue
        vocabulary = items.get(key)
        shown = _words(v, vocabulary, {}, date_text, own)
        first = not words
        words.append(shown if first or vocabulary is None else shown[:1].lower() + shown[1:])
    text = ", ".join(words) or NOT_RECORDED
    return f"{text} ({note})" if note else text
