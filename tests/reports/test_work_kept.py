"""Work the documents keep instead of doing again (issue 18): a word shaped once per font, size
and features, a paragraph laid out once per width, the font for a character in a script and a
document's markup for a piece of text found once, and the story copied for each build by pickle.
None of it may change a byte of a document."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaFrag

from cst_notes.domain.record import PatientRecord
from cst_notes.domain.settings import ClinicSettings
from cst_notes.reports import DocumentOptions, MissingGlyphError, document, fonts, render, shaping
from cst_notes.reports.fonts import FAMILIES, Script, register_fonts
from cst_notes.reports.styles import make_styles
from cst_notes.reports.text import LaidOutOnce, Typesetter

from .conftest import ISSUED

KOLKATA = dt.timezone(dt.timedelta(hours=5, minutes=30))


def _frag(colour: Any, font: str = "NotoSansBengali", size: float = 10) -> Any:
    frag = ParaFrag()
    frag.fontName, frag.fontSize, frag.textColor = font, size, colour
    frag.rise, frag.us_lines, frag.link, frag.backColor, frag.nobr = 0, [], None, None, False
    return frag


@pytest.fixture
def no_words_kept() -> None:
    shaping._shaped.clear()


@pytest.mark.usefixtures("no_words_kept")
def test_a_word_shaped_again_is_drawn_with_its_own_fragment() -> None:
    """The second word with the same text in the same font takes the kept glyphs, and its own
    colour: a word drawn in the first word's colour (a red warning's colour on plain text) is wrong."""
    register_fonts()
    red = shaping.shape_frag_word_by_font([30.0, (_frag(colors.red), "কৃষ্ণ")])
    blue = shaping.shape_frag_word_by_font([30.0, (_frag(colors.blue), "কৃষ্ণ")])
    assert red[1][0].textColor == colors.red
    assert blue[1][0].textColor == colors.blue
    assert blue[1][1] == red[1][1]
    assert len(red[1][1]) < len("কৃষ্ণ")  # the conjunct ষ্ণ is one glyph
    assert blue[0] == red[0] < 30.0  # the shaped width, not the width given


@pytest.mark.usefixtures("no_words_kept")
def test_a_word_is_shaped_again_in_another_size_or_font() -> None:
    register_fonts()
    small = shaping.shape_frag_word_by_font([30.0, (_frag(colors.black), "কৃষ্ণ")])
    large = shaping.shape_frag_word_by_font([60.0, (_frag(colors.black, size=20), "কৃষ্ণ")])
    bold = shaping.shape_frag_word_by_font([30.0, (_frag(colors.black, font="NotoSansBengali-Bold"), "কৃষ্ণ")])
    assert large[0] == pytest.approx(2 * small[0])
    assert bold[0] != small[0]


def test_the_words_kept_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    register_fonts()
    monkeypatch.setattr(shaping, "SHAPED_KEPT", 5)
    shaping._shaped.clear()
    for n in range(12):
        shaping.shape_frag_word_by_font([30.0, (_frag(colors.black), f"কৃষ্ণ{n}")])
        assert 1 <= len(shaping._shaped) <= 5


def _lines(par: Paragraph) -> list[list[tuple[str, str]]]:
    return [[(word.fontName, word.text) for word in line.words] for line in par.blPara.lines]


def test_a_paragraph_is_laid_out_again_at_another_width() -> None:
    ts = Typesetter()
    text = "প্রিয়াঙ্কা reports tension in the neck and jaw after long days at the desk. " * 4
    kept = ts.para(text, style=make_styles().body)
    assert isinstance(kept, LaidOutOnce)
    for width in (400, 150, 400, 150, 150):
        fresh = Paragraph(ts.markup(text), make_styles().body)
        assert kept.wrap(width, 10_000) == fresh.wrap(width, 10_000)
        assert _lines(kept) == _lines(fresh)


def test_a_paragraph_with_no_room_says_so_each_time_it_is_asked() -> None:
    """A frame with no width left is told the paragraph cannot fit, every time it asks, and the
    lines laid out at an earlier width are not passed off as fitting it."""
    ts = Typesetter()
    kept = ts.para("ঋতুপর্ণা", style=make_styles().body)
    fresh = Paragraph(ts.markup("ঋতুপর্ণা"), make_styles().body)
    for width in (300, 0, 0, 300):
        assert kept.wrap(width, 10_000) == fresh.wrap(width, 10_000)
    assert kept.wrap(0, 10_000)[1] > 10_000


def test_a_paragraph_that_gave_up_its_lines_lays_them_out_again() -> None:
    """A paragraph with no room for two lines at the foot of a page drops its lines (reportlab's
    split) and moves on whole: asked again, it lays them out again rather than answer from memory."""
    ts = Typesetter()
    text = "Gentle still point at the occiput; the rhythm eased and slowed. " * 3
    kept = ts.para(text, style=make_styles().body)
    width, height = kept.wrap(200, 10_000)
    assert height > 3 * make_styles().body.leading
    assert kept.split(200, 1) == []
    assert kept.wrap(200, 10_000) == (width, height)
    assert len(kept.blPara.lines) == len(Paragraph(ts.markup(text), make_styles().body).breakLines([200]).lines)


def test_a_paragraph_given_other_words_is_laid_out_again() -> None:
    ts = Typesetter()
    kept = ts.para("short", style=make_styles().body)
    one_line = kept.wrap(200, 10_000)
    note = "a much longer note that runs well past one line of this width " * 2
    longer = Paragraph(ts.markup(note), make_styles().body)
    kept.frags = longer.frags
    assert kept.wrap(200, 10_000)[1] > one_line[1]


def test_the_family_kept_for_a_character_is_the_one_for_the_script_asked_for() -> None:
    """A comma, a danda and a digit are drawn by the font of the text around them: the answer
    kept for one script is not given for another."""
    for ch in (",", "।", "7"):
        for script in (Script.BENGALI, Script.DEVANAGARI, Script.LATIN, Script.BENGALI):
            if ch == "।" and script is Script.LATIN:
                continue  # Noto Sans has no danda
            assert fonts.family_with(ch, script) is FAMILIES[script]
    assert fonts.family_with("😀") is None
    assert fonts.family_with("😀") is None


def test_a_span_kept_is_only_given_for_the_same_text_weight_and_colour() -> None:
    ts = Typesetter()
    plain = ts.span("ব্যথা 5/10")
    assert ts.span("ব্যথা 5/10", bold=True) != plain
    assert ts.span("ব্যথা 5/10", color="#B23A3A") not in (plain, ts.span("ব্যথা 5/10", bold=True))
    assert ts.span("ব্যথা 5/10") == plain
    assert 'color="#B23A3A"' in ts.span("ব্যথা 5/10", color="#B23A3A")
    assert "NotoSansBengali-Bold" in ts.span("ব্যথা 5/10", bold=True)


def test_each_document_remembers_and_refuses_its_own_unprintable_text() -> None:
    """Text marked in one document is marked, and remembered, in the next one too; a document
    that refuses it refuses it though another document printed it."""
    for _ in range(2):
        ts = Typesetter()
        assert "[U+1F600]" in ts.span("calm 😀")
        assert ts.marked == {"😀"}
    with pytest.raises(MissingGlyphError):
        Typesetter("raise").span("calm 😀")


def test_the_story_laid_out_is_a_copy_that_shares_nothing_with_the_story() -> None:
    """Each build lays out a fresh copy (a paragraph or table laid out once is not reused), and
    the closer spacing of a last try is halved in the styles while it is copied: the copy holds
    its own paragraphs and styles, once each however often they are shared."""
    styles = make_styles()
    ts = Typesetter()
    first, second = ts.para("ঋতুপর্ণা", style=styles.body), ts.para("Emma", style=styles.body)
    story: list[Any] = [first, second]
    copied = document._fresh(story)
    assert [type(f) for f in copied] == [LaidOutOnce, LaidOutOnce]
    assert copied[0] is not first
    assert copied[0].style is not styles.body
    assert copied[0].style is copied[1].style  # one style, shared, copied once
    copied[0].style.spaceBefore = 99
    assert styles.body.spaceBefore != 99
    copied[0].wrap(300, 1000)
    assert "blPara" not in first.__dict__


def test_a_story_that_cannot_be_pickled_is_deep_copied() -> None:
    ts = Typesetter()
    par = ts.para("Emma", style=make_styles().body)
    par.on_draw = lambda: None  # a lambda: pickle refuses it, deepcopy keeps it as it is
    [copied] = document._fresh([par])
    assert type(copied) is LaidOutOnce
    assert copied is not par
    assert copied.frags is not par.frags
    assert copied.on_draw is par.on_draw


def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    """reportlab as it comes: every word shaped and every paragraph laid out each time, and the
    story deep-copied for each build."""
    monkeypatch.setattr(shaping, "_key", lambda word, force, features: None)
    monkeypatch.setattr(LaidOutOnce, "wrap", Paragraph.wrap)
    monkeypatch.setattr(document, "_fresh", copy.deepcopy)


@pytest.mark.parametrize(("script", "language"), [("bengali", "bn"), ("devanagari", "hi"), ("latin", "en")])
def test_documents_are_the_same_to_the_byte_with_the_work_kept(
    monkeypatch: pytest.MonkeyPatch, by_script: dict[str, PatientRecord], script: str, language: str
) -> None:
    """A whole record, a summary and a progress report, rendered with nothing kept, then with
    words and layouts kept from nothing and again with them all kept: the same bytes each time."""
    monkeypatch.setattr(rl_config, "invariant", 1)  # no creation time or random document id
    record = by_script[script]
    settings = ClinicSettings(clinic_name="Shanti Craniosacral Clinic", therapist_name="Ananya Sen")
    options = DocumentOptions(issued_on=ISSUED, language=language, timezone=KOLKATA, include_private_notes=True)

    def documents() -> list[bytes]:
        return [render(kind, record, settings, options) for kind in ("record", "summary", "progress")]

    with monkeypatch.context() as plain:
        _plain(plain)
        expected = documents()
    shaping._shaped.clear()
    cold = documents()
    assert shaping._shaped, "no word was kept"
    warm = documents()
    assert cold == expected
    assert warm == expected
