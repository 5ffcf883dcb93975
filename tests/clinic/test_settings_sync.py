"""The clinic-wide settings synced with the clinic server (issue 17): the letterhead, the paper and
how long records are kept are the clinic's, set by its owners and taken by every other laptop; a
laptop's own (the therapist its letterhead names, how it reads dates, when its screen locks) stay
its own. Two owners' offline edits are never written over one another: both kept, for a person."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from cst_notes.domain.clinic import SETTINGS_UID
from cst_notes.domain.conflicts import MINE, THEIRS
from cst_notes.domain.settings import CLINIC_WIDE, ClinicSettings
from cst_notes.services import Services
from cst_notes.services.clinic import sync
from cst_notes.ui.shell.conflicts_dialog import NONE_LEFT, SETTINGS_NAME, ConflictsDialog
from cst_notes.ui.shell.settings_dialog import SettingsDialog
from tests.clinic.clinic_data import PASSWORD
from tests.clinic.conftest import EmptyDatabase
from tests.clinic.test_app_status import shown
from tests.clinic.test_pull import laptop
from tests.ui.conftest import activate

LETTERHEAD = {
    "clinic_name": "Salt Lake Craniosacral Clinic",
    "address": "12 Purbachal, Salt Lake, Kolkata 700097",
    "phone": "033 2335 0000",
    "page_size": "Letter",
    "retention_years": 12,
    "logo_png": b"\x89PNG\r\n\x1a\n-a logo",
}


@pytest.fixture
def ana(tmp_path: Path, server: EmptyDatabase) -> Iterator[Services]:
    """The clinic's owner's laptop, joined as her role (an owner on the server too)."""
    services = laptop(tmp_path / "ana.sqlite", server, "Ana Owner", "ana")
    yield services
    services.close()


@pytest.fixture
def ana_at_home(tmp_path: Path, server: EmptyDatabase) -> Iterator[Services]:
    """A second laptop of the owner's, joined as the same role."""
    services = laptop(tmp_path / "ana-home.sqlite", server, "Ana Owner", "ana")
    yield services
    services.close()


def edit(services: Services, **changes: Any) -> None:
    services.save_settings(dataclasses.replace(services.settings(), **changes))


def letterhead_on(ana: Services, other: Services) -> None:
    """The owner sets the clinic's letterhead and syncs, then ``other`` syncs and takes it."""
    edit(ana, **LETTERHEAD)
    sync(ana, PASSWORD)
    sync(other, PASSWORD)


def on_server(server: EmptyDatabase) -> list[tuple[object, ...]]:
    with server.superuser() as su:
        return su.execute("SELECT version, body->>'clinic_name', body->>'phone' FROM clinic.settings").fetchall()


def test_the_owners_letterhead_reaches_every_laptop_and_each_keeps_its_own_settings(
    ana: Services, rahul: Services, server: EmptyDatabase
) -> None:
    edit(ana, **LETTERHEAD)
    edit(rahul, therapist_name="Rahul Sen", credentials="RCST", date_order="month_first", idle_lock_minutes=30)
    done = sync(ana, PASSWORD)
    assert done.pushed.settings == 1
    assert "and the clinic settings" in done.words()
    assert on_server(server) == [(1, LETTERHEAD["clinic_name"], LETTERHEAD["phone"])]
    got = sync(rahul, PASSWORD)
    assert got.pulled.settings == 1
    assert "the clinic settings set on the server taken" in got.words()
    mine = rahul.settings()
    assert {name: getattr(mine, name) for name in LETTERHEAD} == LETTERHEAD
    assert (mine.therapist_name, mine.credentials, mine.date_order, mine.idle_lock_minutes) == (
        "Rahul Sen",
        "RCST",
        "month_first",
        30,
    )
    [entry] = [e for e in rahul.history(limit=50) if e.entity == "settings" and "pulled" in e.summary]
    assert entry.actor == "Rahul Sen"
    assert sync(rahul, PASSWORD).pulled.settings == 0  # taken once
    assert rahul.sync_status().changes_waiting == 0


