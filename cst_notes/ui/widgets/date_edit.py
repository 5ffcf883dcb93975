"""A date field that can be empty ("Not given"), with a calendar popup and no dates after today."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit

ISO_FORMAT = "yyyy-MM-dd"


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class OptionalDateEdit(QDateEdit):
    """Empty until a date is chosen; the day before ``earliest`` stands for "not given".

    ``anchor`` is where typing and the calendar start from while the field is empty, so that
    an empty birth date does not open the calendar in 1899.
    """

    def __init__(
        self,
        *,
        earliest: dt.date,
        latest: dt.date,
        anchor: dt.date,
        empty_text: str = "Not given",
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._anchor = _qdate(anchor)
        self.setDisplayFormat(ISO_FORMAT)
        self.setCalendarPopup(True)
        self.setMinimumDate(_qdate(earliest - dt.timedelta(days=1)))
        self.setMaximumDate(_qdate(latest))
        self.setSpecialValueText(empty_text)
        self.setDate(self.minimumDate())
        self.calendarWidget().window().installEventFilter(self)

    def value(self) -> dt.date | None:
        if self.is_empty():
            return None
        day = self.date()
        return dt.date(day.year(), day.month(), day.day())

    def set_value(self, value: dt.date | None) -> None:
        self.setDate(self.minimumDate() if value is None else _qdate(value))

    def is_empty(self) -> bool:
        return self.date() == self.minimumDate()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.is_empty() and event.text().isdigit():
            # The empty text cannot be typed over: start from the anchor with the year selected.
            self.setDate(self._anchor)
            self.setSelectedSection(QDateEdit.Section.YearSection)
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.is_empty():
            self.calendarWidget().setCurrentPage(self._anchor.year(), self._anchor.month())
        return super().eventFilter(watched, event)
