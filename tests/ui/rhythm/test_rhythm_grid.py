"""The craniosacral rhythm grid: typed into from the keyboard like a spreadsheet; unusual rates warn,
impossible ones are refused with a message in place."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cst_notes.domain.session import RhythmFinding
from cst_notes.domain.validation import FieldError
from cst_notes.ui.rhythm.grid import RhythmGrid
from cst_notes.ui.rhythm.model import (
    AMPLITUDE,
    NOTE,
    PALPATED_BY,
    PHASE,
    QUALITY,
    RATE,
    ROWS,
    SIDE,
    STATION,
    SYMMETRY,
    WARNING_BACKGROUND,
    RhythmModel,
    parse_rate,
)
from tests.ui.conftest import show_active

FULL = (
    RhythmFinding("heels", "left", 8.5, 3, "symmetric", "normal", "none", "Meera", "eased"),
    RhythmFinding("occiput", "both", 18.0, 1, "restricted_left", "weak", "flexion", "Meera"),
)


@pytest.fixture
def grid(qtbot: QtBot) -> RhythmGrid:
    widget = RhythmGrid()
    widget.model.default_palpated_by = "Meera"
    widget.resize(1100, 700)
    return show_active(qtbot, widget)


def type_in_cell(qtbot: QtBot, grid: RhythmGrid, index: QModelIndex, text: str) -> None:
    """Select the cell and type: the first key opens the editor, Tab commits and moves on."""
    grid.table.setCurrentIndex(index)
    grid.table.setFocus()
    qtbot.keyClick(grid.table, text[0])
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Tab)


def test_the_model_is_a_valid_qt_model(qtmodeltester: ModelTester) -> None:
    model = RhythmModel()
    model.set_findings(FULL)
    qtmodeltester.check(model)


def test_one_row_per_station_and_side_and_empty_rows_are_not_findings() -> None:
    model = RhythmModel()
    assert model.rowCount() == 24
    assert model.findings() == ()
    model.set_findings(FULL)
    assert model.findings() == FULL
    assert model.index(ROWS.index(("occiput", "both")), AMPLITUDE).data() == "1 – low"
    assert model.index(0, STATION).data() == "Heels"
    assert model.index(0, SIDE).data() == "Left"


@pytest.mark.parametrize(
    ("text", "value", "problem"),
    [
        ("8", 8.0, ""),
        (" 8,5 ", 8.5, ""),
        ("", None, ""),
        ("30", 30.0, ""),
        ("31", None, "must be between 0 and 30 (got 31)"),
        ("-1", None, "must be between 0 and 30 (got -1)"),
        ("nan", None, "must be between 0 and 30 (got nan)"),
        ("fast", None, "must be a number of cycles per minute"),
    ],
)
def test_parse_rate(text: str, value: float | None, problem: str) -> None:
    assert parse_rate(text) == (value, problem)


def test_typing_a_rate_and_tab_moves_to_amplitude(qtbot: QtBot, grid: RhythmGrid) -> None:
    type_in_cell(qtbot, grid, grid.cell("heels", "left", RATE), "8.5")
    assert grid.model.findings() == (RhythmFinding("heels", "left", 8.5, palpated_by="Meera"),)
    assert grid.table.currentIndex() == grid.cell("heels", "left", AMPLITUDE)
    assert not grid.warning_label.isVisible()
    assert not grid.error_label.isVisible()


def test_a_combo_cell_is_chosen_by_keyboard(qtbot: QtBot, grid: RhythmGrid) -> None:
    index = grid.cell("pelvis", "right", SYMMETRY)
    grid.table.setCurrentIndex(index)
    grid.table.setFocus()
    qtbot.keyClick(grid.table, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    qtbot.keyClick(combo, "R")  # keyboard search: the first label starting with R
    qtbot.keyClick(combo, Qt.Key.Key_Tab)
    assert grid.model.findings()[0].symmetry == "restricted_left"
    assert grid.table.currentIndex() == grid.cell("pelvis", "right", QUALITY)


def test_an_unusual_rate_is_kept_with_a_visible_warning(qtbot: QtBot, grid: RhythmGrid) -> None:
    type_in_cell(qtbot, grid, grid.cell("occiput", "both", RATE), "18")
    assert grid.model.findings()[0].rate == 18.0
    assert grid.model.problems() == []
    assert grid.warning_label.isVisible()
    assert "Head (occiput) (both): 18 cycles/min is outside the usual 4–16" in grid.warning_label.text()
    cell = grid.cell("occiput", "both", RATE)
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == WARNING_BACKGROUND
    assert "Unusual" in cell.data(Qt.ItemDataRole.ToolTipRole)


def test_an_impossible_rate_stays_in_its_cell_with_a_message(qtbot: QtBot, grid: RhythmGrid) -> None:
    type_in_cell(qtbot, grid, grid.cell("feet", "right", RATE), "45")
    cell = grid.cell("feet", "right", RATE)
    assert cell.data() == "45"
    assert grid.error_label.isVisible()
    assert "Dorsum of the feet, right — rate (cpm): must be between 0 and 30 (got 45)" in grid.error_label.text()
    assert "must be between 0 and 30" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert [e.field for e in grid.model.problems()] == ["rhythm_findings[0].rate"]
    type_in_cell(qtbot, grid, cell, "9")  # corrected: the message goes
    assert grid.model.problems() == []
    assert not grid.error_label.isVisible()


def test_tab_skips_station_and_side_and_wraps_to_the_next_row(qtbot: QtBot, grid: RhythmGrid) -> None:
    grid.table.setCurrentIndex(grid.cell("heels", "left", NOTE))
    grid.table.setFocus()
    qtbot.keyClick(grid.table, Qt.Key.Key_Tab)
    assert grid.table.currentIndex() == grid.cell("heels", "right", RATE)
    qtbot.keyClick(grid.table, Qt.Key.Key_Backtab)
    assert grid.table.currentIndex() == grid.cell("heels", "left", NOTE)


def test_delete_clears_a_cell(qtbot: QtBot, grid: RhythmGrid) -> None:
    grid.model.set_findings(FULL)
    grid.table.setCurrentIndex(grid.cell("heels", "left", RATE))
    grid.table.setFocus()
    qtbot.keyClick(grid.table, Qt.Key.Key_Delete)
    assert grid.model.findings()[0].rate is None


def test_palpated_by_defaults_to_the_therapist_and_can_be_changed(grid: RhythmGrid) -> None:
    model = grid.model
    assert model.setData(grid.cell("thighs", "left", AMPLITUDE), "2")
    assert grid.cell("thighs", "left", PALPATED_BY).data() == "Meera"
    assert model.setData(grid.cell("thighs", "left", PALPATED_BY), "Ravi")
    assert model.findings()[0].palpated_by == "Ravi"


def test_a_code_outside_the_vocabulary_is_refused(grid: RhythmGrid) -> None:
    assert not grid.model.setData(grid.cell("heels", "left", PHASE), "sideways")
    assert grid.model.findings() == ()


def test_errors_from_saving_mark_their_cells(grid: RhythmGrid) -> None:
    grid.model.set_findings(FULL)
    grid.show_errors([FieldError("rhythm_findings[1].note", "is too long (600 characters; at most 500)")])
    cell = grid.cell("occiput", "both", NOTE)
    assert "too long" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert grid.table.currentIndex() == cell
    assert "Head (occiput), both — note: is too long" in grid.error_label.text()


def test_read_only_cells_cannot_be_edited(grid: RhythmGrid) -> None:
    grid.model.set_findings(FULL)
    grid.set_read_only(True)
    assert not grid.model.setData(grid.cell("heels", "left", RATE), "9")
    assert not grid.model.flags(grid.cell("heels", "left", RATE)) & Qt.ItemFlag.ItemIsEditable
