"""The "to sign" list on the main window: every session and intake still a draft, oldest first.

Enter or a double-click opens the chart on that session or on the intake. It redraws after every
change (a note saved, signed or imported) and when the day changes (the ages it shows), worked out
off the window's thread.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, Signal

from cst_notes.domain.access import Can
from cst_notes.domain.summaries import UnsignedNote
from cst_notes.services import Changed, RecordKind, Services
from cst_notes.ui.patients.folding_list import FoldingList, PatientItemsModel
from cst_notes.ui.widgets.privacy import Privacy


def to_sign(services: Services) -> tuple[list[UnsignedNote], dt.date]:
    """The unsigned notes and the day (in the worker's thread)."""
    return services.to_sign(), services.today()


class ToSignModel(PatientItemsModel[UnsignedNote]):
    """The unsigned notes."""

    def __init__(self, privacy: Privacy | None = None, parent: Any = None) -> None:
        super().__init__(("Patient", "Not signed"), privacy, parent)


class ToSignList(FoldingList[UnsignedNote]):
    """A header with the count (click it to fold the list away) above the unsigned notes."""

    session_chosen = Signal(int, int)  # patient id, session id: open the session
    intake_chosen = Signal(int)  # patient id: open the chart on the intake

    def __init__(self, services: Services, *, privacy: Privacy | None = None, parent: Any = None) -> None:
        model = ToSignModel(privacy)
        super().__init__(services, model, to_sign, "to_sign", "Enter or a double-click opens the note to sign", parent)
        self.table.activated.connect(self._activated)
        self.refresh()

    def allowed(self) -> bool:
        """Only for a role that reads clinical notes: for another the list is hidden."""
        may = self._services.may(Can.READ_CLINICAL)
        if not may:
            self.hide()
        elif self.isHidden() and self.parentWidget() is not None:
            self.show()
        return may

    def show_counts(self, items: list[UnsignedNote]) -> None:
        self.toggle.setText(f"To sign ({len(items)})")
        sessions = sum(1 for i in items if i.kind == RecordKind.SESSION)
        parts = [
            f"{n} {what}{'s' if n != 1 else ''}"
            for n, what in ((sessions, "session"), (len(items) - sessions, "intake"))
            if n
        ]
        self.counts.setText(", ".join(parts) + ", oldest first" if parts else "Every note is signed.")

    def on_changed(self, _change: Changed) -> None:
        """After any change: redraw once the event loop is free."""
        self.refresh_soon()

    def _activated(self, index: QModelIndex) -> None:
        item = self.model.items[index.row()]
        if item.kind == RecordKind.SESSION:
            self.session_chosen.emit(item.patient_id, item.note_id)
        else:
            self.intake_chosen.emit(item.patient_id)
