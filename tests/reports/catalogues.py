"""The patient documents' messages, gathered from the code, and the catalogues brought up to date.

``python -m tests.reports.catalogues`` (``make catalogues``): every message the reports mark
(``pybabel extract`` with babel.cfg: gettext, ngettext, N_) and every vocabulary text they print
(``VOCABULARY_MESSAGES``) goes into each language's catalogue; translations already there are kept,
new messages come in untranslated (the catalogue test then names them), messages no longer used
are dropped. Translate the empty entries, then run the tests.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from cst_notes.reports.language import DOMAIN, TRANSLATED, VOCABULARY_MESSAGES, catalogue_path

ROOT = Path(__file__).resolve().parents[2]
Message = str | tuple[str, str]
HEADER = (
    "# The patient documents of CST Notes: session summary, progress report, intake summary.\n"
    "# Written by make catalogues (tests/reports/catalogues.py); translate the empty entries."
)  # a msgid, or (singular, plural)


def extracted() -> dict[str, Message]:
    """msgid -> the message (with its plural), in the order they appear in the code."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    out: dict[str, Message] = {}
    for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map, options_map):
        if isinstance(message, tuple):
            out.setdefault(message[0], (message[0], message[1]))
        else:
            out.setdefault(message, message)
    for text in VOCABULARY_MESSAGES:
        out.setdefault(text, text)
    return out


def update(language: str) -> list[str]:
    """Rewrites ``language``'s catalogue from the code; the msgids still untranslated."""
    path = Path(catalogue_path(language))
    old = Catalog(locale=language, domain=DOMAIN)
    if path.exists():
        with open(path, "rb") as po:
            old = read_po(po, locale=language, domain=DOMAIN)
    new = Catalog(
        locale=language,
        domain=DOMAIN,
        header_comment=HEADER,
        project="CST Notes",
        version="",
        copyright_holder="",
        msgid_bugs_address="",
        creation_date=old.creation_date,
        revision_date=old.revision_date,
        last_translator="",
        language_team=old.language_team,
        fuzzy=False,
    )
    missing = []
    for msgid, message in extracted().items():
        before = old.get(msgid)
        string = before.string if before is not None else ("", "") if isinstance(message, tuple) else ""
        new.add(message, string)
        if not (all(string) if isinstance(string, tuple) else string):
            missing.append(msgid)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as po:
        write_po(po, new, width=120, omit_header=False, sort_output=False, no_location=True)
    return missing


def main() -> None:
    for language in TRANSLATED:
        missing = update(language)
        print(f"{catalogue_path(language)}: {len(missing)} to translate")


if __name__ == "__main__":
    main()
