"""Faster charting: starting a session from the last one, or from a saved template."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

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
    editable starting point; never its date, signature, pain scores or notes, nor the notes of its
    findings, restrictions and techniques (they describe that day, not this one)."""
    return Session(
        started_at=started_at,
        duration_minutes=previous.duration_minutes,
        therapist=therapist or previous.therapist,
        rhythm_findings=tuple(replace(f, note="") for f in previous.rhythm_findings),
        restrictions=tuple(replace(r, note="") for r in previous.restrictions),
        techniques=tuple(replace(t, note="") for t in previous.techniques),
    )


NOT_COPIED_FROM_LAST = "Not copied: dates, pain scores, outcomes, the notes, and the notes of findings and techniques."


def _counted(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@dataclass(frozen=True)
class CarriedOver:
    """Findings, restrictions and techniques copied into a draft (from the last session or a
    template) that the therapist has not yet confirmed. An item changed (or removed) counts as
    confirmed; a section can be confirmed as a whole."""

    source: str = ""  # e.g. "the session of 2026-11-20", "the template “standard 10-step”"
    rhythm_findings: tuple[RhythmFinding, ...] = ()
    restrictions: tuple[Restriction, ...] = ()
    techniques: tuple[TechniqueApplied, ...] = ()

    @classmethod
    def copied(cls, source: str, session: Session) -> CarriedOver:
        return cls(source, session.rhythm_findings, session.restrictions, session.techniques)

    def remaining(self, session: Session) -> CarriedOver:
        """Those still in ``session`` exactly as copied."""
        return CarriedOver(
            self.source,
            tuple(f for f in self.rhythm_findings if f in session.rhythm_findings),
            tuple(r for r in self.restrictions if r in session.restrictions),
            tuple(t for t in self.techniques if t in session.techniques),
        )

    def confirmed(self, section: str) -> CarriedOver:
        """``section``: "rhythm_findings", "restrictions" or "techniques"."""
        return replace(self, **{section: ()})  # type: ignore[arg-type]

    @property
    def count(self) -> int:
        return len(self.rhythm_findings) + len(self.restrictions) + len(self.techniques)

    def describe(self) -> str:
        """E.g. "2 rhythm findings, 1 restriction and 3 techniques"."""
        parts = [
            _counted(n, noun)
            for n, noun in (
                (len(self.rhythm_findings), "rhythm finding"),
                (len(self.restrictions), "restriction"),
                (len(self.techniques), "technique"),
            )
            if n
        ]
        if not parts:
            return "nothing"
        return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"

    def question(self) -> str:
        """What signing asks while some remain."""
        verb = "is" if self.count == 1 else "are"
        return f"{self.describe()} copied from {self.source} {verb} not confirmed: sign anyway?"


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
