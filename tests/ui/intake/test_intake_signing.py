"""Signing the intake from the chart locks it; corrections are signed addenda shown with it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from cst_notes.services import Services
from cst_notes.ui.shell.main_window import MainWindow
from tests.ui.conftest import AMIT, open_chart


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
    assert "Signed by Anita Bose" in tab.view.toPlainText()
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
