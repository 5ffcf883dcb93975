"""Who signed, with their own credentials, and when: the same in every document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, TableStyle

from cst_notes.domain.intake import Intake
from cst_notes.domain.practitioner import practitioner_written
from cst_notes.domain.session import Session
from cst_notes.domain.settings import ClinicSettings
from cst_notes.domain.signing import AUTHORSHIP, CORRECTION, SIGNATURE_MEANINGS

from .formatting import local_date
from .language import ENGLISH_TRANSLATOR, Translator
from .layout import Kit
from .options import DocumentOptions
from .styles import ACCENT, ACCENT_HEX, MUTED_HEX, WARN_HEX

HASH_SHOWN = 16  # hex digits of a SHA-256 printed with a signature
_BOX_PADDING = [("LEFTPADDING", (0, 0), (-1, -1), 4 * mm), ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm)]
_BOX_PADDING += [("TOPPADDING", (0, 0), (-1, -1), 1.5 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]
Named = Callable[[str], str]  # a practitioner's stored name -> "Anita Bose, RCST"


def namer(settings: ClinicSettings, options: DocumentOptions) -> Named:
    """Writes a therapist's or signer's name with their own credentials, once
    (``domain.practitioner.practitioner_written``, with the practitioners the caller gave)."""
    return lambda name: practitioner_written(name, options.practitioners, settings)


def signed_when(moment: dt.datetime, tz: dt.tzinfo | None, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """'2 June 2025 at 10:30', in the document's time zone and language."""
    return tr.gettext("{date} at {time}").format(date=tr.long_date(local_date(moment, tz)), time=tr.time(moment, tz))


def sign_off(kit: Kit, note: Session | Intake, tz: dt.tzinfo | None, named: Named) -> Flowable:
    """The signature line (or "Draft — not signed") and the dated addenda, kept together: each with
    its signer's name and credentials, the date and time, and what the signature means."""
    tr = kit.tr
    text, colour = tr.gettext("Draft — not signed"), WARN_HEX
    if note.is_signed:
        when = f"  ·  {signed_when(note.signed_at, tz, tr)}" if note.signed_at else ""
        digest = f"  ·  SHA-256 {note.content_hash[:HASH_SHOWN]}…" if note.content_hash else ""
        by = tr.gettext("{meaning} by").format(meaning=tr.term(SIGNATURE_MEANINGS[AUTHORSHIP]))
        text, colour = f"{by} {named(note.signed_by)}{when}{digest}", ACCENT_HEX
    out: list[Flowable] = [kit.small(kit.ts.span(text, bold=not note.is_signed, color=colour))]
    for a in sorted(note.addenda, key=lambda a: a.created_at):
        digest = kit.ts.span(f"  ·  SHA-256 {a.content_hash[:HASH_SHOWN]}…" if a.content_hash else "", color=MUTED_HEX)
        by = tr.gettext("{meaning} by").format(meaning=tr.term(SIGNATURE_MEANINGS[CORRECTION]))
        title = kit.ts.span(f"{by} ", bold=True, color=ACCENT_HEX)
        who, when = kit.ts.span(named(a.author), bold=True), f"  ·  {signed_when(a.created_at, tz, tr)}"
        head = kit.small(title, who, when, digest)
        box = kit.box([head, kit.body(a.text.strip())], colors.white, border=ACCENT)
        box.setStyle(TableStyle(_BOX_PADDING))
        out.append(box)
    return KeepTogether(out)
