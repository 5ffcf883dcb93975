"""Help inside the app: the guide (F1) and the sheet of keyboard shortcuts (Help ▸ Keyboard shortcuts).

The guide is ``resources/help/guide.md``, one section per "## " heading, shown beside a list of the
sections. F1 opens it at the section of the window it was pressed in: a window names its section
with the ``help_section`` property (``widgets.keys.HELP_SECTION``). The shortcuts sheet is written
from ``widgets.keys.KEYS``, the table every action and shortcut is made from.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cst_notes.paths import HELP
from cst_notes.ui.widgets.keys import HELP_SECTION, KEYS, PLACES

GUIDE = HELP / "guide.md"


@dataclass(frozen=True)
class Section:
    slug: str  # "charting-a-session"
    title: str  # "Charting a session"
    text: str  # its Markdown, heading included


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def guide_sections(markdown: str) -> list[Section]:
    """The guide cut at its "## " headings; what comes before the first is the section "Welcome"."""
    parts = re.split(r"(?m)^## ", markdown)
    intro = parts[0].strip()
    sections = [Section("welcome", "Welcome", intro)] if intro else []
    for part in parts[1:]:
        title = part.splitlines()[0].strip()
        sections.append(Section(slug(title), title, "## " + part.strip()))
    return sections


class GuideWindow(QDialog):
    """The guide: its sections on the left, the chosen one on the right (not modal: one reads it
    while working; Esc closes it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guide")
        self.setWindowTitle("Guide")  # Qt adds " — CST Notes"
        self.resize(820, 600)
        self.sections = guide_sections(GUIDE.read_text(encoding="utf-8"))
        self.contents = QListWidget()
        self.contents.setObjectName("guide_contents")
        self.contents.addItems([s.title for s in self.sections])
        self.contents.setMaximumWidth(230)
        self.page = QTextBrowser()
        self.page.setObjectName("guide_page")
        self.page.setOpenExternalLinks(False)
        layout = QHBoxLayout(self)
        layout.addWidget(self.contents)
        layout.addWidget(self.page, 1)
        self.contents.currentRowChanged.connect(self._show_row)
        self.contents.setCurrentRow(0)

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.sections):
            self.page.setMarkdown(self.sections[row].text)

    def show_section(self, wanted: str) -> None:
        """Show the section ``wanted`` (a slug; an unknown one shows the first)."""
        rows = [i for i, s in enumerate(self.sections) if s.slug == wanted]
        self.contents.setCurrentRow(rows[0] if rows else 0)

    def current_section(self) -> str:
        return self.sections[self.contents.currentRow()].slug


def section_for(window: QWidget | None) -> str:
    """The guide's section for the window F1 was pressed in ("" : the start)."""
    while window is not None:
        wanted = window.property(HELP_SECTION)
        if wanted:
            return str(wanted)
        window = window.parentWidget()
    return ""


def shortcuts_html() -> str:
    """The sheet: for each place, its keys and what they do."""
    rows: list[str] = []
    for place in PLACES:
        keys = [k for k in KEYS.values() if k.where == place]
        if not keys:
            continue
        rows.append(f'<tr><td colspan="2"><h3>{html.escape(place)}</h3></td></tr>')
        rows.extend(
            f"<tr><td><b>{html.escape(k.shown())}</b>&nbsp;&nbsp;&nbsp;</td><td>{html.escape(k.what)}</td></tr>"
            for k in keys
        )
    return f'<table cellspacing="0" cellpadding="3">{"".join(rows)}</table>'


class ShortcutsSheet(QDialog):
    """Help ▸ Keyboard shortcuts."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcuts_sheet")
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(640, 760)
        self.sheet = QTextBrowser()
        self.sheet.setObjectName("shortcuts")
        self.sheet.setHtml(shortcuts_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sheet, 1)
        layout.addWidget(buttons)


class Help:
    """The Help menu's windows, one of each, made when first asked for."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.guide: GuideWindow | None = None
        self.sheet: ShortcutsSheet | None = None

    def open_guide(self) -> GuideWindow:
        """F1: the guide, at the section of the window in front."""
        wanted = section_for(QApplication.activeWindow())
        if self.guide is None:
            self.guide = GuideWindow(self.window)
        self.guide.show_section(wanted)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()
        return self.guide

    def open_shortcuts(self) -> ShortcutsSheet:
        if self.sheet is None:
            self.sheet = ShortcutsSheet(self.window)
        self.sheet.show()
        self.sheet.raise_()
        self.sheet.activateWindow()
        return self.sheet
