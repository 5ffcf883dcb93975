"""The editable rows of a list (medications here): Insert adds, Ctrl+Delete removes, Tab goes along."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cst_notes.ui.shell.main_window import MainWindow
from tests.ui.conftest import JOHN, ctrl, open_chart
from tests.ui.driving import click, intake_tab


def test_rows_are_added_and_removed_from_the_keyboard(qtbot: QtBot, clinic: dict[str, int], window: MainWindow) -> None:
    open_chart(window, clinic[JOHN])
    meds = intake_tab(window).form.medical.medications
    meds.add_button.setFocus()
    qtbot.keyClick(meds.add_button, Qt.Key.Key_Insert)
    assert meds.row_count() == 1
    assert QApplication.focusWidget() is meds.cell(0, "name")
    qtbot.keyClicks(meds.cell(0, "name"), "Ibuprofen")
    qtbot.keyClick(meds.cell(0, "name"), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is meds.cell(0, "dose")
    qtbot.keyClick(meds.cell(0, "dose"), Qt.Key.Key_Insert)
    qtbot.keyClicks(meds.cell(1, "name"), "Magnesium")
    assert [r["name"] for r in meds.rows()] == ["Ibuprofen", "Magnesium"]
    # Tab goes through the rows in order, then on to the next list.
    chain = [meds.cell(1, "name"), meds.cell(1, "dose"), meds.remove_button(1)]
    chain.append(intake_tab(window).form.medical.surgeries.add_button)
    for following in chain[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is following
    meds.cell(0, "name").setFocus()
    ctrl(qtbot, Qt.Key.Key_Delete, meds.cell(0, "name"))
    assert [r["name"] for r in meds.rows()] == ["Magnesium"]
    click(qtbot, meds.remove_button(0))
    assert meds.row_count() == 0
    assert meds.empty_label.isVisible()
