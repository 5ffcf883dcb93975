"""Building a long form: labelled fields with their error message underneath, section headings,
and one callback for every edit (dirty tracking, drafts, clearing a field's error mark)."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain.validation import EARLIEST_BIRTH_DATE as EARLIEST_DATE
from cst_notes.domain.vocabulary import Vocabulary
from cst_notes.ui.widgets.code_combo import CodeComboBox
from cst_notes.ui.widgets.date_edit import DateField, TypedDateField
from cst_notes.ui.widgets.field_feedback import FieldFeedback, error_label, form_label, with_error_label

LABEL_WIDTH = 190  # the label column of every section, so that the fields line up down the form
SHORT_FIELD_WIDTH = 170  # dates and numbers: as wide as they need, not the whole column
HEADING_STYLE = "font-size: 13pt; font-weight: bold; padding-top: 10px; border-bottom: 1px solid #b0bec5;"


def watch(widget: QWidget, slot: Callable[[], None]) -> None:
    """Call ``slot`` whenever the user (or code) changes the widget's value."""
    if isinstance(widget, QLineEdit):
        widget.textChanged.connect(lambda _t: slot())
    elif isinstance(widget, QPlainTextEdit):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QAbstractButton):
        widget.toggled.connect(lambda _c: slot())
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(lambda _i: slot())
    elif isinstance(widget, QSpinBox | QDoubleSpinBox):
        widget.valueChanged.connect(lambda _v: slot())
    else:
        raise TypeError(f"cannot watch a {type(widget).__name__}")


def fill_with_scrolling(owner: QWidget, content: QLayout) -> QScrollArea:
    """Lay ``content`` out in a frameless scroll area that fills ``owner`` (a tab's page)."""
    inner = QWidget()
    inner.setLayout(content)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(inner)
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(scroll)
    return scroll


def scroll_to(area: QScrollArea, widget: QWidget) -> None:
    """Bring ``widget`` into view in ``area``, now and again once the page has been laid out anew
    (error messages just shown below fields make the page taller)."""
    page = area.widget()
    layout = page.layout() if page is not None else None
    if layout is not None:
        layout.activate()
    area.ensureWidgetVisible(widget, 50, 80)
    QTimer.singleShot(0, area, lambda: area.ensureWidgetVisible(widget, 50, 80))


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("section_heading")
    label.setStyleSheet(HEADING_STYLE)
    return label


def text_edit(lines: int = 3) -> QPlainTextEdit:
    """A multi-line field about ``lines`` high, where Tab moves on (as in every other field)."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


def plain(widget: QLineEdit | QPlainTextEdit) -> str:
    return (widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()).strip()


class Fields:
    """Makes a form's fields; each reports edits to ``edited`` and errors through ``feedback``.

    ``label(field)`` and ``cell(field)`` give what to put in the layout: the caption (whose
    mnemonic focuses the field) and the field with its hidden error message underneath.
    """

    def __init__(self, feedback: FieldFeedback, edited: Callable[[], None], today: dt.date) -> None:
        self.feedback = feedback
        self.today = today
        self.edited = edited
        self.widgets: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}
        self._cells: dict[str, QWidget] = {}

    def add(self, field: str, caption: str, widget: QWidget, *, label: bool = True, said_as: str = "") -> QWidget:
        """Register ``widget`` as the field ``field``; ``caption`` may hold a mnemonic (&).

        Messages read "<said_as or caption> <what is wrong>."
        """
        widget.setObjectName(field)
        message = error_label()
        self.feedback.add(field, said_as or caption.replace("&", ""), widget, message)
        if isinstance(widget, TypedDateField | QSpinBox | QDoubleSpinBox):
            widget.setMaximumWidth(SHORT_FIELD_WIDTH)
        self.widgets[field] = widget
        if label:
            self._labels[field] = form_label(caption, widget)
        self._cells[field] = with_error_label(widget, message)
        watch(widget, self.edited)
        watch(widget, lambda: self.feedback.clear_field(field))
        return widget

    def label(self, field: str) -> QLabel:
        return self._labels[field]

    def cell(self, field: str) -> QWidget:
        return self._cells[field]

    def line(self, field: str, caption: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        self.add(field, caption, edit)
        return edit

    def text(self, field: str, caption: str, lines: int = 3, placeholder: str = "") -> QPlainTextEdit:
        edit = text_edit(lines)
        edit.setPlaceholderText(placeholder)
        self.add(field, caption, edit)
        return edit

    def date(self, field: str, caption: str, *, latest: dt.date | None = None) -> DateField:
        latest = latest or self.today
        edit = DateField(earliest=EARLIEST_DATE, latest=latest, anchor=min(latest, self.today), today=self.today)
        self.add(field, caption, edit)
        return edit

    def check(self, field: str, caption: str, said_as: str = "") -> QCheckBox:
        box = QCheckBox(caption)
        self.add(field, caption, box, label=False, said_as=said_as)
        return box

    def combo(self, field: str, caption: str, vocabulary: Vocabulary, none_text: str = "") -> CodeComboBox:
        """A vocabulary's labels; with ``none_text`` an item for "nothing chosen" ('') comes first."""
        combo = CodeComboBox(vocabulary)
        if none_text:
            combo.insertItem(0, none_text, "")
            combo.setCurrentIndex(0)
        self.add(field, caption, combo)
        return combo


class ScrollForm(QScrollArea):
    """A form on one scrolling page: ``edited`` when the person changes something (not while it
    loads), and Tab through ``focus_chain()`` in order."""

    edited = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._loading = False

    def _edited(self) -> None:
        if not self._loading:
            self.edited.emit()

    @contextlib.contextmanager
    def _quietly(self) -> Iterator[None]:
        """Loading values: the fields' change signals are not the person's edits."""
        self._loading = True
        try:
            yield
        finally:
            self._loading = False

    def _set_page(self, page: QWidget) -> None:
        self.setWidget(page)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        for first, second in itertools.pairwise(self.focus_chain()):
            QWidget.setTabOrder(first, second)

    def focus_chain(self) -> list[QWidget]:
        raise NotImplementedError
