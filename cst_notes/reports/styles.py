"""The look of every document: a calm teal accent, generous spacing, shaped Noto text."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from .fonts import BASE_FONT, BASE_FONT_BOLD, register_fonts

# Colours as hex strings (for <font color=...>) and as reportlab colours (for drawing).
INK_HEX = "#263238"  # body text: dark slate
MUTED_HEX = "#5F6F78"  # secondary text
ACCENT_HEX = "#2E7D7A"  # calm teal
ACCENT_TINT_HEX = "#E7F2F1"
WARN_HEX = "#A23B3B"  # absolute contraindications, unprintable characters
WARN_TINT_HEX = "#FBECEC"
RULE_HEX = "#C9D6D5"

INK = colors.HexColor(INK_HEX)
MUTED = colors.HexColor(MUTED_HEX)
ACCENT = colors.HexColor(ACCENT_HEX)
ACCENT_TINT = colors.HexColor(ACCENT_TINT_HEX)
WARN = colors.HexColor(WARN_HEX)
WARN_TINT = colors.HexColor(WARN_TINT_HEX)
RULE = colors.HexColor(RULE_HEX)
SECOND_SERIES = colors.HexColor("#D08C4A")  # warm amber, for a second line in charts

MARGIN = 18 * mm
GAP = 4 * mm


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    quote: ParagraphStyle
    bullet: ParagraphStyle
    label: ParagraphStyle
    small: ParagraphStyle
    small_right: ParagraphStyle
    clinic_name: ParagraphStyle
    table_head: ParagraphStyle


def _style(name: str, **kw: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": BASE_FONT,
        "fontSize": 10,
        "leading": 14.5,
        "textColor": INK,
        "shaping": 1,
        "splitLongWords": 1,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)


def make_styles() -> Styles:
    register_fonts()
    return Styles(
        title=_style("title", fontName=BASE_FONT_BOLD, fontSize=19, leading=25, textColor=ACCENT, spaceAfter=2),
        subtitle=_style("subtitle", fontSize=10.5, leading=15, textColor=MUTED, spaceAfter=10),
        heading=_style(
            "heading",
            fontName=BASE_FONT_BOLD,
            fontSize=12.5,
            leading=17,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=4,
            keepWithNext=1,
        ),
        subheading=_style(
            "subheading",
            fontName=BASE_FONT_BOLD,
            fontSize=10.5,
            leading=15,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
        ),
        body=_style("body", spaceAfter=4),
        quote=_style(
            "quote", fontSize=10.5, leading=15.5, leftIndent=5 * mm, rightIndent=5 * mm, spaceBefore=2, spaceAfter=6
        ),
        bullet=_style("bullet", leftIndent=5 * mm, bulletIndent=1 * mm, bulletFontName=BASE_FONT, spaceAfter=3),
        label=_style("label", fontSize=9, leading=13, textColor=MUTED),
        small=_style("small", fontSize=8.5, leading=11.5, textColor=MUTED),
        small_right=_style("small_right", fontSize=8.5, leading=11.5, textColor=MUTED, alignment=TA_RIGHT),
        clinic_name=_style("clinic_name", fontName=BASE_FONT_BOLD, fontSize=14, leading=18, textColor=ACCENT),
        table_head=_style("table_head", fontName=BASE_FONT_BOLD, fontSize=9, leading=12.5, textColor=MUTED),
    )
