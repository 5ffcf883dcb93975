"""Child process for the session-draft kill test: the app (offscreen) with a patient's chart open,
a session started with Ctrl+Shift+N and a note typed key by key; then it runs until it is killed."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from cst_notes.services import Services
from cst_notes.ui.shell.launch import application
from cst_notes.ui.shell.main_window import MainWindow


def activate(widget: QWidget) -> None:
    """The offscreen platform activates a window only on request (a click on it would)."""
    handle = widget.windowHandle()
    assert handle is not None
    handle.requestActivate()
    for _ in range(200):
        if widget.isActiveWindow():
            return
        QTest.qWait(10)
    raise RuntimeError("the window did not become active")


def main(path: str, patient_id: int, note: str) -> int:
    app = application()  # as the app starts: the input guard too
    services = Services.open(path)
    window = MainWindow(services, path)
    window.show()
    activate(window)
    window.select_patient(patient_id)
    window.open_chart(patient_id)
    QTest.keyClick(window.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    editor = window.chart.tabs.sessions_tab.session_editor
    assert editor is not None
    activate(editor)
    subjective = editor.soap.edits["subjective"]
    QTest.mouseClick(subjective.viewport(), Qt.MouseButton.LeftButton)
    for character in note:
        QTest.keyClicks(subjective, character)
    print("typed", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
