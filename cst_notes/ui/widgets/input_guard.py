"""What the hands do is what the fields hold: one application-wide event filter, installed with the
QApplication (``cst_notes.ui.shell.launch.application``, which the tests' ``qapp`` fixture uses too).

- A number box showing its special value text ("Not recorded", "Not given"): a digit typed into
  it replaces that text, wherever the click left the cursor, so the number is recorded.
- The mouse wheel: a combo box, spin box or slider changes only while it has the focus. Over any
  other the wheel scrolls the page around it, as a person scrolling a long form expects; and the
  wheel never gives these controls the focus (Qt's ``WheelFocus``), which would let the next
  notch change them.
"""

from __future__ import annotations

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
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and wheel_guarded(watched):
            assert isinstance(watched, QWidget)
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a click or Tab, never the wheel
        elif kind == QEvent.Type.Wheel and wheel_guarded(watched):
            assert isinstance(watched, QWidget)
            assert isinstance(event, QWheelEvent)
            if not watched.hasFocus():
                scroll_page(watched, event)
                return True
        elif kind == QEvent.Type.KeyPress and isinstance(watched, QAbstractSpinBox):
            assert isinstance(event, QKeyEvent)
            if event.text()[:1] in NUMBER_START and event.text() and shows_special_text(watched):
                watched.selectAll()  # the digit replaces "Not recorded" (it is typed next, as usual)
        return super().eventFilter(watched, event)


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
