"""The app's status bar on a laptop joined to a clinic (issue 17): when it last synced, how many
changes wait, whether the server answers (asked off the window's thread); working offline said
calmly, never in a dialog. Against the real test server (``tests/clinic/conftest.py``)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from cst_notes.domain import keys
from cst_notes.domain.clinic import CLINIC_PASSWORD_ENV, SyncStatus
from cst_notes.domain.patient import Patient
from cst_notes.domain.practitioner import Practitioner
from cst_notes.domain.session import Session
from cst_notes.services import Services
from cst_notes.services.clinic import join_clinic, pull_patients, push_patients, sync
from cst_notes.ui.chart.tab_order import ChartTab
from cst_notes.ui.shell.clinic_status import ClinicStatus, clinic_words, syncing_words
from cst_notes.ui.shell.main_window import MainWindow
from tests.clinic.clinic_data import PASSWORD
from tests.clinic.conftest import EmptyDatabase
from tests.clinic.test_pull import KEY_PASSPHRASE, MEERA, laptop
from tests.conftest import NO_RECORDS_REASON
from tests.ui.conftest import activate, open_chart, tree_item
from tests.ui.hands import click_tab, new_patient_dialog

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


@contextlib.contextmanager
def shown(qtbot: QtBot, services: Services) -> Iterator[MainWindow]:
    """The app's main window on ``services``, closed (its worker stopped) before they are."""
    window = MainWindow(services, str(services.path))
    try:
        window.show()
        qtbot.waitExposed(window)
        yield window
    finally:
        window.close()
        window.deleteLater()  # its timers and workers gone before the services close
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def session_rows(window: MainWindow) -> list[tuple[str, str]]:
    """The chart's sessions list: each row's first and last column (when, signed or draft), as the
    Sessions tab shows it (gone to by a click if another tab shows)."""
    tabs = window.chart.tabs
    if tabs.currentIndex() != ChartTab.SESSIONS:
        click_tab(tabs, ChartTab.SESSIONS)
    tree = tabs.sessions_tab.list
    return [(tree_item(tree, i).text(0), tree_item(tree, i).text(4)) for i in range(tree.topLevelItemCount())]


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
    assert syncing_words()[0] == clinic_words(SyncStatus(True, today, 3, True), now, syncing=True)[0]
    assert syncing_words()[0] == "Clinic: syncing…"
    assert syncing_words(("pushed", 3, 250))[0] == "Clinic: syncing… pushed 3 of 250 patients"
    assert syncing_words(("pulled", 1, 1))[0] == "Clinic: syncing… pulled 1 of 1 patient"
    assert clinic_words(SyncStatus(True, today, 3, True), now, syncing=True, progress=("pulled", 2, 5))[0] == (
        "Clinic: syncing… pulled 2 of 5 patients"
    )
    assert clinic_words(SyncStatus(True, None, 2, False, "refused"), now)[0] == (
        "Clinic: working offline · not synced yet · 2 changes waiting"
    )
    text, tip = clinic_words(SyncStatus(True, today, 0, True, "the clinic server refused: password"), now)
    assert text == "Clinic: the server refused · synced 14:02 · no changes waiting"
    assert "password" in tip


def test_a_laptop_of_its_own_shows_no_clinic_word(qtbot: QtBot, tmp_path: Path) -> None:
    services = Services.open(tmp_path / "solo.sqlite")
    try:
        with shown(qtbot, services) as window:
            assert not window.clinic_label.isVisible()
            assert window.clinic_status.timer.isActive() is False
    finally:
        services.close()


def test_a_joined_laptop_says_its_sync_and_that_the_server_answers(qtbot: QtBot, rahul: Services) -> None:
    with shown(qtbot, rahul) as window:
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


def test_a_server_that_does_not_answer_is_working_offline_without_a_dialog(qtbot: QtBot, rahul: Services) -> None:
    link = rahul.clinic_link()
    assert link is not None
    rahul.link_clinic(dataclasses.replace(link, server="postgresql://nobody@127.0.0.1:1/clinic"))
    waiting = rahul.sync_status().changes_waiting
    with shown(qtbot, rahul) as window:
        label = window.clinic_label
        qtbot.waitUntil(lambda: "working offline" in label.text(), timeout=ANSWER_MS)
        assert label.text() == f"Clinic: working offline · not synced yet · {waiting} changes waiting"
        assert label.toolTip().startswith("The clinic server does not answer: ")
        assert label.toolTip().endswith(
            "Nothing is lost: this laptop keeps working, and its changes wait here for the next sync."
        )
        assert no_dialog()
        assert window.isEnabled()


