"""The contraindication screening as a living list: the list in force, its dated history, and the
three changes a therapist makes at any time (signed intake or not): a contraindication found
present, one resolved, or the whole list re-screened with nothing new.

The list is ``domain.screening.current_screening``, as the alerts band and the session-start gate
read it. The intake keeps what was found at intake; the changes are recorded for good.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain import vocabulary as V
from cst_notes.domain.screening import FOUND, RESCREENED, RESOLVED, Screening, ScreeningChange
from cst_notes.domain.validation import SHORT_TEXT_MAX, ValidationError
from cst_notes.services import Changed, Services
from cst_notes.ui.forms.draft_keeper import DraftDialog, keep_dialog_draft, screening_change_key
from cst_notes.ui.widgets.date_edit import DateField
from cst_notes.ui.widgets.field_feedback import error_label
from cst_notes.ui.widgets.formatting import date_text, local_time_text
from cst_notes.ui.widgets.privacy import Privacy

LABELS = {"code": "Contraindication", "effective_on": "Date", "note": "Note", "screened_by": "By"}
ABSOLUTE_COLOUR = "#c62828"
INTRO = (
    "The contraindications in force: those found at intake, and every change since. Each change is "
    "dated, names who screened, and is kept for good; the intake keeps what was known then."
)

Record = Callable[[str, dt.date | None, str], Changed]

_TITLES = {
    FOUND: ("Contraindication found", "&Found on", "&Add to the list"),
    RESOLVED: ("Contraindication resolved", "&Resolved on", "&Resolve"),
    RESCREENED: ("Re-screened, nothing new", "&Screened on", "&Record the re-screen"),
}
_NOTE_HINTS = {
    FOUND: "e.g. aneurysm found on MRI, 2026-02-24",
    RESOLVED: "e.g. cleared by the neurologist",
    RESCREENED: "e.g. asked about each; nothing new",
}


class ScreeningChangeDialog(DraftDialog):
    """One change: which contraindication (not for a re-screen), the day, a note. ``record`` is the
    services' method for the patient; a refusal is shown and the dialog stays."""

    def __init__(
        self,
        action: str,
        record: Record,
        *,
        choices: Sequence[str] = (),
        chosen: str = "",
        today: dt.date,
        earliest: dt.date,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        title, date_caption, ok_caption = _TITLES[action]
        self.setObjectName("screening_change_dialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.action = action
        self._record = record
        self.change: Changed | None = None
        self.code = QComboBox()
        self.code.setObjectName("screening_code")
        for code in choices:
            self.code.addItem(V.CONTRAINDICATIONS.label(code), code)
        self.code.setPlaceholderText("Choose…")
        self.code.setCurrentIndex(self.code.findData(chosen) if chosen else -1)
        self.effective_on = DateField(earliest=earliest, latest=today, anchor=today, today=today)
        self.effective_on.setObjectName("screening_effective_on")
        self.effective_on.set_value(today)
        self.note = QLineEdit()
        self.note.setObjectName("screening_note")
        self.note.setMaxLength(SHORT_TEXT_MAX)
        self.note.setPlaceholderText(_NOTE_HINTS[action])
        self.message = error_label()
        self.message.setObjectName("screening_change_message")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(ok_caption, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("screening_change_ok")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        if action != RESCREENED:
            form.addRow("&Contraindication", self.code)
        form.addRow(date_caption, self.effective_on)
        form.addRow("&Note", self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        if action != RESCREENED:
            self.setTabOrder(self.code, self.effective_on)
        self.setTabOrder(self.effective_on, self.note)
        (self.effective_on if action == RESCREENED or chosen else self.code).setFocus()

    def _code(self) -> str:
        data = self.code.currentData()
        return data if isinstance(data, str) and self.action != RESCREENED else ""

    def content(self) -> dict[str, Any]:
        """As shown: the change, the contraindication's code, the day as typed, the note."""
        return {
            "action": self.action,
            "code": self._code(),
            "effective_on": self.effective_on.text(),
            "note": self.note.text(),
        }

    def set_content(self, content: dict[str, Any]) -> None:
        code = content.get("code")
        if code and self.code.findData(code) >= 0:  # one resolved since, say, is no longer offered
            self.code.setCurrentIndex(self.code.findData(code))
        self.effective_on.setText(str(content.get("effective_on") or ""))
        self.note.setText(str(content.get("note") or ""))

    def draft_fields(self) -> Sequence[QWidget]:
        return (self.code, self.effective_on, self.note)

    def show_message(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))

    def accept(self) -> None:
        problem = self.effective_on.problem() if self.effective_on.text().strip() else ""
        if problem:
            self.show_message(f"Date: {problem}")
            self.effective_on.setFocus()
            return
        try:
            self.change = self._record(self._code(), self.effective_on.value(), self.note.text())
        except ValidationError as error:
            self.show_message("; ".join(f"{LABELS.get(e.field, e.field)}: {e.message}" for e in error.errors))
            return
        super().accept()


def _tree(name: str, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    return tree


def _kind(code: str) -> str:
    return "Absolute" if V.CONTRAINDICATIONS.term(code).group == V.ABSOLUTE else "Relative"


class ScreeningDialog(QDialog):
    """The patient's contraindication list and its history, with Add…, Resolve… and Re-screen…."""

    changed = Signal(object)  # a services.Changed

    def __init__(self, services: Services, patient_id: int, privacy: Privacy, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("screening_dialog")
        self.setMinimumSize(760, 520)
        self._services = services
        self.patient_id = patient_id
        self.privacy = privacy
        self.change_dialog: ScreeningChangeDialog | None = None  # while it is open
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.screened_label = QLabel()
        self.screened_label.setObjectName("screened_on")
        self.current = _tree("current_screening", ["Contraindication", "Kind", "Since", "By", "Note"])
        self.history = _tree("screening_history", ["Date", "Change", "By", "Recorded", "Note"])
        self.add_button = QPushButton("&Add…")
        self.add_button.setObjectName("screening_add")
        self.add_button.setToolTip("A contraindication found present now (e.g. a new aneurysm, a recent surgery)")
        self.resolve_button = QPushButton("&Resolve…")
        self.resolve_button.setObjectName("screening_resolve")
        self.resolve_button.setToolTip("The chosen contraindication is no longer present (e.g. cleared by a doctor)")
        self.rescreen_button = QPushButton("Re-&screen…")
        self.rescreen_button.setObjectName("screening_rescreen")
        self.rescreen_button.setToolTip("Every contraindication asked about again, and nothing new found")
        self.close_button = QPushButton("Close")
        self.close_button.setObjectName("screening_close")
        self.add_button.clicked.connect(lambda: self.ask(FOUND))
        self.resolve_button.clicked.connect(lambda: self.ask(RESOLVED))
        self.rescreen_button.clicked.connect(lambda: self.ask(RESCREENED))
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.resolve_button, self.rescreen_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        current_title = QLabel("&Current list")
        current_title.setBuddy(self.current)
        history_title = QLabel("&History")
        history_title.setBuddy(self.history)
        for title in (current_title, history_title):
            title.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.screened_label)
        layout.addWidget(current_title)
        layout.addWidget(self.current, 2)
        layout.addLayout(buttons)
        layout.addWidget(history_title)
        layout.addWidget(self.history, 3)
        self.privacy.changed.connect(self._retitle)
        self.refresh()
        self.current.setFocus()

    def _retitle(self) -> None:
        patient = self._services.patient(self.patient_id)
        self.setWindowTitle(f"Screening — {self.privacy.name(patient.full_name, patient.preferred_name)}")

    def refresh(self) -> None:
        self._retitle()
        intake = self._services.intake(self.patient_id)
        changes = self._services.screening_changes(self.patient_id)
        screening = self._services.screening(self.patient_id)
        self.screening = screening
        self.screened_label.setText(
            f"Last screened: {date_text(screening.screened_on)}" if screening.screened else "Never screened"
        )
        self._show_current(screening)
        self.history.clear()
        if intake is not None:
            found = ", ".join(V.CONTRAINDICATIONS.label(c.code) for c in intake.contraindications) or "none found"
            day = intake.contraindications_screened_on or intake.intake_date
            by = intake.signed_by if intake.is_signed else ""
            self._history_row([date_text(day), f"At intake: {found}", by, "", ""])  # recorded with the intake
        for change in changes:
            self._history_row(_history_cells(change))
        self.resolve_button.setEnabled(bool(screening.present))

    def _show_current(self, screening: Screening) -> None:
        self.current.clear()
        first: QTreeWidgetItem | None = None
        for c in screening.present:
            by = c.by or ("at intake" if c.at_intake else "")
            item = QTreeWidgetItem([V.CONTRAINDICATIONS.label(c.code), _kind(c.code), date_text(c.since), by, c.note])
            item.setData(0, Qt.ItemDataRole.UserRole, c.code)
            if c.is_absolute:
                for column in range(5):
                    item.setForeground(column, QBrush(QColor(ABSOLUTE_COLOUR)))
            self.current.addTopLevelItem(item)
            first = first or item
        if first is None:
            self.current.addTopLevelItem(QTreeWidgetItem(["No contraindication on the list", "", "", "", ""]))
        else:
            self.current.setCurrentItem(first)
        for column in range(4):
            self.current.resizeColumnToContents(column)

    def _history_row(self, cells: list[str]) -> None:
        self.history.addTopLevelItem(QTreeWidgetItem(cells))
        for column in range(4):
            self.history.resizeColumnToContents(column)

    def _selected_code(self) -> str:
        item = self.current.currentItem()
        data = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return data if isinstance(data, str) else ""

    def ask_again(self, restored: dict[str, Any]) -> ScreeningChangeDialog | None:
        """The change a draft was kept for, reopened with what was typed (after a crash)."""
        action = restored.get("action")
        return self.ask(action, restored) if action in _TITLES else None

    def ask(self, action: str, restored: dict[str, Any] | None = None) -> ScreeningChangeDialog:
        """Open the dialog for one change; once it is recorded, the lists redraw and ``changed`` says so.
        What is typed is kept as a draft; ``restored``: a draft's content."""
        present = [c.code for c in self.screening.present]
        choices = {
            FOUND: [code for code in V.CONTRAINDICATIONS.codes if code not in present],
            RESOLVED: present,
            RESCREENED: [],
        }[action]
        services, pid = self._services, self.patient_id
        record: Record = {
            FOUND: lambda code, day, note: services.add_contraindication(pid, code, day, note),
            RESOLVED: lambda code, day, note: services.resolve_contraindication(pid, code, day, note),
            RESCREENED: lambda _code, day, note: services.rescreen(pid, day, note),
        }[action]
        patient = services.patient(pid)
        dialog = ScreeningChangeDialog(
            action,
            record,
            choices=choices,
            chosen=self._selected_code() if action == RESOLVED else "",
            today=services.today(),
            earliest=patient.birth_date,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._recorded(dialog.change))
        dialog.finished.connect(lambda _result: setattr(self, "change_dialog", None))
        key = screening_change_key(pid, action)
        keep_dialog_draft(dialog, services, "screening_change", key, pid, restored=restored)
        self.change_dialog = dialog
        dialog.open()
        return dialog

    def _recorded(self, change: Changed | None) -> None:
        if change is not None:
            self.refresh()
            self.changed.emit(change)


def _history_cells(change: ScreeningChange) -> list[str]:
    recorded = local_time_text(change.recorded_at) if change.recorded_at else ""  # this computer's time
    return [date_text(change.effective_on), change.what(), change.screened_by, recorded, change.note]


__all__ = ["ScreeningChangeDialog", "ScreeningDialog"]
