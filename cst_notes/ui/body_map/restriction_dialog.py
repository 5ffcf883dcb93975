"""The small dialog that marks (or edits) one restriction: region, side, severity and a note."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from cst_notes.domain import vocabulary as V
from cst_notes.domain.session import Restriction
from cst_notes.domain.validation import SHORT_TEXT_MAX
from cst_notes.ui.body_map.severity_style import severity_swatch
from cst_notes.ui.forms.draft_keeper import DraftDialog
from cst_notes.ui.widgets.code_combo import CodeComboBox

# Structures that cross the midline as one: a restriction there is usually charted as midline.
MIDLINE_KINDS = ("membrane", "diaphragm", "spine", "dura")
MIDLINE_BONES = frozenset(
    {"cranial.frontal", "cranial.occiput", "cranial.sphenoid", "cranial.ethmoid", "suture.sagittal"}
)
DEFAULT_SEVERITY = "moderate"


def default_side(region: str, clicked_side: str = "") -> str:
    """The side of the shape clicked; else midline for midline structures; else bilateral."""
    if clicked_side:
        return clicked_side
    if region in MIDLINE_BONES or region.split(".")[0] in MIDLINE_KINDS:
        return "midline"
    return "bilateral"


def find_region(text: str) -> str:
    """The region code whose label is ``text`` (any case), or the only one containing it; else ''."""
    wanted = text.strip().casefold()
    if not wanted:
        return ""
    exact = [t.code for t in V.REGIONS if t.label.casefold() == wanted]
    containing = [t.code for t in V.REGIONS if wanted in t.label.casefold()]
    found = exact or containing
    return found[0] if len(found) == 1 else ""


class RestrictionDialog(DraftDialog):
    """Opened from a click on the map (region chosen), from "Add…" (type to find the region) or to edit."""

    def __init__(
        self,
        parent: Any = None,
        *,
        initial: Restriction | None = None,
        region: str = "",
        clicked_side: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit restriction" if initial else "Mark a restriction")
        self.setMinimumWidth(440)
        self._clicked = (initial.region if initial else region, clicked_side)
        # a side clicked on the map, picked in the list or recorded is never changed unasked
        self._side_chosen = initial is not None or bool(clicked_side)
        self._side_recorded = initial is not None  # not picked in this dialog

        self.region_combo = QComboBox()
        self.region_combo.setEditable(True)
        self.region_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.region_edit = QLineEdit()
        self.region_edit.setPlaceholderText("Type to find a region…")
        self.region_combo.setLineEdit(self.region_edit)
        for term in V.REGIONS:
            self.region_combo.addItem(term.label, term.code)
        completer = QCompleter(self.region_combo.model(), self.region_combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.region_combo.setCompleter(completer)
        self.side_combo = CodeComboBox(V.RESTRICTION_SIDES)
        self.severity_combo = CodeComboBox(V.SEVERITIES)
        for n, code in enumerate(V.SEVERITIES.codes):
            self.severity_combo.setItemIcon(n, severity_swatch(code))
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(SHORT_TEXT_MAX)
        self.note_edit.setPlaceholderText("Optional")
        self.error_label = QLabel("Choose a region from the list.")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.side_message = QLabel()
        self.side_message.setObjectName("side_message")
        self.side_message.setWordWrap(True)
        self.side_message.setStyleSheet("color: #8a4b00;")
        self.side_message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow("&Region", self.region_combo)
        form.addRow("&Side", self.side_combo)
        form.addRow("", self.side_message)
        form.addRow("Se&verity", self.severity_combo)
        form.addRow("&Note", self.note_edit)
        form.addRow(self.error_label)
        form.addRow(self.buttons)

        start = initial or Restriction(region, default_side(region, clicked_side), DEFAULT_SEVERITY)
        self.region_combo.setCurrentIndex(self.region_combo.findData(start.region) if start.region else -1)
        self.side_combo.set_code(start.side if start.region else "bilateral")
        self.severity_combo.set_code(start.severity)
        self.note_edit.setText(start.note)
        self.side_combo.activated.connect(self._side_picked)
        self.side_combo.currentIndexChanged.connect(self._show_side_fit)
        self.region_combo.currentIndexChanged.connect(self._region_changed)
        self.region_edit.textEdited.connect(self._region_changed)
        self._show_side_fit()
        (self.side_combo if start.region else self.region_combo).setFocus()

    def region_code(self) -> str:
        return find_region(self.region_combo.currentText())

    def restriction(self) -> Restriction:
        return Restriction(
            self.region_code(), self.side_combo.code(), self.severity_combo.code(), self.note_edit.text().strip()
        )

    def content(self) -> dict[str, Any]:
        """As shown: the region as typed (it may not name one yet), side, severity and note."""
        return {
            "region_text": self.region_combo.currentText(),
            "side": self.side_combo.code(),
            "severity": self.severity_combo.code(),
            "note": self.note_edit.text(),
        }

    def set_content(self, content: dict[str, Any]) -> None:
        self.region_edit.setText(str(content.get("region_text") or ""))
        code = self.region_code()
        if code:
            self.region_combo.setCurrentIndex(self.region_combo.findData(code))
        self.side_combo.set_code(str(content.get("side") or self.side_combo.code()))
        self.severity_combo.set_code(str(content.get("severity") or self.severity_combo.code()))
        self.note_edit.setText(str(content.get("note") or ""))
        self._side_chosen = True  # as it was chosen before
        self.note_edit.setFocus()

    def draft_fields(self) -> Sequence[QWidget]:
        return (self.region_edit, self.side_combo, self.severity_combo, self.note_edit)

    def accept(self) -> None:
        if not self.region_code():
            self.error_label.show()
            self.region_combo.setFocus()
            return
        super().accept()

    def _side_picked(self) -> None:
        self._side_chosen, self._side_recorded = True, False
        self._show_side_fit()

    def _region_changed(self) -> None:
        self.error_label.hide()
        code = self.region_code()
        if code and not self._side_chosen:  # only a side nobody chose follows the region
            self.side_combo.set_code(default_side(code))
        self._show_side_fit()

    def _show_side_fit(self) -> None:
        """Say so when the region cannot take the side (it is kept: the person decides)."""
        side = self.side_combo.code()
        why = V.side_misfit(self.region_code(), side)
        kept = "as recorded" if self._side_recorded else "as you chose it"
        text = f"{V.RESTRICTION_SIDES.label(side)} is kept {kept}, but {why}." if why else ""
        if text != self.side_message.text():
            self.side_message.setText(text)
            self.side_message.setVisible(bool(why))
            self.adjustSize()  # room for the message's lines, or none
