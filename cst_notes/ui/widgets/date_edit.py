"""Date fields people can type into as they write dates, with a calendar pop-up beside.

The text is read by the domain's one rule (``cst_notes.domain.dates``): ISO (1985-03-14), the
clinic's usual order (14/03/1985 or 03/14/1985, the ``date_order`` setting) or the calendar.
Empty is "not given". Text that is not a date is never guessed: ``problem()`` says why, the field
is marked when the person leaves it, and forms refuse to save while a date has a problem
(``FieldFeedback.typed_problems``). Once read, the date is shown in ISO, as everywhere in the app.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit

from cst_notes.domain.dates import DEFAULT_DATE_ORDER, MONTH_FIRST, example, read_date, read_date_time

_order = [DEFAULT_DATE_ORDER]  # the clinic's setting, for every date field of this process


def set_date_order(order: str) -> None:
    """The clinic's usual order (DATE_ORDERS): set at start-up and when the settings are saved."""
    _order[0] = order


def date_order() -> str:
    return _order[0]


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _calendar_icon() -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QPen(QColor("#455a64"), 1))
    painter.drawRect(QRect(1, 2, 13, 12))
    painter.fillRect(QRect(2, 3, 12, 3), QColor("#455a64"))
    for row in range(2):
        for column in range(3):
            painter.fillRect(QRect(3 + 4 * column, 8 + 3 * row, 2, 2), QColor("#455a64"))
    painter.end()
    return QIcon(pixmap)


class TypedDateField(QLineEdit):
    """What date and date-and-time fields share: reading on leaving, marking, the calendar."""

    left = Signal()  # the person left the field (Tab, Enter, a click elsewhere): feedback checks it now
    value_changed = Signal()  # what ``value()`` gives changed

    def __init__(self, earliest: dt.date, latest: dt.date, anchor: dt.date, parent: Any = None) -> None:
        super().__init__(parent)
        self.earliest, self.latest, self._anchor = earliest, latest, anchor
        self._last: object = None
        self.calendar: QCalendarWidget | None = None
        self.calendar_action = self.addAction(_calendar_icon(), QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip("Choose from a calendar (Alt+Down)")
        self.calendar_action.triggered.connect(self.open_calendar)
        self.editingFinished.connect(self._finished)
        self.textChanged.connect(self._text_changed)

    # --- for subclasses -----------------------------------------------------------------------

    def problem(self) -> str:
        """Why the text is not a value ('' when it is one, or empty)."""
        raise NotImplementedError

    def _value(self) -> object:
        raise NotImplementedError

    def _normal_text(self) -> str:
        raise NotImplementedError

    def _calendar_date(self) -> dt.date | None:
        raise NotImplementedError

    def _picked(self, day: dt.date) -> None:
        raise NotImplementedError

    # --- shared -------------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return not self.text().strip()

    def _finished(self) -> None:
        if not self.problem() and not self.is_empty() and self.text() != self._normal_text():
            self.setText(self._normal_text())  # shown as read, in ISO: what will be stored
        self.left.emit()

    def _text_changed(self) -> None:
        value = self._value()
        if value != self._last:
            self._last = value
            self.value_changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> QCalendarWidget:
        """The calendar under the field, at the date typed (or the anchor): a click or Enter picks."""
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setGridVisible(True)
            self.calendar.clicked.connect(self._calendar_picked)
            self.calendar.activated.connect(self._calendar_picked)
        calendar = self.calendar
        calendar.setDateRange(_qdate(self.earliest), _qdate(self.latest))
        shown = self._calendar_date() or self._anchor
        calendar.setSelectedDate(_qdate(shown))
        calendar.setCurrentPage(shown.year, shown.month)
        calendar.adjustSize()
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)
        return calendar

    def _calendar_picked(self, day: QDate) -> None:
        if self.calendar is not None:
            self.calendar.hide()
        self._picked(dt.date(day.year(), day.month(), day.day()))
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        self.left.emit()


class DateField(TypedDateField):
    """A date, or empty ("not given"); dates outside ``earliest``..``latest`` are refused with a reason.

    ``anchor`` is where the calendar opens while the field is empty (an adult's birth year, today…).
    """

    def __init__(
        self,
        *,
        earliest: dt.date,
        latest: dt.date,
        anchor: dt.date,
        today: dt.date | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(earliest, latest, anchor, parent)
        self._today = today or dt.date.today()
        self.setPlaceholderText(self.pattern())
        self.setToolTip(f"Type the date as {example(date_order())}, or choose it from the calendar (Alt+Down)")
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(self.pattern()) + 40)

    @staticmethod
    def pattern() -> str:
        return "MM/DD/YYYY" if date_order() == MONTH_FIRST else "DD/MM/YYYY"

    def _reading(self) -> Any:
        return read_date(self.text(), date_order(), earliest=self.earliest, latest=self.latest, today=self._today)

    def value(self) -> dt.date | None:
        """The date typed or picked; None when empty or not a date (see ``problem``)."""
        day = self._reading().date
        assert day is None or isinstance(day, dt.date)
        return day

    def set_value(self, value: dt.date | None) -> None:
        self.setText("" if value is None else value.isoformat())

    def problem(self) -> str:
        return str(self._reading().problem)

    def _value(self) -> object:
        return self.value()

    def _normal_text(self) -> str:
        day = self.value()
        return day.isoformat() if day else self.text()

    def _calendar_date(self) -> dt.date | None:
        return self.value()

    def _picked(self, day: dt.date) -> None:
        self.set_value(day)


class DateTimeField(TypedDateField):
    """A local date and time ("2026-03-14 10:30" or "14/03/2026 10:30"); the calendar keeps the time."""

    def __init__(self, *, earliest: dt.date, latest: dt.date, parent: Any = None) -> None:
        super().__init__(earliest, latest, min(dt.date.today(), latest), parent)
        self._time = dt.time(0, 0)
        pattern = f"{DateField.pattern()} HH:MM"
        self.setPlaceholderText(pattern)
        self.setToolTip(f"Type the date as {example(date_order())}, then the time (24-hour, e.g. 14:30)")
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(pattern) + 40)

    def value(self) -> dt.datetime | None:
        """The local (naive) date and time; None when empty or not readable (see ``problem``)."""
        return read_date_time(self.text(), date_order(), earliest=self.earliest, latest=self.latest).value

    def set_value(self, value: dt.datetime | None) -> None:
        self.setText("" if value is None else f"{value:%Y-%m-%d %H:%M}")

    def problem(self) -> str:
        if self.is_empty():
            return "must be given (a date and a time)"
        return read_date_time(self.text(), date_order(), earliest=self.earliest, latest=self.latest).problem

    def _value(self) -> object:
        return self.value()

    def _normal_text(self) -> str:
        value = self.value()
        return f"{value:%Y-%m-%d %H:%M}" if value else self.text()

    def _calendar_date(self) -> dt.date | None:
        value = self.value()
        return value.date() if value else None

    def _picked(self, day: dt.date) -> None:
        value = self.value()
        time = value.time() if value else self._time
        self.set_value(dt.datetime.combine(day, time))
