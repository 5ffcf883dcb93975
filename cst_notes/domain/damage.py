"""A record that cannot be read as it is stored: the one error a damaged row gives.

A row written past the app (another program, a disk that flipped a byte) can hold what no CST
Notes code would write: a 30th of February, a time that is not a time, text that is not UTF-8.
Reading it gives ``DamagedRecord``, naming whose record, which table, row and column, and the
value, never a traceback; the rest of the practice reads as before.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

CHECK_HINT = "Run cst-notes check to list every damaged row; restore them from a backup."


@dataclass(frozen=True)
class Damage:
    """Where a stored value cannot be read, and why."""

    table: str
    row_id: int | None
    column: str
    value: str  # as stored, shortened; "" when it cannot be shown
    problem: str  # e.g. "is not a date", "is not UTF-8 text"
    patient_id: int | None = None
    patient_name: str = ""
    patient_uid: str = ""

    def of_patient(self, patient_id: int, name: str, uid: str) -> Damage:
        return replace(self, patient_id=patient_id, patient_name=name, patient_uid=uid)

    @property
    def whose(self) -> str:
        if self.patient_id is None:
            return ""
        return f"{self.patient_name or '(name unreadable)'} ({self.patient_uid or f'id {self.patient_id}'})"

    @property
    def where(self) -> str:
        row = f" row {self.row_id}" if self.row_id is not None else ""
        return f"{self.table}{row}, {self.column}"

    def __str__(self) -> str:
        value = f" {self.value!r}" if self.value else ""
        who = f"{self.whose}: " if self.whose else ""
        return f"{who}{self.where}:{value} {self.problem}"


def shown_value(value: object, limit: int = 40) -> str:
    """A stored value as a message shows it: text shortened, bytes decoded with replacements."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class DamagedRecord(Exception):
    """A patient's record (or another stored thing) holds a value that cannot be read."""

    def __init__(self, damage: Damage) -> None:
        super().__init__(str(damage))
        self.damage = damage

    def of_patient(self, patient_id: int, name: str, uid: str) -> DamagedRecord:
        return DamagedRecord(self.damage.of_patient(patient_id, name, uid))

    @property
    def message(self) -> str:
        """For the person: what is damaged, that the rest is fine, what to do."""
        d = self.damage
        whose = f"The record of {d.whose}" if d.whose else "A stored record"
        return (
            f"{whose} cannot be read: {d.where}"
            f"{f' holds {d.value!r}, which' if d.value else ''} {d.problem}.\n"
            "The rest of the practice is not affected. " + CHECK_HINT
        )
