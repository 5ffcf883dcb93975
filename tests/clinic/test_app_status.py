"""The app's status bar on a laptop joined to a clinic (issue 17): when it last synced, how many
changes wait, whether the server answers (asked off the window's thread); working offline said
calmly, never in a dialog. Against the real test server (``tests/clinic/conftest.py``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from cst_notes.domain import keys
from cst_notes.domain.clinic import CLINIC_PASSWORD_ENV, SyncStatus
from cst_notes.domain.practitioner import Practitioner
from cst_notes.services import Services
from cst_notes.services.clinic import join_clinic, sync
from cst_notes.ui.shell.clinic_status import clinic_words
from cst_notes.ui.shell.main_window import MainWindow
from tests.clinic.clinic_data import PASSWORD
from tests.clinic.conftest import EmptyDatabase
from tests.ui.hands import new_patient_dialog

RAHUL = "Rahul Sen"
ANSWER_MS = 10_000  # the server is asked with a 3 s wait; an unreachable port answers at once
LOCAL = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@pytest.fixture
def rahul(tmp_path: Path, server: EmptyDatabase, monkeypatch: pytest.MonkeyPatch) -> Iterator[Services]:
    """Rahul's laptop, joined to the clinic; the app reads his password from the environment."""
    services = Services.open(tmp_path / "rahul.sqlite")
    services.add_practitioner(Practitioner(RAHUL, "owner"), "")
    services.sign_in(RAHUL, "")
    join_clinic(services, server.server.url(f"{server.name}_rahul", server.name), PASSWORD)
    monkeypatch.setenv(CLINIC_PASSWORD_ENV, PASSWORD)
    yield services
    services.close()


def shown(qtbot: QtBot, services: Services) -> MainWindow:
    window = MainWindow(services, str(services.path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def no_dialog() -> bool:
    return QApplication.activeModalWidget() is None and not any(
        isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_the_words_say_when_it_synced_what_waits_and_that_offline_loses_nothing() -> None:
    now = dt.datetime(2026, 12, 4, 15, 30, tzinfo=LOCAL)
    today = dt.datetime(2026, 12, 4, 13, 2, tzinfo=dt.UTC)  # 14:02 here
    earlier = dt.datetime(2026, 12, 3, 13, 2, tzinfo=dt.UTC)
    assert clinic_words(SyncStatus(True, today, 3, True), now) == (
        "Clinic: synced 14:02 · 3 changes waiting",
        "The clinic server answers.",
    )
    text, tip = clinic_words(SyncStatus(True, earlier, 1, False, "the server at x:5432 does not answer"), now)
    assert text == "Clinic: working offline · last synced 3 Dec 14:02 · 1 change waiting"
    assert tip == (
        "The clinic server does not answer: the server at x:5432 does not answer. Nothing is lost: this laptop "
        "keeps working, and its changes wait here for the next sync."
    )
    assert clinic_words(SyncStatus(True, None, 0, None), now)[0] == "Clinic: not synced yet · no changes waiting"
    assert clinic_words(SyncStatus(True, None, 2, False, "refused"), now)[0] == (
        "Clinic: working offline · not synced yet · 2 changes waiting"
    )
    text, tip = clinic_words(SyncStatus(True, today, 0, True, "the clinic server refused: password"), now)
    assert text == "Clinic: the server refused · synced 14:02 · no changes waiting"
    assert "password" in tip


def test_a_laptop_of_its_own_shows_no_clinic_word(qtbot: QtBot, tmp_path: Path) -> None:
    services = Services.open(tmp_path / "solo.sqlite")
    try:
        window = shown(qtbot, services)
        assert not window.clinic_label.isVisible()
        assert window.clinic_status.timer.isActive() is False
        window.close()
    finally:
        services.close()


def test_a_joined_laptop_says_its_sync_and_that_the_server_answers(qtbot: QtBot, rahul: Services) -> None:
    window = shown(qtbot, rahul)
    label = window.clinic_label
    waiting = rahul.sync_status().changes_waiting
    assert waiting > 0  # joining was a change, audited
    assert label.isVisible()
    assert label.text() == f"Clinic: not synced yet · {waiting} changes waiting"
    qtbot.waitUntil(lambda: label.toolTip() == "The clinic server answers.", timeout=ANSWER_MS)

    # a patient added by hand is one more change waiting, said at once
    dialog = new_patient_dialog(qtbot, window)
    qtbot.keyClicks(dialog.edits["full_name"], "Lata Roy")
    dialog.birth_date_edit.set_value(dt.date(1979, 2, 3))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert rahul.patient_summaries("Lata Roy")
    after = rahul.sync_status().changes_waiting
    assert after > waiting
    assert label.text() == f"Clinic: not synced yet · {after} changes waiting"

    # a sync made elsewhere (the command line) is said when the server is next asked (every minute)
    sync(rahul, PASSWORD)
    synced_at = rahul.sync_status().last_synced
    assert synced_at is not None
    window.clinic_status.ask()
    expected = f"Clinic: synced {synced_at.astimezone():%H:%M} · no changes waiting"
    qtbot.waitUntil(lambda: label.text() == expected, timeout=ANSWER_MS)
    window.close()


def test_a_server_that_does_not_answer_is_working_offline_without_a_dialog(qtbot: QtBot, rahul: Services) -> None:
    link = rahul.clinic_link()
    assert link is not None
    rahul.link_clinic(dataclasses.replace(link, server="postgresql://nobody@127.0.0.1:1/clinic"))
    waiting = rahul.sync_status().changes_waiting
    window = shown(qtbot, rahul)
    label = window.clinic_label
    qtbot.waitUntil(lambda: "working offline" in label.text(), timeout=ANSWER_MS)
    assert label.text() == f"Clinic: working offline · not synced yet · {waiting} changes waiting"
    assert label.toolTip().startswith("The clinic server does not answer: ")
    assert label.toolTip().endswith(
        "Nothing is lost: this laptop keeps working, and its changes wait here for the next sync."
    )
    assert no_dialog()
    assert window.isEnabled()
    window.close()
