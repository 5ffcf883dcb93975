"""A patient's history of changes, from the audit log: when, who, what, and before → after."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSplitter, QTableView, QVBoxLayout, QWidget

from cst_notes.domain.audit import ACTION_LABELS, AuditEntry
from cst_notes.domain.dates import written
from cst_notes.domain.fields import BOOKKEEPING_FIELDS, field_label, value_words
from cst_notes.services import RecordKind, Services
from cst_notes.ui.widgets.privacy import Privacy

COLUMNS = ("When", "Who", "What", "Fields changed")
_Index = QModelIndex | QPersistentModelIndex


DateText = Callable[[dt.date], str]


def _value(entry: AuditEntry, name: str, value: Any, date_text: DateText) -> str:
    """A stored value as the screens word it (codes by their labels, dates in the clinic's order)."""
    text = value_words(entry.entity, name, value, date_text)
    return text if len(text) <= 200 else text[:199] + "…"


def _when(entry: AuditEntry, date_text: DateText) -> str:
    local = entry.changed_at.astimezone()
    return f"{date_text(local.date())} {local:%H:%M}"


def changed_labels(entry: AuditEntry) -> str:
    """The changed fields by their labels: "Date of birth, Sex / gender"."""
    return ", ".join(field_label(entry.entity, name) for name in entry.changed_fields())


def summary(entry: AuditEntry, privacy: Privacy) -> str:
    """The entry's one line; a patient's holds their name as it was then (initials in privacy mode)."""
    if entry.entity != RecordKind.PATIENT:
        return entry.summary
    recorded = [r.get("full_name") for r in (entry.before, entry.after) if isinstance(r, dict)]
    return privacy.line(entry.summary, [n for n in recorded if isinstance(n, str)])


def describe(entry: AuditEntry, privacy: Privacy, date_text: DateText = dt.date.isoformat) -> str:
    """The change in words: each changed field as before → after (or the whole record for a create).
    In privacy mode names read as initials, a birth date as its year; contacts and private notes are hidden."""
    line = summary(entry, privacy)
    lines = [
        f"{ACTION_LABELS.get(entry.action, entry.action)} {entry.entity}" + (f" — {line}" if line else ""),
        f"{_when(entry, date_text)} by {entry.actor}",
        "",
    ]
    fields = entry.changed_fields()
    if fields and isinstance(entry.before, dict) and isinstance(entry.after, dict):
        for name in fields:
            before, after = privacy.field(name, entry.before.get(name)), privacy.field(name, entry.after.get(name))
            before_text, after_text = _value(entry, name, before, date_text), _value(entry, name, after, date_text)
            lines.append(f"{field_label(entry.entity, name)}: {before_text} → {after_text}")
    elif isinstance(entry.after, dict):
        lines += [
            f"{field_label(entry.entity, k)}: {_value(entry, k, privacy.field(k, v), date_text)}"
            for k, v in entry.after.items()
            if v not in ("", None, [], ()) and k not in BOOKKEEPING_FIELDS
        ]
    return "\n".join(lines)


class HistoryModel(QAbstractTableModel):
    def __init__(self, services: Services, patient_id: int | None = None, privacy: Privacy | None = None) -> None:
        super().__init__()
        self.privacy = privacy or Privacy(parent=self)
        self.services = services
        self.patient_id = patient_id
        self.entries: list[AuditEntry] = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.entries = self.services.history(self.patient_id)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        e = self.entries[index.row()]
        line = summary(e, self.privacy)
        return (
            _when(e, self.date_text),
            e.actor,
            f"{ACTION_LABELS.get(e.action, e.action)} {e.entity}" + (f": {line}" if line else ""),
            changed_labels(e),
        )[index.column()]

    def date_text(self, day: dt.date) -> str:
        """A date in the clinic's usual order (the settings say which)."""
        return written(day, self.services.settings().date_order)


class HistoryView(QWidget):
    """The list of changes, newest first, and the selected change in detail."""

    def __init__(
        self, services: Services, patient_id: int | None = None, privacy: Privacy | None = None, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.model = HistoryModel(services, patient_id, privacy)
        self.model.privacy.changed.connect(self._privacy_changed)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.table.selectionModel().currentRowChanged.connect(self._show)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel("Every change to this record, newest first. The log cannot be edited.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(splitter)
        self.refresh()

    def refresh(self) -> None:
        self.model.refresh()
        self.table.resizeColumnsToContents()
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.details.setPlainText("No changes recorded yet.")

    def _privacy_changed(self) -> None:
        if self.model.entries:
            self.model.dataChanged.emit(self.model.index(0, 0), self.model.index(len(self.model.entries) - 1, 2))
            self._show(self.table.currentIndex())

    def _show(self, current: QModelIndex) -> None:
        if current.isValid():
            entry = self.model.entries[current.row()]
            self.details.setPlainText(describe(entry, self.model.privacy, self.model.date_text))
