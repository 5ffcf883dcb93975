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
from .language import N_
from .options import DocumentOptions
from .signatures import namer, sign_off

KIND = N_("Intake summary")


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
    kit, tr = doc.kit, doc.tr
    first_visit = tr.gettext("First visit on {date}").format(date=tr.long_date(intake.intake_date))
    story: list[Flowable] = kit.title(tr.gettext("Intake summary"), first_visit)
    addressed = plain.addressed_to(record.patient, options.issue_date(), tr)
    story += [kit.body(kit.ts.span(addressed, bold=True))] if addressed else []
    story += parts.client(kit, record.patient, intake.intake_date, at_intake=True)
    story += parts.guardian(kit, record.patient, intake.intake_date)
    story += parts.contraindications(kit, intake, plain_words=True)
    story += parts.complaint(kit, intake)
    story += parts.history(kit, intake)
    if intake.birth_history is not None:
        story += parts.birth(kit, intake.birth_history)
    story += parts.consent(kit, intake, reader=record.patient)
    signature = sign_off(kit, intake, options.timezone, namer(settings, options))  # and its addenda
    return doc.render(
        story,
        subject=tr.gettext("Intake of {date}").format(date=tr.long_date(intake.intake_date)),
        tail=[kit.gap(), signature],
        compact_tail=[signature],
    )
