"""The chart's tabs: read-only summaries of the intake, the sessions, the plan and the progress."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QTextBrowser, QTreeWidget, QTreeWidgetItem

from cst_notes.domain import vocabulary as V
from cst_notes.domain.intake import Intake
from cst_notes.domain.plan import FollowUpPlan
from cst_notes.domain.session import SIGNED, Session
from cst_notes.ui.formatting import date_text, local_date_text, local_time_text, pain_text

INTAKE, SESSIONS, PLAN, PROGRESS = range(4)
SESSION_COLUMNS = ("Date", "Duration", "Pain before → after", "Restrictions", "Status")


def _e(text: object) -> str:
    return html.escape(str(text))


def _empty(message: str) -> str:
    return f"<p style='color:#757575'><i>{_e(message)}</i></p>"


def _facts(rows: Iterable[tuple[str, str]]) -> str:
    """A two-column table of the rows that have a value."""
    cells = "".join(
        f"<tr><td style='padding-right:12px; color:#555'>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in rows if v
    )
    return f"<table cellspacing='2'>{cells}</table>" if cells else ""


def _noted(label: str, note: str) -> str:
    return f"{label} — {note}" if note else label


def _list(items: Iterable[str]) -> str:
    items = list(items)
    return "<ul>" + "".join(f"<li>{_e(i)}</li>" for i in items) + "</ul>" if items else ""


def intake_html(intake: Intake | None) -> str:
    if intake is None:
        return _empty("No intake recorded yet.")
    parts = [f"<h3>Intake of {date_text(intake.intake_date)}</h3>"]
    if intake.complaint:
        parts.append(f"<p><b>Complaint, in the client's words:</b><br>{_e(intake.complaint)}</p>")
    parts.append(
        _facts(
            [
                ("Goals", intake.goals),
                ("Onset", intake.onset),
                ("Duration", intake.duration),
                ("Intensity", "" if intake.intensity is None else f"{intake.intensity}/10"),
                ("Location", intake.location),
            ]
        )
    )
    if intake.conditions:
        parts.append("<p><b>Conditions</b></p>")
        parts.append(_list(_noted(V.CONDITIONS.label(c.code), c.note) for c in intake.conditions))
    if intake.contraindications:
        parts.append("<p><b>Contraindications</b></p>")
        parts.append(
            _list(
                f"{V.CONTRAINDICATIONS.label(c.code)} ({'absolute' if c.is_absolute else 'relative'})"
                for c in intake.contraindications
            )
        )
    if intake.medications:
        parts.append("<p><b>Medications</b></p>")
        parts.append(_list(f"{m.name} {m.dose}".strip() for m in intake.medications))
    consent = f"given on {date_text(intake.consent_date)}" if intake.consent_given else "not recorded"
    by = f" by {intake.consent_given_by}" if intake.consent_given and intake.consent_given_by else ""
    parts.append(f"<p>Consent to treatment: {_e(consent + by)}</p>")
    return "".join(parts)


def plan_html(plan: FollowUpPlan | None) -> str:
    if plan is None:
        return _empty("No follow-up plan yet.")
    frequency = V.FREQUENCIES.label(plan.frequency) + (f" ({plan.frequency_note})" if plan.frequency_note else "")
    parts = [
        f"<h3>Plan of {date_text(plan.created_on)}</h3>",
        _facts(
            [
                ("Frequency", frequency),
                ("Estimated sessions", "" if plan.estimated_sessions is None else str(plan.estimated_sessions)),
                ("Next appointment", date_text(plan.next_appointment)),
                ("Review", date_text(plan.review_date)),
            ]
        ),
    ]
    if plan.goals:
        parts.append("<p><b>Goals</b></p>")
        parts.append(
            _list(
                f"{g.description}{f' — measure: {g.measure}' if g.measure else ''} [{V.GOAL_STATUSES.label(g.status)}]"
                for g in plan.goals
            )
        )
    if plan.home_care:
        parts.append(f"<p><b>Home care</b><br>{_e(plan.home_care)}</p>")
    if plan.referrals:
        parts.append("<p><b>Referrals</b></p>")
        parts.append(_list(_noted(V.REFERRAL_TARGETS.label(r.target), r.note) for r in plan.referrals))
    return "".join(parts)


def progress_html(sessions: list[Session]) -> str:
    """Pain before and after each session, oldest first, and the change since the first one."""
    measured = [s for s in sessions if s.pain_before is not None or s.pain_after is not None]
    if not measured:
        return _empty("No outcome measures recorded yet.")
    first, last = measured[0], measured[-1]
    parts = ["<h3>Outcome measures (0–10)</h3>"]
    if first.pain_before is not None and last.pain_after is not None and len(measured) > 1:
        change = last.pain_after - first.pain_before
        meaningful = abs(change) >= V.CLINICALLY_MEANINGFUL_PAIN_CHANGE
        parts.append(
            f"<p>Pain before the first session: {first.pain_before}; after the latest: {last.pain_after} "
            f"(change {change:+d}{', clinically meaningful' if meaningful else ''}).</p>"
        )
    rows = "".join(
        f"<tr><td>{local_date_text(s.started_at)}</td><td>{_e(pain_text(s.pain_before, s.pain_after))}</td>"
        f"<td>{'' if s.sleep_quality is None else s.sleep_quality}</td>"
        f"<td>{'' if s.stress_level is None else s.stress_level}</td></tr>"
        for s in measured
    )
    titles = ("Date", "Pain before → after", "Sleep", "Stress")
    head = "<tr>" + "".join(f"<th align='left'>{h}</th>" for h in titles) + "</tr>"
    parts.append(f"<table cellspacing='0' cellpadding='4'>{head}{rows}</table>")
    return "".join(parts)


def _browser() -> QTextBrowser:
    browser = QTextBrowser()
    browser.setOpenLinks(False)
    return browser


class ChartTabs(QTabWidget):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.intake_view = _browser()
        self.sessions_view = QTreeWidget()
        self.sessions_view.setRootIsDecorated(False)
        self.sessions_view.setHeaderLabels(list(SESSION_COLUMNS))
        self.sessions_view.setUniformRowHeights(True)
        self.plan_view = _browser()
        self.progress_view = _browser()
        self.addTab(self.intake_view, "&Intake")
        self.addTab(self.sessions_view, "&Sessions")
        self.addTab(self.plan_view, "&Plan")
        self.addTab(self.progress_view, "P&rogress")

    def show_record(self, intake: Intake | None, sessions: list[Session], plan: FollowUpPlan | None) -> None:
        self.intake_view.setHtml(intake_html(intake))
        self.plan_view.setHtml(plan_html(plan))
        self.progress_view.setHtml(progress_html(sessions))
        self.sessions_view.clear()
        for s in sorted(sessions, key=lambda s: s.started_at, reverse=True):
            item = QTreeWidgetItem(
                [
                    local_time_text(s.started_at),
                    f"{s.duration_minutes} min",
                    pain_text(s.pain_before, s.pain_after),
                    str(len(s.restrictions)) if s.restrictions else "",
                    "Signed" if s.status == SIGNED else "Draft",
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, s.id)
            self.sessions_view.addTopLevelItem(item)
        self.setTabText(SESSIONS, f"&Sessions ({len(sessions)})")
        if not sessions:
            placeholder = QTreeWidgetItem(["No sessions yet."])
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.sessions_view.addTopLevelItem(placeholder)
        for column in range(len(SESSION_COLUMNS)):
            self.sessions_view.resizeColumnToContents(column)
