"""Every choice and text control of the intake form, an adult's and a child's, walked by Tab from the
keyboard: what was chosen and typed is what the record holds, and what the form shows when reopened."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from cst_notes.services import Services
from cst_notes.ui.intake.intake_tab import IntakeTab
from cst_notes.ui.shell.main_window import MainWindow
from tests.ui.conftest import JOHN
from tests.ui.hands import intake_form, value_at
from tests.ui.walking import assert_walked_all, describe, pairs, shown_by_name, walk, walkable


def name_rows(tab: IntakeTab) -> None:
    """The checklists name their ticked boxes by place, as before errors are shown."""
    for section in (tab.form.history, tab.form.medical, tab.form.screening):
        section.register()


@pytest.mark.parametrize("who", [JOHN, "child"])
def test_intake_every_choice_and_text(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services, who: str
) -> None:
    tab = intake_form(qtbot, window, clinic[who])
    form, medical = tab.form, tab.form.medical
    assert form.birth_history.isVisible() == (who == "child")
    for rows in (medical.medications, medical.surgeries, medical.trauma):
        qtbot.mouseClick(rows.add_button, Qt.MouseButton.LeftButton)  # a row of each, to walk its cells
    done = walk(qtbot, form, form.history.intake_date, feedback=form.feedback)
    if who == "child":  # a seven-year-old: pregnancy is not asked (domain.intake.pregnancy_applies)
        hidden = {w: "not asked of a young child" for w in walkable(form) if not w.isVisibleTo(form)}
        assert sorted(describe(w) for w in hidden) == [
            "QCheckBox contraindications:high_risk_pregnancy",
            "QCheckBox pregnant",
            "QLineEdit contraindications:high_risk_pregnancy:note",
            "QLineEdit pregnancy_note",
        ]
    else:
        hidden = {w: "a child's only" for w in form.birth_history.findChildren(QWidget)}
    assert_walked_all(done, form, excluded=hidden)
    name_rows(tab)
    chosen, showed = done.names(form.feedback), done.shown(form.feedback)
    expected = {"complaint", "conditions[0].code", "medications[0].dose", "trauma[0].kind"}
    assert ("pregnancy_note" in chosen) == (who != "child")
    expected |= {"contraindications[0].note", "consent_given_by"}
    assert expected <= set(chosen)
    assert ("birth_history.delivery" in chosen) == (who == "child")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert not tab.is_editing(), tab.status_label.text()
    intake = services.intake(clinic[who])
    assert intake is not None
    assert pairs(chosen, intake, value_at) == []

    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)  # reopened: it shows what was typed
    name_rows(tab)
    reopened = shown_by_name(form, form.feedback)
    assert {name: reopened[name] for name in showed} == showed
