"""The documents' charts for a screen: the same Drawings the PDFs print, as SVG that Qt's
renderer (SVG Tiny) draws as the PDF does. The GUI's Progress tab shows these."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Drawing

from .charts import WIDTH, PainPoint, RatePoint, pain_chart, rhythm_chart
from .fonts import BASE_FONT, BASE_FONT_BOLD

CHART_MIN_WIDTH_PT = WIDTH  # narrower than the PDF's chart, the legend has no room
_CLIP = re.compile(r"<clipPath id=\"clip\">.*?</clipPath>|style=\"clip-path: url\(#clip\)\"", re.DOTALL)


def drawing_svg(drawing: Drawing) -> bytes:
    """reportlab's SVG of ``drawing`` with three changes Qt needs: the font named as the
    application registers it ("Noto Sans", not "NotoSans"; so the labels keep the widths reportlab
    measured them with), "fill: none" in lower case (else lines are filled black) and no clip path
    (the drawing's own border, which Qt would paint as a black rectangle)."""
    svg = _CLIP.sub("", renderSVG.drawToString(drawing)).replace("fill: None;", "fill: none;")
    svg = svg.replace(f"font-family: {BASE_FONT_BOLD};", "font-family: 'Noto Sans'; font-weight: bold;")
    svg = svg.replace(f"font-family: {BASE_FONT};", "font-family: 'Noto Sans';")
    return svg.encode("utf-8")


def pain_chart_svg(points: Sequence[PainPoint], width: float, height: float) -> bytes:
    """Pain before and after each session, ``width`` x ``height`` points, as SVG."""
    return drawing_svg(pain_chart(points, width=width, height=height))


def rhythm_chart_svg(points: Sequence[RatePoint], width: float, height: float) -> bytes:
    """The craniosacral rhythm's rate at each session, ``width`` x ``height`` points, as SVG."""
    return drawing_svg(rhythm_chart(points, width=width, height=height))
