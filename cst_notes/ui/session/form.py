"""The session's fields: the header, then five tabs — Notes, Rhythm, Restrictions, Techniques, Outcomes.

It turns a ``Session`` into what the widgets show and back, and marks the fields (or grid cells)
that a ``ValidationError`` names, with their tab.

The Rhythm, Restrictions and Techniques tabs are built when first shown (or first asked for, as
``form.techniques``): building all five held the editor's opening up for longer than a person
notices. Until then the form holds their values as loaded (the grid's in its model, which is
always there), so that saving, a draft, the dirty check and copying from the last session see
exactly what the session holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap, QShowEvent
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from cst_notes.domain import vocabulary as V
from cst_notes.domain.charting import CarriedOver
from cst_notes.domain.session import Restriction, RhythmFinding, Session, SessionEvent, TechniqueApplied
from cst_notes.domain.session_start import StartCheck
from cst_notes.domain.validation import FieldError
from cst_notes.services import Services
from cst_notes.ui.body_map.restriction_panel import RestrictionPanel
from cst_notes.ui.rhythm.events import EventsEditor
from cst_notes.ui.rhythm.grid import RhythmGrid
from cst_notes.ui.rhythm.model import RhythmModel
from cst_notes.ui.session.carried_banner import CARRIED_COLOUR, CarriedBanner
from cst_notes.ui.session.header import SessionHeader
from cst_notes.ui.session.notes_section import NotesSection
from cst_notes.ui.session.outcomes import OutcomesSection
from cst_notes.ui.session.techniques import TechniquesPanel, as_the_panel_gives
from cst_notes.ui.widgets import input_guard
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
SECTION_OF_TAB = {RHYTHM: "rhythm_findings", RESTRICTIONS: "restrictions", TECHNIQUES: "techniques"}


class SessionForm(QWidget):
    edited = Signal()  # any change by the user (not while loading)
    dialog_edited = Signal()  # something typed or chosen in the open restriction dialog, or the dialog closed

    def __init__(self, services: Services, general_error: QLabel, minutes_in: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._read_only = False
        self._services = services
        self._minutes_in = minutes_in
        self.feedback = FieldFeedback(general_error)
        self.fields = Fields(self.feedback, self._edited, services.today())
        self.header = SessionHeader(services, self.fields)
        self.soap = NotesSection(self.fields)
        self.outcomes = OutcomesSection(self.fields)
        self.rhythm_model = RhythmModel(self)  # the grid's values, built or not
        self._custom = services.custom_techniques()  # the own techniques offered, as when the editor opened
        # the tabs not built yet, and what they hold meanwhile (as loaded, or as the panels give them back)
        self._unbuilt = set(SECTION_OF_TAB)
        self._events: tuple[SessionEvent, ...] = ()
        self._restrictions: tuple[Restriction, ...] = ()
        self._techniques: tuple[TechniqueApplied, ...] = ()
        self._grid: RhythmGrid | None = None
        self._events_editor: EventsEditor | None = None
        self._restriction_panel: RestrictionPanel | None = None
        self._techniques_panel: TechniquesPanel | None = None
        self.rhythm_splitter: QSplitter | None = None
        self._banners: dict[str, CarriedBanner] = {}
        self._carried_names: dict[str, list[str]] = {name: [] for name in CARRIED_SECTIONS}
        self.carried = CarriedOver()  # copied in, not yet confirmed (while a draft)
        self._pages = {n: _Page(partial(self._build, n)) for n in SECTION_OF_TAB}
        self._page_layouts = {n: QVBoxLayout(page) for n, page in self._pages.items()}
        for page_layout in self._page_layouts.values():
            page_layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("session_tabs")
        pages = (self.soap, self._pages[RHYTHM], self._pages[RESTRICTIONS], self._pages[TECHNIQUES], self.outcomes)
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
        self.rhythm_model.edited.connect(self._edited)
        self.header.therapist_edit.textChanged.connect(self._therapist_changed)

    # --- the tabs built when first shown ------------------------------------------------------------

    @property
    def grid(self) -> RhythmGrid:
        self._build(RHYTHM)
        assert self._grid is not None
        return self._grid

    @property
    def events(self) -> EventsEditor:
        self._build(RHYTHM)
        assert self._events_editor is not None
        return self._events_editor

    @property
    def restrictions(self) -> RestrictionPanel:
        self._build(RESTRICTIONS)
        assert self._restriction_panel is not None
        return self._restriction_panel

    @property
    def techniques(self) -> TechniquesPanel:
        self._build(TECHNIQUES)
        assert self._techniques_panel is not None
        return self._techniques_panel

    @property
    def banners(self) -> dict[str, CarriedBanner]:
        """The "from last session — confirm" bands (their tabs built, if they were not)."""
        for n in SECTION_OF_TAB:
            self._build(n)
        return self._banners

    def is_built(self, tab: int) -> bool:
        return tab not in self._unbuilt

    def _build(self, tab: int) -> None:
        """Build the tab's widgets (once), showing what the form holds for it."""
        if tab not in self._unbuilt:
            return
        self._unbuilt.discard(tab)
        name = SECTION_OF_TAB[tab]
        page = self._pages[tab]
        loading, self._loading = self._loading, True  # what the widgets are set to is not an edit
        content = input_guard.build(partial(self._make_section, tab))
        banner = CarriedBanner(name)
        banner.confirm_button.clicked.connect(lambda _=False: self.confirm_carried(name))
        self._banners[name] = banner
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(banner)
        column.addWidget(content, 1)
        self._page_layouts[tab].addWidget(inner)
        banner.show_items(self.carried.source, self._carried_names[name])
        if page.isVisible():
            inner.show()  # now, not when the layout gets round to it
        _in_tab_order(page, inner, banner.confirm_button)
        self._loading = loading

    def _make_section(self, tab: int) -> QWidget:
        if tab == RHYTHM:
            self._grid = RhythmGrid(model=self.rhythm_model)
            self._events_editor = EventsEditor(self.feedback, self._minutes_in)
            self._events_editor.set_events(self._events)
            self._grid.set_read_only(self._read_only)
            self._events_editor.set_read_only(self._read_only)
            self._events_editor.edited.connect(self._edited)
            splitter = QSplitter(Qt.Orientation.Vertical)
            splitter.addWidget(self._grid)
            splitter.addWidget(self._events_editor)
            splitter.setStretchFactor(0, 4)
            splitter.setStretchFactor(1, 1)
            splitter.setChildrenCollapsible(False)
            self.rhythm_splitter = splitter
            return splitter
        if tab == RESTRICTIONS:
            panel = self._restriction_panel = RestrictionPanel()
            panel.set_restrictions(self._restrictions)
            panel.set_read_only(self._read_only)
            panel.changed.connect(self._edited)
            panel.dialog_edited.connect(self.dialog_edited)
            return panel
        techniques = self._techniques_panel = TechniquesPanel(self._services, self.feedback, custom=self._custom)
        techniques.set_techniques(self._techniques)
        techniques.set_read_only(self._read_only)
        techniques.edited.connect(self._edited)
        return techniques

    # --- the values, built or not ----------------------------------------------------------------

    def _events_value(self) -> tuple[SessionEvent, ...]:
        return self._events if self._events_editor is None else self._events_editor.events()

    def _restrictions_value(self) -> tuple[Restriction, ...]:
        return self._restrictions if self._restriction_panel is None else self._restriction_panel.restrictions()

    def _techniques_value(self) -> tuple[TechniqueApplied, ...]:
        return self._techniques if self._techniques_panel is None else self._techniques_panel.techniques()

    def _set_events(self, events: Sequence[SessionEvent]) -> None:
        if self._events_editor is None:
            self._events = tuple(events)
        else:
            self._events_editor.set_events(events)

    def _set_restrictions(self, restrictions: Sequence[Restriction]) -> None:
        if self._restriction_panel is None:
            self._restrictions = tuple(restrictions)
        else:
            self._restriction_panel.set_restrictions(restrictions)

    def _set_techniques(self, techniques: Sequence[TechniqueApplied]) -> None:
        if self._techniques_panel is None:
            self._techniques = as_the_panel_gives(techniques, self._custom)
        else:
            self._techniques_panel.set_techniques(techniques)

    def restriction_dialog_content(self) -> dict[str, Any] | None:
        """What the open restriction dialog holds, if changed since it opened (none before the tab is built)."""
        return None if self._restriction_panel is None else self._restriction_panel.dialog_content()

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
        self._carried_names = names
        for name, banner in self._banners.items():
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
        self.rhythm_model.default_palpated_by = session.therapist
        self.rhythm_model.set_findings(session.rhythm_findings)
        self._set_events(session.events)
        self._set_restrictions(session.restrictions)
        self._set_techniques(session.techniques)
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
            rhythm_findings=self.rhythm_model.findings(),
            events=self._events_value(),
            restrictions=self._restrictions_value(),
            techniques=self._techniques_value(),
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
        self.rhythm_model.set_findings(tuple(findings))
        self._set_restrictions(restrictions)
        self._set_techniques(techniques)
        self.edited.emit()

    def has_charting(self) -> bool:
        """Findings, restrictions or techniques already charted (a template would replace them)."""
        return bool(self.rhythm_model.findings() or self._restrictions_value() or self._techniques_value())

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.rhythm_model.read_only = read_only
        built = (self._grid, self._events_editor, self._restriction_panel, self._techniques_panel)
        for section in (self.header, self.soap, self.outcomes, *built):
            if section is not None:
                section.set_read_only(read_only)

    # --- errors -----------------------------------------------------------------------------------

    def clear_errors(self) -> None:
        self.feedback.clear()
        self.rhythm_model.show_errors([])
        if self._grid is not None:
            self._grid.refresh_messages()
        for n, title in enumerate(TAB_TITLES):
            self.tabs.setTabText(n, title)
            self.tabs.tabBar().setTabTextColor(n, self.tabs.palette().windowText().color())

    def show_errors(self, errors: list[FieldError]) -> None:
        """Mark each field (or grid cell) named; its tab is marked too, and the first comes to the front."""
        tabs = [TAB_OF_FIELD[key] for e in errors if (key := e.field.split("[")[0].split(".")[0]) in TAB_OF_FIELD]
        for n in set(tabs) & set(SECTION_OF_TAB):
            self._build(n)  # its fields, to be marked
        for section in (self._techniques_panel, self._events_editor, self.soap.reactions):
            if section is not None:
                section.register()
        if any(e.field == "contraindication_override_reason" for e in errors):
            self.header.set_reason_visible(True)
        grid_errors = [e for e in errors if e.field.startswith("rhythm_findings[")]
        first = self.feedback.show([e for e in errors if e not in grid_errors])
        for n in sorted(set(tabs)):
            self.tabs.setTabText(n, f"{TAB_TITLES[n]} ⚠")
            self.tabs.tabBar().setTabTextColor(n, ERROR_COLOUR)
        if tabs:
            self.tabs.setCurrentIndex(tabs[0])
        if self._grid is None:
            self.rhythm_model.show_errors(grid_errors)  # none: a grid error builds the tab
        else:
            self._grid.show_errors(grid_errors)
        if first is not None and not (tabs and tabs[0] == RHYTHM and grid_errors):
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- edits ------------------------------------------------------------------------------------

    def _edited(self) -> None:
        if not self._loading:
            if self.carried.count:
                charted = Session(
                    dt.datetime.now(dt.UTC),
                    rhythm_findings=self.rhythm_model.findings(),
                    restrictions=self._restrictions_value(),
                    techniques=self._techniques_value(),
                )
                self.update_carried(charted)  # a change to an item confirms it
            self.edited.emit()

    def _therapist_changed(self, text: str) -> None:
        self.rhythm_model.default_palpated_by = text.strip()
        if self._grid is not None:
            self._grid.table.viewport().update()


class _Page(QWidget):
    """A tab's page whose widgets are built the first time it is shown."""

    def __init__(self, build: Callable[[], None]) -> None:
        super().__init__()
        self._build = build

    def showEvent(self, event: QShowEvent) -> None:
        self._build()
        super().showEvent(event)


def _in_tab_order(page: QWidget, inner: QWidget, first: QWidget) -> None:
    """Put ``inner`` (the page's widgets, just built) and all in it where ``page`` is in the Tab order:
    widgets made after their window join its focus chain at the end, after the editor's Save and
    Close buttons. (Qt moves a widget with everything in it when its focus goes to ``first``, one
    of them; and moves it only after a widget that takes the focus.)"""
    policies = page.focusPolicy(), inner.focusPolicy()
    page.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    inner.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    inner.setFocusProxy(first)
    QWidget.setTabOrder(page, inner)
    inner.setFocusProxy(None)  # type: ignore[arg-type]  # no proxy again (Qt takes a null pointer)
    page.setFocusPolicy(policies[0])
    inner.setFocusPolicy(policies[1])
