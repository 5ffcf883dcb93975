"""The patient list. As in Anki's browser, the model holds the patients' ids (one cheap query per
refresh) and asks the services for rows only when Qt paints them, a block at a time: a practice
of 5,000 patients opens as fast as one of 50. Rows are PatientSummary read models."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from cst_notes.domain.access import Can
from cst_notes.domain.plan import appointment_ahead
from cst_notes.domain.summaries import PatientSummary
from cst_notes.services import Services
from cst_notes.ui.widgets.formatting import age_text, date_text, local_date_text
from cst_notes.ui.widgets.privacy import Privacy


class Column(IntEnum):
    """The list's columns, by position."""

    ALERT = 0
    NAME = 1
    AGE = 2
    BIRTH_DATE = 3
    SESSIONS = 4
    LAST_SESSION = 5
    NEXT_APPOINTMENT = 6


HEADERS = ("⚠", "Name", "Age", "Birth date", "Sessions", "Last session", "Next appointment")
ALERT_COLOUR = QColor("#c62828")
DAMAGED = "damaged record"
BLOCK = 100  # rows fetched at once: a screenful or two
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)

_Index = QModelIndex | QPersistentModelIndex


def widest_texts() -> dict[int, str]:
    """The widest text each fixed-format column can show: its width comes from these, not from
    measuring every row (which on a large practice takes longer than the rest of the start)."""
    day = date_text(dt.date(2000, 12, 28))
    return {
        Column.AGE: "23 months",
        Column.BIRTH_DATE: day,
        Column.SESSIONS: "8888",
        Column.LAST_SESSION: day,
        Column.NEXT_APPOINTMENT: day,
    }


class PatientListModel(QAbstractTableModel):
    def __init__(
        self,
        services: Services,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        privacy: Privacy | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        # initials and birth years in privacy mode, for screens other clients may see
        self.privacy = privacy or Privacy(parent=self)
        self.privacy.changed.connect(self._privacy_changed)
        self._today = today
        self._filter = ""
        self._ids: list[int] = []
        self._rows: dict[int, PatientSummary] = {}  # the blocks fetched since the last refresh
        self.refresh()

    # --- what the window asks -------------------------------------------------------------

    @property
    def filter_text(self) -> str:
        return self._filter

    def set_filter(self, text: str) -> None:
        self._filter = text
        self.refresh()

    def refresh(self) -> None:
        """Fetch the ids again (after a change, or a new filter); rows follow as they are painted."""
        self.beginResetModel()
        # nobody signed in yet (the sign-in page shows): no one's name is read
        allowed = self._services.may(Can.SEE_PATIENTS)
        self._ids = self._services.patient_ids(self._filter.strip()) if allowed else []
        self._rows = {}
        self.endResetModel()

    def _privacy_changed(self) -> None:
        if self._ids:
            self.dataChanged.emit(self.index(0, Column.NAME), self.index(len(self._ids) - 1, Column.BIRTH_DATE))

    def patient_id(self, row: int) -> int:
        return self._ids[row]

    def summary(self, row: int) -> PatientSummary:
        patient_id = self._ids[row]
        found = self._rows.get(patient_id)
        if found is None:
            start = row - row % BLOCK
            self._rows.update(self._services.summaries_of(self._ids[start : start + BLOCK]))
            found = self._rows[patient_id]
        return found

    def row_of(self, patient_id: int) -> int | None:
        try:
            return self._ids.index(patient_id)
        except ValueError:
            return None

    # --- QAbstractTableModel ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == Column.ALERT:
            return "Absolute contraindication recorded at intake"
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        s = self.summary(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(s, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(s, column)
        if role == Qt.ItemDataRole.ForegroundRole and s.damaged and column == Column.NAME:
            return QBrush(ALERT_COLOUR)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.ALERT and s.absolute_contraindications:
            return QBrush(ALERT_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (Column.AGE, Column.SESSIONS):
                return _RIGHT
            if column == Column.ALERT:
                return _CENTRE
        return None

    def _text(self, s: PatientSummary, column: int) -> str:
        if column == Column.ALERT:
            return "⚠" if s.absolute_contraindications else ""
        if column == Column.NAME:
            return self.privacy.name(s.full_name, s.preferred_name) + (f"  ({DAMAGED})" if s.damaged else "")
        if column == Column.AGE:
            return age_text(s.birth_date, self._today()) if s.birth_date is not None else ""
        if column == Column.BIRTH_DATE:
            return self.privacy.birth_date(s.birth_date)
        if column == Column.SESSIONS:
            return str(s.session_count)
        if column == Column.LAST_SESSION:
            return local_date_text(s.last_session_at)
        if column == Column.NEXT_APPOINTMENT:  # a day already past is no one's next appointment
            return date_text(appointment_ahead(s.next_appointment, self._today()))
        return ""

    def _tooltip(self, s: PatientSummary, column: int) -> str | None:
        if column == Column.NAME and s.damaged:
            return "Part of this record cannot be read: open it to see what, or run cst-notes check"
        if column in (Column.ALERT, Column.NAME) and s.absolute_contraindications:
            n = s.absolute_contraindications
            kind = "absolute contraindication" if n == 1 else "absolute contraindications"
            return f"{n} {kind}: do not treat without a recorded decision"
        passed = s.next_appointment is not None and appointment_ahead(s.next_appointment, self._today()) is None
        if column == Column.NEXT_APPOINTMENT and passed:
            return f"The appointment planned for {date_text(s.next_appointment)} has passed: none is booked"
        if column == Column.NAME and self.privacy.on:
            return None  # the initials say all there is to say
        if column == Column.NAME:
            name = self.privacy.name(s.full_name, s.preferred_name)
            return f"{name}\nGuardian: {self.privacy.name(s.guardian_name)}" if s.guardian_name else name
        return None
