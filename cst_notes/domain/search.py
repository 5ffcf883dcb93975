"""Search results: grouped by patient, exact name matches first."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

MARK_START, MARK_END = "\x02", "\x03"  # around the matching text in a snippet

# Never searched (nor shown in a snippet): the session's private notes, SER dialogue and remarks
# for the therapist alone. The results list is on the main window, often in a client's view, and
# it shows text nobody chose to open; a private note is read by opening its session.
UNSEARCHED_FIELDS = frozenset({"private_notes"})

NAME_EXACT, NAME_PREFIX, NAME_CONTAINS = 0, 1, 2  # how a patient's name matched (lower is better)
# Stripped from queries. Not Cf: zero-width joiners belong to Bengali and Devanagari spellings.
_CONTROL = frozenset({"Cc", "Cs", "Co", "Cn"})


@dataclass(frozen=True)
class NoteHit:
    kind: str  # "session", "intake", "addendum" or "plan"
    record_id: int  # the session's id for a session or addendum hit; the intake's or plan's id for those
    session_id: int | None  # the session to open, when there is one
    when: dt.date | None
    snippet: str  # the note's text around the match, the match between MARK_START and MARK_END
    score: float  # bm25: lower is better


@dataclass(frozen=True)
class PatientMatches:
    patient_id: int
    full_name: str
    preferred_name: str
    birth_date: dt.date | None  # None only when the stored one cannot be read (a damaged record)
    name_match: int | None  # NAME_EXACT, NAME_PREFIX, NAME_CONTAINS or None
    notes: tuple[NoteHit, ...]

    @property
    def rank(self) -> tuple[float, ...]:
        best_note = min((h.score for h in self.notes), default=0.0)
        return (self.name_match if self.name_match is not None else 9, best_note)


def fold(text: str) -> str:
    """For comparing names: NFC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def name_match(query: str, full_name: str, preferred_name: str) -> int | None:
    q = fold(query)
    if not q:
        return None
    names = [fold(full_name), fold(preferred_name)]
    if q in names:
        return NAME_EXACT
    if any(n.startswith(q) or any(part.startswith(q) for part in n.split()) for n in names if n):
        return NAME_PREFIX
    if any(q in n for n in names if n):
        return NAME_CONTAINS
    return None


def search_terms(query: str) -> list[str]:
    """The words of a query, without FTS syntax: quotes, operators and brackets are just text."""
    cleaned = "".join(" " if unicodedata.category(c) in _CONTROL else c for c in unicodedata.normalize("NFC", query))
    return [w for w in cleaned.split() if any(unicodedata.category(c)[0] in "LN" for c in w)]


def whole_graphemes(snippet: str) -> str:
    """Move each highlight's end past the vowel signs and viramas that belong to its last letter,
    so that a highlight never splits a Bengali or Devanagari syllable."""
    out: list[str] = []
    pending_end = False
    for ch in snippet:
        if pending_end and unicodedata.category(ch) not in ("Mn", "Mc"):
            out.append(MARK_END)
            pending_end = False
        if ch == MARK_END:
            pending_end = True
            continue
        out.append(ch)
    if pending_end:
        out.append(MARK_END)
    return "".join(out)
