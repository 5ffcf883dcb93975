"""Child process for the kill tests of the forms with typed text: the app (offscreen) with one form
open as a person opens it, text typed into it key by key (Bengali too); then it runs until killed.

Forms: ``intake`` (the complaint), ``plan`` (New plan…, the home care advice), ``new_patient``
(Ctrl+N: the name and a birth date), ``details`` (Edit details…: the address).
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from cst_notes.services import Services
from cst_notes.ui.chart.tab_order import ChartTab
from cst_notes.ui.shell.launch import application
from cst_notes.ui.shell.main_window import MainWindow
from tests.durability.session_typing import activate
from tests.ui.hands import type_keys

BIRTH_DATE = "1985-03-14"


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(12, widget.height() // 2))


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
    elif form == "intake":
        tabs.setCurrentIndex(ChartTab.INTAKE)  # a first visit: the empty form
        typed(tabs.intake_tab.form.history.texts["complaint"], text)
    else:
        tabs.setCurrentIndex(ChartTab.PLAN)
        QTest.mouseClick(tabs.plan_tab.new_button, Qt.MouseButton.LeftButton)
        typed(tabs.plan_tab.form.home_care, text)


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