def test_a_therapists_laptop_takes_the_clinics_letterhead_back_and_the_server_refuses_her_role(
    ana: Services, rahul: Services, server: EmptyDatabase
) -> None:
    """Rahul's laptop holds the clinic's letterhead; his own edit of it is not the clinic's, so the
    next sync puts the clinic's back (audited); his role cannot write the settings on the server,
    nor can anyone remove them; the front desk reads them (it prints the letterhead)."""
    letterhead_on(ana, rahul)
    edit(rahul, clinic_name="Rahul's own practice")
    assert sync(rahul, PASSWORD).pushed.settings == 0
    assert rahul.settings().clinic_name == LETTERHEAD["clinic_name"]
    assert on_server(server) == [(1, LETTERHEAD["clinic_name"], LETTERHEAD["phone"])]
    with server.connect(f"{server.name}_rahul", PASSWORD) as conn, pytest.raises(psycopg.Error) as refused:
        conn.execute('UPDATE clinic.settings SET body = body || \'{"clinic_name": "Mine"}\', version = version + 1')
    assert "permission denied" in str(refused.value)
    with server.connect(f"{server.name}_ana", PASSWORD) as conn, pytest.raises(psycopg.Error) as denied:
        conn.execute("DELETE FROM clinic.settings")
    assert "permission denied" in str(denied.value)
    with psycopg.connect(server.url) as conn, pytest.raises(psycopg.Error) as removed:  # the database's owner
        conn.execute("DELETE FROM clinic.settings")
    assert "the clinic settings in clinic.settings are never removed" in str(removed.value)
    with server.connect(f"{server.name}_priya", PASSWORD) as conn:
        assert conn.execute("SELECT body->>'clinic_name' FROM clinic.settings").fetchone() == (
            LETTERHEAD["clinic_name"],
        )


def test_two_offline_edits_of_the_letterhead_by_the_owner_are_a_conflict_never_an_overwrite(
    ana: Services, ana_at_home: Services, server: EmptyDatabase
) -> None:
    letterhead_on(ana, ana_at_home)
    assert ana_at_home.settings().clinic_name == LETTERHEAD["clinic_name"]  # a new laptop of hers takes them
    edit(ana, phone="033 2335 1111")
    edit(ana_at_home, phone="033 2335 2222", email="desk@saltlakecst.in")
    assert sync(ana, PASSWORD).pushed.settings == 1
    done = sync(ana_at_home, PASSWORD)
    assert (done.pulled.conflicts, done.pushed.settings) == (1, 0)
    assert (ana_at_home.settings().phone, ana_at_home.settings().email) == ("033 2335 2222", "desk@saltlakecst.in")
    assert on_server(server) == [(2, LETTERHEAD["clinic_name"], "033 2335 1111")]
    [conflict] = ana_at_home.open_conflicts()
    assert conflict.patient_uid == SETTINGS_UID
    assert conflict.fields == ("email", "phone")
    assert sync(ana_at_home, PASSWORD).pulled.conflicts == 0  # one open conflict, not one per sync
    ana_at_home.resolve_conflict(conflict.id, {"phone": THEIRS, "email": MINE})
    assert (ana_at_home.settings().phone, ana_at_home.settings().email) == ("033 2335 1111", "desk@saltlakecst.in")
    assert sync(ana_at_home, PASSWORD).pushed.settings == 1
    with server.superuser() as su:
        assert su.execute("SELECT version, body->>'phone', body->>'email' FROM clinic.settings").fetchall() == [
            (3, "033 2335 1111", "desk@saltlakecst.in")
        ]
    assert sync(ana, PASSWORD).pulled.settings == 1
    assert (ana.settings().phone, ana.settings().email) == ("033 2335 1111", "desk@saltlakecst.in")
    resolved = [e.summary for e in ana_at_home.history(limit=50) if e.summary.startswith("resolved a conflict")]
    assert resolved == ["resolved a conflict of the clinic settings: chose field by field: email mine, phone theirs"]


