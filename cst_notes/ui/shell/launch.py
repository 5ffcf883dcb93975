"""The Qt GUI. It talks to the database only through ``cst_notes.services.Services``."""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from cst_notes import APP_ID, APP_NAME, __version__, paths
from cst_notes.files import make_private_folder
from cst_notes.services import Services, StorageError
from cst_notes.ui.shell import collector, errors
from cst_notes.ui.shell.fonts import load_bundled_fonts
from cst_notes.ui.shell.main_window import MainWindow
from cst_notes.ui.shell.startup import BackgroundCheckWatcher, DialogPrompts, open_interactively, restore_and_reopen
from cst_notes.ui.widgets import input_guard


def application() -> QApplication:
    """The process's QApplication, created on first use, with the input guard (wheel and number
    boxes: ``widgets.input_guard``) installed before any widget is made, errors out of slots
    shown in a dialog (``errors``), and garbage collected in the GUI thread only (``collector``)."""
    errors.install()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        input_guard.install(existing)
        collector.install(existing)
        identify(existing)
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    input_guard.install(app)
    collector.install(app)
    identify(app)
    return app


def identify(app: QApplication) -> None:
    """The windows' icon, and the desktop id that lets a desktop (Wayland's, above all) match the
    running app to its .desktop file and its icon."""
    app.setWindowIcon(QIcon(str(paths.ICONS / "cst-notes.svg")))
    app.setDesktopFileName(APP_ID)


def save_screenshot(window: MainWindow, target: Path) -> None:
    """Render ``window`` off screen, with the first listed patient's chart open, to the PNG ``target``."""
    make_private_folder(target.parent)
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


def _back_up_quietly(services: Services) -> None:
    """A rotating backup (on closing); a failure is reported on stderr and never stops the app."""
    try:
        services.back_up_on_closing()
    except (StorageError, OSError) as exc:
        print(f"cst-notes: the automatic backup failed: {exc}", file=sys.stderr)


def _show_damaged(window: MainWindow, message: str) -> None:
    advice = "To put a backup in its place: File ▸ Restore from a backup…"
    window.statusBar().showMessage(f"⚠ {message} {advice}")
    QMessageBox.critical(window, "Database damaged", f"{message}\n\n{advice}")


def _close_for_restore(window: MainWindow, wanted: list[Path], backup: Path) -> None:
    wanted.append(backup)
    window.close()


def start(db_path: Path, *, exit_when_ready: bool = False) -> int:
    """The GUI: open the database (asking for a passphrase, offering a backup when it is damaged),
    check it and back up when a day has passed (in the background, while the window opens), run,
    and back up again on closing.

    ``exit_when_ready``: quit as soon as the window is shown with its list filled (no backups):
    the benchmark times the start-up with it.
    """
    app = application()
    load_bundled_fonts(app)
    # The integrity check (seconds on a large file), then the day's backup, run while the window opens.
    services: Services | None = open_interactively(
        db_path, DialogPrompts(), background=True, back_up=not exit_when_ready
    )
    if services is None:
        return 1
    try:
        while True:
            window = MainWindow(services, str(db_path), offer_set_up=True)
            wanted: list[Path] = []
            window.practice.restore_requested.connect(partial(_close_for_restore, window, wanted))
            watcher = BackgroundCheckWatcher(services, db_path, DialogPrompts(window), window)
            watcher.restore_wanted.connect(partial(_close_for_restore, window, wanted))
            watcher.damaged.connect(partial(_show_damaged, window))
            window.show()
            if exit_when_ready:
                QTimer.singleShot(0, app.quit)
            code = app.exec()
            if services.background_error():
                print(f"cst-notes: the automatic backup failed: {services.background_error()}", file=sys.stderr)
            if not wanted:
                break
            services = restore_and_reopen(services, db_path, wanted[0], DialogPrompts(window))
            if services is None:
                return 1
        if not exit_when_ready:
            _back_up_quietly(services)
        return code
    finally:
        if services is not None:
            services.close()
