"""Script runs, escaping, shaping of mixed words, and characters no font can draw."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate

from cst_notes.reports import MissingGlyphError
from cst_notes.reports.fonts import Script
from cst_notes.reports.styles import make_styles
from cst_notes.reports.text import Markup, Typesetter, escape, runs, script_of

from .conftest import fingerprint, pdf_text


def _typeset(*parts: str, on_missing: str = "mark") -> tuple[str, Typesetter]:
    ts = Typesetter(on_missing)  # type: ignore[arg-type]
    out = io.BytesIO()
    SimpleDocTemplate(out).build([ts.para(*parts, style=make_styles().body)])
    return pdf_text(out.getvalue()), ts


def _scripts(text: str) -> list[tuple[str, str]]:
    return [(family.script.value, piece) for family, piece in runs(text)]


def test_script_of() -> None:
    assert script_of("a") is Script.LATIN
    assert script_of("ক") is Script.BENGALI
    assert script_of("क") is Script.DEVANAGARI
    assert script_of("্") is Script.BENGALI  # virama belongs to its script
    for neutral in ("1", ",", " ", "।", "(", "—"):
        assert script_of(neutral) is None


def test_runs_follow_the_script_and_keep_punctuation_with_its_word() -> None:
    assert _scripts("ঋতুপর্ণা (Ritu)") == [("bengali", "ঋতুপর্ণা "), ("latin", "(Ritu)")]
    assert _scripts("রায়, Emma") == [("bengali", "রায়, "), ("latin", "Emma")]
    assert _scripts("प्रिया शर्मा। ठीक") == [("devanagari", "प्रिया शर्मा। ठीक")]
    assert _scripts("Smith/রায়") == [("latin", "Smith/"), ("bengali", "রায়")]
    assert _scripts("12:30") == [("latin", "12:30")]
    assert _scripts("") == []


def test_escape() -> None:
    assert escape("""<a href="x">&'""") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"


def test_markup_characters_in_user_text_print_as_themselves() -> None:
    nasty = """<b>bold?</b> </font> &amp; & "quoted" 'single' <br/> <para> ]]> a<b"""
    text, _ = _typeset(nasty)
    assert " ".join(text.split()) == " ".join(nasty.split())


def test_line_breaks_are_kept() -> None:
    text, _ = _typeset("first line\nsecond line")
    assert text.splitlines() == ["first line", "second line"]


def test_markup_parts_are_not_escaped_twice() -> None:
    ts = Typesetter()
    bold = ts.span("A & B", bold=True)
    assert isinstance(bold, Markup)
    assert ts.markup(bold, " & C").count("&amp;") == 2


def test_latin_ligatures_are_off_so_text_can_be_searched() -> None:
    text, _ = _typeset("Confidential office affairs fluffy")
    assert "Confidential office affairs fluffy" in text


def test_a_word_mixing_fonts_is_shaped_piece_by_piece() -> None:
    """Without the shaping fix the Bengali half is drawn with Noto Sans glyph ids: boxes."""
    assert fingerprint("Smith/রায়") == "Smith/" + fingerprint("রায়")
    assert fingerprint("(ক্ষিতিজ)") == "(" + fingerprint("ক্ষিতিজ") + ")"
    assert fingerprint("abcक्षि") == "abc" + fingerprint("क्षि")


def test_shaped_text_forms_conjuncts() -> None:
    """A conjunct is one glyph: the extracted text is shorter than the input, with no dotted circle."""
    for word in ("ক্ষিতিজ", "क्षितिज", "श्रीवास्तव"):
        shaped = fingerprint(word)
        assert shaped
        assert shaped != word
        assert "◌" not in shaped


def test_unprintable_characters_are_marked_visibly_and_remembered() -> None:
    text, ts = _typeset("Feeling 😀 better\x07")
    assert "Feeling [U+1F600] better[U+0007]" in text
    assert ts.marked == {"😀", "\x07"}


def test_unprintable_characters_can_be_refused() -> None:
    with pytest.raises(MissingGlyphError, match=r"U\+1F600") as caught:
        _typeset("Feeling 😀", on_missing="raise")
    assert isinstance(caught.value, ValueError)
    assert caught.value.characters == {"😀"}


def test_typesetter_rejects_unknown_policy_and_unshaped_styles() -> None:
    with pytest.raises(ValueError, match="on_missing"):
        Typesetter("ignore")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="shaping"):
        Typesetter().para("x", style=ParagraphStyle("plain"))


def test_a_paragraph_can_be_laid_out_twice_after_a_soft_hyphen_split() -> None:
    """The letterhead wraps its paragraphs on every page; a shaped word split at a soft hyphen
    must not be shaped again (uharfbuzz refuses reportlab's ShapedStr)."""
    ts = Typesetter()
    style = make_styles().clinic_name
    for text in ("\xad😀\u09bc⎻", "Smith\xadরায়\xadक्षि", "ক্ষিতিজ\xad" * 30):
        paragraph = ts.para(text, style=style)
        paragraph.wrap(200, 800)
        paragraph.wrap(200, 800)  # (reportlab lets a split long word grow a line per re-wrap)
