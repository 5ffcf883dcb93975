"""PDF documents for patients and referrals (reportlab); they see only the domain.

Domain objects in, PDF bytes out::

    session_summary_pdf(record, session_id, settings, options) -> bytes
    progress_report_pdf(record, settings, options) -> bytes
    intake_summary_pdf(record, settings, options) -> bytes
    patient_record_pdf(record, settings, options) -> bytes   (the whole clinical record)

Each raises ValueError with a clear message for a request that cannot be met (an unknown
session, no intake, an empty range); ``MissingGlyphError`` (a ValueError) when asked to refuse
characters no bundled font can draw. The charts are reportlab Drawings in ``reports.charts``; for a
screen, ``pain_chart_svg`` and ``rhythm_chart_svg`` give them as SVG. Outside this package, nothing
imports reportlab or this package's modules: use the names below.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .catalogue import TITLES, DocumentKind, kinds, render, render_or_reason
    from .fonts import missing_glyphs, register_fonts
    from .formatting import axis_date, local_date, number
    from .intake_summary import intake_summary_pdf
    from .options import DocumentOptions, SessionRef
    from .patient_record import patient_record_pdf
    from .progress_report import progress_report_pdf
    from .screen_charts import CHART_MIN_WIDTH_PT, pain_chart_svg, rhythm_chart_svg
    from .session_summary import session_summary_pdf
    from .text import MissingGlyphError

# Imported on first use (PEP 562): reportlab and the fonts take a while to load, and the app's
# start-up, or a look at the formatting helpers, should not wait for them.
_WHERE = {
    "missing_glyphs": "fonts",
    "register_fonts": "fonts",
    "intake_summary_pdf": "intake_summary",
    "TITLES": "catalogue",
    "DocumentKind": "catalogue",
    "kinds": "catalogue",
    "render": "catalogue",
    "render_or_reason": "catalogue",
    "DocumentOptions": "options",
    "SessionRef": "options",
    "patient_record_pdf": "patient_record",
    "progress_report_pdf": "progress_report",
    "session_summary_pdf": "session_summary",
    "MissingGlyphError": "text",
    "CHART_MIN_WIDTH_PT": "screen_charts",
    "axis_date": "formatting",
    "local_date": "formatting",
    "number": "formatting",
    "pain_chart_svg": "screen_charts",
    "rhythm_chart_svg": "screen_charts",
}


def preload() -> None:
    """Import every module behind the names below now (reportlab with them): for a background
    thread, so that the first document or chart the window asks for does not wait for the import."""
    for module in sorted(set(_WHERE.values())):
        importlib.import_module(f".{module}", __name__)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "CHART_MIN_WIDTH_PT",
    "TITLES",
    "DocumentKind",
    "DocumentOptions",
    "MissingGlyphError",
    "SessionRef",
    "axis_date",
    "intake_summary_pdf",
    "kinds",
    "local_date",
    "missing_glyphs",
    "number",
    "pain_chart_svg",
    "patient_record_pdf",
    "progress_report_pdf",
    "register_fonts",
    "render",
    "render_or_reason",
    "rhythm_chart_svg",
    "session_summary_pdf",
]
assert sorted(__all__) == sorted(_WHERE)
