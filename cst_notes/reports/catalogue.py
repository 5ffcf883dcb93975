"""The documents by name, for the CLI and the GUI alike: ``render("summary", record, ...)``."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from cst_notes.domain.record import PatientRecord
from cst_notes.domain.settings import ClinicSettings

from .intake_summary import intake_summary_pdf
from .options import DocumentOptions, SessionRef
from .patient_record import patient_record_pdf
from .progress_report import progress_report_pdf
from .session_summary import session_summary_pdf


class DocumentKind(StrEnum):
    """The documents a patient can be given (the CLI's ``--kind``)."""

    SUMMARY = "summary"
    PROGRESS = "progress"
    INTAKE = "intake"
    RECORD = "record"


TITLES = {
    DocumentKind.SUMMARY: "Session summary",
    DocumentKind.PROGRESS: "Progress report",
    DocumentKind.INTAKE: "Intake summary",
    DocumentKind.RECORD: "Clinical record",
}
_WHOLE_RECORD: dict[DocumentKind, Callable[[PatientRecord, ClinicSettings, DocumentOptions | None], bytes]] = {
    DocumentKind.PROGRESS: progress_report_pdf,
    DocumentKind.INTAKE: intake_summary_pdf,
    DocumentKind.RECORD: patient_record_pdf,
}


def kinds() -> tuple[DocumentKind, ...]:
    return tuple(DocumentKind)


def render(
    kind: str,
    record: PatientRecord,
    settings: ClinicSettings,
    options: DocumentOptions | None = None,
    session: SessionRef | None = None,
) -> bytes:
    """The document ``kind`` for ``record``; a session summary is of ``session`` (default: the latest).

    Raises ValueError for an unknown kind, or a document the record cannot give (no sessions, no intake).
    """
    if kind == DocumentKind.SUMMARY:
        if session is None:
            if not record.sessions:
                raise ValueError(f"{record.patient.full_name} has no sessions to summarise")
            latest = max(record.sessions, key=lambda s: s.started_at)
            session = latest.id if latest.id is not None else latest.uid
        return session_summary_pdf(record, session, settings, options)
    maker = _WHOLE_RECORD.get(DocumentKind(kind)) if kind in set(DocumentKind) else None
    if maker is None:
        raise ValueError(f"unknown document {kind!r}; choose one of {', '.join(kinds())}")
    return maker(record, settings, options)


def render_or_reason(
    kind: str,
    record: PatientRecord,
    settings: ClinicSettings,
    options: DocumentOptions | None = None,
    session: SessionRef | None = None,
) -> bytes | str:
    """``render``, with the ValueError's message in place of the document when it cannot be made:
    a worker process of a batch sends back plain text, not an exception to rebuild."""
    try:
        return render(kind, record, settings, options, session)
    except ValueError as exc:
        return str(exc)
