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
    OutcomeCourse,
    outcome_courses,
    pain_change,
    progress,
)
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import Session
from cst_notes.domain.settings import ClinicSettings

from . import plain
from .charts import pain_chart, rating_chart, rhythm_chart
from .document import Document
from .formatting import local_date, long_date, short_date
from .layout import Kit
from .options import DocumentOptions
from .selection import select_sessions
from .styles import ACCENT_HEX, MUTED_HEX, WARN_HEX

KIND = "Progress report"
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
    tz = options.timezone
    first, last = local_date(sessions[0].started_at, tz), local_date(sessions[-1].started_at, tz)
    count = f"{len(sessions)} session{'s' if len(sessions) != 1 else ''}"
    span = f"on {long_date(first)}" if first == last else f"from {long_date(first)} to {long_date(last)}"
    kit = doc.kit
    story: list[Flowable] = kit.title("Progress report", f"{count} {span}")
    addressed = plain.addressed_to(record.patient, options.issue_date())
    story += [kit.body(kit.ts.span(addressed, bold=True))] if addressed else []
    story += _pain(kit, sessions, options)
    story += _outcomes(kit, sessions, options)
    story += _rhythm(kit, sessions, options)
    story += _restrictions(kit, sessions, options)
    story += _goals(kit, record)
    story += _chosen_notes(kit, sessions, options)
    return doc.render(story, subject=f"{count} {span}")


def _pain(kit: Kit, sessions: tuple[Session, ...], options: DocumentOptions) -> list[Flowable]:
    tz = options.timezone
    points = [(local_date(s.started_at, tz), s.pain_before, s.pain_after) for s in sessions]
    intro = "Pain as you rated it from 0 (none) to 10 (the worst imaginable), before and after each session."
    change = pain_change(sessions)
    if change is not None:
        intro += " " + change.sentence()
    return [
        KeepTogether(
            [kit.heading("Pain before and after each session"), kit.body(intro), pain_chart(points, width=kit.width)]
        )
    ]


# How each outcome measure is told to the patient: what it is, and what its numbers mean.
_OUTCOME_WORDS = {
    "sleep_quality": ("Your sleep", " out of 10", " (0 is very poor, 10 is excellent)"),
    "stress_level": ("Your stress", " out of 10", " (0 is none, 10 is extreme)"),
    "headache_days": ("Days with a headache since the visit before", "", ""),
}


def _outcome_sentence(course: OutcomeCourse) -> str:
    """In plain words: "Your sleep: 3 out of 10 at the first session and 8 at the latest (0 is …)."."""
    what, unit, scale = _OUTCOME_WORDS[course.code]
    if len(course.values) == 1:
        return f"{what}: {course.first}{unit}{scale}."
    return f"{what}: {course.first}{unit} at the first session and {course.latest} at the latest{scale}."


def _outcomes(kit: Kit, sessions: tuple[Session, ...], options: DocumentOptions) -> list[Flowable]:
    """Sleep, stress and headache days, as the Progress tab shows them (the domain's one series)."""
    courses = {c.code: c for c in outcome_courses(progress(list(sessions), tz=options.timezone))}
    if not courses:
        return []
    out: list[Flowable] = [
        kit.heading("Sleep, stress and headaches"),
        kit.body(
            "How you rated your sleep and your stress at each session, and how many days you had a headache "
            "since the visit before."
        ),
        *kit.bullets([_outcome_sentence(c) for c in courses.values()]),
    ]
    sleep, stress = courses.get("sleep_quality"), courses.get("stress_level")
    if sleep or stress:
        out.append(rating_chart(sleep.values if sleep else (), stress.values if stress else (), width=kit.width))
    return [KeepTogether(out)]


def _rhythm(kit: Kit, sessions: tuple[Session, ...], options: DocumentOptions) -> list[Flowable]:
    tz = options.timezone
    points = [
        (local_date(s.started_at, tz), [f.rate for f in s.rhythm_findings if f.rate is not None]) for s in sessions
    ]
    intro = (
        "The craniosacral rhythm, in cycles per minute: the average over the places it was felt at each "
        "session; the thin line spans the lowest to the highest place, the band the usual range."
    )
    return [KeepTogether([kit.heading("Craniosacral rhythm"), kit.body(intro), rhythm_chart(points, width=kit.width)])]


