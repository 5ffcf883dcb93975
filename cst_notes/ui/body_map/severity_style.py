"""How a marked region looks on the body map: a wash, a hatch and an edge for each severity."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmap

from cst_notes.domain import vocabulary as V

BACKGROUND = QColor("#ffffff")


@dataclass(frozen=True)
class SeverityStyle:
    fill: QColor  # a translucent wash
    hatch: Qt.BrushStyle  # a pattern too, so that severity never rests on colour alone
    edge: QColor
    edge_width: float


SEVERITY_STYLES = {
    "mild": SeverityStyle(QColor(250, 205, 40, 130), Qt.BrushStyle.NoBrush, QColor("#8a6d00"), 1.5),
    "moderate": SeverityStyle(QColor(240, 125, 20, 150), Qt.BrushStyle.BDiagPattern, QColor("#8f3f00"), 2.2),
    "severe": SeverityStyle(QColor(190, 25, 35, 165), Qt.BrushStyle.DiagCrossPattern, QColor("#4d0509"), 3.2),
}
SEVERITY_RANK = {code: n for n, code in enumerate(V.SEVERITIES.codes)}


def sides_match(shape_side: str, restriction_side: str) -> bool:
    """A left knee drawn is marked by a left, bilateral or midline restriction, not by a right one."""
    return not (shape_side and restriction_side in ("left", "right") and restriction_side != shape_side)


def paint_severity(painter: QPainter, path: QPainterPath, severity: str) -> None:
    style = SEVERITY_STYLES[severity]
    painter.fillPath(path, style.fill)
    if style.hatch != Qt.BrushStyle.NoBrush:
        painter.fillPath(path, QBrush(style.edge, style.hatch))
    painter.strokePath(path, QPen(style.edge, style.edge_width))


def severity_swatch(severity: str, size: int = 14) -> QPixmap:
    """A small square in a severity's style, for lists and legends."""
    pixmap = QPixmap(size, size)
    pixmap.fill(BACKGROUND)
    painter = QPainter(pixmap)
    path = QPainterPath()
    path.addRect(QRectF(1.5, 1.5, size - 3, size - 3))
    paint_severity(painter, path, severity)
    painter.end()
    return pixmap
