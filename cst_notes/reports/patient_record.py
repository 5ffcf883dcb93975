"""The whole clinical record, for a copy the patient asks for or a transfer to another practitioner.

Identity, the intake in full (the intake summary's sections: what was known at intake), the
contraindications in force now with each dated change since, every follow-up plan (the current
one first) and every session in date order with all that was recorded, signatures and addenda;
assessments and private notes only when asked for (``domain.disclosure``), saying what was left
out. The options' session choice and date range do not apply: the record is always whole.

The record is the practitioners' legal record and stays in English, in their clinical words,
whatever ``DocumentOptions.language`` says (the patient's documents are translated: the session
summary, the progress report and the intake summary); the PDF declares English (/Lang).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, KeepTogether, Paragraph, Table, TableStyle

from cst_notes.domain import vocabulary as V
from cst_notes.domain.disclosure import PRIVATE_FIELDS, Disclosure, disclosed
from cst_notes.domain.intake import Intake
from cst_notes.domain.patient import Patient
from cst_notes.domain.plan import FollowUpPlan
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import Session, technique_label
from cst_notes.domain.settings import ClinicSettings

from . import intake_parts
from .document import Document
from .fonts import BASE_FONT, BASE_FONT_BOLD
from .formatting import WEEKDAYS, local_date, local_time, long_date, number
from .layout import Cell, Kit
from .options import DocumentOptions
from .signatures import Named, namer, sign_off
from .styles import ACCENT, ACCENT_TINT, INK, MUTED, MUTED_HEX, RULE, WARN, WARN_HEX
from .text import Markup

KIND = "Clinical record"
NOTE_LABEL_WIDTH = 34 * mm
NONE = "—"
# Table cells made only of these characters, and short enough, are drawn as plain strings in
# Noto Sans: a 200-session record has some 15,000 cells, and a shaped Paragraph each is too slow.
_PLAIN = frozenset(map(chr, range(0x20, 0x7F))) | frozenset("–—·")


def patient_record_pdf(
    record: PatientRecord, settings: ClinicSettings, options: DocumentOptions | None = None
) -> bytes:
    """The patient's whole clinical record as PDF bytes; works with no intake, plans or sessions."""
    options = options or DocumentOptions()
    record = disclosed(record, options.disclosure())  # the one rule of what leaves the practice
    doc = Document(record, settings, dataclasses.replace(options, language="en"), KIND)  # always English
    kit, small, tz, named = doc.kit, _compact(doc.kit), options.timezone, namer(settings, options)
    sessions = sorted(record.sessions, key=lambda s: s.started_at)
    story: list[Flowable] = kit.title(KIND, _overview(record, sessions, tz))
    story.append(kit.small(f"Everything recorded for this client, in date order. {_left_out(options.disclosure())}"))
    story += _people(kit, record.patient, record.intake, options.issue_date())
    story += _part(kit, "Intake")
    story += _intake(kit, record.intake, tz, named) if record.intake else [kit.body("No intake is on record.")]
    if record.screening_changes:
        story += intake_parts.screening_since_intake(kit, record.screening, record.screening_changes)
    story += _part(kit, "Follow-up plans")
    plans = sorted(record.follow_up_plans, key=lambda p: (not p.is_current, -p.created_on.toordinal()))
    story += [_plan(kit, small, p) for p in plans] or [kit.body("No follow-up plan is on record.")]
    story += _part(kit, f"Sessions ({len(sessions)})")
    for n, session in enumerate(sessions, start=1):
        number_of = f"Session {n} of {len(sessions)}"
        story += _session(kit, small, session, number_of, options, record.technique_labels, named)
    story += [] if sessions else [kit.body("No sessions are on record.")]
    return doc.render(story, subject=f"Clinical record of {record.patient.full_name}")


def _left_out(disclosure: Disclosure) -> str:
    """What the first page says about the therapist's working notes in this copy."""
    included = " and ".join(text for name, text in PRIVATE_FIELDS.items() if name not in disclosure.withheld)
    withheld = f"Left out of this copy: {disclosure.left_out()}. " if disclosure.withheld else ""
    chosen = f"Included at the therapist's choice: {included}. " if included else ""
    hashes = "A signature's hash covers the whole note as it was signed." if withheld else ""
    return f"{withheld}{chosen}{hashes}".strip()


