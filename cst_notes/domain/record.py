"""A patient's whole record: the unit of export, import and the patient copy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from cst_notes.domain import vocabulary as V
from cst_notes.domain.intake import Intake, intake_errors
from cst_notes.domain.patient import Patient, patient_errors
from cst_notes.domain.plan import FollowUpPlan, plan_errors
from cst_notes.domain.screening import Screening, ScreeningChange, current_screening, history_errors
from cst_notes.domain.session import OwnTechnique, Session, session_errors
from cst_notes.domain.signing import draft_signature_errors
from cst_notes.domain.validation import FieldError


@dataclass(frozen=True)
class PatientRecord:
    patient: Patient
    intake: Intake | None = None
    sessions: tuple[Session, ...] = ()
    follow_up_plans: tuple[FollowUpPlan, ...] = ()
    own_techniques: tuple[OwnTechnique, ...] = ()  # the names of the therapist's own techniques used here
    screening_changes: tuple[ScreeningChange, ...] = ()  # since the intake, in the order recorded

    @property
    def screening(self) -> Screening:
        """The contraindication list in force (the intake's, changed since)."""
        return current_screening(self.intake, self.screening_changes)

    @property
    def technique_labels(self) -> dict[str, str]:
        """Own technique code -> its name as the therapist typed it (for ``session.technique_label``)."""
        return {t.code: t.label for t in self.own_techniques}

    def with_sessions(self, fresh: Iterable[Session]) -> PatientRecord | None:
        """The record with ``fresh`` in place of its sessions of the same id (added when new), oldest
        first as stored (by start, then id), and the own techniques those sessions use; None when a
        fresh session uses an own technique whose name the record does not hold (read it all again)."""
        by_id = {s.id: s for s in self.sessions}
        by_id.update((s.id, s) for s in fresh)
        sessions = tuple(sorted(by_id.values(), key=lambda s: (s.started_at, s.id or 0)))
        used = {t.technique for s in sessions for t in s.techniques if t.technique not in V.TECHNIQUES}
        if not used <= self.technique_labels.keys():
            return None
        return replace(self, sessions=sessions, own_techniques=tuple(t for t in self.own_techniques if t.code in used))


def record_errors(
    r: PatientRecord,
    *,
    today: dt.date | None = None,
    custom_techniques: frozenset[str] | None = None,
    prefix: str = "",
) -> list[FieldError]:
    """Every rule broken anywhere in the record, with paths such as ``sessions[2].rate``."""
    base = f"{prefix}." if prefix else ""
    errors = patient_errors(r.patient, today, prefix)
    if r.intake is not None:
        minor = isinstance(r.patient.birth_date, dt.date) and r.patient.is_minor(today)
        errors += intake_errors(r.intake, today, f"{base}intake", minor=minor)
        errors += draft_signature_errors(r.intake, f"{base}intake")
    for n, s in enumerate(r.sessions):
        errors += session_errors(s, custom_techniques=custom_techniques, prefix=f"{base}sessions[{n}]")
        errors += draft_signature_errors(s, f"{base}sessions[{n}]")
    birth = r.patient.birth_date if isinstance(r.patient.birth_date, dt.date) else None
    errors += history_errors(r.screening_changes, birth_date=birth, today=today, prefix=base)
    for n, p in enumerate(r.follow_up_plans):
        errors += plan_errors(p, today, f"{base}follow_up_plans[{n}]", dated_outcomes=False)  # older files
    return errors
