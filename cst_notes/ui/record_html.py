"""Read-only pages of a record as HTML: the follow-up plan and the progress (the intake has its own module).

Every user text is escaped: a name or note is shown as text, never as markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from cst_notes.domain import vocabulary as V
from cst_notes.domain.plan import FollowUpPlan
from cst_notes.domain.session import Session
from cst_notes.ui.formatting import date_text, local_date_text, pain_text


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


def progress_html(sessions: list[Session]) -> str:
    """Pain before and after each session, oldest first, and the change since the first one."""
    measured = [s for s in sessions if s.pain_before is not None or s.pain_after is not None]
    if not measured:
        return empty("No outcome measures recorded yet.")
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
        f"<tr><td>{local_date_text(s.started_at)}</td><td>{e(pain_text(s.pain_before, s.pain_after))}</td>"
        f"<td>{'' if s.sleep_quality is None else s.sleep_quality}</td>"
        f"<td>{'' if s.stress_level is None else s.stress_level}</td></tr>"
        for s in measured
    )
    titles = ("Date", "Pain before → after", "Sleep", "Stress")
    head = "<tr>" + "".join(f"<th align='left'>{h}</th>" for h in titles) + "</tr>"
    parts.append(f"<table cellspacing='0' cellpadding='4'>{head}{rows}</table>")
    return "".join(parts)
