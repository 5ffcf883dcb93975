"""The session summary a patient takes home: plain words, nothing private unless chosen.

What was found (each region explained with the vocabulary's plain text), what was done, how
the patient may feel afterwards (with any reaction recorded), home care and the next
appointment from the current plan, and how to reach the therapist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from reportlab.platypus import Flowable, KeepTogether

from cst_notes.domain import vocabulary as V
from cst_notes.domain.disclosure import disclosed
from cst_notes.domain.plan import appointment_ahead, current_plan
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import Session
from cst_notes.domain.settings import ClinicSettings
from cst_notes.domain.signing import SIGNED_BY_PLAIN

from . import plain
from .document import Document
from .formatting import local_date
from .language import N_, Translator
from .layout import Kit
from .options import DocumentOptions, SessionRef
from .selection import find_session
from .signatures import Named, namer, signed_when
from .styles import MUTED_HEX, WARN_TINT

KIND = N_("Session summary")


def session_summary_pdf(
    record: PatientRecord,
    session_id: SessionRef,
    settings: ClinicSettings,
    options: DocumentOptions | None = None,
) -> bytes:
    """The plain-language summary of one session (by database id or uid), as PDF bytes.

    Raises ValueError if the record has no such session.
    """
    options = options or DocumentOptions()
    record = disclosed(record, options.disclosure())  # the one rule of what leaves the practice
    session = find_session(record, session_id)
    doc = Document(record, settings, options, KIND)
    story = _story(doc.kit, record, session, settings, options)
    day = local_date(session.started_at, options.timezone)
    kit, named = doc.kit, namer(settings, options)
    therapist = session.therapist or settings.therapist_name
    who = named(therapist) if therapist.strip() else ""
    closing = _closing(kit, record, options.issue_date(), settings, who)
    signed = _signed(kit, session, named, options)
    tr = doc.tr
    return doc.render(
        story,
        subject=tr.gettext("Session of {date}").format(date=tr.long_date(day)),
        tail=[kit.gap(), KeepTogether([closing, *([kit.gap(), *signed] if signed else [])])],
        compact_tail=[KeepTogether([closing, *signed])],  # a columns table must not be split in its row
        continued=tr.gettext("{title} (continued)").format(title=_title(tr, day)),
    )


def _title(tr: Translator, day: dt.date) -> str:
    return tr.gettext("Your session on {date}").format(date=tr.long_date(day))


def _story(
    kit: Kit, record: PatientRecord, session: Session, settings: ClinicSettings, options: DocumentOptions
) -> list[Flowable]:
    tr = kit.tr
    day = local_date(session.started_at, options.timezone)
    therapist = session.therapist or settings.therapist_name
    with_whom = tr.gettext("With {name}").format(name=therapist) + " · " if therapist else ""
    minutes = tr.ngettext("{n} minute", "{n} minutes", session.duration_minutes).format(
        n=tr.count(session.duration_minutes)
    )
    story: list[Flowable] = kit.title(_title(tr, day), f"{with_whom}{minutes}")
    addressed = plain.addressed_to(record.patient, options.issue_date(), tr)
    story += [kit.body(kit.ts.span(addressed, bold=True))] if addressed else []
    story.append(
        kit.body(
            tr.gettext(
                "This is a short summary of your craniosacral therapy session, in everyday words, "
                "for you to keep. Please ask if anything is unclear."
            )
        )
    )
    pain = plain.pain_words(session.pain_before, session.pain_after, tr)
    if pain:
        story += [kit.heading(tr.gettext("How you were feeling")), kit.body(pain)]
    story += _found(kit, session)
    story += _done(kit, session, record.technique_labels)
    story += _afterwards(kit, session)
    story += _home_care(kit, record)
    story += _chosen_extras(kit, session, options)
    story += _corrections(kit, session, options)
    return story


def _signed(kit: Kit, session: Session, named: Named, options: DocumentOptions) -> list[Flowable]:
    """'Signed by Anita Bose, RCST on 2 June 2025 at 10:30.' (a draft says nothing)."""
    if not session.is_signed:
        return []
    tr = kit.tr
    by, name = tr.term(SIGNED_BY_PLAIN), named(session.signed_by)
    line = tr.gettext("{signed_by} {name}.").format(signed_by=by, name=name)
    if session.signed_at:
        when = signed_when(session.signed_at, options.timezone, tr)
        line = tr.gettext("{signed_by} {name} on {when}.").format(signed_by=by, name=name, when=when)
    return [kit.small(kit.ts.span(line, color=MUTED_HEX))]


def _found(kit: Kit, session: Session) -> list[Flowable]:
    tr = kit.tr
    out: list[Flowable] = [kit.heading(tr.gettext("What we found"))]
    if not session.restrictions:
        return [*out, kit.body(tr.gettext("We did not find any particular areas of tension this time."))]
    out.append(kit.body(tr.gettext("We felt for areas where the body holds tension. This time we noticed:")))
    items = []
    for r in session.restrictions:
        region, finding = plain.restriction_finding(r, tr)
        items.append((kit.ts.span(region, bold=True), f": {finding}"))
    return out + kit.bullets(items)


def _done(kit: Kit, session: Session, own: Mapping[str, str]) -> list[Flowable]:
    tr = kit.tr
    out: list[Flowable] = [kit.heading(tr.gettext("What we did"))]
    words = list(dict.fromkeys(plain.technique_words(t, own, tr) for t in session.techniques))
    if not words:
        return [*out, kit.body(tr.gettext("Gentle, hands-on craniosacral work."))]
    out.append(kit.body(tr.gettext("All the work is gentle and hands-on. During this session we used:")))
    return out + kit.bullet_columns(words)


def _afterwards(kit: Kit, session: Session) -> list[Flowable]:
    tr = kit.tr
    inner: list[Flowable] = [
        kit.subheading(tr.gettext("How you may feel afterwards")),
        kit.body(tr.gettext(plain.AFTERCARE_GENERAL)),
    ]
    if session.adverse_reactions:
        inner.append(kit.body(tr.gettext("After this session we noted:")))
        items = []
        for a in session.adverse_reactions:
            note = a.note.strip()
            items.append((plain.reaction_words(a, tr), f" — {note}" if note else ""))
        inner += kit.bullets(items)
    inner.append(kit.body(tr.gettext(plain.AFTERCARE_CONTACT)))
    adverse = any(a.code not in V.SESSION_RESPONSES for a in session.adverse_reactions)
    box = kit.box(inner, WARN_TINT) if adverse else kit.box(inner)
    return [kit.gap(), *kit.together_if_short([box])]


def _home_care(kit: Kit, record: PatientRecord) -> list[Flowable]:
    plan = current_plan(record.follow_up_plans)
    if plan is None or not plan.home_care.strip():
        return []
    return [kit.heading(kit.tr.gettext("Looking after yourself at home")), kit.body(plan.home_care.strip())]


def _closing(kit: Kit, record: PatientRecord, today: dt.date, settings: ClinicSettings, who: str) -> Flowable:
    """The next appointment, if still ahead on the day the summary is issued (``today``), and how
    to reach the therapist (``who``: with their credentials), side by side."""
    tr = kit.tr
    plan = current_plan(record.follow_up_plans)
    appointment: list[Flowable] = [kit.heading(tr.gettext("Your next appointment"))]
    when = appointment_ahead(plan.next_appointment if plan else None, today)
    if when is not None:
        appointment.append(kit.body(kit.ts.span(f"{tr.weekday(when)} {tr.long_date(when)}", bold=True)))
    else:
        appointment.append(kit.body(tr.gettext("Please get in touch with us to book your next appointment.")))
    reach = " · ".join(x for x in (settings.phone, settings.email) if x)
    contact: list[Flowable] = []
    if who or reach:
        contact.append(kit.heading(tr.gettext("How to reach us")))
        contact += [kit.body(kit.ts.span(who, bold=True))] if who else []
        contact += [kit.small(line) for line in (settings.memberships, reach) if line]
    return kit.columns(appointment, contact)


def _corrections(kit: Kit, session: Session, options: DocumentOptions) -> list[Flowable]:
    """The signed addenda that correct or add to this session's notes, oldest first, each dated:
    "Added on 5 March 2026: …". Nothing when there are none."""
    if not session.addenda:
        return []
    tr = kit.tr
    out: list[Flowable] = [
        kit.heading(tr.gettext("Added to these notes later")),
        kit.body(tr.gettext("Your therapist corrected or added to the notes of this session afterwards:")),
    ]
    for a in sorted(session.addenda, key=lambda a: a.created_at):
        when = tr.long_date(local_date(a.created_at, options.timezone))
        added = tr.gettext("Added on {date}:").format(date=when)
        out.append(kit.dated(added, f" {a.text.strip()}"))  # a long one keeps its date on the next page
    return out


def _chosen_extras(kit: Kit, session: Session, options: DocumentOptions) -> list[Flowable]:
    tr = kit.tr
    out: list[Flowable] = []
    for wanted, label, text in (
        (options.include_assessment, tr.gettext("Therapist's assessment"), session.assessment),
        (options.include_private_notes, tr.gettext("Private notes"), session.private_notes),
    ):
        if wanted and text.strip():
            out += [kit.heading(label), kit.body(text.strip())]
    if out:
        chosen = tr.gettext("Included at your therapist's choice for this copy.")
        out.append(kit.small(kit.ts.span(chosen, color=MUTED_HEX)))
    return out
