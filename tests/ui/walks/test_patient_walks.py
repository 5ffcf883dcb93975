"""Every choice and text control of the new patient and edit details dialogs, walked by Tab from the
keyboard: what was chosen and typed is what the record holds, and what the dialog shows when reopened."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from cst_notes.services import Services
from cst_notes.ui.shell.main_window import MainWindow
from tests.ui.conftest import AMIT, activate, ctrl
from tests.ui.hands import new_patient_dialog, type_into, value_at
from tests.ui.walking import assert_walked_all, pairs, shown_by_name, walk

EMAILS = {"email": "asha.rao@example.in"}


def test_new_patient_every_choice_and_text(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    dialog = new_patient_dialog(qtbot, window)
    type_into(qtbot, dialog.birth_date_edit, (dt.date.today() - dt.timedelta(days=2000)).isoformat())  # a child
    assert dialog.guardian_box.isVisible()
    done = walk(qtbot, dialog, dialog.edits["full_name"], feedback=dialog.feedback, texts=EMAILS)
    assert_walked_all(done, dialog)
    chosen = done.names(dialog.feedback)
    assert {"full_name", "sex", "address", "guardian.relation", "guardian.consent_given"} <= set(chosen)
    ctrl(qtbot, Qt.Key.Key_S, dialog.edits["full_name"])
    assert not dialog.isVisible(), dialog.feedback.message("full_name")
    [summary] = [s for s in services.patient_summaries() if s.full_name == chosen["full_name"]]
    patient = services.patient(summary.id)
    assert pairs(chosen, patient, value_at) == []

    again = activate(qtbot, window.edit_details(summary.id))  # reopened: it shows what was typed
    assert {name: shown for name, shown in shown_by_name(again, again.feedback).items() if name in chosen} == chosen
    again.reject()


def test_edit_details_every_choice_and_text(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow, services: Services
) -> None:
    dialog = activate(qtbot, window.edit_details(clinic[AMIT]))
    done = walk(qtbot, dialog, dialog.edits["full_name"], feedback=dialog.feedback, texts=EMAILS)
    hidden = {w: "an adult's: hidden" for w in dialog.guardian_box.findChildren(QWidget)}
    assert_walked_all(done, dialog, excluded=hidden)
    chosen = done.names(dialog.feedback)
    ctrl(qtbot, Qt.Key.Key_S, dialog.edits["full_name"])
    assert not dialog.isVisible()
    assert pairs(chosen, services.patient(clinic[AMIT]), value_at) == []
    again = activate(qtbot, window.edit_details(clinic[AMIT]))
    assert {name: shown for name, shown in shown_by_name(again, again.feedback).items() if name in chosen} == chosen
    again.reject()
