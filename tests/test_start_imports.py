"""The app's start (issue 18): until the main window shows with its list filled, nothing is imported
that only a later action needs (a PDF, a key, a migration, a command). Each of these modules is
imported where it is used; an import at the top of a module on the start path would bring it back
and slow every start, unseen: this test sees it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cst_notes.services import Services

REPO = Path(__file__).resolve().parent.parent

NOT_AT_START = (
    "reportlab",  # the documents (and Pillow, HarfBuzz and Babel with them)
    "PIL",
    "uharfbuzz",
    "babel",
    "pypdfium2",  # the document preview
    "cryptography",  # signing keys and the keyring
    "sqlite_utils",  # migrations only
    "sqlcipher3",  # an encrypted database only
    "click",
    "dateutil",
    "pluggy",
    "multiprocessing",  # the PDF batch's process pool
    "concurrent.futures",
    "cst_notes.cli",
    "cst_notes.ui.patients.new_patient_dialog",
    "cst_notes.ui.shell.settings_dialog",
    "cst_notes.ui.shell.practitioners_dialog",
    "cst_notes.ui.shell.encrypt_dialog",
    "cst_notes.ui.shell.history_view",
    "cst_notes.ui.shell.first_run",  # (the database has a clinic: no set-up)
    "cst_notes.ui.forms.draft_keeper",
    "cst_notes.ui.documents.signed_summaries",
    "cst_notes.ui.documents.pages",
)

START = """
import json, sys
from cst_notes.app import main
code = main(["--db", sys.argv[1], "--exit-when-ready"])
print(json.dumps(sorted(sys.modules)))
sys.exit(code)
"""


@pytest.fixture(scope="module")
def started_with(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The modules imported by the start of the app on a clinic of a few patients, in a process of its own."""
    db = tmp_path_factory.mktemp("start") / "clinic.sqlite"
    services = Services.open(db)
    services.create_demo_clinic(3, 2, seed=1)
    services.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", START, str(db)], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    modules: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    assert "cst_notes.ui.shell.main_window" in modules  # the window was really made
    return set(modules)


@pytest.mark.parametrize("module", NOT_AT_START)
def test_the_start_does_not_import(started_with: set[str], module: str) -> None:
    brought = sorted(m for m in started_with if m == module or m.startswith(module + "."))
    assert not brought, f"the start imported {brought[:5]}: import it where it is used"
