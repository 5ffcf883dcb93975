"""File ▸ Resolve clinic conflicts…: a patient's details, or one of their follow-up plans, changed on
this laptop and on another one while they were apart (issue 17). Both versions are kept until a
person chooses, field by field or all of one side; the choice is audited and goes to the clinic
with the next sync.

One conflict at a time: on the left the patients whose details or plans wait, on the right each
field that differs with this laptop's value and the clinic's, one of them to tick (a click, or Tab
and the arrow keys). The rules are ``domain.conflicts``; the words for fields and values ``domain.fields``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain.clinic import SETTINGS_UID
from cst_notes.domain.conflicts import MINE, THEIRS, Choice, Conflict
from cst_notes.domain.dates import written
from cst_notes.domain.fields import field_label, value_words
from cst_notes.domain.validation import ValidationError
from cst_notes.services import NotFoundError, Services
from cst_notes.ui.widgets.field_feedback import error_label
from cst_notes.ui.widgets.privacy import Privacy

INTRO = (
    "These patients' details or follow-up plans (or the clinic's settings) were changed on this laptop and on another "
    "one while they were apart. "
    "Both versions are kept: choose, for each field, the value that stays. Your choice is recorded in "
    "the history of changes and goes to the clinic with the next sync."
)
NONE_LEFT = "No conflicts wait: there is nothing left to choose."
SETTINGS_NAME = "The clinic's settings"
SIDES = (MINE, THEIRS)
SIDE_TITLES = {MINE: "This laptop", THEIRS: "The clinic (another laptop)"}


class ConflictsDialog(QDialog):
    resolved = Signal(object)  # the services' Changed, after each resolution

    def __init__(self, services: Services, privacy: Privacy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflicts_dialog")
        self.setWindowTitle("Resolve clinic conflicts")
        self._services, self._privacy = services, privacy
        self.conflicts: list[Conflict] = []
        self.groups: dict[str, QButtonGroup] = {}  # per differing field: its two choices
        self.choices: dict[str, dict[str, QRadioButton]] = {}  # field -> side -> its button

        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("conflicts_list")
        self.list.setAccessibleName("Patients whose details are in conflict")
        # each entry's lines wrap to the list's width (a plan's entry is long): never a sideways scroll
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(self._show)
        self.heading = QLabel()
        self.heading.setObjectName("conflict_heading")
        self.heading.setWordWrap(True)
        self.fields = QWidget()
        self.grid = QGridLayout(self.fields)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.fields)
        self.message = error_label()
        self.message.setObjectName("conflict_message")

        self.all_mine = QPushButton("All of t&his laptop's")
        self.all_mine.setToolTip("Tick this laptop's value in every field")
        self.all_theirs = QPushButton("All of the c&linic's")
        self.all_theirs.setToolTip("Tick the clinic's value in every field")
        self.resolve_button = QPushButton("&Resolve")
        self.resolve_button.setToolTip("Keep the ticked values: the patient's details become these")
        self.all_mine.clicked.connect(lambda: self._tick_all(MINE))
        self.all_theirs.clicked.connect(lambda: self._tick_all(THEIRS))
        self.resolve_button.clicked.connect(self.resolve)
        # Enter resolves (once every field is ticked); it never ticks a whole side unasked
        for button in (self.all_mine, self.all_theirs):
            button.setAutoDefault(False)
        self.resolve_button.setDefault(True)
        sides = QHBoxLayout()
        sides.addWidget(self.all_mine)
        sides.addWidget(self.all_theirs)
        sides.addStretch(1)
        sides.addWidget(self.resolve_button)

        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(scroll, 1)
        right.addWidget(self.message)
        right.addLayout(sides)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(right, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.resize(900, 480)
        privacy.changed.connect(self.reload)
        self.reload()
        self.list.setFocus()  # the patients first; Tab goes on to the fields

    # --- what is shown ------------------------------------------------------------------------------

    @property
    def current(self) -> Conflict | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def reload(self) -> None:
        """Read the open conflicts again; the one shown stays if it is still open, else the first."""
        shown = self.current.id if self.current is not None else None
        self.conflicts = self._services.open_conflicts()
        self.list.blockSignals(True)
        self.list.clear()
        for conflict in self.conflicts:
            name = self._name(conflict) + (f" · {self._what(conflict)}" if conflict.plan_uid else "")
            found = conflict.opened_at.astimezone()
            item = QListWidgetItem(f"{name}\nfound {self._date(found.date())} {found:%H:%M}")
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [c.id for c in self.conflicts]
        self.list.setCurrentRow(ids.index(shown) if shown in ids else 0 if ids else -1)
        self._show()

    def _show(self, *_args: Any) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone from the screen now, not only when the deferred delete runs
                widget.deleteLater()
        self.groups, self.choices = {}, {}
        self.message.setVisible(False)
        conflict = self.current
        for side_button in (self.all_mine, self.all_theirs, self.resolve_button):
            side_button.setEnabled(conflict is not None)
        if conflict is None:
            self.heading.setText(NONE_LEFT)
            return
        name, entity = self._name(conflict), _entity(conflict)
        what = f"of the {self._what(conflict)}" if conflict.plan_uid else "of the details"
        what = "of the clinic-wide settings" if entity == "settings" else what
        self.heading.setText(f"<b>{_escaped(name)}</b>: {len(conflict.fields)} {what} differ.")
        self.grid.addWidget(_bold("Field"), 0, 0)
        for column, side in enumerate(SIDES, 1):
            self.grid.addWidget(_bold(SIDE_TITLES[side]), 0, column)
        for row, field in enumerate(conflict.fields, 1):
            label = QLabel(field_label(entity, field))
            self.grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignVCenter)
            group = QButtonGroup(self.fields)
            self.choices[field] = {}
            for column, side in enumerate(SIDES, 1):
                version = conflict.mine if side == MINE else conflict.theirs
                shown = self._privacy.field(field, version.get(field))
                button = QRadioButton(value_words(entity, field, shown, self._date).replace("&", "&&"))
                button.setObjectName(f"{field}_{side}")
                button.setAccessibleName(f"{field_label(entity, field)}: {SIDE_TITLES[side]}")
                group.addButton(button)
                self.grid.addWidget(button, row, column, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
                self.choices[field][side] = button
            group.buttonToggled.connect(self._update)
            self.groups[field] = group
        self.grid.setRowStretch(len(conflict.fields) + 1, 1)
        # Tab goes from the list through the fields, row by row, then to the buttons
        chain = [self.list, *(b for buttons in self.choices.values() for b in buttons.values()), self.all_mine]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        self._update()

    def _update(self, *_args: Any) -> None:
        self.resolve_button.setEnabled(self.current is not None and self.choice() is not None)

    def _tick_all(self, side: str) -> None:
        for buttons in self.choices.values():
            buttons[side].setChecked(True)

    def _name(self, conflict: Conflict) -> str:
        """The patient's name as this laptop holds it (initials in privacy mode)."""
        if conflict.patient_uid == SETTINGS_UID:
            return SETTINGS_NAME
        mine = conflict.mine
        if conflict.plan_uid:  # the conflict holds the plan's two versions: the name is the patient's
            ids = self._services.patient_ids_of([conflict.patient_uid])
            if not ids:
                return conflict.patient_uid
            held = self._services.patient(ids[0])
            return self._privacy.name(held.full_name, held.preferred_name)
        return self._privacy.name(str(mine.get("full_name", "")), str(mine.get("preferred_name", "")))

    def _what(self, conflict: Conflict) -> str:
        """A plan in conflict in words: "follow-up plan of 3 Nov 2026"."""
        made = conflict.mine.get("created_on")
        try:
            return f"follow-up plan of {self._date(dt.date.fromisoformat(str(made)))}"
        except ValueError:
            return "follow-up plan"

    def _date(self, day: dt.date) -> str:
        return written(day, self._services.settings().date_order)

    # --- the choice -----------------------------------------------------------------------------------

    def choice(self) -> Choice | None:
        """What is ticked: MINE or THEIRS when every field is ticked on one side, else field by field;
        None while a field is not ticked."""
        ticked: dict[str, str] = {}
        for field, buttons in self.choices.items():
            side = next((s for s, b in buttons.items() if b.isChecked()), None)
            if side is None:
                return None
            ticked[field] = side
        sides = set(ticked.values())
        return sides.pop() if len(sides) == 1 else ticked

    def resolve(self) -> None:
        conflict, choice = self.current, self.choice()
        if conflict is None or choice is None:
            return
        try:
            change = self._services.resolve_conflict(conflict.id, choice)
        except (ValidationError, NotFoundError, PermissionError) as exc:  # refused: nothing was changed
            self.message.setText(f"Not resolved: {exc}")
            self.message.setVisible(True)
            return
        self.resolved.emit(change)
        self.reload()
        self.list.setFocus()


def _entity(conflict: Conflict) -> str:
    """What the conflict's fields are of, as ``domain.fields`` names it."""
    return "settings" if conflict.patient_uid == SETTINGS_UID else "plan" if conflict.plan_uid else "patient"


def _bold(text: str) -> QLabel:
    label = QLabel(f"<b>{_escaped(text)}</b>")
    return label


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
