"""The intake as a read-only page: every section that holds something."""

from __future__ import annotations

from collections.abc import Callable

from cst_notes.domain import vocabulary as V
from cst_notes.domain.intake import BirthHistory, Intake
from cst_notes.domain.signing import AUTHORSHIP, CORRECTION, signature_words, signer_shown
from cst_notes.ui.intake.birth_history_box import FLAGS
from cst_notes.ui.widgets.formatting import date_text, local_time_text
from cst_notes.ui.widgets.html_page import bullets, e, empty, facts, noted, paragraph, titled


def _birth_html(b: BirthHistory) -> str:
    flags = [caption for name, caption in FLAGS.items() if getattr(b, name)]
    rows = [
        ("Labour", "" if b.labour_hours is None else f"{b.labour_hours:g} hours"),
        ("Delivery", V.DELIVERY_MODES.label(b.delivery) if b.delivery else ""),
        ("Presentation", V.PRESENTATIONS.label(b.presentation) if b.presentation else ""),
        ("Noted", ", ".join(flags)),
        ("Note", b.note),
    ]
    return titled("Birth history", facts(rows) or empty("Nothing recorded."))


def _contraindications_html(intake: Intake) -> str:
    on = intake.contraindications_screened_on
    screened = f" (screened {date_text(on)})" if on else ""
    if not intake.contraindications:
        return f"<p>Contraindications: none found{e(screened)}.</p>"
    items = "".join(
        f"<li style='color:{'#c62828' if c.is_absolute else '#a05a00'}'>"
        f"{e(noted(V.CONTRAINDICATIONS.label(c.code), c.note))} ({'absolute' if c.is_absolute else 'relative'})</li>"
        for c in intake.contraindications
    )
    return f"<p><b>Contraindications</b>{e(screened)}</p><ul>{items}</ul>"


def intake_html(intake: Intake | None, written: Callable[[str], str] = signer_shown) -> str:
    """``written``: how a signer is printed (their name with their own credentials)."""
    if intake is None:
        return empty("No intake recorded yet.")
    parts = [f"<h3>Intake of {date_text(intake.intake_date)}</h3>"]
    if intake.is_signed:
        when = local_time_text(intake.signed_at) if intake.signed_at else "?"
        words = signature_words(AUTHORSHIP, intake.signed_by, written(intake.signed_by), when, intake.signature_scheme)
        parts.append(f"<p style='color:#2e7d32'>{e(words)}.</p>")
        for a in intake.addenda:
            said = signature_words(
                CORRECTION, a.author, written(a.author), local_time_text(a.created_at), a.signature_scheme
            )
            parts.append(f"<p style='background:#f3efe2;padding:4px'><b>{e(said)}:</b> {e(a.text)}</p>")
    parts.append(paragraph("Complaint, in the client's words:", intake.complaint))
    parts.append(
        facts(
            [
                ("Goals", intake.goals),
                ("Onset", intake.onset),
                ("Duration", intake.duration),
                ("Intensity", "" if intake.intensity is None else f"{intake.intensity}/10"),
                ("Frequency", intake.frequency),
                ("Location", intake.location),
                ("Aggravating", intake.aggravating_factors),
                ("Relieving", intake.relieving_factors),
                ("Prior treatment", intake.prior_treatment),
            ]
        )
    )
    parts.append(titled("Conditions", bullets(noted(V.CONDITIONS.label(c.code), c.note) for c in intake.conditions)))
    parts.append(paragraph("Medical history", intake.medical_history))
    parts.append(titled("Medications", bullets(f"{m.name} {m.dose}".strip() for m in intake.medications)))
    parts.append(
        titled(
            "Surgeries",
            bullets(noted(s.description, date_text(s.surgery_date)) for s in intake.surgeries),
        )
    )
    parts.append(
        titled(
            "Trauma",
            bullets(
                noted(V.TRAUMA_KINDS.label(t.kind), ", ".join(x for x in (t.description, date_text(t.event_date)) if x))
                for t in intake.trauma
            ),
        )
    )
    if intake.pregnant:
        parts.append(f"<p>Pregnant{e(' — ' + intake.pregnancy_note) if intake.pregnancy_note else ''}.</p>")
    if intake.birth_history is not None:
        parts.append(_birth_html(intake.birth_history))
    parts.append(_contraindications_html(intake))
    consent = f"given on {date_text(intake.consent_date)}" if intake.consent_given else "not recorded"
    by = f" by {intake.consent_given_by}" if intake.consent_given and intake.consent_given_by else ""
    parts.append(f"<p>Consent to treatment: {e(consent + by)}</p>")
    return "".join(parts)
