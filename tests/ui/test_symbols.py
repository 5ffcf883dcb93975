"""Every character the screens and the documents draw from the code's own words is in a font that
draws it: on screen the application font as Qt resolves it, in a PDF the bundled fonts (a PDF has no
other). A sign a font lacks shows as an empty box; the lock is an icon drawn in resources/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

import cst_notes
from cst_notes.reports import missing_glyphs
from cst_notes.ui.shell.fonts import load_bundled_fonts

PACKAGE = Path(cst_notes.__file__).parent


def drawn_characters(folder: Path) -> dict[str, str]:
    """The non-ASCII characters of the string literals (docstrings aside) under ``folder``: character -> a file."""
    found: dict[str, str] = {}
    for source in sorted(folder.rglob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                for character in node.value:
                    if ord(character) > 0x7F and character.isprintable():
                        found.setdefault(character, str(source.relative_to(PACKAGE)))
    return found


@pytest.mark.usefixtures("qapp")
def test_every_sign_on_screen_is_in_the_application_font() -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    load_bundled_fonts(app)
    metrics = QFontMetrics(app.font())
    drawn = drawn_characters(PACKAGE / "ui") | drawn_characters(PACKAGE / "domain")
    missing = {f"{c} U+{ord(c):04X} ({where})" for c, where in drawn.items() if not metrics.inFontUcs4(ord(c))}
    assert not missing


def test_every_sign_in_a_document_is_in_the_bundled_fonts() -> None:
    drawn = drawn_characters(PACKAGE / "reports") | drawn_characters(PACKAGE / "domain")
    assert not {f"{c} U+{ord(c):04X} ({drawn[c]})" for c in missing_glyphs("".join(drawn))}
