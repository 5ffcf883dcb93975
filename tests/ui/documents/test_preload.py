"""The documents' modules are imported in a thread of their own a moment after the window shows
(issue 18): the first export dialog or Progress tab does not hold the window up for reportlab's
import. In a process of its own, where nothing has imported them yet."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cst_notes.services import Services

REPO = Path(__file__).resolve().parents[3]
WATCHED = ("reportlab", "pypdfium2", "cst_notes.reports.patient_record", "cst_notes.ui.documents.export_dialog")

RUN = """
import json, sys, threading
WATCHED = %r
imported_in = {}

class Spy:  # notes which thread first asks for each watched module
    def find_spec(self, name, path=None, target=None):
        if name in WATCHED and name not in sys.modules:
            imported_in.setdefault(name, threading.current_thread().name)
        return None

sys.meta_path.insert(0, Spy())
from PySide6.QtCore import QTimer
from cst_notes.services import Services
from cst_notes.ui.documents import preload
from cst_notes.ui.shell import launch
from cst_notes.ui.shell.main_window import MainWindow

app = launch.application()
services = Services.open(sys.argv[1])
window = MainWindow(services, sys.argv[1])
window.show()
at_start = sorted(imported_in)

def finished():
    if preload._started and not preload._started[0].is_alive():
        app.quit()

timer = QTimer()
timer.timeout.connect(finished)
timer.start(50)
QTimer.singleShot(20_000, app.quit)  # not loaded by then: the test fails
app.exec()
window.close()
services.close()
print(json.dumps({"at_start": at_start, "imported_in": imported_in}))
"""


def test_the_documents_modules_are_imported_off_the_window_thread_after_the_start(tmp_path: Path) -> None:
    db = tmp_path / "clinic.sqlite"
    services = Services.open(db)
    services.create_demo_clinic(3, 2, seed=1)
    services.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", RUN % (WATCHED,), str(db)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["at_start"] == []
    assert seen["imported_in"] == dict.fromkeys(WATCHED, "documents preload")
