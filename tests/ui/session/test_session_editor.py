"""The session editor, used as a therapist would: chart a whole session, save, reopen and find every value;
an impossible rate on the way shows its message and saves nothing."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QWidget
from pytestqt.qtbot import QtBot

from cst_notes.domain import vocabulary as V
from cst_notes.domain.session import (
    AdverseReaction,
    Restriction,
    RhythmFinding,
    Session,
    SessionEvent,
    TechniqueApplied,
)
from cst_notes.domain.settings import ClinicSettings
from cst_notes.services import Services
from cst_notes.ui.rhythm.model import AMPLITUDE, NOTE, PHASE, QUALITY, RATE, SYMMETRY
from cst_notes.ui.session.editor import SessionEditor
from cst_notes.ui.session.form import NOTES, OUTCOMES, RESTRICTIONS, RHYTHM, TECHNIQUES
from tests.ui.conftest import AMIT, SUMITA, show_active
from tests.ui.rhythm.test_rhythm_grid import type_in_cell

THERAPIST = "Meera Sen"
BENGALI = "ঘাড়ে ব্যথা, রাতে ঘুম ভাঙে। মাথাব্যথা সপ্তাহে তিনবার।"
DEVANAGARI = "गर्दन में जकड़न कम हुई"


# --- helpers (also used by the other session editor tests) ----------------------------------------


def open_editor(
    qtbot: QtBot, services: Services, patient_id: int, session_id: int | None = None, initial: Session | None = None
) -> SessionEditor:
    editor = SessionEditor(services, patient_id, session_id, initial)
    editor.resize(1280, 860)
    return show_active(qtbot, editor)


def press(qtbot: QtBot, key: Qt.Key | str, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key where the focus is, as when a person types."""
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def tick(qtbot: QtBot, box: QCheckBox) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def mark_region(qtbot: QtBot, editor: SessionEditor, code: str, side: str, severity: str, note: str = "") -> None:
    """Click the region on the body map at its position, then fill in the dialog that opens."""
    editor.tabs.setCurrentIndex(RESTRICTIONS)
    body_map = editor.restrictions.body_map
    qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=body_map.region_center(code, side))
    dialog = editor.restrictions.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.severity_combo.set_code(severity)
    dialog.note_edit.setText(note)
    click(qtbot, dialog.ok_button)


def local(days_ago: int, hour: int, minute: int = 0) -> dt.datetime:
    day = dt.date.today() - dt.timedelta(days=days_ago)
    return dt.datetime.combine(day, dt.time(hour, minute)).astimezone()


def set_started(qtbot: QtBot, editor: SessionEditor, when: dt.datetime) -> None:
    """Type the start day first, as the clinic writes it, then the time."""
    click(qtbot, editor.header.started_edit)
    press(qtbot, "a", Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.header.started_edit, f"{when:%d/%m/%Y %H:%M}")
    press(qtbot, Qt.Key.Key_Tab)


def type_number(qtbot: QtBot, spin: QWidget, text: str) -> None:
    spin.setFocus()
    press(qtbot, "a", Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, text)


# --- charting a whole session -----------------------------------------------------------------------


