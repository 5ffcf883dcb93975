"""Techniques applied: the protocol in its order, the others, and the therapist's own, each with a note."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QLabel
from pytestqt.qtbot import QtBot

from cst_notes.domain import vocabulary as V
from cst_notes.domain.session import TechniqueApplied
from cst_notes.services import Services
from cst_notes.ui.session.techniques import TechniquesPanel
from cst_notes.ui.widgets.field_feedback import FieldFeedback, error_label
from tests.ui.conftest import show_active


def tick(qtbot: QtBot, box: QCheckBox) -> None:
    """Click the box itself (a wide check box only reacts on its box and label)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def make_panel(qtbot: QtBot, services: Services) -> TechniquesPanel:
    panel = TechniquesPanel(services, FieldFeedback(error_label()))
    panel.resize(1000, 700)
    return show_active(qtbot, panel)


def test_the_protocol_comes_in_its_order_then_the_others(qtbot: QtBot, services: Services) -> None:
    panel = make_panel(qtbot, services)
    ten_step = [t.code for t in V.TECHNIQUES.in_group(V.TEN_STEP)]
    assert list(panel.boxes)[: len(ten_step)] == ten_step
    assert panel.boxes["cv4_still_point"].text() == "1. Still point (CV-4)"
    assert panel.boxes["tmj_compression_decompression"].text() == "10. TMJ compression/decompression"
    shown = [label.text() for label in panel.ten_step.findChildren(QLabel)] + [b.text() for b in panel.boxes.values()]
    numbers = sorted(int(m.group(1)) for text in shown if (m := re.match(r"(\d+)\. ", text)))
    assert numbers == list(range(1, 11))  # the ten steps, each numbered once
    assert "2. Transverse diaphragm releases" in shown
    assert panel.boxes["respiratory_diaphragm_release"].text() == "Respiratory diaphragm release"
    assert panel.boxes["arcing"].text() == "Arcing"  # other techniques are not steps
    assert panel.own_empty.isVisible()


def test_ticking_opens_the_note_and_the_result_follows_the_protocol_order(qtbot: QtBot, services: Services) -> None:
    panel = make_panel(qtbot, services)
    assert not panel.notes["hyoid_release"].isEnabled()
    tick(qtbot, panel.boxes["hyoid_release"])
    tick(qtbot, panel.boxes["cv4_still_point"])
    tick(qtbot, panel.boxes["arcing"])
    assert panel.notes["hyoid_release"].isEnabled()
    panel.notes["cv4_still_point"].setText("  ৩ মিনিট  ")
    assert panel.techniques() == (
        TechniqueApplied("cv4_still_point", "৩ মিনিট"),
        TechniqueApplied("hyoid_release"),
        TechniqueApplied("arcing"),
    )


def test_an_own_technique_is_added_once_ticked_and_offered_afterwards(qtbot: QtBot, services: Services) -> None:
    panel = make_panel(qtbot, services)
    qtbot.keyClicks(panel.own_edit, "Ear-pull with breath")
    qtbot.keyClick(panel.own_edit, Qt.Key.Key_Return)
    code = V.CUSTOM_TECHNIQUE_PREFIX + "ear_pull_with_breath"
    assert panel.boxes[code].isChecked()
    assert panel.own_edit.text() == ""
    assert not panel.own_empty.isVisible()
    assert services.custom_techniques() == {code: "Ear-pull with breath"}
    qtbot.keyClicks(panel.own_edit, "ear-pull with BREATH")  # the same technique: no second box
    qtbot.mouseClick(panel.own_button, Qt.MouseButton.LeftButton)
    assert len([c for c in panel.boxes if c.startswith(V.CUSTOM_TECHNIQUE_PREFIX)]) == 1

    later = make_panel(qtbot, services)
    assert later.boxes[code].text() == "Ear-pull with breath"
    assert not later.boxes[code].isChecked()


def test_after_adding_an_own_technique_the_focus_is_in_its_note(qtbot: QtBot, services: Services) -> None:
    """Enter adds it and ticks it; what is typed next is its note."""
    panel = make_panel(qtbot, services)
    qtbot.mouseClick(panel.own_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.own_edit, "Ear-pull")
    qtbot.keyClick(panel.own_edit, Qt.Key.Key_Return)
    code = V.CUSTOM_TECHNIQUE_PREFIX + "ear_pull"
    assert panel.notes[code].hasFocus()
    qtbot.keyClicks(panel.notes[code], "gentle")
    assert panel.techniques() == (TechniqueApplied(code, "gentle"),)


def test_a_bad_own_technique_name_shows_why(qtbot: QtBot, services: Services) -> None:
    panel = make_panel(qtbot, services)
    panel.own_edit.setText("—…—")
    qtbot.mouseClick(panel.own_button, Qt.MouseButton.LeftButton)
    assert panel.own_message.isVisible()
    assert "letter or digit" in panel.own_message.text()
    assert services.custom_techniques() == {}


def test_set_techniques_and_read_only(qtbot: QtBot, services: Services) -> None:
    panel = make_panel(qtbot, services)
    chosen = (TechniqueApplied("frontal_lift", "light"), TechniqueApplied("v_spread"))
    panel.set_techniques(chosen)
    assert panel.techniques() == chosen
    panel.set_read_only(True)
    assert not panel.boxes["frontal_lift"].isEnabled()
    assert panel.notes["frontal_lift"].isReadOnly()
    assert not panel.own_adder.isVisible()
