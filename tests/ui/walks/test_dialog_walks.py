"""Every choice and text control of the clinic settings and of the signing and addendum dialogs,
walked by Tab from the keyboard: what was chosen and typed is what is stored, and shown again."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cst_notes.services import Services
from cst_notes.ui.chart.tab_order import ChartTab
from cst_notes.ui.shell.main_window import MainWindow
from cst_notes.ui.shell.settings_dialog import SettingsDialog
from cst_notes.ui.signing.signed_panel import AddendumDialog, SignDialog
from tests.conftest import complete_intake
from tests.ui.conftest import JOHN, activate, ctrl, open_chart, show_active
from tests.ui.hands import value_at
from tests.ui.walking import assert_walked_all, named, pairs, shown_by_name, walk


def test_settings_every_choice_and_text(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    dialog = show_active(qtbot, SettingsDialog(services, parent=window))
    done = walk(qtbot, dialog, dialog.edits["clinic_name"], feedback=dialog.feedback, texts={"email": "a@b.in"})
    assert_walked_all(done, dialog)
    chosen = done.names(dialog.feedback)
    assert {"clinic_name", "footer_text", "address", "page_size", "date_order"} <= set(chosen)
    ctrl(qtbot, Qt.Key.Key_S, QApplication.focusWidget() or dialog)
    assert not dialog.isVisible()
    assert pairs(chosen, services.settings(), value_at) == []
    again = show_active(qtbot, SettingsDialog(services, parent=window))
    assert {name: v for name, v in shown_by_name(again, again.feedback).items() if name in chosen} == chosen


def test_signing_and_an_addendum_every_text(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    services.save_intake(clinic[JOHN], complete_intake(dt.date.today()))
    open_chart(window, clinic[JOHN])
    window.chart.tabs.setCurrentIndex(ChartTab.INTAKE)
    tab = window.chart.tabs.intake_tab
    qtbot.mouseClick(tab.sign_button, Qt.MouseButton.LeftButton)
    sign = tab.note_dialog
    assert isinstance(sign, SignDialog)
    activate(qtbot, sign)
    done = walk(qtbot, sign, None)  # the focus starts in the name
    hidden = {sign.text_edit: "signing takes no text: hidden", sign.passphrase_edit: "no one signs with a key here"}
    assert_walked_all(done, sign, excluded=hidden)
    chosen = named(done, {sign.name_edit: "signed_by"})
    qtbot.mouseClick(sign.ok_button, Qt.MouseButton.LeftButton)
    assert not sign.isVisible(), sign.message.text()

    activate(qtbot, window)
    qtbot.mouseClick(tab.addendum_button, Qt.MouseButton.LeftButton)
    addendum = tab.note_dialog
    assert isinstance(addendum, AddendumDialog)
    activate(qtbot, addendum)
    done = walk(qtbot, addendum, None, start=1)  # the focus starts in the text
    assert_walked_all(done, addendum, excluded={addendum.passphrase_edit: "no one signs with a key here"})
    chosen |= named(done, {addendum.text_edit: "addenda[0].text", addendum.name_edit: "addenda[0].author"})
    qtbot.mouseClick(addendum.ok_button, Qt.MouseButton.LeftButton)
    assert not addendum.isVisible(), addendum.message.text()
    intake = services.intake(clinic[JOHN])
    assert intake is not None
    assert pairs(chosen, intake, value_at) == []
