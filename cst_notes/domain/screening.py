"""Contraindication screening as a living list, as medication and allergy lists are kept.

The intake holds what was found at intake (its ``contraindications``, screened on
``contraindications_screened_on``); a signed intake keeps it for good. After that the list lives
on through dated changes (``ScreeningChange``), never edited or deleted once recorded: a
contraindication found present, one resolved (e.g. "cleared by the neurologist"), or the whole
list re-screened with nothing new. ``current_screening`` folds the intake's list and the changes,
in the order they were recorded (by ``recorded_at``, each laptop's strictly increasing per patient;
two laptops' changes of one millisecond by uid: so every laptop of a clinic folds the same changes
in the same order), into the list in force today.
Each change has a uid, the same on every laptop and the clinic server: the changes of two laptops
merge by union, none lost, none replacing another. The session-start gate, the chart's
alerts, the patient list and the documents about current care all read that one list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from cst_notes.domain import vocabulary as V
from cst_notes.domain.intake import ContraindicationEntry, Intake
from cst_notes.domain.patient import new_uid
from cst_notes.domain.validation import NAME_MAX, SHORT_TEXT_MAX, Checker, FieldError

FOUND = "found"
RESOLVED = "resolved"
RESCREENED = "rescreened"


@dataclass(frozen=True)
class ScreeningChange:
    """A dated change to a patient's contraindication screening after the intake."""

    action: str  # SCREENING_ACTIONS code
    effective_on: dt.date  # the day it was found, resolved or re-screened
    screened_by: str  # who screened
    code: str = ""  # CONTRAINDICATIONS code; empty for a re-screen of the whole list
    note: str = ""  # e.g. "cleared by the neurologist"
    recorded_at: dt.datetime | None = None  # UTC; set when stored
    uid: str = field(default_factory=new_uid)  # the same on every laptop and the clinic server
    id: int | None = None
    patient_id: int | None = None

    def what(self) -> str:
        """What changed, in words: "Cerebral aneurysm: resolved", "Re-screened, nothing new"."""
        action = V.SCREENING_ACTIONS.label(self.action)
        return f"{V.CONTRAINDICATIONS.label(self.code)}: {action.lower()}" if self.code else action

    def describe(self) -> str:
        """One line for people: the audit log and the documents alike."""
        line = f"{self.effective_on.isoformat()} {self.what()}"
        if self.screened_by.strip():
            line += f", by {self.screened_by.strip()}"
        return f"{line} ({self.note.strip()})" if self.note.strip() else line


@dataclass(frozen=True)
class CurrentContraindication(ContraindicationEntry):
    """A contraindication on the current list: since when, found by whom, and where it was found."""

    since: dt.date | None = None
    by: str = ""
    at_intake: bool = False  # on the intake's list (and not resolved since)


@dataclass(frozen=True)
class Screening:
    """The contraindication list in force: what is present, and when the client was last screened."""

    present: tuple[CurrentContraindication, ...] = ()
    screened_on: dt.date | None = None  # the latest screening, at intake or after
    screened: bool = False  # screened at all (a list found at intake with no date counts)

    @property
    def absolute(self) -> tuple[CurrentContraindication, ...]:
        return tuple(c for c in self.present if c.is_absolute)

    @property
    def relative(self) -> tuple[CurrentContraindication, ...]:
        return tuple(c for c in self.present if not c.is_absolute)

    def has(self, code: str) -> bool:
        return any(c.code == code for c in self.present)

    def entry(self, code: str) -> CurrentContraindication | None:
        return next((c for c in self.present if c.code == code), None)


def _latest(*days: dt.date | None) -> dt.date | None:
    given = [d for d in days if d is not None]
    return max(given) if given else None


