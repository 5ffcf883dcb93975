"""Child process for the kill tests of the forms with typed text: the app (offscreen) with one form
open as a person opens it, text typed into it key by key (Bengali too); then it runs until killed.

Forms: ``intake`` (the complaint), ``plan`` (New plan…, the home care advice), ``new_patient``
(Ctrl+N: the name and a birth date), ``details`` (Edit details…: the address). Dialogs:
``session_addendum`` (a signed session, Add a addendum…: its text), ``intake_addendum`` (the signed
intake, Add addendum…), ``override`` (Ctrl+Shift+N with no records: the reason to treat),
``close_course`` (Close the course…: the note), ``screening_change`` (Ctrl+K, Add…: the note).
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from cst_notes.services import Services
from cst_notes.ui.chart.tab_order import ChartTab
from cst_notes.ui.shell.launch import application
from cst_notes.ui.shell.main_window import MainWindow
from cst_notes.ui.signing.signed_panel import AddendumDialog
from tests.durability.session_typing import activate
from tests.ui.hands import type_keys

BIRTH_DATE = "1985-03-14"


def click(widget: QWidget) -> None:
    target = widget.viewport() if isinstance(widget, QPlainTextEdit) else widget
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(12, target.height() // 2))


def press(button: QWidget) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def typed(field: QWidget, text: str) -> None:
    click(field)
    type_keys(field, text)


def open_form(window: MainWindow, form: str, patient_id: int, text: str) -> None:
    if form == "new_patient":
        QTest.keyClick(window.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        dialog = window.new_patient_dialog
        assert dialog is not None
        activate(dialog)
        typed(dialog.edits["full_name"], text)
        typed(dialog.birth_date_edit, BIRTH_DATE)
        return
    window.select_patient(patient_id)
    window.open_chart(patient_id)
    tabs = window.chart.tabs
    if form == "details":
        window.edit_details_action.trigger()  # Patient ▸ Edit details…
        dialog = window.new_patient_dialog
        assert dialog is not None
        activate(dialog)
        typed(dialog.address_edit, text)
    elif form in DIALOGS:
        open_dialog(window, form, patient_id, text)
    elif form == "intake":
        tabs.setCurrentIndex(ChartTab.INTAKE)  # a first visit: the empty form
        typed(tabs.intake_tab.form.history.texts["complaint"], text)
    else:
        tabs.setCurrentIndex(ChartTab.PLAN)
        QTest.mouseClick(tabs.plan_tab.new_button, Qt.MouseButton.LeftButton)
        typed(tabs.plan_tab.form.home_care, text)


DIALOGS = ("session_addendum", "intake_addendum", "override", "close_course", "screening_change")


def open_dialog(window: MainWindow, form: str, patient_id: int, text: str) -> None:
    """The dialog opened on the patient's record as a person opens it; ``text`` typed into its text."""
    tabs = window.chart.tabs
    field: QWidget
    if form == "session_addendum":
        tabs.setCurrentIndex(ChartTab.SESSIONS)
        sessions = tabs.sessions_tab
        signed = sessions.list.topLevelItem(0)
        assert signed is not None
        sessions.list.setCurrentItem(signed)  # the signed session, opened with Enter
        QTest.keyClick(sessions.list, Qt.Key.Key_Return)
        editor = sessions.session_editor
        assert editor is not None
        activate(editor)
        press(editor.signed_panel.add_button)
        dialog = editor.commands.dialog
        assert isinstance(dialog, AddendumDialog)
        activate(dialog)
        field = dialog.text_edit
    elif form == "intake_addendum":
        tabs.setCurrentIndex(ChartTab.INTAKE)
        press(tabs.intake_tab.addendum_button)
        dialog = tabs.intake_tab.note_dialog
        assert isinstance(dialog, AddendumDialog)
        activate(dialog)
        field = dialog.text_edit
    elif form == "override":
        QTest.keyClick(
            window.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        override = tabs.sessions_tab.override_dialog
        assert override is not None
        activate(override)
        field = override.reason_edit
    elif form == "close_course":
        tabs.setCurrentIndex(ChartTab.PLAN)
        press(tabs.plan_tab.close_button)
        closing = tabs.plan_tab.close_dialog
        assert closing is not None
        activate(closing)
        field = closing.note
    else:
        QTest.keyClick(window.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        screening = window.chart.screening_dialog
        assert screening is not None
        activate(screening)
        press(screening.add_button)
        change = screening.change_dialog
        assert change is not None
        activate(change)
        field = change.note
    typed(field, text)


def main(path: str, form: str, patient_id: int, text: str) -> int:
    app = application()  # as the app starts: the input guard too
    services = Services.open(path)
    window = MainWindow(services, path)
    window.show()
    activate(window)
    open_form(window, form, patient_id, text)
    print("typed", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]))
