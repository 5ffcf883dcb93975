"""The clinic settings dialog and the history of changes, driven as a user would."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cst_notes.domain.dates import DAY_FIRST
from cst_notes.domain.patient import Patient
from cst_notes.domain.session import Restriction, Session
from cst_notes.services import Services
from cst_notes.ui.shell.history_view import HistoryView
from cst_notes.ui.shell.settings_dialog import SettingsDialog
from cst_notes.ui.widgets.privacy import Privacy
from tests.conftest import complete_intake
from tests.ui.conftest import show_active


def test_settings_are_saved_and_shown_again(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    dialog = show_active(qtbot, SettingsDialog(services))
    dialog.edits["clinic_name"].setText("শান্তি Craniosacral Practice")
    dialog.edits["therapist_name"].setText("Anita Bose")
    dialog.address.setPlainText("12 Park Street, Kolkata 700016")
    dialog.page_size.set_code("Letter")
    dialog.retention.setValue(12)
    logo = tmp_path / "logo.png"
    image = QImage(600, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    image.save(str(logo))
    dialog.load_logo_file(logo)
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    stored = services.settings()
    assert stored.clinic_name == "শান্তি Craniosacral Practice"
    assert stored.page_size == "Letter"
    assert stored.retention_years == 12
    assert stored.logo_png is not None
    assert QImage.fromData(stored.logo_png).width() == 256  # scaled to the stored size
    again = SettingsDialog(services)
    qtbot.addWidget(again)
    assert again.edits["therapist_name"].text() == "Anita Bose"
    assert again.page_size.code() == "Letter"


def test_a_file_that_is_not_an_image_is_refused_with_a_message(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    bad = tmp_path / "logo.png"
    bad.write_text("not an image")
    dialog.load_logo_file(bad)
    assert "not an image" in dialog.feedback.message("logo_png")
    assert services.settings().logo_png is None


# Printable text only (a control character is refused first, with its own message), over 200
# characters once the spaces at its ends are trimmed (as the name is stored).
PRINTABLE = st.characters(exclude_categories=("Cc", "Cs"))


@given(st.text(PRINTABLE, min_size=201, max_size=260).filter(lambda s: len(s.strip()) > 200))
@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
def test_an_over_long_name_is_refused_and_nothing_saved(qtbot: QtBot, services: Services, name: str) -> None:
    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    dialog.edits["clinic_name"].setText(name)
    dialog.save()
    assert dialog.feedback.is_marked("clinic_name")
    assert "too long" in dialog.feedback.message("clinic_name")
    assert services.settings().clinic_name == ""


def test_the_history_shows_who_changed_what(qtbot: QtBot, qtmodeltester: ModelTester, services: Services) -> None:
    services.set_actor("Anita Bose")
    pid = services.create_patient(Patient("অমিত রায়", dt.date(1980, 1, 1))).patient_id
    services.update_patient(replace(services.patient(pid), phone="+91 98300 00000"))
    view = HistoryView(services, pid)
    qtbot.addWidget(view)
    qtmodeltester.check(view.model)
    assert view.model.rowCount() == 2
    newest = [view.model.index(0, c).data() for c in range(4)]
    assert newest[1] == "Anita Bose"
    assert newest[2].startswith("Changed patient")
    assert newest[3] == "Phone"
    assert "Phone: — → +91 98300 00000" in view.details.toPlainText()
    view.table.selectRow(1)
    assert "Created patient" in view.details.toPlainText()
    assert "অমিত রায়" in view.details.toPlainText()


def test_the_history_in_privacy_mode_names_an_imported_patient_by_initials(qtbot: QtBot, services: Services) -> None:
    elsewhere = Services.open(":memory:")
    pid = elsewhere.create_patient(Patient("Selam Haile Mariam", dt.date(1990, 5, 17), phone="+251 911 000")).patient_id
    services.import_document(elsewhere.export_document(pid))
    elsewhere.close()
    [summary] = services.patient_summaries()
    services.update_patient(replace(services.patient(summary.id), full_name="Selam Haile"))  # renamed since
    view = HistoryView(services, summary.id, Privacy(on=True))
    qtbot.addWidget(view)
    whats = [view.model.index(row, 2).data() for row in range(view.model.rowCount())]
    assert whats == ["Changed patient: S. H.", "Imported patient: S. H. M.: 0 sessions, 0 plans"]
    view.table.selectRow(0)
    assert "Full name: S. H. M. → S. H." in view.details.toPlainText()


def test_the_history_speaks_plain_words_not_json_or_field_names(qtbot: QtBot, services: Services) -> None:
    services.save_settings(replace(services.settings(), date_order=DAY_FIRST))
    pid = services.create_patient(Patient("Emma Smith", dt.date(1985, 3, 14), sex="female")).patient_id
    services.update_patient(replace(services.patient(pid), birth_date=dt.date(1985, 3, 15), sex="unspecified"))
    services.save_intake(pid, complete_intake(dt.date.today()))
    first = Session(
        dt.datetime.now(dt.UTC) - dt.timedelta(hours=2),
        therapist="Ravi",
        consent_renewed=True,
        pain_before=5,
        global_impression=2,
        restrictions=(Restriction("cranial.temporal", "left", "mild"),),
    )
    session_id = services.add_session(pid, first).session_id
    later = replace(
        services.session(session_id),
        pain_before=6,
        global_impression=3,
        restrictions=(Restriction("cranial.temporal", "right", "mild", "after the fall"),),
    )
    services.update_session(later)
    view = HistoryView(services, pid)
    qtbot.addWidget(view)
    assert view.model.index(0, 3).data() == "Global impression of change, Pain before, Areas of restriction"
    details = view.details.toPlainText()
    assert "Global impression of change: Much improved → Minimally improved" in details
    assert "Pain before: 5 → 6" in details
    local = view.model.entries[0].changed_at.astimezone()
    assert view.model.index(0, 0).data() == f"{local:%d/%m/%Y %H:%M}"  # the clinic writes the day first
    assert f"{local:%d/%m/%Y %H:%M} by " in details
    assert "Areas of restriction: Temporal bone, left, mild → Temporal bone, right, mild (after the fall)" in details

    patient_change = next(n for n, e in enumerate(view.model.entries) if e.action == "update" and e.entity == "patient")
    assert view.model.index(patient_change, 3).data() == "Date of birth, Sex / gender"
    view.table.selectRow(patient_change)
    details = view.details.toPlainText()
    assert "Date of birth: 14/03/1985 → 15/03/1985" in details
    assert "Sex / gender: Female → Prefer not to say" in details
    for row in range(view.model.rowCount()):
        view.table.selectRow(row)
        shown = view.details.toPlainText() + " ".join(str(view.model.index(row, c).data()) for c in range(4))
        assert not re.search(r"[{}\[\]\"]|[a-z]_[a-z]", shown), shown  # no JSON, no field names