def fold(
    baseline: Sequence[ContraindicationEntry],
    baseline_on: dt.date | None,
    changes: Sequence[ScreeningChange],
    *,
    baseline_by: str = "",
) -> Screening:
    """The current list from a list found at intake (on ``baseline_on``) and the changes since, in
    the order they were recorded. A change that no longer applies (resolving what is not present)
    changes nothing; the services refuse such a change before it is recorded."""
    present: dict[str, CurrentContraindication] = {
        e.code: CurrentContraindication(e.code, e.note, baseline_on, baseline_by, True) for e in baseline
    }
    screened_on = baseline_on
    for change in changes:
        screened_on = _latest(screened_on, change.effective_on)
        if change.action == FOUND and change.code and change.code not in present:
            present[change.code] = CurrentContraindication(
                change.code, change.note, change.effective_on, change.screened_by
            )
        elif change.action == RESOLVED:
            present.pop(change.code, None)
    order = {code: n for n, code in enumerate(V.CONTRAINDICATIONS.codes)}
    listed = tuple(sorted(present.values(), key=lambda c: order.get(c.code, len(order))))
    return Screening(listed, screened_on, bool(baseline) or baseline_on is not None or bool(changes))


def current_screening(intake: Intake | None, changes: Sequence[ScreeningChange] = ()) -> Screening:
    """The list in force: the intake's (as found at intake) and every change since."""
    if intake is None:
        return fold((), None, changes)
    by = intake.signed_by if intake.is_signed else ""
    return fold(intake.contraindications, intake.contraindications_screened_on, changes, baseline_by=by)


def change_errors(
    change: ScreeningChange,
    current: Screening,
    *,
    birth_date: dt.date | None = None,
    today: dt.date | None = None,
) -> list[FieldError]:
    """Every rule the change breaks against the current list: its own (``own_errors``), found only
    what is not on the list, resolved only what is (and not before it was found)."""
    c = Checker()
    c.errors += own_errors(change, birth_date=birth_date, today=today)
    if change.action == RESCREENED or change.code not in V.CONTRAINDICATIONS:
        return c.errors
    label = V.CONTRAINDICATIONS.label(change.code)
    found = current.entry(change.code)
    if change.action == FOUND and found is not None:
        c.fail("code", f"{label} is already on the current list (since {_day(found.since)})")
    elif change.action == RESOLVED and found is None:
        c.fail("code", f"{label} is not on the current list, so it cannot be resolved")
    elif (
        change.action == RESOLVED
        and found is not None
        and found.since is not None
        and isinstance(change.effective_on, dt.date)
        and change.effective_on < found.since
    ):
        c.fail("effective_on", f"cannot be before it was found ({found.since.isoformat()})")
    return c.errors


def own_errors(
    change: ScreeningChange, *, birth_date: dt.date | None = None, today: dt.date | None = None
) -> list[FieldError]:
    """The rules a change keeps whatever the list: a known action and contraindication (none for a
    re-screen), a date neither in the future nor before the client's birth, and who screened. A
    change pulled from another laptop is checked by these alone: it was checked against the list
    there, and two laptops' changes of one contraindication are both kept (the fold passes over one
    that no longer applies)."""
    today = today or dt.date.today()
    c = Checker()
    c.code("action", change.action, V.SCREENING_ACTIONS)
    c.date("effective_on", change.effective_on, required=True, not_future=True, today=today)
    if isinstance(change.effective_on, dt.date) and birth_date is not None and change.effective_on < birth_date:
        c.fail("effective_on", f"cannot be before the client's birth ({birth_date.isoformat()})")
    c.text("screened_by", change.screened_by, max_len=NAME_MAX, required=True)
    c.text("note", change.note, max_len=SHORT_TEXT_MAX)
    if change.action == RESCREENED:
        if change.code:
            c.fail("code", "must be empty for a re-screen of the whole list")
    else:
        c.code("code", change.code, V.CONTRAINDICATIONS)
    return c.errors


def history_errors(
    changes: Sequence[ScreeningChange],
    *,
    birth_date: dt.date | None = None,
    today: dt.date | None = None,
    prefix: str = "",
) -> list[FieldError]:
    """Every rule broken by a whole history (an imported file's, or the database's as its check
    reads it): each change by the rules it keeps whatever the list (``own_errors``); paths such as
    ``screening_changes[2].code``. Not against the list the changes before it left: a history merged
    from the laptops of a clinic may hold a contraindication resolved on two laptops, or found on
    two, each right where it was recorded; the fold passes over the one that no longer applies."""
    errors = []
    for n, change in enumerate(changes):
        for e in own_errors(change, birth_date=birth_date, today=today):
            errors.append(FieldError(f"{prefix}screening_changes[{n}].{e.field}", e.message))
    return errors


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else "the intake"
