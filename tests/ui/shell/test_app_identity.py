"""The running app carries its icon and its desktop id (issue 19), so a desktop shows the same icon
as the .desktop file the bundle installs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cst_notes import APP_ID
from cst_notes.ui.shell import launch


def test_the_app_has_its_icon_and_desktop_id(qapp: QApplication) -> None:
    app = launch.application()
    assert app.desktopFileName() == APP_ID
    image = app.windowIcon().pixmap(48, 48).toImage()
    assert not image.isNull()
    centre = image.pixelColor(24, 24)
    corner = image.pixelColor(0, 0)
    assert centre.alpha() == 255  # the page in the middle of the icon
    assert corner.alpha() == 0  # outside the rounded square
    assert centre != Qt.GlobalColor.black
