"""Drafts of unsaved forms survive the app closing and are offered back."""

from __future__ import annotations

from pathlib import Path

from cst_notes.domain.draft import Draft
from cst_notes.services import Services


def test_a_draft_survives_reopening_and_can_be_discarded(db_path: Path) -> None:
    services = Services.open(db_path)
    services.save_draft(Draft("new_patient", "new_patient", None, {"full_name": "অমিত"}))
    services.save_draft(Draft("new_patient", "new_patient", None, {"full_name": "অমিত রায়"}))
    services.close()
    services = Services.open(db_path)
    [draft] = services.drafts()
    assert draft.content == {"full_name": "অমিত রায়"}
    assert draft.saved_at.endswith("Z")
    assert services.draft("new_patient") == draft
    services.discard_draft("new_patient")
    assert services.drafts() == []
    assert services.draft("new_patient") is None
    services.close()
