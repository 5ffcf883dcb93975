"""The body map: its drawings cover the vocabulary, clicks find the region under them, marks and highlights show."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from cst_notes.domain import vocabulary as V
from cst_notes.domain.session import Restriction
from cst_notes.ui.body_map.drawings import BODY_MAP_DIR, SVG, path_from_d, read_once, read_shapes
from cst_notes.ui.body_map.map_view import BodyMap, read_ahead
from cst_notes.ui.body_map.severity_style import SEVERITY_STYLES, sides_match

DRAWINGS = sorted(BODY_MAP_DIR.glob("*.svg"))
# One region from each drawing: front, back, skull from above, skull from the side.
ONE_PER_VIEW = ["diaphragm.respiratory", "spine.sacrum", "suture.sagittal", "cranial.zygoma"]


def region_elements() -> Iterator[tuple[str, ET.Element]]:
    for path in DRAWINGS:
        for element in ET.parse(path).getroot().iter():
            if "data-region" in element.attrib:
                yield path.stem, element


def make_map(qtbot: QtBot, width: int = 1000, height: int = 700) -> BodyMap:
    body_map = BodyMap()
    qtbot.addWidget(body_map)
    body_map.resize(width, height)
    body_map.show()
    qtbot.waitExposed(body_map)
    return body_map


@pytest.fixture
def body_map(qtbot: QtBot) -> BodyMap:
    return make_map(qtbot)


def colour_at(widget: BodyMap, pos: QPoint) -> QColor:
    return widget.grab().toImage().pixelColor(pos)


# --- the drawings ------------------------------------------------------------------------------------


def test_the_four_drawings_are_there() -> None:
    assert [p.name for p in DRAWINGS] == ["body_back.svg", "body_front.svg", "skull_side.svg", "skull_top.svg"]


def test_the_region_ids_across_the_drawings_are_exactly_the_vocabulary() -> None:
    ids = {element.get("data-region") for _, element in region_elements()}
    assert ids == set(V.REGIONS.codes)


def test_every_region_shape_is_marked_as_one_and_its_side_is_a_patient_side() -> None:
    for _, element in region_elements():
        assert "region" in element.get("class", "").split()
        assert element.get("data-side", "") in ("", "left", "right")
        assert set(V.RESTRICTION_SIDES.codes) >= {"left", "right"}


def test_the_views_carry_the_regions_the_issue_asks_for() -> None:
    views: dict[str, set[str]] = {}
    for view, element in region_elements():
        views.setdefault(view, set()).add(element.get("data-region", ""))
    skull = views["skull_top"] | views["skull_side"]
    assert {t.code for t in V.REGIONS.in_group("Cranial bones")} <= skull
    assert {t.code for t in V.REGIONS if t.code.startswith(("suture.", "membrane."))} <= skull
    assert {t.code for t in V.REGIONS if t.code.startswith(("diaphragm.", "body."))} - {
        "diaphragm.cranial_base"
    } <= views["body_front"]
    assert {t.code for t in V.REGIONS if t.code.startswith(("spine.", "dura."))} <= views["body_back"]


def test_the_drawings_are_labelled_left_and_right() -> None:
    for path in DRAWINGS:
        texts = {(t.text or "").strip() for t in ET.parse(path).getroot().iter(f"{SVG}text")}
        if path.stem != "skull_side":
            assert {"L", "R"} <= texts, path.name
        else:
            assert "face" in texts


def test_every_shape_reads_into_a_path_with_an_area() -> None:
    for path in DRAWINGS:
        for shape in read_shapes(path.read_text(encoding="utf-8")):
            assert not shape.path.isEmpty()
            box = shape.path.boundingRect()
            assert box.width() > 3, shape.code
            assert box.height() > 3, shape.code


def test_transforms_and_arcs_are_refused_rather_than_misread() -> None:
    with pytest.raises(ValueError, match="transform"):
        read_shapes(f'<svg xmlns="{SVG[1:-1]}"><rect data-region="body.knee" transform="scale(2)"/></svg>')
    with pytest.raises(ValueError, match="'A'"):
        path_from_d("M0 0 A 5 5 0 0 1 10 10")


@given(
    x=st.floats(-500, 500),
    y=st.floats(-500, 500),
    w=st.floats(2, 300),
    h=st.floats(2, 300),
)
def test_absolute_and_relative_paths_draw_the_same_rectangle(x: float, y: float, w: float, h: float) -> None:
    absolute = path_from_d(f"M{x} {y} L{x + w} {y} L{x + w} {y + h} L{x} {y + h} Z")
    relative = path_from_d(f"m{x},{y} h{w} v{h} h{-w} z")
    drawn, moved = absolute.boundingRect(), relative.boundingRect()
    # the same rectangle to a thousandth of a unit (x + w and w summed again differ in the last bits)
    for side in ("left", "top", "right", "bottom"):
        assert getattr(moved, side)() == pytest.approx(getattr(drawn, side)(), abs=1e-3)
    assert relative.contains(QPointF(x + w / 2, y + h / 2))


# --- clicks --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1000, 700), (420, 320), (1600, 1100), (380, 620)])
def test_every_region_can_be_reached_at_its_centre(qtbot: QtBot, size: tuple[int, int]) -> None:
    body_map = make_map(qtbot, *size)
    for code in V.REGIONS.codes:
        assert body_map.region_at(body_map.region_center(code)) == code


@pytest.mark.parametrize("size", [(420, 320), (1000, 700), (1600, 1100)])
@pytest.mark.parametrize("code", ONE_PER_VIEW)
def test_a_click_tells_which_region_was_clicked(qtbot: QtBot, size: tuple[int, int], code: str) -> None:
    body_map = make_map(qtbot, *size)
    with qtbot.waitSignal(body_map.region_clicked, timeout=1000) as clicked:
        qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=body_map.region_center(code))
    assert clicked.args == [code]


def test_a_click_on_a_paired_shape_tells_the_patients_side(body_map: BodyMap, qtbot: QtBot) -> None:
    # Front view: the patient faces the viewer, so the patient's left knee is on the viewer's right.
    left, right = body_map.region_center("body.knee", "left"), body_map.region_center("body.knee", "right")
    assert left.x() > right.x()
    with qtbot.waitSignal(body_map.region_clicked_on_side, timeout=1000) as clicked:
        qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=left)
    assert clicked.args == ["body.knee", "left"]
    # Skull from above, face at the top: as seen from the head of the table, the patient's left is on the left.
    assert (
        body_map.region_center("cranial.parietal", "left").x() < body_map.region_center("cranial.parietal", "right").x()
    )


def test_clicks_follow_the_shapes_not_their_boxes(body_map: BodyMap) -> None:
    for code in ("body.knee", "suture.lambdoid", "membrane.falx_cerebri"):
        shape, transform = next((s, t) for s, t in body_map._shapes() if s.code == code)
        box = transform.map(shape.path).boundingRect()
        corner = QPointF(box.left() + 1.5, box.bottom() - 1.5)
        assert box.contains(corner)
        assert body_map.region_at(corner) != code


def test_nothing_is_found_off_the_drawings(body_map: BodyMap, qtbot: QtBot) -> None:
    assert body_map.region_at(QPointF(2, 2)) is None
    with qtbot.assertNotEmitted(body_map.region_clicked):
        qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))


def test_pressing_on_one_region_and_releasing_on_another_is_not_a_click(body_map: BodyMap, qtbot: QtBot) -> None:
    with qtbot.assertNotEmitted(body_map.region_clicked):
        qtbot.mousePress(body_map, Qt.MouseButton.LeftButton, pos=body_map.region_center("body.knee", "left"))
        qtbot.mouseRelease(body_map, Qt.MouseButton.LeftButton, pos=body_map.region_center("body.ankle", "left"))


@pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")  # the offscreen platform, for the tooltip
def test_hovering_names_the_region(body_map: BodyMap, qtbot: QtBot) -> None:
    body_map.set_restrictions([Restriction("body.knee", "left", "severe")])
    pos = body_map.region_center("body.knee", "left")
    qtbot.mouseMove(body_map, pos)
    assert body_map.cursor().shape() == Qt.CursorShape.PointingHandCursor
    shape = body_map.shape_at(pos)
    assert shape is not None
    assert body_map.tooltip_text(shape) == "Knee (left)\nSevere, left"
    QApplication.sendEvent(body_map, QHelpEvent(QEvent.Type.ToolTip, pos, body_map.mapToGlobal(pos)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=1000)
    assert QToolTip.text() == "Knee (left)\nSevere, left"
    QToolTip.hideText()


# --- marks and highlight -------------------------------------------------------------------------------


def test_marked_regions_are_coloured_by_severity(body_map: BodyMap) -> None:
    points = {code: body_map.region_center(code) for code in ONE_PER_VIEW}
    before = {code: colour_at(body_map, pos) for code, pos in points.items()}
    severities = dict(zip(ONE_PER_VIEW, ["mild", "moderate", "severe", "moderate"], strict=True))
    body_map.set_restrictions([Restriction(code, "midline", sev) for code, sev in severities.items()])
    image = body_map.grab().toImage()
    after = {code: image.pixelColor(pos) for code, pos in points.items()}
    for code in ONE_PER_VIEW:
        assert after[code] != before[code], code
    # darker with severity, so that the three tell apart without colour vision too
    lightness = {sev: after[code].lightness() for code, sev in severities.items()}
    assert lightness["mild"] > lightness["moderate"] > lightness["severe"]


def test_a_mark_on_one_side_colours_only_that_side(body_map: BodyMap) -> None:
    left, right = body_map.region_center("body.knee", "left"), body_map.region_center("body.knee", "right")
    plain = colour_at(body_map, right)
    body_map.set_restrictions([Restriction("body.knee", "left", "severe")])
    image = body_map.grab().toImage()
    assert image.pixelColor(right) == plain
    assert image.pixelColor(left) != plain
    assert sides_match("left", "bilateral")
    assert sides_match("", "left")
    assert not sides_match("right", "left")


def test_the_highlighted_region_gets_a_strong_outline(body_map: BodyMap) -> None:
    shape, transform = next((s, t) for s, t in body_map._shapes() if s.code == "body.knee" and s.side == "left")
    edge = transform.map(shape.path).boundingRect()
    on_edge = QPoint(round(edge.center().x()), round(edge.top()))
    before = colour_at(body_map, on_edge)
    body_map.set_highlight("body.knee", "left")
    assert body_map.highlight() == ("body.knee", "left")
    highlighted = colour_at(body_map, on_edge)
    assert highlighted != before
    assert highlighted.blue() > highlighted.red()
    body_map.set_highlight(None)
    assert body_map.highlight() is None
    assert colour_at(body_map, on_edge) == before


def test_every_severity_has_a_style() -> None:
    assert set(SEVERITY_STYLES) == set(V.SEVERITIES.codes)
    hatches = [style.hatch for style in SEVERITY_STYLES.values()]
    assert len(set(hatches)) == len(hatches)


def test_the_map_stays_sharp_when_large(qtbot: QtBot) -> None:
    body_map = make_map(qtbot, 1600, 1100)
    pixmap = body_map._picture()
    assert pixmap.size() == body_map.size() * body_map.devicePixelRatioF()


def test_the_drawings_are_read_once_and_every_map_shows_them(qtbot: QtBot) -> None:
    """Read ahead in idle time (as the main window does), then shared by each map: a second map reads no file."""
    read_ahead(0)
    qtbot.waitUntil(lambda: read_once.cache_info().currsize >= len(DRAWINGS))
    first, second = BodyMap(), BodyMap()
    for body_map in (first, second):
        qtbot.addWidget(body_map)
    assert [a is b for a, b in zip(first.drawings, second.drawings, strict=True)] == [True] * len(DRAWINGS)
    second.resize(800, 600)
    second.show()
    qtbot.waitExposed(second)
    for code in ONE_PER_VIEW:  # a click on each drawing finds its region
        shape = second.shape_at(QPointF(second.region_center(code)))
        assert shape is not None
        assert shape.code == code
