"""The main window: the patient list on the left, the opened chart on the right."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cst_notes import APP_NAME, __version__
from cst_notes.domain import access
from cst_notes.domain.access import Can
from cst_notes.domain.draft import Draft
from cst_notes.domain.validation import ValidationError
from cst_notes.services import Changed, LockedError, NotAllowedError, NotFoundError, RecordKind, Services
from cst_notes.ui.body_map import map_view as body_map
from cst_notes.ui.chart.chart_view import ChartView
from cst_notes.ui.chart.tab_order import ChartTab
from cst_notes.ui.documents import preload
from cst_notes.ui.patients.list_model import Column, PatientListModel, widest_texts
from cst_notes.ui.patients.patients_pane import PatientsPane
from cst_notes.ui.shell.clinic_status import ClinicStatus
from cst_notes.ui.shell.drafts_bar import DraftsBar
from cst_notes.ui.shell.help import Help
from cst_notes.ui.shell.practice_menu import PracticeMenu
from cst_notes.ui.shell.sitting import Sitting
from cst_notes.ui.widgets.date_edit import set_date_order
from cst_notes.ui.widgets.keys import key_action
from cst_notes.ui.widgets.privacy import Privacy

if TYPE_CHECKING:  # imported when it is first opened (with the form widgets behind it)
    from cst_notes.ui.patients.new_patient_dialog import NewPatientDialog
    from cst_notes.ui.shell.conflicts_dialog import ConflictsDialog

PREPARE_CHART_MS = 300
READ_DRAWINGS_MS = 600  # after the chart's tabs are built
PRELOAD_DOCUMENTS_MS = 1000  # after the drawings: the documents' modules, in a thread of their own


class MainWindow(QMainWindow):
    changed = Signal(object)  # a services.Changed: every view refreshes itself from it

    def __init__(
        self,
        services: Services,
        db_label: str,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        idle_ms: int | None = None,
        offer_set_up: bool = False,
        parent: Any = None,
    ) -> None:
        """``idle_ms``: the idle time before the screen locks (default: the clinic settings' minutes).
        ``offer_set_up``: a new database opens on the first run's set-up (the app does; tests choose)."""
        super().__init__(parent)
        self._services = services
        self._today = today
        self.db_label = db_label
        set_date_order(services.settings().date_order)  # how every date field reads 03/04/2020
        self.new_patient_dialog: NewPatientDialog | None = None
        self.conflicts_dialog: ConflictsDialog | None = None
        # Privacy mode (Ctrl+Shift+P): every window that shows a patient is handed this, and follows it.
        self.privacy = Privacy(parent=self)
        # the file name only: Qt adds the application display name (set at launch) after it
        self.setWindowTitle(Path(db_label).name or db_label)
        self.resize(1200, 760)

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("patient_filter")
        self.filter_edit.setPlaceholderText("Find patient…")
        self.filter_edit.setClearButtonEnabled(True)
        self.model = PatientListModel(services, today=today, privacy=self.privacy, parent=self)
        self.table = self._patient_table()
        self.chart = ChartView(services, today=today, privacy=self.privacy)
        self.drafts_bar = DraftsBar(services, self.privacy)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 8)
        left_layout.addWidget(self.filter_edit)
        # the search results in the list's place, the due list below
        self.patients_pane = PatientsPane(services, self.filter_edit, self.table, privacy=self.privacy, parent=self)
        left_layout.addWidget(self.patients_pane.pane, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([580, 620])
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.drafts_bar)
        central_layout.addWidget(splitter, 1)
        self.status_label = QLabel()
        self.clinic_label = QLabel()  # on a laptop joined to a clinic: its sync's status (``ClinicStatus``)
        work_status = QWidget()  # what the status bar says of the records, shown with the work only
        status_layout = QHBoxLayout(work_status)
        status_layout.setContentsMargins(0, 0, 0, 0)
        status_layout.addWidget(self.status_label, 1)
        status_layout.addWidget(self.clinic_label)
        self.statusBar().addWidget(work_status, 1)
        # the work, or the sign-in form, the first run's set-up, the locked page (``Sitting``)
        self.sitting = Sitting(
            self, services, central, work_status=work_status, can_leave=self._leave_chart, idle_ms=idle_ms
        )
        self.practice = PracticeMenu(
            self,
            services,
            lambda: self.chart.patient_id,
            privacy=self.privacy,
            current_record=lambda: self.chart.clinical_record,
        )
        self.practice.changed.connect(self.changed.emit)
        self.privacy.changed.connect(self._privacy_changed)
        self._build_actions()

        self.filter_edit.textChanged.connect(self._filter_changed)
        self.table.activated.connect(self._row_activated)
        self.changed.connect(self._on_changed)
        self.changed.connect(self.patients_pane.on_changed)
        self.patients_pane.patient_chosen.connect(self.show_patient)
        self.patients_pane.session_chosen.connect(self.show_session)
        self.chart.changed.connect(self.changed.emit)
        self.chart.patient_changed.connect(self._update_patient_actions)
        self.table.selectionModel().selectionChanged.connect(self._update_patient_actions)
        self.chart.edit_details_requested.connect(lambda patient_id: self.edit_details(patient_id))
        self.drafts_bar.restore_requested.connect(self.restore_draft)
        self._show_drafts()
        self.patients_pane.search.shown.connect(self._update_status)
        self._update_status()
        self._update_patient_actions()
        self.clinic_status = ClinicStatus(services, self.clinic_label, parent=self)
        self.changed.connect(lambda _change: self.clinic_status.refresh())
        self.clinic_status.changed.connect(self.changed.emit)  # what a sync pulled
        self.sync_action.setVisible(services.clinic_link() is not None)
        self.conflicts_action.setVisible(services.clinic_link() is not None)
        self.holdings_action.setVisible(services.clinic_link() is not None)
        self._show_holdings()
        self.clinic_status.shown.connect(lambda _text: self._update_conflicts_action())
        self._update_conflicts_action()
        self.sitting.entered.connect(self._entered)
        self.sitting.begin(offer_set_up=offer_set_up)
        # The chart's tabs are built a moment after the window shows, so that the first chart opens at once.
        QTimer.singleShot(PREPARE_CHART_MS, self.chart.prepare)
        body_map.read_ahead(READ_DRAWINGS_MS)  # for the first session editor
        QTimer.singleShot(PRELOAD_DOCUMENTS_MS, preload.load_in_background)  # for the first document

    # --- building ---------------------------------------------------------------------------

    def _patient_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("patient_list")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.ALERT, QHeaderView.ResizeMode.Fixed)
        table.setColumnWidth(Column.ALERT, 28)
        cell, title = table.fontMetrics(), header.fontMetrics()
        margin = 2 * table.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 6
        for column, text in widest_texts().items():
            heading = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            table.setColumnWidth(column, max(cell.horizontalAdvance(text), title.horizontalAdvance(heading)) + margin)
        return table

    def _build_actions(self) -> None:
        self.new_patient_action = self._action("&New patient…", self.new_patient, "new_patient")
        self.quit_action = self._action("&Quit", self.close, "quit")
        self.sync_action = self._action(
            "S&ync with the clinic now", lambda: self.clinic_status.sync_now(), "sync_clinic"
        )
        self.conflicts_action = self._action("Resolve clinic con&flicts…", self.open_conflicts)
        self.holdings_action = self._action("Hold the &whole clinic's patients", self._hold_whole_clinic)
        self.holdings_action.setCheckable(True)
        self.holdings_action.setToolTip(
            "Checked: every patient you may see comes to this laptop at each sync. Unchecked: your own "
            "(with a signed session you treated or signed, or added here). Patients held stay held."
        )
        self.open_chart_action = self._action("&Open chart", self.open_selected)
        self.close_chart_action = self._action("&Close chart", self.close_chart, "close_chart")
        self.find_action = self._action("&Find patient", self.focus_filter, "find_patient")
        self.save_action = self._action("&Save", self.chart.save_current, "save_form")
        self.start_session_action = self._action("S&tart session…", self.chart.start_session, "start_session")
        self.edit_details_action = self._action("Edit &details…", self._edit_open_details)
        self.screening_action = self._action("Co&ntraindication screening…", self.chart.open_screening, "screening")
        self.about_action = self._action(f"&About {APP_NAME}", self.about)
        self.help = Help(self)
        self.guide_action = self._action("&Guide", self.help.open_guide, "help")
        # in every window of the app (the session editor is a window of its own), as the lock is
        self.guide_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.shortcuts_action = self._action("&Keyboard shortcuts", self.help.open_shortcuts)

        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        file_menu.setToolTipsVisible(True)  # a disabled action says why
        file_menu.addAction(self.new_patient_action)
        file_menu.addSeparator()
        file_menu.addActions(self.practice.file_actions)
        file_menu.addSeparator()
        file_menu.addAction(self.sync_action)
        file_menu.addAction(self.conflicts_action)
        file_menu.addAction(self.holdings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.sitting.lock_action)
        file_menu.addAction(self.sitting.sign_out_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        patient_menu = self.patient_menu = menus.addMenu("&Patient")
        patient_menu.setToolTipsVisible(True)
        patient_menu.addAction(self.find_action)
        patient_menu.addAction(self.open_chart_action)
        patient_menu.addAction(self.close_chart_action)
        patient_menu.addSeparator()
        patient_menu.addAction(self.save_action)
        patient_menu.addAction(self.start_session_action)
        patient_menu.addAction(self.edit_details_action)
        patient_menu.addAction(self.screening_action)
        patient_menu.addSeparator()
        patient_menu.addActions(self.practice.patient_actions)
        patient_menu.addSeparator()
        patient_menu.addAction(self.practice.privacy_action)
        help_menu = menus.addMenu("&Help")
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _update_patient_actions(self) -> None:
        """The Patient menu offers what can be done: a chart's commands while one is open, Open chart
        while a patient is selected in the list (disabled, their shortcuts do nothing either)."""
        is_open = self.chart.patient_id is not None
        self.open_chart_action.setEnabled(self.selected_patient_id() is not None)
        always = {self.find_action, self.open_chart_action, self.practice.privacy_action}
        needing_a_patient = [a for a in self.patient_menu.actions() if not a.isSeparator() and a not in always]
        for action in needing_a_patient:
            action.setEnabled(is_open and self._allowed(action))
        for action in self.practice.file_actions:
            action.setEnabled(self._allowed(action))

    def _allowed(self, action: QAction) -> bool:
        """Whether the signed-in practitioner's role may use ``action``; if not, its tooltip says why."""
        needs = {
            **self.practice.needs,
            self.start_session_action: Can.WRITE_CLINICAL,
            self.screening_action: Can.READ_CLINICAL,
        }
        what = needs.get(action)
        if what is None or self._services.may(what):
            action.setToolTip("")
            return True
        role = self._services.role()
        why = "Sign in first" if role == "" else access.refusal(role, what).capitalize()
        action.setToolTip(f"{why}.")
        return False

    def _action(self, text: str, slot: Callable[[], object], key: str = "") -> QAction:
        """An action; ``key`` names its row in ``widgets.keys.KEYS`` ("Ctrl" is Command on macOS)."""
        action = QAction(text, self)
        if key:
            key_action(action, key)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    # --- the patient list -------------------------------------------------------------------

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _filter_changed(self, text: str) -> None:
        self.model.set_filter(text)
        self._update_status()

    def selected_patient_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.patient_id(rows[0].row()) if rows else None

    def select_patient(self, patient_id: int) -> bool:
        row = self.model.row_of(patient_id)
        if row is None:
            return False
        index = self.model.index(row, Column.NAME)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def _row_activated(self, index: QModelIndex) -> None:
        self.open_chart(self.model.patient_id(index.row()))

    # --- the chart ----------------------------------------------------------------------------

    def open_chart(self, patient_id: int) -> bool:
        """Open the patient's chart; False if the user chose to stay on a form with changes."""
        current = self.chart.patient_id
        if current is not None and current != patient_id and not self.chart.confirm_leave():
            self.select_patient(current)
            return False
        self.chart.open_patient(patient_id)
        return True

    def show_patient(self, patient_id: int, tab: ChartTab | None = None) -> bool:
        """Select the patient in the list (if shown there) and open the chart, on ``tab`` if given."""
        self.select_patient(patient_id)
        if not self.open_chart(patient_id):
            return False
        if tab is not None:
            self.chart.tabs.show_tab(tab)
        return True

    def show_session(self, patient_id: int, session_id: int) -> None:
        """Open the patient's chart with that session in the editor."""
        if self.show_patient(patient_id, ChartTab.SESSIONS):
            self.chart.tabs.show_session(session_id)

    def open_selected(self) -> None:
        patient_id = self.selected_patient_id()
        if patient_id is not None:
            self.open_chart(patient_id)

    def close_chart(self) -> None:
        if self.chart.confirm_leave():
            self.chart.close_patient()

    def _leave_chart(self) -> bool:
        """Before signing out: the chart closes (asking about unsaved changes); False to stay."""
        if self.chart.patient_id is not None and not self.chart.confirm_leave():
            return False
        self.chart.close_patient()
        return True

    def _show_drafts(self) -> None:
        """What a crash or power cut left unsaved (once someone may see it)."""
        if self._services.may(Can.SEE_PATIENTS):
            self.drafts_bar.show_drafts(self._services.drafts())

    def _entered(self) -> None:
        """Back at the work after a sign-in or the set-up: what a sitting may see is read again."""
        set_date_order(self._services.settings().date_order)
        selected = self.selected_patient_id()
        self.model.refresh()
        if selected is not None:  # after an unlock, the list as it was
            self.select_patient(selected)
        self.patients_pane.due.refresh()
        self.patients_pane.to_sign.refresh()
        self._show_drafts()
        open_patient, shown = self.chart.patient_id, self.chart.shown_for_a_role
        if open_patient is not None and shown is not None and shown != self.chart.clinical:
            self.chart.open_patient(open_patient)  # the owner took over from the front desk: the whole chart
        self._update_patient_actions()
        self._update_status()
        self.clinic_status.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._services.is_locked:  # the unsaved forms wait for the practitioner to unlock
            event.ignore()
            return
        if self.chart.patient_id is not None and not self.chart.confirm_leave():
            event.ignore()
            return
        self.patients_pane.shutdown()
        self.clinic_status.shutdown()
        self.sitting.idle.stop()
        super().closeEvent(event)

    # --- actions --------------------------------------------------------------------------------

    def new_patient(self, content: dict[str, Any] | None = None) -> NewPatientDialog:
        """Open the 'New patient' dialog (window-modal, non-blocking), with a draft's ``content`` if given."""
        from cst_notes.ui.patients.new_patient_dialog import NewPatientDialog

        dialog = NewPatientDialog(self._services, today=self._today, parent=self, privacy=self.privacy)
        if content is not None:
            dialog.set_content(content)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._patient_created(dialog))
        dialog.destroyed.connect(self._forget_dialog)
        self.new_patient_dialog = dialog
        dialog.open()
        return dialog

    def edit_details(self, patient_id: int, content: dict[str, Any] | None = None) -> NewPatientDialog:
        """The same dialog on an existing patient: name, birth date, guardian…"""
        from cst_notes.ui.patients.new_patient_dialog import NewPatientDialog

        dialog = NewPatientDialog(
            self._services,
            today=self._today,
            parent=self,
            patient=self._services.patient(patient_id),
            privacy=self.privacy,
        )
        if content is not None:
            dialog.set_content(content)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.changed.emit(dialog.change) if dialog.change else None)
        dialog.destroyed.connect(self._forget_dialog)
        self.new_patient_dialog = dialog
        dialog.open()
        return dialog

    def _edit_open_details(self) -> None:
        if self.chart.patient_id is not None:
            self.edit_details(self.chart.patient_id)

    def restore_draft(self, draft: Draft) -> None:
        """Reopen the form a draft was kept for, with the draft's content."""
        if draft.form == "new_patient":
            self.new_patient(draft.content)
            return
        if draft.patient_id is None:
            return
        try:
            self._services.patient(draft.patient_id)
        except NotFoundError:
            self._services.discard_draft(draft.key)
            return
        self.select_patient(draft.patient_id)
        if not self.open_chart(draft.patient_id):
            return
        if draft.form == "patient":
            self.edit_details(draft.patient_id, draft.content)
        else:
            self.chart.restore_draft(draft)

    def _forget_dialog(self) -> None:
        self.new_patient_dialog = None

    def _patient_created(self, dialog: NewPatientDialog) -> None:
        change = dialog.change
        if change is None:
            return
        self.changed.emit(change)
        if self.model.row_of(change.patient_id) is None:
            self.filter_edit.clear()  # the filter hid the new patient
        self.select_patient(change.patient_id)
        self.open_chart(change.patient_id)
        self.table.setFocus()

    def _on_changed(self, change: Changed) -> None:
        selected = self.selected_patient_id()
        self.model.refresh()
        if selected is not None:
            self.select_patient(selected)
        self.chart.on_changed(change)
        self._update_status()
        if RecordKind.SETTINGS in change.kinds:
            self.sitting.settings_changed()

    def _privacy_changed(self, on: bool) -> None:
        """The windows follow ``privacy`` themselves; the status bar says the mode is on."""
        self.statusBar().showMessage("Privacy mode: initials and birth years only" if on else "", 0)

    def about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME}</b> {__version__}<br>Offline clinical notes for craniosacral therapists.",
        )

    def _update_conflicts_action(self) -> None:
        """File ▸ Resolve clinic conflicts… is there on a laptop joined to a clinic, enabled while
        conflicts wait (the status bar counts them too)."""
        services = self._services
        n = 0
        if services.clinic_link() is not None and not services.is_locked and services.may(Can.SEE_PATIENTS):
            n = services.conflict_count()
        self.conflicts_action.setEnabled(n > 0)
        self.conflicts_action.setToolTip(
            "Choose between two versions of a patient's details" if n else "No conflicts wait for you"
        )

    def _show_holdings(self) -> None:
        link = self._services.clinic_link()
        self.holdings_action.setChecked(link is not None and link.whole_clinic)

    def _hold_whole_clinic(self) -> None:
        """File ▸ Hold the whole clinic's patients: which patients the next syncs bring (audited);
        refused, the tick put back, while the screen is locked or for someone who may not."""
        whole = self.holdings_action.isChecked()
        try:
            changed = self._services.hold_whole_clinic(whole)
        except (NotAllowedError, LockedError, ValidationError) as exc:
            self._show_holdings()
            self.statusBar().showMessage(f"Which patients this laptop holds was not changed: {exc}", 8000)
            return
        held = "every patient of the clinic you may see" if whole else "your own patients"
        self.changed.emit(changed)  # audited: one more change waiting for the clinic
        self.statusBar().showMessage(f"From the next sync, this laptop holds {held}.", 8000)

    def open_conflicts(self) -> ConflictsDialog:
        """The conflicts with the clinic, for a person to resolve (one open at a time)."""
        from cst_notes.ui.shell.conflicts_dialog import ConflictsDialog

        if self.conflicts_dialog is not None:
            self.conflicts_dialog.raise_()
            self.conflicts_dialog.activateWindow()
            return self.conflicts_dialog
        dialog = self.conflicts_dialog = ConflictsDialog(self._services, self.privacy, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resolved.connect(self.changed.emit)
        dialog.finished.connect(lambda _result: setattr(self, "conflicts_dialog", None))
        dialog.open()
        return dialog

    def _update_status(self) -> None:
        n = self.patients_pane.search.shown_count(self.model.rowCount())
        patients = "1 patient" if n == 1 else f"{n} patients"
        if self.model.filter_text.strip():
            patients += " found"
        self.status_label.setText(f"Database: {self.db_label}   ·   {patients}")
