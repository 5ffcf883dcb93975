"""Fields in words: labels from one home, codes by their labels, dates in the clinic's order."""

from __future__ import annotations

import datetime as dt

from cst_notes.domain.dates import DAY_FIRST, MONTH_FIRST, written
from cst_notes.domain.fields import field_label, value_words


def day_first(day: dt.date) -> str:
    return written(day, DAY_FIRST)


def test_labels_of_the_forms_and_words_for_the_rest() -> None:
    assert field_label("patient", "birth_date") == "Date of birth"
    assert field_label("session", "pain_before") == "Pain before"
    assert field_label("intake", "aggravating_factors") == "Made worse by"
    assert field_label("intake", "labour_hours") == "Labour hours"
    assert field_label("intake", "feeding_reflux") == "Reflux"


def test_values_in_words() -> None:
    assert value_words("patient", "sex", "unspecified") == "Prefer not to say"
    assert value_words("plan", "frequency", "fortnightly") == "Fortnightly"
    assert value_words("intake", "frequency", "twice a week") == "twice a week"  # words in an intake
    assert value_words("intake", "pregnant", False) == "No"
    assert value_words("session", "pain_after", None) == "—"
    assert value_words("patient", "birth_date", "1985-03-14", day_first) == "14/03/1985"
    assert written(dt.date(1985, 3, 14), MONTH_FIRST) == "03/14/1985"
    at = value_words("session", "started_at", "2026-05-01T10:30:00+00:00", day_first)
    local = dt.datetime(2026, 5, 1, 10, 30, tzinfo=dt.UTC).astimezone()
    assert at == f"{local:%d/%m/%Y %H:%M}"
    findings = [{"station": "heels", "side": "left", "rate": 7.5, "amplitude": "2", "palpated_by": "Ravi", "note": ""}]
    assert value_words("session", "rhythm_findings", findings) == "Heels, left, 7.5, 2 – reduced, Ravi"
    techniques = [{"technique": "cv4_still_point", "note": "3 min"}, {"technique": "custom.scar_release", "note": ""}]
    assert value_words("session", "techniques", techniques, own_techniques={"custom.scar_release": "Scar release"}) == (
        "Still point (CV-4) (3 min); Scar release"
    )
    guardian = {"name": "Rina Das", "relation": "mother", "consent_given": True, "consent_date": "2026-05-01"}
    assert value_words("patient", "guardian", guardian, day_first) == (
        "Name: Rina Das, Relation: Mother, Consent given: Yes, Consent date: 01/05/2026"
    )
    goals = [{"description": "Sleep through", "measure": "", "status": "achieved", "status_on": "2026-05-01"}]
    assert value_words("plan", "goals", goals, day_first) == "Sleep through, met, 01/05/2026"
