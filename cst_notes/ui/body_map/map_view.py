"""The body map: four drawings (body front and back, skull from above and from the side) to mark restrictions on.

The drawings are SVG files, painted as vectors so the map stays sharp at any size. Clicks are matched
against the drawings' real shapes, mapped through the same transform used to paint them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QTransform,
)
from PySide6.QtWidgets import QToolTip, QWidget

from cst_notes.domain import vocabulary as V
from cst_notes.domain.session import Restriction
from cst_notes.ui.body_map.drawings import BODY_MAP_DIR, RegionShape, read_once
from cst_notes.ui.body_map.severity_style import (
    BACKGROUND,
    SEVERITY_RANK,
    SEVERITY_STYLES,
    paint_severity,
    severity_swatch,
    sides_match,
)

DRAWINGS = ("body_front", "body_back", "skull_top", "skull_side")
# Where each drawing sits, in drawing units: in one row (the skulls stacked), or the skulls under the bodies.
# The map takes whichever shows the drawings larger in the space it has.
LAYOUTS = (
    ((0.0, 0.0), (250.0, 0.0), (520.0, 0.0), (520.0, 280.0)),
    ((0.0, 0.0), (260.0, 0.0), (0.0, 570.0), (270.0, 570.0)),
)
MARGIN = 6
LEGEND_HEIGHT = 24
HIGHLIGHT = QColor("#0b3d91")
HOVER = QColor("#1f6fb2")


def read_ahead(delay_ms: int, drawings_dir: Path = BODY_MAP_DIR) -> None:
    """Read the drawings in idle time, one a turn of the event loop after ``delay_ms``, so that the
    first session editor opens without reading them."""
    names = list(DRAWINGS)

    def next_one() -> None:
        read_once(drawings_dir / f"{names.pop(0)}.svg")
        if names:
            QTimer.singleShot(0, next_one)

    QTimer.singleShot(delay_ms, next_one)


class BodyMap(QWidget):
    """Shows the drawings; colours marked regions by severity; tells which region was clicked."""

    region_clicked = Signal(str)  # REGIONS code
    region_clicked_on_side = Signal(str, str)  # code, and the patient's side the clicked shape shows (or "")

    def __init__(self, drawings_dir: Path = BODY_MAP_DIR, parent: Any = None) -> None:
        super().__init__(parent)
        self.drawings = tuple(read_once(drawings_dir / f"{name}.svg") for name in DRAWINGS)
        self._restrictions: tuple[Restriction, ...] = ()
        self._highlight: tuple[str, str] | None = None
        self._hover: RegionShape | None = None
        self._pressed: RegionShape | None = None
        self._transforms: list[QTransform] = []
        self._cache: QPixmap | None = None
        self.setMouseTracking(True)
        self.setMinimumSize(240, 180)
        self.setAccessibleName("Body map")

    # --- the public interface -----------------------------------------------------------------------

    def set_restrictions(self, restrictions: Iterable[Restriction]) -> None:
        self._restrictions = tuple(restrictions)
        self._cache = None
        self.update()

    def set_highlight(self, code: str | None, side: str = "") -> None:
        """Outline a region strongly (only its shapes on ``side`` when given); None clears."""
        self._highlight = (code, side) if code else None
        self._cache = None
        self.update()

    def highlight(self) -> tuple[str, str] | None:
        return self._highlight

    def region_at(self, pos: QPointF | QPoint) -> str | None:
        shape = self.shape_at(pos)
        return shape.code if shape else None

    def shape_at(self, pos: QPointF | QPoint) -> RegionShape | None:
        point = QPointF(pos)
        for drawing, transform in zip(self.drawings, self._layout(), strict=True):
            if transform.mapRect(drawing.view_box).contains(point):
                return drawing.shape_at(transform.inverted()[0].map(point))
        return None

    def region_center(self, code: str, side: str = "") -> QPoint:
        """A point well inside a region (on ``side`` when given), where a click reaches that region."""
        for drawing, transform in zip(self.drawings, self._layout(), strict=True):
            for shape in drawing.regions():
                if shape.code == code and (not side or shape.side in (side, "")):
                    point = self._inner_point(shape, transform.map(shape.visible).boundingRect())
                    if point is not None:
                        return point
        raise ValueError(f"{code!r} cannot be clicked on the map at this size")

    def sizeHint(self) -> QSize:
        return QSize(720, 540)

    # --- geometry -----------------------------------------------------------------------------------

    def _layout(self) -> list[QTransform]:
        """For each drawing, the transform from its own coordinates to the widget's."""
        if self._transforms:
            return self._transforms
        space = QRectF(self.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN - LEGEND_HEIGHT)
        fits = []
        for layout in LAYOUTS:
            bounds = QRectF()
            for drawing, (x, y) in zip(self.drawings, layout, strict=True):
                bounds |= QRectF(x, y, drawing.view_box.width(), drawing.view_box.height())
            fits.append((min(space.width() / bounds.width(), space.height() / bounds.height()), bounds, layout))
        scale, bounds, layout = max(fits, key=lambda fit: fit[0])
        scale = max(scale, 1e-3)
        left = space.left() + (space.width() - bounds.width() * scale) / 2
        top = space.top() + (space.height() - bounds.height() * scale) / 2
        for drawing, (x, y) in zip(self.drawings, layout, strict=True):
            transform = QTransform()
            transform.translate(left + (x - bounds.left()) * scale, top + (y - bounds.top()) * scale)
            transform.scale(scale, scale)
            transform.translate(-drawing.view_box.left(), -drawing.view_box.top())
            self._transforms.append(transform)
        return self._transforms

    def _inner_point(self, shape: RegionShape, box: QRectF) -> QPoint | None:
        """The point nearest the shape's centre whose neighbours (2 px around) are on the shape too."""
        step = max(1, int(min(box.width(), box.height()) / 4), math.ceil(math.sqrt(box.width() * box.height() / 400)))
        points = [
            QPoint(x, y)
            for x in range(math.floor(box.left()), math.ceil(box.right()) + 1, step)
            for y in range(math.floor(box.top()), math.ceil(box.bottom()) + 1, step)
        ]
        points.sort(key=lambda p: (p.x() - box.center().x()) ** 2 + (p.y() - box.center().y()) ** 2)
        for reach in (2, 1, 0):
            around = [QPoint(dx, dy) for dx in (-reach, 0, reach) for dy in (-reach, 0, reach)]
            for point in points:
                if all(self.shape_at(point + d) is shape for d in around):
                    return point
        return None

    def _marked(self, shape: RegionShape) -> str:
        """The most severe restriction shown on a shape ('' if none)."""
        found = [r.severity for r in self._restrictions if r.region == shape.code and sides_match(shape.side, r.side)]
        return max(found, key=lambda s: SEVERITY_RANK.get(s, -1), default="")

    def _shapes(self) -> Iterator[tuple[RegionShape, QTransform]]:
        for drawing, transform in zip(self.drawings, self._layout(), strict=True):
            for shape in drawing.regions():
                yield shape, transform

    # --- painting -----------------------------------------------------------------------------------

    def resizeEvent(self, event: Any) -> None:
        self._transforms = []
        self._cache = None
        super().resizeEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._picture())
        if self._hover is not None:
            transform = next(t for s, t in self._shapes() if s is self._hover)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.strokePath(transform.map(self._hover.visible), QPen(HOVER, 1.5, Qt.PenStyle.DashLine))
        painter.end()

    def _picture(self) -> QPixmap:
        """The drawings, the marks, the highlight and the legend at the screen's pixel density.

        Kept until the size, the marks or the highlight change, so that moving the mouse repaints little.
        """
        if self._cache is None:
            ratio = self.devicePixelRatioF()
            pixmap = QPixmap(self.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(BACKGROUND)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            for drawing, transform in zip(self.drawings, self._layout(), strict=True):
                drawing.renderer.render(painter, transform.mapRect(drawing.view_box))
            for shape, transform in self._shapes():
                severity = self._marked(shape)
                if severity in SEVERITY_STYLES:
                    paint_severity(painter, transform.map(shape.visible), severity)
            for shape, transform in self._shapes():
                if self._highlight and shape.code == self._highlight[0] and sides_match(shape.side, self._highlight[1]):
                    path = transform.map(shape.visible)
                    painter.strokePath(path, QPen(BACKGROUND, 6))
                    painter.strokePath(path, QPen(HIGHLIGHT, 3))
            self._paint_legend(painter)
            painter.end()
            self._cache = pixmap
        return self._cache

    def _paint_legend(self, painter: QPainter) -> None:
        painter.setPen(self.palette().color(self.foregroundRole()))
        metrics = painter.fontMetrics()
        x, y = MARGIN + 4, self.height() - MARGIN - LEGEND_HEIGHT + 4
        for code in V.SEVERITIES.codes:
            painter.drawPixmap(x, y + 2, severity_swatch(code, 16))
            label = V.SEVERITIES.label(code)
            painter.drawText(x + 22, y + 2 + (16 + metrics.ascent() - metrics.descent()) // 2, label)
            x += 22 + metrics.horizontalAdvance(label) + 16

    # --- the mouse ----------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = self.shape_at(event.position())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        shape, self._pressed = self._pressed, None
        if (
            event.button() == Qt.MouseButton.LeftButton
            and shape is not None
            and self.shape_at(event.position()) is shape
        ):
            self.region_clicked.emit(shape.code)
            self.region_clicked_on_side.emit(shape.code, shape.side)
        super().mouseReleaseEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._set_hover(self.shape_at(event.position()))

    def leaveEvent(self, event: QEvent) -> None:
        self._set_hover(None)
        super().leaveEvent(event)

    def _set_hover(self, shape: RegionShape | None) -> None:
        if shape is not self._hover:
            self._hover = shape
            if shape is None:
                self.unsetCursor()
            else:
                self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.update()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            shape = self.shape_at(event.pos())
            if shape is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_text(shape), self)
            return True
        return super().event(event)

    def tooltip_text(self, shape: RegionShape) -> str:
        text = V.REGIONS.label(shape.code)
        if shape.side:
            text += f" ({V.RESTRICTION_SIDES.label(shape.side).lower()})"
        marks = [r for r in self._restrictions if r.region == shape.code and sides_match(shape.side, r.side)]
        for r in marks:
            text += f"\n{V.SEVERITIES.label(r.severity)}, {V.RESTRICTION_SIDES.label(r.side).lower()}"
        return text
