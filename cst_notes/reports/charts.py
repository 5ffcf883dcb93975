"""The progress charts as reportlab Drawings, from plain data series.

The same Drawing goes into a PDF (it is a Flowable) and, in the GUI, to SVG through
``reportlab.graphics.renderSVG.drawToString``. Without a translator (the screen's charts) a
Drawing holds only Latin text (dates, numbers, fixed English labels): reportlab's graphics
``String`` is not shaped, so a Bengali or Devanagari word would come out broken; ``latin_label``
refuses anything else inside one. With a translator and a typesetter (a patient document), the
labels are in the document's language and in its plain words ("Average of the places felt", not
the practitioners' "stations"); in Bengali or Hindi they are shaped Paragraphs drawn over the
chart (``LabelledChart``), so that they read, copy and search like the rest of the page.

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
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect
from reportlab.lib import colors
from reportlab.lib.units import mm

from cst_notes.domain import vocabulary as V

from .chart_text import FONT_SIZE, LabelledChart, Words, latin_label, write
from .fonts import BASE_FONT, register_fonts
from .language import N_, Translator
from .styles import ACCENT, ACCENT_TINT, INK, MUTED, RULE, SECOND_SERIES
from .text import Typesetter

PainPoint = tuple[dt.date, int | None, int | None]
RatePoint = tuple[dt.date, Sequence[float]]

WIDTH = 170 * mm
HEIGHT = 68 * mm
_LEFT, _RIGHT, _BOTTOM, _TOP = 16 * mm, 4 * mm, 13 * mm, 11 * mm
_FONT_SIZE = FONT_SIZE
__all__ = [
    "HEIGHT",
    "WIDTH",
    "LabelledChart",
    "PainPoint",
    "RatePoint",
    "latin_label",
    "pain_chart",
    "rate_scale",
    "rating_chart",
    "rhythm_chart",
]


class _Frame:
    """A time axis (dates) against a value axis, inside a drawing of the given size."""

    def __init__(
        self, drawing: Drawing, days: Sequence[dt.date], y_max: float, y_step: float, words: Words | None = None
    ) -> None:
        self.d = drawing
        self.words = words or Words(None)
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

    def text(self, x: float, y: float, text: str, **how: Any) -> float:
        return write(self.d, x, y, text, **how)

    def axes(self, y_title: str) -> None:
        d, w = self.d, self.words
        steps = round(self.y_max / self.y_step)
        for i in range(steps + 1):
            value = i * self.y_step
            y = self.y(value)
            d.add(Line(self.x0, y, self.x1, y, strokeColor=RULE if i else MUTED, strokeWidth=0.4 if i else 0.8))
            self.text(self.x0 - 2 * mm, y - 2.5, w.number(value), anchor="end")
        for day in self._ticks():
            x = self.x(day)
            d.add(Line(x, self.y0, x, self.y0 - 1.5 * mm, strokeColor=MUTED, strokeWidth=0.6))
            self.text(x, self.y0 - 5 * mm, w.axis_date(day), anchor="middle")
        first, last = w.number(self.first.year), w.number(self.last.year)
        years = first if self.first.year == self.last.year else f"{first}–{last}"
        title = w.gettext("Session date ({years})").format(years=years)
        self.text((self.x0 + self.x1) / 2, 2 * mm, title, anchor="middle", color=INK)
        self.text(4 * mm, (self.y0 + self.y1) / 2, y_title, anchor="middle", color=INK, rotated=True)

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
            x += 9 * mm + self.text(x + 9 * mm, y - 2.6, label, color=INK, size=8) + 7 * mm


def _drawing(width: float, height: float, tr: Translator | None, ts: Typesetter | None) -> Drawing:
    """A Drawing, or a ``LabelledChart`` when its words need shaping (a translator not English)."""
    register_fonts()
    if tr is not None and not tr.english:
        if ts is None:
            raise ValueError("a chart in Bengali or Hindi needs the document's typesetter")
        drawing: Drawing = LabelledChart(width, height, ts)
    else:
        drawing = Drawing(width, height)
    drawing.initialFontName = BASE_FONT  # the renderers' starting font; not Helvetica, which is never embedded
    drawing.initialFontSize = _FONT_SIZE
    return drawing


def _empty(drawing: Drawing, message: str, words: Words) -> Drawing:
    drawing.add(Rect(0, 0, drawing.width, drawing.height, fillColor=ACCENT_TINT, strokeColor=None))
    write(drawing, drawing.width / 2, drawing.height / 2, words.gettext(message), anchor="middle", size=9, color=MUTED)
    return drawing


def pain_chart(
    points: Sequence[PainPoint],
    width: float = WIDTH,
    height: float = HEIGHT,
    tr: Translator | None = None,
    ts: Typesetter | None = None,
) -> Drawing:
    """Pain (0–10) before and after each session, by date; in ``tr``'s language for a document
    (a typesetter ``ts`` is needed for Bengali and Hindi)."""
    drawing, words = _drawing(width, height, tr, ts), Words(tr)
    before = [(day, float(b)) for day, b, _ in points if b is not None]
    after = [(day, float(a)) for day, _, a in points if a is not None]
    if not before and not after:
        return _empty(drawing, N_("No pain scores were recorded for these sessions."), words)
    frame = _Frame(drawing, [day for day, _ in before + after], V.PAIN_MAX, 2, words)
    frame.axes(words.gettext("Pain (0 none – 10 worst)"))
    frame.series(sorted(before), SECOND_SERIES, hollow=True)
    frame.series(sorted(after), ACCENT)
    frame.legend(
        [
            (words.gettext("Before the session"), SECOND_SERIES, "hollow"),
            (words.gettext("After the session"), ACCENT, "line"),
        ]
    )
    return drawing


RatingPoint = tuple[dt.date, int]


def rating_chart(
    sleep: Sequence[RatingPoint],
    stress: Sequence[RatingPoint],
    width: float = WIDTH,
    height: float = HEIGHT,
    tr: Translator | None = None,
    ts: Typesetter | None = None,
) -> Drawing:
    """Sleep and stress as the patient rated them (0–10) at each session, by date (in ``tr``'s
    language, as ``pain_chart``)."""
    drawing, words = _drawing(width, height, tr, ts), Words(tr)
    if not sleep and not stress:
        return _empty(drawing, N_("No sleep or stress ratings were recorded for these sessions."), words)
    frame = _Frame(drawing, [day for day, _ in (*sleep, *stress)], V.PAIN_MAX, 2, words)
    frame.axes(words.gettext("Rating (0 – 10)"))
    frame.series(sorted((day, float(v)) for day, v in sleep), ACCENT)
    frame.series(sorted((day, float(v)) for day, v in stress), SECOND_SERIES, hollow=True)
    frame.legend(
        [
            (words.gettext("Sleep (10 is best)"), ACCENT, "line"),
            (words.gettext("Stress (0 is none)"), SECOND_SERIES, "hollow"),
        ]
    )
    return drawing


def rate_scale(highest: float) -> tuple[float, float]:
    """(axis maximum, step) for rates up to ``highest`` cycles per minute."""
    top = max(highest, V.RATE_USUAL_MAX)
    step = 4.0 if top <= 20 else 5.0
    return step * math.ceil((top + 0.01) / step), step


def rhythm_chart(
    points: Sequence[RatePoint],
    width: float = WIDTH,
    height: float = HEIGHT,
    tr: Translator | None = None,
    ts: Typesetter | None = None,
) -> Drawing:
    """The mean rhythm rate per session (cycles per minute), with the station range and usual band;
    a document's (``tr``) says "places felt" where the screen says "stations"."""
    drawing, words = _drawing(width, height, tr, ts), Words(tr)
    sessions = sorted((day, list(rates)) for day, rates in points if rates)
    if not sessions:
        return _empty(drawing, N_("No rhythm rates were recorded for these sessions."), words)
    y_max, step = rate_scale(max(max(rates) for _, rates in sessions))
    frame = _Frame(drawing, [day for day, _ in sessions], y_max, step, words)
    low, high = frame.y(V.RATE_USUAL_MIN), frame.y(V.RATE_USUAL_MAX)
    drawing.add(Rect(frame.x0, low, frame.x1 - frame.x0, high - low, fillColor=ACCENT_TINT, strokeColor=None))
    frame.axes(words.gettext("Rhythm rate (cycles per minute)"))
    whisker = colors.HexColor("#9CC5C2")
    for day, rates in sessions:
        if len(rates) > 1:
            x = frame.x(day)
            drawing.add(Line(x, frame.y(min(rates)), x, frame.y(max(rates)), strokeColor=whisker, strokeWidth=1.2))
    frame.series([(day, fmean(rates)) for day, rates in sessions], ACCENT)
    usual = words.gettext("Usual range {low}–{high}").format(
        low=words.number(V.RATE_USUAL_MIN), high=words.number(V.RATE_USUAL_MAX)
    )
    frame.legend(
        [
            (words.gettext("Average of the places felt", screen="Average of the stations"), ACCENT, "line"),
            (words.gettext("Lowest to highest place felt", screen="Lowest to highest station"), whisker, "whisker"),
            (usual, ACCENT_TINT, "band"),
        ]
    )
    return drawing