def _overview(record: PatientRecord, sessions: Sequence[Session], tz: dt.tzinfo | None) -> str:
    intake = f"intake of {long_date(record.intake.intake_date)}" if record.intake else "no intake"
    plans, count = len(record.follow_up_plans), len(sessions)
    text = f"Complete record: {intake}, {plans} follow-up plan{'s' * (plans != 1)}, {count} session{'s' * (count != 1)}"
    if sessions:
        first, last = (local_date(s.started_at, tz) for s in (sessions[0], sessions[-1]))
        text += f" from {long_date(first)} to {long_date(last)}" if first != last else f" on {long_date(first)}"
    return text


def _compact(kit: Kit) -> Kit:
    """The same kit with smaller text, for the tables inside a session."""
    body = ParagraphStyle("record_cell", parent=kit.st.body, fontSize=8.5, leading=11, spaceAfter=0)
    sub = ParagraphStyle("record_sub", parent=kit.st.subheading, fontSize=9, leading=12, textColor=ACCENT)
    return Kit(kit.ts, dataclasses.replace(kit.st, body=body, subheading=sub), kit.width)


def _padding(left: float, right: float, top: float, bottom: float) -> list[tuple[Any, ...]]:
    sides = (("LEFT", left), ("RIGHT", right), ("TOP", top), ("BOTTOM", bottom))
    return [(f"{side}PADDING", (0, 0), (-1, -1), value) for side, value in sides]


def _table(
    small: Kit, title: str, header: Sequence[str], rows: Sequence[Sequence[Cell]], widths: Sequence[float]
) -> list[Flowable]:
    """A small heading and a compact table in ``Kit.table``'s look; short plain cells stay strings."""
    body, size, cols = small.st.body, small.st.body.fontSize, [w * small.width / sum(widths) for w in widths]

    def cell(text: Cell, width: float, points: float, bold: bool) -> Cell | Paragraph:
        plain = not isinstance(text, Markup) and _PLAIN.issuperset(text)
        if plain and stringWidth(text, BASE_FONT_BOLD if bold else BASE_FONT, points) <= width - 6:
            return text
        return small.ts.para(text if isinstance(text, Markup) else small.ts.span(text, bold=bold), style=body)

    data = [[cell(c, w, 8, True) for c, w in zip(header, cols, strict=True)]]
    data += [[cell(c, w, size, n == 0) for n, (c, w) in enumerate(zip(row, cols, strict=True))] for row in rows]
    table = Table(data, colWidths=cols, repeatRows=1, hAlign="LEFT", splitInRow=1)
    head, rest = ((0, 0), (-1, 0)), ((0, 1), (-1, -1))
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", *head, BASE_FONT_BOLD, 8, 10.5), ("TEXTCOLOR", *head, MUTED)]
    style += [("FONT", *rest, BASE_FONT, body.fontSize, body.leading), ("TEXTCOLOR", *rest, INK)]
    style += [("FONT", (0, 1), (0, -1), BASE_FONT_BOLD, body.fontSize, body.leading)]  # the first column names the row
    style += [("LINEBELOW", *head, 0.8, RULE), ("LINEBELOW", *rest, 0.3, RULE), *_padding(2, 4, 1.5, 2)]
    table.setStyle(TableStyle(style))
    return [CondPageBreak(18 * mm), small.subheading(title), table]


def _part(kit: Kit, text: str) -> list[Flowable]:
    """A part of the record ("Intake", "Sessions"), ruled off, never last on a page."""
    style = ParagraphStyle("record_part", parent=kit.st.title, fontSize=15, leading=20, spaceBefore=16, spaceAfter=1)
    rule = HRFlowable(width="100%", thickness=1.2, color=ACCENT, spaceBefore=0, spaceAfter=2 * mm)
    return [CondPageBreak(45 * mm), kit.ts.para(text, style=style), rule]


def _people(kit: Kit, p: Patient, intake: Intake | None, today: dt.date) -> list[Flowable]:
    """The client (aged so much at intake, or today without one) and their guardian."""
    on = intake.intake_date if intake is not None else today
    return [*intake_parts.client(kit, p, on, at_intake=intake is not None), *intake_parts.guardian(kit, p, on)]


def _intake(kit: Kit, intake: Intake, tz: dt.tzinfo | None, named: Named) -> list[Flowable]:
    out: list[Flowable] = [kit.small(f"First visit on {long_date(intake.intake_date)}")]
    for part in (intake_parts.contraindications, intake_parts.complaint, intake_parts.history):
        out += part(kit, intake)
    if intake.birth_history is not None:
        out += intake_parts.birth(kit, intake.birth_history)
    out += intake_parts.consent(kit, intake)
    return [*out, kit.gap(2 * mm), sign_off(kit, intake, tz, named)]


