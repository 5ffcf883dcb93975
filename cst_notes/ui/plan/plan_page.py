"""The follow-up plan as a read-only page (HTML). Every user text is escaped."""

from __future__ import annotations

from cst_notes.domain import vocabulary as V
from cst_notes.domain.plan import FollowUpPlan
from cst_notes.ui.widgets.formatting import date_text
from cst_notes.ui.widgets.html_page import bullets, e, empty, facts, noted, paragraph, titled


def plan_html(plan: FollowUpPlan | None) -> str:
    if plan is None:
        return empty("No follow-up plan yet.")
    frequency = V.FREQUENCIES.label(plan.frequency) + (f" ({plan.frequency_note})" if plan.frequency_note else "")
    title = f"Plan of {date_text(plan.created_on)}"
    if plan.superseded_on is not None:
        title += f" (superseded on {date_text(plan.superseded_on)})"
    parts = [
        f"<h3>{e(title)}</h3>",
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
                f"{g.description}{f' — measure: {g.measure}' if g.measure else ''} [{V.GOAL_STATUSES.label(g.status)}]"
                for g in plan.goals
            ),
        ),
        paragraph("Home care", plan.home_care),
        titled("Referrals", bullets(noted(V.REFERRAL_TARGETS.label(r.target), r.note) for r in plan.referrals)),
    ]
    return "".join(parts)
