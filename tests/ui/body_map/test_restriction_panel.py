"""Charting restrictions: click the map or use the list alone; the two stay in step."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cst_notes.domain import vocabulary as V
from cst_notes.domain.session import Restriction
from cst_notes.ui.body_map.restriction_dialog import RestrictionDialog, default_side, find_region
from cst_notes.ui.body_map.restriction_panel import RestrictionPanel
from tests.ui.conftest import show_active

KNEE = Restriction("body.knee", "left", "severe", "old sports injury")
SACRUM = Restriction("spine.sacrum", "midline", "mild")
# Typing in the region box shows the completer's list: the offscreen platform cannot raise it or give it the keyboard.
COMPLETER_POPUP = pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")


@pytest.fixture
def panel(qtbot: QtBot) -> RestrictionPanel:
    widget = RestrictionPanel()
    widget.resize(1000, 700)
    return show_active(qtbot, widget)


def click_region(qtbot: QtBot, panel: RestrictionPanel, code: str, side: str = "") -> RestrictionDialog:
    body_map = panel.body_map
    qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=body_map.region_center(code, side))
    dialog = panel.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def activate(qtbot: QtBot, dialog: RestrictionDialog) -> None:
    """The offscreen platform activates a new window only on request; a desktop does it by itself."""
    qtbot.waitExposed(dialog)
    handle = dialog.windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)


def type_keys(qtbot: QtBot, keys: str | Qt.Key) -> None:
    """Keys go where the focus is, as when a person types."""
    widget = QApplication.focusWidget()
    assert widget is not None
    if isinstance(keys, str):
        qtbot.keyClicks(widget, keys)
    else:
        qtbot.keyClick(widget, keys)


def press_ok(qtbot: QtBot, dialog: RestrictionDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def rows(panel: RestrictionPanel) -> list[str]:
    lst = panel.restriction_list
    return [lst.item(n).text() for n in range(lst.count())]


@pytest.mark.parametrize(
    ("code", "side"),
    [
        ("diaphragm.respiratory", "midline"),  # body, front
        ("spine.sacrum", "midline"),  # body, back
        ("suture.sagittal", "midline"),  # skull from above
        ("cranial.zygoma", "bilateral"),  # skull from the side
    ],
)
def test_clicking_a_region_opens_the_dialog_and_ok_marks_it(
    qtbot: QtBot, panel: RestrictionPanel, code: str, side: str
) -> None:
    centre = panel.body_map.region_center(code)
    unmarked = panel.body_map.grab().toImage().pixelColor(centre)
    dialog = click_region(qtbot, panel, code)
    assert dialog.isVisible()
    assert dialog.region_code() == code
    assert (dialog.side_combo.code(), dialog.severity_combo.code()) == (side, "moderate")
    dialog.severity_combo.set_code("severe")
    dialog.note_edit.setText("  eased after the hold ")
    with qtbot.waitSignal(panel.changed, timeout=1000):
        press_ok(qtbot, dialog)
    assert panel.restrictions() == (Restriction(code, side, "severe", "eased after the hold"),)
    label, side_label = V.REGIONS.label(code), V.RESTRICTION_SIDES.label(side)
    assert rows(panel) == [f"{label}\n{side_label} · Severe · eased after the hold"]
    assert panel.body_map.grab().toImage().pixelColor(centre) != unmarked
    assert panel.dialog is None


def test_a_paired_shape_defaults_to_the_side_clicked(qtbot: QtBot, panel: RestrictionPanel) -> None:
    dialog = click_region(qtbot, panel, "body.knee", "right")
    assert dialog.side_combo.code() == "right"
    press_ok(qtbot, dialog)
    assert panel.restrictions() == (Restriction("body.knee", "right", "moderate"),)


def test_cancel_marks_nothing(qtbot: QtBot, panel: RestrictionPanel) -> None:
    dialog = click_region(qtbot, panel, "body.abdomen")
    with qtbot.assertNotEmitted(panel.changed):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert panel.restrictions() == ()
    assert panel.dialog is None


def test_clicking_a_marked_region_selects_its_row_and_edits_it(qtbot: QtBot, panel: RestrictionPanel) -> None:
    panel.set_restrictions([SACRUM, KNEE])
    dialog = click_region(qtbot, panel, "body.knee", "left")
    assert panel.selected_row() == 1
    assert dialog.restriction() == KNEE
    dialog.severity_combo.set_code("mild")
    press_ok(qtbot, dialog)
    assert panel.restrictions() == (SACRUM, Restriction("body.knee", "left", "mild", "old sports injury"))


def test_the_other_knee_is_a_new_mark(qtbot: QtBot, panel: RestrictionPanel) -> None:
    panel.set_restrictions([KNEE])
    dialog = click_region(qtbot, panel, "body.knee", "right")
    assert dialog.restriction() == Restriction("body.knee", "right", "moderate")
    press_ok(qtbot, dialog)
    assert panel.restrictions() == (KNEE, Restriction("body.knee", "right", "moderate"))


def test_selecting_a_row_highlights_the_region(panel: RestrictionPanel) -> None:
    panel.set_restrictions([SACRUM, KNEE])
    assert panel.body_map.highlight() is None
    panel.restriction_list.setCurrentRow(1)
    assert panel.body_map.highlight() == ("body.knee", "left")
    panel.restriction_list.setCurrentRow(0)
    assert panel.body_map.highlight() == ("spine.sacrum", "midline")
    panel.restriction_list.clearSelection()
    assert panel.body_map.highlight() is None


@COMPLETER_POPUP
def test_charting_with_the_keyboard_alone(qtbot: QtBot, panel: RestrictionPanel) -> None:
    lst = panel.restriction_list
    lst.setFocus()
    qtbot.keyClick(lst, Qt.Key.Key_Insert)
    dialog = panel.dialog
    assert dialog is not None
    activate(qtbot, dialog)
    assert dialog.region_code() == ""
    assert QApplication.focusWidget() is dialog.region_combo
    type_keys(qtbot, "sacrum")
    assert dialog.region_code() == "spine.sacrum"
    assert dialog.side_combo.code() == "midline"
    type_keys(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.side_combo
    type_keys(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.severity_combo
    type_keys(qtbot, Qt.Key.Key_Down)  # moderate → severe
    with qtbot.waitSignal(panel.changed, timeout=1000):
        type_keys(qtbot, Qt.Key.Key_Return)
    assert panel.restrictions() == (Restriction("spine.sacrum", "midline", "severe"),)
    assert panel.selected_row() == 0


def test_enter_edits_and_delete_removes_the_selected_row(qtbot: QtBot, panel: RestrictionPanel) -> None:
    panel.set_restrictions([SACRUM, KNEE])
    lst = panel.restriction_list
    lst.setFocus()
    lst.setCurrentRow(0)
    qtbot.keyClick(lst, Qt.Key.Key_Return)
    dialog = panel.dialog
    assert dialog is not None
    assert dialog.restriction() == SACRUM
    dialog.note_edit.setText("tender")
    press_ok(qtbot, dialog)
    assert panel.restrictions()[0] == Restriction("spine.sacrum", "midline", "mild", "tender")
    lst.setFocus()
    with qtbot.waitSignal(panel.changed, timeout=1000):
        qtbot.keyClick(lst, Qt.Key.Key_Delete)
    assert panel.restrictions() == (KNEE,)
    assert panel.selected_row() == 0  # the next row is selected, ready for another Delete
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert panel.restrictions() == ()
    assert not panel.remove_button.isEnabled()
    assert panel.body_map.highlight() is None


@COMPLETER_POPUP
def test_a_region_not_in_the_list_is_refused(qtbot: QtBot, panel: RestrictionPanel) -> None:
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.region_edit, "elbow")
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert panel.restrictions() == ()


def test_adding_a_region_and_side_already_marked_updates_that_mark(qtbot: QtBot, panel: RestrictionPanel) -> None:
    panel.set_restrictions([SACRUM])
    panel.add()
    dialog = panel.dialog
    assert dialog is not None
    dialog.region_combo.setCurrentIndex(dialog.region_combo.findData("spine.sacrum"))
    dialog.severity_combo.set_code("severe")
    press_ok(qtbot, dialog)
    assert panel.restrictions() == (Restriction("spine.sacrum", "midline", "severe"),)


def test_read_only_shows_but_does_not_change(qtbot: QtBot, panel: RestrictionPanel) -> None:
    panel.set_restrictions([KNEE])
    panel.set_read_only(True)
    qtbot.mouseClick(panel.body_map, Qt.MouseButton.LeftButton, pos=panel.body_map.region_center("body.knee", "left"))
    assert panel.dialog is None
    assert panel.selected_row() == 0
    assert not panel.add_button.isEnabled()
    assert not panel.remove_button.isEnabled()
    panel.remove()
    assert panel.restrictions() == (KNEE,)


@pytest.mark.parametrize("size", [(560, 420), (1400, 900)])
def test_clicks_reach_the_right_region_at_any_panel_size(qtbot: QtBot, size: tuple[int, int]) -> None:
    panel = RestrictionPanel()
    panel.resize(*size)
    show_active(qtbot, panel)
    for code in ("dura.s2", "membrane.falx_cerebelli", "body.ankle", "suture.squamous"):
        dialog = click_region(qtbot, panel, code)
        assert dialog.region_code() == code
        dialog.reject()


restrictions = st.lists(
    st.builds(
        Restriction,
        st.sampled_from(V.REGIONS.codes),
        st.sampled_from(V.RESTRICTION_SIDES.codes),
        st.sampled_from(V.SEVERITIES.codes),
        st.text(max_size=40),
    ),
    max_size=8,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(restrictions)
def test_set_restrictions_round_trips(panel: RestrictionPanel, given_restrictions: list[Restriction]) -> None:
    panel.set_restrictions(given_restrictions)
    assert panel.restrictions() == tuple(given_restrictions)
    assert panel.restriction_list.count() == len(given_restrictions)


def test_default_sides() -> None:
    sides = {code: default_side(code) for code in V.REGIONS.codes}
    assert set(sides.values()) <= set(V.RESTRICTION_SIDES.codes)
    midline = {"suture.sagittal", "membrane.falx_cerebri", "spine.cervical", "diaphragm.pelvic", "dura.tube"}
    assert all(sides[code] == "midline" for code in midline)
    assert sides["cranial.temporal"] == sides["body.hip"] == "bilateral"
    assert default_side("cranial.parietal", "left") == "left"


def test_regions_are_found_by_what_is_typed() -> None:
    assert find_region("OCCIPUT") == "cranial.occiput"  # the exact label wins over "Occipital cranial base"
    assert find_region("resp") == "diaphragm.respiratory"
    assert find_region("diaphragm") == ""  # several: not a guess
    assert find_region("  ") == ""


def retype_region(qtbot: QtBot, dialog: RestrictionDialog, text: str) -> None:
    """Click into the region box, select what it holds and type another region."""
    qtbot.mouseClick(dialog.region_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.region_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.region_edit, text)


@COMPLETER_POPUP
def test_a_chosen_side_never_changes_with_the_region_and_a_side_that_does_not_fit_is_said(
    qtbot: QtBot, panel: RestrictionPanel
) -> None:
    dialog = click_region(qtbot, panel, "cranial.temporal", "left")  # the left temporal bone, clicked
    activate(qtbot, dialog)
    assert dialog.side_combo.code() == "left"
    retype_region(qtbot, dialog, "Parietal bone")
    assert dialog.region_code() == "cranial.parietal"
    assert dialog.side_combo.code() == "left"  # still the side clicked
    assert not dialog.side_message.isVisible()

    retype_region(qtbot, dialog, "Sagittal suture")
    assert dialog.region_code() == "suture.sagittal"
    assert dialog.side_combo.code() == "left"  # kept, and said not to fit
    assert dialog.side_message.isVisible()
    assert dialog.side_message.text() == (
        "Left is kept as you chose it, but the sagittal suture lies on the midline: it has no left or right side."
    )
    dialog.side_combo.setFocus()
    qtbot.keyClicks(dialog.side_combo, "Midline")  # type the side's first letters, as in any list
    assert dialog.side_combo.code() == "midline"
    assert not dialog.side_message.isVisible()
    with qtbot.waitSignal(panel.changed, timeout=1000):
        press_ok(qtbot, dialog)
    assert panel.restrictions() == (Restriction("suture.sagittal", "midline", "moderate"),)


def test_a_stored_side_that_the_region_cannot_take_is_said_when_edited(qtbot: QtBot, panel: RestrictionPanel) -> None:
    panel.set_restrictions([Restriction("cranial.temporal", "midline", "mild")])
    panel.edit(0)
    dialog = panel.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.side_message.isVisible()
    assert "the temporal bone is paired: left, right or bilateral" in dialog.side_message.text()
    assert dialog.restriction() == Restriction("cranial.temporal", "midline", "mild")  # never changed unasked


def test_the_sides_a_region_can_take() -> None:
    assert V.region_sides("suture.sagittal") == ("midline",)
    assert V.region_sides("body.knee") == ("left", "right", "bilateral")
    assert V.region_sides("spine.lumbar") == V.RESTRICTION_SIDES.codes
    assert all(default_side(code) in V.region_sides(code) for code in V.REGIONS.codes)
