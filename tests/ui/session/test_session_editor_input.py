"""The session editor from the keyboard (Esc, Tab, Insert), closing with changes, and bad input:
its message shows and nothing is saved."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cst_notes.services import Services
from cst_notes.ui.forms.unsaved_prompt import Choice
from cst_notes.ui.rhythm.model import RATE
from cst_notes.ui.session.form import NOTES, RHYTHM
from tests.ui.conftest import SUMITA, Prompts
from tests.ui.session.test_session_editor import open_editor, press


def test_escape_asks_before_losing_changes(
    qtbot: QtBot, services: Services, clinic: dict[str, int], prompts: Prompts
) -> None:
    pid = clinic[SUMITA]
    editor = open_editor(qtbot, services, pid)
    editor.soap.edits["subjective"].setFocus()
    qtbot.keyClicks(editor.soap.edits["subjective"], "Better")
    assert editor.isWindowModified()
    prompts.answers = [Choice.CANCEL]
    press(qtbot, Qt.Key.Key_Escape)
    assert editor.isVisible()
    assert prompts.asked
    assert prompts.asked[0].startswith("the session of ")
    prompts.answers = [Choice.DISCARD]
    press(qtbot, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert services.sessions(pid) == []


def test_escape_with_nothing_changed_just_closes(qtbot: QtBot, services: Services, clinic: dict[str, int]) -> None:
    editor = open_editor(qtbot, services, clinic[SUMITA])
    press(qtbot, Qt.Key.Key_Escape)
    assert not editor.isVisible()


def test_save_from_the_question_when_closing(
    qtbot: QtBot, services: Services, clinic: dict[str, int], prompts: Prompts
) -> None:
    pid = clinic[SUMITA]
    editor = open_editor(qtbot, services, pid)
    editor.outcomes.spins["pain_before"].setValue(5)
    prompts.answers = [Choice.SAVE]
    editor.close()
    assert not editor.isVisible()
    assert services.sessions(pid)[0].pain_before == 5


def test_events_from_the_keyboard(qtbot: QtBot, services: Services, clinic: dict[str, int]) -> None:
    editor = open_editor(qtbot, services, clinic[SUMITA])
    editor.tabs.setCurrentIndex(RHYTHM)
    editor.events.add_still_point_button.setFocus()
    press(qtbot, Qt.Key.Key_Insert)
    assert QApplication.focusWidget() is editor.events.row(0).minute
    press(qtbot, Qt.Key.Key_Insert)
    press(qtbot, Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [e.kind for e in editor.events.events()] == ["still_point", "still_point", "significance_detector"]
    assert QApplication.focusWidget() is editor.events.row(2).minute
    press(qtbot, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert [e.kind for e in editor.events.events()] == ["still_point", "still_point"]
    editor.revert()


# --- bad input ----------------------------------------------------------------------------------------

NOT_A_RATE = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False).filter(lambda r: not 0 <= r <= 30).map(repr),
    st.text(alphabet="abcxyz-+/ ", min_size=1, max_size=8).filter(lambda t: t.strip() != ""),
)
TOO_LONG = st.integers(min_value=20_001, max_value=20_050).map(lambda n: "অ" * n)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rate=st.one_of(st.none(), NOT_A_RATE), text=st.one_of(st.none(), TOO_LONG))
def test_bad_input_shows_its_message_and_saves_nothing(
    qtbot: QtBot, services: Services, clinic: dict[str, int], rate: str | None, text: str | None
) -> None:
    if rate is None and text is None:
        return
    pid = clinic[SUMITA]
    editor = open_editor(qtbot, services, pid)
    if rate is not None:
        editor.grid.model.setData(editor.grid.cell("heels", "left", RATE), rate)  # as the rate's editor does
    if text is not None:
        editor.soap.edits["plan"].setPlainText(text)
    assert not editor.save()
    assert services.sessions(pid) == []
    assert editor.status_label.text().startswith("Not saved")
    if rate is not None:
        assert editor.tabs.currentIndex() == RHYTHM
        assert editor.grid.error_label.isVisible()
        assert "Heels, left — rate (cpm): must be" in editor.grid.error_label.text()
    else:
        assert editor.tabs.currentIndex() == NOTES
        assert "Plan is too long" in editor.feedback.message("plan")
    editor.revert()
    editor.close()


def test_tab_goes_through_the_header_then_the_notes(qtbot: QtBot, services: Services, clinic: dict[str, int]) -> None:
    editor = open_editor(qtbot, services, clinic[SUMITA])
    editor.header.therapist_edit.setFocus()
    seen = []
    for _ in range(5):
        press(qtbot, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == [
        editor.header.consent_check,
        editor.header.template_button,  # "Start from last session" is off: no earlier session
        editor.tabs.tabBar(),
        editor.soap.edits["subjective"],
        editor.soap.edits["objective"],
    ]
