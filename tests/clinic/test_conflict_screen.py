"""The conflict screen (issue 17): on the laptop that synced second, the status bar counts the
conflict, File ▸ Resolve clinic conflicts… shows both versions of each differing field, a person ticks
one side per field, and the patient's details become those, audited and pushed on the next sync."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from cst_notes.domain import keys
from cst_notes.domain.dates import written
from cst_notes.services import Services
from cst_notes.services.clinic import sync
from cst_notes.ui.shell.conflicts_dialog import NONE_LEFT, ConflictsDialog
from cst_notes.ui.shell.main_window import MainWindow
from tests.clinic import test_plan_sync as plan_sync
from tests.clinic.clinic_data import PASSWORD
from tests.clinic.test_app_status import shown
from tests.clinic.test_conflicts import in_conflict
from tests.ui.conftest import activate
from tests.ui.hands import alt_key_clashes


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


def edit(services: Services, patient_id: int, **changes: Any) -> None:
    services.update_patient(dataclasses.replace(services.patient(patient_id), **changes))


@pytest.fixture
def conflict(rahul: Services, meera: Services) -> tuple[int, int]:
    """Meera's laptop holds a conflict of Lata's details: phone, e-mail and address differ."""
    pid, mpid, _uid = in_conflict(rahul, meera, address="12 Lake Road")
    assert meera.conflict_count() == 1
    return pid, mpid


def file_menu(window: MainWindow) -> QMenu:
    return next(m for m in window.findChildren(QMenu) if m.title() == "&File")


def test_the_status_bar_counts_the_conflict_and_a_field_by_field_choice_resolves_it(
    qtbot: QtBot, rahul: Services, meera: Services, conflict: tuple[int, int]
) -> None:
    pid, mpid = conflict
    with shown(qtbot, meera) as window:
        qtbot.waitUntil(lambda: "1 conflict to resolve" in window.clinic_label.text(), timeout=10_000)
        assert "both versions are kept until you choose" in window.clinic_label.toolTip()
        assert window.conflicts_action in file_menu(window).actions()
        assert window.conflicts_action.isVisible()
        assert window.conflicts_action.isEnabled()
        window.conflicts_action.trigger()
        dialog = window.conflicts_dialog
        assert isinstance(dialog, ConflictsDialog)
        activate(qtbot, dialog)
        assert dialog.list.count() == 1
        assert dialog.list.item(0).text().startswith("Lata Roy\nfound ")
        # every field that differs, each side's value in words; the two sides' own edits
        assert {f: (b["mine"].text(), b["theirs"].text()) for f, b in dialog.choices.items()} == {
            "address": ("—", "12 Lake Road"),
            "email": ("lata@example.org", "—"),
            "phone": ("0333", "0222"),
        }
        assert not dialog.resolve_button.isEnabled()  # nothing ticked yet
        assert alt_key_clashes(dialog) == {}
        assert dialog.focusWidget() is dialog.list  # where it opens
        QTest.keyClick(dialog.list, Qt.Key.Key_Tab)  # from the list, Tab goes to the first field
        assert dialog.focusWidget() is dialog.choices["address"]["mine"]
        qtbot.mouseClick(dialog.choices["phone"]["theirs"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.choices["email"]["mine"], Qt.MouseButton.LeftButton)
        assert not dialog.resolve_button.isEnabled()  # the address is not ticked
        qtbot.mouseClick(dialog.choices["address"]["theirs"], Qt.MouseButton.LeftButton)
        assert dialog.resolve_button.isEnabled()
        assert dialog.focusWidget() is dialog.choices["address"]["theirs"]  # the last one clicked
        with qtbot.waitSignal(window.clinic_status.shown, timeout=5000):
            QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # Enter resolves, as ticked
        assert dialog.heading.text() == NONE_LEFT
        assert dialog.list.count() == 0
        assert "conflict" not in window.clinic_label.text()
        assert not window.conflicts_action.isEnabled()
        dialog.close()

    lata = meera.patient(mpid)
    assert (lata.phone, lata.email, lata.address) == ("0222", "lata@example.org", "12 Lake Road")
    assert meera.conflict_count() == 0
    [entry] = [e for e in meera.history(mpid, limit=100) if e.summary.startswith("resolved a conflict")]
    assert (
        entry.summary
        == "resolved a conflict of details: chose field by field: address theirs, email mine, phone theirs"
    )
    sync(meera, PASSWORD)
    sync(rahul, PASSWORD)
    mine = rahul.patient(pid)
    assert (mine.phone, mine.email, mine.address) == ("0222", "lata@example.org", "12 Lake Road")


def test_all_of_one_side_is_one_key_and_resolves_as_that_side(
    qtbot: QtBot, meera: Services, conflict: tuple[int, int]
) -> None:
    _pid, mpid = conflict
    with shown(qtbot, meera) as window:
        window.conflicts_action.trigger()
        dialog = window.conflicts_dialog
        assert isinstance(dialog, ConflictsDialog)
        activate(qtbot, dialog)
        QTest.keyClick(dialog, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # All of t&his laptop's
        qtbot.waitUntil(dialog.resolve_button.isEnabled, timeout=1000)
        assert all(b["mine"].isChecked() for b in dialog.choices.values())
        QTest.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # &Resolve
        qtbot.waitUntil(lambda: meera.conflict_count() == 0, timeout=2000)
        dialog.close()
    lata = meera.patient(mpid)
    assert (lata.phone, lata.email, lata.address) == ("0333", "lata@example.org", "")
    [entry] = [e for e in meera.history(mpid, limit=100) if e.summary.startswith("resolved a conflict")]
    assert entry.summary == "resolved a conflict of details: kept this laptop's version"


def test_a_laptop_with_no_conflict_has_the_entry_disabled_and_says_none(qtbot: QtBot, meera: Services) -> None:
    with shown(qtbot, meera) as window:
        assert window.conflicts_action.isVisible()
        assert not window.conflicts_action.isEnabled()
        assert "conflict" not in window.clinic_label.text()


def test_a_plan_in_conflict_is_listed_by_its_patient_and_date_and_resolved_field_by_field(
    qtbot: QtBot, rahul: Services, meera: Services
) -> None:
    pid, mpid, _uid, _plan_uid = plan_sync.in_conflict(rahul, meera)
    with shown(qtbot, meera) as window:
        qtbot.waitUntil(lambda: "1 conflict to resolve" in window.clinic_label.text(), timeout=10_000)
        window.conflicts_action.trigger()
        dialog = window.conflicts_dialog
        assert isinstance(dialog, ConflictsDialog)
        activate(qtbot, dialog)
        made = written(plan_sync.PLAN.created_on, meera.settings().date_order)
        assert dialog.list.item(0).text().startswith(f"Lata Roy · follow-up plan of {made}\nfound ")
        listed = dialog.list.visualItemRect(dialog.list.item(0))  # the whole entry in sight: no sideways scroll
        assert listed.width() <= dialog.list.viewport().width()
        assert listed.height() >= 2 * dialog.list.fontMetrics().height()  # its two lines, or more wrapped
        assert dialog.heading.text() == f"<b>Lata Roy</b>: 2 of the follow-up plan of {made} differ."
        assert {f: (b["mine"].text(), b["theirs"].text()) for f, b in dialog.choices.items()} == {
            "estimated_sessions": ("10", "6"),
            "home_care": ("Swim twice a week.", "Rest after sessions."),
        }
        QTest.keyClick(dialog.list, Qt.Key.Key_Tab)
        assert dialog.focusWidget() is dialog.choices["estimated_sessions"]["mine"]
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)  # ticks this laptop's 10 sessions
        qtbot.mouseClick(dialog.choices["home_care"]["theirs"], Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(window.clinic_status.shown, timeout=5000):
            QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
        assert dialog.heading.text() == NONE_LEFT
        dialog.close()
    plan = meera.plans(mpid)[-1]
    assert (plan.home_care, plan.estimated_sessions) == ("Rest after sessions.", 10)
    [entry] = [e for e in meera.history(mpid, limit=100) if e.summary.startswith("resolved a conflict")]
    assert entry.summary == (
        f"resolved a conflict of the follow-up plan of {plan_sync.PLAN.created_on.isoformat()}: "
        "chose field by field: estimated_sessions mine, home_care theirs"
    )
    sync(meera, PASSWORD)
    sync(rahul, PASSWORD)
    assert (rahul.plans(pid)[-1].home_care, rahul.plans(pid)[-1].estimated_sessions) == ("Rest after sessions.", 10)
