"""A practice in which one patient's row holds what no CST Notes code writes (a 30th of February,
written past the app's guards): the window opens, the patient list shows everyone with the
damaged one marked, that chart says what is damaged, and the other charts open as before."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cst_notes.domain.session import Session
from cst_notes.services import Services
from cst_notes.ui.patients.list_model import Column
from cst_notes.ui.shell.main_window import MainWindow
from tests.conftest import NO_RECORDS_REASON
from tests.damage import write_behind_the_guards
from tests.ui.conftest import add_patient, at, ctrl, show_active
from tests.ui.hands import press, type_keys

HEALTHY, DAMAGED, OTHER = "Hilde Healthy", "Dora Damaged", "Otto Other"


@pytest.fixture
def practice(tmp_path: Path) -> Path:
    """Three patients on file, each with a session; then Dora's birth date set to 1997-02-30."""
    path = tmp_path / "practice.sqlite"
    s = Services.open(path)
    for n, (name, born) in enumerate(
        ((HEALTHY, dt.date(1980, 5, 1)), (DAMAGED, dt.date(1997, 2, 3)), (OTHER, dt.date(1961, 7, 9)))
    ):
        pid = add_patient(s, name, born)
        s.add_session(
            pid,
            Session(at(3 + n), subjective=f"Neck stiff, visit {n}", contraindication_override_reason=NO_RECORDS_REASON),
        )
    s.close()
    write_behind_the_guards(path, "UPDATE patients SET birth_date = '1997-02-30' WHERE full_name = ?", [DAMAGED])
    return path


@pytest.fixture
def window(qtbot: QtBot, practice: Path) -> Iterator[MainWindow]:
    services = Services.open(practice, create=False, check_in_background=True)  # as the app opens it
    try:
        yield show_active(qtbot, MainWindow(services, str(practice)))
    finally:
        services.close()


def _find_and_open(qtbot: QtBot, window: MainWindow, name: str) -> None:
    """Ctrl+F, the name typed, Enter: the only match's chart opens."""
    ctrl(qtbot, Qt.Key.Key_F, window)
    assert QApplication.focusWidget() is window.filter_edit
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_keys(window.filter_edit, name)
    press(qtbot, Qt.Key.Key_Return)


def test_the_list_marks_the_damaged_record_and_its_chart_says_what_is_damaged(qtbot: QtBot, window: MainWindow) -> None:
    model = window.model
    names = [model.data(model.index(row, Column.NAME)) for row in range(model.rowCount())]
    assert sorted(names) == sorted([HEALTHY, f"{DAMAGED}  (damaged record)", OTHER])
    damaged_row = names.index(f"{DAMAGED}  (damaged record)")
    healthy_id = model.patient_id(names.index(HEALTHY))
    assert model.data(model.index(damaged_row, Column.BIRTH_DATE)) == ""
    assert "cannot be read" in model.data(model.index(damaged_row, Column.NAME), Qt.ItemDataRole.ToolTipRole)

    _find_and_open(qtbot, window, "Dora")
    qtbot.waitUntil(lambda: window.patients_pane.search.results.topLevelItemCount() == 1, timeout=3000)
    found = window.patients_pane.search.results.topLevelItem(0)
    assert found is not None
    assert found.text(0) == f"{DAMAGED} · damaged record"
    qtbot.waitUntil(lambda: window.chart.currentWidget() is window.chart.damaged, timeout=3000)
    message = window.chart.damaged.text()
    assert f"The record of {DAMAGED}" in message
    assert "patients row" in message
    assert "birth_date holds '1997-02-30', which is not a date" in message
    assert "The rest of the practice is not affected" in message
    assert window.chart.patient_id is None  # nothing of it can be edited

    _find_and_open(qtbot, window, "Hilde")
    qtbot.waitUntil(lambda: window.chart.currentWidget() is window.chart.chart, timeout=3000)
    assert window.chart.header.name_label.text() == HEALTHY
    assert "born 1980-05-01" in window.chart.header.facts_label.text()
    assert window.chart.patient_id == healthy_id
