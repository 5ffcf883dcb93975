"""Where things live: the bundled resources and the default database."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from cst_notes import APP_NAME

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
FONTS = RESOURCES / "fonts"
ICONS = RESOURCES / "icons"
HELP = RESOURCES / "help"
LOCALE = RESOURCES / "locale"  # the patient documents' message catalogues: <lang>/LC_MESSAGES/cst_notes.po
EXPORT_SCHEMA = RESOURCES / "cst-notes-export.schema.json"


def default_database_path() -> Path:
    """The database in the per-user data folder, e.g. ~/.local/share/CST Notes/cst-notes.sqlite."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "cst-notes.sqlite"