def test_f5_syncs_in_the_background_and_the_chart_shows_the_session_another_laptop_pushed(
    qtbot: QtBot, tmp_path: Path, server: EmptyDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    rahul = laptop(tmp_path / "rahul.sqlite", server, RAHUL, "rahul")
    meera = laptop(tmp_path / "meera.sqlite", server, MEERA, "meera")
    try:
        pid = rahul.create_patient(Patient("Lata Roy", dt.date(1979, 2, 3))).patient_id
        push_patients(rahul, [pid], PASSWORD)
        pull_patients(meera, PASSWORD, whole_clinic=True)  # Meera holds Lata, no session of hers yet
        [meera_pid] = meera.patient_ids()
        session = Session(
            dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC),
            therapist=RAHUL,
            subjective="headaches twice a week",
            contraindication_override_reason=NO_RECORDS_REASON,
        )
        sid = rahul.add_session(pid, session).session_id
        rahul.sign_session(sid, RAHUL, passphrase=KEY_PASSPHRASE)
        push_patients(rahul, [pid], PASSWORD)

        monkeypatch.setenv(CLINIC_PASSWORD_ENV, PASSWORD)
        with shown(qtbot, meera) as window:
            open_chart(window, meera_pid)
            assert session_rows(window) == [("No sessions yet.", "")]
            assert window.sync_action.isVisible()

            said: list[str] = []
            refreshed: list[str] = []

            def heard(text: str) -> None:  # the window says the status again mid-sync (after a change)
                said.append(text)
                if text.startswith("Clinic: syncing… pulled") and not refreshed:
                    refreshed.append(text)
                    window.clinic_status.refresh()

            window.clinic_status.shown.connect(heard)
            with qtbot.waitSignal(window.clinic_status.synced, timeout=30_000) as ended:
                QTest.keyClick(activate(qtbot, window).table, Qt.Key.Key_F5)
                assert window.clinic_status.syncing  # the key returned at once: the network is in the worker
                assert window.clinic_label.text() == "Clinic: syncing…"
            assert ended.args is not None
            assert ended.args[0].startswith("pushed ")
            progress = [text for text in said if text.startswith("Clinic: syncing… ")]
            assert progress == [
                "Clinic: syncing… pushed 1 of 1 patient",
                "Clinic: syncing… pulled 1 of 1 patient",
                "Clinic: syncing… pulled 1 of 1 patient",  # said again by the refresh: how far it got, kept
            ]
            assert [signed for _when, signed in session_rows(window)] == ["Signed"]  # shown without a restart
            [held] = [s for s in meera.record(meera_pid).sessions if s.is_signed]
            assert (held.subjective, held.signed_by) == ("headaches twice a week", RAHUL)
            synced_at = meera.sync_status().last_synced
            assert synced_at is not None
            assert window.clinic_label.text().startswith(f"Clinic: synced {synced_at.astimezone():%H:%M} · ")
            assert no_dialog()
    finally:
        rahul.close()
        meera.close()


def test_a_sync_against_a_server_that_does_not_answer_says_offline_and_keeps_everything(
    qtbot: QtBot, rahul: Services
) -> None:
    link = rahul.clinic_link()
    assert link is not None
    rahul.link_clinic(dataclasses.replace(link, server="postgresql://nobody@127.0.0.1:1/clinic"))
    waiting = rahul.sync_status().changes_waiting
    with shown(qtbot, rahul) as window:
        with qtbot.waitSignal(window.clinic_status.synced, timeout=ANSWER_MS):
            QTest.keyClick(activate(qtbot, window).table, Qt.Key.Key_F5)
        assert window.clinic_label.text() == f"Clinic: working offline · not synced yet · {waiting} changes waiting"
        assert rahul.sync_status().changes_waiting == waiting
        assert no_dialog()


def test_the_main_window_of_a_laptop_of_its_own_never_loads_psycopg(tmp_path: Path) -> None:
    """The clinic's word and sync are in every main window; psycopg loads only for a joined laptop."""
    code = (
        "import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]);"
        "from cst_notes.services import Services; from cst_notes.ui.shell.main_window import MainWindow;"
        f"s = Services.open({str(tmp_path / 'solo.sqlite')!r}); w = MainWindow(s, 'solo.sqlite'); w.show();"
        "app.processEvents(); w.clinic_status.sync_now(); w.close(); s.close();"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('psycopg', 'psycopg_binary')))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"


def test_the_laptop_syncs_by_itself_on_its_timer(qtbot: QtBot, rahul: Services) -> None:
    assert rahul.sync_status().last_synced is None
    status = ClinicStatus(rahul, QLabel(), sync_every_ms=200)  # every five minutes in the app
    try:
        with qtbot.waitSignal(status.synced, timeout=ANSWER_MS) as ended:
            pass  # nobody asks: the timer does
        assert ended.args is not None
        assert ended.args[0].startswith("pushed ")
        assert rahul.sync_status().last_synced is not None
        assert rahul.sync_status().changes_waiting == 0
    finally:
        status.shutdown()


def test_the_words_say_what_the_last_sync_refused_and_left_on_the_server() -> None:
    now = dt.datetime(2026, 12, 4, 15, 30, tzinfo=LOCAL)
    today = dt.datetime(2026, 12, 4, 13, 2, tzinfo=dt.UTC)
    refused = ("patient 6b1c: nothing pulled, it does not verify: session 9f: no longer matches the signature",)
    left = tuple(f"the intake of patient {n}: not taken" for n in range(7))
    text, tip = clinic_words(SyncStatus(True, today, 0, True, refused=refused, left=left), now)
    assert text == "Clinic: synced 14:02 · no changes waiting · 1 patient refused · 7 records left on the server"
    assert tip == (
        "The clinic server answers.\n\nRefused by the last sync, nothing of it taken (ask the clinic's owner):\n• "
        + refused[0]
        + "\n\nLeft on the clinic server by the last sync:"
        + "".join(f"\n• the intake of patient {n}: not taken" for n in range(5))
        + "\n… and 2 more"
    )
    text, _ = clinic_words(SyncStatus(True, today, 0, True, refused=refused * 2, left=left[:1]), now)
    assert text.endswith(" · 2 patients refused · 1 record left on the server")


