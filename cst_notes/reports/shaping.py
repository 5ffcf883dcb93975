"""How Paragraph words are shaped: piece by piece per font, without Latin ligatures.

Two adjustments to reportlab's ``shapeFragWord`` (reportlab 4.x/5.x), installed once by
``fonts.register_fonts()``:

- With ``shaping`` on, reportlab shapes each whitespace-separated word with the *first*
  fragment's font and then looks the glyph ids up in each fragment's own font, so a word such
  as ``Smith/রায়`` (Latin then Bengali, no space) comes out as boxes. Here a word is cut at
  each change of font, each piece is shaped with its own font, and the pieces are joined.
- Latin ligatures (``fi``, ``fl``) are turned off for the fonts named in ``install``: they make
  copied or searched text read "ﬁ" instead of "fi". Kerning stays on; the Indic fonts keep every
  feature (their conjuncts come from required features, not from ``liga``).

Words with embedded objects (images, anchors) and words in one font without a setting of
their own go to reportlab's function unchanged. Pieces of words shaped before (a word split at
a soft hyphen or across lines is laid out again when a Paragraph is wrapped a second time) are
kept as they are: reshaping their glyph text would fail (uharfbuzz accepts only plain str).

A word in one fragment is shaped once per font, size and features: a Paragraph is laid out again
each time it is measured (a table cell twice, a page break more), and a record repeats its words,
so a 100-session record shapes about 800 different words 22,000 times. The shaped glyphs
(``ShapedStr``, immutable once traced) are kept and given to each later word with that word's
own fragment.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.platypus import paragraph

from . import actual_text

_original: Any = ttfonts.shapeFragWord
NO_LIGATURES = {"kern": True, "liga": False, "dlig": False, "clig": False}
_plain_fonts: set[str] = set()
_UNCHANGED = object()  # shaping left the word as it was
# (font, size, text, force, features) -> (width, ShapedStr, its pair's class), or _UNCHANGED
_shaped: dict[tuple[Any, ...], Any] = {}
SHAPED_KEPT = 50_000  # words kept before the store starts again


def _pieces_width(pieces: list[tuple[Any, str]]) -> float:
    return float(sum(pdfmetrics.stringWidth(text, frag.fontName, frag.fontSize) for frag, text in pieces))


def _features(font_name: str, features: Any) -> dict[str, Any]:
    if features is not None:
        return {"features": features}
    return {"features": NO_LIGATURES} if font_name in _plain_fonts else {}


def _traced(word: Any, force: bool, features: dict[str, Any]) -> Any:
    """reportlab's ``shapeFragWord``, each glyph of the result knowing its text (``actual_text``)."""
    key = _key(word, force, features)
    if key is not None and (kept := _shaped.get(key)) is not None:
        return _again(word, kept)
    shaped = _original(word, force=force, **features)
    if shaped is not word:
        actual_text.trace("".join(text for frag, text in word[1:] if not hasattr(frag, "cbDefn")), shaped)
    if key is not None and (keep := _keepable(word, shaped)) is not None:
        if len(_shaped) >= SHAPED_KEPT:
            _shaped.clear()
        _shaped[key] = keep
    return shaped


def _key(word: Any, force: bool, features: dict[str, Any]) -> tuple[Any, ...] | None:
    """What the shaping of a one-fragment word of plain text depends on; None for any other word."""
    if len(word) != 2:
        return None
    frag, text = word[1]
    if type(text) is not str or hasattr(frag, "cbDefn"):
        return None
    wanted = features.get("features")
    feature_key = None if wanted is None else tuple(sorted(wanted.items()))
    return (pdfmetrics.getFont(frag.fontName), frag.fontSize, text, force, feature_key)


def _keepable(word: Any, shaped: Any) -> Any:
    if shaped is word:
        return _UNCHANGED
    if len(shaped) != 2 or shaped[1][0] is not word[1][0]:
        return None  # not the one fragment's glyphs (nothing drawn, or another fragment): not kept
    return (shaped[0], shaped[1][1], type(shaped[1]))


def _again(word: Any, kept: Any) -> Any:
    """The shaped word ``kept`` was made for a word with this one's text, given this word's fragment."""
    if kept is _UNCHANGED:
        return word
    width, glyphs, pair = kept
    frag = word[1][0]
    return ttfonts.makeShapedFragWord(word)([width, pair((frag, glyphs))])


def shape_frag_word_by_font(word: Any, features: Any = None, force: bool = False) -> Any:
    """reportlab's ``shapeFragWord``, applied to each single-font piece of ``word`` in turn."""
    if isinstance(word, ttfonts.ShapedFragWord):
        return word
    pieces: list[tuple[Any, str]] = list(word[1:])
    if any(isinstance(text, ttfonts.ShapedStr) for _, text in pieces):
        return word  # a piece of a word shaped before (split at a soft hyphen, laid out again)
    if not pieces or any(hasattr(frag, "cbDefn") for frag, _ in pieces):
        return _traced(word, force, {} if features is None else {"features": features})
    runs: list[list[tuple[Any, str]]] = []
    for frag, text in pieces:
        if runs and runs[-1][-1][0].fontName == frag.fontName:
            runs[-1].append((frag, text))
        else:
            runs.append([(frag, text)])
    if len(runs) == 1:
        return _traced(word, force, _features(runs[0][0][0].fontName, features))
    joined: list[Any] = []
    width = 0.0
    changed = False
    for run in runs:
        piece: list[Any] = [_pieces_width(run), *run]
        shaped = _traced(piece, force, _features(run[0][0].fontName, features))
        changed = changed or shaped is not piece
        width += shaped[0]
        joined.extend(shaped[1:])
    if not changed:
        return word
    result = ttfonts.makeShapedFragWord(word)(joined)
    result.insert(0, width)
    return result


def install(plain_fonts: Iterable[str] = ()) -> None:
    """Shape Paragraph words per font, with no ligatures in ``plain_fonts`` (idempotent)."""
    _plain_fonts.update(plain_fonts)
    if paragraph.shapeFragWord is _original:
        paragraph.shapeFragWord = shape_frag_word_by_font
    actual_text.install()


def installed() -> bool:
    return paragraph.shapeFragWord is shape_frag_word_by_font and actual_text.installed()
