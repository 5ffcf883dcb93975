"""The bundled Noto fonts: registration with reportlab, and which characters they can draw.

Three families cover the text CST Notes prints: Noto Sans (Latin, Greek, Cyrillic and most
punctuation), Noto Sans Bengali and Noto Sans Devanagari, each in a regular and a bold weight.
Registration is idempotent and happens on first use; every document and chart calls
``register_fonts()`` before it measures or draws text.

``missing_glyphs(text)`` answers from the fonts' own character maps (read once, when a font is
loaded: reportlab later adds private-use entries to them while shaping).
"""

from __future__ import annotations

import enum
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from cst_notes.paths import FONTS

from . import shaping


class Script(enum.Enum):
    """The writing systems that have a font of their own."""

    LATIN = "latin"
    BENGALI = "bengali"
    DEVANAGARI = "devanagari"


@dataclass(frozen=True)
class Family:
    script: Script
    regular: str  # reportlab font name
    bold: str
    regular_file: str
    bold_file: str

    def face(self, bold: bool = False) -> str:
        return self.bold if bold else self.regular


FAMILIES: dict[Script, Family] = {
    Script.LATIN: Family(Script.LATIN, "NotoSans", "NotoSans-Bold", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    Script.BENGALI: Family(
        Script.BENGALI,
        "NotoSansBengali",
        "NotoSansBengali-Bold",
        "NotoSansBengali-Regular.ttf",
        "NotoSansBengali-Bold.ttf",
    ),
    Script.DEVANAGARI: Family(
        Script.DEVANAGARI,
        "NotoSansDevanagari",
        "NotoSansDevanagari-Bold",
        "NotoSansDevanagari-Regular.ttf",
        "NotoSansDevanagari-Bold.ttf",
    ),
}

# Fallback order for characters that belong to no particular script (punctuation, digits).
FALLBACK_ORDER = (Script.LATIN, Script.BENGALI, Script.DEVANAGARI)

BASE_FONT = FAMILIES[Script.LATIN].regular
BASE_FONT_BOLD = FAMILIES[Script.LATIN].bold

_lock = threading.Lock()
_cmaps: dict[str, frozenset[int]] = {}
_family_of: dict[tuple[str, Script | None], Family | None] = {}  # family_with's answers, once all fonts are in


class FontFileMissing(RuntimeError):
    """A bundled font file is not where cst_notes.paths.FONTS says it is."""


def _load(name: str, path: Path) -> None:
    if not path.is_file():
        raise FontFileMissing(f"the bundled font {path.name} is missing from {path.parent}")
    font = TTFont(name, str(path))
    _cmaps[name] = frozenset(font.face.charToGlyph)
    pdfmetrics.registerFont(font)


def register_fonts(folder: Path = FONTS) -> None:
    """Register the six Noto fonts (and their families) with reportlab, once per process."""
    with _lock:
        if len(_cmaps) == 2 * len(FAMILIES):
            return
        for family in FAMILIES.values():
            for name, file in ((family.regular, family.regular_file), (family.bold, family.bold_file)):
                if name not in _cmaps:
                    _load(name, folder / file)
            pdfmetrics.registerFontFamily(
                family.regular, normal=family.regular, bold=family.bold, italic=family.regular, boldItalic=family.bold
            )
        latin = FAMILIES[Script.LATIN]
        shaping.install(plain_fonts=(latin.regular, latin.bold))


def family_with(ch: str, preferred: Script | None = None) -> Family | None:
    """The family that draws ``ch`` (both weights), trying ``preferred`` first; None if none can."""
    key = (ch, preferred)
    if key not in _family_of:  # at most four answers for each character ever asked about
        register_fonts()
        _family_of[key] = _drawn_by(ch, preferred)
    return _family_of[key]


def _drawn_by(ch: str, preferred: Script | None) -> Family | None:
    order = (preferred, *FALLBACK_ORDER) if preferred else FALLBACK_ORDER
    code = ord(ch)
    for script in order:
        family = FAMILIES[script]
        if code in _cmaps[family.regular] and code in _cmaps[family.bold]:
            return family
    return None


# Characters that never reach a font: line breaks and tabs become layout, not glyphs.
LAYOUT_CHARACTERS = frozenset("\n\r\t")


# Control characters, surrogates, private-use and unassigned code points are never drawn, even
# where a font maps them (Noto Sans maps U+0000 to an empty glyph).
_NEVER_DRAWN = frozenset({"Cc", "Cs", "Co", "Cn"})


def missing_glyphs(text: str) -> set[str]:
    """The characters of ``text`` that no bundled font (in both weights) can draw."""
    return {
        ch
        for ch in set(text)
        if ch not in LAYOUT_CHARACTERS and (unicodedata.category(ch) in _NEVER_DRAWN or family_with(ch) is None)
    }
