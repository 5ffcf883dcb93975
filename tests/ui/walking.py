"""Walking every choice and text control of a form from the keyboard, as a person fills a form in.

The walk starts in the form's first field and presses Tab from one control to the next. Each
choice control it reaches gets a key-chosen value (arrow keys move a combo box along its list;
check boxes are ticked with Space by turns, every other one left unticked, so that two flags
swapped with each other, or a list storing the wrong box's code, would show); each text field gets
text typed key by key, in Bengali, Devanagari and Latin script by turns. Dates and numbers have
their own walks (tests/ui/widgets); a date field met empty gets today's date, so that a choice
that needs one (a goal marked met) can be saved.

A test then checks the walk reached every control of those kinds that the form holds (found by
type, so a field added later cannot escape), saves, and compares the record with what was chosen
and typed, field by field, under the names the form's ``FieldFeedback`` gives them: a flag ticked
is stored True and one left unticked False; a checklist's box left unticked is in none of the
list's entries (``conditions[?migraine_headache]``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from cst_notes.ui.widgets.date_edit import TypedDateField
from cst_notes.ui.widgets.field_feedback import FieldFeedback
from tests.ui.conftest import TODAY
from tests.ui.hands import click_into, type_keys

# What is typed into the n-th text field: each script by turns, each text different from the others.
SCRIPTS = ("সুমিতা", "प्रिया", "Zoë")


def sample_text(n: int) -> str:
    return f"{SCRIPTS[n % len(SCRIPTS)]} {n + 1}"


# --- keys ---------------------------------------------------------------------------------------


def key(qtbot: QtBot, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None, "nothing has the focus"
    qtbot.keyClick(focused, k, modifier)


# --- what counts ----------------------------------------------------------------------------------


def _inside(widget: QWidget, kinds: tuple[type, ...]) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parentWidget()
    return False


def is_text(widget: QWidget) -> bool:
    """A field text is typed into: a line edit (not a date, nor the text of a spin or combo box)
    or a multi-line edit that is not read-only by design (a QTextBrowser shows a page)."""
    if isinstance(widget, QLineEdit):
        return not isinstance(widget, TypedDateField) and not isinstance(
            widget.parentWidget(), QAbstractSpinBox | QComboBox
        )
    if isinstance(widget, QTextEdit):
        return not widget.isReadOnly()
    return isinstance(widget, QPlainTextEdit)


def is_choice(widget: QWidget) -> bool:
    return isinstance(widget, QComboBox | QCheckBox | QRadioButton)


def walkable(root: QWidget) -> list[QWidget]:
    """Every choice and text control under ``root`` (an item view's cell editors are the view's)."""
    found = [w for w in root.findChildren(QWidget) if is_text(w) or is_choice(w)]
    return [w for w in found if not _inside(w, (QAbstractItemView,))]


# --- the walk -------------------------------------------------------------------------------------


@dataclass
class Walk:
    """What a walk did: each control reached, in order, and the value the record should hold for it."""

    chosen: dict[QWidget, Any] = field(default_factory=dict)
    reached: list[QWidget] = field(default_factory=list)
    showed: dict[QWidget, Any] = field(default_factory=dict)  # what each control showed when left
    texts: int = 0
    boxes: int = 0  # check boxes met: even ones ticked, odd ones left unticked

    def shown(self, feedback: FieldFeedback) -> dict[str, Any]:
        """{field name: what the control showed when the walk left it} (a checklist's box left
        unticked has no name: the record is checked for it instead)."""
        return {
            feedback.field_of(w) or describe(w): value
            for w, value in self.showed.items()
            if not (in_checklist(w) and value is False)
        }

    def names(self, feedback: FieldFeedback) -> dict[str, Any]:
        return names_of(self.chosen, feedback)


# A checklist's box (``conditions:migraine_headache``, ``technique:cv4_still_point``): the list it
# fills, and the attribute of an entry that holds the box's code.
CHECKLISTS = {"technique": ("techniques", "technique")}
NOT_LISTED = "in none of the entries"
_UNTICKED = re.compile(r"(\w+)\[\?(.+)\]$")


def in_checklist(widget: QWidget) -> bool:
    return isinstance(widget, QCheckBox) and widget.objectName().count(":") == 1


def unticked_name(box: QCheckBox) -> str:
    """``conditions[?migraine_headache]``: what the record is checked for, for a checklist's box left unticked."""
    prefix, code = box.objectName().split(":")
    return f"{CHECKLISTS.get(prefix, (prefix, 'code'))[0]}[?{code}]"


def names_of(chosen: Mapping[QWidget, Any], feedback: FieldFeedback) -> dict[str, Any]:
    """{field name: expected value}: every control walked must be named for the feedback (but a
    checklist's box left unticked, which is in none of the list's entries)."""
    named: dict[str, Any] = {}
    for widget, value in chosen.items():
        if isinstance(widget, QCheckBox) and in_checklist(widget) and value is False:
            named[unticked_name(widget)] = NOT_LISTED
            continue
        name = feedback.field_of(widget)
        assert name, f"{describe(widget)} is not named for the feedback"
        assert name not in named, f"two controls are named {name}"
        if isinstance(widget, QCheckBox) and name.endswith((".code", ".technique")):
            value = widget.objectName().split(":")[1] if value else None  # a checklist's box: its code
        named[name] = value
    return named


