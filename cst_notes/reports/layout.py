"""Building blocks shared by the documents: headings, label–value lists, bullets, boxes, tables."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from .fonts import BASE_FONT
from .language import ENGLISH_TRANSLATOR, Translator
from .styles import ACCENT_TINT, GAP, RULE, Styles
from .text import LaidOutOnce, Markup, Typesetter

Cell = str | Markup  # plain text is escaped; Markup is kept
LONG_VALUE = 400  # characters: a longer value in a label–value list gets the full width
SHORT_BLOCK = 70 * mm  # a block this high moves whole to the next page; a higher one splits
LONG_CELL = 100  # characters: longer free text in a table leaves its column for a full-width line


class Kit:
    """A typesetter, the styles and the document's translator (``tr``), with the few shapes every
    document is made of."""

    def __init__(self, ts: Typesetter, styles: Styles, width: float, tr: Translator = ENGLISH_TRANSLATOR) -> None:
        self.ts = ts
        self.st = styles
        self.width = width  # the width of the text column
        self.tr = tr

    def title(self, text: str, subtitle: Cell = "") -> list[Flowable]:
        out: list[Flowable] = [self.ts.para(text, style=self.st.title)]
        if subtitle:
            out.append(self.ts.para(subtitle, style=self.st.subtitle))
        return out

    def heading(self, text: str) -> Paragraph:
        return self.ts.para(text, style=self.st.heading)

    def subheading(self, *parts: Cell) -> Paragraph:
        return self.ts.para(*parts, style=self.st.subheading)

    def body(self, *parts: Cell) -> Paragraph:
        return self.ts.para(*parts, style=self.st.body)

    def small(self, *parts: Cell) -> Paragraph:
        return self.ts.para(*parts, style=self.st.small)

    def quote(self, text: str) -> Paragraph:
        return self.ts.para("“", text.strip(), "”", style=self.st.quote)

    def bullets(self, items: Sequence[Cell | Sequence[Cell]]) -> list[Paragraph]:
        out = []
        for item in items:
            parts = [item] if isinstance(item, str) else list(item)
            out.append(LaidOutOnce(self.ts.markup(*parts), self.st.bullet, bulletText="•"))
        return out

    def dated_bullets(self, entries: Sequence[tuple[str, str]]) -> list[Flowable]:
        """One bullet per ``(date, text)``: "12 Aug 2024: text". A bullet that runs onto the next
        page starts there with its date again, "12 Aug 2024 (continued)", never as bare text."""
        return [self.dated(date, f": {text}", bullet=True) for date, text in entries]

    def dated(self, date: str, text: str, bullet: bool = False) -> Flowable:
        """``date`` in bold, then ``text``, as one paragraph (a bullet, or body text) that starts each
        page it runs onto with "``date`` (continued)"."""
        style, mark = (self.st.bullet, "•") if bullet else (self.st.body, None)
        body = LaidOutOnce(self.ts.markup(self.ts.span(date, bold=True), text), style, bulletText=mark)
        again = self.tr.gettext("{title} (continued)").format(title=date.rstrip(":"))
        return DatedEntry(body, LaidOutOnce(self.ts.markup(self.ts.span(again, bold=True)), style, bulletText=mark))

    def bullet_columns(self, items: Sequence[Cell | Sequence[Cell]], over: int = 4) -> list[Flowable]:
        """Bullets, in two columns when there are more than ``over`` of them."""
        if len(items) <= over:
            return list(self.bullets(items))
        half = (len(items) + 1) // 2
        return [self.columns(self.bullets(items[:half]), self.bullets(items[half:]))]

    def fields(self, rows: Sequence[tuple[str, Cell | None]], label_width: float = 42 * mm) -> list[Flowable]:
        """A label–value list; rows whose value is empty are left out. A long value (over
        ``LONG_VALUE`` characters) leaves the table and runs the full width under its label."""
        out: list[Flowable] = []
        pending: list[list[Paragraph]] = []
        for label, value in rows:
            if not value:
                continue
            if len(value) <= LONG_VALUE:
                pending.append([self.ts.para(label, style=self.st.label), self.ts.para(value, style=self.st.body)])
                continue
            if pending:
                out.append(self._field_table(pending, label_width))
                pending = []
            out += [self.ts.para(label, style=self.st.label), self.ts.para(value, style=self.st.body)]
        if pending:
            out.append(self._field_table(pending, label_width))
        return out

    def _field_table(self, data: list[list[Paragraph]], label_width: float) -> Table:
        table = Table(data, colWidths=[label_width, self.width - label_width], hAlign="LEFT", splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONT", (0, 0), (-1, -1), BASE_FONT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("TOPPADDING", (0, 0), (0, -1), 2.5),  # labels are smaller: line their baselines up
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        return table

    def box(
        self, content: Sequence[Flowable], background: colors.Color = ACCENT_TINT, border: colors.Color | None = None
    ) -> Table:
        """Content on a tinted panel, the full width of the column: each flowable a row of its
        own, so that a long panel splits between them (or inside a long one) onto the next page."""
        table = Table([[f] for f in content], colWidths=[self.width], hAlign="LEFT", splitInRow=1)
        style: list[tuple[Any, ...]] = [
            ("BACKGROUND", (0, 0), (-1, -1), background),
            ("FONT", (0, 0), (-1, -1), BASE_FONT),  # not Helvetica, an unembedded font
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, 0), 3 * mm),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 3 * mm),
            # a flowable in a cell of its own loses its space below: each row gives it back
            *(("BOTTOMPADDING", (0, n), (-1, n), f.getSpaceAfter()) for n, f in enumerate(content[:-1])),
        ]
        if border is not None:
            style.append(("LINEBEFORE", (0, 0), (0, -1), 2.5, border))
        table.setStyle(TableStyle(style))
        return table

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        widths: Sequence[float],
        free_text: Sequence[int] = (),
    ) -> Table:
        """A data table with a header row repeated on each page and quiet row rules.

        In the ``free_text`` columns, a cell longer than ``LONG_CELL`` characters leaves its narrow
        column and runs the full width of the table on a line of its own, under its row."""
        scale = self.width / sum(widths)
        data: list[list[Any]] = [[self.ts.para(h, style=self.st.table_head) for h in header]]
        spans: list[tuple[Any, ...]] = []
        for row in rows:
            cells = list(row)
            long = [c for n, c in enumerate(cells) if n in free_text and _length(c) > LONG_CELL]
            cells = ["" if n in free_text and _length(c) > LONG_CELL else c for n, c in enumerate(cells)]
            data.append([self.ts.para(c, style=self.st.body) for c in cells])
            for text in long:
                above = len(data) - 1
                data.append([self.ts.para(text, style=self.st.body), *[""] * (len(cells) - 1)])
                spans += [
                    ("SPAN", (0, len(data) - 1), (-1, len(data) - 1)),
                    ("LINEBELOW", (0, above), (-1, above), 0, colors.white),
                    ("TOPPADDING", (0, len(data) - 1), (-1, len(data) - 1), 0),
                ]
        table = Table(data, colWidths=[w * scale for w in widths], repeatRows=1, hAlign="LEFT", splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONT", (0, 0), (-1, -1), BASE_FONT),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    *spans,
                ]
            )
        )
        return table

    def columns(self, left: Sequence[Flowable], right: Sequence[Flowable]) -> Table:
        """Two blocks side by side, each half the column wide; kept on one page."""
        half = self.width / 2
        table = Table([[list(left), list(right)]], colWidths=[half, half], hAlign="LEFT", splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONT", (0, 0), (-1, -1), BASE_FONT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (0, -1), 4 * mm),
                    ("RIGHTPADDING", (1, 0), (1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return table

    def together_if_short(self, flowables: Sequence[Flowable], most: float = SHORT_BLOCK) -> list[Flowable]:
        """``flowables`` kept on one page when they are at most ``most`` high; a taller block may
        split across pages rather than move whole and leave the page before it half empty."""
        height = sum(float(f.wrap(self.width, 1e6)[1]) for f in flowables)
        return [KeepTogether(list(flowables))] if height <= most else list(flowables)

    def gap(self, height: float = GAP) -> Spacer:
        return Spacer(0, height)


class DatedEntry(Flowable):  # type: ignore[misc]
    """A dated paragraph that, split across pages, repeats its date (``head``) above the part
    on the next page: the date stays with every piece of its text."""

    def __init__(self, body: Paragraph, head: Paragraph, continued: bool = False) -> None:
        super().__init__()
        self.body = body
        self.head = head
        self.continued = continued  # this piece follows a page break: the head is drawn above it
        self.spaceBefore = body.getSpaceBefore()
        self.spaceAfter = body.getSpaceAfter()
        self._head_height = 0.0

    def _head_space(self, width: float, height: float) -> float:
        if not self.continued:
            return 0.0
        _, h = self.head.wrap(width, height)
        return float(h) + float(self.head.getSpaceAfter())

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._head_height = self._head_space(availWidth, availHeight)
        _, h = self.body.wrap(availWidth, availHeight - self._head_height)
        self.width, self.height = availWidth, self._head_height + float(h)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        head_height = self._head_space(availWidth, availHeight)
        parts = self.body.split(availWidth, availHeight - head_height)
        if len(parts) != 2:
            return []
        first, rest = parts
        return [DatedEntry(first, self.head, self.continued), DatedEntry(rest, _copy(self.head), continued=True)]

    def draw(self) -> None:
        if self.continued:
            self.head.drawOn(self.canv, 0, self.height - self._head_height + self.head.getSpaceAfter())
        self.body.drawOn(self.canv, 0, 0)


def _copy(par: Paragraph) -> Paragraph:
    """A fresh paragraph of the same text and style (a paragraph laid out once keeps its lines)."""
    return LaidOutOnce(par.text, par.style, bulletText=par.bulletText)


def _length(cell: Cell) -> int:
    """The characters a cell shows (markup tags not counted)."""
    return len(re.sub(r"<[^>]*>", "", cell)) if isinstance(cell, Markup) else len(cell)
