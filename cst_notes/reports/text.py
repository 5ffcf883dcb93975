"""Text in any script as reportlab Paragraph markup: one font run per script, safely escaped.

User text (names, notes, addresses) may mix Latin, Bengali and Devanagari and may contain
``<``, ``&`` or quotes. ``Typesetter.span`` cuts text into runs by script, gives each run the
Noto family that draws it, escapes it, and wraps it in ``<font face=...>``; Paragraphs are
built with shaping on (``ParagraphStyle.shaping = 1``, uharfbuzz), so conjuncts and the reph
form correctly.

Characters no bundled font can draw are never left blank: with ``on_missing="mark"`` they are
printed as a visible ``[U+XXXX]`` marker and collected in ``Typesetter.marked`` (the document
logs them); with ``on_missing="raise"`` the first one raises ``MissingGlyphError``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Literal

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from .fonts import FAMILIES, Family, Script, family_with, missing_glyphs, register_fonts

OnMissing = Literal["mark", "raise"]


class MissingGlyphError(ValueError):
    """Text contains characters that none of the bundled fonts can draw."""

    def __init__(self, characters: Iterable[str]) -> None:
        self.characters = frozenset(characters)
        described = ", ".join(describe_character(ch) for ch in sorted(self.characters))
        super().__init__(f"no bundled font can draw {described}; remove or replace these characters")


class LaidOutOnce(Paragraph):  # type: ignore[misc]
    """A Paragraph that breaks its lines once for each width it is given in turn.

    reportlab lays a paragraph out again each time it is asked its size: a table asks each cell
    when it measures its rows and again when it draws them, a frame when it places it. The
    lines depend on the width alone (the words, styles and fonts don't change), and the first
    layout leaves the paragraph's words in their laid-out form, so asking again at the same
    width with those same words gives the same lines: the size is kept instead."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        kept = self.__dict__.get("_laid_out")
        if kept is not None and kept[0] == availWidth and kept[1] is self.frags and "blPara" in self.__dict__:
            self.width = availWidth
            return availWidth, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        laid_out = availWidth > 0 and size == (availWidth, self.height)  # not "too narrow to lay out"
        self._laid_out = (availWidth, self.frags) if laid_out else None
        return size


def describe_character(ch: str) -> str:
    name = unicodedata.name(ch, "") if len(ch) == 1 else ""
    return f"U+{ord(ch):04X} {name}".rstrip()


class Markup(str):
    """Paragraph markup that is already escaped (so it is never escaped twice)."""

    __slots__ = ()


def escape(text: str) -> str:
    """Escape the characters that mean something in Paragraph markup."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def script_of(ch: str) -> Script | None:
    """The script of a letter or sign with a font of its own; None for neutral characters."""
    code = ord(ch)
    if code in (0x0964, 0x0965):  # danda and double danda: shared by the Indic scripts
        return None
    if 0x0980 <= code <= 0x09FF:
        return Script.BENGALI
    if 0x0900 <= code <= 0x097F or 0xA8E0 <= code <= 0xA8FF or 0x1CD0 <= code <= 0x1CFF:
        return Script.DEVANAGARI
    if unicodedata.category(ch).startswith("L"):
        return Script.LATIN  # Noto Sans also draws Greek, Cyrillic, Vietnamese...
    return None


def _inherits(ch: str) -> bool:
    """Combining marks and joiners belong with the character before them."""
    return unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch in "\u200c\u200d"


def _resolve_token(token: str, before: Script) -> list[Family]:
    """The family for each character of a word (no whitespace inside)."""
    scripts: list[Script | None] = [script_of(ch) for ch in token]
    strong = [s for s in scripts if s is not None]
    families: list[Family] = []
    previous_strong: Script | None = None
    for i, ch in enumerate(token):
        script = scripts[i]
        if script is not None:
            previous_strong = script
            wanted = script
        elif _inherits(ch) and families:
            wanted = families[-1].script
        elif previous_strong is not None:
            wanted = previous_strong
        else:
            following = next((s for s in scripts[i + 1 :] if s is not None), None)
            wanted = following or (strong[0] if strong else before)
        family = family_with(ch, wanted)
        if family is None:  # only layout characters get here; the caller removed the rest
            family = FAMILIES[Script.LATIN]
        families.append(family)
    return families


def runs(text: str) -> list[tuple[Family, str]]:
    """Cut one line of text into (family, text) runs; whitespace joins the run before it."""
    register_fonts()
    result: list[tuple[Family, str]] = []
    current = Script.LATIN
    i = 0
    while i < len(text):
        j = i
        if text[i].isspace():
            while j < len(text) and text[j].isspace():
                j += 1
            family = result[-1][0] if result else FAMILIES[current]
            pieces = [(family, text[i:j])]
        else:
            while j < len(text) and not text[j].isspace():
                j += 1
            token = text[i:j]
            families = _resolve_token(token, current)
            pieces = list(zip(families, token, strict=True))
            current = families[-1].script
        for family, piece in pieces:
            if result and result[-1][0] is family:
                result[-1] = (family, result[-1][1] + piece)
            else:
                result.append((family, piece))
        i = j
    return result


def _lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return [line.replace("\t", " ") for line in text.split("\n")]


class Typesetter:
    """Builds shaped, script-aware Paragraphs for one document, and remembers unprintable text."""

    def __init__(self, on_missing: OnMissing = "mark") -> None:
        if on_missing not in ("mark", "raise"):
            raise ValueError(f"on_missing must be 'mark' or 'raise', not {on_missing!r}")
        register_fonts()
        self.on_missing: OnMissing = on_missing
        self.marked: set[str] = set()
        self._spans: dict[tuple[str, bool, str | None], Markup] = {}  # a document repeats its labels

    def _printable(self, text: str) -> list[tuple[str, bool]]:
        """``text`` as pieces (text, is_marker), with each undrawable character replaced."""
        missing = missing_glyphs(text)
        if not missing:
            return [(text, False)]
        if self.on_missing == "raise":
            raise MissingGlyphError(missing)
        self.marked |= missing
        pieces: list[tuple[str, bool]] = []
        for ch in text:
            if ch in missing:
                pieces.append((f"[U+{ord(ch):04X}]", True))
            elif pieces and not pieces[-1][1]:
                pieces[-1] = (pieces[-1][0] + ch, False)
            else:
                pieces.append((ch, False))
        return pieces

    def span(self, text: str, *, bold: bool = False, color: str | None = None) -> Markup:
        """Markup for plain ``text``: escaped, one ``<font>`` per script run, line breaks kept."""
        key = (text, bold, color)
        if (kept := self._spans.get(key)) is None:
            kept = self._spans[key] = self._span(text, bold, color)
        return kept

    def _span(self, text: str, bold: bool, color: str | None) -> Markup:
        colour = f' color="{color}"' if color else ""
        out: list[str] = []
        for n, line in enumerate(_lines(text)):
            if n:
                out.append("<br/>")
            for piece, is_marker in self._printable(line):
                if is_marker:
                    face = FAMILIES[Script.LATIN].face(bold)
                    out.append(f'<font face="{face}" color="#B23A3A">{escape(piece)}</font>')
                    continue
                for family, run in runs(piece):
                    out.append(f'<font face="{family.face(bold)}"{colour}>{escape(run)}</font>')
        return Markup("".join(out))

    def markup(self, *parts: str) -> Markup:
        """Join plain text (escaped) and ``Markup`` (kept) into one piece of markup."""
        return Markup("".join(p if isinstance(p, Markup) else self.span(p) for p in parts))

    def para(self, *parts: str, style: ParagraphStyle) -> Paragraph:
        """A shaped Paragraph of plain text and ``Markup`` parts."""
        if not style.shaping:
            raise ValueError(f"paragraph style {style.name!r} must have shaping on")
        return LaidOutOnce(self.markup(*parts), style)
