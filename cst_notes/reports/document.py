"""What every document does the same way: options in, a typesetter and page frame, bytes out."""

from __future__ import annotations

import copy
import dataclasses
import logging
from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from cst_notes.domain.record import PatientRecord
from cst_notes.domain.settings import ClinicSettings

from .language import translator
from .layout import Kit
from .options import DocumentOptions
from .page import PageInfo, build_counted, page_size
from .styles import MARGIN, make_styles
from .text import Typesetter, describe_character

log = logging.getLogger("cst_notes.reports")
KEPT_LINES = 3  # a closing that would stand alone on the last page takes this many lines of the text before it


class Document:
    """One document being written: its kit of shapes, its page frame, its unprintable text."""

    def __init__(self, record: PatientRecord, settings: ClinicSettings, options: DocumentOptions, kind: str) -> None:
        width, _ = page_size(settings)
        self.ts = Typesetter(options.on_missing_glyph)
        self.tr = translator(options.language)
        self.kit = Kit(self.ts, make_styles(), width - 2 * MARGIN, self.tr)
        self.info = PageInfo(settings, record.patient, options.issue_date(), self.tr.gettext(kind), self.tr)
        self.kind = kind
        self.language = options.language

    def render(
        self,
        story: list[Flowable],
        *,
        subject: str,
        tail: Sequence[Flowable] = (),
        compact_tail: Sequence[Flowable] = (),
        continued: str = "",
    ) -> bytes:
        """The PDF; characters no font could draw are printed as [U+XXXX] markers and logged.

        ``tail`` (a closing and signature) ends the document and never stands alone on its last
        page: when it would spill onto a page of its own, ``compact_tail`` (the same, tighter) is
        tried, and if that does not fit either, the tail takes the story's last block with it.
        ``continued`` is a heading repeated, marked as continued, at the top of each later page."""
        title = f"{self.kind} – {self.info.patient.full_name}"
        info = dataclasses.replace(self.info, continued=continued)

        def build(flowables: list[Flowable]) -> tuple[bytes, int]:
            fresh = copy.deepcopy(flowables) if tail else flowables  # a flowable laid out once is not reused
            return build_counted(
                fresh, info, self.ts, self.kit.st, title=title, subject=subject, language=self.language
            )

        pdf, pages = build([*story, *tail])
        if tail and pages > 1 and build(story)[1] < pages:  # the tail alone on the last page
            pdf, fitted = build([*story, *(compact_tail or tail)])
            if fitted == pages and story:
                pdf, _ = build([*story[:-1], *self._with_last_lines(story[-1], tail)])
        self._warn_marked()
        return pdf

    def _with_last_lines(self, last: Flowable, tail: Sequence[Flowable]) -> list[Flowable]:
        """``last`` and ``tail``, kept so that the tail goes onto a page with ``last`` (a long
        paragraph: with its last lines)."""
        if isinstance(last, Paragraph):
            _, height = last.wrap(self.kit.width, 1e6)
            parts = last.split(self.kit.width, height - KEPT_LINES * last.style.leading)
            if len(parts) == 2:
                return [parts[0], KeepTogether([parts[1], *tail])]
        return [KeepTogether([last, *tail])]

    def _warn_marked(self) -> None:
        if self.ts.marked:
            log.warning(
                "%s for %s: no bundled font can draw %s; printed as [U+XXXX] markers",
                self.kind,
                self.info.patient.full_name,
                ", ".join(describe_character(ch) for ch in sorted(self.ts.marked)),
            )
