"""What was noted after a session: adverse reactions, and responses that are not adverse (an
emotional release); a session stored before they were told apart still loads and shows right."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget
from pytestqt.qtbot import QtBot

from cst_notes.domain.session import AdverseReaction, Session
from cst_notes.services import Services
from cst_notes.ui.widgets.checklist import CodeChecklist
from tests.ui.conftest import SUMITA
from tests.ui.session.test_session_editor import local, open_editor


def _row(checklist: CodeChecklist, widget: QWidget) -> int:
    layout = checklist.layout()
    assert isinstance(layout, QGridLayout)
    position: tuple[int, int, int, int] = layout.getItemPosition(layout.indexOf(widget))  # type: ignore[assignment]
    return position[0]


def _headings(checklist: CodeChecklist) -> dict[str, int]:
    return {label.text(): _row(checklist, label) for label in checklist.findChildren(QLabel) if label.text()}


def test_emotional_release_is_shown_as_a_response_and_an_old_record_keeps_it(
    qtbot: QtBot, services: Services, clinic: dict[str, int]
) -> None:
    pid = clinic[SUMITA]
    old = Session(
        local(3, 10).astimezone(dt.UTC),
        therapist="Ravi",
        consent_renewed=True,
        adverse_reactions=(AdverseReaction("headache"), AdverseReaction("emotional_release", "tears at the end")),
    )
    session_id = services.add_session(pid, old).session_id
    editor = open_editor(qtbot, services, pid, session_id)
    reactions = editor.soap.reactions
    headings = _headings(reactions)
    assert set(headings) == {"Adverse reactions", "Responses (not adverse)"}
    adverse, responses = headings["Adverse reactions"], headings["Responses (not adverse)"]
    assert adverse < _row(reactions, reactions.boxes["headache"]) < responses
    assert _row(reactions, reactions.boxes["emotional_release"]) > responses
    assert reactions.boxes["emotional_release"].isChecked()
    assert reactions.notes["emotional_release"].text() == "tears at the end"
    assert editor.save()
    assert services.session(session_id).adverse_reactions == old.adverse_reactions
