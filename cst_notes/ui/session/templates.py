"""Saved session templates (e.g. "standard 10-step"): apply one, save the session as one, delete one.

``ask_replace`` is looked up on this module at call time, so tests can answer it without a modal loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain.charting import SessionTemplate
from cst_notes.domain.validation import NAME_MAX
from cst_notes.services import Services
from cst_notes.ui.widgets.field_feedback import error_label


def ask_replace(parent: QWidget | None, what: str) -> bool:
    """Before findings, restrictions or techniques already charted are replaced."""
    answer = QMessageBox.question(
        parent,
        "Replace what is charted?",
        f"Replace the findings, restrictions and techniques charted so far with {what}?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def template_summary(t: SessionTemplate) -> str:
    return (
        f"{t.duration_minutes} min · {len(t.rhythm_findings)} findings · "
        f"{len(t.restrictions)} restrictions · {len(t.techniques)} techniques"
    )


class TemplateButton(QToolButton):
    """The "Template ▾" button: the saved templates to apply, "Save as template…" and "Delete template"."""

    apply_requested = Signal(object)  # a SessionTemplate
    save_requested = Signal()

    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("template_button")
        self._services = services
        self.setText("Te&mplate ▾")
        self.setToolTip("Apply a saved template, or save this session as one")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self.can_apply = True
        self.menu_.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        self.menu_.clear()
        templates = self._services.session_templates()
        if not templates:
            self.menu_.addAction("No templates yet").setEnabled(False)
        for t in templates:
            action = self.menu_.addAction(f"Apply “{t.name}”", self._applier(t))
            action.setToolTip(template_summary(t))
            action.setEnabled(self.can_apply)
        self.menu_.addSeparator()
        self.menu_.addAction("&Save as template…", self.save_requested.emit)
        if templates:
            delete = self.menu_.addMenu("&Delete template")
            for t in templates:
                delete.addAction(t.name, self._deleter(t))

    def _applier(self, template: SessionTemplate) -> Callable[[], None]:
        return lambda: self.apply_requested.emit(template)

    def _deleter(self, template: SessionTemplate) -> Callable[[], None]:
        def delete() -> None:
            if template.id is not None:
                self._services.delete_session_template(template.id)
            self.rebuild()

        return delete


class SaveTemplateDialog(QDialog):
    """Asks for the template's name; ``submit`` saves it and returns '' or why it could not."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("save_template_dialog")
        self.setWindowTitle("Save as template")
        self.setMinimumWidth(420)
        intro = QLabel(
            "The template keeps this session's duration, rhythm findings, restrictions and techniques "
            "(never its notes, pain scores or dates). A template with the same name is replaced."
        )
        intro.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(NAME_MAX)
        self.name_edit.setPlaceholderText("e.g. standard 10-step")
        self.message = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton("&Save template", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Name", self.name_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.submit: Callable[[str], str] | None = None
        self.name_edit.setFocus()

    def accept(self) -> None:
        problem = self.submit(self.name_edit.text()) if self.submit is not None else ""
        if problem:
            self.message.setText(problem)
            self.message.setVisible(True)
            return
        super().accept()