def _plan(kit: Kit, small: Kit, plan: FollowUpPlan) -> Flowable:
    """One plan, kept on one page when it fits; an earlier plan says when it was superseded."""
    title = kit.ts.markup(f"Current plan, from {long_date(plan.created_on)}")
    if not plan.is_current:
        superseded = f"  ·  superseded on {long_date(plan.superseded_on)}" if plan.superseded_on else "  ·  superseded"
        title = kit.ts.markup(f"Earlier plan of {long_date(plan.created_on)}", kit.ts.span(superseded, color=MUTED_HEX))
    referrals = [_noted(V.REFERRAL_TARGETS.label(r.target), r.note) for r in plan.referrals]
    frequency = _noted(V.FREQUENCIES.label(plan.frequency), plan.frequency_note)
    rows = [
        ("Frequency", frequency),
        ("Estimated sessions", str(plan.estimated_sessions) if plan.estimated_sessions is not None else ""),
        ("Next appointment", long_date(plan.next_appointment) if plan.next_appointment else ""),
        ("Review date", long_date(plan.review_date) if plan.review_date else ""),
        ("Home care", plan.home_care.strip()),
        ("Referrals", "; ".join(referrals)),
    ]
    out: list[Flowable] = [kit.ts.para(title, style=kit.st.heading), *kit.fields(rows)]
    goals = [[g.description, g.measure or NONE, V.GOAL_STATUSES.label(g.status)] for g in plan.goals]
    if goals:
        out += _table(small, "Goals", ["Goal", "Measure", "Status"], goals, [70, 75, 25])
    return KeepTogether(out)


def _session(
    kit: Kit,
    small: Kit,
    s: Session,
    number_of: str,
    options: DocumentOptions,
    own: Mapping[str, str],
    named: Named,
) -> list[Flowable]:
    """A session under a banded header, which never ends a page: 40 mm must be left for it."""
    tz, ts = options.timezone, kit.ts
    override = s.contraindication_override_reason.strip()
    done = "; ".join(_noted(technique_label(t.technique, own), t.note) for t in s.techniques)
    noted = [(a, _noted(V.NOTED_AFTER_SESSION.label(a.code), a.note)) for a in s.adverse_reactions]
    responses = "; ".join(words for a, words in noted if a.code in V.SESSION_RESPONSES)
    reactions = "; ".join(words for a, words in noted if a.code not in V.SESSION_RESPONSES)
    notes: list[tuple[str, Cell | None]] = [
        ("Reason to treat", ts.span(override, color=WARN_HEX) if override else None),
        ("Subjective", s.subjective.strip()),
        ("Objective", s.objective.strip()),
        ("Assessment", s.assessment.strip()),
        ("Plan", s.plan.strip()),
        ("Response", s.response.strip()),
        ("Outcome measures", _outcomes(s)),
        ("Techniques applied", done),
        ("Responses", responses),
        ("Adverse reactions", ts.span(reactions, color=WARN_HEX) if reactions else None),
    ]
    out = [CondPageBreak(40 * mm), kit.gap(3 * mm), _session_header(kit, s, number_of, tz, named), kit.gap(1.5 * mm)]
    out += kit.fields(notes, label_width=NOTE_LABEL_WIDTH)
    out += _findings(small, s)
    if options.include_private_notes and s.private_notes.strip():
        label = ts.markup(ts.span("Private note", bold=True), " — included at the therapist's choice for this copy")
        box = kit.box([kit.small(label), kit.body(s.private_notes.strip())], colors.white, MUTED)
        out += [kit.gap(2 * mm), KeepTogether([box])]
    return [*out, kit.gap(1 * mm), sign_off(kit, s, tz, named)]


