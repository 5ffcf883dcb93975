"""What starting a session needs: nothing, or an explicit decision with its reason.

A session is not started without a recorded reason when an absolute contraindication is on the
current list (``domain.screening``: the intake's, changed since by dated screening changes), or
when the client has no intake, no contraindication screening or no consent to treatment on record.
The reason is stored with the session (``contraindication_override_reason``, the session's "reason
to treat"). The services refuse a new session without it; the GUI asks for it before the session
opens. Imported records are not gated: they are the record of what happened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from cst_notes.domain import vocabulary as V
from cst_notes.domain.intake import ContraindicationEntry, Intake
from cst_notes.domain.patient import Patient
from cst_notes.domain.screening import ScreeningChange, current_screening
from cst_notes.domain.session import Session
from cst_notes.domain.validation import FieldError

REASON_FIELD = "contraindication_override_reason"


class Missing(StrEnum):
    """Why a session start needs a reason."""

    ABSOLUTE_CONTRAINDICATION = "absolute_contraindication"
    NO_INTAKE = "no_intake"
    NO_SCREENING = "no_screening"
    NO_CONSENT = "no_consent"


_PHRASES = {
    Missing.NO_INTAKE: "no intake on record (no history and no contraindication screening)",
    Missing.NO_SCREENING: "no contraindication screening on record",
    Missing.NO_CONSENT: "no consent to treatment on record",
}


@dataclass(frozen=True)
class StartCheck:
    """The outcome of the rule for one client: what is missing or present that needs a reason."""

    missing: tuple[Missing, ...] = ()
    absolute: tuple[ContraindicationEntry, ...] = ()
    minor: bool = False

    @property
    def needs_reason(self) -> bool:
        return bool(self.missing)

    @property
    def has_absolute(self) -> bool:
        return Missing.ABSOLUTE_CONTRAINDICATION in self.missing

    @property
    def title(self) -> str:
        """The dialog's title: the gravest case."""
        if self.has_absolute:
            return "Absolute contraindication"
        if Missing.NO_INTAKE in self.missing:
            return "No intake on record"
        return "Screening or consent missing"

    def problems(self) -> list[str]:
        """One line per case, in plain words (the absolute contraindications named)."""
        lines = []
        if self.has_absolute:
            names = ", ".join(V.CONTRAINDICATIONS.label(c.code) for c in self.absolute)
            lines.append(f"an absolute contraindication on record: {names}")
        for case in self.missing:
            if case in _PHRASES:
                phrase = _PHRASES[case]
                if case == Missing.NO_CONSENT and self.minor:
                    phrase = "no consent to treatment from a parent or guardian on record"
                lines.append(phrase)
        return lines

    def errors(self, session: Session) -> list[FieldError]:
        """The services' refusal: the reason field is required, and why."""
        if not self.needs_reason or session.contraindication_override_reason.strip():
            return []
        return [FieldError(REASON_FIELD, f"is required: the client has {'; '.join(self.problems())}")]


def consent_on_record(intake: Intake | None, patient: Patient | None, today: dt.date) -> bool:
    """Consent to treatment: given in the intake (for a minor the intake names the guardian who gave
    it), or, for a minor, the guardian's consent recorded with the patient."""
    if intake is not None and intake.consent_given:
        return True
    if patient is None or patient.guardian is None:
        return False
    return patient.is_minor(today) and patient.guardian.consent_given


def start_check(
    intake: Intake | None,
    patient: Patient | None = None,
    today: dt.date | None = None,
    changes: Sequence[ScreeningChange] = (),
) -> StartCheck:
    """What starting a session for this client needs (``patient``: for a minor's guardian consent).

    The contraindications are the current list (``domain.screening``): the intake's as found at
    intake, with every screening change since (``changes``, in the order they were recorded)."""
    today = today or dt.date.today()
    minor = patient is not None and patient.is_minor(today)
    missing: list[Missing] = []
    screening = current_screening(intake, changes)
    absolute = screening.absolute
    if absolute:
        missing.append(Missing.ABSOLUTE_CONTRAINDICATION)
    if intake is None:
        missing.append(Missing.NO_INTAKE)
    elif not screening.screened:
        missing.append(Missing.NO_SCREENING)
    if not consent_on_record(intake, patient, today):
        missing.append(Missing.NO_CONSENT)
    return StartCheck(tuple(missing), absolute, minor)
