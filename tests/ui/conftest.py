"""GUI fixtures: a main window on the in-memory services, and records built from the domain dataclasses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QTreeWidget, QTreeWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from cst_notes.domain.dates import DEFAULT_DATE_ORDER
from cst_notes.domain.intake import ConditionEntry, ContraindicationEntry, Intake
from cst_notes.domain.patient import Guardian, Patient
from cst_notes.domain.plan import FollowUpPlan, Goal
from cst_notes.domain.session import Restriction, Session
from cst_notes.services import Services
from cst_notes.ui.forms import unsaved_prompt
from cst_notes.ui.forms.unsaved_prompt import Choice
from cst_notes.ui.shell.main_window import MainWindow
from cst_notes.ui.widgets.date_edit import set_date_order
from tests.conftest import complete_intake

# The offscreen platform's "does not support propagateSizeHints()" warning is ignored in pyproject.toml.
W = TypeVar("W", bound=QWidget)


TODAY = dt.date.today()
AMIT, SUMITA, PRIYA, JOHN = "অমিত রায়", "সুমিতা দাস", "प्रिया शर्मा", "John Smith"


def years_ago(years: int, days: int = 0) -> dt.date:
    """The date ``years`` years before today (28 February for 29 February), minus ``days`` days."""
    try:
        day = TODAY.replace(year=TODAY.year - years)
    except ValueError:
        day = TODAY.replace(year=TODAY.year - years, day=28)
    return day - dt.timedelta(days=days)


def at(days_ago: int, hour: int = 10) -> dt.datetime:
    """An aware local time ``days_ago`` days before today."""
    local = dt.datetime.now().astimezone().tzinfo
    return dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(hour), local)


def add_patient(services: Services, name: str, born: dt.date, **fields: object) -> int:
    return services.create_patient(Patient(name, born, **fields)).patient_id  # type: ignore[arg-type]


@pytest.fixture
def clinic(services: Services) -> dict[str, int]:
    """Four adults (Bengali, Devanagari, Latin) and a child; Amit has contraindications, sessions and a plan;
    Sumita a complete intake (screened, consented); Priya, John and the child none."""
    ids = {
        AMIT: add_patient(services, AMIT, dt.date(1979, 4, 2), sex="male", preferred_name="অমিত"),
        SUMITA: add_patient(services, SUMITA, dt.date(1988, 9, 17), sex="female"),
        PRIYA: add_patient(services, PRIYA, dt.date(1992, 1, 30), preferred_name="Priya"),
        JOHN: add_patient(services, JOHN, dt.date(1970, 12, 1)),
        "child": add_patient(
            services,
            "ঋতম সেন",
            years_ago(4),
            guardian=Guardian("মৌমিতা সেন", "mother", "+91 98300 55555", True, TODAY - dt.timedelta(days=3)),
        ),
    }
    services.save_intake(ids[SUMITA], complete_intake(TODAY - dt.timedelta(days=30)))  # sessions start freely
    amit = ids[AMIT]
    services.save_intake(
        amit,
        Intake(
            TODAY - dt.timedelta(days=60),
            complaint="Headaches after long days at the computer",
            conditions=(ConditionEntry("migraine_headache"),),
            contraindications=(ContraindicationEntry("cerebral_aneurysm"), ContraindicationEntry("epilepsy")),
        ),
    )
    for n in range(3):
        restrictions = (Restriction("diaphragm.respiratory", "midline", "moderate"),) * n
        services.add_session(
            amit,
            Session(
                at(40 - 14 * n),
                duration_minutes=45 + 15 * n,
                pain_before=7 - n,
                pain_after=5 - n,
                restrictions=restrictions,
                contraindication_override_reason="Cleared by the neurologist",
            ),
        )
    services.add_plan(
        amit,
        FollowUpPlan(
            TODAY - dt.timedelta(days=10),
            frequency="fortnightly",
            next_appointment=TODAY + dt.timedelta(days=5),
            goals=(Goal("Headache days per month below 4", "headache diary"),),
        ),
    )
    return ids


class Prompts:
    """Stands in for the "Save changes?" question: records it and gives the queued answers.

    With no answer queued it discards (as when pytest-qt closes a dirty form after a test).
    """

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.answers: list[Choice] = []

    def __call__(self, _parent: QWidget | None, what: str) -> Choice:
        self.asked.append(what)
        return self.answers.pop(0) if self.answers else Choice.DISCARD


@pytest.fixture(autouse=True)
def day_first() -> Iterator[None]:
    """Each test starts with the default date order, whatever a test set in the clinic settings."""
    yield
    set_date_order(DEFAULT_DATE_ORDER)


@pytest.fixture(autouse=True)
def prompts(monkeypatch: pytest.MonkeyPatch) -> Prompts:
    """No test ever blocks on the modal question; a test queues the answers it gives and checks ``asked``."""
    fake = Prompts()
    monkeypatch.setattr(unsaved_prompt, "ask_unsaved", fake)
    return fake


def show_active(qtbot: QtBot, widget: W) -> W:
    """Show a top-level widget and make it the active window: shortcuts need one."""
    qtbot.addWidget(widget)
    widget.show()
    return activate(qtbot, widget)


def activate(qtbot: QtBot, widget: W) -> W:
    """Make a shown window (a dialog opened by the app, say) the active one, as a click on it would."""
    qtbot.waitExposed(widget)
    handle = widget.windowHandle()
    assert handle is not None
    handle.requestActivate()  # the offscreen platform activates only on request
    qtbot.waitUntil(widget.isActiveWindow, timeout=2000)
    return widget


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> MainWindow:
    return show_active(qtbot, MainWindow(services, "/clinics/practice.sqlite"))


def tree_item(tree: QTreeWidget, row: int) -> QTreeWidgetItem:
    """The top-level item at ``row``, which must be there (Qt answers None past the end)."""
    item = tree.topLevelItem(row)
    assert item is not None, f"no row {row} of {tree.topLevelItemCount()}"
    return item


def child_item(parent: QTreeWidgetItem, row: int) -> QTreeWidgetItem:
    """The child item at ``row``, which must be there."""
    item = parent.child(row)
    assert item is not None, f"no child {row} of {parent.childCount()}"
    return item


def table_item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """The item in a cell, which must be there (Qt answers None for an empty cell)."""
    item = table.item(row, column)
    assert item is not None, f"no item at ({row}, {column})"
    return item


def header_item(table: QTableWidget, column: int) -> QTableWidgetItem:
    """The horizontal header's item for ``column``, which must be there."""
    item = table.horizontalHeaderItem(column)
    assert item is not None, f"no header item for column {column}"
    return item


def open_chart(window: MainWindow, patient_id: int) -> None:
    """Select the patient in the list and open the chart, as Enter on the list does."""
    assert window.select_patient(patient_id)
    assert window.open_chart(patient_id)


def ctrl(qtbot: QtBot, key: Qt.Key, widget: QWidget, shift: bool = False) -> None:
    """Ctrl+key (Ctrl+Shift+key) pressed in ``widget``."""
    modifiers = Qt.KeyboardModifier.ControlModifier
    if shift:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(widget, key, modifiers)
