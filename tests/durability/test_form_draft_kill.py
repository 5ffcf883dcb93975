"""Text typed into a form or a dialog survives kill -9: at the next start its draft is offered back,
restores into the same form or dialog on its record, and saves. Each is typed into by an app process
of its own, all at once."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cst_notes.domain.patient import Patient
from cst_notes.domain.plan import FollowUpPlan
from cst_notes.domain.session import Session
from cst_notes.services import Services
from cst_notes.ui.forms.draft_keeper import DRAFT_DELAY_MS
from cst_notes.ui.shell.main_window import MainWindow
from cst_notes.ui.signing.signed_panel import AddendumDialog
from tests.conftest import complete_intake
from tests.durability.form_typing import BIRTH_DATE
from tests.ui.conftest import activate, ctrl, show_active

REPO = Path(__file__).resolve().parents[2]
FORMS = ("intake", "plan", "new_patient", "details")
DIALOGS = ("session_addendum", "intake_addendum", "override", "close_course", "screening_change")
TEXT = {
    "intake": "বাঁ কাঁধে ব্যথা, তিন সপ্তাহ",
    "plan": "रोज़ सुबह गर्दन की हल्की कसरत",
    "new_patient": "সুমিতা দাস",
    "details": "12 Park Street, কলকাতা",
    "session_addendum": "সংশোধন: still point about 2 minutes, not 5",
    "intake_addendum": "Cleared by the neurologist (स्नायु विशेषज्ञ) on the phone",
    "override": "মৌখিক সম্মতি আজ; intake at the next visit",
    "close_course": "No reply to two messages",
    "screening_change": "after a lumbar puncture",
}


@dataclass
class Killed:
    db: Path
    patient_id: int


def typed_then_killed(folder: Path) -> dict[str, Killed]:
    """Each form typed into by an app of its own on a database of its own; then every app killed."""
    killed, children = {}, {}
    for form in FORMS + DIALOGS:
        db = folder / f"{form}.sqlite"
        services = Services.open(db)
        patient_id = services.create_patient(Patient("Kill Test", dt.date(1980, 1, 1), sex="female")).patient_id
        assert patient_id is not None
        if form in ("plan", "close_course"):
            services.add_plan(patient_id, FollowUpPlan(dt.date.today(), frequency="weekly"))
        if form in ("session_addendum", "intake_addendum"):
            services.save_intake(patient_id, complete_intake(dt.date.today()))
            services.sign_intake(patient_id, "Meera Sen")
        if form == "session_addendum":
            session_id = services.add_session(patient_id, Session(dt.datetime.now(dt.UTC))).session_id
            services.sign_session(session_id, "Meera Sen")
        services.close()
        children[form] = subprocess.Popen(
            [sys.executable, "-m", "tests.durability.form_typing", str(db), form, str(patient_id), TEXT[form]],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        killed[form] = Killed(db, patient_id)
    for child in children.values():
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "typed", child.stderr.read() if child.stderr else ""
    time.sleep(DRAFT_DELAY_MS / 1000 + 1.0)  # the draft interval after the last key, and a little more
    for child in children.values():
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert child.returncode == -signal.SIGKILL
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()
    return killed


@pytest.fixture(scope="module")
def killed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Killed]:
    return typed_then_killed(tmp_path_factory.mktemp("killed"))


@pytest.fixture
def next_start(qtbot: QtBot) -> Iterator[list[Services]]:
    """The services of "the next start", closed after the test's windows."""
    started: list[Services] = []
    yield started
    for services in started:
        services.close()


KEYS = {
    "intake": "intake:patient:",
    "plan": "plan:patient:",
    "new_patient": "new_patient",
    "details": "patient:patient:",
    "session_addendum": "addendum:session:",
    "intake_addendum": "addendum:intake:patient:",
    "override": "override:patient:",
    "close_course": "close_course:patient:",
    "screening_change": "screening:found:patient:",
}
WHAT = {
    "intake": "intake",
    "plan": "plan",
    "new_patient": "new patient",
    "details": "details",
    "session_addendum": "addendum to the session of",
    "intake_addendum": "addendum to the intake",
    "override": "reason to treat",
    "close_course": "closing of the course of care",
    "screening_change": "screening change",
}


