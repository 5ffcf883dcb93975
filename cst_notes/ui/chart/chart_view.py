"""The chart of the opened patient: header, contraindication alerts and the record's tabs.

The alerts band sits above the tabs, so it stays in view on every tab of the patient. The tabs
(forms, the session editor, the charts) are built when the first chart opens, not at start-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from cst_notes.domain.access import Can
from cst_notes.domain.draft import Draft
from cst_notes.domain.record import PatientRecord
from cst_notes.services import Changed, DamagedRecord, NotFoundError, RecordKind, Services
from cst_notes.ui.chart.header import ChartHeader
from cst_notes.ui.widgets.alerts_band import AlertsBand
from cst_notes.ui.widgets.privacy import Privacy

if TYPE_CHECKING:  # imported on first use: not needed (nor the PDF libraries behind them) before a chart opens
    from cst_notes.ui.chart.tabs import ChartTabs
    from cst_notes.ui.documents.signed_summaries import SignedSummaries
    from cst_notes.ui.forms.form_tab import FormTab
    from cst_notes.ui.intake.screening_dialog import ScreeningDialog

PLACEHOLDER_TEXT = "Choose a patient or press Ctrl+N"


class ChartView(QStackedWidget):
    """Shows a placeholder until a patient is opened; redraws itself from the services."""

    changed = Signal(object)  # a services.Changed made in the chart (a saved intake, plan or session)
    edit_details_requested = Signal(int)  # the patient id
    patient_changed = Signal(object)  # the open patient's id, or None once the chart is closed

    def __init__(
        self,
        services: Services,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        privacy: Privacy | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.privacy = privacy or Privacy(parent=self)
        self.privacy.changed.connect(self._privacy_changed)
        self._today = today
        self._patient_id: int | None = None
        self._record: PatientRecord | None = None
        self._applied: Changed | None = None

        self.placeholder = QLabel(PLACEHOLDER_TEXT)
        self.placeholder.setObjectName("chart_placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #757575; font-size: 14pt;")

        self.chart = QWidget()
        self.header = ChartHeader(self.privacy)
        self.edit_details_button = QPushButton("Edit details…")
        self.edit_details_button.setObjectName("edit_details")
        self.edit_details_button.clicked.connect(self._edit_details)
        self.screening_button = QPushButton("Screening…")
        self.screening_button.setObjectName("screening_button")
        self.screening_button.setToolTip(
            "The contraindications in force and their history: add one found, resolve one, re-screen (Ctrl+K)"
        )
        self.screening_button.clicked.connect(self.open_screening)
        self.screening_dialog: ScreeningDialog | None = None  # while it is open
        self.alerts = AlertsBand()
        self._tabs: ChartTabs | None = None
        self._summaries: SignedSummaries | None = None  # in place of the tabs, for the front desk
        self._showing_clinical = True  # what the open chart shows (``shown_for_a_role``)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.screening_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.edit_details_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self.chart)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.alerts)
        self._layout = layout

        self.damaged = QLabel()
        self.damaged.setObjectName("damaged_record")
        self.damaged.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.damaged.setWordWrap(True)
        self.damaged.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.damaged.setMargin(32)
        self.damaged.setStyleSheet("color: #8a1c1c; font-size: 12pt;")

        self.addWidget(self.placeholder)
        self.addWidget(self.chart)
        self.addWidget(self.damaged)

    @property
    def tabs(self) -> ChartTabs:
        """The record's tabs, built on first use."""
        if self._tabs is None:
            from cst_notes.ui.chart.tabs import ChartTabs

            self._tabs = ChartTabs(self._services, self._today, self.privacy)
            self._tabs.changed.connect(self._tab_changed)
            self._layout.addWidget(self._tabs, 1)
        return self._tabs

    @property
    def summaries(self) -> SignedSummaries:
        """The signed sessions' summaries to print, in place of the tabs (built on first use)."""
        if self._summaries is None:
            from cst_notes.ui.documents.signed_summaries import SignedSummaries

            self._summaries = SignedSummaries(self._services)
            self._layout.addWidget(self._summaries, 1)
        return self._summaries

    @property
    def clinical(self) -> bool:
        """Whether the chart shows the clinical record (the signed-in role reads clinical notes)."""
        return self._services.may(Can.READ_CLINICAL)

    def prepare(self) -> None:
        """Build the tabs now (in idle time after the start), not when the first chart opens (they
        read nothing until a chart opens; a role that does not read clinical notes never sees them)."""
        _ = self.tabs

    def _built_form_tabs(self) -> list[FormTab]:
        return list(self._tabs.form_tabs()) if self._tabs is not None else []

    @property
    def patient_id(self) -> int | None:
        return self._patient_id

    def open_patient(self, patient_id: int) -> None:
        """Show the patient's record (ask ``confirm_leave`` first when another patient is open); a
        record that cannot be read shows what is damaged instead, and nothing of it can be edited.
        A role that does not read clinical notes sees the patient's details and the signed sessions'
        summaries only."""
        if not self.clinical:
            self._open_details(patient_id)
            return
        try:
            record = self._services.record(patient_id)
        except DamagedRecord as exc:
            self._show_damaged(exc)
            return
        self._patient_id = patient_id
        self._record = record
        self.header.show_record(record, self._today())
        self.alerts.show_screening(record.screening)
        self.tabs.show_record(record)
        self._show_clinical(True)
        self.setCurrentWidget(self.chart)
        self.patient_changed.emit(patient_id)

    def _open_details(self, patient_id: int) -> None:
        """The front desk's chart: the header (details only) and the signed sessions' summaries."""
        patient = self._services.patient(patient_id)
        self._patient_id, self._record = patient_id, PatientRecord(patient)
        self.header.show_record(self._record, self._today())
        self._show_clinical(False)
        self.summaries.show_patient(patient_id, patient.full_name)
        self.setCurrentWidget(self.chart)
        self.patient_changed.emit(patient_id)

    @property
    def clinical_record(self) -> PatientRecord | None:
        """The record the open chart shows, as it is in the database (the chart follows every
        change); None when no chart is open or it shows the front desk's view."""
        return self._record if self._patient_id is not None and self._showing_clinical else None

    @property
    def shown_for_a_role(self) -> bool | None:
        """Whether the open chart shows the clinical record (True) or the front desk's view (False);
        None when no chart is open."""
        return None if self._patient_id is None else self._showing_clinical

    def _show_clinical(self, clinical: bool) -> None:
        self._showing_clinical = clinical
        self.screening_button.setVisible(clinical)
        if not clinical:
            self.alerts.hide()  # the contraindications are clinical
        if self._tabs is not None:
            self._tabs.setVisible(clinical)
        if self._summaries is not None:
            self._summaries.setVisible(not clinical)

    def _show_damaged(self, exc: DamagedRecord) -> None:
        self._patient_id, self._record = None, None
        for tab in self._built_form_tabs():
            tab.reset()
        self.damaged.setText(exc.message)
        self.setCurrentWidget(self.damaged)
        self.patient_changed.emit(None)

    def _privacy_changed(self) -> None:
        """Privacy mode was switched: the header and the tabs name the patient again."""
        if self._patient_id is not None and self._record is not None:
            self.header.show_record(self._record, self._today())
            if self.clinical:
                self.tabs.show_record(self._record)

    def close_patient(self) -> None:
        self._patient_id = None
        for tab in self._built_form_tabs():
            tab.reset()
        self.setCurrentWidget(self.placeholder)
        self.patient_changed.emit(None)

    def on_changed(self, change: Changed) -> None:
        """Redraw if the change touched the open patient (or it no longer exists)."""
        if change is self._applied or self._patient_id is None or self._patient_id not in change.patient_ids:
            return
        if self._sessions_changed(change):
            return
        try:
            self.open_patient(self._patient_id)
        except NotFoundError:
            self.close_patient()

    def _sessions_changed(self, change: Changed) -> bool:
        """A change to the open patient's sessions only (a save, a signature, an addendum): those
        sessions are read again, not the whole record, and what shows sessions is drawn again. False
        when that is not enough (the whole record is read again)."""
        record = self._record
        only_sessions = change.kinds == {RecordKind.SESSION} and change.patient_ids == (self._patient_id,)
        if record is None or not only_sessions or not change.session_ids or not self._showing_clinical:
            return False
        try:
            updated = record.with_sessions(self._services.session(n) for n in change.session_ids)
        except (NotFoundError, DamagedRecord):
            return False
        if updated is None:
            return False
        self._record = updated
        self.header.show_record(updated, self._today())
        self.tabs.show_sessions(updated)
        self.patient_changed.emit(self._patient_id)
        return True

    def _tab_changed(self, change: Changed) -> None:
        self._applied = None
        self.on_changed(change)
        self._applied = change  # the main window passes it back: no need to redraw twice
        self.changed.emit(change)

    def open_screening(self) -> ScreeningDialog | None:
        """The contraindication list of the open patient, with its history and changes."""
        if self._patient_id is None:
            return None
        from cst_notes.ui.intake.screening_dialog import ScreeningDialog

        dialog = ScreeningDialog(self._services, self._patient_id, self.privacy, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self._tab_changed)
        dialog.finished.connect(lambda _result: setattr(self, "screening_dialog", None))
        self.screening_dialog = dialog
        dialog.open()
        return dialog

    def _edit_details(self) -> None:
        if self._patient_id is not None:
            self.edit_details_requested.emit(self._patient_id)

    # --- forms ------------------------------------------------------------------------------

    def editing_tab(self) -> FormTab | None:
        """The form on the current tab, if it is being edited."""
        if self._tabs is None:
            return None
        from cst_notes.ui.forms.form_tab import FormTab

        tab = self._tabs.currentWidget()
        return tab if isinstance(tab, FormTab) and tab.is_editing() else None

    def save_current(self) -> bool:
        """Ctrl+S: save the form on the current tab (if one is open)."""
        tab = self.editing_tab()
        return tab.save() if tab is not None else False

    def confirm_leave(self) -> bool:
        """Before the chart goes (another patient, Ctrl+W, quitting): ask about each form with changes."""
        for tab in self._built_form_tabs():
            if tab.is_dirty():
                self.tabs.setCurrentWidget(tab)
            if not tab.confirm_leave():
                return False
        return True

    def restore_draft(self, draft: Draft) -> bool:
        """Open the draft's form or dialog, on its record, with its content (the patient's chart is open).
        False if the record no longer takes it (a session signed since, a course already closed)."""
        tabs = self.tabs
        if draft.form in ("session", "session_addendum", "override"):
            tabs.setCurrentWidget(tabs.sessions_tab)
            if draft.form == "session":
                return tabs.sessions_tab.restore(draft) is not None
            if draft.form == "session_addendum":
                return tabs.sessions_tab.restore_addendum(draft) is not None
            tabs.sessions_tab.start_session(draft.content)
            return True
        if draft.form == "intake_addendum":
            tabs.setCurrentWidget(tabs.intake_tab)
            return tabs.intake_tab.add_addendum(draft.content) is not None
        if draft.form == "close_course":
            tabs.setCurrentWidget(tabs.plan_tab)
            return tabs.plan_tab.close_course(draft.content) is not None
        if draft.form == "screening_change":
            screening = self.open_screening()
            return screening is not None and screening.ask_again(draft.content) is not None
        tab = {"intake": tabs.intake_tab, "plan": tabs.plan_tab}.get(draft.form)
        if tab is None:
            return False
        tabs.setCurrentWidget(tab)
        return tab.restore(draft)

    def start_session(self) -> None:
        if self._patient_id is not None:
            self.tabs.setCurrentWidget(self.tabs.sessions_tab)
            self.tabs.sessions_tab.start_session()


__all__ = ["PLACEHOLDER_TEXT", "ChartView"]
