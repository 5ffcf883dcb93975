"""The parts of an intake on paper, shared by the intake summary and the whole clinical record.

Identity (and the guardian of a minor), contraindications, the complaint in the client's own
words, conditions, history, medications, surgeries, trauma, the birth history and consent. The
words are the document's language (``kit.tr``): English in the clinical record.
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

from .formatting import long_date, short_date
from .language import Translator
from .layout import Cell, Kit
from .styles import ACCENT, WARN, WARN_HEX, WARN_TINT


def client(kit: Kit, p: Patient, on: dt.date, at_intake: bool) -> list[Flowable]:
    """Who the client is and how to reach them, with their age ``on`` a day (the intake's, or today)."""
    tr = kit.tr
    emergency = " · ".join(x for x in (p.emergency_contact_name, p.emergency_contact_phone) if x)
    aged = tr.gettext("aged {age} at intake") if at_intake else tr.gettext("aged {age}")
    age = aged.format(age=tr.age(p.birth_date, on))
    rows = [
        (tr.gettext("Full name"), kit.ts.span(p.full_name, bold=True)),
        (tr.gettext("Preferred name"), p.preferred_name if p.preferred_name != p.full_name else ""),
        (tr.gettext("Date of birth"), f"{tr.long_date(p.birth_date)} ({age})"),
        (tr.gettext("Sex / gender"), tr.term(V.SEXES.label(p.sex))),
        (tr.gettext("Phone"), p.phone),
        (tr.gettext("E-mail"), p.email),
        (tr.gettext("Address"), p.address),
        (tr.gettext("Emergency contact"), emergency),
    ]
    return [kit.heading(tr.gettext("The client")), *kit.fields(rows)]


def guardian(kit: Kit, p: Patient, on: dt.date) -> list[Flowable]:
    """The parent or guardian; a warning for a minor (``on`` that day) without one."""
    tr = kit.tr
    g = p.guardian
    if g is None:
        if p.is_minor(on):
            return [
                kit.heading(tr.gettext("Guardian")),
                kit.body(kit.ts.span(tr.gettext("No guardian is recorded for this minor."), color=WARN_HEX)),
            ]
        return []
    if g.consent_given and g.consent_date:
        consent = tr.gettext("Yes, on {date}").format(date=tr.long_date(g.consent_date))
    else:
        consent = tr.yes_no(g.consent_given)
    rows = [
        (tr.gettext("Name"), kit.ts.span(g.name, bold=True)),
        (tr.gettext("Relation"), tr.term(V.GUARDIAN_RELATIONS.label(g.relation))),
        (tr.gettext("Phone"), g.phone),
        (tr.gettext("Written consent"), consent),
    ]
    return [kit.heading(tr.gettext("Parent or guardian")), *kit.fields(rows)]


def contraindications(kit: Kit, intake: Intake, plain_words: bool = False) -> list[Flowable]:
    """The contraindications found at intake: in the practitioners' words ("Absolute — …") for the
    clinical record, in plain words for the patient's intake summary (``plain_words``)."""
    tr, day = kit.tr, intake.contraindications_screened_on
    screened = " " + tr.gettext("(screened on {date})").format(date=tr.long_date(day)) if day else ""
    out: list[Flowable] = [kit.heading(tr.gettext("Contraindications"))]
    if not intake.contraindications:
        if intake.contraindications_screened_on:
            return [*out, kit.body(tr.gettext("None found at screening{screened}.").format(screened=screened))]
        return [*out, kit.body(tr.gettext("Not screened at intake."))]
    items = [(c, f" — {c.note}" if c.note else "") for c in intake.contraindications]
    out += _boxes(kit, items, plain_words)
    out.append(
        kit.small(tr.gettext("Present at intake{screened}; re-checked at each session.").format(screened=screened))
    )
    return out


def _box_titles(tr: Translator, plain_words: bool) -> tuple[str, str]:
    """The titles of the absolute and the relative box."""
    if plain_words:
        return (
            tr.gettext("Serious — no treatment unless your therapist has decided it is safe and written down why"),
            tr.gettext("Needs care — treatment goes ahead gently, with extra caution"),
        )
    return "Absolute — do not treat without a recorded decision", "Relative — treat with caution"


def _boxes(kit: Kit, items: Sequence[tuple[ContraindicationEntry, str]], plain_words: bool = False) -> list[Flowable]:
    """The absolute contraindications in a red box, the relative in a blue one; each with its text."""
    out: list[Flowable] = []
    absolute_title, relative_title = _box_titles(kit.tr, plain_words)
    for absolute, title, colour, tint in (
        (True, absolute_title, WARN, WARN_TINT),
        (False, relative_title, ACCENT, None),
    ):
        rows = [
            (kit.ts.span(kit.tr.term(V.CONTRAINDICATIONS.label(c.code)), bold=True), text)
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
    out: list[Flowable] = [kit.heading("Contraindications now")]  # the clinical record's alone: English
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
    tr = kit.tr
    out: list[Flowable] = [kit.heading(tr.gettext("The complaint"))]
    if intake.complaint.strip():
        out += [kit.small(tr.gettext("In the client's own words:")), kit.quote(intake.complaint)]
    intensity = ""
    if intake.intensity is not None:
        intensity = tr.gettext("{n} out of 10").format(n=tr.count(intake.intensity))
    rows = [
        (tr.gettext("Goals"), intake.goals),
        (tr.gettext("Onset"), intake.onset),
        (tr.gettext("Duration"), intake.duration),
        (tr.gettext("Intensity"), intensity),
        (tr.gettext("Frequency"), intake.frequency),
        (tr.gettext("Location"), intake.location),
        (tr.gettext("Made worse by"), intake.aggravating_factors),
        (tr.gettext("Eased by"), intake.relieving_factors),
        (tr.gettext("Treatment so far"), intake.prior_treatment),
        # one line with the rest, not a heading and a bullet each: "Chronic pain – neck; Migraine — since 2019"
        (
            tr.gettext("Conditions"),
            "; ".join(
                tr.term(V.CONDITIONS.label(c.code)) + (f" — {c.note}" if c.note else "") for c in intake.conditions
            ),
        ),
    ]
    return out + kit.fields(rows)


def history(kit: Kit, intake: Intake) -> list[Flowable]:
    tr = kit.tr
    out: list[Flowable] = [kit.heading(tr.gettext("History"))]
    pregnancy = ""
    if intake.pregnant:
        pregnant = tr.gettext("Pregnant")
        pregnancy = f"{pregnant} — {intake.pregnancy_note}" if intake.pregnancy_note else pregnant
    none = tr.gettext("None reported")
    sections = (
        (
            tr.gettext("Medications"),
            [tr.gettext("Medication"), tr.gettext("Dose")],
            [50, 120],
            [[m.name, m.dose or "—"] for m in intake.medications],
        ),
        (
            tr.gettext("Surgeries"),
            [tr.gettext("Surgery"), tr.gettext("When")],
            [120, 50],
            [[s.description, tr.long_date(s.surgery_date) if s.surgery_date else "—"] for s in intake.surgeries],
        ),
        (
            tr.gettext("Trauma"),
            [tr.gettext("Kind"), tr.gettext("What happened"), tr.gettext("When")],
            [35, 95, 40],
            [
                [
                    tr.term(V.TRAUMA_KINDS.label(t.kind)),
                    t.description or "—",
                    tr.short_date(t.event_date) if t.event_date else "—",
                ]
                for t in intake.trauma
            ],
        ),
    )
    # A list with nothing in it is one line with the others ("Surgeries  None reported"), not a
    # heading over "None reported." each: the page is not spent on what is not there.
    rows: list[tuple[str, Cell | None]] = [
        (tr.gettext("Medical history"), intake.medical_history or none),
        (tr.gettext("Pregnancy"), pregnancy),
    ]
    rows += [(title, none) for title, _, _, items in sections if not items]
    out += kit.fields(rows)
    free_text = ((1,), (0,), (1,))  # the column of each whose long text runs the full width
    for (title, header, widths, items), free in zip(sections, free_text, strict=True):
        if items:
            out += [kit.subheading(title), kit.table(header, items, widths, free)]
    return out


def birth(kit: Kit, b: BirthHistory) -> list[Flowable]:
    tr = kit.tr
    feeding = [tr.term(t.plain) for t in V.BIRTH_HISTORY_FINDINGS.in_group("feeding") if getattr(b, t.code)]
    findings = V.BIRTH_HISTORY_FINDINGS
    hours = ""
    if b.labour_hours is not None:
        hours = tr.gettext("{n} hours").format(n=tr.number(b.labour_hours))
    not_known = tr.gettext("Not known")
    rows = [
        (tr.gettext("Labour"), hours),
        *((tr.term(t.label), tr.yes_no(getattr(b, t.code))) for t in findings.in_group("labour")),
        (tr.gettext("Delivery"), tr.term(V.DELIVERY_MODES.label(b.delivery)) if b.delivery else not_known),
        (
            tr.gettext("Presentation"),
            tr.term(V.PRESENTATIONS.label(b.presentation)) if b.presentation else not_known,
        ),
        (tr.gettext("Feeding"), ", ".join(feeding).capitalize() if feeding else tr.gettext("No difficulties noted")),
        *((tr.term(t.label), tr.yes_no(getattr(b, t.code))) for t in findings.in_group("head and neck")),
        (tr.gettext("Note"), b.note),
    ]
    return [KeepTogether([kit.heading(tr.gettext("Birth history")), *kit.fields(rows)])]


def consent(kit: Kit, intake: Intake, reader: Patient | None = None) -> list[Flowable]:
    """Who gave consent to treatment, and when. In a document the patient reads (``reader``), their
    own consent is theirs: "You gave your consent …"; a guardian's is given by name."""
    tr = kit.tr
    if intake.consent_given:
        by, day = intake.consent_given_by, intake.consent_date
        names = {n.strip() for n in (reader.full_name, reader.preferred_name) if n.strip()} if reader else set()
        if by.strip() in names:
            if day:
                given = tr.gettext("You gave your consent to treatment on {date}; it is renewed at each session.")
            else:
                given = tr.gettext("You gave your consent to treatment; it is renewed at each session.")
        elif by and day:
            given = tr.gettext("Consent to treatment was given by {name} on {date}; it is renewed at each session.")
        elif by:
            given = tr.gettext("Consent to treatment was given by {name}; it is renewed at each session.")
        elif day:
            given = tr.gettext("Consent to treatment was given on {date}; it is renewed at each session.")
        else:
            given = tr.gettext("Consent to treatment was given; it is renewed at each session.")
        text = given.format(name=by, date=tr.long_date(day) if day else "")
    else:
        text = kit.ts.markup(kit.ts.span(tr.gettext("No consent to treatment is recorded."), bold=True, color=WARN_HEX))
    return [KeepTogether([kit.heading(tr.gettext("Consent")), kit.body(text)])]
