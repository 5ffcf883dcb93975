"""Shaped text that copies, searches and reads aloud as it was written: ``/ActualText`` spans.

Shaping draws glyphs, not characters: a Bengali or Devanagari conjunct is one glyph with no
character of its own (reportlab maps it to a private-use code point), and a vowel sign such as
ি or ि is drawn before the consonant it follows in the text. A PDF reader that extracts the
glyphs gives back ``অির\\ue000ম`` for ``অরিন্দম``. Each cluster of glyphs whose characters are not
the cluster's own text is therefore wrapped in a marked-content span carrying the text it stands
for (PDF 32000-1:2008, 14.9.4)::

    /Span <</ActualText <FEFF…>>> BDC  [glyphs] TJ  EMC

Poppler (``pdftotext``, Evince) and pdfium (Chrome, pypdfium2) put that text in place of the
glyphs'; glyphs that map one to one onto their characters (Latin, most single letters) are left
as they are, so a page of English has no spans at all. (A ToUnicode mapping from a glyph to
several characters would do for the conjuncts but not for reordered vowel signs: the glyph of ি
comes first, and no mapping of single glyphs puts it back after its consonant.)

Two hooks, installed once by ``fonts.register_fonts()``:

- ``trace(source, shaped)``, called by ``shaping`` on each word it shapes, gives each glyph's
  shape data the text of its cluster (harfbuzz clusters are indices into the word's text; the
  first glyph of a cluster carries the cluster's text, the others ""). The data travels with the
  glyphs through reportlab's slicing and joining of shaped strings (``ShapedStr``) as a Paragraph
  is laid out in lines.
- ``PDFTextObject._formatText`` (reportlab 5.1, the method that writes shaped glyphs with their
  harfbuzz positions) is wrapped: a shaped string is cut into its plain stretches and its
  clusters that need a span, each is written by reportlab's own method, and the spans are put
  around the latter. Each glyph's positioning is its own in reportlab's output, so the pieces
  place the glyphs exactly where the whole string would have.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase import ttfonts
from reportlab.pdfgen import textobject

_original_format: Any = textobject.PDFTextObject._formatText


class TracedShapeData(ttfonts.ShapeData):  # type: ignore[misc]
    """One glyph's shape data and the text its cluster stands for ("" after a cluster's first glyph)."""

    text: str


def trace(source: str, shaped: Any) -> None:
    """Give each glyph of ``shaped`` (a shaped frag word made from ``source``) its cluster's text."""
    data = [sd for _, s in shaped[1:] if isinstance(s, ttfonts.ShapedStr) for sd in s.__shapeData__]
    clusters = sorted({sd.cluster for sd in data if 0 <= sd.cluster < len(source)})
    if not clusters:
        return
    ends = dict(zip(clusters, [*clusters[1:], len(source)], strict=True))
    seen: set[int] = set()
    for _, s in shaped[1:]:
        if not isinstance(s, ttfonts.ShapedStr):
            continue
        glyphs = s.__shapeData__
        for i, sd in enumerate(glyphs):
            if sd.cluster not in ends:
                continue
            traced = TracedShapeData(*sd)
            traced.text = "" if sd.cluster in seen else source[sd.cluster : ends[sd.cluster]]
            seen.add(sd.cluster)
            glyphs[i] = traced


def _clusters(text: Any) -> list[tuple[int, int, str]]:
    """The glyph clusters of a shaped string: (start, end, the text they stand for)."""
    clusters: list[tuple[int, int, str]] = []
    for i, sd in enumerate(text.__shapeData__):
        actual = getattr(sd, "text", None)
        if actual is None:  # a glyph added after shaping (the space between two words): as drawn
            clusters.append((i, i + 1, str.__getitem__(text, i)))
        elif actual or not clusters:
            clusters.append((i, i + 1, actual))
        else:
            clusters[-1] = (clusters[-1][0], i + 1, clusters[-1][2])
    return clusters


def _pieces(text: Any) -> list[tuple[int, int, str | None]] | None:
    """``text`` (a shaped string) as (start, end, actual text, or None where the glyphs say it).

    A piece is a word with the spaces after it. A word gets a span when a glyph is not its own
    text, or when harfbuzz moved a glyph off its pen position (a virama or a vowel sign placed
    over or under its consonant): poppler starts a new word after such a mark. A span holds a
    whole word, so that no reader breaks a word where a span begins, and no space is left alone
    (pdfium skips a text object with no ink, and then may not see the gap). None when every
    glyph is its own text, in its place.
    """
    words: list[list[tuple[int, int, str]]] = []
    after_space = False
    for cluster in _clusters(text):
        start, end, actual = cluster
        space = actual.isspace() and actual == str.__getitem__(text, slice(start, end))
        if words and not (after_space and not space):
            words[-1].append(cluster)
        else:
            words.append([cluster])
        after_space = space and any(not c[2].isspace() for c in words[-1])
    pieces: list[tuple[int, int, str | None]] = []
    data = text.__shapeData__
    for word in words:
        start, end = word[0][0], word[-1][1]
        actual = "".join(c[2] for c in word)
        moved = any(sd.x_offset or sd.y_offset for sd in data[start:end])
        if moved or actual != str.__getitem__(text, slice(start, end)):
            pieces.append((start, end, actual))
        elif pieces and pieces[-1][2] is None:
            pieces[-1] = (pieces[-1][0], end, None)
        else:
            pieces.append((start, end, None))
    if all(actual is None for _, _, actual in pieces):
        return None
    return pieces


def span(actual: str, code: str) -> str:
    """``code`` in a marked-content span whose text is ``actual`` (UTF-16BE with its BOM, in hex)."""
    return f"/Span <</ActualText <FEFF{actual.encode('utf-16-be').hex().upper()}>>> BDC {code} EMC"


def format_text_with_actual_text(self: Any, text: Any) -> str:
    """reportlab's ``_formatText``, with a span around each cluster whose glyphs aren't its text."""
    if not isinstance(text, ttfonts.ShapedStr) or not text.__shapeData__:
        return str(_original_format(self, text))
    pieces = _pieces(text)
    if pieces is None:
        return str(_original_format(self, text))
    out: list[str] = []
    for start, end, actual in pieces:
        code = str(_original_format(self, text[start:end]))
        out.append(code if actual is None else span(actual, code))
    return " ".join(out)


def install() -> None:
    """Write spans around shaped clusters from now on (idempotent)."""
    if textobject.PDFTextObject._formatText is _original_format:
        textobject.PDFTextObject._formatText = format_text_with_actual_text


def installed() -> bool:
    return textobject.PDFTextObject._formatText is format_text_with_actual_text
