"""The main window, driven as a therapist would: shortcuts, the find box, the list and the chart."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from cst_notes.services import Changed, RecordKind, Services
from cst_notes.ui.chart.chart_view import PLACEHOLDER_TEXT
from cst_notes.ui.forms.unsaved_prompt import Choice
from cst_notes.ui.patients.list_model import Column
from cst_notes.ui.patients.new_patient_dialog import NewPatientDialog
from cst_notes.ui.shell.main_window import MainWindow
from tests.ui.conftest import AMIT, JOHN, PRIYA, SUMITA, Prompts, add_patient, years_ago


def listed_names(window: MainWindow) -> list[str]:
    model = window.table.model()
    return [model.index(row, Column.NAME).data() for row in range(model.rowCount())]


def ctrl(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, key, Qt.KeyboardModifier.ControlModifier)


def open_patient(window: MainWindow) -> int | None:
    """The patient whose chart is open, read afresh: mypy would otherwise keep what an earlier
    assertion on ``window.chart.patient_id`` narrowed it to across the key presses that change it."""
    return window.chart.patient_id


def open_new_patient_dialog(qtbot: QtBot, window: MainWindow) -> NewPatientDialog:
    ctrl(qtbot, window, Qt.Key.Key_N)
    dialog = window.new_patient_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_the_window_names_its_database(window: MainWindow) -> None:
    # the file name only: Qt adds the application display name, "CST Notes", once, after it
    assert window.windowTitle() == "practice.sqlite"
    assert "/clinics/practice.sqlite" in window.status_label.text()
    assert "0 patients" in window.status_label.text()
    assert window.chart.currentWidget() is window.chart.placeholder
    assert window.chart.placeholder.text() == PLACEHOLDER_TEXT
    assert (window.width(), window.height()) == (1200, 760)


def test_a_new_patient_is_listed_selected_and_opened(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    add_patient(services, JOHN, dt.date(1970, 12, 1))
    emitted: list[Changed] = []
    window.changed.connect(emitted.append)
    dialog = open_new_patient_dialog(qtbot, window)
    dialog.edits["full_name"].setText(AMIT)  # setText: keyClicks cannot type non-ASCII
    dialog.birth_date_edit.set_value(dt.date(1979, 4, 2))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert listed_names(window) == [JOHN, AMIT]
    new_id = services.patient_summaries(AMIT)[0].id
    assert [c.patient_ids for c in emitted] == [(new_id,)]
    assert RecordKind.PATIENT in emitted[0].kinds
    assert window.selected_patient_id() == new_id
    assert window.chart.patient_id == new_id
    assert window.chart.header.name_label.text() == AMIT
    assert window.chart.header.name_label.isVisible()
    assert "2 patients" in window.status_label.text()


def test_a_new_patient_hidden_by_the_filter_clears_it(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    add_patient(services, JOHN, dt.date(1970, 12, 1))
    window.filter_edit.setText("john")
    dialog = open_new_patient_dialog(qtbot, window)
    dialog.edits["full_name"].setText(PRIYA)
    dialog.birth_date_edit.set_value(dt.date(1992, 1, 30))
    qtbot.keyClick(dialog.edits["full_name"], Qt.Key.Key_Return)
    assert window.filter_edit.text() == ""
    assert listed_names(window) == [JOHN, PRIYA]
    assert window.chart.header.name_label.text() == PRIYA


def test_a_cancelled_dialog_changes_nothing(
    qtbot: QtBot, window: MainWindow, services: Services, prompts: Prompts
) -> None:
    dialog = open_new_patient_dialog(qtbot, window)
    dialog.edits["full_name"].setText("Anna")
    prompts.answers.append(Choice.DISCARD)
    qtbot.keyClick(dialog.edits["full_name"], Qt.Key.Key_Escape)
    assert prompts.asked == ["the new patient"]
    assert services.patient_summaries() == []
    assert listed_names(window) == []
    assert window.chart.currentWidget() is window.chart.placeholder


def test_ctrl_f_and_typing_filters_the_list_in_any_script(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow
) -> None:
    assert len(listed_names(window)) == len(clinic)
    window.table.setFocus()
    ctrl(qtbot, window, Qt.Key.Key_F)
    assert QApplication.focusWidget() is window.filter_edit
    qtbot.keyClicks(window.filter_edit, "smi")
    assert listed_names(window) == [JOHN]
    assert "1 patient found" in window.status_label.text()
    window.filter_edit.setText("দাস")  # setText: keyClicks cannot type non-ASCII
    assert listed_names(window) == [SUMITA]
    window.filter_edit.setText("शर्मा")
    assert listed_names(window) == ["प्रिया शर्मा (Priya)"]
    window.filter_edit.clear()
    assert len(listed_names(window)) == len(clinic)


def test_enter_in_the_find_box_opens_the_only_match(qtbot: QtBot, clinic: dict[str, int], window: MainWindow) -> None:
    window.filter_edit.setText("রায়")
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Return)
    assert window.chart.patient_id == clinic[AMIT]

    window.filter_edit.setText("")  # several matches: Enter goes to the list
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.table
    assert window.selected_patient_id() is not None


def test_enter_or_double_click_opens_a_chart_and_ctrl_w_closes_it(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow
) -> None:
    window.select_patient(clinic[SUMITA])
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert open_patient(window) == clinic[SUMITA]
    assert window.chart.header.name_label.text() == SUMITA

    ctrl(qtbot, window, Qt.Key.Key_W)
    assert window.chart.currentWidget() is window.chart.placeholder
    assert open_patient(window) is None

    row = window.model.row_of(clinic[PRIYA])
    assert row is not None
    rect = window.table.visualRect(window.model.index(row, Column.NAME))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert open_patient(window) is None  # one click selects, it does not open
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert open_patient(window) == clinic[PRIYA]
    assert window.chart.header.name_label.text() == "प्रिया शर्मा (Priya)"


def test_the_open_chart_menu_action(clinic: dict[str, int], window: MainWindow) -> None:
    window.open_chart_action.trigger()  # nothing selected: nothing happens
    assert window.chart.patient_id is None
    window.select_patient(clinic[JOHN])
    window.open_chart_action.trigger()
    assert window.chart.patient_id == clinic[JOHN]


def entries(action: QAction) -> list[str]:
    """The texts in a menu bar entry's menu as shown (separators have none; a hidden entry is not shown)."""
    menu = action.menu()
    assert isinstance(menu, QMenu)
    return [x.text() for x in menu.actions() if x.text() and x.isVisible()]


