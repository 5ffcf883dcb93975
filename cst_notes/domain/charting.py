"""Faster charting: starting a session from the last one, or from a saved template."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cst_notes.domain.session import (
    DEFAULT_DURATION_MINUTES,
    Restriction,
    RhythmFinding,
    Session,
    TechniqueApplied,
    session_errors,
)
from cst_notes.domain.validation import NAME_MAX, Checker, FieldError


@dataclass(frozen=True)
class SessionTemplate:
    """A saved starting point, e.g. "standard 10-step"."""

    name: str
    duration_minutes: int = DEFAULT_DURATION_MINUTES
    rhythm_findings: tuple[RhythmFinding, ...] = ()
    restrictions: tuple[Restriction, ...] = ()
    techniques: tuple[TechniqueApplied, ...] = ()
    id: int | None = None


def start_from_last(previous: Session, started_at: dt.datetime, therapist: str = "") -> Session:
    """A new draft with the previous session's findings, restrictions and techniques as an
    editable starting point; never its date, signature, pain scores or notes."""
    return Session(
        started_at=started_at,
        duration_minutes=previous.duration_minutes,
        therapist=therapist or previous.therapist,
        rhythm_findings=previous.rhythm_findings,
        restrictions=previous.restrictions,
        techniques=previous.techniques,
    )


def start_from_template(template: SessionTemplate, started_at: dt.datetime, therapist: str = "") -> Session:
    return Session(
        started_at=started_at,
        duration_minutes=template.duration_minutes,
        therapist=therapist,
        rhythm_findings=template.rhythm_findings,
        restrictions=template.restrictions,
        techniques=template.techniques,
    )


def template_from_session(name: str, session: Session) -> SessionTemplate:
    return SessionTemplate(
        name=name.strip(),
        duration_minutes=session.duration_minutes,
        rhythm_findings=session.rhythm_findings,
        restrictions=session.restrictions,
        techniques=session.techniques,
    )


def template_errors(t: SessionTemplate, custom_techniques: frozenset[str] | None = None) -> list[FieldError]:
    c = Checker()
    c.text("name", t.name, max_len=NAME_MAX, required=True)
    probe = start_from_template(t, dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    c.extend(session_errors(probe, custom_techniques=custom_techniques))
    return c.errors
