"""Read-only pages of a record as HTML: the follow-up plan (the intake has its own module).

Every user text is escaped: a name or note is shown as text, never as markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from cst_notes.domain import vocabulary as V
from cst_notes.domain.plan import FollowUpPlan
from cst_notes.ui.widgets.formatting import date_text


def e(text: object) -> str:
    return html.escape(str(text))


def empty(message: str) -> str:
    return f"<p style='color:#757575'><i>{e(message)}</i></p>"


def facts(rows: Iterable[tuple[str, str]]) -> str:
    """A two-column table of the rows that have a value."""
    cells = "".join(
        f"<tr><td style='padding-right:12px; color:#555'>{e(k)}</td><td>{e(v)}</td></tr>" for k, v in rows if v
    )
    return f"<table cellspacing='2'>{cells}</table>" if cells else ""


def noted(label: str, note: str) -> str:
    return f"{label} — {note}" if note else label


def bullets(items: Iterable[str]) -> str:
    items = list(items)
    return "<ul>" + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>" if items else ""


def titled(title: str, body: str) -> str:
    return f"<p><b>{e(title)}</b></p>{body}" if body else ""


def paragraph(title: str, text: str) -> str:
    """A titled block of the user's text, line breaks kept."""
    return f"<p><b>{e(title)}</b><br>{e(text).replace(chr(10), '<br>')}</p>" if text else ""


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
