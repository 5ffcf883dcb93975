"""Faster charting in the session editor: start from the last session, and saved templates."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from cst_notes.domain import vocabulary as V
from cst_notes.domain.session import AdverseReaction, Restriction, RhythmFinding, Session, TechniqueApplied
from cst_notes.services import Services
from cst_notes.ui.session import templates
from cst_notes.ui.session.actions import NOT_COPIED
from cst_notes.ui.session.editor import SessionEditor
from cst_notes.ui.session.templates import SaveTemplateDialog
from tests.ui.conftest import JOHN, SUMITA
from tests.ui.session.test_session_editor import click, local, open_editor, press, tick

FINDINGS = (
    RhythmFinding("heels", "both", 7.5, 2, "symmetric", "normal", "none", "Ravi"),
    RhythmFinding("occiput", "left", 9.0, 3, "restricted_left", "weak", "extension", "Ravi", "stuck"),
)
RESTRICTIONS = (
    Restriction("cranial.temporal", "left", "severe", "TMJ"),
    Restriction("spine.sacrum", "midline", "mild"),
)
TECHNIQUES = (TechniqueApplied("cv4_still_point", "5 min"), TechniqueApplied("arcing"))


T = TypeVar("T", RhythmFinding, Restriction, TechniqueApplied)


def without_notes(items: tuple[T, ...]) -> tuple[T, ...]:
    return tuple(replace(item, note="") for item in items)


@pytest.fixture
def last_session(services: Services, clinic: dict[str, int]) -> Session:
    """Sumita's earlier session: findings, restrictions and techniques, and things never copied."""
    previous = Session(
        local(7, 9).astimezone(dt.UTC),
        duration_minutes=90,
        therapist="Ravi",
        consent_renewed=True,
        subjective="আগের সপ্তাহের নোট",
        pain_before=8,
        pain_after=5,
        private_notes="private",
        rhythm_findings=FINDINGS,
        restrictions=RESTRICTIONS,
        techniques=TECHNIQUES,
        adverse_reactions=(AdverseReaction("headache"),),
    )
    return services.session(services.add_session(clinic[SUMITA], previous).session_id)


def menu_action(editor: SessionEditor, text: str) -> QAction:
    """The "Template ▾" menu's entry: a person would click it in the menu."""
    button = editor.header.template_button
    button.rebuild()
    for action in button.menu_.actions():
        if action.text() == text:
            return action
        sub = action.menu()
        if isinstance(sub, QMenu):
            found = [a for a in sub.actions() if a.text() == text]
            if found:
                return found[0]
    raise AssertionError(f"no {text!r} in {[a.text() for a in button.menu_.actions()]}")


def test_start_from_last_session_fills_findings_restrictions_and_techniques_only(
    qtbot: QtBot, services: Services, clinic: dict[str, int], last_session: Session
) -> None:
    pid = clinic[SUMITA]
    editor = open_editor(qtbot, services, pid)
    started = editor.header.started_at()
    editor.soap.edits["subjective"].setPlainText("today")
    editor.outcomes.spins["pain_before"].setValue(4)
    assert editor.header.from_last_button.isEnabled()
    click(qtbot, editor.header.from_last_button)

    assert editor.grid.model.findings() == without_notes(FINDINGS)  # the notes describe that day
    assert editor.restrictions.restrictions() == without_notes(RESTRICTIONS)
    assert editor.techniques.techniques() == without_notes(TECHNIQUES)
    assert editor.header.duration_spin.value() == 90
    assert editor.header.started_at() == started  # never the date
    assert editor.outcomes.value("pain_before") == 4  # never the pain scores
    assert editor.outcomes.value("pain_after") is None
    assert editor.soap.text("subjective") == "today"  # never the notes
    assert editor.soap.text("private_notes") == ""
    assert editor.soap.adverse_reactions() == ()
    assert not editor.header.consent_check.isChecked()  # consent is renewed each session
    assert NOT_COPIED in editor.status_label.text()
    # an editable starting point: change a rate, remove a restriction, then save
    assert editor.grid.model.setData(editor.grid.cell("heels", "both", 2), "8")
    editor.restrictions.remove(1)
    with qtbot.waitSignal(editor.saved, timeout=1000) as saved:
        click(qtbot, editor.save_button)
    stored = services.session(saved.args[0].session_id)
    assert stored.rhythm_findings[0].rate == 8.0
    assert stored.restrictions == without_notes(RESTRICTIONS)[:1]
    assert (stored.pain_before, stored.pain_after, stored.subjective) == (4, None, "today")
    assert stored.started_at == started
    assert stored.id != last_session.id
    assert not stored.is_signed


