"""The patient list model: columns, the contraindication marker, the filter, one query per refresh."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from cst_notes.domain.patient import Guardian, Patient
from cst_notes.domain.summaries import PatientSummary
from cst_notes.services import Services
from cst_notes.ui.patient_list_model import (
    AGE,
    ALERT,
    ALERT_COLOUR,
    BIRTH_DATE,
    HEADERS,
    LAST_SESSION,
    NAME,
    NEXT_APPOINTMENT,
    SESSIONS,
    PatientListModel,
)
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
    assert cell(model, row, NAME) == "অমিত রায় (অমিত)"  # the preferred name, as it differs
    assert cell(model, row, AGE) == str(TODAY.year - 1979 - ((TODAY.month, TODAY.day) < (4, 2)))
    assert cell(model, row, BIRTH_DATE) == "1979-04-02"
    assert cell(model, row, SESSIONS) == "3"
    assert cell(model, row, LAST_SESSION) == at(12).date().isoformat()
    assert cell(model, row, NEXT_APPOINTMENT) == (TODAY + dt.timedelta(days=5)).isoformat()


def test_only_absolute_contraindications_get_the_red_marker(services: Services, clinic: dict[str, int]) -> None:
    model = PatientListModel(services)
    marked = [model.patient_id(r) for r in range(model.rowCount()) if cell(model, r, ALERT) == "⚠"]
    assert marked == [clinic[AMIT]]
    row = model.row_of(clinic[AMIT])
    assert cell(model, row, ALERT, Qt.ItemDataRole.ForegroundRole).color() == ALERT_COLOUR
    assert "1 absolute contraindication" in cell(model, row, ALERT, Qt.ItemDataRole.ToolTipRole)
    john = model.row_of(clinic[JOHN])
    assert cell(model, john, ALERT) == ""
    assert cell(model, john, ALERT, Qt.ItemDataRole.ToolTipRole) is None


def test_a_child_shows_age_and_guardian(services: Services, clinic: dict[str, int]) -> None:
    model = PatientListModel(services)
    row = model.row_of(clinic["child"])
    assert cell(model, row, AGE) == "4"
    assert "Guardian: মৌমিতা সেন" in cell(model, row, NAME, Qt.ItemDataRole.ToolTipRole)
    assert cell(model, row, SESSIONS) == "0"
    assert cell(model, row, LAST_SESSION) == cell(model, row, NEXT_APPOINTMENT) == ""


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


def test_each_refresh_asks_the_services_once(
    services: Services, clinic: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = services.patient_summaries

    def counting(name_filter: str = "") -> list[PatientSummary]:
        calls.append(name_filter)
        return real(name_filter)

    monkeypatch.setattr(services, "patient_summaries", counting)
    model = PatientListModel(services)
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                model.data(model.index(row, column), role)
    model.set_filter("দাস")
    assert calls == ["", "দাস"]


def test_a_baby_is_months_old(services: Services) -> None:
    services.create_patient(Patient("Baby", years_ago(0, 70), guardian=Guardian("Mum", "mother")))
    model = PatientListModel(services)
    assert cell(model, 0, AGE).endswith("months")
