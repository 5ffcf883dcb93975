"""What every document does the same way: options in, a typesetter and page frame, bytes out."""

from __future__ import annotations

import logging

from reportlab.platypus import Flowable

from cst_notes.domain.record import PatientRecord
from cst_notes.domain.settings import ClinicSettings

from .language import translator
from .layout import Kit
from .options import DocumentOptions
from .page import PageInfo, build_pdf, page_size
from .styles import MARGIN, make_styles
from .text import Typesetter, describe_character

log = logging.getLogger("cst_notes.reports")


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

    def render(self, story: list[Flowable], *, subject: str) -> bytes:
        """The PDF; characters no font could draw are printed as [U+XXXX] markers and logged."""
        title = f"{self.kind} – {self.info.patient.full_name}"
        pdf = build_pdf(story, self.info, self.ts, self.kit.st, title=title, subject=subject, language=self.language)
        if self.ts.marked:
            log.warning(
                "%s for %s: no bundled font can draw %s; printed as [U+XXXX] markers",
                self.kind,
                self.info.patient.full_name,
                ", ".join(describe_character(ch) for ch in sorted(self.ts.marked)),
            )
        return pdf
