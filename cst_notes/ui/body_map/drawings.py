"""The body-map drawings: each SVG with its clickable shapes, read into painter paths.

A clickable shape carries ``data-region`` (a REGIONS code) and, when it shows one side of the patient,
``data-side`` ("left" / "right"). A line (a suture) is clickable along a band ``data-hit-width`` wide.
A shape of class ``hole`` (an orbit, an ear canal) is not clickable and hides what lies under it.
Coordinates are the drawing's own (its viewBox); transforms are not supported, so the paths here are
exactly what QSvgRenderer paints.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainterPath, QPainterPathStroker, QPolygonF
from PySide6.QtSvg import QSvgRenderer

from cst_notes import paths

BODY_MAP_DIR = paths.RESOURCES / "body_map"
SVG = "{http://www.w3.org/2000/svg}"
_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
Pt = tuple[float, float]
_ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "Z": 0}


@dataclass(frozen=True, eq=False)
class RegionShape:
    code: str  # a REGIONS code; "" for a hole
    side: str  # the patient's side this shape shows ("left" / "right"), or ""
    path: QPainterPath  # its outline, in drawing coordinates
    visible: QPainterPath  # the part not covered by the shapes above it: where a click finds it


@dataclass(eq=False)
class Drawing:
    name: str
    renderer: QSvgRenderer
    view_box: QRectF
    shapes: tuple[RegionShape, ...]  # in painting order: the last one is on top

    def shape_at(self, point: QPointF) -> RegionShape | None:
        """The topmost clickable shape under a point in drawing coordinates."""
        for shape in reversed(self.shapes):
            if shape.path.contains(point):
                return shape if shape.code else None
        return None

    def regions(self) -> Iterator[RegionShape]:
        return (s for s in self.shapes if s.code)


def load_drawing(path: Path) -> Drawing:
    renderer = QSvgRenderer(str(path))
    if not renderer.isValid():
        raise ValueError(f"{path} is not a valid SVG drawing")
    return Drawing(path.stem, renderer, renderer.viewBoxF(), read_shapes(path.read_text(encoding="utf-8")))


@functools.cache
def read_once(path: Path) -> Drawing:
    """``load_drawing(path)``, read once per process: the drawings are part of the app and do not change
    while it runs, and reading one takes tens of milliseconds (every session editor shows all four).
    A Drawing is never changed once read, so every body map shares it (in the GUI thread)."""
    return load_drawing(path)


def read_shapes(svg_text: str) -> tuple[RegionShape, ...]:
    root = ET.fromstring(svg_text)
    shapes: list[tuple[str, str, QPainterPath]] = []
    for element in root.iter():
        code = element.get("data-region", "")
        if not code and "hole" not in element.get("class", "").split():
            continue
        if "transform" in element.attrib:
            raise ValueError(f"{code or 'a hole'}: transforms are not supported")
        path = element_path(element)
        width = float(element.get("data-hit-width", 0))
        if width:
            stroker = QPainterPathStroker()
            stroker.setWidth(width)
            stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
            stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            path = stroker.createStroke(path).simplified()
        shapes.append((code, element.get("data-side", ""), path))
    if any(e.get("transform") for e in root.iter(f"{SVG}g")):
        raise ValueError("transforms are not supported")
    out: list[RegionShape] = []
    above = QPainterPath()
    for code, side, path in reversed(shapes):
        out.append(RegionShape(code, side, path, path.subtracted(above) if not above.isEmpty() else path))
        above = above.united(path)
    return tuple(reversed(out))


def element_path(element: ET.Element) -> QPainterPath:
    tag = element.tag.removeprefix(SVG)

    def num(name: str) -> float:
        return float(element.get(name, 0))

    path = QPainterPath()
    if tag == "path":
        return path_from_d(element.get("d", ""))
    if tag == "rect":
        rx = num("rx") or num("ry")
        path.addRoundedRect(QRectF(num("x"), num("y"), num("width"), num("height")), rx, num("ry") or rx)
    elif tag == "circle":
        path.addEllipse(QPointF(num("cx"), num("cy")), num("r"), num("r"))
    elif tag == "ellipse":
        path.addEllipse(QPointF(num("cx"), num("cy")), num("rx"), num("ry"))
    elif tag in ("polygon", "polyline"):
        values = [float(v) for v in _TOKEN.findall(element.get("points", ""))]
        outline = list(zip(values[::2], values[1::2], strict=True))
        return _polygons([[*outline, outline[0]] if tag == "polygon" else outline])
    else:
        raise ValueError(f"<{tag}> cannot be a region")
    return path


def path_from_d(d: str) -> QPainterPath:  # noqa: C901
    """An SVG path's ``d`` (commands M L H V C S Q Z, absolute or relative) as a QPainterPath.

    Curves are flattened here into short lines (about 2 units long): the path is for hit-testing and
    for colouring a region, and one polygon per outline keeps the calls into Qt few.
    """
    tokens = _TOKEN.findall(d)
    outlines: list[list[Pt]] = []
    x = y = 0.0
    last_control: Pt | None = None
    command = ""
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command.upper() not in _ARGS:
                raise ValueError(f"path command {command!r} is not supported")
        elif not command:
            raise ValueError(f"path data must start with a command: {d[:20]!r}")
        up, rel = command.upper(), command.islower()
        n = _ARGS[up]
        args = [float(t) for t in tokens[i : i + n]]
        i += n
        if len(args) < n:
            raise ValueError(f"path command {command!r} lacks numbers")
        if up == "Z":
            outlines[-1].append(outlines[-1][0])
            x, y = outlines[-1][0]
            last_control = None
            continue
        if up == "H":
            args = [args[0], 0.0 if rel else y]
        elif up == "V":
            args = [0.0 if rel else x, args[0]]
        if rel:
            args = [a + (x if k % 2 == 0 else y) for k, a in enumerate(args)]
        points = [(args[k], args[k + 1]) for k in range(0, len(args), 2)]
        control = None
        if up == "M":
            outlines.append([points[0]])
            command = "l" if rel else "L"  # further pairs after M are lines
        elif up in ("L", "H", "V"):
            outlines[-1].append(points[0])
        elif up in ("C", "S"):
            if up == "S":
                first = (2 * x - last_control[0], 2 * y - last_control[1]) if last_control else (x, y)
                points = [first, *points]
            outlines[-1] += _bezier([(x, y), *points])
            control = points[1]
        else:  # Q
            outlines[-1] += _bezier([(x, y), *points])
        last_control = control
        x, y = points[-1]
    return _polygons(outlines)


def _bezier(controls: list[Pt]) -> list[Pt]:
    """Points along a quadratic or cubic Bézier curve (without its start)."""
    length = sum(math.dist(a, b) for a, b in itertools.pairwise(controls))
    steps = min(48, max(4, math.ceil(length / 2)))
    out = []
    for k in range(1, steps + 1):
        t = k / steps
        points = controls
        while len(points) > 1:  # de Casteljau
            points = [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t) for a, b in itertools.pairwise(points)]
        out.append(points[0])
    return out


def _polygons(outlines: list[list[Pt]]) -> QPainterPath:
    path = QPainterPath()
    for outline in outlines:
        path.addPolygon(QPolygonF([QPointF(px, py) for px, py in outline]))
    return path
