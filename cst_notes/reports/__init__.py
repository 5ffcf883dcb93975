"""PDF documents for patients and referrals (reportlab); they see only the domain.

Domain objects in, PDF bytes out::

    session_summary_pdf(record, session_id, settings, options) -> bytes
    progress_report_pdf(record, settings, options) -> bytes
    intake_summary_pdf(record, settings, options) -> bytes
    patient_record_pdf(record, settings, options) -> bytes   (the whole clinical record)

Each raises ValueError with a clear message for a request that cannot be met (an unknown
session, no intake, an empty range); ``MissingGlyphError`` (a ValueError) when asked to refuse
characters no bundled font can draw. The charts are reportlab Drawings in ``reports.charts``.
"""

from __future__ import annotations

from .fonts import missing_glyphs, register_fonts
from .intake_summary import intake_summary_pdf
from .kinds import TITLES, kinds, render
from .options import DocumentOptions, SessionRef
from .patient_record import patient_record_pdf
from .progress_report import progress_report_pdf
from .session_summary import session_summary_pdf
from .text import MissingGlyphError

__all__ = [
    "TITLES",
    "DocumentOptions",
    "MissingGlyphError",
    "SessionRef",
    "intake_summary_pdf",
    "kinds",
    "missing_glyphs",
    "patient_record_pdf",
    "progress_report_pdf",
    "register_fonts",
    "render",
    "session_summary_pdf",
]