def test_ctrl_shift_l_starts_from_the_last_session(
    qtbot: QtBot, services: Services, clinic: dict[str, int], last_session: Session
) -> None:
    editor = open_editor(qtbot, services, clinic[SUMITA])
    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.techniques.techniques() == without_notes(TECHNIQUES)
    editor.revert()


def test_start_from_last_asks_before_replacing_what_is_charted(
    qtbot: QtBot, services: Services, clinic: dict[str, int], last_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_editor(qtbot, services, clinic[SUMITA])
    tick(qtbot, editor.techniques.boxes["hyoid_release"])
    asked: list[str] = []

    def refuse(_parent: object, what: str) -> bool:
        asked.append(what)
        return False

    monkeypatch.setattr(templates, "ask_replace", refuse)
    click(qtbot, editor.header.from_last_button)
    assert asked == ["those of the last session"]
    assert editor.techniques.techniques() == (TechniqueApplied("hyoid_release"),)
    monkeypatch.setattr(templates, "ask_replace", lambda _parent, _what: True)
    click(qtbot, editor.header.from_last_button)
    assert editor.techniques.techniques() == without_notes(TECHNIQUES)
    editor.revert()


def test_without_an_earlier_session_there_is_nothing_to_start_from(
    qtbot: QtBot, services: Services, clinic: dict[str, int], last_session: Session
) -> None:
    assert not open_editor(qtbot, services, clinic[JOHN]).header.from_last_button.isEnabled()
    opened = open_editor(qtbot, services, clinic[SUMITA], last_session.id)  # an existing session: not offered
    assert not opened.header.from_last_button.isVisible()


def test_save_a_template_and_apply_it_in_a_new_session(
    qtbot: QtBot, services: Services, clinic: dict[str, int]
) -> None:
    editor = open_editor(qtbot, services, clinic[SUMITA])
    for term in V.TECHNIQUES.in_group(V.TEN_STEP):
        tick(qtbot, editor.techniques.boxes[term.code])
    editor.header.duration_spin.setValue(75)
    assert editor.grid.model.setData(editor.grid.cell("occiput", "both", 2), "10")
    menu_action(editor, "&Save as template…").trigger()
    dialog = editor.commands.dialog
    assert isinstance(dialog, SaveTemplateDialog)
    qtbot.waitExposed(dialog)
    click(qtbot, dialog.ok_button)  # no name yet: refused, with its message
    assert dialog.isVisible()
    assert dialog.message.text() == "Name must not be empty."
    qtbot.keyClicks(dialog.name_edit, "standard 10-step")
    click(qtbot, dialog.ok_button)
    assert editor.commands.dialog is None
    (template,) = services.session_templates()
    assert template.name == "standard 10-step"
    assert template.duration_minutes == 75
    assert [t.technique for t in template.techniques] == [t.code for t in V.TECHNIQUES.in_group(V.TEN_STEP)]
    editor.revert()

    fresh = open_editor(qtbot, services, clinic[SUMITA])
    menu_action(fresh, "Apply “standard 10-step”").trigger()
    assert fresh.header.duration_spin.value() == 75
    assert fresh.techniques.techniques() == template.techniques
    assert fresh.grid.model.findings()[0].rate == 10.0
    assert fresh.status_label.text() == (
        "Filled in from the template “standard 10-step”: 1 rhythm finding and 13 techniques (and the duration), "
        "marked until you confirm them."
    )
    with qtbot.waitSignal(fresh.saved, timeout=1000) as saved:
        click(qtbot, fresh.save_button)
    stored = services.session(saved.args[0].session_id)
    assert stored.techniques == template.techniques
    assert stored.duration_minutes == 75

    menu_action(fresh, "standard 10-step").trigger()  # under "Delete template"
    assert services.session_templates() == []
