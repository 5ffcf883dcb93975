"""The first run's set-up (issue 15): a new database opens on it; typed with keys it saves the
practice's details, adds the owner and signs them in; a mistake is shown beside its field and saves
nothing; Skip changes nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from cst_notes.domain import keys
from cst_notes.domain.settings import ClinicSettings
from cst_notes.services import Services
from cst_notes.ui.shell.first_run import FirstRunPage
from cst_notes.ui.shell.main_window import MainWindow
from cst_notes.ui.shell.sitting import Page
from tests.ui.conftest import show_active
from tests.ui.hands import press, type_keys

OWNER = "অনিতা বসু"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


def page_of(window: MainWindow) -> Page:
    return window.sitting.page


def set_up_page(qtbot: QtBot, services: Services) -> tuple[MainWindow, FirstRunPage]:
    window = show_active(qtbot, MainWindow(services, "/clinics/new.sqlite", offer_set_up=True))
    assert page_of(window) == Page.FIRST_RUN
    assert not window.new_patient_action.isEnabled()
    return window, window.sitting.first_run


def fill_in(qtbot: QtBot, page: FirstRunPage, passphrase: str, again: str) -> None:
    """The practice's name, address (two lines), phone, the date order (one down: month first), the
    owner's name and credentials, the passphrase twice; Tab between them, Enter at the end."""
    assert QApplication.focusWidget() is page.practice_name
    type_keys(page.practice_name, "Kolkata CST")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(page.address, "12 Lake Road")
    press(qtbot, Qt.Key.Key_Return)
    type_keys(page.address, "Kolkata 700029")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(page.phone, "+91 98300 12345")
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.date_order
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.owner_name
    type_keys(page.owner_name, OWNER)
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(page.credentials, "RCST")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(page.passphrase, passphrase)
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(page.again, again)
    press(qtbot, Qt.Key.Key_Return)


def test_the_set_up_saves_the_practice_adds_the_owner_and_signs_them_in(qtbot: QtBot, services: Services) -> None:
    window, page = set_up_page(qtbot, services)
    fill_in(qtbot, page, "নদীর ধারে", "নদীর ধারে!")
    assert page_of(window) == Page.FIRST_RUN
    cell = page.again.parentWidget()  # the field with its message beneath
    assert cell is not None
    [again_error] = cell.findChildren(QLabel)
    assert again_error.text() == "Passphrase again is not the same as the passphrase: type both again."
    assert again_error.isVisible()
    assert again_error.property("role") == "field-error"
    assert services.practitioners() == []
    assert services.settings() == ClinicSettings()
    assert QApplication.focusWidget() is page.passphrase  # both are typed again
    type_keys(page.passphrase, "নদীর ধারে")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(page.again, "নদীর ধারে")
    press(qtbot, Qt.Key.Key_Return)
    assert page_of(window) == Page.WORK
    settings = services.settings()
    assert (settings.clinic_name, settings.address, settings.phone) == (
        "Kolkata CST",
        "12 Lake Road\nKolkata 700029",
        "+91 98300 12345",
    )
    assert settings.date_order == "month_first"
    assert (settings.therapist_name, settings.credentials) == (OWNER, "RCST")
    [owner] = services.practitioners()
    assert (owner.name, owner.role, owner.credentials, owner.has_passphrase) == (OWNER, "owner", "RCST", True)
    signed_in = services.signed_in
    assert signed_in is not None
    assert signed_in.name == OWNER
    assert window.sitting.who_label.text() == f"Signed in: {OWNER} (Owner)"
    assert window.new_patient_action.isEnabled()
    assert services.sign_in_needed()  # next time, the sign-in screen


def test_the_owner_may_choose_no_passphrase_and_is_told_what_it_means(qtbot: QtBot, services: Services) -> None:
    window, page = set_up_page(qtbot, services)
    assert keys.NO_PASSPHRASE_MEANS in page.none_choice.meaning.text()
    fill_in(qtbot, page, "", "")
    assert services.practitioners() == []  # neither a passphrase nor "none": nothing saved
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.none_choice.chosen, timeout=1000)  # a mnemonic clicks after a moment
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page_of(window) == Page.WORK, timeout=1000)
    [owner] = services.practitioners()
    assert owner.key_id
    assert not owner.has_passphrase
    assert not services.sign_in_needed()  # a solo owner without a passphrase goes straight in


def test_skip_changes_nothing(qtbot: QtBot, services: Services) -> None:
    window, page = set_up_page(qtbot, services)
    type_keys(page.practice_name, "Kolkata CST")
    press(qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page_of(window) == Page.WORK, timeout=1000)
    assert services.practitioners() == []
    assert services.settings() == ClinicSettings()
    assert services.first_run()  # offered again next time
    assert window.new_patient_action.isEnabled()
