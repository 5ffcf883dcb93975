"""Privacy mode covers every window the app opens for a patient: switched with Ctrl+Shift+P, no
window title, label, tooltip, list item or page shows a full name, a full birth date, a guardian's
name or phone, or a private note; switched off, the names are back (in open windows too)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QTabBar,
    QTableView,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from cst_notes.domain.draft import Draft
from cst_notes.domain.intake import Intake
from cst_notes.domain.patient import Patient
from cst_notes.domain.session import Session
from cst_notes.domain.settings import ClinicSettings
from cst_notes.services import Services
from cst_notes.ui.forms.draft_content import to_content
from cst_notes.ui.forms.draft_keeper import NEW_PATIENT_KEY, intake_key
from cst_notes.ui.shell.main_window import MainWindow
from cst_notes.ui.widgets.html_delegate import HTML_ROLE
from tests.conftest import NO_RECORDS_REASON
from tests.ui.conftest import AMIT, TODAY, activate, at, ctrl, show_active
from tests.ui.shell.test_practice_menu import FakeAsker

PRIVATE_NOTE = "SER dialogue about the divorce and the jaw"
DRAFTED_NAME = "Maya Sen Gupta"
ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, HTML_ROLE)


def model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Iterator[str]:
    """Every cell's text, tooltip and HTML, down the tree; and the headers."""
    parent = parent or QModelIndex()
    row = 0
    while model.hasIndex(row, 0, parent):
        column = 0
        while model.hasIndex(row, column, parent):
            if row == 0 and not parent.isValid():
                yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            index = model.index(row, column, parent)
            yield from (str(index.data(role) or "") for role in ROLES)
            column += 1
        yield from model_texts(model, model.index(row, 0, parent))
        row += 1


def widget_texts(widget: QWidget) -> Iterator[str]:
    yield widget.toolTip()
    if isinstance(widget, QLabel | QAbstractButton):
        yield widget.text()
    elif isinstance(widget, QGroupBox):
        yield widget.title()
    elif isinstance(widget, QTextEdit) or (isinstance(widget, QPlainTextEdit) and widget.isReadOnly()):
        yield widget.toPlainText()  # the intake and plan pages, a change in the history
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from model_texts(widget.model())
    elif isinstance(widget, QTabBar):
        for tab in range(widget.count()):
            yield widget.tabText(tab)
            yield widget.tabToolTip(tab)


def on_screen() -> list[tuple[str, str]]:
    """(window title, text) for everything every open window shows (not what is typed in a field)."""
    found = []
    for window in QApplication.topLevelWidgets():
        if not window.isVisible():
            continue
        title = window.windowTitle()
        found.append((title, title))
        if isinstance(window, QMainWindow):
            found.append((title, window.statusBar().currentMessage()))
        for widget in [window, *window.findChildren(QWidget)]:
            found += [(title, text) for text in widget_texts(widget) if text]
    return found


def leaks(forbidden: list[str]) -> list[tuple[str, str, str]]:
    return [(title, word, text) for title, text in on_screen() for word in forbidden if word in text]


@pytest.fixture
def practice(services: Services, clinic: dict[str, int]) -> Services:
    """The clinic, plus a private note, a record past retention and two drafts left by a crash."""
    amit = clinic[AMIT]
    services.add_session(
        amit,
        Session(
            at(2),
            subjective="Jaw tension after the dentist",
            private_notes=PRIVATE_NOTE,
            contraindication_override_reason="Cleared by the neurologist",
        ),
    )
    old = services.create_patient(Patient("Rahel Abebe Tesfaye", dt.date(1951, 6, 23))).patient_id
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=3 * 365)
    services.add_session(old, Session(long_ago, contraindication_override_reason=NO_RECORDS_REASON))
    services.save_settings(ClinicSettings(retention_years=2))
    services.save_draft(Draft(intake_key(amit), "intake", amit, to_content(Intake(TODAY, complaint="Jaw"))))
    services.save_draft(Draft(NEW_PATIENT_KEY, "new_patient", None, {"full_name": DRAFTED_NAME}))
    return services


def forbidden_words(services: Services) -> list[str]:
    words = [DRAFTED_NAME, "divorce"]
    for summary in services.patient_summaries():
        p = services.patient(summary.id)
        words += [p.full_name, p.birth_date.isoformat(), p.birth_date.strftime("%d/%m/%Y")]
        words += [p.preferred_name] if p.preferred_name else []
        words += [p.guardian.name, p.guardian.phone] if p.guardian else []
    return words


def test_privacy_mode_hides_names_and_birth_dates_in_every_window(
    qtbot: QtBot, practice: Services, clinic: dict[str, int]
) -> None:
    amit = practice.patient(clinic[AMIT])
    window = show_active(qtbot, MainWindow(practice, "clinic.sqlite"))
    window.practice.asker = FakeAsker()
    assert window.drafts_bar.isVisible()
    window.filter_edit.setFocus()
    qtbot.keyClicks(window.filter_edit, "jaw")  # a word in a note and in the private note
    qtbot.waitUntil(lambda: window.patients_pane.search.shown_query == "jaw", timeout=3000)
    window.show_patient(clinic[AMIT])
    newest = max(practice.sessions(clinic[AMIT]), key=lambda s: s.started_at)
    assert newest.id is not None
    window.chart.tabs.show_session(newest.id)  # an open session editor, its own window
    editor = window.chart.tabs.sessions_tab.editors[-1]
    qtbot.waitExposed(editor)
    assert amit.full_name in editor.windowTitle()

    activate(qtbot, window)
    ctrl(qtbot, Qt.Key.Key_P, window, shift=True)  # privacy mode on: the windows already open follow
    assert window.practice.privacy_action.isChecked()
    dialogs: list[QDialog | None] = [
        window.practice.export_pdf(),
        window.practice.history(),
        window.practice.retention_list(),
        window.edit_details(clinic[AMIT]),
    ]
    for dialog in dialogs:
        assert dialog is not None
        qtbot.waitExposed(dialog)
    history = window.practice.open_dialogs[1]
    forbidden = forbidden_words(practice)

    assert leaks(forbidden) == []
    table = history.findChild(QTableView)
    assert table is not None
    for row in range(table.model().rowCount()):  # every change in the history, read in turn
        table.selectRow(row)
        assert leaks(forbidden) == [], f"history row {row}"
    assert window.chart.header.name_label.text() == "অ. রা."
    assert "born 1979 ·" in window.chart.header.facts_label.text()


def test_switching_privacy_mode_off_brings_the_names_back_in_open_windows(
    qtbot: QtBot, practice: Services, clinic: dict[str, int]
) -> None:
    amit = practice.patient(clinic[AMIT])
    window = show_active(qtbot, MainWindow(practice, "clinic.sqlite"))
    window.show_patient(clinic[AMIT])
    first = practice.sessions(clinic[AMIT])[0].id
    assert first is not None
    editor = window.chart.tabs.sessions_tab.open_session(first)
    for _ in range(2):  # on, then off again
        activate(qtbot, window)
        ctrl(qtbot, Qt.Key.Key_P, window, shift=True)
    assert not window.practice.privacy_action.isChecked()
    assert amit.full_name in editor.windowTitle()
    assert [word for _, word, _ in leaks([amit.full_name, amit.birth_date.isoformat(), DRAFTED_NAME])] != []
