"""The progress report over a chosen range of sessions: charts, restrictions, goals.

Pain before and after each session and the rhythm rate are charted; restrictions are compared
between the first and the last session of the range, region by region (resolved, eased,
unchanged, increased, new); the current plan's goals are listed with their measure and status.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from cst_notes.domain import vocabulary as V
from cst_notes.domain.disclosure import disclosed
from cst_notes.domain.plan import current_plan
from cst_notes.domain.progress import (
    COURSE_WORDS,
    IMPROVED,
    NEW,
    RESOLVED,
    WORSE,
    PainChange,
    pain_change,
    progress,
    signed,
)
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import Session
from cst_notes.domain.settings import ClinicSettings

from . import plain
from .charts import pain_chart, rhythm_chart
from .document import Document
from .formatting import local_date
from .language import N_, Translator
from .layout import Kit
from .options import DocumentOptions
from .outcomes import outcomes_section
from .selection import select_sessions
from .styles import ACCENT_HEX, MUTED_HEX, WARN_HEX

KIND = N_("Progress report")
_SEVERITY_RANK = {code: n for n, code in enumerate(V.SEVERITIES.codes)}
_CHANGE_COLOURS = {RESOLVED: ACCENT_HEX, IMPROVED: ACCENT_HEX, WORSE: WARN_HEX, NEW: WARN_HEX}
_STATUS_COLOURS = {"achieved": ACCENT_HEX, "not_achieved": WARN_HEX, "discontinued": MUTED_HEX}


def progress_report_pdf(
    record: PatientRecord, settings: ClinicSettings, options: DocumentOptions | None = None
) -> bytes:
    """The progress report over ``options.session_ids`` / the date range (default: all sessions).

    Raises ValueError if the chosen range holds no session, or names a session not on record.
    """
    options = options or DocumentOptions()
    record = disclosed(record, options.disclosure())  # the one rule of what leaves the practice
    sessions = select_sessions(record, options)
    doc = Document(record, settings, options, KIND)
    kit, tr = doc.kit, doc.tr
    tz = options.timezone
    first, last = local_date(sessions[0].started_at, tz), local_date(sessions[-1].started_at, tz)
    n = len(sessions)
    if first == last:
        span = tr.ngettext("{n} session on {date}", "{n} sessions on {date}", n).format(
            n=tr.count(n), date=tr.long_date(first)
        )
    else:
        span = tr.ngettext("{n} session from {first} to {last}", "{n} sessions from {first} to {last}", n).format(
            n=tr.count(n), first=tr.long_date(first), last=tr.long_date(last)
        )
    story: list[Flowable] = kit.title(tr.gettext("Progress report"), span)
    addressed = plain.addressed_to(record.patient, options.issue_date(), tr)
    story += [kit.body(kit.ts.span(addressed, bold=True))] if addressed else []
    story += _pain(kit, sessions, options)
    story += outcomes_section(kit, sessions, options)
    story += _rhythm(kit, sessions, options)
    story += _restrictions(kit, sessions, options)
    story += _goals(kit, record)
    story += _chosen_notes(kit, sessions, options)
    return doc.render(story, subject=span)


def _pain(kit: Kit, sessions: tuple[Session, ...], options: DocumentOptions) -> list[Flowable]:
    tz = options.timezone
    points = [(local_date(s.started_at, tz), s.pain_before, s.pain_after) for s in sessions]
    tr = kit.tr
    intro = tr.gettext(
        "Pain as you rated it from 0 (none) to 10 (the worst imaginable), before and after each session."
    )
    change = pain_change(sessions)
    if change is not None:
        intro += " " + pain_change_sentence(change, tr)
    chart = pain_chart(points, width=kit.width, tr=tr, ts=kit.ts)
    return [KeepTogether([kit.heading(tr.gettext("Pain before and after each session")), kit.body(intro), chart])]


def pain_change_sentence(change: PainChange, tr: Translator) -> str:
    """``PainChange.sentence()`` (the Progress tab's wording) in the document's language."""
    threshold = V.CLINICALLY_MEANINGFUL_PAIN_CHANGE
    values = {
        "first": tr.count(change.first),
        "latest": tr.count(change.latest),
        "change": tr.digits(signed(change.change)),
        "threshold": tr.count(threshold),
    }
    if not change.change:
        text = tr.gettext(
            "Pain before the session was {first} at the first session and {latest} at the latest: no change."
        )
    elif change.meaningful:
        text = tr.gettext(
            "Pain before the session was {first} at the first session and {latest} at the latest: "
            "a change of {change}, clinically meaningful ({threshold} points or more)."
        )
    else:
        text = tr.gettext(
            "Pain before the session was {first} at the first session and {latest} at the latest: "
            "a change of {change}, less than the {threshold} points that are clinically meaningful."
        )
    return text.format(**values)


def _rhythm(kit: Kit, sessions: tuple[Session, ...], options: DocumentOptions) -> list[Flowable]:
    tz = options.timezone
    points = [
        (local_date(s.started_at, tz), [f.rate for f in s.rhythm_findings if f.rate is not None]) for s in sessions
    ]
    tr = kit.tr
    intro = tr.gettext(
        "The craniosacral rhythm, in cycles per minute: the average over the places it was felt at each "
        "session; the thin line spans the lowest to the highest place, the band the usual range."
    )
    chart = rhythm_chart(points, width=kit.width, tr=tr, ts=kit.ts)
    return [KeepTogether([kit.heading(tr.gettext("Craniosacral rhythm")), kit.body(intro), chart])]


@dataclass(frozen=True)
class _Area:
    severity: str  # the most severe entry for the region
    sides: tuple[str, ...]

    def describe(self, tr: Translator) -> str:
        """'Marked tension, on both sides', in plain words (not the chart's "Severe (bilateral)")."""
        sides = set(self.sides)
        if {"left", "right"} <= sides:
            sides = (sides - {"left", "right"}) | {"bilateral"}
        words = [plain.side_words(s, tr) for s in plain.SIDE_WORDS if s in sides]
        severity = plain.severity_words(self.severity, tr)
        text = ", ".join([severity, *(w for w in words if w)])
        return text[:1].upper() + text[1:]


def _areas(session: Session) -> dict[str, _Area]:
    out: dict[str, _Area] = {}
    for r in session.restrictions:
        before = out.get(r.region)
        rank = _SEVERITY_RANK.get(r.severity, 0)
        if before is None:
            out[r.region] = _Area(r.severity, (r.side,))
        else:
            worst = r.severity if rank > _SEVERITY_RANK.get(before.severity, 0) else before.severity
            sides = before.sides if r.side in before.sides else (*before.sides, r.side)
            out[r.region] = _Area(worst, sides)
    return out


def _restrictions(kit: Kit, sessions: tuple[Session, ...], options: DocumentOptions) -> list[Flowable]:
    tz, tr = options.timezone, kit.tr
    out: list[Flowable] = [kit.heading(tr.gettext("Areas of restriction"))]
    first, last = sessions[0], sessions[-1]
    a, b = _areas(first), _areas(last)
    if not a and not b:
        return [*out, kit.body(tr.gettext("No areas of restriction were recorded at the first or the last session."))]
    d1, d2 = tr.short_date(local_date(first.started_at, tz)), tr.short_date(local_date(last.started_at, tz))
    if first is last:
        only = tr.gettext("Only one session ({date}) is in the range, so there is nothing to compare yet.")
        out.append(kit.body(only.format(date=d1)))
    else:
        compared = tr.gettext("The first session of the range ({first}) compared with the last ({last}), by region.")
        out.append(kit.body(compared.format(first=d1, last=d2)))
    course = {c.region: c.status for c in progress([first, last]).regions}
    order = list(COURSE_WORDS)
    regions = sorted(set(a) | set(b), key=lambda code: (order.index(course[code]), code))
    rows = []
    for code in regions:
        name = kit.ts.markup(kit.ts.span(plain.region_label(code, tr), bold=True))
        explanation = plain.region_explanation(code, tr)
        if explanation:
            name = kit.ts.markup(name, kit.ts.span(f" — {explanation}", color=MUTED_HEX))
        status = course[code] if first is not last else ""
        change = tr.term(COURSE_WORDS[status]) if status in COURSE_WORDS else "—"
        shown = kit.ts.span(change, bold=status in _CHANGE_COLOURS, color=_CHANGE_COLOURS.get(status))
        cells = [name, a[code].describe(tr) if code in a else "—", b[code].describe(tr) if code in b else "—", shown]
        rows.append(cells)
    header = [
        tr.gettext("Region"),
        tr.gettext("First ({date})").format(date=d1),
        tr.gettext("Last ({date})").format(date=d2),
        tr.gettext("Change"),
    ]
    table = kit.table(header, rows, [70 * mm, 38 * mm, 38 * mm, 24 * mm])
    return [KeepTogether([*out, table])] if len(rows) <= 12 else [*out, table]


def _goals(kit: Kit, record: PatientRecord) -> list[Flowable]:
    tr = kit.tr
    plan = current_plan(record.follow_up_plans)
    out: list[Flowable] = [kit.heading(tr.gettext("Goals"))]
    if plan is None or not plan.goals:
        return [*out, kit.body(tr.gettext("No goals have been set in a follow-up plan yet."))]
    frequency = tr.term(V.FREQUENCIES.label(plan.frequency))
    facts = [tr.gettext("Plan of {date}").format(date=tr.long_date(plan.created_on)), frequency.lower()]
    if plan.frequency_note:
        facts.append(plan.frequency_note)
    if plan.review_date:
        facts.append(tr.gettext("review on {date}").format(date=tr.long_date(plan.review_date)))
    out.append(kit.small(tr.gettext("{facts}.").format(facts="; ".join(facts))))
    rows = [
        [
            kit.ts.span(g.description, bold=True),
            g.measure or "—",
            kit.ts.span(
                tr.term(V.GOAL_STATUSES.label(g.status)),
                bold=g.status == "achieved",
                color=_STATUS_COLOURS.get(g.status),
            ),
        ]
        for g in plan.goals
    ]
    header = [tr.gettext("Goal"), tr.gettext("Measure"), tr.gettext("Status")]
    out.append(kit.table(header, rows, [70 * mm, 70 * mm, 30 * mm], free_text=(0, 1)))
    return out


def _chosen_notes(kit: Kit, sessions: tuple[Session, ...], options: DocumentOptions) -> list[Flowable]:
    out: list[Flowable] = []
    tz, tr = options.timezone, kit.tr
    for wanted, label, field in (
        (options.include_assessment, tr.gettext("Therapist's assessments"), "assessment"),
        (options.include_private_notes, tr.gettext("Private notes"), "private_notes"),
    ):
        notes = [(s, str(getattr(s, field)).strip()) for s in sessions]
        notes = [(s, text) for s, text in notes if text]
        if not wanted or not notes:
            continue
        out.append(kit.heading(label))
        out += kit.dated_bullets([(tr.short_date(local_date(s.started_at, tz)), text) for s, text in notes])
    return out
