"""The follow-up plan as a read-only page (HTML). Every user text is escaped."""

from __future__ import annotations

from cst_notes.domain import vocabulary as V
from cst_notes.domain.plan import FollowUpPlan, Goal
from cst_notes.ui.widgets.formatting import date_text
from cst_notes.ui.widgets.html_page import bullets, e, empty, facts, noted, paragraph, titled


def goal_status(goal: Goal) -> str:
    """ "Met on 2026-03-09", or just the status when it carries no date."""
    label = V.GOAL_STATUSES.label(goal.status)
    return f"{label} on {date_text(goal.status_on)}" if goal.status_on else label


def plan_html(plan: FollowUpPlan | None, *, none: str = "No follow-up plan yet.") -> str:
    if plan is None:
        return empty(none)
    frequency = V.FREQUENCIES.label(plan.frequency) + (f" ({plan.frequency_note})" if plan.frequency_note else "")
    title = f"Plan of {date_text(plan.created_on)}"
    if plan.superseded_on is not None:
        title += f" (superseded on {date_text(plan.superseded_on)})"
    closed = ""
    if plan.closed_on is not None:
        title += f" (course of care closed on {date_text(plan.closed_on)})"
        closed = facts(
            [
                ("Course of care closed", date_text(plan.closed_on)),
                ("Reason", V.CLOSING_REASONS.label(plan.closed_reason)),
                ("Note", plan.closing_note),
            ]
        )
    parts = [
        f"<h3>{e(title)}</h3>",
        closed,
        facts(
            [
                ("Frequency", frequency),
                ("Estimated sessions", "" if plan.estimated_sessions is None else str(plan.estimated_sessions)),
                ("Next appointment", date_text(plan.next_appointment)),
                ("Review", date_text(plan.review_date)),
            ]
        ),
        titled(
            "Goals",
            bullets(
                f"{g.description}{f' — measure: {g.measure}' if g.measure else ''} [{goal_status(g)}]"
                for g in plan.goals
            ),
        ),
        paragraph("Home care", plan.home_care),
        titled("Referrals", bullets(noted(V.REFERRAL_TARGETS.label(r.target), r.note) for r in plan.referrals)),
    ]
    return "".join(parts)