def named(done: Walk, names: Mapping[QWidget, str]) -> dict[str, Any]:
    """{name: expected value} for a form without a ``FieldFeedback``: ``names`` names every control walked."""
    assert set(done.chosen) == set(names), "walked: " + ", ".join(describe(w) for w in done.chosen)
    return {names[w]: value for w, value in done.chosen.items()}


def describe(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName() or widget.accessibleName() or ''}".strip()


def choose_in_combo(qtbot: QtBot, combo: QComboBox, n: int) -> Any:
    """Arrow keys to an item other than the current one (and not an empty "nothing chosen" one);
    returns the chosen item's data (its code), or its text if it has none."""
    candidates = [i for i in range(combo.count()) if i != combo.currentIndex() and combo.itemData(i) != ""]
    assert candidates, f"{describe(combo)} offers nothing to choose"
    target = candidates[n % len(candidates)]
    start = combo.currentIndex()
    if start < 0:
        key(qtbot, Qt.Key.Key_Down)  # from "Choose…" to the first item
        start = combo.currentIndex()
    step = Qt.Key.Key_Down if target > start else Qt.Key.Key_Up
    for _ in range(abs(target - start)):
        key(qtbot, step)
    assert combo.currentIndex() == target, f"the arrow keys did not reach item {target} of {describe(combo)}"
    data = combo.itemData(target)
    return combo.itemText(target) if data is None else data


def type_text(qtbot: QtBot, edit: QWidget, text: str) -> None:
    """Select what the field holds (Ctrl+A) and type over it."""
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_keys(edit, text)
    shown = edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()  # type: ignore[attr-defined]
    assert shown == text, f"{describe(edit)} shows {shown!r} after {text!r} was typed"


def tick_by_turns(qtbot: QtBot, box: QCheckBox, n: int) -> bool:
    """The ``n``-th box met: ticked if ``n`` is even, else unticked (Space only where it must change)."""
    wanted = n % 2 == 0
    if box.isChecked() != wanted:
        key(qtbot, Qt.Key.Key_Space)
    assert box.isChecked() == wanted, f"Space did not {'tick' if wanted else 'untick'} {describe(box)}"
    return wanted


Act = Callable[[QtBot, QWidget, int], Any]  # a special way to fill a control in; returns its value


def act_on(qtbot: QtBot, widget: QWidget, n: int, texts: Mapping[str, str], feedback: FieldFeedback | None) -> Any:
    """Fill ``widget`` in from the keyboard (it has the focus); returns what the record should hold."""
    if isinstance(widget, QComboBox):
        return choose_in_combo(qtbot, widget, n)
    if isinstance(widget, QCheckBox):
        return tick_by_turns(qtbot, widget, n)
    if isinstance(widget, QRadioButton):
        key(qtbot, Qt.Key.Key_Space)
        return widget.isChecked()
    name = (feedback.field_of(widget) if feedback else None) or widget.objectName()
    text = texts.get(name, sample_text(n))
    type_text(qtbot, widget, text)
    return text


def walk(
    qtbot: QtBot,
    root: QWidget,
    first: QWidget | None,
    *,
    feedback: FieldFeedback | None = None,
    texts: Mapping[str, str] | None = None,
    special: Mapping[QWidget, Act] | None = None,
    skip: Sequence[QWidget] = (),
    start: int = 0,
    limit: int = 600,
) -> Walk:
    """Click into ``first`` (None: start where the focus is, as a dialog opens), then Tab through
    ``root`` until the focus leaves it or comes round again; fill in each choice and text control.
    ``texts``: what to type into a field (by field name) that needs a particular form (an e-mail
    address); ``special``: controls filled in another way; ``skip``: controls left as they are;
    ``start``: how many texts were typed before (in another part of the form: each text differs)."""
    texts, special = texts or {}, special or {}
    done = Walk(texts=start)
    if first is not None:
        click_into(qtbot, first)
    seen: set[QWidget] = set()
    for _ in range(limit):
        widget = QApplication.focusWidget()
        if widget is None or widget in seen or not (widget is root or root.isAncestorOf(widget)):
            break
        seen.add(widget)
        done.reached.append(widget)
        if widget not in skip:
            _fill(qtbot, widget, done, special.get(widget), texts, feedback)
        key(qtbot, Qt.Key.Key_Tab)
    else:
        raise AssertionError(f"the walk did not end after {limit} Tabs")
    return done


