"""Unsaved form content, kept while typing so that a crash loses at most a few seconds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# The forms of a patient's details (not clinical): their drafts are the front desk's too.
DETAILS_FORMS = frozenset({"new_patient", "patient"})


@dataclass(frozen=True)
class Draft:
    key: str  # the form and record, e.g. "intake:patient:12"
    form: str  # e.g. "intake", "plan", "new_patient"
    patient_id: int | None
    content: dict[str, Any]  # the form's fields, JSON-ready
    saved_at: str = ""  # UTC, set when stored
