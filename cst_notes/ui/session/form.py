"""The session's fields: the header, then five tabs — Notes, Rhythm, Restrictions, Techniques, Outcomes.

It turns a ``Session`` into what the widgets show and back, and marks the fields (or grid cells)
that a ``ValidationError`` names, with their tab.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from cst_notes.domain import vocabulary as V
from cst_notes.domain.charting import CarriedOver
from cst_notes.domain.session import Restriction, RhythmFinding, Session, TechniqueApplied
from cst_notes.domain.session_start import StartCheck
from cst_notes.domain.validation import FieldError
from cst_notes.services import Services
from cst_notes.ui.body_map.restriction_panel import RestrictionPanel
from cst_notes.ui.rhythm.events import EventsEditor
from cst_notes.ui.rhythm.grid import RhythmGrid
from cst_notes.ui.session.carried_banner import CARRIED_COLOUR, CarriedBanner
from cst_notes.ui.session.header import SessionHeader
from cst_notes.ui.session.notes_section import NotesSection
from cst_notes.ui.session.outcomes import OutcomesSection
from cst_notes.ui.session.techniques import TechniquesPanel
from cst_notes.ui.widgets.field_feedback import FieldFeedback
from cst_notes.ui.widgets.form_fields import Fields

NOTES, RHYTHM, RESTRICTIONS, TECHNIQUES, OUTCOMES = range(5)
TAB_TITLES = ("Notes", "Rhythm", "Restrictions", "Techniques", "Outcomes")
TEXTS = ("subjective", "objective", "assessment", "plan", "response", "private_notes")
MEASURES = ("pain_before", "pain_after", "headache_days", "sleep_quality", "stress_level", "global_impression")
TAB_OF_FIELD = {"rhythm_findings": RHYTHM, "events": RHYTHM, "restrictions": RESTRICTIONS, "techniques": TECHNIQUES}
TAB_OF_FIELD |= {name: NOTES for name in (*TEXTS, "adverse_reactions")} | {name: OUTCOMES for name in MEASURES}
ERROR_COLOUR = "#c62828"
CARRIED_SECTIONS = ("rhythm_findings", "restrictions", "techniques")


class SessionForm(QWidget):
    edited = Signal()  # any change by the user (not while loading)

    def __init__(self, services: Services, general_error: QLabel, minutes_in: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.feedback = FieldFeedback(general_error)
        self.fields = Fields(self.feedback, self._edited, services.today())
        self.header = SessionHeader(services, self.fields)
        self.soap = NotesSection(self.fields)
        self.grid = RhythmGrid()
        self.events = EventsEditor(self.feedback, minutes_in)
        self.restrictions = RestrictionPanel()
        self.techniques = TechniquesPanel(services, self.feedback)
        self.outcomes = OutcomesSection(self.fields)
        self.rhythm_splitter = QSplitter(Qt.Orientation.Vertical)
        self.rhythm_splitter.addWidget(self.grid)
        self.rhythm_splitter.addWidget(self.events)
        self.rhythm_splitter.setStretchFactor(0, 4)
        self.rhythm_splitter.setStretchFactor(1, 1)
        self.rhythm_splitter.setChildrenCollapsible(False)
        self._services = services
        self.carried = CarriedOver()  # copied in, not yet confirmed (while a draft)
        self.banners = {name: CarriedBanner(name) for name in CARRIED_SECTIONS}
        for name, banner in self.banners.items():
            banner.confirm_button.clicked.connect(lambda _=False, name=name: self.confirm_carried(name))
        sections = zip(CARRIED_SECTIONS, (self.rhythm_splitter, self.restrictions, self.techniques), strict=True)
        rhythm_page, restrictions_page, techniques_page = (self._with_banner(n, w) for n, w in sections)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("session_tabs")
        pages = (self.soap, rhythm_page, restrictions_page, techniques_page, self.outcomes)
        for n, (page, title) in enumerate(zip(pages, TAB_TITLES, strict=True)):
            self.tabs.addTab(page, title)
            self.tabs.setTabToolTip(n, f"{title} (Ctrl+{n + 1})")
        swatch = QPixmap(12, 12)
        swatch.fill(QColor(CARRIED_COLOUR))
        self._carried_icon = QIcon(swatch)
        self.signed_panel_slot = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.header)
        layout.addLayout(self.signed_panel_slot)
        layout.addWidget(self.tabs, 1)
        for signal in (self.grid.model.edited, self.events.edited, self.restrictions.changed, self.techniques.edited):
            signal.connect(self._edited)
        self.header.therapist_edit.textChanged.connect(self._therapist_changed)

    def _with_banner(self, name: str, page: QWidget) -> QWidget:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.banners[name])
        column.addWidget(page, 1)
        return holder

    # --- carried over: copied in, not yet confirmed -----------------------------------------------

    def mark_carried_over(self, source: str, session: Session) -> None:
        """What ``session`` holds now was copied from ``source``: mark it until confirmed."""
        self.carried = CarriedOver.copied(source, session)
        self.update_carried(session)

    def confirm_carried(self, section: str) -> None:
        self.carried = self.carried.confirmed(section)
        self.update_carried(None)
        self.edited.emit()

    def update_carried(self, session: Session | None) -> None:
        """Drop what was changed or removed (``session``: what the form shows now), and show the bands."""
        if session is not None:
            self.carried = self.carried.remaining(session)
        c = self.carried
        custom = self._services.custom_techniques()
        names = {
            "rhythm_findings": [
                f"{V.STATIONS.label(f.station)}, {V.STATION_SIDES.label(f.side).lower()}" for f in c.rhythm_findings
            ],
            "restrictions": [
                f"{V.REGIONS.label(r.region)}, {V.RESTRICTION_SIDES.label(r.side).lower()}, "
                f"{V.SEVERITIES.label(r.severity).lower()}"
                for r in c.restrictions
            ],
            "techniques": [custom.get(t.technique) or V.TECHNIQUES.label(t.technique) for t in c.techniques],
        }
        for name, banner in self.banners.items():
            banner.show_items(c.source, names[name])
        for n, name in ((RHYTHM, "rhythm_findings"), (RESTRICTIONS, "restrictions"), (TECHNIQUES, "techniques")):
            self.tabs.setTabIcon(n, self._carried_icon if names[name] else QIcon())

    def load(self, session: Session, *, is_new: bool, start: StartCheck) -> None:
        self._loading = True
        h = self.header
        h.set_started_at(session.started_at)
        h.duration_spin.setValue(session.duration_minutes)
        h.therapist_edit.setText(session.therapist)
        h.consent_check.setChecked(session.consent_renewed)
        h.reason_edit.setText(session.contraindication_override_reason)
        h.set_reason_visible(bool(session.contraindication_override_reason) or (is_new and start.needs_reason))
        self.soap.set_values({name: getattr(session, name) for name in TEXTS}, session.adverse_reactions)
        self.grid.model.default_palpated_by = session.therapist
        self.grid.model.set_findings(session.rhythm_findings)
        self.events.set_events(session.events)
        self.restrictions.set_restrictions(session.restrictions)
        self.techniques.set_techniques(session.techniques)
        for name in MEASURES:
            self.outcomes.set_value(name, getattr(session, name))
        self.set_read_only(session.is_signed)
        self.soap.withhold_private_notes(
            None if is_new or self._services.reads_private_notes_of(session.therapist) else session.therapist
        )
        self.clear_errors()
        if session.is_signed:
            self.carried = CarriedOver()
        self.update_carried(session)
        self._loading = False

    def session(self, base: Session) -> Session:
        """What the widgets show, on ``base`` (its id, uid, signature and addenda are kept)."""
        h = self.header
        texts = {name: self.soap.text(name) for name in TEXTS}
        measures = {name: self.outcomes.value(name) for name in MEASURES}
        return Session(
            started_at=h.started_at(),
            duration_minutes=h.duration_spin.value(),
            therapist=h.therapist_edit.text().strip(),
            consent_renewed=h.consent_check.isChecked(),
            contraindication_override_reason=h.reason_edit.text().strip(),
            rhythm_findings=self.grid.model.findings(),
            events=self.events.events(),
            restrictions=self.restrictions.restrictions(),
            techniques=self.techniques.techniques(),
            adverse_reactions=self.soap.adverse_reactions(),
            status=base.status,
            signed_at=base.signed_at,
            signed_by=base.signed_by,
            content_hash=base.content_hash,
            addenda=base.addenda,
            id=base.id,
            patient_id=base.patient_id,
            uid=base.uid,
            created_at=base.created_at,
            updated_at=base.updated_at,
            **texts,  # type: ignore[arg-type]
            **measures,  # type: ignore[arg-type]
        )

    def fill_charting(
        self,
        duration: int,
        findings: Sequence[RhythmFinding],
        restrictions: Sequence[Restriction],
        techniques: Sequence[TechniqueApplied],
    ) -> None:
        self.header.duration_spin.setValue(duration)
        self.grid.model.set_findings(tuple(findings))
        self.restrictions.set_restrictions(restrictions)
        self.techniques.set_techniques(techniques)
        self.edited.emit()

    def has_charting(self) -> bool:
        """Findings, restrictions or techniques already charted (a template would replace them)."""
        return bool(self.grid.model.findings() or self.restrictions.restrictions() or self.techniques.ticked())

    def set_read_only(self, read_only: bool) -> None:
        for section in (self.header, self.soap, self.grid, self.events, self.restrictions, self.techniques):
            section.set_read_only(read_only)
        self.outcomes.set_read_only(read_only)

    # --- errors -----------------------------------------------------------------------------------

    def clear_errors(self) -> None:
        self.feedback.clear()
        self.grid.model.show_errors([])
        self.grid.refresh_messages()
        for n, title in enumerate(TAB_TITLES):
            self.tabs.setTabText(n, title)
            self.tabs.tabBar().setTabTextColor(n, self.tabs.palette().windowText().color())

    def show_errors(self, errors: list[FieldError]) -> None:
        """Mark each field (or grid cell) named; its tab is marked too, and the first comes to the front."""
        self.techniques.register()
        self.events.register()
        self.soap.reactions.register()
        if any(e.field == "contraindication_override_reason" for e in errors):
            self.header.set_reason_visible(True)
        grid_errors = [e for e in errors if e.field.startswith("rhythm_findings[")]
        first = self.feedback.show([e for e in errors if e not in grid_errors])
        tabs = [TAB_OF_FIELD[key] for e in errors if (key := e.field.split("[")[0].split(".")[0]) in TAB_OF_FIELD]
        for n in sorted(set(tabs)):
            self.tabs.setTabText(n, f"{TAB_TITLES[n]} ⚠")
            self.tabs.tabBar().setTabTextColor(n, ERROR_COLOUR)
        if tabs:
            self.tabs.setCurrentIndex(tabs[0])
        self.grid.show_errors(grid_errors)
        if first is not None and not (tabs and tabs[0] == RHYTHM and grid_errors):
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- edits ------------------------------------------------------------------------------------

    def _edited(self) -> None:
        if not self._loading:
            if self.carried.count:
                charted = Session(
                    dt.datetime.now(dt.UTC),
                    rhythm_findings=self.grid.model.findings(),
                    restrictions=self.restrictions.restrictions(),
                    techniques=self.techniques.techniques(),
                )
                self.update_carried(charted)  # a change to an item confirms it
            self.edited.emit()

    def _therapist_changed(self, text: str) -> None:
        self.grid.model.default_palpated_by = text.strip()
        self.grid.table.viewport().update()
