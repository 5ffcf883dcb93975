"""Driving the chart's forms in tests: clicks that land on a check box's box, rows filled cell by cell."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QWidget
from pytestqt.qtbot import QtBot

from cst_notes.ui.intake.intake_tab import IntakeTab
from cst_notes.ui.shell.main_window import MainWindow
from cst_notes.ui.widgets.rows_editor import RowsEditor


def intake_tab(window: MainWindow) -> IntakeTab:
    return window.chart.tabs.intake_tab


def click(qtbot: QtBot, widget: QWidget) -> None:
    """A click on a button, or on a check box's box (its label may be shorter than the widget)."""
    pos = QPoint(8, widget.height() // 2) if isinstance(widget, QCheckBox) else widget.rect().center()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def add_row(qtbot: QtBot, editor: RowsEditor, **values: object) -> int:
    click(qtbot, editor.add_button)
    row = editor.row_count() - 1
    for name, value in values.items():
        cell = editor.cell(row, name)
        if isinstance(value, dt.date):
            cell.set_value(value)  # type: ignore[attr-defined]
        elif name in ("kind", "status", "target"):
            cell.set_code(value)  # type: ignore[attr-defined]
        else:
            cell.setText(value)  # type: ignore[attr-defined]
    return row
