"""Areas of restriction: the body map, and beside it the list of what is marked, kept in step both ways.

Click a region to mark it (or to edit its mark). Without a mouse: Insert adds (type to find the region),
Enter edits the selected row, Delete removes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain import vocabulary as V
from cst_notes.domain.session import Restriction
from cst_notes.ui.body_map.drawings import BODY_MAP_DIR
from cst_notes.ui.body_map.map_view import BodyMap
from cst_notes.ui.body_map.restriction_dialog import RestrictionDialog
from cst_notes.ui.body_map.severity_style import severity_swatch, sides_match
from cst_notes.ui.widgets.form_fields import watch

HINT = "Click the map to mark a region. Insert adds, Enter edits, Delete removes."


def row_text(r: Restriction) -> str:
    """Two lines: the region; then side, severity and the note."""
    details = [V.RESTRICTION_SIDES.label(r.side), V.SEVERITIES.label(r.severity)] + ([r.note] if r.note else [])
    return f"{V.REGIONS.label(r.region)}\n{' · '.join(details)}"


class RestrictionPanel(QWidget):
    """Edits a session's restrictions; ``changed`` is emitted after each add, edit or removal by the user."""

    changed = Signal()
    dialog_edited = Signal()  # something typed or chosen in the open dialog, or the dialog closed

    def __init__(self, parent: Any = None, *, drawings_dir: Path = BODY_MAP_DIR) -> None:
        super().__init__(parent)
        self._restrictions: list[Restriction] = []
        self._read_only = False
        self.dialog: RestrictionDialog | None = None
        self._dialog_row: int | None = None
        self._dialog_opened: dict[str, Any] = {}

        self.body_map = BodyMap(drawings_dir)
        self.restriction_list = QListWidget()
        self.restriction_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.restriction_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.restriction_list.setAlternatingRowColors(True)
        self.restriction_list.setMinimumWidth(180)
        self.restriction_list.setAccessibleName("Marked restrictions")
        self.add_button = QPushButton("&Add…")
        self.edit_button = QPushButton("&Edit…")
        self.remove_button = QPushButton("&Remove")
        self.hint = QLabel(HINT)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #616161;")

        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.restriction_list, 1)
        column.addLayout(buttons)
        column.addWidget(self.hint)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.body_map)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.body_map.region_clicked_on_side.connect(self._map_clicked)
        self.restriction_list.itemSelectionChanged.connect(self._selection_changed)
        self.restriction_list.activated.connect(lambda index: self.edit(index.row()))
        self.restriction_list.installEventFilter(self)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(lambda: self.edit())
        self.remove_button.clicked.connect(lambda: self.remove())
        self._refresh()

    # --- the public interface -----------------------------------------------------------------------

    def restrictions(self) -> tuple[Restriction, ...]:
        return tuple(self._restrictions)

    def set_restrictions(self, restrictions: Iterable[Restriction]) -> None:
        """Show these restrictions (does not emit ``changed``); a dialog still open is closed unsaved."""
        if self.dialog is not None:
            self.dialog.reject()
        self._restrictions = list(restrictions)
        self._refresh()

    def set_read_only(self, read_only: bool) -> None:
        """A signed session: the map and the list still show and select, but nothing can be changed."""
        self._read_only = read_only
        self._update_buttons()

    def selected_row(self) -> int | None:
        rows = self.restriction_list.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def add(self) -> None:
        """Open the dialog with the region still to choose (type to find it)."""
        self._open_dialog(None)

    def edit(self, row: int | None = None) -> None:
        row = self.selected_row() if row is None else row
        if row is not None and 0 <= row < len(self._restrictions):
            self._open_dialog(row)

    def remove(self, row: int | None = None) -> None:
        row = self.selected_row() if row is None else row
        if self._read_only or row is None or not 0 <= row < len(self._restrictions):
            return
        del self._restrictions[row]
        self._refresh(select=min(row, len(self._restrictions) - 1))
        self.changed.emit()

    # --- behaviour ----------------------------------------------------------------------------------

    def _map_clicked(self, region: str, clicked_side: str) -> None:
        row = self._find(region, clicked_side)
        if row is not None:
            self._select(row)
            self.edit(row)
        else:
            self._open_dialog(None, region, clicked_side)

    def _find(self, region: str, clicked_side: str) -> int | None:
        """The row of a restriction shown on the clicked shape: on its exact side first."""
        rows = [n for n, r in enumerate(self._restrictions) if r.region == region and sides_match(clicked_side, r.side)]
        exact = [n for n in rows if self._restrictions[n].side == clicked_side]
        return exact[0] if exact else (rows[0] if rows else None)

    def _open_dialog(self, row: int | None, region: str = "", clicked_side: str = "") -> None:
        if self._read_only:
            return
        if self.dialog is not None:
            self.dialog.reject()
        initial = self._restrictions[row] if row is not None else None
        dialog = RestrictionDialog(self, initial=initial, region=region, clicked_side=clicked_side)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._save(dialog.restriction(), row))
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        for widget in dialog.draft_fields():
            watch(widget, self.dialog_edited.emit)
        self.dialog, self._dialog_row, self._dialog_opened = dialog, row, dialog.content()
        dialog.open()

    def dialog_content(self) -> dict[str, Any] | None:
        """What the open dialog holds, if it was changed since it opened (the session's draft keeps it)."""
        dialog = self.dialog
        if dialog is None or dialog.content() == self._dialog_opened:
            return None
        return {"row": self._dialog_row, **dialog.content()}

    def reopen_dialog(self, content: dict[str, Any]) -> RestrictionDialog | None:
        """The dialog as a draft kept it (after a crash): on the row it was editing, or a new mark."""
        row = content.get("row")
        if isinstance(row, int) and 0 <= row < len(self._restrictions):
            self._select(row)
            self._open_dialog(row)
        else:
            self._open_dialog(None)
        if self.dialog is not None:
            self.dialog.set_content(content)
        return self.dialog

    def _dialog_closed(self, dialog: RestrictionDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
            self.dialog_edited.emit()  # done or cancelled: the draft no longer keeps it
        self.restriction_list.setFocus()

    def _save(self, restriction: Restriction, row: int | None) -> None:
        """Replace the edited row; a new mark on a region and side already marked replaces that mark."""
        if row is None:
            same = [
                n
                for n, r in enumerate(self._restrictions)
                if (r.region, r.side) == (restriction.region, restriction.side)
            ]
            row = same[0] if same else len(self._restrictions)
        if row >= len(self._restrictions):
            row = len(self._restrictions)
            self._restrictions.append(restriction)
        else:
            self._restrictions[row] = restriction
        self._refresh(select=row)
        self.changed.emit()

    def _selection_changed(self) -> None:
        row = self.selected_row()
        if row is None:
            self.body_map.set_highlight(None)
        else:
            r = self._restrictions[row]
            self.body_map.set_highlight(r.region, r.side)
        self._update_buttons()

    def _select(self, row: int) -> None:
        self.restriction_list.setCurrentRow(row)
        self.restriction_list.scrollToItem(self.restriction_list.item(row))

    def _refresh(self, select: int | None = None) -> None:
        with QSignalBlocker(self.restriction_list):
            self.restriction_list.clear()
            for r in self._restrictions:
                item = QListWidgetItem(row_text(r))
                if r.severity in V.SEVERITIES:
                    item.setIcon(QIcon(severity_swatch(r.severity)))
                item.setToolTip(row_text(r))
                self.restriction_list.addItem(item)
            if select is not None and select >= 0:
                self._select(select)
        self.body_map.set_restrictions(self._restrictions)
        self._selection_changed()

    def _update_buttons(self) -> None:
        selected = self.selected_row() is not None
        self.add_button.setEnabled(not self._read_only)
        self.edit_button.setEnabled(selected and not self._read_only)
        self.remove_button.setEnabled(selected and not self._read_only)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.restriction_list and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Insert:
                self.add()
                return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.remove()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit()
                return True
        return super().eventFilter(watched, event)
