"""The idle timer: ``idle`` is emitted once no key was pressed and the mouse neither moved nor
clicked anywhere in the app for the interval (the clinic settings' minutes; tests give milliseconds)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from cst_notes.ui.widgets import input_guard


class IdleTimer(QObject):
    """Watches the input to every window of the application while ``running``."""

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.idle.emit)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self._guard = input_guard.install(app)  # the one filter that sees every input event
        self._guard.on_input(self._heard_input)

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def set_interval(self, interval_ms: int) -> None:
        self._timer.setInterval(interval_ms)
        if self._timer.isActive():
            self._timer.start()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _heard_input(self) -> None:
        if self._timer.isActive():
            self._timer.start()  # from now again

    def uninstall(self) -> None:
        self._guard.drop_listener(self._heard_input)
