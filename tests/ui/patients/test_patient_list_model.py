"""The patient list model: columns, the contraindication marker, the filter, one query per refresh."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from cst_notes.domain.patient import Guardian, Patient
from cst_notes.domain.plan import FollowUpPlan
from cst_notes.domain.summaries import PatientSummary
from cst_notes.services import Services
from cst_notes.ui.patients.list_model import ALERT_COLOUR, BLOCK, HEADERS, Column, PatientListModel
from tests.ui.conftest import AMIT, JOHN, PRIYA, SUMITA, TODAY, at, years_ago


def names(model: PatientListModel) -> list[str]:
    return [model.summary(row).full_name for row in range(model.rowCount())]


def cell(model: PatientListModel, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return model.data(model.index(row, column), role)


def test_an_empty_list_is_a_valid_model(qtmodeltester: ModelTester, services: Services) -> None:
    model = PatientListModel(services)
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == list(HEADERS)


def test_a_full_list_is_a_valid_model_through_filtering(
    qtmodeltester: ModelTester, services: Services, clinic: dict[str, int]
) -> None:
    model = PatientListModel(services)
    qtmodeltester.check(model)
    model.set_filter("রায়")
    model.set_filter("")
    assert model.rowCount() == len(clinic)


def test_columns_show_what_a_therapist_reads(services: Services, clinic: dict[str, int]) -> None:
    model = PatientListModel(services)
    row = model.row_of(clinic[AMIT])
    assert row is not None
    assert model.patient_id(row) == clinic[AMIT]
    assert cell(model, row, Column.NAME) == "অমিত রায় (অমিত)"  # the preferred name, as it differs
    assert cell(model, row, Column.AGE) == str(TODAY.year - 1979 - ((TODAY.month, TODAY.day) < (4, 2)))
    assert cell(model, row, Column.BIRTH_DATE) == "1979-04-02"
    assert cell(model, row, Column.SESSIONS) == "3"
    assert cell(model, row, Column.LAST_SESSION) == at(12).date().isoformat()
    assert cell(model, row, Column.NEXT_APPOINTMENT) == (TODAY + dt.timedelta(days=5)).isoformat()


def test_only_absolute_contraindications_get_the_red_marker(services: Services, clinic: dict[str, int]) -> None:
    model = PatientListModel(services)
    marked = [model.patient_id(r) for r in range(model.rowCount()) if cell(model, r, Column.ALERT) == "⚠"]
    assert marked == [clinic[AMIT]]
    row = model.row_of(clinic[AMIT])
    assert row is not None
    assert cell(model, row, Column.ALERT, Qt.ItemDataRole.ForegroundRole).color() == ALERT_COLOUR
    assert "1 absolute contraindication" in cell(model, row, Column.ALERT, Qt.ItemDataRole.ToolTipRole)
    john = model.row_of(clinic[JOHN])
    assert john is not None
    assert cell(model, john, Column.ALERT) == ""
    assert cell(model, john, Column.ALERT, Qt.ItemDataRole.ToolTipRole) is None


def test_a_child_shows_age_and_guardian(services: Services, clinic: dict[str, int]) -> None:
    model = PatientListModel(services)
    row = model.row_of(clinic["child"])
    assert row is not None
    assert cell(model, row, Column.AGE) == "4"
    assert "Guardian: মৌমিতা সেন" in cell(model, row, Column.NAME, Qt.ItemDataRole.ToolTipRole)
    assert cell(model, row, Column.SESSIONS) == "0"
    assert cell(model, row, Column.LAST_SESSION) == cell(model, row, Column.NEXT_APPOINTMENT) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("রায়", [AMIT]),
        ("দাস", [SUMITA]),
        ("शर्मा", [PRIYA]),
        ("priya", [PRIYA]),  # the preferred name, any case
        ("SMITH", [JOHN]),
        ("  smith ", [JOHN]),
        ("nobody", []),
    ],
)
def test_the_filter_narrows_the_list_in_any_script(
    services: Services, clinic: dict[str, int], text: str, expected: list[str]
) -> None:
    model = PatientListModel(services)
    model.set_filter(text)
    assert names(model) == expected
    assert model.filter_text == text


def test_the_list_asks_for_ids_once_and_for_rows_a_block_at_a_time(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No query per row: a refresh asks for the ids, painting asks for rows a block at a time."""
    for n in range(BLOCK * 2 + 50):
        services.create_patient(Patient(f"Patient {n:04d}", dt.date(1980, 1, 1) + dt.timedelta(days=n)))
    id_calls: list[str] = []
    row_calls: list[int] = []
    real_ids, real_rows = services.patient_ids, services.summaries_of

    def counting_ids(name_filter: str = "") -> list[int]:
        id_calls.append(name_filter)
        return real_ids(name_filter)

    def counting_rows(ids: list[int]) -> dict[int, PatientSummary]:
        row_calls.append(len(ids))
        return real_rows(ids)

    monkeypatch.setattr(services, "patient_ids", counting_ids)
    monkeypatch.setattr(services, "summaries_of", counting_rows)
    model = PatientListModel(services)
    assert row_calls == []  # nothing painted yet
    for _ in range(2):  # painting the whole list twice: each block is fetched once
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    model.data(model.index(row, column), role)
    assert row_calls == [BLOCK, BLOCK, 50]
    assert cell(model, BLOCK * 2 + 49, Column.NAME) == "Patient 0249"
    model.set_filter("Patient 01")
    assert id_calls == ["", "Patient 01"]
    assert model.rowCount() == 100
    assert cell(model, 99, Column.NAME) == "Patient 0199"


def test_a_baby_is_months_old(services: Services) -> None:
    services.create_patient(Patient("Baby", years_ago(0, 70), guardian=Guardian("Mum", "mother")))
    model = PatientListModel(services)
    assert cell(model, 0, Column.AGE).endswith("months")


def test_an_appointment_already_past_is_not_shown_as_the_next(services: Services, clinic: dict[str, int]) -> None:
    passed = TODAY - dt.timedelta(days=2)
    services.add_plan(clinic[JOHN], FollowUpPlan(TODAY - dt.timedelta(days=20), next_appointment=passed))
    model = PatientListModel(services, today=lambda: TODAY)
    row = model.row_of(clinic[JOHN])
    assert row is not None
    assert cell(model, row, Column.NEXT_APPOINTMENT) == ""
    tip = cell(model, row, Column.NEXT_APPOINTMENT, Qt.ItemDataRole.ToolTipRole)
    assert tip == f"The appointment planned for {passed.isoformat()} has passed: none is booked"
    on_the_day = PatientListModel(services, today=lambda: passed)
    assert cell(on_the_day, row, Column.NEXT_APPOINTMENT) == passed.isoformat()
