"""Privacy mode's state on screen: one object, made by the main window and handed to every window
that shows a patient, which reads names and birth dates through it and redraws on ``changed``.

How a name or a birth date reads in privacy mode is the domain's (``cst_notes.domain.privacy``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal

from cst_notes.domain.privacy import shown_birth_date, shown_field, shown_line, shown_name


class Privacy(QObject):
    """Whether privacy mode is on; ``changed`` (with the new state) when it is switched."""

    changed = Signal(bool)

    def __init__(self, on: bool = False, parent: Any = None) -> None:
        super().__init__(parent)
        self._on = on

    @property
    def on(self) -> bool:
        return self._on

    def set_on(self, on: bool) -> None:
        if on != self._on:
            self._on = on
            self.changed.emit(on)

    def name(self, full_name: str, preferred_name: str = "") -> str:
        """The name as it reads now: initials in privacy mode."""
        return shown_name(full_name, preferred_name, private=self._on)

    def birth_date(self, birth_date: dt.date | None) -> str:
        """The birth date as it reads now: the year alone in privacy mode."""
        return shown_birth_date(birth_date, private=self._on)

    def line(self, line: str, names: Iterable[str]) -> str:
        """A line about a patient as it reads now: ``names`` in it as initials in privacy mode."""
        return shown_line(line, names, private=self._on)

    def field(self, name: str, value: object) -> object:
        """A record's field as a field-by-field view shows it now."""
        return shown_field(name, value, private=self._on)
