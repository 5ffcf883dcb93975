"""Icons drawn from resources/icons: signs the bundled fonts lack (the lock) are drawn, never typed."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel

from cst_notes import paths

LOCK = "lock"


def icon_pixmap(name: str, colour: str, size: int) -> QPixmap:
    """The icon ``name`` (resources/icons/NAME.svg) drawn in ``colour``, ``size`` pixels square."""
    svg = (paths.ICONS / f"{name}.svg").read_text(encoding="utf-8").replace("currentColor", colour)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    return pixmap


def icon_label(name: str, colour: str, size: int = 16) -> QLabel:
    """A label showing the icon, aligned to sit beside a line of text."""
    label = QLabel()
    label.setObjectName(f"{name}_icon")
    label.setPixmap(icon_pixmap(name, colour, size))
    label.setFixedSize(size, size)
    return label
