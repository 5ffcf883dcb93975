"""Find (Ctrl+F): names and the text of notes in any script, results grouped by patient with the
match highlighted, exact names first; typed search syntax is just text; Enter opens the chart or
the session; the search runs off the event loop on a database file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from cst_notes.domain.session import Session
from cst_notes.services import Services
from cst_notes.ui.chart.tab_order import ChartTab
from cst_notes.ui.patients.search_panel import HIGHLIGHT, SearchPanel
from cst_notes.ui.shell.main_window import MainWindow
from cst_notes.ui.widgets.html_delegate import HTML_ROLE
from tests.conftest import NO_RECORDS_REASON
from tests.ui.conftest import AMIT, JOHN, PRIYA, SUMITA, add_patient, at, child_item, ctrl, show_active, tree_item

NOTES = {
    SUMITA: "মাথাব্যথা কমেছে, ঘুম ভালো",  # "the headache has eased, sleep is good"
    PRIYA: "सिरदर्द कम हुआ",  # "the headache is less"
    JOHN: "Neck stiff after <b>gardening</b> & lifting, and tired",
}


@pytest.fixture
def notes(clinic: dict[str, int], services: Services, window: MainWindow) -> Iterator[dict[str, int]]:
    """A session with a note for Sumita (Bengali), Priya (Devanagari) and John; their session ids."""
    ids = {
        name: services.add_session(
            clinic[name], Session(at(5), subjective=text, contraindication_override_reason=NO_RECORDS_REASON)
        ).session_id
        for name, text in NOTES.items()
    }
    window.model.refresh()
    yield ids
    for editor in list(window.chart.tabs.sessions_tab.editors):
        editor.close()


def search(qtbot: QtBot, window: MainWindow, text: str) -> SearchPanel:
    """Type ``text`` in the find box (setText: keyClicks cannot type non-ASCII) and wait for the results."""
    panel = window.patients_pane.search
    window.filter_edit.setText(text)
    qtbot.waitUntil(lambda: panel.shown_query == text.strip(), timeout=3000)
    return panel


def patients(panel: SearchPanel) -> list[str]:
    return [tree_item(panel.results, n).text(0).split(" · ")[0] for n in range(panel.results.topLevelItemCount())]


def hits(panel: SearchPanel, row: int = 0) -> list[QTreeWidgetItem]:
    patient = tree_item(panel.results, row)
    return [child_item(patient, n) for n in range(patient.childCount())]


def test_names_in_any_script(qtbot: QtBot, clinic: dict[str, int], window: MainWindow) -> None:
    assert patients(search(qtbot, window, "অমিত")) == ["অমিত রায় (অমিত)"]
    assert patients(search(qtbot, window, "दास")) == []  # Devanagari দাস is not Bengali দাস
    panel = search(qtbot, window, "দাস")
    assert patients(panel) == [SUMITA]
    assert panel.showing_results()
    assert panel.results.isVisible()
    assert not window.table.isVisible()
    assert patients(search(qtbot, window, "प्रिया")) == ["प्रिया शर्मा (Priya)"]
    assert patients(search(qtbot, window, "Smi")) == [JOHN]
    assert "1 patient found" in window.status_label.text()
    window.filter_edit.clear()
    assert window.table.isVisible()
    assert not panel.showing_results()


def test_words_in_notes_even_inside_a_bengali_word_highlighted(
    qtbot: QtBot, notes: dict[str, int], window: MainWindow
) -> None:
    panel = search(qtbot, window, "ব্যথা")  # inside মাথাব্যথা
    assert patients(panel) == [SUMITA]
    [hit] = hits(panel)
    assert hit.text(0) == f"Session {at(5).date().isoformat()}: {NOTES[SUMITA]}"
    assert f"মাথা<span style='{HIGHLIGHT}'>ব্যথা</span> কমেছে" in hit.data(0, HTML_ROLE)

    panel = search(qtbot, window, "दर्द")  # inside सिरदर्द
    assert patients(panel) == ["प्रिया शर्मा (Priya)"]
    assert f"सिर<span style='{HIGHLIGHT}'>दर्द</span>" in hits(panel)[0].data(0, HTML_ROLE)

    panel = search(qtbot, window, "garden")
    html = hits(panel)[0].data(0, HTML_ROLE)
    assert f"&lt;b&gt;<span style='{HIGHLIGHT}'>gardening</span>&lt;/b&gt; &amp; lifting" in html  # text, not markup


def test_exact_name_matches_come_first(qtbot: QtBot, services: Services, window: MainWindow) -> None:
    mentioned = add_patient(services, "Karin Lund", dt.date(1970, 1, 1))
    services.add_session(
        mentioned,
        Session(at(3), subjective="Referred by Anna Berg", contraindication_override_reason=NO_RECORDS_REASON),
    )
    add_patient(services, "Anna Bergström", dt.date(1981, 1, 1))
    add_patient(services, "Anna Berg", dt.date(1982, 1, 1))
    window.model.refresh()
    panel = search(qtbot, window, "Anna Berg")
    assert patients(panel) == ["Anna Berg", "Anna Bergström", "Karin Lund"]
    assert "3 patients" in panel.summary.text()


TYPED_SYNTAX = ('"', 'pain"', "AND", "pain AND", "NEAR(", "NEAR(pain, 2)", "*", "pain*", "(", ")", "-", "^x", "a:b")


def test_search_syntax_typed_by_the_user_is_never_an_error(
    qtbot: QtBot, notes: dict[str, int], window: MainWindow
) -> None:
    panel = window.patients_pane.search
    for typed in TYPED_SYNTAX:
        window.filter_edit.setFocus()
        window.filter_edit.setText(typed)
        qtbot.keyClick(window.filter_edit, Qt.Key.Key_Return)  # searches at once, without the pause
        assert panel.shown_query == typed.strip(), typed
        assert "error" not in panel.summary.text().lower()
        assert panel.showing_results() or window.table.isVisible()
    assert patients(search(qtbot, window, "gardening AND")) == [JOHN]  # the operator is a word like any other


def test_enter_opens_the_session_of_a_note(qtbot: QtBot, notes: dict[str, int], window: MainWindow) -> None:
    ctrl(qtbot, Qt.Key.Key_F, window)
    assert QApplication.focusWidget() is window.filter_edit
    panel = search(qtbot, window, "gardening")
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Down)  # into the results: the patient
    assert QApplication.focusWidget() is panel.results
    qtbot.keyClick(panel.results, Qt.Key.Key_Down)  # the note
    assert panel.results.currentItem() is hits(panel)[0]
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert window.chart.patient_id == window.patients_pane.search.matches[0].patient_id
    assert window.chart.tabs.currentIndex() == ChartTab.SESSIONS
    editor = window.chart.tabs.sessions_tab.session_editor
    assert editor is not None
    assert editor.session_id == notes[JOHN]


def test_enter_on_a_patient_or_an_intake_opens_the_chart(
    qtbot: QtBot, clinic: dict[str, int], window: MainWindow
) -> None:
    panel = search(qtbot, window, "computer")  # Amit's intake: "Headaches after long days at the computer"
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Return)  # one patient with a note: Enter goes into the results
    assert QApplication.focusWidget() is panel.results
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)  # on the patient
    assert window.chart.patient_id == clinic[AMIT]
    window.chart.tabs.setCurrentIndex(ChartTab.SESSIONS)
    panel.results.setFocus()
    panel.results.setCurrentItem(hits(panel)[0])
    assert hits(panel)[0].text(0).startswith("Intake ")
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert window.chart.tabs.currentIndex() == ChartTab.INTAKE


def test_escape_clears_the_box(qtbot: QtBot, clinic: dict[str, int], window: MainWindow) -> None:
    search(qtbot, window, "অমিত")
    window.filter_edit.setFocus()
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Escape)
    assert window.filter_edit.text() == ""
    assert window.table.isVisible()


def test_privacy_mode_shows_initials_in_the_results(qtbot: QtBot, clinic: dict[str, int], window: MainWindow) -> None:
    panel = search(qtbot, window, "সুমিতা")
    window.practice.privacy_action.setChecked(True)
    assert patients(panel) == ["সু. দা."]
    assert SUMITA not in tree_item(panel.results, 0).data(0, HTML_ROLE)
    window.practice.privacy_action.setChecked(False)
    assert patients(panel) == [SUMITA]


def test_on_a_database_file_the_search_runs_in_a_worker_thread(
    qtbot: QtBot, file_services: Services, db_path: Path
) -> None:
    add_patient(file_services, AMIT, dt.date(1979, 4, 2))
    john = add_patient(file_services, JOHN, dt.date(1970, 12, 1))
    window = show_active(qtbot, MainWindow(file_services, str(db_path)))
    panel = window.patients_pane.search
    assert panel.searcher.threaded
    assert patients(search(qtbot, window, "রায়")) == [AMIT]

    window.filter_edit.setText("smith")
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Return)  # before the results came: they open the only match
    qtbot.waitUntil(lambda: window.chart.patient_id == john)

    delivered: list[str] = []
    panel.searcher.found.connect(lambda query, _matches: delivered.append(query))
    panel.searcher.search("john")
    panel.searcher.search("smith")  # the first one's results, if any come, are stale: dropped
    qtbot.waitUntil(lambda: delivered == ["smith"])
    qtbot.wait(50)
    assert delivered == ["smith"]

    window.close()
    assert not panel.searcher.threaded  # stopped, its connection closed


def test_enter_on_a_plan_hit_opens_the_plan_tab(qtbot: QtBot, clinic: dict[str, int], window: MainWindow) -> None:
    panel = search(qtbot, window, "diary")  # Amit's plan: the goal's measure is "headache diary"
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Down)  # into the results: the patient
    qtbot.keyClick(panel.results, Qt.Key.Key_Down)  # the plan
    assert hits(panel)[0].text(0).startswith("Plan ")
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert window.chart.patient_id == clinic[AMIT]
    assert window.chart.tabs.currentIndex() == ChartTab.PLAN
