"""Starting the GUI: the bundled fonts, and the headless screenshot."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase, QFontMetrics, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cst_notes import paths
from cst_notes.services import Services
from cst_notes.ui.shell import launch
from cst_notes.ui.shell.fonts import FAMILIES, load_bundled_fonts
from cst_notes.ui.shell.main_window import MainWindow
from tests.ui.conftest import AMIT, PRIYA, add_patient


def test_the_bundled_fonts_cover_latin_bengali_and_devanagari(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert len(list(paths.FONTS.glob("*.ttf"))) >= 3
    assert set(load_bundled_fonts(app)) == set(FAMILIES)
    assert app.font().families()[: len(FAMILIES)] == FAMILIES
    for family, system in [
        ("Noto Sans Bengali", QFontDatabase.WritingSystem.Bengali),
        ("Noto Sans Devanagari", QFontDatabase.WritingSystem.Devanagari),
    ]:
        assert system in QFontDatabase.writingSystems(family)
    metrics = QFontMetrics(app.font())
    for text in (AMIT, PRIYA, "Élodie O'Connell"):
        assert all(metrics.inFontUcs4(ord(ch)) for ch in text if not ch.isspace()), text


def test_a_screenshot_shows_the_first_chart(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    add_patient(services, PRIYA, dt.date(1992, 1, 30))
    shot = tmp_path / "shots" / "main.png"
    assert launch.run(services, db_label="/clinics/practice.sqlite", screenshot=shot) == 0
    image = QImage(str(shot))
    assert shot.stat().st_size > 10_000
    assert (image.width(), image.height()) == (1200, 760)


def test_the_screenshot_opens_the_first_listed_patient(
    qtbot: QtBot, services: Services, clinic: dict[str, int], tmp_path: Path
) -> None:
    window = MainWindow(services, ":memory:")
    qtbot.addWidget(window)
    launch.save_screenshot(window, tmp_path / "chart.png")
    first = services.patient_summaries()[0].id
    assert window.chart.patient_id == first == window.selected_patient_id()
    assert window.chart.currentWidget() is window.chart.chart


def test_a_screenshot_of_an_empty_database(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    shot = tmp_path / "empty.png"
    assert launch.run(services, db_label=":memory:", screenshot=shot) == 0
    assert not QImage(str(shot)).isNull()


def test_an_unwritable_screenshot_is_an_error(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError, match=re.escape(str(blocker))):
        launch.run(services, db_label=":memory:", screenshot=blocker / "shot.png")
