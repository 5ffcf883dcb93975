"""The chart's Plan tab: the current follow-up plan, "New plan…" (which supersedes it), and the history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain.plan import FollowUpPlan, current_plan
from cst_notes.domain.validation import FieldError
from cst_notes.services import Changed, Services
from cst_notes.ui.forms.draft_keeper import plan_key
from cst_notes.ui.forms.form_tab import FormTab
from cst_notes.ui.plan.form import PlanForm
from cst_notes.ui.plan.plan_page import plan_html
from cst_notes.ui.widgets.formatting import date_text
from cst_notes.ui.widgets.html_page import empty


def _browser(name: str) -> QTextBrowser:
    browser = QTextBrowser()
    browser.setObjectName(name)
    browser.setOpenLinks(False)
    return browser


class PlanTab(FormTab):
    def __init__(self, services: Services, today: Callable[[], dt.date], parent: Any = None) -> None:
        super().__init__(services, today, "plan", parent)
        self.plans: list[FollowUpPlan] = []
        self.current: FollowUpPlan | None = None
        self._earlier: list[FollowUpPlan] = []
        self.view = _browser("plan_view")
        self.new_button = QPushButton("Ne&w plan…")
        self.new_button.setObjectName("new_plan")
        self.new_button.setToolTip("A new plan starts from the current one and replaces it")
        self.new_button.clicked.connect(self.new_plan)
        self.history_list = QListWidget()
        self.history_list.setObjectName("plan_history")
        self.history_view = _browser("plan_history_view")
        self.history_list.currentRowChanged.connect(self._history_selected)

        history = QWidget()
        history_box = QVBoxLayout(history)
        history_box.setContentsMargins(0, 0, 0, 0)
        self.history_title = QLabel("Earlier plans")
        self.history_title.setStyleSheet("font-weight: bold;")
        history_box.addWidget(self.history_title)
        history_box.addWidget(self.history_list, 1)
        history_box.addWidget(self.history_view, 2)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(history)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        view_page = QWidget()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(8, 4, 8, 8)
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        box = QVBoxLayout(view_page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(splitter, 1)
        box.addLayout(buttons)
        self.form = PlanForm(today())
        self.form.edited.connect(self.form_edited)
        self.build_pages(view_page, self.form, self.form.focus_chain()[-1])

    # --- FormTab ----------------------------------------------------------------------------

    def what(self) -> str:
        return f"the new plan for {self.patient_name}"

    def draft_key(self, patient_id: int) -> str:
        return plan_key(patient_id)

    def content(self) -> dict[str, Any]:
        return self.form.content()

    def set_content(self, content: dict[str, Any]) -> None:
        self.form.set_content(content)

    def load_form(self) -> None:
        self.form.load(self.current, replaces=self.current is not None)

    def save_form(self) -> Changed:
        assert self.patient_id is not None
        self.form.feedback.raise_if_typed_problems()
        change = self._services.add_plan(self.patient_id, self.form.plan())
        self._show_plans(self._services.plans(self.patient_id))
        return change

    def show_errors(self, errors: tuple[FieldError, ...]) -> None:
        self.form.show_errors(errors)

    # --- showing ----------------------------------------------------------------------------

    def show_record(self, patient_id: int, name: str, plans: list[FollowUpPlan]) -> None:
        self.set_patient(patient_id, name)
        self._show_plans(plans)
        if self.is_editing() and not self.is_dirty():
            self.start_editing()

    def _show_plans(self, plans: list[FollowUpPlan]) -> None:
        self.plans = list(plans)
        self.current = current_plan(self.plans)
        self.view.setHtml(plan_html(self.current))
        earlier = [p for p in reversed(self.plans) if p is not self.current]  # newest first
        self.history_list.clear()
        for plan in earlier:
            until = f" – {date_text(plan.superseded_on)}" if plan.superseded_on else ""
            goals = f" · {len(plan.goals)} goal{'s' if len(plan.goals) != 1 else ''}" if plan.goals else ""
            item = QListWidgetItem(f"Plan of {date_text(plan.created_on)}{until}{goals}")
            item.setData(Qt.ItemDataRole.UserRole, plan.id)
            self.history_list.addItem(item)
        self.history_title.setText(f"Earlier plans ({len(earlier)})")
        self.history_view.setHtml(empty("Choose an earlier plan to read it." if earlier else "No earlier plans."))
        self._earlier = earlier

    def _history_selected(self, row: int) -> None:
        if 0 <= row < len(self._earlier):
            self.history_view.setHtml(plan_html(self._earlier[row]))

    def new_plan(self) -> None:
        self.start_editing()
        first = self.form.goals.focus_chain()
        (first[1] if len(first) > 1 else first[0]).setFocus(Qt.FocusReason.OtherFocusReason)