def test_the_menus(window: MainWindow) -> None:
    menus = {a.text(): entries(a) for a in window.menuBar().actions()}
    assert menus == {
        "&File": [
            "&New patient…",
            "Clinic &settings…",
            "Practiti&oners…",
            "&Back up now",
            "Back &up to…",
            "&Restore from a backup…",
            "&Encrypt database…",
            "Records past re&tention…",
            "Export PDFs for &all patients…",
            "&Lock screen",
            "Si&gn out / switch practitioner…",
            "&Quit",
        ],
        "&Patient": [
            "&Find patient",
            "&Open chart",
            "&Close chart",
            "&Save",
            "S&tart session…",
            "Edit &details…",
            "Co&ntraindication screening…",
            "E&xport PDF…",
            "Patient cop&y (PDF and JSON)…",
            "&History of changes…",
            "&Privacy mode (initials only)",
        ],
        "&Help": ["&Guide", "&Keyboard shortcuts", "&About CST Notes"],
    }
    for entries_of_menu in menus.values():  # Alt+letter opens one entry of a menu, never two
        letters = [text[text.index("&") + 1].lower() for text in entries_of_menu if "&" in text]
        assert len(letters) == len(set(letters)), entries_of_menu
    shortcuts = {a.text(): a.shortcut().toString() for a in window.actions()}
    assert shortcuts["&New patient…"] == "Ctrl+N"
    assert shortcuts["&Quit"] == "Ctrl+Q"
    assert shortcuts["&Lock screen"] == "Ctrl+L"
    assert shortcuts["&Close chart"] == "Ctrl+W"
    assert shortcuts["&Find patient"] == "Ctrl+F"
    assert shortcuts["&Save"] == "Ctrl+S"
    assert shortcuts["S&tart session…"] == "Ctrl+Shift+N"
    assert shortcuts["&Privacy mode (initials only)"] == "Ctrl+Shift+P"
    assert shortcuts["E&xport PDF…"] == "Ctrl+E"


