"""The practice's menu actions, driven as a user would; questions answered by a fake asker."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel, QMenu
from pytestqt.qtbot import QtBot

from cst_notes.domain.patient import Patient
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import Session
from cst_notes.services import Services, encrypt_database
from cst_notes.ui.documents.export_dialog import PdfExportDialog
from cst_notes.ui.documents.patient_copy_dialog import PatientCopyDialog
from cst_notes.ui.patients.list_model import Column
from cst_notes.ui.shell.main_window import MainWindow
from cst_notes.ui.shell.practice_menu import PracticeMenu
from cst_notes.ui.shell.startup import restore_and_reopen
from tests.conftest import NO_RECORDS_REASON
from tests.ui.conftest import activate, show_active
from tests.ui.hands import press
from tests.ui.shell.test_startup import FakePrompts


@dataclass
class FakeAsker:
    backup: Path | None = None
    yes: bool = True
    folder: Path | None = None
    told: list[tuple[str, str, bool]] = field(default_factory=list)

    def choose_backup(self, folder: Path) -> Path | None:
        return self.backup

    def confirm(self, title: str, text: str) -> bool:
        return self.yes

    def choose_folder(self, title: str) -> Path | None:
        return self.folder

    def tell(self, title: str, text: str, *, error: bool = False) -> None:
        self.told.append((title, text, error))


@pytest.fixture
def clinic(file_services: Services) -> Services:
    file_services.create_demo_clinic(6, 3, seed=3)
    return file_services


def window_with(qtbot: QtBot, services: Services, asker: FakeAsker) -> tuple[MainWindow, PracticeMenu]:
    window = show_active(qtbot, MainWindow(services, "clinic.sqlite"))
    window.practice.asker = asker
    return window, window.practice


def menu_texts(window: MainWindow, title: str) -> list[str]:
    menu = next(m for m in window.findChildren(QMenu) if m.title() == title)
    return [a.text() for a in menu.actions() if a.text()]


def test_the_menus_offer_the_practice_actions(qtbot: QtBot, clinic: Services) -> None:
    window, _ = window_with(qtbot, clinic, FakeAsker())
    assert "Clinic &settings…" in menu_texts(window, "&File")
    assert "&Restore from a backup…" in menu_texts(window, "&File")
    assert "E&xport PDF…" in menu_texts(window, "&Patient")
    assert menu_texts(window, "&Patient")[-1] == "&Privacy mode (initials only)"


def test_privacy_mode_shows_initials_in_the_list_and_the_header(qtbot: QtBot, clinic: Services) -> None:
    window, actions = window_with(qtbot, clinic, FakeAsker())
    first = clinic.patient_summaries()[0]
    window.open_chart(first.id)
    actions.privacy_action.trigger()
    shown = window.model.index(0, Column.NAME).data()
    assert first.full_name not in shown
    assert shown.endswith(".")
    assert window.chart.header.name_label.text() == shown
    assert window.model.index(0, Column.NAME).data(Qt.ItemDataRole.ToolTipRole) is None  # no full name in a tooltip
    actions.privacy_action.trigger()
    assert first.full_name in window.model.index(0, Column.NAME).data()
    assert first.full_name in window.chart.header.name_label.text()


def test_back_up_now_tells_where_the_checked_copy_went(qtbot: QtBot, clinic: Services) -> None:
    asker = FakeAsker()
    _, actions = window_with(qtbot, clinic, asker)
    path = actions.back_up_now()
    assert path is not None
    assert path.exists()
    assert asker.told[-1][0] == "Backed up"
    assert str(path) in asker.told[-1][1]


def test_back_up_now_is_kept_when_the_app_closes_the_same_day(qtbot: QtBot, clinic: Services) -> None:
    _, actions = window_with(qtbot, clinic, FakeAsker())
    path = actions.back_up_now()
    clinic.back_up_on_closing()  # what closing the app does
    assert path is not None
    assert path.exists()


def test_back_up_to_writes_a_checked_copy_into_the_folder_chosen(
    qtbot: QtBot, clinic: Services, tmp_path: Path
) -> None:
    drive = tmp_path / "usb-drive"
    drive.mkdir()
    asker = FakeAsker(folder=drive)
    window, _ = window_with(qtbot, clinic, asker)
    action = next(a for a in window.findChildren(QAction) if a.text() == "Back &up to…")
    assert action in next(m for m in window.findChildren(QMenu) if m.title() == "&File").actions()
    action.trigger()
    [path] = list(drive.iterdir())
    copy = Services.open(path, migrate=False)
    assert copy.check().ok
    assert copy.counts() == clinic.counts()
    copy.close()
    assert asker.told == [("Backed up", asker.told[0][1], False)]
    assert str(path) in asker.told[0][1]


def test_back_up_to_a_folder_that_cannot_be_written_says_why_and_writes_nothing(
    qtbot: QtBot, clinic: Services, unwritable_folder: Path
) -> None:
    before = sorted(p.name for p in unwritable_folder.iterdir())
    asker = FakeAsker(folder=unwritable_folder)
    _, actions = window_with(qtbot, clinic, asker)
    assert actions.back_up_to() is None
    [(title, text, error)] = asker.told
    assert (title, error) == ("Backup failed", True)
    assert f"{unwritable_folder} cannot be written to" in text
    assert sorted(p.name for p in unwritable_folder.iterdir()) == before


def test_back_up_to_asks_for_a_folder_and_does_nothing_when_cancelled(qtbot: QtBot, clinic: Services) -> None:
    asker = FakeAsker(folder=None)
    _, actions = window_with(qtbot, clinic, asker)
    assert actions.back_up_to() is None
    assert asker.told == []


def test_restore_asks_then_hands_the_backup_to_the_app(qtbot: QtBot, clinic: Services) -> None:
    backup = clinic.back_up_now()
    asker = FakeAsker(backup=backup, yes=False)
    _, actions = window_with(qtbot, clinic, asker)
    assert actions.restore() is None  # declined: nothing happens
    asker.yes = True
    with qtbot.waitSignal(actions.restore_requested) as signal:
        actions.restore()
    assert signal.args == [backup]


def test_restore_and_reopen_brings_back_the_backup(clinic: Services, db_path: Path) -> None:
    backup = clinic.back_up_now()
    pid = clinic.patient_summaries()[0].id
    plans_at_backup = len(clinic.plans(pid))
    clinic.add_plan(pid, clinic.plans(pid)[-1])  # a change after the backup
    reopened = restore_and_reopen(clinic, db_path, backup, FakePrompts())
    assert reopened is not None
    assert len(reopened.plans(pid)) == plans_at_backup
    assert list(db_path.parent.glob("clinic.replaced-*.sqlite"))
    reopened.close()


def test_restore_and_reopen_keeps_an_encrypted_database_encrypted(db_path: Path, tmp_path: Path) -> None:
    services = Services.open(db_path)
    pid = services.create_patient(Patient("Ishaan Marwah-Quillfeather", dt.date(1980, 5, 1))).patient_id
    (tmp_path / "usb").mkdir()
    plain_backup = services.back_up_to(tmp_path / "usb")  # made before the database was encrypted
    services.close()
    encrypt_database(db_path, "correct horse")
    services = Services.open(db_path, key="correct horse")
    prompts = FakePrompts()
    reopened = restore_and_reopen(services, db_path, plain_backup, prompts)
    assert prompts.errors == []
    assert reopened is not None
    assert reopened.patient(pid).full_name == "Ishaan Marwah-Quillfeather"
    reopened.close()
    assert db_path.read_bytes()[:16] != b"SQLite format 3\0"
    assert b"Quillfeather" not in db_path.read_bytes()


def test_restore_and_reopen_asks_for_an_encrypted_backups_passphrase(db_path: Path, tmp_path: Path) -> None:
    services = Services.open(db_path)
    pid = services.create_patient(Patient("Ishaan Marwah-Quillfeather", dt.date(1980, 5, 1))).patient_id
    backup = services.back_up_to(tmp_path)
    encrypt_database(backup, "correct horse")  # its own backups folder is not there: the file alone
    prompts = FakePrompts(passphrases=["correct horse"])
    reopened = restore_and_reopen(services, db_path, backup, prompts)
    assert prompts.asked == ["first"]
    assert prompts.errors == []
    assert reopened is not None
    assert reopened.passphrase == "correct horse"
    assert reopened.patient(pid).full_name == "Ishaan Marwah-Quillfeather"
    reopened.close()


def test_the_retention_list_and_the_history_open(qtbot: QtBot, clinic: Services) -> None:
    window, actions = window_with(qtbot, clinic, FakeAsker())
    dialog = actions.retention_list()
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert dialog.isVisible()
    assert any("No record has passed its retention date" in t for t in texts)
    dialog.close()
    assert actions.history() is None  # no chart open
    window.open_chart(clinic.patient_summaries()[0].id)
    history = actions.history()
    assert history is not None
    assert history.isVisible()


def test_the_patient_copy_writes_the_record_as_pdf_and_json(qtbot: QtBot, clinic: Services, tmp_path: Path) -> None:
    asker = FakeAsker(folder=tmp_path)
    window, actions = window_with(qtbot, clinic, asker)
    pid = clinic.patient_summaries()[0].id
    assert actions.patient_copy() is None  # no chart open
    window.open_chart(pid)
    dialog = actions.patient_copy()
    assert dialog is not None
    activate(qtbot, dialog)
    press(qtbot, Qt.Key.Key_Return)  # nothing ticked: the choose-a-folder button
    [pdf] = tmp_path.glob("*.pdf")
    [document] = tmp_path.glob("*.json")
    assert pdf.stem == document.stem
    assert pdf.name.startswith(f"{pid:05d}-")
    assert pdf.read_bytes().startswith(b"%PDF")
    data = json.loads(document.read_text(encoding="utf-8"))
    assert data["format"] == "cst-notes"
    assert len(data["patients"]) == 1
    assert data["patients"][0]["uid"] == clinic.patient(pid).uid
    assert "Left out: the assessments and the private notes." in asker.told[-1][1]


PRIVATE = "Spoke about the divorce."
ASSESSMENT = "Suspect a whiplash pattern behind the headaches."


def test_the_patient_copy_holds_the_working_notes_only_when_ticked(
    qtbot: QtBot, file_services: Services, tmp_path: Path
) -> None:
    pid = file_services.create_patient(Patient("Ishaan Marwah", dt.date(1980, 5, 1))).patient_id
    session = Session(
        dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC),
        subjective="Headaches",
        assessment=ASSESSMENT,
        private_notes=PRIVATE,
        contraindication_override_reason=NO_RECORDS_REASON,
    )
    file_services.sign_session(file_services.add_session(pid, session).session_id, "Anita Bose")
    plain, ticked = tmp_path / "plain", tmp_path / "ticked"
    plain.mkdir()
    ticked.mkdir()
    window, actions = window_with(qtbot, file_services, FakeAsker(folder=plain))
    window.open_chart(pid)
    dialog = actions.patient_copy()
    assert isinstance(dialog, PatientCopyDialog)
    activate(qtbot, dialog)
    press(qtbot, Qt.Key.Key_Return)
    [document] = plain.glob("*.json")
    assert PRIVATE not in document.read_text(encoding="utf-8")
    assert ASSESSMENT not in document.read_text(encoding="utf-8")
    actions.asker = FakeAsker(folder=ticked)
    dialog = actions.patient_copy()
    assert isinstance(dialog, PatientCopyDialog)
    activate(qtbot, dialog)
    box = dialog.assessment
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # on its tick box
    press(qtbot, Qt.Key.Key_Return)
    [document] = ticked.glob("*.json")
    assert ASSESSMENT in document.read_text(encoding="utf-8")
    assert PRIVATE not in document.read_text(encoding="utf-8")
    [pdf] = ticked.glob("*.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "whiplash" in text
    assert "divorce" not in text


def test_export_pdf_opens_the_export_dialog_for_the_open_patient(qtbot: QtBot, clinic: Services) -> None:
    window, actions = window_with(qtbot, clinic, FakeAsker())
    assert actions.export_pdf() is None  # no chart open
    window.open_chart(clinic.patient_summaries()[0].id)
    dialog = actions.export_pdf()
    assert dialog is not None
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: getattr(dialog, "pdf", None) is not None)  # the preview follows a short debounce
    assert getattr(dialog, "pdf", b"").startswith(b"%PDF")
    dialog.close()


def test_the_export_dialog_takes_the_open_charts_record_as_it_is_now(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, clinic: Services
) -> None:
    """Issue 18: reading the record again made a third of the dialog's opening (57-87 ms on a
    100-session chart). The chart's record follows every change: a session saved after the chart
    opened is in the dialog."""
    window, actions = window_with(qtbot, clinic, FakeAsker())
    pid = clinic.patient_summaries()[0].id
    window.open_chart(pid)
    started = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
    change = clinic.add_session(pid, Session(started_at=started, therapist="Anita Bose", subjective="Slept well."))
    window.changed.emit(change)  # as the session editor's Save does
    reads: list[int] = []
    original = Services.record

    def record(services: Services, patient_id: int) -> PatientRecord:
        reads.append(patient_id)
        return original(services, patient_id)

    monkeypatch.setattr(Services, "record", record)
    dialog = actions.export_pdf()
    assert isinstance(dialog, PdfExportDialog)
    assert reads == []  # not read again
    assert [s.id for s in dialog.sessions] == [
        s.id for s in sorted(original(clinic, pid).sessions, key=lambda s: s.started_at, reverse=True)
    ]
    assert change.session_ids[0] in [s.id for s in dialog.sessions]
    dialog.close()


def has_preview(dialog: QDialog) -> bool:
    return getattr(dialog, "pdf", None) is not None


def test_a_closed_export_dialog_is_gone_with_its_pages(qtbot: QtBot, clinic: Services) -> None:
    """The front desk opens and closes the export dialog all day: each one closed is deleted, pages
    and all, not kept until the window closes."""
    window, actions = window_with(qtbot, clinic, FakeAsker())
    window.open_chart(clinic.patient_summaries()[0].id)
    for _ in range(3):
        dialog = actions.export_pdf()
        assert dialog is not None
        activate(qtbot, dialog)
        qtbot.waitUntil(partial(has_preview, dialog))
        press(qtbot, Qt.Key.Key_Escape)
        del dialog
        qtbot.waitUntil(lambda: not window.findChildren(PdfExportDialog))
    assert actions.open_dialogs == []
