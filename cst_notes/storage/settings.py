"""The clinic settings: a single row."""

from __future__ import annotations

from cst_notes.domain.settings import ClinicSettings
from cst_notes.storage.connection import Database
from cst_notes.storage.rows import from_row, to_row


def get_settings(db: Database) -> ClinicSettings:
    rows = list(db.query("SELECT * FROM clinic_settings WHERE id = 1"))
    return from_row(ClinicSettings, rows[0], table="clinic_settings") if rows else ClinicSettings()


def save_settings(db: Database, settings: ClinicSettings) -> None:
    row = {"id": 1, **to_row(settings)}
    updates = ", ".join(f"{c} = excluded.{c}" for c in row if c != "id")
    db.execute(
        f"INSERT INTO clinic_settings ({', '.join(row)}) VALUES ({', '.join('?' * len(row))}) "
        f"ON CONFLICT (id) DO UPDATE SET {updates}",
        list(row.values()),
    )
