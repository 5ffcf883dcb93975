"""Find: one box over patient names and the text of notes, in any script.

Typing filters the patient list by name at once; a moment after the last key the search of names
and notes runs (off the event loop on a database file), and its results take the list's place:
grouped by patient, exact name matches first, each note's snippet with the matching words
highlighted. Enter (or a double-click) on a patient opens the chart, on a note opens that session
(or the intake). Down moves from the box into the results, Escape clears the box.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain.access import Can
from cst_notes.domain.search import MARK_END, MARK_START, NoteHit, PatientMatches
from cst_notes.services import Services
from cst_notes.ui.patients.list_model import DAMAGED, PatientListModel
from cst_notes.ui.patients.search_worker import Searcher
from cst_notes.ui.widgets.formatting import date_text
from cst_notes.ui.widgets.html_delegate import HTML_ROLE, HtmlDelegate
from cst_notes.ui.widgets.privacy import Privacy

DEBOUNCE_MS = 200
WARM_UP_MS = 2000
TARGET_ROLE = Qt.ItemDataRole.UserRole  # (patient id, session id or None, kind) of an item
KINDS = {"session": "Session", "intake": "Intake", "addendum": "Addendum", "plan": "Plan"}
HIGHLIGHT = "background-color:#FFE08A; font-weight:bold"
MUTED = "color:#5F6F78"


def snippet_html(snippet: str) -> str:
    """The snippet as rich text: every character escaped, the marked matches highlighted."""
    out: list[str] = []
    marked = False
    for ch in snippet:
        if ch in (MARK_START, MARK_END):
            if marked != (ch == MARK_START):
                out.append(f"<span style='{HIGHLIGHT}'>" if ch == MARK_START else "</span>")
                marked = ch == MARK_START
            continue
        out.append(html.escape(ch))
    return "".join(out) + ("</span>" if marked else "")


def snippet_text(snippet: str) -> str:
    return snippet.replace(MARK_START, "").replace(MARK_END, "")


class SearchPanel(QStackedWidget):
    """The patient list, or while the box holds text and the search found something, the results."""

    patient_chosen = Signal(int)  # open the chart
    session_chosen = Signal(int, int)  # patient, session: open the session
    intake_chosen = Signal(int)  # patient: open the chart on the intake
    plan_chosen = Signal(int)  # patient: open the chart on the plan
    shown = Signal()  # the results (or the patient list) are on screen

    def _in_notes(self) -> bool:
        """Whether a search looks in the notes too (for a role that reads them), or in names only."""
        return self._services.may(Can.READ_CLINICAL)

    def __init__(
        self,
        services: Services,
        find_box: QLineEdit,
        patient_list: QTableView,
        *,
        privacy: Privacy | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.find_box, self.patient_list = find_box, patient_list
        self.privacy = privacy or Privacy(parent=self)
        self.privacy.changed.connect(self.redraw)
        self._services = services
        self.find_box.setPlaceholderText(
            "Find a patient, or words in the notes…" if self._in_notes() else "Find a patient by name…"
        )
        self.matches: list[PatientMatches] = []
        self.shown_query: str | None = None  # the query the results on screen are for
        self._enter_pending = False
        self.summary = QLabel()
        self.summary.setObjectName("search_summary")
        self.summary.setStyleSheet(MUTED)
        self.summary.setWordWrap(True)
        self.results = QTreeWidget()
        self.results.setObjectName("search_results")
        self.results.setHeaderHidden(True)
        self.results.setColumnCount(1)
        self.results.setItemDelegate(HtmlDelegate(self.results))
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setUniformRowHeights(True)
        self.results.itemActivated.connect(self._activated)
        self.results.installEventFilter(self)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        self.addWidget(patient_list)
        self.addWidget(page)
        self.results_page = page

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run)
        self.searcher = Searcher(services, self)
        self.searcher.found.connect(self._found)
        self._warm_up = QTimer(self)
        self._warm_up.setSingleShot(True)
        self._warm_up.timeout.connect(self.searcher.warm_up)
        self._warm_up.start(WARM_UP_MS)  # after start-up, not during it
        find_box.textChanged.connect(self._text_changed)
        find_box.returnPressed.connect(self.enter)
        find_box.installEventFilter(self)

    # --- the box ----------------------------------------------------------------------------

    @property
    def query(self) -> str:
        return self.find_box.text().strip()

    def showing_results(self) -> bool:
        return self.currentWidget() is self.results_page

    def shown_count(self, listed: int) -> int:
        """How many patients are on screen: the results', or ``listed`` (the patient list's)."""
        return len(self.matches) if self.showing_results() else listed

    def refresh(self) -> None:
        """Search again (the records changed)."""
        if self.query:
            self._timer.start()

    def _text_changed(self, _text: str) -> None:
        self._enter_pending = False
        if not self.query:
            self._timer.stop()
            self._show_results([], None)
            return
        self.summary.setText("Searching…")
        self._timer.start()

    def _run(self) -> None:
        self._timer.stop()
        if self.query:
            self.searcher.search(self.query)

    def _found(self, query: str, matches: list[PatientMatches]) -> None:
        if query != self.query:
            return  # the box has changed since
        self._show_results(matches, query)
        if self._enter_pending:
            self._enter_pending = False
            self.enter()

    def enter(self) -> None:
        """Enter in the box: open the only match; else go to the results (or the list)."""
        if not self.query:
            self._into_list()
            return
        if self.shown_query != self.query:
            self._run()  # now, not after the pause
            if self.shown_query != self.query:
                self._enter_pending = True  # the worker answers soon
                return
        if not self.showing_results():
            self._into_list()
        elif len(self.matches) == 1 and not self.matches[0].notes:
            self.patient_chosen.emit(self.matches[0].patient_id)
        else:
            self._into_results()

    def _into_list(self) -> None:
        model = self.patient_list.model()
        if isinstance(model, PatientListModel) and model.rowCount() == 1 and self.query:
            self.patient_chosen.emit(model.patient_id(0))
            return
        if model.rowCount():
            self.patient_list.setFocus()
            if not self.patient_list.selectionModel().hasSelection():
                self.patient_list.selectRow(0)

    def _into_results(self) -> None:
        first = self.results.topLevelItem(0)
        if first is not None:
            self.results.setFocus()
            if self.results.currentItem() is None:
                self.results.setCurrentItem(first)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Escape and (self.find_box.text() or watched is self.results):
                self.find_box.clear()
                self.find_box.setFocus()
                return True
            if watched is self.find_box and key == Qt.Key.Key_Down:
                if self.showing_results():
                    self._into_results()
                elif self.patient_list.model().rowCount():
                    self.patient_list.setFocus()
                    if not self.patient_list.selectionModel().hasSelection():
                        self.patient_list.selectRow(0)
                return True
        return super().eventFilter(watched, event)

    # --- the results --------------------------------------------------------------------------

    def _show_results(self, matches: list[PatientMatches], query: str | None) -> None:
        self.matches, self.shown_query = matches, query
        self.redraw()
        nothing_at_all = not matches and not self.patient_list.model().rowCount()
        show = query is not None and (bool(matches) or nothing_at_all)
        self.setCurrentWidget(self.results_page if show else self.patient_list)
        self.shown.emit()

    def redraw(self) -> None:
        """Fill the tree from ``matches`` (again after privacy mode was switched)."""
        self.results.clear()
        for m in self.matches:
            patient = QTreeWidgetItem(self.results)
            name = self.privacy.name(m.full_name, m.preferred_name)
            born = f"born {self.privacy.birth_date(m.birth_date)}" if m.birth_date is not None else DAMAGED
            patient.setText(0, f"{name} · {born}")
            patient.setData(0, HTML_ROLE, f"<b>{html.escape(name)}</b> <span style='{MUTED}'>· {born}</span>")
            patient.setData(0, TARGET_ROLE, (m.patient_id, None, "patient"))
            for hit in m.notes:
                self._hit_item(patient, m.patient_id, hit)
            patient.setExpanded(True)
        if self.shown_query is None:
            self.summary.setText("")
        elif not self.matches:
            where = "names or notes" if self._in_notes() else "names"
            self.summary.setText(f"Nothing found for “{self.shown_query}” in {where}.")
        else:
            n = len(self.matches)
            found = "1 patient" if n == 1 else f"{n} patients"
            more = " (the first ones: type more words to narrow it)" if n >= 50 else ""
            self.summary.setText(f"{found}{more}. Enter opens the chart, or the note.")

    def _hit_item(self, parent: QTreeWidgetItem, patient_id: int, hit: NoteHit) -> None:
        item = QTreeWidgetItem(parent)
        label = f"{KINDS.get(hit.kind, hit.kind)} {date_text(hit.when)}".strip()
        item.setText(0, f"{label}: {snippet_text(hit.snippet)}")
        shown = f"<span style='{MUTED}'>{html.escape(label)}</span>&nbsp; {snippet_html(hit.snippet)}"
        item.setData(0, HTML_ROLE, shown)
        item.setData(0, TARGET_ROLE, (patient_id, hit.session_id, hit.kind))
        item.setToolTip(0, snippet_text(hit.snippet))

    def _activated(self, item: QTreeWidgetItem) -> None:
        patient_id, session_id, kind = item.data(0, TARGET_ROLE)
        if session_id is not None:
            self.session_chosen.emit(patient_id, session_id)
        elif kind == "intake":
            self.intake_chosen.emit(patient_id)
        elif kind == "plan":
            self.plan_chosen.emit(patient_id)
        else:
            self.patient_chosen.emit(patient_id)

    def shutdown(self) -> None:
        self._timer.stop()
        self._warm_up.stop()
        self.searcher.shutdown()
