"""Privacy mode, for screens other clients may see: how a name, a birth date and a record's fields
read while it is on. Every screen (and nothing else) decides through these functions."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable

_JOINING = ("Mn", "Mc", "Me", "Cf")  # vowel signs, viramas, nuktas, zero-width joiners


def _first_cluster(word: str) -> str:
    """The first letter with the marks and joined letters that belong to it (ক্ষ, श्री, É)."""
    out = word[:1]
    i = 1
    while i < len(word):
        ch = word[i]
        if unicodedata.category(ch) in _JOINING:
            out += ch
            # a virama joins the next consonant into the cluster (conjuncts)
            if unicodedata.name(ch, "").endswith("SIGN VIRAMA") and i + 1 < len(word):
                out += word[i + 1]
                i += 1
            i += 1
            continue
        break
    return out


def initials(full_name: str) -> str:
    """ "অমিত রায়" -> "অ. রা.", "Emma Smith" -> "E. S.": the first letter of each word, dotted."""
    words = [w for w in unicodedata.normalize("NFC", full_name).split() if w]
    return " ".join(f"{_first_cluster(w).upper() if w[:1].isascii() else _first_cluster(w)}." for w in words)


def shown_name(full_name: str, preferred_name: str = "", *, private: bool) -> str:
    """How a patient's (or a guardian's) name reads on screen: the full name with the preferred one
    in brackets when it differs, or in privacy mode the initials of the full name only."""
    if private:
        return initials(full_name)
    if preferred_name and preferred_name != full_name:
        return f"{full_name} ({preferred_name})"
    return full_name


def shown_birth_date(birth_date: dt.date | None, *, private: bool) -> str:
    """How a birth date reads on screen: 1984-02-11, or in privacy mode the year alone ("1984").

    The year, not the age: the age has its own column and line wherever a birth date is shown, so
    the year keeps the column useful (two patients with the same initials are told apart) while the
    day and month, which with initials come close to naming someone, stay hidden. The year is also
    what de-identification rules such as HIPAA's Safe Harbor let stay."""
    if birth_date is None:
        return ""
    return str(birth_date.year) if private else birth_date.isoformat()


def shown_line(line: str, names: Iterable[str], *, private: bool) -> str:
    """A patient's line in the history of changes (their name, or for an import "অমিত রায়: 3
    sessions, 1 plan") as it reads: in privacy mode each of ``names`` (the names the entry itself
    recorded) in it becomes its initials. Without one, the line is the name, up to a last ": "
    that is followed by the counts: that part becomes initials (never shown as it is)."""
    if not private or not line:
        return line
    known = sorted({n for n in names if n and n in line}, key=len, reverse=True)
    if not known:
        name, colon, counts = line.rpartition(": ")
        return f"{initials(name)}{colon}{counts}" if colon else initials(line)
    for name in known:
        line = line.replace(name, initials(name))
    return line


# Fields of the export format that name or reach a person (and the therapist's private notes): in
# privacy mode a screen that shows records field by field (the history of changes) hides them.
NAME_FIELDS = frozenset({"full_name", "preferred_name"})
HIDDEN_FIELDS = frozenset(
    {
        "phone",
        "email",
        "address",
        "guardian",
        "emergency_contact_name",
        "emergency_contact_phone",
        "consent_given_by",
        "private_notes",
    }
)
HIDDEN = "(hidden in privacy mode)"


def shown_field(name: str, value: object, *, private: bool) -> object:
    """A record's field as a field-by-field screen shows it: in privacy mode names become initials,
    a birth date its year, and contact details, the guardian and private notes are hidden."""
    if not private or value in ("", None):
        return value
    if name in NAME_FIELDS and isinstance(value, str):
        return initials(value)
    if name == "birth_date" and isinstance(value, str):
        return value[:4]
    if name in HIDDEN_FIELDS:
        return HIDDEN
    return value
