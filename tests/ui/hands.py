"""Driving forms the way hands do: focus by a click, keys typed one by one, Save by Ctrl+S; and
opening each form of the app as a person opens it, for the tests that walk every field of a kind."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QGroupBox,
    QLabel,
    QScrollArea,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from cst_notes.services import Services
from cst_notes.ui.chart.tab_order import ChartTab
from cst_notes.ui.intake.intake_tab import IntakeTab
from cst_notes.ui.patients.new_patient_dialog import NewPatientDialog
from cst_notes.ui.plan.plan_tab import PlanTab
from cst_notes.ui.session.editor import SessionEditor
from cst_notes.ui.shell.main_window import MainWindow
from tests.ui.conftest import activate, ctrl, open_chart


def bring_into_view(widget: QWidget) -> None:
    """Scroll the page so that ``widget`` shows, as a person scrolls to a field before clicking it."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
        parent = parent.parentWidget()


def click_into(qtbot: QtBot, widget: QWidget) -> None:
    """A click on the field's text (left of a date field's calendar button): the field gets the focus."""
    bring_into_view(widget)
    target = widget.lineEdit() if isinstance(widget, QAbstractSpinBox) else widget  # where the text is
    assert target is not None
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(12, target.height() // 2))
    assert widget.hasFocus(), f"a click did not focus {widget.objectName() or type(widget).__name__}"


def click_tab(tabs: QTabWidget, index: int) -> None:
    """A click on a tab of ``tabs`` (its label in the tab bar), as a person goes to that tab."""
    bar = tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index, f"a click did not show the tab {tabs.tabText(index)!r}"


def key_in(widget: QWidget, character: str) -> None:
    """One character typed. QTest types ASCII only (it asserts on anything else), so a character
    outside it goes as the key event a keyboard layout gives for it (an xkb Bengali or Devanagari
    layout): the character as the event's text, its code point (upper case) as the key."""
    if character.isascii():
        QTest.keyClicks(widget, character)
        return
    upper = character.upper()
    code = ord(upper) if len(upper) == 1 else 0
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, character))


def type_keys(widget: QWidget, text: str) -> None:
    """``text`` typed key by key where the focus is (starting in ``widget``)."""
    for character in text:
        key_in(QApplication.focusWidget() or widget, character)


def type_into(qtbot: QtBot, widget: QWidget, text: str, *, select_all: bool = True) -> None:
    """Click into the field, select what it holds (Ctrl+A), type ``text`` key by key, then Tab on."""
    click_into(qtbot, widget)
    if select_all:
        qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_keys(widget, text)
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Tab)


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key where the focus is (after a Tab, say)."""
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key, modifier)


def value_at(record: Any, path: str) -> Any:
    """The value a field name such as ``surgeries[0].surgery_date`` names in a domain record."""
    value = record
    for name, index in re.findall(r"(\w+)(?:\[(\d+)\])?", path):
        value = getattr(value, name)
        if index:
            value = value[int(index)]
    return value


# --- opening the forms as a person does ----------------------------------------------------------


def new_patient_dialog(qtbot: QtBot, window: MainWindow) -> NewPatientDialog:
    """Ctrl+N in the main window."""
    activate(qtbot, window)
    ctrl(qtbot, Qt.Key.Key_N, window.table)
    dialog = window.new_patient_dialog
    assert dialog is not None
    return activate(qtbot, dialog)


def intake_form(qtbot: QtBot, window: MainWindow, patient_id: int) -> IntakeTab:
    """The patient's chart, the Intake tab, editing (a first visit opens the empty form)."""
    activate(qtbot, window)
    open_chart(window, patient_id)
    window.chart.tabs.setCurrentIndex(ChartTab.INTAKE)
    tab = window.chart.tabs.intake_tab
    if not tab.is_editing():
        qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    assert tab.is_editing()
    return tab


def plan_form(qtbot: QtBot, window: MainWindow, patient_id: int) -> PlanTab:
    """The patient's chart, the Plan tab, "New plan…"."""
    activate(qtbot, window)
    open_chart(window, patient_id)
    window.chart.tabs.setCurrentIndex(ChartTab.PLAN)
    tab = window.chart.tabs.plan_tab
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert tab.is_editing()
    return tab


def session_editor(qtbot: QtBot, window: MainWindow, patient_id: int) -> SessionEditor:
    """The patient's chart, then Ctrl+Shift+N (Start session…): the editor opens in its own window."""
    activate(qtbot, window)
    open_chart(window, patient_id)
    ctrl(qtbot, Qt.Key.Key_N, window.table, shift=True)
    editor = window.chart.tabs.sessions_tab.session_editor
    assert editor is not None
    qtbot.addWidget(editor)
    return activate(qtbot, editor)


def saved_patient(services: Services, name: str) -> Any:
    [found] = [s for s in services.patient_summaries() if s.full_name == name]
    return services.patient(found.id)


# --- Alt keys --------------------------------------------------------------------------------------


def visible_alt_keys(window: QWidget) -> dict[str, list[str]]:
    """The Alt+letter keys a person can see in ``window`` as it shows now, each with the texts that
    carry it: a button's, a check box's, a label's for its field, a group's title. Two texts with one
    letter make Alt+letter jump between them instead of doing either. A disabled control counts: it
    is enabled as soon as its form is filled in, and its key must then do what it says."""
    keys: dict[str, list[str]] = {}

    def carry(text: str) -> None:
        found = re.search(r"&([^&\s])", text.replace("&&", ""))
        if found:
            keys.setdefault(found.group(1).lower(), []).append(text)

    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            carry(widget.text())
        elif isinstance(widget, QGroupBox):
            carry(widget.title())
    return keys


def alt_key_clashes(window: QWidget) -> dict[str, list[str]]:
    """The Alt+letter keys two visible texts of ``window`` share."""
    return {key: texts for key, texts in visible_alt_keys(window).items() if len(texts) > 1}
