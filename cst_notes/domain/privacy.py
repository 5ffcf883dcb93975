"""Privacy mode: initials instead of names, for screens seen by other clients."""

from __future__ import annotations

import unicodedata

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