def test_settings_on_the_server_that_break_a_rule_are_left_there_by_name_and_nothing_changes(
    ana: Services, rahul: Services, server: EmptyDatabase
) -> None:
    letterhead_on(ana, rahul)
    before = rahul.settings()
    with server.superuser() as su:  # a raw client, not the app
        su.execute(
            'UPDATE clinic.settings SET body = body || \'{"page_size": "B9", "retention_years": "ever"}\','
            " version = version + 1"
        )
    done = sync(rahul, PASSWORD)
    [left] = done.pulled.left
    assert left.startswith("the clinic settings: not taken, they do not verify: ")
    assert "clinic settings.retention_years: must be a whole number, not 'ever'" in left
    assert rahul.settings() == before


def test_a_new_laptop_of_a_clinic_with_no_settings_yet_gives_none_and_a_set_one_gives_its_own(
    ana: Services, rahul: Services, server: EmptyDatabase
) -> None:
    """Settings never set are not pushed as the clinic's (no empty version 1); the owner's, once set,
    are, and a laptop of hers that never set any takes them."""
    assert {n: getattr(ana.settings(), n) for n in CLINIC_WIDE} == {
        n: getattr(ClinicSettings(), n) for n in CLINIC_WIDE
    }
    assert sync(ana, PASSWORD).pushed.settings == 0
    assert on_server(server) == []
    edit(ana, clinic_name="Salt Lake Craniosacral Clinic")
    assert sync(ana, PASSWORD).pushed.settings == 1
    assert sync(rahul, PASSWORD).pulled.settings == 1


def test_the_conflict_screen_names_the_clinics_settings_and_a_click_per_field_resolves_them(
    qtbot: QtBot, ana: Services, ana_at_home: Services
) -> None:
    """In the app on the owner's second laptop: the conflict is listed as the clinic's settings, each
    differing field in words (the logo by its size, not its bytes), and clicks resolve it."""
    letterhead_on(ana, ana_at_home)
    edit(ana, phone="033 2335 1111")
    edit(ana_at_home, phone="033 2335 2222", logo_png=b"\x89PNG" + bytes(3000))
    sync(ana, PASSWORD)
    sync(ana_at_home, PASSWORD)
    with shown(qtbot, ana_at_home) as window:
        qtbot.waitUntil(lambda: "1 conflict to resolve" in window.clinic_label.text(), timeout=10_000)
        window.conflicts_action.trigger()
        dialog = window.conflicts_dialog
        assert isinstance(dialog, ConflictsDialog)
        activate(qtbot, dialog)
        assert dialog.list.item(0).text().startswith(f"{SETTINGS_NAME}\nfound ")
        assert "2 of the clinic-wide settings differ" in dialog.heading.text()
        assert {f: (b["mine"].text(), b["theirs"].text()) for f, b in dialog.choices.items()} == {
            "logo_png": ("A logo of 3 KB", "A logo of 1 KB"),
            "phone": ("033 2335 2222", "033 2335 1111"),
        }
        qtbot.mouseClick(dialog.choices["logo_png"]["mine"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.choices["phone"]["theirs"], Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(window.clinic_status.shown, timeout=5000):
            QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
        assert dialog.heading.text() == NONE_LEFT
        dialog.close()
    assert (ana_at_home.settings().phone, len(ana_at_home.settings().logo_png or b"")) == ("033 2335 1111", 3004)
    assert sync(ana_at_home, PASSWORD).pushed.settings == 1
    sync(ana, PASSWORD)
    assert ana.settings().logo_png == b"\x89PNG" + bytes(3000)


def test_the_settings_window_of_a_laptop_in_a_clinic_says_which_settings_are_the_clinics(
    qtbot: QtBot, rahul: Services, tmp_path: Path
) -> None:
    dialog = SettingsDialog(rahul)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.clinic_note.isVisible()
    assert dialog.clinic_note.text().startswith(
        "This laptop is joined to a clinic, and these are the clinic's: Clinic name; Address; Phone; E-mail; "
        "Footer text; Page size; Logo; Keep records for (years). "
    )
    alone = Services.open(tmp_path / "alone.sqlite")
    try:
        single = SettingsDialog(alone)
        qtbot.addWidget(single)
        single.show()
        assert not single.clinic_note.isVisible()
    finally:
        alone.close()
