"""The laptop's link to its clinic server (table ``clinic_server``, a single row; m017)."""

from __future__ import annotations

from cst_notes.domain.clinic import ClinicLink
from cst_notes.domain.dates import utc_time
from cst_notes.domain.record_format import format_utc
from cst_notes.storage.connection import Database


def get_link(db: Database) -> ClinicLink | None:
    row = db.execute(
        "SELECT server, db_role, practitioner, laptop_uid, joined_at FROM clinic_server WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    server, db_role, practitioner, laptop_uid, joined_at = row
    joined = utc_time(joined_at)
    if joined is None:
        raise ValueError(f"clinic_server.joined_at is not a UTC time: {joined_at!r}")
    return ClinicLink(server, db_role, practitioner, laptop_uid, joined)


def save_link(db: Database, link: ClinicLink) -> None:
    db.execute(
        "INSERT INTO clinic_server (id, server, db_role, practitioner, laptop_uid, joined_at) VALUES (1, ?, ?, ?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET server = excluded.server, db_role = excluded.db_role,"
        " practitioner = excluded.practitioner, joined_at = excluded.joined_at",
        [link.server, link.db_role, link.practitioner, link.laptop_uid, format_utc(link.joined_at)],
    )
