"""The clinic-wide settings on the clinic server (s007): read by every practitioner, written by the
clinic's owners only (the server's grants), one row with versions, compare-and-set as a patient's
details (``push.push_details``)."""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from cst_notes.domain.clinic import ServerSettings, SettingsOut

Connection = psycopg.Connection[tuple[Any, ...]]
SETTINGS_VERSION = 7  # the clinic schema version that holds the settings (s007_settings.sql)


def read_settings(conn: Connection) -> ServerSettings | None:
    """The settings the server holds and whether this role may write them; None on a server whose
    schema predates s007 (nothing of the settings is synced there)."""
    with conn.transaction():
        row = conn.execute("SELECT max(version) FROM clinic.migrations").fetchone()
        if row is None or row[0] is None or int(row[0]) < SETTINGS_VERSION:
            return None
        may = conn.execute("SELECT has_table_privilege('clinic.settings', 'UPDATE')").fetchone()
        found = conn.execute("SELECT body, version FROM clinic.settings WHERE id = 1").fetchone()
    may_write = bool(may and may[0])
    if found is None:
        return ServerSettings(None, 0, may_write)
    return ServerSettings(dict(found[0]), int(found[1]), may_write)


def write_settings(conn: Connection, out: SettingsOut) -> int | None:
    """Write the settings where the server has none (version 1), or as the next version while the
    server is still at the base version; the server's version now, or None when it moved on (never
    written over). A server that lost them (put back from a backup) gets them back at the next
    version after the base."""
    with conn.transaction():
        if out.base_version is not None:
            row = conn.execute(
                "UPDATE clinic.settings SET body = %s, version = version + 1 WHERE id = 1 AND version = %s"
                " RETURNING version",
                [Jsonb(out.body), out.base_version],
            ).fetchone()
            if row is not None:
                return int(row[0])
        row = conn.execute(
            "INSERT INTO clinic.settings (id, body, version) VALUES (1, %s, %s) ON CONFLICT (id) DO NOTHING"
            " RETURNING version",
            [Jsonb(out.body), 1 if out.base_version is None else out.base_version + 1],
        ).fetchone()
    return None if row is None else int(row[0])
