"""The progress charts as reportlab Drawings, from plain data series.

The same Drawing goes into a PDF (it is a Flowable) and, in the GUI, to SVG through
``reportlab.graphics.renderSVG.drawToString``. Drawings hold only Latin text (dates, numbers,
fixed English labels): reportlab's graphics ``String`` is not shaped, so a Bengali or
Devanagari title would come out broken. Titles naming the patient are Paragraphs placed above
the drawing by the document; ``latin_label`` refuses anything else inside one.

- ``pain_chart([(date, before, after), ...])``: pain 0–10 before and after each session.
- ``rating_chart([(date, sleep), ...], [(date, stress), ...])``: sleep and stress 0–10 per session.
- ``rhythm_chart([(date, [rate, rate, ...]), ...])``: the mean craniosacral rhythm rate per
  session with the lowest–highest station as a whisker, over the usual range as a band.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from statistics import fmean

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from cst_notes.domain import vocabulary as V

from .fonts import BASE_FONT, Script, register_fonts
from .formatting import axis_date, number
from .styles import ACCENT, ACCENT_TINT, INK, MUTED, RULE, SECOND_SERIES
from .text import script_of

PainPoint = tuple[dt.date, int | None, int | None]
RatePoint = tuple[dt.date, Sequence[float]]

WIDTH = 170 * mm
HEIGHT = 68 * mm
_LEFT, _RIGHT, _BOTTOM, _TOP = 16 * mm, 4 * mm, 13 * mm, 11 * mm
_FONT_SIZE = 7.5


def latin_label(text: str) -> str:
    """``text`` if it needs no shaping (no Bengali or Devanagari); ValueError otherwise."""
    if any(script_of(ch) not in (None, Script.LATIN) for ch in text):
        raise ValueError(f"chart labels are drawn unshaped, so they must be Latin text: {text!r}")
    return text


def _text(
    x: float, y: float, text: str, *, anchor: str = "start", size: float = _FONT_SIZE, color: colors.Color = MUTED
) -> String:
    return String(x, y, latin_label(text), fontName=BASE_FONT, fontSize=size, fillColor=color, textAnchor=anchor)


class _Frame:
    """A time axis (dates) against a value axis, inside a drawing of the given size."""

    def __init__(self, drawing: Drawing, days: Sequence[dt.date], y_max: float, y_step: float) -> None:
        self.d = drawing
        self.x0, self.x1 = _LEFT, drawing.width - _RIGHT
        self.y0, self.y1 = _BOTTOM, drawing.height - _TOP
        first, last = min(days), max(days)
        pad = max(2, (last - first).days // 30)
        self.t0 = first.toordinal() - pad
        self.t1 = max(last.toordinal() + pad, self.t0 + 14)
        self.y_max, self.y_step = y_max, y_step
        self.first, self.last = first, last

    def x(self, day: dt.date) -> float:
        return float(self.x0) + (day.toordinal() - self.t0) / (self.t1 - self.t0) * float(self.x1 - self.x0)

    def y(self, value: float) -> float:
        return float(self.y0) + min(max(value, 0), self.y_max) / self.y_max * float(self.y1 - self.y0)

    def axes(self, y_title: str) -> None:
        d = self.d
        steps = round(self.y_max / self.y_step)
        for i in range(steps + 1):
            value = i * self.y_step
            y = self.y(value)
            d.add(Line(self.x0, y, self.x1, y, strokeColor=RULE if i else MUTED, strokeWidth=0.4 if i else 0.8))
            d.add(_text(self.x0 - 2 * mm, y - 2.5, number(value), anchor="end"))
        for day in self._ticks():
            x = self.x(day)
            d.add(Line(x, self.y0, x, self.y0 - 1.5 * mm, strokeColor=MUTED, strokeWidth=0.6))
            d.add(_text(x, self.y0 - 5 * mm, axis_date(day), anchor="middle"))
        years = f"{self.first.year}" if self.first.year == self.last.year else f"{self.first.year}–{self.last.year}"
        d.add(_text((self.x0 + self.x1) / 2, 2 * mm, f"Session date ({years})", anchor="middle", color=INK))
        label = Group(_text(0, 0, y_title, anchor="middle", color=INK))
        label.translate(4 * mm, (self.y0 + self.y1) / 2)
        label.rotate(90)
        d.add(label)

    def _ticks(self) -> list[dt.date]:
        span = (self.last - self.first).days
        if span == 0:
            return [self.first]
        count = min(6, span + 1)
        step = span / (count - 1)
        ticks = [self.first + dt.timedelta(days=round(i * step)) for i in range(count)]
        return sorted(set(ticks))

    def series(self, points: Sequence[tuple[dt.date, float]], color: colors.Color, *, hollow: bool = False) -> None:
        coords = [(self.x(day), self.y(value)) for day, value in points]
        if len(coords) > 1:
            flat = [c for xy in coords for c in xy]
            self.d.add(PolyLine(flat, strokeColor=color, strokeWidth=1.6, strokeLineJoin=1, strokeLineCap=1))
        for x, y in coords:
            fill = colors.white if hollow else color
            self.d.add(Circle(x, y, 2.1, fillColor=fill, strokeColor=color, strokeWidth=1.2))

    def legend(self, entries: Sequence[tuple[str, colors.Color, str]]) -> None:
        """Entries (label, colour, kind) with kind 'line', 'hollow', 'band' or 'whisker', top left."""
        x, y = self.x0, self.d.height - 5 * mm
        for label, color, kind in entries:
            if kind == "band":
                self.d.add(Rect(x, y - 1.5 * mm, 7 * mm, 3 * mm, fillColor=color, strokeColor=None))
            elif kind == "whisker":
                self.d.add(
                    Line(x + 3.5 * mm, y - 1.8 * mm, x + 3.5 * mm, y + 1.8 * mm, strokeColor=color, strokeWidth=1.2)
                )
            else:
                self.d.add(Line(x, y, x + 7 * mm, y, strokeColor=color, strokeWidth=1.6))
                fill = colors.white if kind == "hollow" else color
                self.d.add(Circle(x + 3.5 * mm, y, 2.1, fillColor=fill, strokeColor=color, strokeWidth=1.2))
            text = _text(x + 9 * mm, y - 2.6, label, color=INK, size=8)
            self.d.add(text)
            x += 9 * mm + text.getEast() - text.x + 7 * mm


def _drawing(width: float, height: float) -> Drawing:
    register_fonts()
    drawing = Drawing(width, height)
    drawing.initialFontName = BASE_FONT  # the renderers' starting font; not Helvetica, which is never embedded
    drawing.initialFontSize = _FONT_SIZE
    return drawing


def _empty(drawing: Drawing, message: str) -> Drawing:
    drawing.add(Rect(0, 0, drawing.width, drawing.height, fillColor=ACCENT_TINT, strokeColor=None))
    drawing.add(_text(drawing.width / 2, drawing.height / 2, message, anchor="middle", size=9, color=MUTED))
    return drawing


def pain_chart(points: Sequence[PainPoint], width: float = WIDTH, height: float = HEIGHT) -> Drawing:
    """Pain (0–10) before and after each session, by date."""
    drawing = _drawing(width, height)
    before = [(day, float(b)) for day, b, _ in points if b is not None]
    after = [(day, float(a)) for day, _, a in points if a is not None]
    if not before and not after:
        return _empty(drawing, "No pain scores were recorded for these sessions.")
    frame = _Frame(drawing, [day for day, _ in before + after], V.PAIN_MAX, 2)
    frame.axes("Pain (0 none – 10 worst)")
    frame.series(sorted(before), SECOND_SERIES, hollow=True)
    frame.series(sorted(after), ACCENT)
    frame.legend([("Before the session", SECOND_SERIES, "hollow"), ("After the session", ACCENT, "line")])
    return drawing


RatingPoint = tuple[dt.date, int]


def rating_chart(
    sleep: Sequence[RatingPoint], stress: Sequence[RatingPoint], width: float = WIDTH, height: float = HEIGHT
) -> Drawing:
    """Sleep and stress as the patient rated them (0–10) at each session, by date."""
    drawing = _drawing(width, height)
    if not sleep and not stress:
        return _empty(drawing, "No sleep or stress ratings were recorded for these sessions.")
    frame = _Frame(drawing, [day for day, _ in (*sleep, *stress)], V.PAIN_MAX, 2)
    frame.axes("Rating (0 – 10)")
    frame.series(sorted((day, float(v)) for day, v in sleep), ACCENT)
    frame.series(sorted((day, float(v)) for day, v in stress), SECOND_SERIES, hollow=True)
    frame.legend([("Sleep (10 is best)", ACCENT, "line"), ("Stress (0 is none)", SECOND_SERIES, "hollow")])
    return drawing


def rate_scale(highest: float) -> tuple[float, float]:
    """(axis maximum, step) for rates up to ``highest`` cycles per minute."""
    top = max(highest, V.RATE_USUAL_MAX)
    step = 4.0 if top <= 20 else 5.0
    return step * math.ceil((top + 0.01) / step), step


def rhythm_chart(points: Sequence[RatePoint], width: float = WIDTH, height: float = HEIGHT) -> Drawing:
    """The mean rhythm rate per session (cycles per minute), with the station range and usual band."""
    drawing = _drawing(width, height)
    sessions = sorted((day, list(rates)) for day, rates in points if rates)
    if not sessions:
        return _empty(drawing, "No rhythm rates were recorded for these sessions.")
    y_max, step = rate_scale(max(max(rates) for _, rates in sessions))
    frame = _Frame(drawing, [day for day, _ in sessions], y_max, step)
    low, high = frame.y(V.RATE_USUAL_MIN), frame.y(V.RATE_USUAL_MAX)
    drawing.add(Rect(frame.x0, low, frame.x1 - frame.x0, high - low, fillColor=ACCENT_TINT, strokeColor=None))
    frame.axes("Rhythm rate (cycles per minute)")
    whisker = colors.HexColor("#9CC5C2")
    for day, rates in sessions:
        if len(rates) > 1:
            x = frame.x(day)
            drawing.add(Line(x, frame.y(min(rates)), x, frame.y(max(rates)), strokeColor=whisker, strokeWidth=1.2))
    frame.series([(day, fmean(rates)) for day, rates in sessions], ACCENT)
    usual = f"Usual range {number(V.RATE_USUAL_MIN)}–{number(V.RATE_USUAL_MAX)}"
    frame.legend(
        [
            ("Average of the stations", ACCENT, "line"),
            ("Lowest to highest station", whisker, "whisker"),
            (usual, ACCENT_TINT, "band"),
        ]
    )
    return drawing
