"""The bundled Noto fonts, so that Latin, Bengali and Devanagari names render on any machine."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLoggingCategory
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from cst_notes import paths

# The application font, then the scripts it lacks: Qt tries each family in turn for every character.
FAMILIES = ["Noto Sans", "Noto Sans Bengali", "Noto Sans Devanagari"]


def load_bundled_fonts(app: QApplication, fonts_dir: Path = paths.FONTS) -> list[str]:
    """Register every TTF in ``fonts_dir`` and make the Noto families the application font.

    Returns the families that were registered (empty if no font could be loaded).
    """
    # Walking the family list, Qt notes (at info level) each family that lacks a script ("OpenType support
    # missing for "Noto Sans", script 12") before it falls back to the next one: expected, not a fault.
    # QT_LOGGING_RULES in the environment still overrides this.
    QLoggingCategory.setFilterRules("qt.text.font.db.info=false")
    families: list[str] = []
    for ttf in sorted(fonts_dir.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(ttf))
        if font_id >= 0:
            families += [f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families]
    font = QFont(app.font())
    font.setFamilies(FAMILIES)
    app.setFont(font)
    return families
