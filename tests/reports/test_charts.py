"""The charts are Drawings from plain series, and render to PDF and to SVG (for the GUI)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from reportlab.graphics import renderPDF, renderSVG
from reportlab.graphics.shapes import Drawing

from cst_notes import reports
from cst_notes.reports.charts import latin_label, pain_chart, rate_scale, rhythm_chart

from .conftest import embedded_font_problems

D = dt.date(2025, 3, 3)
PAIN = [(D + dt.timedelta(days=7 * n), 8 - n, max(0, 6 - n)) for n in range(8)]
RATES = [(D + dt.timedelta(days=7 * n), [8.0 + n / 2, 9.5, 11.0]) for n in range(8)]


def _svg_texts(drawing: Drawing) -> list[str]:
    svg = renderSVG.drawToString(drawing)
    assert svg.lstrip().startswith("<?xml")
    assert "<svg" in svg
    return [t.strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def test_pain_chart_has_axes_dates_and_legend() -> None:
    texts = _svg_texts(pain_chart(PAIN))
    for wanted in (
        "Before the session",
        "After the session",
        "Pain (0 none – 10 worst)",
        "Session date (2025)",
        "3 Mar",
        "0",
        "10",
    ):
        assert wanted in texts, wanted


def test_rhythm_chart_has_the_usual_range_and_station_spread() -> None:
    texts = _svg_texts(rhythm_chart(RATES))
    for wanted in (
        "Rhythm rate (cycles per minute)",
        "Average of the stations",
        "Lowest to highest station",
        "Usual range 4–16",
    ):
        assert wanted in texts, wanted


@pytest.mark.parametrize("drawing", [pain_chart(PAIN), rhythm_chart(RATES)], ids=["pain", "rhythm"])
def test_charts_render_to_pdf_with_embedded_fonts_only(drawing: Drawing) -> None:
    pdf = renderPDF.drawToString(drawing)
    assert pdf.startswith(b"%PDF")
    assert embedded_font_problems(pdf) == []


def test_missing_values_and_single_sessions_are_fine() -> None:
    texts = _svg_texts(pain_chart([(D, None, 3), (D + dt.timedelta(days=1), 5, None)]))
    assert "After the session" in texts
    assert "3 Mar" in _svg_texts(pain_chart([(D, 4, 2)]))
    assert "3 Mar" in _svg_texts(rhythm_chart([(D, [9.0])]))


def test_empty_series_say_so() -> None:
    assert "No pain scores were recorded for these sessions." in _svg_texts(pain_chart([(D, None, None)]))
    assert "No rhythm rates were recorded for these sessions." in _svg_texts(rhythm_chart([(D, [])]))
    assert "No pain scores were recorded for these sessions." in _svg_texts(pain_chart([]))


def test_a_range_across_years_names_both() -> None:
    points = [(dt.date(2024, 11, 1), 5, 4), (dt.date(2025, 2, 1), 3, 2)]
    assert "Session date (2024–2025)" in _svg_texts(pain_chart(points))


def test_rate_scale_covers_the_usual_range_and_outliers() -> None:
    assert rate_scale(10) == (20, 4)
    assert rate_scale(19.5) == (20, 4)
    assert rate_scale(25) == (30, 5)


def test_labels_inside_drawings_must_not_need_shaping() -> None:
    """reportlab's graphics String is drawn unshaped: Indic titles go in Paragraphs instead."""
    assert latin_label("Pain – 12 Mar, O'Brien") == "Pain – 12 Mar, O'Brien"
    with pytest.raises(ValueError, match="Latin"):
        latin_label("ঋতুপর্ণা")
    with pytest.raises(ValueError, match="Latin"):
        latin_label("प्रिया")


def test_the_screen_svg_is_made_for_qts_renderer() -> None:
    svg = reports.pain_chart_svg([(dt.date(2025, 3, 1), 7, 4), (dt.date(2025, 3, 8), 5, 3)], 480, 190).decode()
    assert "clipPath" not in svg
    assert "clip-path" not in svg
    assert "fill: None" not in svg  # Qt fills a polyline with "None" black
    assert "font-family: 'Noto Sans'" in svg
    assert "NotoSans" not in svg
    assert re.search(r'<svg width="480(\.0+)?" height="190(\.0+)?"', svg)


def test_the_screen_svg_of_the_rhythm_is_the_rate_chart() -> None:
    svg = reports.rhythm_chart_svg([(dt.date(2025, 3, 1), [8.0, 9.0]), (dt.date(2025, 3, 8), [10.0])], 480, 190)
    assert svg.decode().count("<circle") >= 2  # a mark per session (the PDF's rate chart)
