"""What the person sees when an action fails in a way no form could foresee.

A save that cannot get its turn on the file (``BusyError``), a full disk or a damaged file is a
``StorageError`` whose message is written for people: it is shown in a dialog over the window,
and the form stays as it was, its typing kept in its draft. Anything else is a fault of the app:
the person is told in plain words, and the details go to the error output for a bug report.
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from cst_notes.services import StorageError

NOT_SAVED = "Not saved"
FAULT = "Something went wrong"


def show_error(exc: BaseException) -> QMessageBox:
    """A non-blocking dialog over the active window: what went wrong, in the message's own words."""
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Warning)
    if isinstance(exc, StorageError):
        box.setWindowTitle(NOT_SAVED)
        box.setText(f"{exc}")
    else:
        box.setWindowTitle(FAULT)
        box.setText(
            "CST Notes met an error it did not expect, and the last action may not have been done. "
            "What you were typing is kept as a draft."
        )
        box.setDetailedText("".join(traceback.format_exception(exc)))
    box.setObjectName("error-dialog")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def _hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if not isinstance(exc, StorageError):
        traceback.print_exception(kind, exc, tb, file=sys.stderr)
    if QApplication.instance() is not None:
        show_error(exc)


def install() -> None:
    """Errors out of a slot (a button, a shortcut, a timer) are shown, never only printed."""
    sys.excepthook = _hook
