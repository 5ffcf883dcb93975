"""What "start from last session" or a template copies is marked (amber) until the therapist confirms
or changes it; signing with copied items not confirmed asks first, and the answer is audited."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from cst_notes.domain.session import Session
from cst_notes.services import Services
from cst_notes.ui.rhythm.model import RATE
from cst_notes.ui.session import actions
from cst_notes.ui.session.editor import SessionEditor
from cst_notes.ui.session.form import RESTRICTIONS, RHYTHM, TECHNIQUES
from cst_notes.ui.signing.signed_panel import SignDialog
from cst_notes.ui.widgets.formatting import local_date_text
from tests.ui.conftest import SUMITA
from tests.ui.session import test_session_editor_faster as faster
from tests.ui.session.test_session_editor import click, local, open_editor


class Answers:
    """Stands in for the "sign anyway?" question: records it and gives the answer set."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, _parent: QWidget, question: str) -> bool:
        self.asked.append(question)
        return self.answer


@pytest.fixture
def last_session(services: Services, clinic: dict[str, int]) -> Session:
    """Sumita's earlier session: two rhythm findings, two restrictions and two techniques."""
    previous = Session(
        local(7, 9).astimezone(dt.UTC),
        rhythm_findings=faster.FINDINGS,
        restrictions=faster.RESTRICTIONS,
        techniques=faster.TECHNIQUES,
    )
    return services.session(services.add_session(clinic[SUMITA], previous).session_id)


@pytest.fixture
def refuse(monkeypatch: pytest.MonkeyPatch) -> Answers:
    answers = Answers(answer=False)
    monkeypatch.setattr(actions, "ask_sign_anyway", answers)
    return answers


def started_from_last(qtbot: QtBot, services: Services, clinic: dict[str, int]) -> SessionEditor:
    editor = open_editor(qtbot, services, clinic[SUMITA])
    click(qtbot, editor.header.from_last_button)
    return editor


def type_rate(qtbot: QtBot, editor: SessionEditor, station: str, side: str, text: str) -> None:
    """Select the cell and type, as a person does: the first key opens the editor, Tab commits."""
    editor.tabs.setCurrentIndex(RHYTHM)
    editor.grid.table.setCurrentIndex(editor.grid.cell(station, side, RATE))
    editor.grid.table.setFocus()
    qtbot.keyClick(editor.grid.table, text[0])
    cell_editor = QApplication.focusWidget()
    assert isinstance(cell_editor, QLineEdit)
    qtbot.keyClicks(cell_editor, text[1:])
    qtbot.keyClick(cell_editor, Qt.Key.Key_Tab)


def test_copied_items_are_marked_and_the_status_says_exactly_what_was_copied(
    qtbot: QtBot, services: Services, clinic: dict[str, int], last_session: Session
) -> None:
    editor = started_from_last(qtbot, services, clinic)
    day = local_date_text(last_session.started_at)
    assert editor.status_label.text() == (
        f"Copied from the session of {day}: 2 rhythm findings, 2 restrictions and 2 techniques (and the duration), "
        "marked until you confirm them. Not copied: dates, pain scores, outcomes, the notes, "
        "and the notes of findings and techniques."
    )
    for tab in (RHYTHM, RESTRICTIONS, TECHNIQUES):
        editor.tabs.setCurrentIndex(tab)
        assert not editor.tabs.tabIcon(tab).isNull()
    editor.tabs.setCurrentIndex(RHYTHM)
    banner = editor.form.banners["rhythm_findings"]
    assert banner.isVisible()
    assert banner.label.text().startswith(f"⚠ From the session of {day} — confirm: Heels, both; Head (occiput), left.")
    editor.revert()


def test_a_change_confirms_the_item_and_confirm_a_whole_section(
    qtbot: QtBot, services: Services, clinic: dict[str, int], last_session: Session
) -> None:
    editor = started_from_last(qtbot, services, clinic)
    type_rate(qtbot, editor, "heels", "both", "8")
    assert "Heels" not in editor.form.banners["rhythm_findings"].label.text()
    assert "Head (occiput), left" in editor.form.banners["rhythm_findings"].label.text()
    editor.tabs.setCurrentIndex(RESTRICTIONS)
    click(qtbot, editor.form.banners["restrictions"].confirm_button)
    assert not editor.form.banners["restrictions"].isVisible()
    assert editor.tabs.tabIcon(RESTRICTIONS).isNull()
    assert editor.unconfirmed().describe() == "1 rhythm finding and 2 techniques"
    editor.revert()


def test_signing_with_unconfirmed_copies_asks_and_no_leaves_a_draft(
    qtbot: QtBot, services: Services, clinic: dict[str, int], last_session: Session, refuse: Answers
) -> None:
    editor = started_from_last(qtbot, services, clinic)
    click(qtbot, editor.sign_button)  # saves the draft first, then asks
    day = local_date_text(last_session.started_at)
    assert refuse.asked == [
        f"2 rhythm findings, 2 restrictions and 2 techniques copied from the session of {day} "
        "are not confirmed: sign anyway?"
    ]
    assert editor.commands.dialog is None
    assert editor.session_id is not None
    assert not services.session(editor.session_id).is_signed
    assert not editor.form.banners["techniques"].isHidden()  # saving the draft keeps the marks


def test_signing_anyway_is_recorded_in_the_audit_log(
    qtbot: QtBot, services: Services, clinic: dict[str, int], last_session: Session, refuse: Answers
) -> None:
    editor = started_from_last(qtbot, services, clinic)
    for section in ("rhythm_findings", "restrictions"):
        click(qtbot, editor.form.banners[section].confirm_button)
    refuse.answer = True
    click(qtbot, editor.sign_button)
    assert len(refuse.asked) == 1
    dialog = editor.commands.dialog
    assert isinstance(dialog, SignDialog)
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.name_edit, "Meera Sen")
    with qtbot.waitSignal(editor.saved, timeout=1000):
        click(qtbot, dialog.ok_button)
    assert editor.session_id is not None
    assert services.session(editor.session_id).is_signed
    signed = services.history(clinic[SUMITA])[0]
    day = local_date_text(last_session.started_at)
    assert signed.summary.endswith(f"; signed with 2 techniques copied from the session of {day} not confirmed")
    assert editor.form.banners["techniques"].isHidden()


def test_nothing_unconfirmed_signs_without_asking(
    qtbot: QtBot, services: Services, clinic: dict[str, int], last_session: Session, refuse: Answers
) -> None:
    editor = started_from_last(qtbot, services, clinic)
    for section in ("rhythm_findings", "restrictions", "techniques"):
        click(qtbot, editor.form.banners[section].confirm_button)
    click(qtbot, editor.sign_button)
    assert refuse.asked == []
    assert isinstance(editor.commands.dialog, SignDialog)
    editor.commands.dialog.reject()
