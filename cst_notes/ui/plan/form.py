"""The follow-up plan form: goals with their measures, frequency, dates, home care and referrals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import QLabel, QSpinBox, QVBoxLayout, QWidget

from cst_notes.domain import vocabulary as V
from cst_notes.domain.plan import FollowUpPlan, Goal, Referral
from cst_notes.domain.validation import FieldError
from cst_notes.ui.forms.draft_content import from_content, to_content
from cst_notes.ui.widgets.field_feedback import STYLESHEET, FieldFeedback, error_label
from cst_notes.ui.widgets.form_fields import Fields, ScrollForm, heading, plain, scroll_to
from cst_notes.ui.widgets.formatting import date_text
from cst_notes.ui.widgets.pair_grid import PairGrid
from cst_notes.ui.widgets.rows_editor import CODE, DATE, Column, RowsEditor

NOT_GIVEN = 0  # the estimated-sessions spin box's "Not given"
PLANNING_YEARS = 5  # how far ahead an appointment or review may be set
EDITS = "edits_current_plan"  # in a draft's content: the form changed the current plan


class PlanForm(ScrollForm):
    def __init__(self, today: dt.date, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("plan_form")
        self._today = today
        self._created_on = today
        self._replaces = False
        self.edits = False  # the form changes the current plan rather than making a new one
        self.general_error = error_label()
        self.feedback = FieldFeedback(self.general_error)
        fields = Fields(self.feedback, self._edited, today)
        self.fields = fields
        self.title = QLabel()
        self.title.setObjectName("plan_form_title")
        self.title.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.title.setWordWrap(True)
        self.goals = RowsEditor(
            "goals",
            "Goal",
            [
                Column("description", "Goal", placeholder="e.g. Fewer headaches"),
                Column("measure", "Measure", placeholder="e.g. headache days per month below 4"),
                Column("status", "Status", CODE, V.GOAL_STATUSES, default="open", width=115),
                Column("status_on", "Judged on", DATE, width=120),
            ],
            feedback=self.feedback,
            today=today,
        )
        self.goals.edited.connect(self._edited)
        self.frequency = fields.combo("frequency", "Fre&quency", V.FREQUENCIES)
        self.frequency_note = fields.line(
            "frequency_note", "Frequenc&y note", "e.g. weekly for 6 weeks, then fortnightly"
        )
        self.estimated_sessions = QSpinBox()
        self.estimated_sessions.setRange(NOT_GIVEN, 200)
        self.estimated_sessions.setSpecialValueText("Not given")
        fields.add("estimated_sessions", "Es&timated sessions", self.estimated_sessions)
        latest = today.replace(year=today.year + PLANNING_YEARS)
        self.next_appointment = fields.date("next_appointment", "Ne&xt appointment", latest=latest)
        self.review_date = fields.date("review_date", "Re&view date", latest=latest)
        self.home_care = fields.text("home_care", "Home &care advice", 3)
        self.referrals = RowsEditor(
            "referrals",
            "Referral",
            [
                Column("target", "To", CODE, V.REFERRAL_TARGETS, width=200),
                Column("note", "Note", placeholder="e.g. for a neck X-ray"),
            ],
            feedback=self.feedback,
            today=today,
        )
        self.referrals.edited.connect(self._edited)

        self.grid = PairGrid()
        for name, wide in [
            ("frequency", False),
            ("frequency_note", False),
            ("estimated_sessions", True),
            ("next_appointment", False),
            ("review_date", False),
            ("home_care", True),
        ]:
            self.grid.add(fields.label(name), fields.cell(name), wide=wide)
        inner = QWidget()
        inner.setStyleSheet(STYLESHEET)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(12, 4, 16, 16)
        layout.addWidget(self.title)
        layout.addWidget(self.general_error)
        layout.addWidget(heading("Goals, each with a measure"))
        layout.addWidget(self.goals)
        layout.addWidget(heading("Schedule and advice"))
        layout.addWidget(self.grid)
        layout.addWidget(heading("Referrals"))
        layout.addWidget(self.referrals)
        layout.addStretch(1)
        self._set_page(inner)

    def focus_chain(self) -> list[QWidget]:
        return [
            *self.goals.focus_chain(),
            self.frequency,
            self.frequency_note,
            self.estimated_sessions,
            self.next_appointment,
            self.review_date,
            self.home_care,
            *self.referrals.focus_chain(),
        ]

    def load(self, plan: FollowUpPlan | None, *, replaces: bool = False, edits: bool = False) -> None:
        """A new plan, dated today, starting from ``plan`` (the current one, which it replaces) if any;
        with ``edits``, ``plan`` itself (the current one), changed in place."""
        p = plan or FollowUpPlan(self._today)
        self._replaces = replaces
        self.edits = edits and plan is not None
        with self._quietly():
            if self.edits:
                self._created_on = p.created_on
                self.title.setText(f"Plan of {date_text(p.created_on)}: changes are kept in its history")
            else:
                self._created_on = self._today
                note = " — it replaces the current plan, which stays readable in the history" if replaces else ""
                self.title.setText(f"New plan of {date_text(self._today)}{note}")
            self.goals.set_rows(
                [
                    {"description": g.description, "measure": g.measure, "status": g.status, "status_on": g.status_on}
                    for g in p.goals
                ]
            )
            self.frequency.set_code(p.frequency)
            self.frequency_note.setText(p.frequency_note)
            self.estimated_sessions.setValue(p.estimated_sessions or NOT_GIVEN)
            self.next_appointment.set_value(p.next_appointment)
            self.review_date.set_value(p.review_date)
            self.home_care.setPlainText(p.home_care)
            self.referrals.set_rows([{"target": r.target, "note": r.note} for r in p.referrals])
            self.feedback.clear()

    def plan(self) -> FollowUpPlan:
        sessions = self.estimated_sessions.value()
        return FollowUpPlan(
            created_on=self._created_on,
            frequency=self.frequency.code(),
            frequency_note=plain(self.frequency_note),
            estimated_sessions=None if sessions == NOT_GIVEN else sessions,
            next_appointment=self.next_appointment.value(),
            review_date=self.review_date.value(),
            home_care=plain(self.home_care),
            goals=tuple(Goal(**r) for r in self.goals.rows()),
            referrals=tuple(Referral(**r) for r in self.referrals.rows()),
        )

    def content(self) -> dict[str, Any]:
        return {**to_content(self.plan()), EDITS: self.edits}

    def set_content(self, content: dict[str, Any], current: FollowUpPlan | None = None) -> None:
        """A draft back: one that changed the current plan edits it again (if there still is one)."""
        plan_content = {k: v for k, v in content.items() if k != EDITS}
        plan = from_content(FollowUpPlan, plan_content)
        if content.get(EDITS) is True and current is not None:
            self.load(plan, edits=True)
            self._created_on = current.created_on
        else:
            self.load(plan, replaces=self._replaces)

    def show_errors(self, errors: Iterable[FieldError]) -> QWidget | None:
        self.goals.register()
        self.referrals.register()
        first = self.feedback.show(errors)
        scroll_to(self, first or self.general_error)
        if first is not None:
            first.setFocus()
        return first
