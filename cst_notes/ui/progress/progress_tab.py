"""The chart's Progress tab: how the patient has done across the sessions.

Pain and the craniosacral rhythm are the PDF progress report's own charts (``reports.charts``),
rendered to SVG in the background thread; the outcome measures, the rate at each station and the
areas of restriction are tables with a column per session, each filled in its own turn of the event loop (a hundred
sessions are over a thousand cells: all at once would hold the window up); then the current plan's
goals with their measure and status.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cst_notes import reports
from cst_notes.domain import vocabulary as V
from cst_notes.domain.plan import FollowUpPlan, current_plan
from cst_notes.domain.progress import Progress, pain_change, progress
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import Session
from cst_notes.ui.progress.chart_svg import SvgChart
from cst_notes.ui.progress.rows import (
    BAD,
    GOOD,
    SEVERITY_COLOURS,
    SEVERITY_MARKS,
    outcome_rows,
    restriction_rows,
    station_rows,
)
from cst_notes.ui.progress.session_table import SessionTable, TableRow
from cst_notes.ui.widgets.formatting import date_text

NO_SESSIONS = "No sessions recorded yet: progress is charted from the sessions."
GOAL_COLUMNS = ("Goal", "Measure", "Status")
GOAL_COLOURS = {"achieved": GOOD, "not_achieved": BAD, "discontinued": "#757575"}
MUTED = "color: #5F6F78;"


def _label(text: str = "", style: str = "", rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if style:
        label.setStyleSheet(style)
    return label


def pain_summary(sessions: list[Session]) -> str:
    """The domain's pain change over the sessions, in its own words (the PDF progress report says the same)."""
    change = pain_change(sessions)
    return change.sentence() if change else ""


def severity_legend() -> str:
    swatches = "".join(
        f"<span style='background-color:{SEVERITY_COLOURS[code]}'>&nbsp;{SEVERITY_MARKS[code]}&nbsp;</span>"
        f"&nbsp;{html.escape(V.SEVERITIES.label(code).lower())}&nbsp;&nbsp;&nbsp;"
        for code in V.SEVERITIES.codes
    )
    return f"<span style='color:#5F6F78'>The worst severity marked at each session:</span>&nbsp;&nbsp;{swatches}"