def test_ctrl_q_closes_the_window(qtbot: QtBot, window: MainWindow) -> None:
    ctrl(qtbot, window, Qt.Key.Key_Q)
    assert not window.isVisible()


def test_a_change_elsewhere_redraws_the_list_and_the_open_chart(
    clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    window.select_patient(clinic[JOHN])
    window.open_selected()
    john = services.patient(clinic[JOHN])
    change = services.update_patient(dataclasses.replace(john, preferred_name="Johnny"))
    window.changed.emit(change)
    assert "John Smith (Johnny)" in listed_names(window)
    assert window.chart.header.name_label.text() == "John Smith (Johnny)"
    assert window.selected_patient_id() == clinic[JOHN]  # the selection survives the refresh


def test_a_minor_is_created_through_the_window(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    dialog = open_new_patient_dialog(qtbot, window)
    dialog.edits["full_name"].setText("ঋতম সেন")
    dialog.birth_date_edit.set_value(years_ago(3))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert services.patient_summaries() == []
    dialog.guardian_box.name_edit.setText("মৌমিতা সেন")
    dialog.guardian_box.relation_combo.set_code("mother")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert listed_names(window) == ["ঋতম সেন"]
    assert window.chart.header.guardian_label.text().startswith("Guardian: মৌমিতা সেন (Mother)")


NEEDS_AN_OPEN_PATIENT = (
    "&Close chart",
    "&Save",
    "S&tart session…",
    "Edit &details…",
    "Co&ntraindication screening…",
    "E&xport PDF…",
    "Patient cop&y (PDF and JSON)…",
    "&History of changes…",
)


def patient_menu(window: MainWindow) -> dict[str, QAction]:
    menu = next(a for a in window.menuBar().actions() if a.text() == "&Patient").menu()
    assert isinstance(menu, QMenu)
    return {a.text(): a for a in menu.actions() if a.text()}


def enabled(window: MainWindow) -> set[str]:
    return {text for text, action in patient_menu(window).items() if action.isEnabled()}


def test_the_patient_menu_waits_for_an_open_patient(qtbot: QtBot, clinic: dict[str, int], window: MainWindow) -> None:
    assert enabled(window) == {"&Find patient", "&Privacy mode (initials only)"}  # none selected, none open
    window.select_patient(clinic[SUMITA])
    always = {"&Find patient", "&Open chart", "&Privacy mode (initials only)"}
    assert enabled(window) == always
    window.table.setFocus()
    ctrl(qtbot, window, Qt.Key.Key_H)  # the History shortcut does nothing without an open patient
    assert window.practice.open_dialogs == []

    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert enabled(window) == always | set(NEEDS_AN_OPEN_PATIENT)
    ctrl(qtbot, window, Qt.Key.Key_H)
    [history] = window.practice.open_dialogs
    assert history.windowTitle() == "History of changes"
    history.reject()

    window.table.setFocus()
    ctrl(qtbot, window, Qt.Key.Key_W)
    assert open_patient(window) is None
    assert enabled(window) == always


def test_without_patients_only_finding_and_privacy_are_offered(window: MainWindow) -> None:
    assert enabled(window) == {"&Find patient", "&Privacy mode (initials only)"}
