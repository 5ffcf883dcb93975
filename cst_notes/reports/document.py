"""What every document does the same way: options in, a typesetter and page frame, bytes out."""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import logging
import pickle
from collections.abc import Iterator, Sequence

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from cst_notes.domain.record import PatientRecord
from cst_notes.domain.settings import ClinicSettings

from .language import translator
from .layout import Kit
from .options import DocumentOptions
from .page import PageInfo, build_measured, page_size
from .styles import MARGIN, make_styles
from .text import Typesetter, describe_character

log = logging.getLogger("cst_notes.reports")
THIN_LAST_PAGE = 0.25  # of the page's text frame: a last page filled less is tried with closer spacing
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

        def build(flowables: list[Flowable], close: bool = False) -> tuple[bytes, int, float]:
            fresh = _fresh(flowables)
            if close:
                _closer(fresh)
            return build_measured(
                fresh, info, self.ts, self.kit.st, title=title, subject=subject, language=self.language
            )

        chosen = [*story, *tail]
        pdf, pages, filled = build(chosen)
        if tail and pages > 1 and build(story)[1] < pages:  # the tail alone on the last page
            chosen = [*story, *(compact_tail or tail)]
            pdf, fitted, filled = build(chosen)
            if fitted == pages and story:
                chosen = [*story[:-1], *self._with_last_lines(story[-1], tail)]
                pdf, pages, filled = build(chosen)
            else:
                pages = fitted
        if pages > 1 and filled < THIN_LAST_PAGE:  # a line or two on the last page: closer spacing may save it
            with self._close_spacing():
                tight, fewer, _ = build(chosen, close=True)
            if fewer < pages:
                pdf = tight
        self._warn_marked()
        return pdf

    @contextlib.contextmanager
    def _close_spacing(self) -> Iterator[None]:
        """The space above and below every paragraph halved while the story is copied (the copies
        keep it), then as it was: the same text, the same sizes, closer together."""
        styles = [getattr(self.kit.st, f.name) for f in dataclasses.fields(self.kit.st)]
        before = [(s.spaceBefore, s.spaceAfter) for s in styles]
        for s in styles:
            s.spaceBefore, s.spaceAfter = s.spaceBefore / 2, s.spaceAfter / 2
        try:
            yield
        finally:
            for s, (above, below) in zip(styles, before, strict=True):
                s.spaceBefore, s.spaceAfter = above, below

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


def _fresh(flowables: list[Flowable]) -> list[Flowable]:
    """A copy of ``flowables`` to lay out (a flowable laid out once is not reused): a round trip
    through pickle, which copies what deepcopy copies (shared parts shared once, the styles too) at
    under half its cost; deepcopy when something in them cannot be pickled."""
    try:
        copied: list[Flowable] = pickle.loads(pickle.dumps(flowables, pickle.HIGHEST_PROTOCOL))
    except (pickle.PicklingError, TypeError, AttributeError):
        return copy.deepcopy(flowables)
    return copied


def _closer(flowables: Sequence[Flowable]) -> None:
    """The padding in every table of ``flowables`` (and of the tables and blocks inside them) halved."""
    for f in flowables:
        if isinstance(f, Table):
            for row in f._cellStyles:
                for cell in row:
                    cell.topPadding, cell.bottomPadding = cell.topPadding / 2, cell.bottomPadding / 2
            for values in f._cellvalues:
                _closer([v for value in values if isinstance(value, list | tuple) for v in value])
                _closer([value for value in values if isinstance(value, Flowable)])
        elif isinstance(f, KeepTogether):
            _closer(f._content)
