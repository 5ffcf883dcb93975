"""The patient documents in the patient's own language: English, Bengali or Hindi.

The session summary, the progress report and the intake summary print their fixed text through a
``Translator``, made for the document's language (``DocumentOptions.language``: "en", "bn", "hi";
a regional tag such as "bn-IN" falls back to "bn"; any other language gets English). Messages are
gettext catalogues with Babel: ``resources/locale/<lang>/LC_MESSAGES/cst_notes.po``, read when a
language is first used (no build step: ``make run`` on a clean clone and a bundled app read the
same files). ``make catalogues`` gathers the messages again (``pybabel extract`` with
``babel.cfg``, and the vocabulary texts below) and updates both catalogues.

No locale is switched: every document carries its own translator (``Kit.tr``), so documents in
different languages can be rendered at the same time in different threads.

The vocabulary (``domain.vocabulary``) holds only English; the texts of it a patient document
prints are messages too (``VOCABULARY_MESSAGES``) and are translated here, in reports, by
``Translator.term``. The clinical record stays English (``patient_record``).

Digits. Bengali documents write dates, ages, pain scores and counts in Bengali digits (০–৯):
that is what a reader in Kolkata sees in a Bengali newspaper, on a Bengali form or a calendar,
and a number in Latin digits inside Bengali text reads as foreign. Hindi documents use the
international digits (0–9): India's official Hindi uses them (Article 343 of the Constitution),
and so do Hindi newspapers, forms and prescriptions. What the therapist or patient typed (notes,
names, phone numbers, addresses) is never changed. Dates are written day, month name, year
("১২ মার্চ ২০২৫", "12 मार्च 2025"), with the month names of Babel's CLDR data.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import threading
from collections.abc import Iterable

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from cst_notes.domain import progress as P
from cst_notes.domain import signing as S
from cst_notes.domain import vocabulary as V
from cst_notes.paths import LOCALE

from . import formatting as F

ENGLISH = "en"
LANGUAGES = ("en", "bn", "hi")  # the languages the patient documents are written in
TRANSLATED = ("bn", "hi")  # the languages with a catalogue
DOMAIN = "cst_notes"
_BENGALI_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def document_language(tag: str) -> str:
    """The language a document is written in for a BCP 47 ``tag``: "bn-IN" -> "bn", "fr" -> "en"."""
    base = tag.split("-")[0].lower()
    return base if base in LANGUAGES else ENGLISH


def _terms(vocabulary: V.Vocabulary, *, label: bool = True, plain: bool = False) -> list[str]:
    out = []
    for t in vocabulary:
        out += [t.label] if label else []
        out += [t.plain] if plain and t.plain else []
    return out


# The vocabulary texts the patient documents print (translated with ``Translator.term``).
VOCABULARY_MESSAGES: tuple[str, ...] = tuple(
    dict.fromkeys(
        [
            *_terms(V.REGIONS, plain=True),
            *_terms(V.TECHNIQUES, label=False, plain=True),
            *_terms(V.NOTED_AFTER_SESSION, label=False, plain=True),
            *_terms(V.SEXES),
            *_terms(V.GUARDIAN_RELATIONS),
            *_terms(V.CONTRAINDICATIONS),
            *_terms(V.CONDITIONS),
            *_terms(V.TRAUMA_KINDS),
            *_terms(V.DELIVERY_MODES),
            *_terms(V.PRESENTATIONS),
            *_terms(V.BIRTH_HISTORY_FINDINGS, plain=True),
            *_terms(V.FREQUENCIES),
            *_terms(V.GOAL_STATUSES),
            *P.COURSE_WORDS.values(),
            *S.SIGNATURE_MEANINGS.values(),
            S.SIGNED_BY_PLAIN,
        ]
    )
)


def catalogue_path(language: str) -> str:
    return str(LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po")


def _load(language: str) -> gettext.NullTranslations:
    """The catalogue of ``language`` as gettext translations (compiled in memory from the .po)."""
    with open(catalogue_path(language), "rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    mo = io.BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return gettext.GNUTranslations(mo)


_lock = threading.Lock()
_loaded: dict[str, gettext.NullTranslations] = {}


def _translations(language: str) -> gettext.NullTranslations:
    with _lock:
        if language not in _loaded:
            _loaded[language] = _load(language) if language in TRANSLATED else gettext.NullTranslations()
        return _loaded[language]


class Translator:
    """The fixed text, numbers and dates of one document in one language (gettext-like).

    ``gettext``/``ngettext`` are what ``pybabel extract`` looks for; ``term`` translates a
    vocabulary text (an entry of ``VOCABULARY_MESSAGES``). English is the source: its text and
    formatting are exactly those of ``reports.formatting``.
    """

    def __init__(self, language: str = ENGLISH) -> None:
        self.language = document_language(language)
        self._t = _translations(self.language)

    @property
    def english(self) -> bool:
        return self.language == ENGLISH

    def gettext(self, message: str) -> str:
        return self._t.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form for ``n``; the caller fills in ``{n}`` (with ``count``)."""
        return self._t.ngettext(singular, plural, n)

    def term(self, text: str) -> str:
        """A vocabulary text in this language (unknown text, such as a therapist's own: as it is)."""
        return self._t.gettext(text) if text else text

    def digits(self, text: str) -> str:
        """Numbers in the document's digits (Bengali digits in Bengali; see the module's note)."""
        return text.translate(_BENGALI_DIGITS) if self.language == "bn" else text

    def count(self, n: int) -> str:
        return self.digits(str(n))

    def number(self, value: float) -> str:
        return self.digits(F.number(value))

    def _date(self, d: dt.date, pattern: str) -> str:
        return self.digits(format_date(d, pattern, locale=self.language))

    def long_date(self, d: dt.date) -> str:
        """12 March 2025 · ১২ মার্চ ২০২৫ · 12 मार्च 2025"""
        return F.long_date(d) if self.english else self._date(d, "d MMMM y")

    def short_date(self, d: dt.date) -> str:
        """12 Mar 2025; in Bengali and Hindi the month is written out (their short forms, "এপ্রি",
        are not what people write)."""
        return F.short_date(d) if self.english else self._date(d, "d MMMM y")

    def axis_date(self, d: dt.date) -> str:
        return F.axis_date(d) if self.english else self._date(d, "d MMMM")

    def weekday(self, d: dt.date) -> str:
        return F.WEEKDAYS[d.weekday()] if self.english else format_date(d, "EEEE", locale=self.language)

    def time(self, moment: dt.datetime, tz: dt.tzinfo | None) -> str:
        return self.digits(F.local_time(moment, tz))

    def age(self, birth: dt.date, on: dt.date) -> str:
        """'34 years', or '7 months' for a baby."""
        months = F.age_in_months(birth, on)
        if months < 24:
            return self.ngettext("{n} month", "{n} months", months).format(n=self.count(months))
        return self.ngettext("{n} year", "{n} years", months // 12).format(n=self.count(months // 12))

    def yes_no(self, flag: bool) -> str:
        return self.gettext("Yes") if flag else self.gettext("No")


ENGLISH_TRANSLATOR = Translator(ENGLISH)


def N_(message: str) -> str:
    """Marks a message for the catalogues where it is defined; translated where it is printed."""
    return message


def translator(language: str) -> Translator:
    return ENGLISH_TRANSLATOR if document_language(language) == ENGLISH else Translator(language)


def messages_in(languages: Iterable[str] = TRANSLATED) -> dict[str, dict[str, str | tuple[str, ...]]]:
    """Each catalogue's entries, msgid -> translation (a tuple for plural forms), for the tests."""
    out: dict[str, dict[str, str | tuple[str, ...]]] = {}
    for language in languages:
        with open(catalogue_path(language), "rb") as po:
            catalog = read_po(po, locale=language)
        entries: dict[str, str | tuple[str, ...]] = {}
        for m in catalog:
            if m.id and not m.fuzzy:
                key = m.id if isinstance(m.id, str) else m.id[0]
                entries[str(key)] = m.string if isinstance(m.string, str) else tuple(m.string or ())
        out[language] = entries
    return out
