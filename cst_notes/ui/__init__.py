"""The Qt GUI. It talks to the database only through ``cst_notes.services.Services``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cst_notes import APP_NAME, __version__
from cst_notes.services import Services
from cst_notes.ui.fonts import load_bundled_fonts
from cst_notes.ui.main_window import MainWindow


def application() -> QApplication:
    """The process's QApplication, created on first use."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    return app


def save_screenshot(window: MainWindow, target: Path) -> None:
    """Render ``window`` off screen, with the first listed patient's chart open, to the PNG ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    window.show()
    QApplication.processEvents()
    if window.model.rowCount():
        window.select_patient(window.model.patient_id(0))
        window.open_selected()
        QApplication.processEvents()
    if not window.grab().save(str(target), "PNG"):
        raise OSError(f"could not write the screenshot {target}")


def run(services: Services, *, db_label: str, screenshot: Path | None = None) -> int:
    """Show the main window and run the event loop; returns the exit code.

    With ``screenshot``, render the window off screen instead (see ``save_screenshot``) and
    return 0 without an event loop; raises OSError if the PNG cannot be written.
    """
    if screenshot is not None and QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed for a screenshot
    app = application()
    load_bundled_fonts(app)
    window = MainWindow(services, db_label)
    if screenshot is None:
        window.show()
        return app.exec()
    try:
        save_screenshot(window, screenshot)
    finally:
        window.close()
        window.deleteLater()
    return 0