class ProgressTab(QScrollArea):
    """``show_record(record)``: the progress over all the record's sessions."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("progress_tab")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.progress: Progress | None = None
        self._pending: PatientRecord | None = None
        self._steps: list[Callable[[], None]] = []  # the tables still to fill, one a turn, then the charts
        self._drawn_patient: int | None = None
        self._step_timer = QTimer(self, singleShot=True, interval=0)
        self._step_timer.timeout.connect(self._next_step)
        page = QWidget()
        self._layout = QVBoxLayout(page)
        self._layout.setContentsMargins(12, 12, 12, 12)
        self._layout.setSpacing(6)
        self.summary = _label()
        self.summary.setObjectName("progress_summary")
        self._layout.addWidget(self.summary)
        self.pain_chart = SvgChart()
        self.pain_chart.setObjectName("pain_chart")
        self.rhythm_chart = SvgChart()
        self.rhythm_chart.setObjectName("rhythm_chart")
        self.stations = SessionTable("Station", "First → latest")
        self.outcomes = SessionTable("Measure", "First → latest")
        self.restrictions = SessionTable("Region", "Change")
        self.restrictions_legend = _label(severity_legend(), rich=True)
        self.restrictions_empty = _label("No areas of restriction were marked in these sessions.", MUTED)
        self.stations_empty = _label("No rhythm rates were recorded at the stations.", MUTED)
        self.outcomes_empty = _label("No outcome measures (sleep, stress, headache days, impression) recorded.", MUTED)
        self.goals = self._goals_table()
        self.plan_facts = _label("", MUTED)
        self.charted = self._section(
            ("Pain before and after each session", None, self.pain_chart),
            ("Craniosacral rhythm", None, self.rhythm_chart),
            ("Rhythm rate at each station (cycles per minute)", self.stations_empty, self.stations),
            ("Outcome measures", self.outcomes_empty, self.outcomes),
            ("Areas of restriction over time", self.restrictions_empty, self.restrictions_legend, self.restrictions),
        )
        self._layout.addWidget(self.charted)
        self._layout.addWidget(self._section(("Goals of the current plan", self.plan_facts, self.goals)))
        self._layout.addStretch(1)
        self.setWidget(page)

    def _section(self, *parts: tuple[Any, ...]) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for title, *widgets in parts:
            heading = _label(title)
            font = QFont(heading.font())
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.15)
            heading.setFont(font)
            heading.setContentsMargins(0, 10, 0, 0)
            layout.addWidget(heading)
            for widget in widgets:
                if widget is not None:
                    layout.addWidget(widget)
        return box

    def _goals_table(self) -> QTableWidget:
        table = QTableWidget(0, len(GOAL_COLUMNS))
        table.setObjectName("goals_table")
        table.setHorizontalHeaderLabels(list(GOAL_COLUMNS))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.verticalHeader().setVisible(False)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        return table

    # --- showing a record -------------------------------------------------------------------

    def show_record(self, record: PatientRecord) -> None:
        """Draw the record's progress now if the tab is on screen, else when it is first shown
        (a hundred sessions fill over a thousand cells: no need unless someone looks)."""
        self._pending = record
        if self.isVisible():
            self._draw_pending()

    def showEvent(self, event: QShowEvent) -> None:
        self._draw_pending()
        super().showEvent(event)

    def _draw_pending(self) -> None:
        if self._pending is not None:
            record, self._pending = self._pending, None
            self._draw(record)

    def ensure_drawn(self) -> None:
        """Draw now whatever is waiting, the tables too (for tests and screenshots that read the tab
        unseen); the charts follow from the background."""
        self._draw_pending()
        while self._steps:
            self._steps.pop(0)()

    @property
    def pending(self) -> bool:
        """True while something drawn for the latest record is still to come (a table, a chart)."""
        return bool(self._pending or self._steps or self.pain_chart.pending or self.rhythm_chart.pending)

    def _next_step(self) -> None:
        if self._steps:
            self._steps.pop(0)()
        if self._steps:
            self._step_timer.start()

    def _draw(self, record: PatientRecord) -> None:
        sessions = sorted(record.sessions, key=lambda s: s.started_at)
        plan = current_plan(record.follow_up_plans)
        self.progress = p = progress(sessions, plan)
        self.charted.setVisible(bool(sessions))
        if sessions:
            first, last = p.points[0].day, p.points[-1].day
            count = "1 session" if len(sessions) == 1 else f"{len(sessions)} sessions"
            span = f"on {date_text(first)}" if first == last else f"from {date_text(first)} to {date_text(last)}"
            self.summary.setText(" ".join(t for t in (f"{count} {span}.", pain_summary(sessions)) if t))
        else:
            self.summary.setText(NO_SESSIONS)
        pain_points = [(point.day, point.pain_before, point.pain_after) for point in p.points]
        rates = [
            (reports.local_date(s.started_at), [f.rate for f in s.rhythm_findings if f.rate is not None])
            for s in sessions
        ]
        if record.patient.id != self._drawn_patient:  # not another patient's charts meanwhile
            self.pain_chart.clear()
            self.rhythm_chart.clear()
        self._drawn_patient = record.patient.id
        self._show_goals(plan)
        days = [point.day for point in p.points]
        self._steps = [  # those of an earlier record, not yet filled, are dropped
            partial(self._grid, days, self.stations, self.stations_empty, station_rows(p)),
            partial(self._grid, days, self.outcomes, self.outcomes_empty, outcome_rows(p)),
            partial(self._grid, days, self.restrictions, self.restrictions_empty, restriction_rows(p),
                    self.restrictions_legend),
            # The charts last: made in the background, they would slow the tables' filling down (the
            # two threads take turns at the interpreter).
            partial(self.pain_chart.set_maker, lambda w, h: reports.pain_chart_svg(pain_points, w, h)),
            partial(self.rhythm_chart.set_maker, lambda w, h: reports.rhythm_chart_svg(rates, w, h)),
        ]  # fmt: skip
        self._step_timer.start()

    def _grid(self, days: list[Any], grid: SessionTable, empty: QLabel, rows: list[TableRow], *more: QWidget) -> None:
        grid.show_rows(days, rows)
        for widget in (grid, *more):
            widget.setVisible(bool(rows))
        empty.setVisible(not rows)

    def _show_goals(self, plan: FollowUpPlan | None) -> None:
        goals = plan.goals if plan else ()
        if plan is None:
            self.plan_facts.setText("No follow-up plan yet.")
        else:
            facts = [f"Plan of {date_text(plan.created_on)}", V.FREQUENCIES.label(plan.frequency).lower()]
            facts += [plan.frequency_note] if plan.frequency_note else []
            facts += [f"review on {date_text(plan.review_date)}"] if plan.review_date else []
            facts += [] if goals else ["no goals set"]
            self.plan_facts.setText("; ".join(facts) + ".")
        table = self.goals
        table.setVisible(bool(goals))
        table.setRowCount(len(goals))
        for row, goal in enumerate(goals):
            status = V.GOAL_STATUSES.label(goal.status)
            for column, text in enumerate((goal.description, goal.measure or "—", status)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                table.setItem(row, column, item)
            status_item = item
            if goal.status in GOAL_COLOURS:
                status_item.setForeground(QBrush(QColor(GOAL_COLOURS[goal.status])))
                font = QFont(status_item.font())
                font.setBold(True)
                status_item.setFont(font)
        table.resizeRowsToContents()
        height = table.horizontalHeader().sizeHint().height() + sum(table.rowHeight(r) for r in range(len(goals)))
        table.setFixedHeight(height + 2 * table.frameWidth() + 2)

    # --- what the user sees, for tests ------------------------------------------------------------

    def goal_rows(self) -> list[list[str]]:
        items = [[self.goals.item(r, c) for c in range(3)] for r in range(self.goals.rowCount())]
        return [[i.text() if i is not None else "" for i in row] for row in items]