@dataclass(frozen=True)
class _Area:
    severity: str  # the most severe entry for the region
    sides: tuple[str, ...]

    def describe(self) -> str:
        sides = ", ".join(V.RESTRICTION_SIDES.label(s).lower() for s in self.sides)
        return f"{V.SEVERITIES.label(self.severity)} ({sides})"


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
    tz = options.timezone
    out: list[Flowable] = [kit.heading("Areas of restriction")]
    first, last = sessions[0], sessions[-1]
    a, b = _areas(first), _areas(last)
    if not a and not b:
        return [*out, kit.body("No areas of restriction were recorded at the first or the last session.")]
    d1, d2 = short_date(local_date(first.started_at, tz)), short_date(local_date(last.started_at, tz))
    if first is last:
        out.append(kit.body(f"Only one session ({d1}) is in the range, so there is nothing to compare yet."))
    else:
        out.append(kit.body(f"The first session of the range ({d1}) compared with the last ({d2}), by region."))
    course = {c.region: c.status for c in progress([first, last]).regions}
    order = list(COURSE_WORDS)
    regions = sorted(set(a) | set(b), key=lambda code: (order.index(course[code]), code))
    rows = []
    for code in regions:
        name = kit.ts.markup(kit.ts.span(V.REGIONS.label(code), bold=True))
        explanation = plain.region_explanation(code)
        if explanation:
            name = kit.ts.markup(name, kit.ts.span(f" — {explanation}", color=MUTED_HEX))
        status = course[code] if first is not last else ""
        change = COURSE_WORDS.get(status, "—")
        shown = kit.ts.span(change, bold=status in _CHANGE_COLOURS, color=_CHANGE_COLOURS.get(status))
        cells = [name, a[code].describe() if code in a else "—", b[code].describe() if code in b else "—", shown]
        rows.append(cells)
    header = ["Region", f"First ({d1})", f"Last ({d2})", "Change"]
    table = kit.table(header, rows, [70 * mm, 38 * mm, 38 * mm, 24 * mm])
    return [KeepTogether([*out, table])] if len(rows) <= 12 else [*out, table]


def _goals(kit: Kit, record: PatientRecord) -> list[Flowable]:
    plan = current_plan(record.follow_up_plans)
    out: list[Flowable] = [kit.heading("Goals")]
    if plan is None or not plan.goals:
        return [*out, kit.body("No goals have been set in a follow-up plan yet.")]
    facts = [f"Plan of {long_date(plan.created_on)}", V.FREQUENCIES.label(plan.frequency).lower()]
    if plan.frequency_note:
        facts.append(plan.frequency_note)
    if plan.review_date:
        facts.append(f"review on {long_date(plan.review_date)}")
    out.append(kit.small("; ".join(facts) + "."))
    rows = [
        [
            kit.ts.span(g.description, bold=True),
            g.measure or "—",
            kit.ts.span(
                V.GOAL_STATUSES.label(g.status), bold=g.status == "achieved", color=_STATUS_COLOURS.get(g.status)
            ),
        ]
        for g in plan.goals
    ]
    out.append(kit.table(["Goal", "Measure", "Status"], rows, [70 * mm, 70 * mm, 30 * mm], free_text=(0, 1)))
    return out


def _chosen_notes(kit: Kit, sessions: tuple[Session, ...], options: DocumentOptions) -> list[Flowable]:
    out: list[Flowable] = []
    tz = options.timezone
    for wanted, label, field in (
        (options.include_assessment, "Therapist's assessments", "assessment"),
        (options.include_private_notes, "Private notes", "private_notes"),
    ):
        notes = [(s, str(getattr(s, field)).strip()) for s in sessions]
        notes = [(s, text) for s, text in notes if text]
        if not wanted or not notes:
            continue
        out.append(kit.heading(label))
        out += kit.bullets(
            [(kit.ts.span(short_date(local_date(s.started_at, tz)), bold=True), f": {text}") for s, text in notes]
        )
    return out
