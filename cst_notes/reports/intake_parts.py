"""The parts of an intake on paper, shared by the intake summary and the whole clinical record.

Identity (and the guardian of a minor), contraindications, the complaint in the client's own
words, conditions, history, medications, surgeries, trauma, the birth history and consent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from cst_notes.domain import vocabulary as V
from cst_notes.domain.intake import BirthHistory, ContraindicationEntry, Intake
from cst_notes.domain.patient import Patient
from cst_notes.domain.screening import CurrentContraindication, Screening, ScreeningChange

from .formatting import age_text, long_date, number, short_date, yes_no
from .layout import Kit
from .styles import ACCENT, WARN, WARN_HEX, WARN_TINT


def client(kit: Kit, p: Patient, on: dt.date, at_intake: bool) -> list[Flowable]:
    """Who the client is and how to reach them, with their age ``on`` a day (the intake's, or today)."""
    emergency = " · ".join(x for x in (p.emergency_contact_name, p.emergency_contact_phone) if x)
    age = f"aged {age_text(p.birth_date, on)}{' at intake' if at_intake else ''}"
    rows = [
        ("Full name", kit.ts.span(p.full_name, bold=True)),
        ("Preferred name", p.preferred_name if p.preferred_name != p.full_name else ""),
        ("Date of birth", f"{long_date(p.birth_date)} ({age})"),
        ("Sex / gender", V.SEXES.label(p.sex)),
        ("Phone", p.phone),
        ("E-mail", p.email),
        ("Address", p.address),
        ("Emergency contact", emergency),
    ]
    return [kit.heading("The client"), *kit.fields(rows)]


def guardian(kit: Kit, p: Patient, on: dt.date) -> list[Flowable]:
    """The parent or guardian; a warning for a minor (``on`` that day) without one."""
    g = p.guardian
    if g is None:
        if p.is_minor(on):
            return [
                kit.heading("Guardian"),
                kit.body(kit.ts.span("No guardian is recorded for this minor.", color=WARN_HEX)),
            ]
        return []
    consent = f"Yes, on {long_date(g.consent_date)}" if g.consent_given and g.consent_date else yes_no(g.consent_given)
    rows = [
        ("Name", kit.ts.span(g.name, bold=True)),
        ("Relation", V.GUARDIAN_RELATIONS.label(g.relation)),
        ("Phone", g.phone),
        ("Written consent", consent),
    ]
    return [kit.heading("Parent or guardian"), *kit.fields(rows)]


def contraindications(kit: Kit, intake: Intake) -> list[Flowable]:
    screened = (
        f" (screened on {long_date(intake.contraindications_screened_on)})"
        if intake.contraindications_screened_on
        else ""
    )
    out: list[Flowable] = [kit.heading("Contraindications")]
    if not intake.contraindications:
        if intake.contraindications_screened_on:
            return [*out, kit.body(f"None found at screening{screened}.")]
        return [*out, kit.body("Not screened at intake.")]
    items = [(c, f" — {c.note}" if c.note else "") for c in intake.contraindications]
    out += _boxes(kit, items)
    out.append(kit.small(f"Present at intake{screened}; re-checked at each session."))
    return out


def _boxes(kit: Kit, items: Sequence[tuple[ContraindicationEntry, str]]) -> list[Flowable]:
    """The absolute contraindications in a red box, the relative in a blue one; each with its text."""
    out: list[Flowable] = []
    for absolute, title, colour, tint in (
        (True, "Absolute — do not treat without a recorded decision", WARN, WARN_TINT),
        (False, "Relative — treat with caution", ACCENT, None),
    ):
        rows = [
            (kit.ts.span(V.CONTRAINDICATIONS.label(c.code), bold=True), text)
            for c, text in items
            if c.is_absolute == absolute
        ]
        if not rows:
            continue
        content = [kit.subheading(title), *kit.bullets(rows)]
        box = kit.box(content, tint, border=colour) if tint else kit.box(content, border=colour)
        out += [KeepTogether([box]), kit.gap(2 * mm)]
    return out


def screening_since_intake(kit: Kit, screening: Screening, changes: Sequence[ScreeningChange]) -> list[Flowable]:
    """The contraindications in force now and each dated change since the intake (the intake's own
    list, as known then, is printed with the intake)."""
    out: list[Flowable] = [kit.heading("Contraindications now")]
    items = [(c, _since(c)) for c in screening.present]
    out += _boxes(kit, items) if items else [kit.body("None on the list now.")]
    if screening.screened_on is not None:
        out.append(kit.small(f"Last screened on {long_date(screening.screened_on)}."))
    if changes:
        rows = [[short_date(c.effective_on), c.what(), c.screened_by, c.note] for c in changes]
        table = kit.table(["Date", "Change", "By", "Note"], rows, [2, 5, 3, 5], free_text=(3,))
        out += [kit.subheading("Changes since the intake"), table]
    return out


def _since(c: CurrentContraindication) -> str:
    parts = [f"since {long_date(c.since)}" if c.since else "", f"by {c.by}" if c.by else ""]
    when = ", ".join(p for p in parts if p)
    note = f" — {c.note}" if c.note else ""
    return f"{note} ({when})" if when else note


def complaint(kit: Kit, intake: Intake) -> list[Flowable]:
    out: list[Flowable] = [kit.heading("The complaint")]
    if intake.complaint.strip():
        out += [kit.small("In the client's own words:"), kit.quote(intake.complaint)]
    rows = [
        ("Goals", intake.goals),
        ("Onset", intake.onset),
        ("Duration", intake.duration),
        ("Intensity", f"{intake.intensity} out of 10" if intake.intensity is not None else ""),
        ("Frequency", intake.frequency),
        ("Location", intake.location),
        ("Made worse by", intake.aggravating_factors),
        ("Eased by", intake.relieving_factors),
        ("Treatment so far", intake.prior_treatment),
    ]
    out += kit.fields(rows)
    if intake.conditions:
        out.append(kit.subheading("Conditions"))
        out += kit.bullets([(V.CONDITIONS.label(c.code), f" — {c.note}" if c.note else "") for c in intake.conditions])
    return out


def history(kit: Kit, intake: Intake) -> list[Flowable]:
    out: list[Flowable] = [kit.heading("History")]
    pregnancy = ""
    if intake.pregnant:
        pregnancy = f"Pregnant — {intake.pregnancy_note}" if intake.pregnancy_note else "Pregnant"
    out += kit.fields([("Medical history", intake.medical_history or "None reported"), ("Pregnancy", pregnancy)])
    sections = (
        ("Medications", ["Medication", "Dose"], [50, 120], [[m.name, m.dose or "—"] for m in intake.medications]),
        (
            "Surgeries",
            ["Surgery", "When"],
            [120, 50],
            [[s.description, long_date(s.surgery_date) if s.surgery_date else "—"] for s in intake.surgeries],
        ),
        (
            "Trauma",
            ["Kind", "What happened", "When"],
            [35, 95, 40],
            [
                [V.TRAUMA_KINDS.label(t.kind), t.description or "—", short_date(t.event_date) if t.event_date else "—"]
                for t in intake.trauma
            ],
        ),
    )
    free_text = {"Medications": (1,), "Surgeries": (0,), "Trauma": (1,)}  # long text runs the full width
    for title, header, widths, rows in sections:
        out.append(kit.subheading(title))
        out.append(kit.table(header, rows, widths, free_text[title]) if rows else kit.body("None reported."))
    return out


def birth(kit: Kit, b: BirthHistory) -> list[Flowable]:
    feeding = [t.plain for t in V.BIRTH_HISTORY_FINDINGS.in_group("feeding") if getattr(b, t.code)]
    rows = [
        ("Labour", f"{number(b.labour_hours)} hours" if b.labour_hours is not None else ""),
        *((t.label, yes_no(getattr(b, t.code))) for t in V.BIRTH_HISTORY_FINDINGS.in_group("labour")),
        ("Delivery", V.DELIVERY_MODES.label(b.delivery) if b.delivery else "Not known"),
        ("Presentation", V.PRESENTATIONS.label(b.presentation) if b.presentation else "Not known"),
        ("Feeding", ", ".join(feeding).capitalize() if feeding else "No difficulties noted"),
        *((t.label, yes_no(getattr(b, t.code))) for t in V.BIRTH_HISTORY_FINDINGS.in_group("head and neck")),
        ("Note", b.note),
    ]
    return [KeepTogether([kit.heading("Birth history"), *kit.fields(rows)])]


def consent(kit: Kit, intake: Intake) -> list[Flowable]:
    if intake.consent_given:
        by = f" by {intake.consent_given_by}" if intake.consent_given_by else ""
        when = f" on {long_date(intake.consent_date)}" if intake.consent_date else ""
        text = kit.ts.markup(
            "Consent to treatment was given", kit.ts.span(by), f"{when}; it is renewed at each session."
        )
    else:
        text = kit.ts.markup(kit.ts.span("No consent to treatment is recorded.", bold=True, color=WARN_HEX))
    return [KeepTogether([kit.heading("Consent"), kit.body(text)])]