def _session_header(kit: Kit, s: Session, number_of: str, tz: dt.tzinfo | None, named: Named) -> Table:
    day, ts, st = local_date(s.started_at, tz), kit.ts, kit.st
    when = f"{WEEKDAYS[day.weekday()]} {long_date(day)}, {local_time(s.started_at, tz)}"
    style = ParagraphStyle("record_session", parent=st.subheading, fontSize=11, leading=14, spaceBefore=0)
    title = ts.para(ts.span(when, bold=True), ts.span(f"   {number_of}", color=MUTED_HEX), style=style)
    consent = "consent renewed" if s.consent_renewed else ts.span("consent not renewed", bold=True, color=WARN_HEX)
    who = ts.span(named(s.therapist), bold=True) if s.therapist.strip() else "therapist not recorded"
    facts = ts.para(who, f"  ·  {s.duration_minutes} minutes  ·  ", consent, style=st.small)
    status, colour = ("Signed", ACCENT) if s.is_signed else ("Draft", WARN)
    table = Table([[[title, facts], status]], colWidths=[kit.width - 25 * mm, 25 * mm])
    band = [("BACKGROUND", (0, 0), (-1, -1), ACCENT_TINT), ("LINEABOVE", (0, 0), (-1, 0), 1.5, ACCENT)]
    band += [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONT", (0, 0), (-1, -1), BASE_FONT_BOLD, 8.5)]  # the status
    band += [("TEXTCOLOR", (1, 0), (1, 0), colour), ("ALIGN", (1, 0), (1, 0), "RIGHT")]
    table.setStyle(TableStyle(band + _padding(2 * mm, 2 * mm, 1.5 * mm, 1.5 * mm)))
    return table


def _outcomes(s: Session) -> str:
    parts = []
    if s.pain_before is not None or s.pain_after is not None:
        before, after = (NONE if v is None else v for v in (s.pain_before, s.pain_after))
        parts.append(f"pain {before} before, {after} after (0–10)")
    if s.headache_days is not None:
        parts.append(f"{V.OUTCOME_MEASURES.term('headache_days').plain}: {s.headache_days}")
    for name, value in (("sleep quality", s.sleep_quality), ("stress", s.stress_level)):
        parts += [f"{name} {value}/10"] if value is not None else []
    if s.global_impression is not None:
        impression = V.GLOBAL_IMPRESSIONS.label(str(s.global_impression)).lower()
        parts.append(f"global impression of change: {impression} ({s.global_impression}/7)")
    return "; ".join(parts).capitalize()


def _noted(label: str, note: str) -> str:
    return f"{label} — {note}" if note else label


def _findings(small: Kit, s: Session) -> list[Flowable]:
    """The rhythm findings, the events and the areas of restriction, each a compact table."""
    ts, out, rows = small.ts, [], []
    for f in s.rhythm_findings:
        station: Cell = V.STATIONS.label(f.station)
        if f.note:
            station = ts.markup(ts.span(station, bold=True), ts.span(f" — {f.note}", color=MUTED_HEX))
        rate: Cell = NONE if f.rate is None else number(f.rate)
        if f.rate_is_unusual:
            rate = ts.span(f"{rate}*", bold=True, color=WARN_HEX)
        amplitude = NONE if f.amplitude is None else V.AMPLITUDES.label(str(f.amplitude))
        side, symmetry = V.STATION_SIDES.label(f.side) or NONE, V.SYMMETRIES.label(f.symmetry) or NONE
        quality, phase = V.QUALITIES.label(f.quality) or NONE, V.RESTRICTED_PHASES.label(f.restricted_phase) or NONE
        rows.append([station, side, rate, amplitude, symmetry, quality, phase, f.palpated_by or NONE])
    if rows:
        header = ["Station", "Side", "Rate (cpm)", "Amplitude", "Symmetry", "Quality", "Phase", "Palpated by"]
        out += _table(small, "Craniosacral rhythm", header, rows, [31, 10, 17.5, 19, 34, 13, 16.5, 33])
        if any(f.rate_is_unusual for f in s.rhythm_findings):
            usual = f"{number(V.RATE_USUAL_MIN)}–{number(V.RATE_USUAL_MAX)}"
            out.append(small.small(f"* outside the usual {usual} cycles per minute"))
    rows = []
    for e in sorted(s.events, key=lambda e: e.minute):
        lasted = NONE if e.duration_seconds is None else f"{e.duration_seconds} s"
        rows.append([V.SESSION_EVENT_KINDS.label(e.kind), f"minute {e.minute}", lasted, e.note or NONE])
    if rows:
        out += _table(small, "Events", ["Event", "When", "Lasted", "Note"], rows, [34, 18.5, 12, 109.5])
    rows = []
    for r in s.restrictions:
        side, severity = V.RESTRICTION_SIDES.label(r.side) or NONE, V.SEVERITIES.label(r.severity) or NONE
        rows.append([V.REGIONS.label(r.region), side, severity, r.note or NONE])
    if rows:
        out += _table(small, "Areas of restriction", ["Region", "Side", "Severity", "Note"], rows, [60, 14, 16, 84])
    return out
