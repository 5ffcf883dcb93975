"""The craniosacral rhythm grid's data: one row per listening station and side, one column per field.

Empty cells are "not recorded"; only rows with a value become a ``RhythmFinding``. A rate is kept as
typed: one outside the accepted range (or not a number) stays in its cell, marked, with its message,
and the session cannot be saved until it is corrected. A rate outside the usual range is a warning.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from cst_notes.domain import vocabulary as V
from cst_notes.domain.session import RhythmFinding
from cst_notes.domain.validation import FieldError
from cst_notes.domain.vocabulary import Vocabulary

STATION, SIDE, RATE, AMPLITUDE, SYMMETRY, QUALITY, PHASE, PALPATED_BY, NOTE = range(9)
HEADERS = (
    "Station",
    "Side",
    "Rate (cpm)",
    "Amplitude",
    "Symmetry",
    "Quality",
    "Restricted phase",
    "Palpated by",
    "Note",
)
FIELD_OF_COLUMN = {
    RATE: "rate",
    AMPLITUDE: "amplitude",
    SYMMETRY: "symmetry",
    QUALITY: "quality",
    PHASE: "restricted_phase",
    PALPATED_BY: "palpated_by",
    NOTE: "note",
}
COLUMN_OF_FIELD = {name: column for column, name in FIELD_OF_COLUMN.items()} | {"station": STATION, "side": SIDE}
VOCABULARIES: dict[int, Vocabulary] = {
    AMPLITUDE: V.AMPLITUDES,
    SYMMETRY: V.SYMMETRIES,
    QUALITY: V.QUALITIES,
    PHASE: V.RESTRICTED_PHASES,
}
ROWS = tuple((station.code, side.code) for station in V.STATIONS for side in V.STATION_SIDES)
ERROR_BACKGROUND, WARNING_BACKGROUND, GROUP_BACKGROUND = QColor("#ffcdd2"), QColor("#ffe082"), QColor("#f3f6f9")
DEFAULT_FOREGROUND = QColor("#757575")
_PATH = re.compile(r"rhythm_findings\[(\d+)\]\.(\w+)$")
_Index = QModelIndex | QPersistentModelIndex


def parse_rate(text: str) -> tuple[float | None, str]:
    """The rate typed (a decimal comma is fine) and '' — or None and why it cannot be accepted."""
    text = text.strip().replace(",", ".")
    if not text:
        return None, ""
    try:
        value = float(text)
    except ValueError:
        return None, "must be a number of cycles per minute"
    if not math.isfinite(value) or not V.RATE_ACCEPT_MIN <= value <= V.RATE_ACCEPT_MAX:
        return None, f"must be between {V.RATE_ACCEPT_MIN:g} and {V.RATE_ACCEPT_MAX:g} (got {text})"
    return value, ""


@dataclass(frozen=True)
class _Cells:
    rate: str = ""  # as typed; '' = not recorded
    amplitude: str = ""  # codes, '' = not recorded
    symmetry: str = ""
    quality: str = ""
    restricted_phase: str = ""
    palpated_by: str = ""
    note: str = ""

    def recorded(self) -> bool:
        """Anything palpated or noted (who palpated alone is not a finding)."""
        return any(getattr(self, f.name) for f in fields(self) if f.name != "palpated_by")


class RhythmModel(QAbstractTableModel):
    edited = Signal()  # after a user's edit (not after set_findings)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._cells = [_Cells() for _ in ROWS]
        self._errors: dict[tuple[int, int], str] = {}  # messages from the last save
        self.read_only = False
        self.default_palpated_by = ""

    # --- Qt ---------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 — Qt's own default
        return 0 if parent.isValid() else len(ROWS)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return str(section + 1) if 0 <= section < len(ROWS) else None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base if index.column() <= SIDE or self.read_only else base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: C901
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        station, side = ROWS[row]
        cells = self._cells[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == STATION:
                return V.STATIONS.label(station)
            if column == SIDE:
                return V.STATION_SIDES.label(side)
            if column in VOCABULARIES:
                code = getattr(cells, FIELD_OF_COLUMN[column])
                return VOCABULARIES[column].label(code) if code else ""
            if column == PALPATED_BY and not cells.palpated_by and cells.recorded():
                return self.default_palpated_by
            return getattr(cells, FIELD_OF_COLUMN[column])
        if role == Qt.ItemDataRole.EditRole:
            return getattr(cells, FIELD_OF_COLUMN[column]) if column in FIELD_OF_COLUMN else self.data(index)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == PALPATED_BY and not cells.palpated_by:
            return QBrush(DEFAULT_FOREGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.message(row, column) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == RATE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or role != Qt.ItemDataRole.EditRole
            or not self.flags(index) & Qt.ItemFlag.ItemIsEditable
        ):
            return False
        row, column = index.row(), index.column()
        text = _text(value)
        if column in VOCABULARIES and text and text not in VOCABULARIES[column]:
            return False
        if column == RATE:
            parsed, problem = parse_rate(text)
            text = f"{parsed:g}" if parsed is not None and not problem else text
        if getattr(self._cells[row], FIELD_OF_COLUMN[column]) == text:
            return True
        self._cells[row] = replace(self._cells[row], **{FIELD_OF_COLUMN[column]: text})
        self._errors = {cell: m for cell, m in self._errors.items() if cell[0] != row}
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        self.edited.emit()
        return True

    # --- findings ---------------------------------------------------------------------------

    def findings(self) -> tuple[RhythmFinding, ...]:
        """Every row with a value, in grid order; an unacceptable rate counts as not recorded."""
        return tuple(self._finding(row) for row in self.recorded_rows())

    def recorded_rows(self) -> list[int]:
        return [row for row, cells in enumerate(self._cells) if cells.recorded()]

    def set_findings(self, findings: tuple[RhythmFinding, ...] | list[RhythmFinding]) -> None:
        self.beginResetModel()
        self._cells = [_Cells() for _ in ROWS]
        self._errors = {}
        for f in findings:
            row = ROWS.index((f.station, f.side)) if (f.station, f.side) in ROWS else -1
            if row >= 0:
                self._cells[row] = _Cells(
                    "" if f.rate is None else f"{f.rate:g}",
                    "" if f.amplitude is None else str(f.amplitude),
                    f.symmetry,
                    f.quality,
                    f.restricted_phase,
                    f.palpated_by,
                    f.note,
                )
        self.endResetModel()

    def raw(self) -> tuple[tuple[str, ...], ...]:
        """Every cell as typed, to tell whether anything changed."""
        return tuple(tuple(getattr(c, f.name) for f in fields(c)) for c in self._cells)

    def _finding(self, row: int) -> RhythmFinding:
        cells = self._cells[row]
        rate, _ = parse_rate(cells.rate)
        return RhythmFinding(
            station=ROWS[row][0],
            side=ROWS[row][1],
            rate=rate,
            amplitude=int(cells.amplitude) if cells.amplitude else None,
            symmetry=cells.symmetry,
            quality=cells.quality,
            restricted_phase=cells.restricted_phase,
            palpated_by=cells.palpated_by or self.default_palpated_by,
            note=cells.note,
        )

    # --- messages ---------------------------------------------------------------------------

    def problems(self) -> list[FieldError]:
        """Rates that cannot be accepted, named as the domain names them (``rhythm_findings[2].rate``)."""
        errors = []
        for n, row in enumerate(self.recorded_rows()):
            _, problem = parse_rate(self._cells[row].rate)
            if problem:
                errors.append(FieldError(f"rhythm_findings[{n}].rate", problem))
        return errors

    def show_errors(self, errors: list[FieldError]) -> list[tuple[int, int]]:
        """Mark the cells named by errors from a save; returns the cells, first first."""
        rows = self.recorded_rows()
        self._errors = {}
        for error in errors:
            found = _PATH.match(error.field)
            if found and int(found.group(1)) < len(rows):
                cell = (rows[int(found.group(1))], COLUMN_OF_FIELD.get(found.group(2), STATION))
                self._errors[cell] = f"{self._errors[cell]}; {error.message}" if cell in self._errors else error.message
        self.dataChanged.emit(self.index(0, 0), self.index(len(ROWS) - 1, len(HEADERS) - 1))
        return sorted(self._errors)

    def message(self, row: int, column: int) -> str:
        """Why the cell is marked: a refused rate, an error from saving, or an unusual rate."""
        if (row, column) in self._errors:
            return self._errors[(row, column)]
        if column == RATE:
            value, problem = parse_rate(self._cells[row].rate)
            if problem:
                return f"Refused: the rate {problem}"
            if value is not None and not V.RATE_USUAL_MIN <= value <= V.RATE_USUAL_MAX:
                return f"Unusual: outside the usual {V.RATE_USUAL_MIN:g}–{V.RATE_USUAL_MAX:g} cycles/min (accepted)"
        return ""

    def error_lines(self) -> list[str]:
        """One line per marked cell: "Heels, left — rate: must be between 0 and 30 (got 45)"."""
        lines = []
        for row in range(len(ROWS)):
            for column in range(RATE, len(HEADERS)):
                message = self.message(row, column)
                if message and not message.startswith("Unusual"):
                    where = f"{V.STATIONS.label(ROWS[row][0])}, {V.STATION_SIDES.label(ROWS[row][1]).lower()}"
                    lines.append(f"{where} — {HEADERS[column].lower()}: {message.removeprefix('Refused: the rate ')}")
        return lines

    def _background(self, row: int, column: int) -> QBrush | None:
        message = self.message(row, column)
        if message:
            return QBrush(WARNING_BACKGROUND if message.startswith("Unusual") else ERROR_BACKGROUND)
        if column <= SIDE and V.STATIONS.codes.index(ROWS[row][0]) % 2:
            return QBrush(GROUP_BACKGROUND)
        return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return f"{value:g}"
    return str(value).strip()
