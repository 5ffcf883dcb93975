"""The intake summary, for the record or to go with a referral letter.

Identity (and the guardian of a minor), contraindications first among the clinical facts,
the complaint in the client's own words, conditions, history, medications, surgeries, trauma,
the birth history of a child, and consent.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from cst_notes.domain.disclosure import disclosed
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.settings import ClinicSettings

from . import intake_parts as parts
from . import plain
from .document import Document
from .formatting import long_date
from .options import DocumentOptions
from .signatures import namer, sign_off

KIND = "Intake summary"


def intake_summary_pdf(
    record: PatientRecord, settings: ClinicSettings, options: DocumentOptions | None = None
) -> bytes:
    """The intake as PDF bytes; ValueError if the record has no intake."""
    options = options or DocumentOptions()
    record = disclosed(record, options.disclosure())  # the one rule of what leaves the practice
    intake = record.intake
    if intake is None:
        raise ValueError(f"{record.patient.full_name} has no intake on record: there is nothing to summarise")
    doc = Document(record, settings, options, KIND)
    kit = doc.kit
    story: list[Flowable] = kit.title("Intake summary", f"First visit on {long_date(intake.intake_date)}")
    addressed = plain.addressed_to(record.patient, options.issue_date())
    story += [kit.body(kit.ts.span(addressed, bold=True))] if addressed else []
    story += parts.client(kit, record.patient, intake.intake_date, at_intake=True)
    story += parts.guardian(kit, record.patient, intake.intake_date)
    story += parts.contraindications(kit, intake)
    story += parts.complaint(kit, intake)
    story += parts.history(kit, intake)
    if intake.birth_history is not None:
        story += parts.birth(kit, intake.birth_history)
    story += parts.consent(kit, intake)
    signature = sign_off(kit, intake, options.timezone, namer(settings, options))  # and its addenda
    return doc.render(
        story,
        subject=f"Intake of {long_date(intake.intake_date)}",
        tail=[kit.gap(), signature],
        compact_tail=[signature],
    )
