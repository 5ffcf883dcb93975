"""The chart's Plan tab: the current follow-up plan, "Edit plan…" (goals judged with a date too),
"New plan…" (which supersedes it), "Close course of care…", and the earlier plans, readable."""

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

from cst_notes.domain import vocabulary as V
from cst_notes.domain.plan import FollowUpPlan, current_plan, latest_plan
from cst_notes.domain.validation import FieldError
from cst_notes.services import Changed, Services
from cst_notes.ui.forms.draft_keeper import close_course_key, keep_dialog_draft, plan_key
from cst_notes.ui.forms.form_tab import FormTab
from cst_notes.ui.plan.close_dialog import CloseCourseDialog
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
        self.edit_button = QPushButton("&Edit plan…")
        self.edit_button.setObjectName("edit_plan")
        self.edit_button.setToolTip("Change the current plan, or mark its goals met, partly met or not met")
        self.edit_button.clicked.connect(self.edit_plan)
        self.close_button = QPushButton("C&lose course of care…")
        self.close_button.setObjectName("close_course")
        self.close_button.setToolTip("Discharged, goals met or stopped coming: the client leaves the due list")
        self.close_button.clicked.connect(lambda: self.close_course())
        self._edits = False  # the form changes the current plan (Edit) rather than adding one (New)
        self.close_dialog: CloseCourseDialog | None = None  # while it is open
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
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
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
        return f"the {'changed' if self._edits else 'new'} plan for {self.patient_name}"

    def draft_key(self, patient_id: int) -> str:
        return plan_key(patient_id)

    def content(self) -> dict[str, Any]:
        return self.form.content()

    def set_content(self, content: dict[str, Any]) -> None:
        self.form.set_content(content, self.current)
        self._edits = self.form.edits

    def load_form(self) -> None:
        self._edits = self._edits and self.current is not None
        if self._edits:
            self.form.load(self.current, edits=True)
        else:
            self.form.load(self.current, replaces=self.current is not None)

    def save_form(self) -> Changed:
        assert self.patient_id is not None
        self.form.feedback.raise_if_typed_problems()
        if self.form.edits:
            change = self._services.update_plan(self.patient_id, self.form.plan())
        else:
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
        latest = latest_plan(self.plans)
        closed = latest if latest is not None and latest.is_closed else None
        none = (
            f"No plan in force: the course of care was closed on {date_text(closed.closed_on)} "
            f"({V.CLOSING_REASONS.label(closed.closed_reason)}). A new plan opens a new course."
            if closed is not None
            else "No follow-up plan yet."
        )
        self.view.setHtml(plan_html(self.current, none=none))
        self.edit_button.setEnabled(self.current is not None)
        self.close_button.setEnabled(self.current is not None)
        earlier = [p for p in reversed(self.plans) if p is not self.current]  # newest first
        self.history_list.blockSignals(True)
        self.history_list.clear()
        for plan in earlier:
            until = f" – {date_text(plan.superseded_on)}" if plan.superseded_on else ""
            until = f" – closed {date_text(plan.closed_on)}" if plan.closed_on else until
            goals = f" · {len(plan.goals)} goal{'s' if len(plan.goals) != 1 else ''}" if plan.goals else ""
            item = QListWidgetItem(f"Plan of {date_text(plan.created_on)}{until}{goals}")
            item.setData(Qt.ItemDataRole.UserRole, plan.id)
            self.history_list.addItem(item)
        self.history_list.blockSignals(False)
        self.history_title.setText(f"Earlier plans ({len(earlier)})")
        self._earlier = earlier
        # the newest earlier plan is shown at once; with none, the empty list gives way to one line
        self.history_list.setVisible(bool(earlier))
        if earlier:
            self.history_list.setCurrentRow(0)
            self.history_view.setHtml(plan_html(earlier[0]))
        else:
            self.history_view.setHtml(empty("No earlier plans."))

    def _history_selected(self, row: int) -> None:
        if 0 <= row < len(self._earlier):
            self.history_view.setHtml(plan_html(self._earlier[row]))

    def edit_plan(self) -> None:
        """Change the current plan in place; its goals can be judged met, partly met or not met."""
        if self.current is None or self.is_editing():
            return
        self._edits = True
        self._open_form()

    def close_course(self, restored: dict[str, Any] | None = None) -> CloseCourseDialog | None:
        """Ask for the day, the reason and a note; then no plan is in force. What is typed is kept as
        a draft; ``restored``: a draft's content, after a crash."""
        current, patient_id = self.current, self.patient_id
        if current is None or patient_id is None or self.is_editing():
            return None
        dialog = CloseCourseDialog(
            lambda on, reason, note: self._services.close_course(patient_id, on, reason, note),
            self._services.today(),
            current.created_on,
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._course_closed(patient_id, dialog.change))
        dialog.finished.connect(lambda _result: setattr(self, "close_dialog", None))
        key = close_course_key(patient_id)
        keep_dialog_draft(dialog, self._services, "close_course", key, patient_id, restored=restored)
        self.close_dialog = dialog
        dialog.open()
        return dialog

    def _course_closed(self, patient_id: int, change: Changed | None) -> None:
        if change is not None:
            if patient_id == self.patient_id:
                self._show_plans(self._services.plans(patient_id))
            self.changed.emit(change)

    def new_plan(self) -> None:
        if self.is_editing():
            return
        self._edits = False
        self._open_form()

    def _open_form(self) -> None:
        self.start_editing()
        first = self.form.goals.focus_chain()
        (first[1] if len(first) > 1 else first[0]).setFocus(Qt.FocusReason.OtherFocusReason)