@pytest.mark.parametrize("form", FORMS)
def test_typed_text_is_offered_back_after_a_kill(
    form: str, killed: dict[str, Killed], next_start: list[Services], qtbot: QtBot
) -> None:
    k = killed[form]
    services = Services.open(k.db)
    next_start.append(services)
    window = show_active(qtbot, MainWindow(services, str(k.db)))
    assert window.drafts_bar.isVisible()
    [(key, (label, restore, _))] = window.drafts_bar.rows.items()
    assert key.startswith(KEYS[form])
    assert WHAT[form] in label.text().casefold(), label.text()
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    tabs = window.chart.tabs
    if form in ("new_patient", "details"):
        dialog = window.new_patient_dialog
        assert dialog is not None
        activate(qtbot, dialog)
        if form == "new_patient":
            assert (dialog.edits["full_name"].text(), dialog.birth_date_edit.text()) == (TEXT[form], BIRTH_DATE)
        else:
            assert dialog.address_edit.toPlainText() == TEXT[form]
        ctrl(qtbot, Qt.Key.Key_S, dialog.edits["full_name"])
        assert not dialog.isVisible()
        if form == "new_patient":
            assert [s.birth_date for s in services.patient_summaries() if s.full_name == TEXT[form]] == [
                dt.date(1985, 3, 14)
            ]
        else:
            assert services.patient(k.patient_id).address == TEXT[form]
    elif form == "intake":
        intake_tab = tabs.intake_tab
        assert intake_tab.is_editing()
        assert intake_tab.form.history.texts["complaint"].toPlainText() == TEXT[form]
        qtbot.mouseClick(intake_tab.save_button, Qt.MouseButton.LeftButton)
        intake = services.intake(k.patient_id)
        assert intake is not None
        assert intake.complaint == TEXT[form]
    else:
        tab = tabs.plan_tab
        assert tab.is_editing()
        assert tab.form.home_care.toPlainText() == TEXT[form]
        assert tab.form.frequency.code() == "weekly"  # the new plan started from the current one, as typed
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
        assert [p.home_care for p in services.plans(k.patient_id) if p.is_current] == [TEXT[form]]
    assert services.drafts() == []


@pytest.mark.parametrize("form", DIALOGS)
def test_text_typed_into_a_dialog_is_offered_back_in_it_after_a_kill(
    form: str, killed: dict[str, Killed], next_start: list[Services], qtbot: QtBot
) -> None:
    k = killed[form]
    services = Services.open(k.db)
    next_start.append(services)
    window = show_active(qtbot, MainWindow(services, str(k.db)))
    [(key, (label, restore, _))] = window.drafts_bar.rows.items()
    assert key.startswith(KEYS[form])
    assert WHAT[form] in label.text(), label.text()
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    tabs, pid, text = window.chart.tabs, k.patient_id, TEXT[form]
    if form == "session_addendum":
        editor = tabs.sessions_tab.session_editor
        assert editor is not None
        qtbot.addWidget(editor)
        addendum = editor.commands.dialog
        assert isinstance(addendum, AddendumDialog)
        assert addendum.text_edit.toPlainText() == text
        qtbot.mouseClick(activate(qtbot, addendum).ok_button, Qt.MouseButton.LeftButton)
        assert [a.text for s in services.sessions(pid) for a in s.addenda] == [text]
    elif form == "intake_addendum":
        dialog = tabs.intake_tab.note_dialog
        assert isinstance(dialog, AddendumDialog)
        assert dialog.text_edit.toPlainText() == text
        qtbot.mouseClick(activate(qtbot, dialog).ok_button, Qt.MouseButton.LeftButton)
        intake = services.intake(pid)
        assert intake is not None
        assert [a.text for a in intake.addenda] == [text]
    elif form == "override":
        override = tabs.sessions_tab.override_dialog
        assert override is not None
        assert override.reason_edit.toPlainText() == text
        qtbot.mouseClick(activate(qtbot, override).proceed_button, Qt.MouseButton.LeftButton)
        editor = tabs.sessions_tab.session_editor
        assert editor is not None
        qtbot.addWidget(editor)
        activate(qtbot, editor)
        ctrl(qtbot, Qt.Key.Key_S, editor.header.started_edit)
        assert [s.contraindication_override_reason for s in services.sessions(pid)] == [text]
    elif form == "close_course":
        closing = tabs.plan_tab.close_dialog
        assert closing is not None
        assert closing.note.text() == text
        activate(qtbot, closing)
        qtbot.keyClicks(closing.reason, "Stopped")  # the reason, chosen from the keyboard
        qtbot.mouseClick(closing.ok_button, Qt.MouseButton.LeftButton)
        assert [p.closing_note for p in services.plans(pid)] == [text]
    else:
        screening = window.chart.screening_dialog
        assert screening is not None
        change = screening.change_dialog
        assert change is not None
        assert change.note.text() == text
        activate(qtbot, change)
        qtbot.keyClicks(change.code, "CSF")
        qtbot.mouseClick(change.ok_button, Qt.MouseButton.LeftButton)
        assert [c.note for c in services.screening_changes(pid)] == [text]
    assert services.drafts() == []
