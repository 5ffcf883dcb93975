"""The due list on the main window: appointments and plan reviews overdue or within 7 days, and plans
whose frequency has passed without a session; overdue in red; it follows changes; Enter opens the chart."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cst_notes.domain.plan import FollowUpPlan
from cst_notes.domain.session import Session
from cst_notes.services import Services
from cst_notes.ui.patients.due_list import OVERDUE, DueList, DueModel
from cst_notes.ui.shell.main_window import MainWindow
from tests.conftest import NO_RECORDS_REASON
from tests.ui.conftest import TODAY, add_patient, at


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def hand_built(services: Services) -> dict[str, int]:
    """Four patients with plans; three are due (worked out by hand in the test below)."""
    ids = {name: add_patient(services, name, dt.date(1980, 1, 1)) for name in ("Ada", "Ben", "Cleo", "Dev")}
    # Ada: next appointment in 3 days; plan made 2 days ago, weekly: no session due yet.
    services.add_plan(ids["Ada"], FollowUpPlan(days(-2), "weekly", next_appointment=days(3)))
    # Ben: plan review 2 days ago; "as needed" has no interval.
    services.add_plan(ids["Ben"], FollowUpPlan(days(-40), "as_needed", review_date=days(-2)))
    # Cleo: weekly plan, last session 20 days ago, no appointment booked: a session was due 13 days ago.
    services.add_plan(ids["Cleo"], FollowUpPlan(days(-30), "weekly"))
    services.add_session(ids["Cleo"], Session(at(20), contraindication_override_reason=NO_RECORDS_REASON))
    # Dev: fortnightly, seen 5 days ago, next appointment in 30 days: nothing due.
    services.add_plan(ids["Dev"], FollowUpPlan(days(-30), "fortnightly", next_appointment=days(30)))
    services.add_session(ids["Dev"], Session(at(5), contraindication_override_reason=NO_RECORDS_REASON))
    return ids


def rows(view: DueList) -> list[tuple[str, str]]:
    model = view.model
    return [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]


def test_the_due_list_matches_the_hand_computed_cases(services: Services, window: MainWindow) -> None:
    hand_built(services)
    view = window.patients_pane.due
    view.refresh()
    assert rows(view) == [
        ("Cleo", f"Session due {days(-13).isoformat()} (13 days overdue)"),
        ("Ben", f"Plan review {days(-2).isoformat()} (2 days overdue)"),
        ("Ada", f"Next appointment {days(3).isoformat()} (in 3 days)"),
    ]
    assert view.toggle.text() == "Due (3)"
    assert "2 overdue" in view.counts.text()
    assert "1 within 7 days" in view.counts.text()
    red = view.model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(red, QBrush)
    assert red.color() == OVERDUE
    assert view.model.index(2, 1).data(Qt.ItemDataRole.ForegroundRole) is None  # not overdue: not red
    tip = view.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "longer than the plan's frequency" in tip  # the short "Session due" explained


def test_enter_on_an_item_opens_the_chart(qtbot: QtBot, services: Services, window: MainWindow) -> None:
    ids = hand_built(services)
    window.changed.emit(services.update_patient(services.patient(ids["Ada"])))  # any change: list and due redraw
    view = window.patients_pane.due
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(1, 0))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.chart.patient_id == ids["Ben"]
    assert window.selected_patient_id() == ids["Ben"]


def test_the_list_follows_changes_and_folds_away(qtbot: QtBot, services: Services, window: MainWindow) -> None:
    view = window.patients_pane.due
    assert view.model.rowCount() == 0
    assert view.counts.text() == "Nothing due in the next 7 days."
    patient_id = add_patient(services, "Eve", dt.date(1990, 1, 1))
    change = services.add_plan(patient_id, FollowUpPlan(TODAY, "weekly", next_appointment=days(1)))
    window.changed.emit(change)
    qtbot.waitUntil(lambda: rows(view) == [("Eve", f"Next appointment {days(1).isoformat()} (tomorrow)")])
    assert view.table.isVisible()
    view.toggle.click()
    assert not view.table.isVisible()
    view.toggle.click()
    assert view.table.isVisible()


def test_privacy_mode_shows_initials(services: Services, window: MainWindow) -> None:
    hand_built(services)
    view = window.patients_pane.due
    view.refresh()
    window.practice.privacy_action.setChecked(True)
    assert [name for name, _ in rows(view)] == ["C.", "B.", "A."]


def test_the_model(qtmodeltester: ModelTester, services: Services) -> None:
    hand_built(services)
    model = DueModel()
    model.set_items(services.due(), TODAY)
    assert model.rowCount() == 3
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.index(0, 0, QModelIndex()).data() == "Cleo"
    qtmodeltester.check(model)
