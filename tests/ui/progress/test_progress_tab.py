"""The chart's Progress tab: the PDF's pain and rhythm charts as SVG, the outcome measures, the rate at
each station, the areas of restriction session by session (with how each changed) and the plan's goals."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from cst_notes import reports
from cst_notes.domain.plan import FollowUpPlan, Goal
from cst_notes.domain.session import Restriction, RhythmFinding, Session
from cst_notes.services import Services
from cst_notes.ui.chart.tab_order import ChartTab
from cst_notes.ui.progress.chart_svg import HEIGHT_PX, SvgChart
from cst_notes.ui.progress.progress_tab import NO_SESSIONS, ProgressTab
from cst_notes.ui.progress.rows import SEVERITY_COLOURS
from cst_notes.ui.progress.session_table import Cell, SessionTable, TableRow
from cst_notes.ui.shell.main_window import MainWindow
from tests.conftest import NO_RECORDS_REASON
from tests.ui.conftest import TODAY, add_patient, at, header_item, open_chart, table_item

# region -> worst severity at each of the three sessions (None: not marked)
COURSES = {
    "cranial.occiput": ("moderate", "mild", None),  # resolved
    "diaphragm.respiratory": ("severe", "moderate", "mild"),  # eased
    "spine.lumbar": ("mild", "mild", "mild"),  # persists
    "cranial.temporal": ("mild", None, "severe"),  # increased
    "spine.sacrum": (None, None, "moderate"),  # new
}


def hand_built_patient(services: Services) -> int:
    patient_id = add_patient(services, "Mira Holm", dt.date(1980, 5, 1))
    for n in range(3):
        services.add_session(
            patient_id,
            Session(
                at(30 - 10 * n),
                pain_before=8 - n,
                pain_after=6 - 2 * n,
                sleep_quality=3 + 2 * n,
                stress_level=7 - n,
                global_impression=None if n == 0 else 4 - n,
                rhythm_findings=(RhythmFinding("occiput", rate=6.0 + n), RhythmFinding("heels", rate=17.5)),
                restrictions=tuple(
                    Restriction(region, "midline", grade)
                    for region, severity in COURSES.items()
                    if (grade := severity[n])
                ),
                contraindication_override_reason=NO_RECORDS_REASON,
            ),
        )
    services.add_plan(
        patient_id,
        FollowUpPlan(
            TODAY - dt.timedelta(days=30),
            frequency="weekly",
            review_date=TODAY + dt.timedelta(days=20),
            goals=(
                Goal("Sleep through the night", "sleep quality 7 or more", "progressing"),
                Goal("Fewer headaches", "", "achieved", TODAY - dt.timedelta(days=2)),
            ),
        ),
    )
    return patient_id


def progress_tab(qtbot: QtBot, window: MainWindow, patient_id: int) -> ProgressTab:
    window.model.refresh()  # the patient was added behind the window's back
    open_chart(window, patient_id)
    window.chart.tabs.setCurrentIndex(ChartTab.PROGRESS)
    tab = window.chart.tabs.progress_tab
    qtbot.waitUntil(lambda: bool(tab.pain_chart.svg) and bool(tab.rhythm_chart.svg) and not tab.pending)
    return tab


def inked(chart: SvgChart) -> int:
    """How many pixels of the chart on screen are not white."""
    image = chart.grab().toImage()
    white = QColor("white").rgb()
    step = 3
    return sum(
        image.pixel(x, y) != white for x in range(0, image.width(), step) for y in range(0, image.height(), step)
    )


def test_the_charts_are_the_pdf_drawings_shown_as_svg(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    tab = progress_tab(qtbot, window, hand_built_patient(services))
    for chart in (tab.pain_chart, tab.rhythm_chart):
        assert chart.renderer().isValid()
        assert chart.isVisible()
        assert chart.width() > 300
        assert inked(chart) > 500  # axes, lines, labels: not an empty box
    pain = tab.pain_chart.svg.decode()
    assert "Before the session" in pain
    assert "After the session" in pain
    assert "Pain (0 none – 10 worst)" in pain
    assert "Session date" in pain
    assert "Usual range" in tab.rhythm_chart.svg.decode()
    assert tab.summary.text().startswith("3 sessions from ")
    assert (
        "Pain before the session was 8 at the first session and 6 at the latest: a change of \u22122, clinically"
        " meaningful (2 points or more)."
    ) in (tab.summary.text())


def test_a_chart_is_drawn_again_at_its_new_width(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    tab = progress_tab(qtbot, window, hand_built_patient(services))
    before = svg_width(tab.pain_chart)
    window.resize(window.width() + 300, window.height())
    qtbot.waitUntil(lambda: svg_width(tab.pain_chart) > before + 50)  # drawn wider, not stretched
    assert tab.pain_chart.height() == HEIGHT_PX


def svg_width(chart: SvgChart) -> float:
    found = re.search(rb'<svg width="([0-9.]+)"', chart.svg)
    assert found is not None
    return float(found.group(1))


def test_restrictions_session_by_session_with_how_each_changed(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    tab = progress_tab(qtbot, window, hand_built_patient(services))
    assert tab.restrictions.cell_texts() == [
        ["Occiput", "Resolved", "++", "+", ""],
        ["Respiratory diaphragm", "Eased", "+++", "++", "+"],
        ["Lumbar spine", "Persists", "+", "+", "+"],
        ["Temporal bone", "Increased", "+", "", "+++"],
        ["Sacrum", "New", "", "", "++"],
    ]
    cell = table_item(tab.restrictions.right, 1, 0)
    assert cell.background().color() == QColor(SEVERITY_COLOURS["severe"])
    assert cell.toolTip() == "Severe"
    headers = [header_item(tab.restrictions.right, c).toolTip() for c in range(3)]
    assert headers == [at(30).date().isoformat(), at(20).date().isoformat(), at(10).date().isoformat()]


def test_outcome_measures_stations_and_goals(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    tab = progress_tab(qtbot, window, hand_built_patient(services))
    assert tab.outcomes.cell_texts() == [
        ["Sleep quality", "3 → 7", "3", "5", "7"],
        ["Stress", "7 → 5", "7", "6", "5"],
        ["Global impression", "Minimally improved → Much improved", "", "+", "++"],
    ]
    gic = len(tab.outcomes.cell_texts()) - 1
    assert [table_item(tab.outcomes.right, gic, c).toolTip() for c in (1, 2)] == ["Minimally improved", "Much improved"]
    assert not tab.outcomes_empty.isVisible()
    assert tab.stations.cell_texts() == [
        ["Heels", "17.5 → 17.5", "17.5", "17.5", "17.5"],
        ["Head (occiput)", "6 → 8", "6", "7", "8"],
    ]
    assert table_item(tab.stations.right, 0, 0).toolTip() == "outside the usual range"
    assert tab.goal_rows() == [
        ["Sleep through the night", "sleep quality 7 or more", "Progressing"],
        ["Fewer headaches", "—", "Met"],
    ]
    assert tab.plan_facts.text() == (
        f"Plan of {(TODAY - dt.timedelta(days=30)).isoformat()}; weekly; "
        f"review on {(TODAY + dt.timedelta(days=20)).isoformat()}."
    )


def test_a_patient_without_sessions_or_plan(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    patient_id = add_patient(services, "Nora Quist", dt.date(1990, 1, 1))
    window.model.refresh()
    open_chart(window, patient_id)
    window.chart.tabs.setCurrentIndex(ChartTab.PROGRESS)
    tab = window.chart.tabs.progress_tab
    assert tab.summary.text() == NO_SESSIONS
    assert not tab.charted.isVisible()
    assert tab.plan_facts.text() == "No follow-up plan yet."
    assert not tab.goals.isVisible()


def test_the_tab_follows_a_new_session(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    patient_id = hand_built_patient(services)
    tab = progress_tab(qtbot, window, patient_id)
    change = services.add_session(
        patient_id, Session(at(1), pain_before=3, pain_after=1, contraindication_override_reason=NO_RECORDS_REASON)
    )
    window.changed.emit(change)
    assert tab.summary.text().startswith("4 sessions from ")
    qtbot.waitUntil(lambda: not tab.pending)  # the tables follow, one a turn of the event loop
    assert {row[1] for row in tab.restrictions.cell_texts()} == {"Resolved"}
    assert all(row[-1] == "" for row in tab.restrictions.cell_texts())  # nothing marked at the new one
    qtbot.waitUntil(lambda: b"After the session" in tab.pain_chart.svg)


def test_the_tab_is_drawn_when_first_shown_with_the_patient_then_open(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    """Opening a chart does not fill the progress tables unseen; showing the tab draws the open patient."""
    first = hand_built_patient(services)
    second = add_patient(services, "Noor Haddad", dt.date(1990, 2, 2))
    window.model.refresh()
    open_chart(window, first)
    tab = window.chart.tabs.progress_tab
    assert tab.progress is None  # nothing drawn yet
    open_chart(window, second)
    window.chart.tabs.setCurrentIndex(ChartTab.PROGRESS)
    assert tab.summary.text() == NO_SESSIONS  # the patient on screen, not the first one
    open_chart(window, first)  # the tab is on screen now: drawn at once
    assert tab.summary.text().startswith("3 sessions")


def test_a_wide_grid_shows_whole_session_columns_and_the_latest(qtbot: QtBot) -> None:
    """Sessions that do not fit scroll sideways; no half column peeks out beside the labels."""
    grid = SessionTable("Measure", "First → latest")
    qtbot.addWidget(grid)
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=7 * n) for n in range(30)]
    rows = [TableRow("Sleep quality", Cell("5 → 7"), tuple(Cell(str(n % 10)) for n in range(30)))]
    grid.show_rows(days, rows)
    for width in (480, 517, 633):
        grid.resize(width, grid.height())
        grid.show()
        qtbot.wait(10)
        column = grid.right.columnWidth(0)
        assert grid.right.viewport().width() % column == 0, width
        bar = grid.right.horizontalScrollBar()
        assert bar.value() == bar.maximum() > 0  # the latest session in view


def pdf_words(pdf: bytes) -> str:
    """The PDF's text as pypdf extracts it, with line breaks as spaces."""
    text = "".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def test_the_screen_and_the_pdfs_state_the_same_pain_change_and_headache_wording(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    patient_id = add_patient(services, "Ines Laborde", dt.date(1979, 2, 3))
    for days_ago, before, after in ((20, 6, 2), (10, 4, 1), (1, 3, 1)):
        services.add_session(
            patient_id,
            Session(
                at(days_ago),
                pain_before=before,
                pain_after=after,
                headache_days=4,
                contraindication_override_reason=NO_RECORDS_REASON,
            ),
        )
    tab = progress_tab(qtbot, window, patient_id)
    # Worked by hand: pain before the session 6 at the first, 3 at the latest; 3 - 6 = -3, 2 or more matters.
    said = (
        "Pain before the session was 6 at the first session and 3 at the latest: a change of \u22123, clinically"
        " meaningful (2 points or more)."
    )
    record, settings = services.record(patient_id), services.settings()
    assert said in " ".join(tab.summary.text().split())
    assert said in pdf_words(reports.progress_report_pdf(record, settings))
    labels = [item for r in range(tab.outcomes.left.rowCount()) if (item := tab.outcomes.left.item(r, 0)) is not None]
    assert {i.text(): i.toolTip() for i in labels} == {"Headache days": "days with a headache since the last visit"}
    assert "days with a headache since the last visit: 4" in pdf_words(reports.patient_record_pdf(record, settings))


def test_sleep_and_stress_rows_say_their_scale_in_the_words_the_session_editor_uses(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    patient_id = add_patient(services, "Ines Laborde", dt.date(1979, 2, 3))
    for days_ago, sleep, stress in ((20, 3, 8), (1, 7, 4)):
        services.add_session(
            patient_id,
            Session(
                at(days_ago),
                sleep_quality=sleep,
                stress_level=stress,
                contraindication_override_reason=NO_RECORDS_REASON,
            ),
        )
    tab = progress_tab(qtbot, window, patient_id)
    labels = [item for r in range(tab.outcomes.left.rowCount()) if (item := tab.outcomes.left.item(r, 0)) is not None]
    assert {i.text(): i.toolTip() for i in labels} == {
        "Sleep quality": "0 = very poor, 10 = excellent",
        "Stress": "0 = none, 10 = extreme",
    }


def test_another_patients_charts_are_not_shown_while_this_ones_are_made(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    first, second = hand_built_patient(services), hand_built_patient(services)
    tab = progress_tab(qtbot, window, first)
    assert b"After the session" in tab.pain_chart.svg
    open_chart(window, second)  # the Progress tab stays on screen
    assert (tab.pain_chart.svg, tab.rhythm_chart.svg) == (b"", b"")  # the first patient's are gone at once
    assert tab.pending
    qtbot.waitUntil(lambda: not tab.pending)
    assert b"After the session" in tab.pain_chart.svg
    assert "Usual range" in tab.rhythm_chart.svg.decode()
