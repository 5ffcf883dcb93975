"""A patient's history of changes, from the audit log: when, who, what, and before → after."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSplitter, QTableView, QVBoxLayout, QWidget

from cst_notes.domain.audit import ACTION_LABELS, AuditEntry
from cst_notes.services import Services

COLUMNS = ("When", "Who", "What", "Fields changed")
_Index = QModelIndex | QPersistentModelIndex


def _value(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 200 else text[:199] + "…"


def describe(entry: AuditEntry) -> str:
    """The change in words: each changed field as before → after (or the whole record for a create)."""
    lines = [
        f"{ACTION_LABELS.get(entry.action, entry.action)} {entry.entity}"
        + (f" — {entry.summary}" if entry.summary else ""),
        f"{entry.changed_at.astimezone():%Y-%m-%d %H:%M} by {entry.actor}",
        "",
    ]
    fields = entry.changed_fields()
    if fields and isinstance(entry.before, dict) and isinstance(entry.after, dict):
        for name in fields:
            lines.append(f"{name}: {_value(entry.before.get(name))} → {_value(entry.after.get(name))}")
    elif isinstance(entry.after, dict):
        lines += [f"{k}: {_value(v)}" for k, v in entry.after.items() if v not in ("", None, [], ())]
    return "\n".join(lines)


class HistoryModel(QAbstractTableModel):
    def __init__(self, services: Services, patient_id: int | None = None) -> None:
        super().__init__()
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
        return (
            f"{e.changed_at.astimezone():%Y-%m-%d %H:%M}",
            e.actor,
            f"{ACTION_LABELS.get(e.action, e.action)} {e.entity}" + (f": {e.summary}" if e.summary else ""),
            ", ".join(e.changed_fields()),
        )[index.column()]


class HistoryView(QWidget):
    """The list of changes, newest first, and the selected change in detail."""

    def __init__(self, services: Services, patient_id: int | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.model = HistoryModel(services, patient_id)
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

    def _show(self, current: QModelIndex) -> None:
        if current.isValid():
            self.details.setPlainText(describe(self.model.entries[current.row()]))