def test_chart_a_whole_session_save_reopen_and_find_every_value(
    qtbot: QtBot, services: Services, clinic: dict[str, int]
) -> None:
    services.save_settings(ClinicSettings(therapist_name=THERAPIST))
    pid = clinic[SUMITA]
    editor = open_editor(qtbot, services, pid)
    assert editor.header.therapist_edit.text() == THERAPIST
    assert editor.header.duration_spin.value() == 60
    assert not editor.header.reason_cell.isVisible()  # no contraindication on record
    assert "Private notes — not in patient documents" in editor.soap.private_title.text()

    # the header
    when = local(1, 10, 30)
    set_started(qtbot, editor, when)
    type_number(qtbot, editor.header.duration_spin, "75")
    tick(qtbot, editor.header.consent_check)
    # the notes
    editor.soap.edits["subjective"].setPlainText(BENGALI)
    editor.soap.edits["objective"].setPlainText("Rhythm reduced at the occiput")
    editor.soap.edits["assessment"].setPlainText(DEVANAGARI)
    editor.soap.edits["plan"].setPlainText("Weekly for 4 weeks")
    editor.soap.edits["response"].setPlainText("Relaxed; fell asleep during the CV-4")
    editor.soap.edits["private_notes"].setPlainText("SER: spoke about the accident")
    tick(qtbot, editor.soap.reactions.boxes["mild_soreness"])
    editor.soap.reactions.notes["mild_soreness"].setText("neck, eased by the evening")
    # the outcomes
    press(qtbot, "5", Qt.KeyboardModifier.ControlModifier)
    assert editor.tabs.currentIndex() == OUTCOMES
    type_number(qtbot, editor.outcomes.spins["pain_before"], "7")
    type_number(qtbot, editor.outcomes.spins["pain_after"], "4")
    assert editor.outcomes.change_label.text() == "Change: −3 (clinically meaningful)"
    editor.outcomes.spins["headache_days"].setValue(6)
    editor.outcomes.spins["sleep_quality"].setValue(4)
    editor.outcomes.spins["stress_level"].setValue(8)
    editor.outcomes.impression.set_code("2")

    # the rhythm: typed into the grid
    press(qtbot, "2", Qt.KeyboardModifier.ControlModifier)
    assert editor.tabs.currentIndex() == RHYTHM
    grid = editor.grid
    type_in_cell(qtbot, grid, grid.cell("heels", "left", RATE), "8.5")
    type_in_cell(qtbot, grid, grid.cell("heels", "right", RATE), "9")
    type_in_cell(qtbot, grid, grid.cell("occiput", "both", RATE), "18")
    assert grid.warning_label.isVisible()
    assert "18 cycles/min is outside the usual 4–16" in grid.warning_label.text()
    model = grid.model
    for column, value in ((AMPLITUDE, "3"), (SYMMETRY, "restricted_left"), (QUALITY, "weak"), (PHASE, "flexion")):
        assert model.setData(grid.cell("occiput", "both", column), value)
    type_in_cell(qtbot, grid, grid.cell("heels", "left", NOTE), "eased after the hold")

    # an impossible rate: its message, and nothing saved
    type_in_cell(qtbot, grid, grid.cell("pelvis", "left", RATE), "45")
    assert grid.error_label.isVisible()
    assert "Pelvis (ASIS), left — rate (cpm): must be between 0 and 30 (got 45)" in grid.error_label.text()
    press(qtbot, "s", Qt.KeyboardModifier.ControlModifier)
    assert services.sessions(pid) == []
    assert editor.status_label.text() == "Not saved: 1 problem, marked in red."
    assert editor.tabs.tabText(RHYTHM) == "Rhythm ⚠"
    type_in_cell(qtbot, grid, grid.cell("pelvis", "left", RATE), "7")
    assert not grid.error_label.isVisible()

    # a still point and a significance detector
    click(qtbot, editor.events.add_still_point_button)
    still = editor.events.row(0)
    type_number(qtbot, still.minute, "12")
    type_number(qtbot, still.duration, "90")
    still.note.setText("after the CV-4")
    click(qtbot, editor.events.add_detector_button)
    detector = editor.events.row(1)
    detector.minute.setValue(40)
    detector.note.setText(DEVANAGARI)

    # the body map: clicked at the regions' positions
    mark_region(qtbot, editor, "diaphragm.respiratory", "", "severe", "very tight")
    mark_region(qtbot, editor, "body.knee", "left", "mild")
    mark_region(qtbot, editor, "spine.sacrum", "", "moderate")
    assert editor.restrictions.restriction_list.count() == 3

    # techniques, with an own one added once
    press(qtbot, "4", Qt.KeyboardModifier.ControlModifier)
    assert editor.tabs.currentIndex() == TECHNIQUES
    tick(qtbot, editor.techniques.boxes["cv4_still_point"])
    tick(qtbot, editor.techniques.boxes["respiratory_diaphragm_release"])
    editor.techniques.notes["cv4_still_point"].setText("3 min")
    qtbot.keyClicks(editor.techniques.own_edit, "Ear-pull with breath")
    click(qtbot, editor.techniques.own_button)
    own = V.CUSTOM_TECHNIQUE_PREFIX + "ear_pull_with_breath"

    assert editor.is_dirty()
    editor.header.started_edit.setFocus()
    with qtbot.waitSignal(editor.saved, timeout=1000) as saved:
        press(qtbot, "s", Qt.KeyboardModifier.ControlModifier)
    sid = saved.args[0].session_id
    assert not editor.is_dirty()
    assert "(draft)" in editor.windowTitle()

    stored = services.session(sid)
    assert stored.started_at == when.astimezone(dt.UTC)
    assert (stored.duration_minutes, stored.therapist, stored.consent_renewed) == (75, THERAPIST, True)
    assert (stored.subjective, stored.assessment, stored.private_notes) == (
        BENGALI,
        DEVANAGARI,
        "SER: spoke about the accident",
    )
    assert (stored.objective, stored.plan) == ("Rhythm reduced at the occiput", "Weekly for 4 weeks")
    assert stored.response == "Relaxed; fell asleep during the CV-4"
    assert stored.adverse_reactions == (AdverseReaction("mild_soreness", "neck, eased by the evening"),)
    assert (stored.pain_before, stored.pain_after, stored.headache_days) == (7, 4, 6)
    assert (stored.sleep_quality, stored.stress_level, stored.global_impression) == (4, 8, 2)
    assert stored.rhythm_findings == (
        RhythmFinding("heels", "left", 8.5, palpated_by=THERAPIST, note="eased after the hold"),
        RhythmFinding("heels", "right", 9.0, palpated_by=THERAPIST),
        RhythmFinding("pelvis", "left", 7.0, palpated_by=THERAPIST),
        RhythmFinding("occiput", "both", 18.0, 3, "restricted_left", "weak", "flexion", THERAPIST),
    )
    assert stored.events == (
        SessionEvent("still_point", 12, 90, "after the CV-4"),
        SessionEvent("significance_detector", 40, None, DEVANAGARI),
    )
    assert stored.restrictions == (
        Restriction("diaphragm.respiratory", "midline", "severe", "very tight"),
        Restriction("body.knee", "left", "mild"),
        Restriction("spine.sacrum", "midline", "moderate"),
    )
    assert stored.techniques == (
        TechniqueApplied("cv4_still_point", "3 min"),
        TechniqueApplied("respiratory_diaphragm_release"),
        TechniqueApplied(own),
    )
    click(qtbot, editor.close_button)
    assert not editor.isVisible()

    # reopened: every value is there, as the therapist sees it
    again = open_editor(qtbot, services, pid, sid)
    assert again.session() == stored
    assert not again.is_dirty()
    assert again.soap.edits["subjective"].toPlainText() == BENGALI
    assert again.outcomes.spins["pain_before"].text() == "7"
    assert again.grid.cell("heels", "left", RATE).data() == "8.5"
    assert again.grid.cell("occiput", "both", QUALITY).data() == "Weak"
    again.tabs.setCurrentIndex(RHYTHM)
    assert again.grid.warning_label.isVisible()
    assert again.events.row_count() == 2
    assert again.restrictions.restriction_list.item(0).text() == "Respiratory diaphragm\nMidline · Severe · very tight"
    assert again.techniques.boxes[own].isChecked()
    assert again.header.consent_check.isChecked()