def test_a_patient_refused_by_the_apps_sync_is_said_in_the_status_bar_until_a_sync_takes_it(
    qtbot: QtBot, tmp_path: Path, server: EmptyDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    rahul = laptop(tmp_path / "rahul.sqlite", server, RAHUL, "rahul")
    meera = laptop(tmp_path / "meera.sqlite", server, MEERA, "meera")
    try:
        meera.hold_whole_clinic(True)
        pid = rahul.create_patient(Patient("Lata Roy", dt.date(1979, 2, 3))).patient_id
        session = Session(
            dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC),
            therapist=RAHUL,
            subjective="headaches twice a week",
            contraindication_override_reason=NO_RECORDS_REASON,
        )
        rahul.sign_session(rahul.add_session(pid, session).session_id, RAHUL, passphrase=KEY_PASSPHRASE)
        sync(rahul, PASSWORD)
        with server.superuser() as su:  # what only someone above every guard could do
            su.execute("ALTER TABLE clinic.sessions DISABLE TRIGGER USER")
            su.execute("UPDATE clinic.sessions SET body = jsonb_set(body, '{pain_before}', '2')")

        monkeypatch.setenv(CLINIC_PASSWORD_ENV, PASSWORD)
        with shown(qtbot, meera) as window:
            label = window.clinic_label
            with qtbot.waitSignal(window.clinic_status.synced, timeout=30_000):
                QTest.keyClick(activate(qtbot, window).table, Qt.Key.Key_F5)
            assert label.text().endswith(" · 1 patient refused")
            uid = rahul.patient(pid).uid
            assert f"\n• Lata Roy (patient {uid}): nothing pulled, it does not verify: " in label.toolTip()
            assert meera.patient_ids() == []

        with shown(qtbot, meera) as window:  # kept with the sync: said after a restart too
            assert window.clinic_label.text().endswith(" · 1 patient refused")

            with server.superuser() as su:  # the row put back as it was signed
                su.execute("UPDATE clinic.sessions SET body = jsonb_set(body, '{pain_before}', 'null')")
                su.execute("ALTER TABLE clinic.sessions ENABLE TRIGGER USER")
            with qtbot.waitSignal(window.clinic_status.synced, timeout=30_000):
                QTest.keyClick(activate(qtbot, window).table, Qt.Key.Key_F5)
            assert "refused" not in window.clinic_label.text()
            assert len(meera.patient_ids()) == 1
    finally:
        rahul.close()
        meera.close()


def test_file_menu_says_and_changes_which_patients_the_laptop_holds_and_the_next_sync_follows(
    qtbot: QtBot, tmp_path: Path, server: EmptyDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    rahul = laptop(tmp_path / "rahul.sqlite", server, RAHUL, "rahul")
    meera = laptop(tmp_path / "meera.sqlite", server, MEERA, "meera")
    try:
        meeras = meera.create_patient(Patient("Mina Das", dt.date(1990, 1, 2))).patient_id
        sync(meera, PASSWORD)
        monkeypatch.setenv(CLINIC_PASSWORD_ENV, PASSWORD)
        with shown(qtbot, rahul) as window:
            action = window.holdings_action
            [file_menu] = [m for m in window.findChildren(QMenu) if m.title() == "&File"]
            assert action in file_menu.actions()
            assert (action.isVisible(), action.isCheckable(), action.isChecked()) == (True, True, False)
            with qtbot.waitSignal(window.clinic_status.synced, timeout=30_000):
                QTest.keyClick(activate(qtbot, window).table, Qt.Key.Key_F5)
            assert rahul.patient_ids() == []  # his own patients: none yet, and Mina is Meera's

            action.trigger()  # ticked
            link = rahul.clinic_link()
            assert link is not None
            assert (action.isChecked(), link.whole_clinic) == (True, True)
            assert window.statusBar().currentMessage() == (
                "From the next sync, this laptop holds every patient of the clinic you may see."
            )
            assert rahul.history(None, limit=5)[0].summary == "holds every patient of the clinic"
            with qtbot.waitSignal(window.clinic_status.synced, timeout=30_000):
                QTest.keyClick(activate(qtbot, window).table, Qt.Key.Key_F5)
            assert [rahul.patient(p).uid for p in rahul.patient_ids()] == [meera.patient(meeras).uid]

            action.trigger()  # unticked: Mina stays held
            link = rahul.clinic_link()
            assert link is not None
            assert (action.isChecked(), link.whole_clinic) == (False, False)
            assert len(rahul.patient_ids()) == 1
    finally:
        rahul.close()
        meera.close()
