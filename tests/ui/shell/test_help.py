"""Help inside the app: F1 opens the guide (at the section of the window it is pressed in), and the
keyboard shortcuts sheet lists exactly the keys the windows have."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from cst_notes.services import Services
from cst_notes.ui.session.editor import SessionEditor
from cst_notes.ui.session.form import TAB_TITLES
from cst_notes.ui.shell.help import GUIDE, guide_sections
from cst_notes.ui.shell.main_window import MainWindow
from cst_notes.ui.widgets.keys import KEYS, SESSION_TABS, bound_keys
from tests.ui.conftest import AMIT, SUMITA, ctrl, open_chart, show_active
from tests.ui.hands import click_into


def _every_window(qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services) -> list[QObject]:
    """The main window with a chart open, a session editor (each of its tabs shown: a tab's widgets,
    and their keys, are made when it is first shown) and each dialog that has keys of its own."""
    open_chart(window, clinic[AMIT])
    editor = show_active(qtbot, SessionEditor(services, clinic[SUMITA]))
    for n in range(editor.tabs.count()):
        ctrl(qtbot, Qt.Key(Qt.Key.Key_1 + n), editor.header.started_edit)
    export = window.practice.export_pdf()
    assert export is not None
    return [window, editor, export, window.new_patient(), window.practice.clinic_settings()]


def test_every_key_of_every_window_is_on_the_sheet_and_every_row_of_the_sheet_is_a_key(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    bound = [pair for w in _every_window(qtbot, clinic, window, services) for pair in bound_keys(w)]
    strays = [seq.toString() for name, seq in bound if name == ""]
    assert strays == [], f"keys made without the table (widgets/keys.py), so missing from the sheet: {strays}"
    for name, seq in bound:
        assert seq in KEYS[name].sequences(), (name, seq.toString())
    assert {name for name, _ in bound} == set(KEYS)  # no row of the sheet names a key nothing has
    tab_keys = [seq.toString() for name, seq in bound if name == "session_tab"]
    assert tab_keys == ["Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Ctrl+5"]
    assert len(TAB_TITLES) == SESSION_TABS


def test_no_two_keys_of_one_place_or_of_every_window_are_the_same() -> None:
    for place in {k.where for k in KEYS.values()}:
        here = [s for k in KEYS.values() if k.where in (place, "In every window") for s in k.keys]
        assert len(here) == len(set(here)), (place, sorted(here))


def test_the_shortcuts_sheet_lists_each_place_and_key(qtbot: QtBot, clinic: dict[str, int], window: MainWindow) -> None:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert isinstance(menu, QMenu)
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "&Guide",
        "&Keyboard shortcuts",
        "&About CST Notes",
    ]
    window.shortcuts_action.trigger()
    sheet = window.help.sheet
    assert sheet is not None
    assert sheet.isVisible()
    lines = [line.strip() for line in sheet.sheet.toPlainText().splitlines() if line.strip()]
    assert lines[:3] == ["In every window", "F1", "Open the guide"]
    for place, keys, what in [
        ("Main window", "Ctrl+Shift+N", "Start a session"),
        ("Session editor", "Ctrl+1 … Ctrl+5", "Go to a tab: Notes, Rhythm, Restrictions, Techniques, Outcomes"),
        ("Rhythm events (session editor, Rhythm tab)", "Ctrl+Shift+Ins", "Add a significance detector"),
    ]:
        assert place in lines
        assert lines[lines.index(keys) + 1] == what
        assert lines.index(place) < lines.index(keys)


def test_the_guide_has_the_sections_a_new_user_needs() -> None:
    titles = [s.title for s in guide_sections(GUIDE.read_text(encoding="utf-8"))]
    assert titles == [
        "Welcome",
        "First steps",
        "Charting a session",
        "Signing and corrections",
        "Backups",
        "Privacy mode",
        "After a crash or power cut",
    ]


def test_f1_opens_the_guide_and_in_the_session_editor_at_charting(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_F1)
    guide = window.help.guide
    assert guide is not None
    assert guide.isVisible()
    assert guide.current_section() == "welcome"
    assert guide.page.toPlainText().startswith("CST Notes: a short guide")
    qtbot.keyClick(guide.contents, Qt.Key.Key_Escape)
    assert not guide.isVisible()

    editor = show_active(qtbot, SessionEditor(services, clinic[SUMITA]))
    subjective = editor.soap.edits["subjective"]
    click_into(qtbot, subjective)  # typing a note, F1 pressed in the field
    qtbot.keyClick(subjective, Qt.Key.Key_F1)
    assert guide.isVisible()
    assert guide.current_section() == "charting-a-session"
    text = guide.page.toPlainText()
    assert text.startswith("Charting a session")
    assert "Ctrl+Shift+L starts from the last session" in text

    qtbot.keyClick(guide.contents, Qt.Key.Key_Down)  # the sections by keyboard
    assert guide.page.toPlainText().startswith("Signing and corrections")