def test_an_absolute_contraindication_needs_the_reason_and_the_alerts_stay_visible(
    qtbot: QtBot, services: Services, clinic: dict[str, int]
) -> None:
    pid = clinic[AMIT]
    before = len(services.sessions(pid))
    editor = open_editor(qtbot, services, pid)
    assert editor.alerts.absolute_label.isVisible()
    assert "Cerebral aneurysm" in editor.alerts.absolute_label.text()
    assert editor.alerts.relative_label.isVisible()
    for tab in (NOTES, RHYTHM, RESTRICTIONS, TECHNIQUES, OUTCOMES):
        editor.tabs.setCurrentIndex(tab)
        assert editor.alerts.isVisible()
    assert editor.header.reason_cell.isVisible()
    editor.soap.edits["subjective"].setPlainText(BENGALI)
    click(qtbot, editor.save_button)
    assert len(services.sessions(pid)) == before
    assert editor.feedback.is_marked("contraindication_override_reason")
    assert (
        "Reason to treat is required: the client has an absolute contraindication on record: Cerebral aneurysm"
        in editor.feedback.message("contraindication_override_reason")
    )
    editor.header.reason_edit.setText("Cleared in writing by the neurologist")
    click(qtbot, editor.save_button)
    assert not editor.feedback.is_marked("contraindication_override_reason")
    assert services.sessions(pid)[-1].contraindication_override_reason == "Cleared in writing by the neurologist"


def test_a_reason_given_before_opening_comes_in_with_the_new_session(
    qtbot: QtBot, services: Services, clinic: dict[str, int]
) -> None:
    initial = Session(local(0, 9).astimezone(dt.UTC), contraindication_override_reason="Neurologist agrees")
    editor = open_editor(qtbot, services, clinic[AMIT], initial=initial)
    assert editor.header.reason_edit.text() == "Neurologist agrees"
    with qtbot.waitSignal(editor.saved, timeout=1000):
        click(qtbot, editor.save_button)
    assert services.sessions(clinic[AMIT])[-1].contraindication_override_reason == "Neurologist agrees"
