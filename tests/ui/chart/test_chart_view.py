"""The chart: header, contraindication alerts and read-only summaries of what the record holds."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QMainWindow, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from cst_notes.domain.intake import ContraindicationEntry, Intake
from cst_notes.domain.plan import FollowUpPlan
from cst_notes.services import Changed, RecordKind, Services
from cst_notes.ui.chart.chart_view import ChartView
from cst_notes.ui.chart.tab_order import ChartTab
from cst_notes.ui.progress.progress_tab import NO_SESSIONS
from cst_notes.ui.shell.main_window import MainWindow
from cst_notes.ui.widgets.alerts_band import ABSOLUTE_STYLE, RELATIVE_STYLE
from tests.ui.conftest import AMIT, JOHN, PRIYA, TODAY, add_patient, at, show_active, tree_item
from tests.ui.hands import click_tab


@pytest.fixture
def chart(qtbot: QtBot, services: Services) -> ChartView:
    view = ChartView(services)
    qtbot.addWidget(view)
    view.resize(700, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_the_header_of_an_adult(chart: ChartView, clinic: dict[str, int]) -> None:
    chart.open_patient(clinic[AMIT])
    header = chart.header
    assert header.name_label.text() == "অমিত রায় (অমিত)"
    assert header.name_label.font().pointSizeF() > chart.font().pointSizeF() * 1.5
    age = TODAY.year - 1979 - ((TODAY.month, TODAY.day) < (4, 2))
    assert header.facts_label.text() == f"{age} years · born 1979-04-02 · Male"
    assert not header.guardian_label.isVisible()
    assert header.next_label.text() == f"Next appointment: {(TODAY + dt.timedelta(days=5)).isoformat()}"


def test_the_header_of_a_child_names_the_guardian(chart: ChartView, clinic: dict[str, int]) -> None:
    chart.open_patient(clinic["child"])
    assert chart.header.facts_label.text().startswith("4 years · born ")
    assert chart.header.guardian_label.isVisible()
    consent = (TODAY - dt.timedelta(days=3)).isoformat()
    assert chart.header.guardian_label.text() == (
        f"Guardian: মৌমিতা সেন (Mother) · +91 98300 55555 · consent given {consent}"
    )
    assert chart.header.next_label.text() == "No next appointment planned"


def test_alerts_are_red_for_absolute_and_amber_for_relative(chart: ChartView, clinic: dict[str, int]) -> None:
    chart.open_patient(clinic[AMIT])
    alerts = chart.alerts
    assert alerts.isVisible()
    assert alerts.absolute_label.isVisible()
    assert alerts.relative_label.isVisible()
    assert "Cerebral aneurysm" in alerts.absolute_label.text()
    assert "Epilepsy" not in alerts.absolute_label.text()
    assert alerts.relative_label.text() == "Caution — Epilepsy"
    assert alerts.absolute_label.styleSheet() == ABSOLUTE_STYLE
    assert "#c62828" in ABSOLUTE_STYLE
    assert alerts.relative_label.styleSheet() == RELATIVE_STYLE
    assert "#ffb300" in RELATIVE_STYLE


def test_a_relative_contraindication_alone_is_amber_only(
    chart: ChartView, clinic: dict[str, int], services: Services
) -> None:
    services.save_intake(
        clinic[PRIYA], Intake(TODAY, contraindications=(ContraindicationEntry("epilepsy", "controlled"),))
    )
    chart.open_patient(clinic[PRIYA])
    assert chart.alerts.isVisible()
    assert not chart.alerts.absolute_label.isVisible()
    assert chart.alerts.relative_label.text() == "Caution — Epilepsy (controlled)"


def test_no_contraindications_no_band(chart: ChartView, clinic: dict[str, int]) -> None:
    chart.open_patient(clinic[AMIT])
    chart.open_patient(clinic[JOHN])
    assert not chart.alerts.isVisible()


def test_the_tabs_summarise_the_record(chart: ChartView, clinic: dict[str, int]) -> None:
    chart.open_patient(clinic[AMIT])
    tabs = chart.tabs
    assert [tabs.tabText(i).replace("&", "") for i in range(tabs.count())] == [
        "Intake",
        "Sessions (3)",
        "Plan",
        "Progress",
    ]
    intake = tabs.intake_view.toPlainText()
    assert "Headaches after long days at the computer" in intake
    assert "Migraines and headaches" in intake
    assert "Cerebral aneurysm (absolute)" in intake
    assert "Epilepsy (relative)" in intake

    click_tab(tabs, ChartTab.SESSIONS)  # the list is filled when the tab shows (issue 18)
    sessions = tabs.sessions_view
    rows = [[tree_item(sessions, r).text(c) for c in range(5)] for r in range(sessions.topLevelItemCount())]
    assert [r[0][:10] for r in rows] == [
        at(12).date().isoformat(),
        at(26).date().isoformat(),
        at(40).date().isoformat(),
    ]
    assert rows[0][1:] == ["75 min", "5 → 3", "2", "Draft"]  # newest first
    assert rows[-1][1:] == ["45 min", "7 → 5", "", "Draft"]

    plan = tabs.plan_view.toPlainText()
    assert "Fortnightly" in plan
    assert "Headache days per month below 4" in plan
    assert "headache diary" in plan
    tabs.progress_tab.ensure_drawn()  # drawn when first shown
    progress = tabs.progress_tab.summary.text()
    assert "was 7 at the first session and 5 at the latest: a change of \u22122, clinically meaningful" in progress


def test_an_empty_record_says_so(chart: ChartView, clinic: dict[str, int]) -> None:
    chart.open_patient(clinic[JOHN])
    tabs = chart.tabs
    assert tabs.intake_view.toPlainText() == "No intake recorded yet."
    click_tab(tabs, ChartTab.SESSIONS)
    assert tree_item(tabs.sessions_view, 0).text(0) == "No sessions yet."
    assert tree_item(tabs.sessions_view, 0).flags() == Qt.ItemFlag.NoItemFlags
    assert tabs.tabText(ChartTab.SESSIONS).replace("&", "") == "Sessions (0)"
    assert tabs.plan_view.toPlainText() == "No follow-up plan yet."
    tabs.progress_tab.ensure_drawn()
    assert tabs.progress_tab.summary.text() == NO_SESSIONS
    assert [tabs.widget(i) for i in (ChartTab.INTAKE, ChartTab.SESSIONS, ChartTab.PLAN, ChartTab.PROGRESS)] == [
        tabs.intake_tab,
        tabs.sessions_tab,
        tabs.plan_tab,
        tabs.progress_tab,
    ]
    assert tabs.intake_tab.is_editing()  # a first visit: straight to the empty intake form
    assert tabs.intake_tab.form.isVisibleTo(tabs.intake_tab)


def test_markup_in_a_name_or_note_is_shown_as_text(chart: ChartView, services: Services) -> None:
    patient_id = add_patient(services, "<b>Bold</b> & Co", dt.date(1980, 1, 1))
    services.save_intake(patient_id, Intake(TODAY, complaint="<i>pain</i> & <script>"))
    chart.open_patient(patient_id)
    assert chart.header.name_label.text() == "<b>Bold</b> & Co"
    assert chart.header.name_label.textFormat() == Qt.TextFormat.PlainText
    assert "<i>pain</i> & <script>" in chart.tabs.intake_view.toPlainText()


def test_a_superseded_plan_is_not_the_current_one(chart: ChartView, services: Services) -> None:
    patient_id = add_patient(services, JOHN, dt.date(1970, 12, 1))
    services.add_plan(
        patient_id, FollowUpPlan(TODAY - dt.timedelta(days=20), next_appointment=TODAY - dt.timedelta(days=1))
    )
    chart.open_patient(patient_id)
    passed = (TODAY - dt.timedelta(days=1)).isoformat()
    assert chart.header.next_label.text() == f"No next appointment booked (the one planned for {passed} has passed)"
    services.add_plan(
        patient_id, FollowUpPlan(TODAY, frequency="monthly", next_appointment=TODAY + dt.timedelta(days=9))
    )
    chart.on_changed(Changed(frozenset({RecordKind.INTAKE}), (patient_id,)))
    assert chart.header.next_label.text() == f"Next appointment: {(TODAY + dt.timedelta(days=9)).isoformat()}"
    assert "Monthly" in chart.tabs.plan_view.toPlainText()


def test_changes_to_other_patients_leave_the_chart_alone(chart: ChartView, clinic: dict[str, int]) -> None:
    chart.on_changed(Changed(frozenset({RecordKind.INTAKE}), (clinic[JOHN],)))  # nothing open: nothing to do
    chart.open_patient(clinic[JOHN])
    chart.header.name_label.setText("stale")
    chart.on_changed(Changed(frozenset({RecordKind.INTAKE}), (clinic[AMIT],)))
    assert chart.header.name_label.text() == "stale"


def test_the_alerts_band_stays_in_view_on_every_tab(chart: ChartView, clinic: dict[str, int]) -> None:
    chart.open_patient(clinic[AMIT])
    for index in range(chart.tabs.count()):
        chart.tabs.setCurrentIndex(index)
        assert chart.alerts.absolute_label.isVisible()
        assert chart.alerts.relative_label.isVisible()
    chart.tabs.plan_tab.new_plan()
    assert chart.alerts.absolute_label.isVisible()


def _mnemonics(window: QWidget) -> list[str]:
    """The Alt+letter keys of what is visible in ``window``: labels, buttons, tabs and menus."""
    texts = [w.text() for w in window.findChildren(QLabel) if w.buddy() is not None and w.isVisible()]
    texts += [w.text() for w in window.findChildren(QAbstractButton) if w.isVisible()]
    texts += [a.text() for a in window.menuBar().actions()] if isinstance(window, QMainWindow) else []
    tabs = window.findChildren(QTabWidget)
    texts += [t.tabText(i) for t in tabs if t.isVisible() for i in range(t.count())]
    return [t[t.index("&") + 1].lower() for t in texts if "&" in t and not t.endswith("&")]


def test_no_two_visible_alt_keys_clash(qtbot: QtBot, clinic: dict[str, int], services: Services) -> None:
    window = show_active(qtbot, MainWindow(services, "practice.sqlite"))
    window.open_chart(clinic["child"])  # the intake form, with the birth history
    for tab in (ChartTab.INTAKE, ChartTab.SESSIONS, ChartTab.PLAN):
        window.chart.tabs.setCurrentIndex(tab)
        keys = _mnemonics(window)
        assert len(keys) == len(set(keys)), (tab, " ".join(sorted(keys)))
    window.chart.tabs.plan_tab.new_plan()
    keys = _mnemonics(window)
    assert len(keys) == len(set(keys)) >= 10, sorted(keys)
