"""The craniosacral rhythm grid: stations x sides down, SQUAR across, typed into like a spreadsheet.

Keyboard: Tab / Shift+Tab and the arrows move between cells (Tab skips the station and side
columns); typing starts editing a cell; Enter or Tab commits; Delete clears a cell.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain import vocabulary as V
from cst_notes.domain.session import Session, unusual_rate_warnings
from cst_notes.domain.validation import FieldError
from cst_notes.ui.rhythm.model import (
    HEADERS,
    NOTE,
    PALPATED_BY,
    RATE,
    ROWS,
    SIDE,
    STATION,
    VOCABULARIES,
    RhythmModel,
)

_Index = QModelIndex | QPersistentModelIndex
WIDTHS = {STATION: 110, SIDE: 50, RATE: 76, 3: 100, 4: 150, 5: 74, 6: 114, PALPATED_BY: 104}
WARNING_STYLE = "background: #fff3cd; color: #5d4037; padding: 4px 8px; border-radius: 3px;"
ERROR_STYLE = "background: #fdecea; color: #b71c1c; padding: 4px 8px; border-radius: 3px; font-weight: bold;"
NOT_RECORDED = "—"
_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # any time: only the findings are looked at


class RateDelegate(QStyledItemDelegate):
    """A plain line edit: whatever is typed reaches the model, which accepts, warns or refuses it."""

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem, _index: _Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("rate_editor")
        editor.setPlaceholderText("cpm")
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class CodeDelegate(QStyledItemDelegate):
    """A combo box of the column's vocabulary, with "—" for not recorded; type a letter to choose."""

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("code_editor")
        combo.addItem(NOT_RECORDED, "")
        for term in VOCABULARIES[index.column()]:
            combo.addItem(term.label, term.code)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData() or "", Qt.ItemDataRole.EditRole)


class RhythmTable(QTableView):
    """Tab moves over the cells that can be edited only, row after row."""

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        current = self.currentIndex()
        moves = {QAbstractItemView.CursorAction.MoveNext: 1, QAbstractItemView.CursorAction.MovePrevious: -1}
        if action not in moves or not current.isValid():
            return super().moveCursor(action, modifiers)
        step, editable = moves[action], len(HEADERS) - RATE
        if current.column() < RATE:
            target = current.row() * editable + (0 if step > 0 else -1)
        else:
            target = current.row() * editable + current.column() - RATE + step
        if not 0 <= target < len(ROWS) * editable:
            return current  # the first or last cell: Tab leaves the grid
        return self.model().index(target // editable, RATE + target % editable)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        deleting = event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        if deleting and self.state() != QAbstractItemView.State.EditingState and index.isValid():
            self.model().setData(index, "", Qt.ItemDataRole.EditRole)
            return
        super().keyPressEvent(event)


class RhythmGrid(QWidget):
    def __init__(self, parent: Any = None, *, model: RhythmModel | None = None) -> None:
        """``model``: the findings to show (one of its own when not given)."""
        super().__init__(parent)
        self.model = model or RhythmModel(self)
        self.table = RhythmTable()
        self.table.setObjectName("rhythm_grid")
        self.table.setAccessibleName("Craniosacral rhythm findings")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(RATE, RateDelegate(self.table))
        code_delegate = CodeDelegate(self.table)
        for column in VOCABULARIES:
            self.table.setItemDelegateForColumn(column, code_delegate)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        for column, width in WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.hint = QLabel(
            f"Type a rate in cycles per minute (usual {V.RATE_USUAL_MIN:g}–{V.RATE_USUAL_MAX:g}; "
            f"accepted {V.RATE_ACCEPT_MIN:g}–{V.RATE_ACCEPT_MAX:g}). Empty cells are not recorded. "
            "Tab moves on, Delete clears a cell."
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #616161;")
        self.warning_label = QLabel()
        self.warning_label.setObjectName("rate_warnings")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(WARNING_STYLE)
        self.error_label = QLabel()
        self.error_label.setObjectName("rhythm_errors")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        for label in (self.warning_label, self.error_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.hint)
        self.model.modelReset.connect(self._after_reset)
        self.model.dataChanged.connect(self.refresh_messages)
        self._after_reset()

    def _after_reset(self) -> None:
        self.table.clearSpans()
        for n in range(len(V.STATIONS)):
            self.table.setSpan(n * len(V.STATION_SIDES), STATION, len(V.STATION_SIDES), 1)
        self.refresh_messages()

    def refresh_messages(self) -> None:
        probe = Session(started_at=_EPOCH, rhythm_findings=self.model.findings())
        warnings = unusual_rate_warnings(probe)
        self.warning_label.setText("⚠ Unusual rate, accepted: " + "; ".join(warnings) if warnings else "")
        self.warning_label.setVisible(bool(warnings))
        errors = self.model.error_lines()
        self.error_label.setText("Cannot be saved: " + "; ".join(errors) if errors else "")
        self.error_label.setVisible(bool(errors))

    def cell(self, station: str, side: str, column: int) -> QModelIndex:
        return self.model.index(ROWS.index((station, side)), column)

    def show_errors(self, errors: list[FieldError]) -> None:
        cells = self.model.show_errors(errors)
        self.refresh_messages()
        if cells:
            # the focus goes to the cell without selecting it, so its red stays visible
            self.table.clearSelection()
            self.table.selectionModel().setCurrentIndex(
                self.model.index(*cells[0]), QItemSelectionModel.SelectionFlag.NoUpdate
            )
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_read_only(self, read_only: bool) -> None:
        self.model.read_only = read_only
        self.hint.setVisible(not read_only)
        self.table.viewport().update()
