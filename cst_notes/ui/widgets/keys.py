"""Every keyboard shortcut of the app, in one table: the actions and shortcuts are made from it, and
Help ▸ Keyboard shortcuts lists it (a test finds every shortcut of the live windows in it, and every
row of it in a live window, so the sheet cannot drift from what the keys do).

Keys are written in Qt's portable form ("Ctrl+Shift+N"); on macOS Qt shows Ctrl as ⌘. Menu
mnemonics (the underlined Alt letters) are not listed: each menu and button shows its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

# Where a key works, in the order the sheet lists them.
EVERYWHERE = "In every window"
MAIN_WINDOW = "Main window"
FORMS = "Chart forms (intake, plan, details)"
SESSION_EDITOR = "Session editor"
LISTS = "Lists of rows (medications, goals, techniques…)"
RHYTHM_EVENTS = "Rhythm events (session editor, Rhythm tab)"
DIALOGS = "Dialogs (new patient, clinic settings, export)"
PLACES = (EVERYWHERE, MAIN_WINDOW, FORMS, SESSION_EDITOR, LISTS, RHYTHM_EVENTS, DIALOGS)

SESSION_TABS = 5  # Ctrl+1 … Ctrl+5: the session editor's tabs (a test checks it is their number)


@dataclass(frozen=True)
class Key:
    keys: tuple[str, ...]  # one binding, or a run of them (Ctrl+1 … Ctrl+5)
    what: str
    where: str

    def sequences(self) -> tuple[QKeySequence, ...]:
        return tuple(QKeySequence(k) for k in self.keys)

    def shown(self) -> str:
        """'Ctrl+Shift+N', or 'Ctrl+1 … Ctrl+5', in the platform's own way of writing keys."""
        texts = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in self.sequences()]
        return texts[0] if len(texts) == 1 else f"{texts[0]} … {texts[-1]}"


def _key(keys: str | tuple[str, ...], what: str, where: str) -> Key:
    return Key((keys,) if isinstance(keys, str) else keys, what, where)


KEYS: dict[str, Key] = {
    "help": _key("F1", "Open the guide", EVERYWHERE),
    "lock": _key("Ctrl+L", "Lock the screen (your windows stay as they are)", EVERYWHERE),
    "new_patient": _key("Ctrl+N", "New patient", MAIN_WINDOW),
    "find_patient": _key("Ctrl+F", "Find a patient, or a word in the notes", MAIN_WINDOW),
    "close_chart": _key("Ctrl+W", "Close the chart", MAIN_WINDOW),
    "save_form": _key("Ctrl+S", "Save the form being edited", MAIN_WINDOW),
    "start_session": _key("Ctrl+Shift+N", "Start a session", MAIN_WINDOW),
    "screening": _key("Ctrl+K", "Contraindication screening", MAIN_WINDOW),
    "export_pdf": _key("Ctrl+E", "Export a PDF (preview, save, print)", MAIN_WINDOW),
    "history": _key("Ctrl+H", "History of changes to this record", MAIN_WINDOW),
    "privacy": _key("Ctrl+Shift+P", "Privacy mode: initials instead of names, in every window", MAIN_WINDOW),
    "sync_clinic": _key("F5", "Sync with the clinic now (a laptop joined to a clinic)", MAIN_WINDOW),
    "quit": _key("Ctrl+Q", "Quit (a checked backup is made on closing)", MAIN_WINDOW),
    "cancel_form": _key("Esc", "Cancel editing: the form goes back to what is saved", FORMS),
    "save_session": _key("Ctrl+S", "Save the draft", SESSION_EDITOR),
    "start_from_last": _key("Ctrl+Shift+L", "Start from the last session's findings", SESSION_EDITOR),
    "session_tab": _key(
        tuple(f"Ctrl+{n}" for n in range(1, SESSION_TABS + 1)),
        "Go to a tab: Notes, Rhythm, Restrictions, Techniques, Outcomes",
        SESSION_EDITOR,
    ),
    "add_row": _key("Ins", "Add a row", LISTS),
    "remove_row": _key("Ctrl+Del", "Remove the row you are in", LISTS),
    "add_still_point": _key("Ins", "Add a still point", RHYTHM_EVENTS),
    "add_detector": _key("Ctrl+Shift+Ins", "Add a significance detector", RHYTHM_EVENTS),
    "save_dialog": _key("Ctrl+S", "Save (in the export dialog: save the PDF)", DIALOGS),
    "print": _key("Ctrl+P", "Print (export dialog)", DIALOGS),
}

KEY_NAME = "cst_key"  # the property that names an action's or shortcut's row in KEYS
HELP_SECTION = "help_section"  # the property by which a window names its section of the guide (F1)


def sequence(name: str, index: int = 0) -> QKeySequence:
    return KEYS[name].sequences()[index]


def text(name: str) -> str:
    """The key as a tooltip writes it: 'Ctrl+Shift+L'."""
    return KEYS[name].shown()


def key_action(action: QAction, name: str) -> QAction:
    """Give ``action`` its key from the table (and mark which row it is)."""
    action.setShortcut(sequence(name))
    action.setProperty(KEY_NAME, name)
    return action


def key_shortcut(
    parent: QWidget,
    name: str,
    slot: Callable[[], object],
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
    index: int = 0,
) -> QShortcut:
    """A shortcut on ``parent`` with the key of row ``name`` (its ``index``-th key for a run)."""
    shortcut = QShortcut(sequence(name, index), parent)
    shortcut.setContext(context)
    shortcut.activated.connect(slot)
    shortcut.setProperty(KEY_NAME, name)
    return shortcut


def bound_keys(window: QObject) -> list[tuple[str, QKeySequence]]:
    """The (row name, key) of every action with a key and every shortcut in ``window`` and its
    children, with "" for one not made from the table (the test of the sheet fails on those)."""
    found: dict[QObject, tuple[str, QKeySequence]] = {}
    for obj in [window, *window.findChildren(QObject)]:
        for candidate in [obj, *(obj.actions() if isinstance(obj, QWidget) else [])]:
            name = str(candidate.property(KEY_NAME) or "")
            if isinstance(candidate, QShortcut):
                found[candidate] = (name, candidate.key())
            elif isinstance(candidate, QAction) and not candidate.shortcut().isEmpty():
                found[candidate] = (name, candidate.shortcut())
    return list(found.values())
