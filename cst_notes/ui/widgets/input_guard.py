"""What the hands do is what the fields hold: one application-wide event filter, installed with the
QApplication (``cst_notes.ui.shell.launch.application``, which the tests' ``qapp`` fixture uses too).

- A number box showing its special value text ("Not recorded", "Not given"): a digit typed into
  it replaces that text, wherever the click left the cursor, so the number is recorded.
- The mouse wheel: a combo box, spin box or slider changes only while it has the focus. Over any
  other the wheel scrolls the page around it, as a person scrolling a long form expects; and the
  wheel never gives these controls the focus (Qt's ``WheelFocus``), which would let the next
  notch change them.
- A person's input (a key, a click, the mouse moving): ``on_input`` listeners (the idle timer that
  locks the screen) hear of it.

It is the app's only application-wide filter, and every event of every widget passes through it
(thousands when a session editor is built), so it returns at once for the events it has no business
with: a second filter doubled the cost, about half the time of opening the session editor. Even so,
a call into Python for each event is a third of the time of building a session editor: a large
window is made with ``build`` (no input can arrive while it is made), the filter set aside.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

_installed: list[InputGuard] = []  # the one filter of the process (kept referenced from Python too)
NUMBER_START = frozenset("0123456789.,")

# What a person does: a key, a click, the mouse moved, the wheel turned, a touch.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.ShortcutOverride,
    }
)
_WATCHED = INPUT_EVENTS | {QEvent.Type.Polish}
W = TypeVar("W", bound=QWidget)


def wheel_guarded(widget: QObject) -> bool:
    """A control whose value the wheel would change: combo boxes, spin boxes (dates too), sliders."""
    if isinstance(widget, QScrollBar):
        return False
    return isinstance(widget, QComboBox | QAbstractSpinBox | QAbstractSlider)


def shows_special_text(spin: QAbstractSpinBox) -> bool:
    """The box shows its special value text ("Not recorded") instead of a number."""
    special = spin.specialValueText()
    return bool(special) and spin.text() == special


class InputGuard(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._listeners: list[weakref.WeakMethod[Callable[[], None]]] = []

    def on_input(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` (a method: held weakly, dropped with its object) at each input event."""
        self._listeners.append(weakref.WeakMethod(listener))

    def drop_listener(self, listener: Callable[[], None]) -> None:
        self._listeners = [ref for ref in self._listeners if ref() not in (None, listener)]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _WATCHED:
            return False
        if kind == QEvent.Type.Polish:
            if wheel_guarded(watched):
                assert isinstance(watched, QWidget)
                _never_by_the_wheel(watched)
            return False
        self._heard_input()
        if kind == QEvent.Type.Wheel and wheel_guarded(watched):
            assert isinstance(watched, QWidget)
            assert isinstance(event, QWheelEvent)
            if not watched.hasFocus():
                scroll_page(watched, event)
                return True
        elif kind == QEvent.Type.KeyPress and isinstance(watched, QAbstractSpinBox):
            assert isinstance(event, QKeyEvent)
            if event.text()[:1] in NUMBER_START and event.text() and shows_special_text(watched):
                watched.selectAll()  # the digit replaces "Not recorded" (it is typed next, as usual)
        return False

    def _heard_input(self) -> None:
        for ref in list(self._listeners):
            listener = ref()
            if listener is None:
                self._listeners.remove(ref)
                continue
            try:
                listener()
            except RuntimeError:  # its Qt object is deleted, its Python side not yet
                self._listeners.remove(ref)


_set_aside = [0]  # how deep in ``build`` calls we are


def build(make: Callable[[], W]) -> W:
    """``make()`` a window with the filter set aside (the events of making its widgets skip Python:
    no input arrives meanwhile, as ``make`` runs no event loop), then give its wheel-guarded controls
    the focus policy the filter gives a control as it is polished."""
    app = QApplication.instance()
    guard = _installed[0] if _installed else None
    if guard is None or app is None:
        return make()
    if not _set_aside[0]:
        app.removeEventFilter(guard)
    _set_aside[0] += 1
    try:
        built = make()
    finally:
        _set_aside[0] -= 1
        if not _set_aside[0]:
            app.installEventFilter(guard)
    guard_controls(built)
    return built


def guard_controls(root: QWidget) -> None:
    """The wheel never gives a control in ``root`` the focus (as the filter does when one is polished)."""
    for kind in (QComboBox, QAbstractSpinBox, QAbstractSlider):
        for control in root.findChildren(kind):
            if wheel_guarded(control):
                _never_by_the_wheel(control)


def _never_by_the_wheel(control: QWidget) -> None:
    if control.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        control.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a click or Tab, never the wheel


def scroll_page(widget: QWidget, event: QWheelEvent) -> None:
    """Give the wheel to the nearest scrolling area around ``widget`` (the form's page), if any."""
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    if area is None:
        return
    viewport = area.viewport()
    position = QPointF(widget.mapTo(viewport, event.position().toPoint()))
    forwarded = QWheelEvent(
        position,
        event.globalPosition(),
        event.pixelDelta(),
        event.angleDelta(),
        event.buttons(),
        event.modifiers(),
        event.phase(),
        event.inverted(),
    )
    QApplication.sendEvent(viewport, forwarded)


def install(app: QApplication) -> InputGuard:
    """Install the filter on ``app`` once (before any widget is made: the focus policy is set as
    each widget is polished)."""
    if not _installed:
        guard = InputGuard(app)
        app.installEventFilter(guard)
        _installed.append(guard)
    return _installed[0]
