"""The Qt binding must not leak or over-release Python objects: PySide6 6.12.0 on Python 3.11
released a reference to None on every call returning nothing, and the app aborted after a few
thousand calls (Fatal Python error: none_dealloc)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_calls_that_return_nothing_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("অমিত")
    assert abs(sys.getrefcount(None) - before) < 50
