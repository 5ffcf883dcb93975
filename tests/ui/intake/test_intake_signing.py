"""Signing the intake from the chart locks it; corrections are signed addenda shown with it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cst_notes.domain import keys
from cst_notes.domain.practitioner import Practitioner
from cst_notes.services import Services
from cst_notes.ui.shell.main_window import MainWindow
from tests.ui.conftest import AMIT, activate, open_chart
from tests.ui.hands import press, type_keys


def test_sign_then_add_an_addendum(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[AMIT])
    tab = window.chart.tabs.intake_tab
    assert tab.sign_button.isVisibleTo(tab)
    assert not tab.addendum_button.isVisibleTo(tab)
    dialog = tab.sign()
    assert dialog is not None
    dialog.name_edit.setText("Anita Bose")
    dialog.accept()
    intake = services.intake(clinic[AMIT])
    assert intake is not None
    assert intake.is_signed
    assert intake.signed_by == "Anita Bose"
    assert not tab.edit_button.isEnabled()
    assert tab.addendum_button.isVisibleTo(tab)
    assert "Signed (author) by Anita Bose · " in tab.view.toPlainText()
    note = tab.add_addendum()
    assert note is not None
    note.text_edit.setPlainText("মাইগ্রেনের ওষুধ বদলানো হয়েছে।")
    note.name_edit.setText("Anita Bose")
    note.accept()
    assert "মাইগ্রেনের ওষুধ বদলানো হয়েছে।" in tab.view.toPlainText()
    assert services.check().ok


def test_a_blank_signer_is_refused_and_nothing_is_signed(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    open_chart(window, clinic[AMIT])
    dialog = window.chart.tabs.intake_tab.sign()
    assert dialog is not None
    dialog.name_edit.setText("   ")
    dialog.accept()
    intake = services.intake(clinic[AMIT])
    assert intake is not None
    assert not intake.is_signed


def test_a_keyed_practitioner_signs_the_intake_with_their_passphrase(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)
    services.add_practitioner(Practitioner("Anita Bose"), "anita's passphrase")
    services.sign_in("Anita Bose", "anita's passphrase")
    open_chart(window, clinic[AMIT])
    dialog = window.chart.tabs.intake_tab.sign()
    assert dialog is not None
    activate(qtbot, dialog)
    assert (dialog.name(), dialog.name_edit.isReadOnly()) == ("Anita Bose", True)  # who is signed in signs
    assert QApplication.focusWidget() is dialog.passphrase_edit
    type_keys(dialog.passphrase_edit, "wrong")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.passphrase_message.text() == "Passphrase is not Anita Bose's passphrase; nothing was signed."
    intake = services.intake(clinic[AMIT])
    assert intake is not None
    assert not intake.is_signed
    type_keys(dialog.passphrase_edit, "anita's passphrase")
    press(qtbot, Qt.Key.Key_Return)
    intake = services.intake(clinic[AMIT])
    assert intake is not None
    assert (intake.signed_by, intake.signature_scheme) == ("Anita Bose", 3)
    assert services.check().ok
