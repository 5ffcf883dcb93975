"""A document's chart on screen: the same drawing the PDF prints, as SVG made at the widget's size.

The drawing is made again whenever the widget's width changes (after a short pause), so the
chart stays sharp and its labels keep a readable size instead of being stretched. It is made in the
background thread (reportlab takes a tenth of a second for a hundred sessions): the chart drawn
before stays until the new one is ready.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QSize, QTimer
from PySide6.QtGui import QColor, QPalette, QResizeEvent, QShowEvent
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QSizePolicy

from cst_notes import reports
from cst_notes.ui.widgets.background import Latest

# Screen pixels per PDF point: the charts' 7.5 pt labels come out at about 11 px.
SCALE = 1.45
HEIGHT_PX = 280  # at the largest scale, the PDF chart's own height (its axis titles need it)
DEFAULT_WIDTH_PX = 620
MAX_WIDTH_PX = 1100  # wider than this, the chart only grows empty margins

# (width, height) in points -> the chart as SVG (e.g. reports.pain_chart_svg with its points)
Maker = Callable[[float, float], bytes]


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
        self._drawing: Latest[bytes] = Latest(self)

    def sizeHint(self) -> QSize:
        return QSize(DEFAULT_WIDTH_PX, self.height())

    @property
    def pending(self) -> bool:
        """True while the drawing asked for last is being made."""
        return self._drawing.pending

    def set_maker(self, maker: Maker) -> None:
        self._maker = maker
        self._drawn_width = 0
        self._drawing.cancel()  # a drawing on its way is the one before
        if self.isVisible():
            self.redraw()

    def clear(self) -> None:
        """Show nothing (until the next ``set_maker``)."""
        self._maker, self._drawn_width, self.svg = None, 0, b""
        self._drawing.cancel()
        self.load(QByteArray())

    def redraw(self) -> None:
        """Make the drawing at the widget's width (in the background thread), then show it."""
        if self._maker is None:
            return
        width = self.width() if self.isVisible() else DEFAULT_WIDTH_PX
        # Never narrower than the PDF's chart (its legend needs that room): the labels shrink instead.
        scale = min(SCALE, width / reports.CHART_MIN_WIDTH_PT)
        maker, size = self._maker, (width / scale, self.height() / scale)
        self._drawn_width = width
        self._drawing.run(lambda: maker(*size), self._show)

    def _show(self, svg: bytes) -> None:
        self.svg = svg
        self.load(QByteArray(svg))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._drawn_width != self.width():
            self.redraw()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible() and self._drawn_width and self._drawn_width != self.width():
            self._timer.start()
