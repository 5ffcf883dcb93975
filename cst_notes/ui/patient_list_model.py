"""The patient list: one services call per refresh; rows are PatientSummary read models."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from cst_notes.domain.privacy import initials
from cst_notes.domain.summaries import PatientSummary
from cst_notes.services import Services
from cst_notes.ui.formatting import age_text, date_text, display_name, local_date_text

ALERT, NAME, AGE, BIRTH_DATE, SESSIONS, LAST_SESSION, NEXT_APPOINTMENT = range(7)
HEADERS = ("⚠", "Name", "Age", "Birth date", "Sessions", "Last session", "Next appointment")
ALERT_COLOUR = QColor("#c62828")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)

_Index = QModelIndex | QPersistentModelIndex


class PatientListModel(QAbstractTableModel):
    def __init__(
        self,
        services: Services,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._today = today
        self._filter = ""
        self._rows: list[PatientSummary] = []
        self.privacy = False  # initials instead of names, for screens other clients may see
        self.refresh()

    # --- what the window asks -------------------------------------------------------------

    @property
    def filter_text(self) -> str:
        return self._filter

    def set_filter(self, text: str) -> None:
        self._filter = text
        self.refresh()

    def refresh(self) -> None:
        """Fetch the rows again (after a change, or a new filter)."""
        self.beginResetModel()
        self._rows = self._services.patient_summaries(self._filter.strip())
        self.endResetModel()

    def set_privacy(self, on: bool) -> None:
        self.privacy = on
        if self._rows:
            self.dataChanged.emit(self.index(0, NAME), self.index(len(self._rows) - 1, NAME))

    def patient_id(self, row: int) -> int:
        return self._rows[row].id

    def summary(self, row: int) -> PatientSummary:
        return self._rows[row]

    def row_of(self, patient_id: int) -> int | None:
        return next((n for n, s in enumerate(self._rows) if s.id == patient_id), None)

    # --- QAbstractTableModel ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == ALERT:
            return "Absolute contraindication recorded at intake"
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(s, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(s, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == ALERT and s.absolute_contraindications:
            return QBrush(ALERT_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (AGE, SESSIONS):
                return _RIGHT
            if column == ALERT:
                return _CENTRE
        return None

    def _text(self, s: PatientSummary, column: int) -> str:
        if column == ALERT:
            return "⚠" if s.absolute_contraindications else ""
        if column == NAME:
            return initials(s.full_name) if self.privacy else display_name(s.full_name, s.preferred_name)
        if column == AGE:
            return age_text(s.birth_date, self._today())
        if column == BIRTH_DATE:
            return date_text(s.birth_date)
        if column == SESSIONS:
            return str(s.session_count)
        if column == LAST_SESSION:
            return local_date_text(s.last_session_at)
        if column == NEXT_APPOINTMENT:
            return date_text(s.next_appointment)
        return ""

    def _tooltip(self, s: PatientSummary, column: int) -> str | None:
        if column in (ALERT, NAME) and s.absolute_contraindications:
            n = s.absolute_contraindications
            kind = "absolute contraindication" if n == 1 else "absolute contraindications"
            return f"{n} {kind}: do not treat without a recorded decision"
        if column == NAME and self.privacy:
            return None
        if column == NAME:
            name = display_name(s.full_name, s.preferred_name)
            return f"{name}\nGuardian: {s.guardian_name}" if s.guardian_name else name
        return None
