"""What the caller chooses for one document: which sessions, what private text, the issue date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cst_notes.domain.disclosure import Disclosure
from cst_notes.domain.practitioner import Practitioner

from .text import OnMissing

SessionRef = int | str  # a session's database id, or its uid

# A BCP 47 language tag as a PDF's /Lang holds it: "en", "bn", "hi", "en-GB", "bn-IN".
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")


@dataclass(frozen=True)
class DocumentOptions:
    """Choices for one document; the defaults suit a copy handed to the patient.

    - ``include_private_notes`` / ``include_assessment``: print the sessions' private notes or
      SOAP assessment. Both are left out unless ticked for this document (``domain.disclosure``:
      every document renders the record as ``disclosure()`` lets it out).
    - ``session_ids``: the sessions a progress report covers (database ids or uids); None means
      all. ``date_from`` / ``date_to`` narrow the range further (inclusive, local dates).
    - ``issued_on``: the date printed as "issued"; None means today.
    - ``on_missing_glyph``: a character no bundled font can draw is printed as a red
      ``[U+XXXX]`` marker and logged (``"mark"``), or refused with ``MissingGlyphError``
      (``"raise"``).
    - ``timezone``: the zone session times are shown in; None means the computer's own.
    - ``language``: the document's language, as a BCP 47 tag ("en", "bn", "hi"); the PDF declares
      it (/Lang), so that a screen reader speaks the text in that language.
    - ``practitioners``: the practice's practitioners (``Services.practitioners()``), whose own
      credentials are printed with their names; without them only the clinic settings' therapist
      has credentials (the settings' ones).
    """

    include_private_notes: bool = False
    include_assessment: bool = False
    session_ids: tuple[SessionRef, ...] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    issued_on: dt.date | None = None
    on_missing_glyph: OnMissing = "mark"
    timezone: dt.tzinfo | None = None
    practitioners: tuple[Practitioner, ...] = ()
    language: str = "en"

    def __post_init__(self) -> None:
        if not isinstance(self.language, str) or not _LANGUAGE_TAG.fullmatch(self.language):
            raise ValueError(f"language must be a language tag such as 'en', 'bn' or 'hi', not {self.language!r}")

    def disclosure(self) -> Disclosure:
        return Disclosure(private_notes=self.include_private_notes, assessment=self.include_assessment)

    def issue_date(self) -> dt.date:
        return self.issued_on or dt.date.today()
