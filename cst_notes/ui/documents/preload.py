"""The documents' modules, loaded in a background thread a moment after the window shows.

reportlab (with the fonts' shaping and Babel), the preview's PDF library and the export dialog take
150 to 400 ms to import, and the app's start leaves them out (``tests/test_start_imports.py``). Left
to the first export dialog or Progress tab, that import would hold the window up; here it is done on
another core while the therapist reads the list. Importing defines classes and constants only (no
Qt object is made at import), which is safe off the GUI thread; a window that needs a module before
the thread is done waits for that one import, as it would have anyway.
"""

from __future__ import annotations

import importlib
import threading

# Beside ``reports.preload()``: the dialogs that show documents, and what they import.
UI_MODULES = ("cst_notes.ui.documents.export_dialog", "cst_notes.ui.documents.batch_dialog")

_started: list[threading.Thread] = []


def load_in_background() -> threading.Thread:
    """Start the loading thread (once a process); returns it."""
    if not _started:
        thread = threading.Thread(target=_load, name="documents preload", daemon=True)
        _started.append(thread)
        thread.start()
    return _started[0]


def _load() -> None:
    from cst_notes import reports

    try:
        reports.preload()
        for module in UI_MODULES:
            importlib.import_module(module)
    except Exception:  # a module that fails to import fails again, and is reported, where it is used
        pass
