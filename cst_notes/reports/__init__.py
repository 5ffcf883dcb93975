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

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .catalogue import TITLES, kinds, render
    from .fonts import missing_glyphs, register_fonts
    from .intake_summary import intake_summary_pdf
    from .options import DocumentOptions, SessionRef
    from .patient_record import patient_record_pdf
    from .progress_report import progress_report_pdf
    from .session_summary import session_summary_pdf
    from .text import MissingGlyphError

# Imported on first use (PEP 562): reportlab and the fonts take a while to load, and the app's
# start-up, or a look at ``reports.formatting``, should not wait for them.
_WHERE = {
    "missing_glyphs": "fonts",
    "register_fonts": "fonts",
    "intake_summary_pdf": "intake_summary",
    "TITLES": "catalogue",
    "kinds": "catalogue",
    "render": "catalogue",
    "DocumentOptions": "options",
    "SessionRef": "options",
    "patient_record_pdf": "patient_record",
    "progress_report_pdf": "progress_report",
    "session_summary_pdf": "session_summary",
    "MissingGlyphError": "text",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


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
assert sorted(__all__) == sorted(_WHERE)
