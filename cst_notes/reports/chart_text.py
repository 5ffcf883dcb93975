"""The words on a chart: plain Strings (Latin only) or, in Bengali and Hindi, shaped Paragraphs.

reportlab's graphics ``String`` is not shaped, so a chart holds only Latin text unless its words
are drawn over it as Paragraphs (``LabelledChart``), which are shaped and carry /ActualText like the
rest of the page. ``Words`` says what a chart says: the screen's words (no translator) or a patient
document's, in its language.
"""

from __future__ import annotations

import datetime as dt

from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib import colors
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .fonts import BASE_FONT, Script
from .formatting import axis_date, number
from .language import Translator
from .styles import MUTED
from .text import Typesetter, script_of

FONT_SIZE = 7.5


def latin_label(text: str) -> str:
    """``text`` if it needs no shaping (no Bengali or Devanagari); ValueError otherwise."""
    if any(script_of(ch) not in (None, Script.LATIN) for ch in text):
        raise ValueError(f"chart labels are drawn unshaped, so they must be Latin text: {text!r}")
    return text


def _text(
    x: float, y: float, text: str, *, anchor: str = "start", size: float = FONT_SIZE, color: colors.Color = MUTED
) -> String:
    return String(x, y, latin_label(text), fontName=BASE_FONT, fontSize=size, fillColor=color, textAnchor=anchor)


_ALIGN = {"start": TA_LEFT, "middle": TA_CENTER, "end": TA_RIGHT}
_LABEL_BOX = 80 * mm  # the width a shaped label is laid out in (it is one short line)


class LabelledChart(Drawing):  # type: ignore[misc]
    """A chart whose words are shaped Paragraphs drawn over the drawing (Bengali, Devanagari)."""

    _attrMap = AttrMap(BASE=Drawing, ts=AttrMapValue(None), labels=AttrMapValue(None))

    def __init__(self, width: float, height: float, ts: Typesetter) -> None:
        super().__init__(width, height)
        self.ts = ts
        self.labels: list[tuple[float, float, object, str, bool]] = []  # x, y (baseline), paragraph, anchor, rotated

    def label(
        self, x: float, y: float, text: str, anchor: str, size: float, color: colors.Color, rotated: bool
    ) -> float:
        """Places ``text`` with its baseline at (x, y); its width."""
        style = ParagraphStyle(
            f"chart-{anchor}-{size}", fontName=BASE_FONT, fontSize=size, leading=size * 1.25, alignment=_ALIGN[anchor]
        )
        style.shaping = 1
        para = self.ts.para(self.ts.span(text, color="#" + color.hexval()[2:]), style=style)
        para.wrap(_LABEL_BOX, size * 4)
        self.labels.append((x, y, para, anchor, rotated))
        return float(max(para.getActualLineWidths0()))

    def draw(self) -> None:
        super().draw()
        canvas: Canvas = self.canv
        for x, y, para, anchor, rotated in self.labels:
            left = {"start": 0.0, "middle": -_LABEL_BOX / 2, "end": -_LABEL_BOX}[anchor]
            size = para.style.fontSize  # type: ignore[attr-defined]
            canvas.saveState()
            canvas.translate(x, y)
            if rotated:
                canvas.rotate(90)
            para.drawOn(canvas, left, -(para.height - size))  # type: ignore[attr-defined]
            canvas.restoreState()


def write(
    d: Drawing,
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    size: float = FONT_SIZE,
    color: colors.Color = MUTED,
    rotated: bool = False,
) -> float:
    """Writes ``text`` with its baseline at (x, y), as a String or (``LabelledChart``) a shaped
    Paragraph; its width."""
    if isinstance(d, LabelledChart):
        return d.label(x, y, text, anchor, size, color, rotated)
    string = _text(0 if rotated else x, 0 if rotated else y, text, anchor=anchor, size=size, color=color)
    if rotated:
        group = Group(string)
        group.translate(x, y)
        group.rotate(90)
        d.add(group)
    else:
        d.add(string)
    return float(string.getEast() - string.x)


class Words:
    """What a chart says: the screen's words (no translator) or a patient document's, translated."""

    def __init__(self, tr: Translator | None) -> None:
        self.tr = tr

    def gettext(self, message: str, screen: str | None = None) -> str:
        if self.tr is None:
            return screen or message
        return self.tr.gettext(message)

    def number(self, value: float) -> str:
        return self.tr.number(value) if self.tr else number(value)

    def axis_date(self, day: dt.date) -> str:
        return self.tr.axis_date(day) if self.tr else axis_date(day)
