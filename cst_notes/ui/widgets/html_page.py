"""Building read-only pages of a record as HTML (the intake, the plan): escaped text, tables of
facts, bullet lists and titled paragraphs.

Every user text is escaped: a name or note is shown as text, never as markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable


def e(text: object) -> str:
    return html.escape(str(text))


def empty(message: str) -> str:
    return f"<p style='color:#757575'><i>{e(message)}</i></p>"


def facts(rows: Iterable[tuple[str, str]]) -> str:
    """A two-column table of the rows that have a value."""
    cells = "".join(
        f"<tr><td style='padding-right:12px; color:#555'>{e(k)}</td><td>{e(v)}</td></tr>" for k, v in rows if v
    )
    return f"<table cellspacing='2'>{cells}</table>" if cells else ""


def noted(label: str, note: str) -> str:
    return f"{label} — {note}" if note else label


def bullets(items: Iterable[str]) -> str:
    items = list(items)
    return "<ul>" + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>" if items else ""


def titled(title: str, body: str) -> str:
    return f"<p><b>{e(title)}</b></p>{body}" if body else ""


def paragraph(title: str, text: str) -> str:
    """A titled block of the user's text, line breaks kept."""
    return f"<p><b>{e(title)}</b><br>{e(text).replace(chr(10), '<br>')}</p>" if text else ""
