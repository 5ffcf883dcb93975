"""The bundled fonts: registered once, shaping on, and every word we print has a glyph."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from cst_notes import demo
from cst_notes.domain import vocabulary as V
from cst_notes.domain.record import PatientRecord
from cst_notes.reports import fonts, plain, shaping
from cst_notes.reports.fonts import FAMILIES, Script, missing_glyphs, register_fonts


def test_all_six_fonts_are_registered_as_shapable_truetype() -> None:
    register_fonts()
    register_fonts()  # idempotent
    for family in FAMILIES.values():
        for name in (family.regular, family.bold):
            font = pdfmetrics.getFont(name)
            assert isinstance(font, TTFont)
            assert font.shapable, f"{name} cannot be shaped: is uharfbuzz installed?"
    assert shaping.installed()


def test_a_missing_font_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(fonts.FontFileMissing, match=r"NotoSans-Regular\.ttf"):
        fonts._load("Nowhere", tmp_path / "NotoSans-Regular.ttf")


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("", set()),
        ("Emma O'Brien, Müller & García <3", set()),
        ("ঋতুপর্ণা চট্টোপাধ্যায়। ক্ষিতিজ", set()),
        ("प्रिया शर्मा, श्रीवास्तव। क्षितिज त्रिपाठी", set()),
        ("line one\nline two\ttab", set()),
        ("smile 😀", {"😀"}),
        ("中文", {"中", "文"}),
        ("bell \x07 and nul \x00", {"\x07", "\x00"}),
    ],
)
def test_missing_glyphs(text: str, missing: set[str]) -> None:
    assert missing_glyphs(text) == missing


def test_family_for_shared_characters_prefers_the_script_asked_for() -> None:
    assert fonts.family_with(",", Script.BENGALI) is FAMILIES[Script.BENGALI]
    assert fonts.family_with("A", Script.BENGALI) is FAMILIES[Script.LATIN]  # Bengali font has no A
    assert fonts.family_with("😀") is None


def _vocabularies() -> Iterator[V.Vocabulary]:
    return (value for value in vars(V).values() if isinstance(value, V.Vocabulary))


def test_every_vocabulary_label_and_plain_text_can_be_printed() -> None:
    vocabularies = list(_vocabularies())
    assert len(vocabularies) > 20
    for vocabulary in vocabularies:
        for term in vocabulary:
            for text in (term.label, term.plain, term.group):
                assert missing_glyphs(text) == set(), f"{vocabulary.name}: {text!r}"


def test_the_documents_own_wording_can_be_printed() -> None:
    texts = [
        plain.AFTERCARE_GENERAL,
        plain.AFTERCARE_CONTACT,
        *plain.SEVERITY_WORDS.values(),
        *plain.SIDE_WORDS.values(),
    ]
    assert all(missing_glyphs(t) == set() for t in texts)


def test_every_demo_name_and_note_can_be_printed() -> None:
    names = [
        f"{first} {last}"
        for firsts, lasts in (demo.LATIN, demo.BENGALI, demo.DEVANAGARI)
        for first in firsts
        for last in lasts
    ]
    notes = [
        *demo.COMPLAINTS,
        *(told for _, complaints in demo.CHILD_COMPLAINTS for told in complaints),
        *demo.ASSESSMENTS,
        *demo.SUBJECTIVE,
        *demo.HOME_CARE,
        *demo.THERAPISTS,
        demo.OVERRIDE_REASON,
        *(f"{m} {d}" for m, d in demo.MEDICATIONS),
    ]
    for text in names + notes:
        assert missing_glyphs(text) == set(), repr(text)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _strings(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)


def test_every_string_in_the_demo_clinic_can_be_printed(clinic: list[PatientRecord]) -> None:
    text = "\n".join(s for record in clinic for s in _strings(record))
    assert len(text) > 10_000
    assert missing_glyphs(text) == set()


@pytest.mark.parametrize(
    ("word", "font"),
    [
        ("ঋতুপর্ণা", "NotoSansBengali"),
        ("চট্টোপাধ্যায়", "NotoSansBengali-Bold"),
        ("ক্ষিতিজ", "NotoSansBengali"),
        ("प्रिया", "NotoSansDevanagari"),
        ("श्रीवास्तव", "NotoSansDevanagari-Bold"),
        ("क्षितिज", "NotoSansDevanagari"),
        ("त्रिपाठी", "NotoSansDevanagari"),
    ],
)
def test_harfbuzz_forms_conjuncts_with_the_bundled_fonts(word: str, font: str) -> None:
    """Shaping merges clusters into ligature glyphs, with no .notdef and no dotted circle."""
    import uharfbuzz as hb

    register_fonts()
    ttf = pdfmetrics.getFont(font)
    buf = hb.Buffer()
    buf.add_str(word)
    buf.guess_segment_properties()
    hb.shape(ttf.hbFont(10), buf, {})
    glyphs = [info.codepoint for info in buf.glyph_infos]
    dotted_circle = ttf.face.charToGlyph[0x25CC]
    assert 0 not in glyphs
    assert dotted_circle not in glyphs
    assert len(glyphs) < len(word), "no conjunct or ligature glyph was formed"