def _fill(
    qtbot: QtBot, widget: QWidget, done: Walk, act: Act | None, texts: Mapping[str, str], feedback: FieldFeedback | None
) -> None:
    """Fill in the control the walk reached: ``act`` if given, else by its kind."""
    if act is not None:
        done.chosen[widget] = act(qtbot, widget, len(done.chosen))
    elif isinstance(widget, TypedDateField):
        if not widget.text().strip():
            type_keys(widget, TODAY.isoformat())
    elif is_text(widget):
        done.chosen[widget] = act_on(qtbot, widget, done.texts, texts, feedback)
        done.texts += 1
    elif isinstance(widget, QCheckBox):
        done.chosen[widget] = tick_by_turns(qtbot, widget, done.boxes)
        done.boxes += 1
    elif is_choice(widget):
        done.chosen[widget] = act_on(qtbot, widget, len(done.chosen), texts, feedback)
    if widget in done.chosen:
        done.showed[widget] = shown(widget)


def assert_walked_all(done: Walk, root: QWidget, excluded: Mapping[QWidget, str] | None = None) -> None:
    """The walk reached every choice and text control under ``root`` but those ``excluded`` (why)."""
    excluded = {**closed_notes(done.chosen), **(excluded or {})}
    missed = [w for w in walkable(root) if w not in done.reached and w not in excluded]
    assert not missed, "not reached by Tab: " + ", ".join(describe(w) for w in missed)
    walked = [w for w in done.chosen if is_text(w) or is_choice(w)]
    assert len(walked) + len([w for w in excluded if w in walkable(root)]) == len(walkable(root))
    ticks = {v for w, v in done.chosen.items() if isinstance(w, QCheckBox)}
    assert done.boxes < 2 or ticks == {True, False}, "the walk must leave boxes both ticked and unticked"


def closed_notes(chosen: Mapping[QWidget, Any]) -> dict[QWidget, str]:
    """The note beside each checklist box the walk left unticked: disabled, so Tab passes it by."""
    closed: dict[QWidget, str] = {}
    for box, ticked in chosen.items():
        if isinstance(box, QCheckBox) and in_checklist(box) and not ticked:
            # by its name in the whole window: a sub-step's box sits in a group of its own
            note = box.window().findChild(QLineEdit, f"{box.objectName()}:note")
            if note is not None:
                assert not note.isEnabled(), f"the note of {describe(box)} is open though the box is unticked"
                closed[note] = "its box left unticked: the note is closed"
    return closed


def shown(widget: QWidget) -> Any:
    """What a control shows: its text, its ticked state, or its chosen item's code."""
    if isinstance(widget, QComboBox):
        data = widget.currentData()
        return widget.currentText() if data is None else data
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    if isinstance(widget, QLineEdit):
        return widget.text()
    assert isinstance(widget, QPlainTextEdit | QTextEdit)
    return widget.toPlainText()


def shown_by_name(root: QWidget, feedback: FieldFeedback) -> dict[str, Any]:
    """{field name: what it shows} for every named choice and text control under ``root``."""
    named = {feedback.field_of(w): w for w in walkable(root)}
    return {name: shown(w) for name, w in named.items() if name}


def pairs(values: Mapping[str, Any], record: Any, value_at: Callable[[Any, str], Any]) -> list[tuple[str, Any, Any]]:
    """(name, expected, stored) where they differ; codes stored as numbers compare as their text."""
    differ = []
    for name, expected in values.items():
        unticked = _UNTICKED.match(name)
        stored: Any = value_at(record, name) if unticked is None else _listed(record, unticked, value_at)
        if isinstance(stored, int | float) and not isinstance(stored, bool) and isinstance(expected, str):
            stored = f"{stored:g}"
        if stored != expected:
            differ.append((name, expected, stored))
    return differ


def _listed(record: Any, unticked: re.Match[str], value_at: Callable[[Any, str], Any]) -> str:
    """Whether a checklist's box left unticked has its code in an entry of the record's list."""
    entries, code = value_at(record, unticked[1]), unticked[2]
    attribute = "technique" if unticked[1] == "techniques" else "code"
    return "in an entry" if any(getattr(entry, attribute) == code for entry in entries) else NOT_LISTED


# --- the rhythm grid: a table whose cells are chosen and typed into ------------------------------


def grid_cells(
    qtbot: QtBot, table: QAbstractItemView, cells: Sequence[QModelIndex], fill: Act
) -> dict[QModelIndex, Any]:
    """Each cell made current (as a click or the arrows do), F2 to edit it, ``fill`` the editor, Tab
    to commit: {cell: value}."""
    values = {}
    for n, index in enumerate(cells):
        table.setCurrentIndex(index)
        table.scrollTo(index)
        qtbot.keyClick(table, Qt.Key.Key_F2)
        editor = QApplication.focusWidget()
        assert editor is not None
        assert editor is not table, f"F2 opened no editor at {index.row()}, {index.column()}"
        values[index] = fill(qtbot, editor, n)
        key(qtbot, Qt.Key.Key_Tab)
    return values


def every(*groups: Sequence[Any]) -> list[Any]:
    return list(itertools.chain(*groups))
