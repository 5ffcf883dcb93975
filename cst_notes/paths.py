"""Where things live: the bundled resources and the default database."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

from cst_notes import APP_NAME


def resources_folder(frozen_in: str | None = None, package: Path | None = None) -> Path:
    """The resources folder: beside the cst_notes package in a checkout, or inside the bundle's own
    folder when PyInstaller froze the app (``frozen_in`` is its ``sys._MEIPASS``, e.g.
    ``~/.local/lib/cst-notes/_internal``; the spec file puts resources/ there)."""
    if frozen_in is not None:
        return Path(frozen_in) / "resources"
    return (package or Path(__file__).resolve().parent).parent / "resources"


RESOURCES = resources_folder(getattr(sys, "_MEIPASS", None) if getattr(sys, "frozen", False) else None)
FONTS = RESOURCES / "fonts"
ICONS = RESOURCES / "icons"
HELP = RESOURCES / "help"
LOCALE = RESOURCES / "locale"  # the patient documents' message catalogues: <lang>/LC_MESSAGES/cst_notes.po
EXPORT_SCHEMA = RESOURCES / "cst-notes-export.schema.json"


def default_database_path() -> Path:
    """The database in the per-user data folder, e.g. ~/.local/share/CST Notes/cst-notes.sqlite."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "cst-notes.sqlite"
