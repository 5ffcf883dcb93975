"""What a copy handed out of the practice may hold: the one rule for the patient copy (PDF and
JSON), every PDF document and the screens that make them.

A session's private notes and its SOAP assessment are the therapist's working notes: they leave
the practice only when the therapist ticks them for that copy. Everything else recorded is the
patient's record and is always in it. A field left out is *withheld*: the copy says which fields
were, so that an empty field is never mistaken for one that was never written.

A signed note's content hash covers the whole note as signed, withheld fields included: a copy
with fields withheld keeps the hash (it still identifies the note the patient may ask to see in
full), says so, and is not importable as the practice's records (see ``record_format``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import Session, without_private_notes

# Session field -> how a person names it, in the order a sentence lists them.
PRIVATE_FIELDS = {"assessment": "the assessments", "private_notes": "the private notes"}


@dataclass(frozen=True)
class Disclosure:
    """The therapist's choice for one copy; the defaults suit a copy handed to the patient."""

    private_notes: bool = False
    assessment: bool = False

    @property
    def withheld(self) -> tuple[str, ...]:
        """The session fields left out of this copy, in ``PRIVATE_FIELDS`` order."""
        chosen = {"assessment": self.assessment, "private_notes": self.private_notes}
        return tuple(name for name in PRIVATE_FIELDS if not chosen[name])

    @property
    def withheld_paths(self) -> list[str]:
        """The withheld fields as the export file names them: ``sessions.private_notes``."""
        return [f"sessions.{name}" for name in self.withheld]

    def left_out(self) -> str:
        """The withheld fields in words: "the assessments and the private notes", or ""."""
        return " and ".join(PRIVATE_FIELDS[name] for name in self.withheld)


def disclosed_session(session: Session, disclosure: Disclosure) -> Session:
    """The session as the copy holds it: each withheld field empty."""
    shown = session if disclosure.private_notes else without_private_notes(session)
    return dataclasses.replace(shown, assessment=session.assessment if disclosure.assessment else "")


def disclosed(record: PatientRecord, disclosure: Disclosure) -> PatientRecord:
    """The record as a copy handed out may hold it (``Disclosure``): withheld fields emptied."""
    if not disclosure.withheld:
        return record
    return dataclasses.replace(record, sessions=tuple(disclosed_session(s, disclosure) for s in record.sessions))


def withheld_note(disclosure: Disclosure) -> str:
    """What the export file says about the fields it leaves out (empty when none are)."""
    if not disclosure.withheld:
        return ""
    return (
        f"A copy for the patient: {disclosure.left_out()} were left out (the fields named here are absent from "
        "every session). A signed note keeps the content hash of the note as it was signed, withheld fields "
        "included, so the hash cannot be checked against this copy. This file cannot be imported as the "
        "practice's records; a full export can."
    )
