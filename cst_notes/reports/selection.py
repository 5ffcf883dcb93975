"""Finding what a document is about in a record: one session, a range of sessions, the plan."""

from __future__ import annotations

from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import Session

from .formatting import local_date, long_date
from .options import DocumentOptions, SessionRef


def _matches(session: Session, ref: SessionRef) -> bool:
    if isinstance(ref, bool):  # bool is an int; never a session id
        return False
    if isinstance(ref, int):
        return session.id == ref
    return session.uid == ref


def find_session(record: PatientRecord, ref: SessionRef) -> Session:
    """The session with database id (int) or uid (str) ``ref``; ValueError if there is none."""
    for session in record.sessions:
        if _matches(session, ref):
            return session
    kind = "id" if isinstance(ref, int) else "uid"
    raise ValueError(
        f"{record.patient.full_name} has no session with {kind} {ref!r} ({len(record.sessions)} sessions on record)"
    )


def select_sessions(record: PatientRecord, options: DocumentOptions) -> tuple[Session, ...]:
    """The sessions a progress report covers, oldest first; ValueError if the range is empty."""
    if options.date_from and options.date_to and options.date_from > options.date_to:
        raise ValueError(
            f"the range starts after it ends ({long_date(options.date_from)} to {long_date(options.date_to)})"
        )
    chosen = list(record.sessions)
    if options.session_ids is not None:
        unknown = [ref for ref in options.session_ids if not any(_matches(s, ref) for s in chosen)]
        if unknown:
            raise ValueError(f"{record.patient.full_name} has no session with id or uid {unknown[0]!r}")
        chosen = [s for s in chosen if any(_matches(s, ref) for ref in options.session_ids)]
    tz = options.timezone
    if options.date_from:
        chosen = [s for s in chosen if local_date(s.started_at, tz) >= options.date_from]
    if options.date_to:
        chosen = [s for s in chosen if local_date(s.started_at, tz) <= options.date_to]
    if not chosen:
        raise ValueError(f"no sessions of {record.patient.full_name} in the chosen range: nothing to report")
    return tuple(sorted(chosen, key=lambda s: s.started_at))
