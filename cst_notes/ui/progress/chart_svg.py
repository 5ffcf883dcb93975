"""A reportlab chart on screen: the same Drawing the PDF prints, rendered to SVG at the widget's size.

The drawing is made again whenever the widget's width changes (after a short pause), so the
chart stays sharp and its labels keep a readable size instead of being stretched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QSize, QTimer
from PySide6.QtGui import QColor, QPalette, QResizeEvent, QShowEvent
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QSizePolicy
from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Drawing

from cst_notes.reports.charts import WIDTH
from cst_notes.reports.fonts import BASE_FONT, BASE_FONT_BOLD

# Screen pixels per PDF point: the charts' 7.5 pt labels come out at about 11 px.
SCALE = 1.45
HEIGHT_PX = 280  # at the largest scale, the PDF chart's own height (its axis titles need it)
DEFAULT_WIDTH_PX = 620
MIN_WIDTH_PT = WIDTH
MAX_WIDTH_PX = 1100  # wider than this, the chart only grows empty margins

# (width, height) in points -> the drawing
Maker = Callable[[float, float], Drawing]


_CLIP = re.compile(r"<clipPath id=\"clip\">.*?</clipPath>|style=\"clip-path: url\(#clip\)\"", re.DOTALL)


def drawing_svg(drawing: Drawing) -> bytes:
    """The drawing as SVG that Qt's renderer (SVG Tiny) draws as the PDF does.

    reportlab's output needs three changes for it: the font named as the application registers
    it ("Noto Sans", not "NotoSans"; so the labels keep the widths reportlab measured them with),
    "fill: none" in lower case (else lines are filled black) and no clip path (the drawing's own
    border, which Qt would paint as a black rectangle).
    """
    svg = _CLIP.sub("", renderSVG.drawToString(drawing)).replace("fill: None;", "fill: none;")
    svg = svg.replace(f"font-family: {BASE_FONT_BOLD};", "font-family: 'Noto Sans'; font-weight: bold;")
    svg = svg.replace(f"font-family: {BASE_FONT};", "font-family: 'Noto Sans';")
    return svg.encode("utf-8")


class SvgChart(QSvgWidget):
    """Shows ``maker(width, height)``; drawn only while visible, again when its width changes."""

    def __init__(self, height_px: int = HEIGHT_PX, parent: Any = None) -> None:
        super().__init__(parent)
        self._maker: Maker | None = None
        self._drawn_width = 0
        self.svg = b""  # what is shown, for tests and screenshots
        self.setFixedHeight(height_px)
        self.setMaximumWidth(MAX_WIDTH_PX)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("white"))  # the paper the PDF prints on
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.redraw)

    def sizeHint(self) -> QSize:
        return QSize(DEFAULT_WIDTH_PX, self.height())

    def set_maker(self, maker: Maker) -> None:
        self._maker = maker
        self._drawn_width = 0
        if self.isVisible():
            self.redraw()

    def redraw(self) -> None:
        if self._maker is None:
            return
        width = self.width() if self.isVisible() else DEFAULT_WIDTH_PX
        # Never narrower than the PDF's chart (its legend needs that room): the labels shrink instead.
        scale = min(SCALE, width / MIN_WIDTH_PT)
        drawing = self._maker(width / scale, self.height() / scale)
        self.svg = drawing_svg(drawing)
        self.load(QByteArray(self.svg))
        self._drawn_width = width

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._drawn_width != self.width():
            self.redraw()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible() and self._drawn_width and self._drawn_width != self.width():
            self._timer.start()
