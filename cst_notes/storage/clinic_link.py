"""The laptop's link to its clinic server (table ``clinic_server``, a single row; m017), the other
laptops' audit entries it pulled and its syncs (m018), where its next pull starts (m020),
which patients it holds (m021), and what the last pull refused or left on the server (m022)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from cst_notes.domain.clinic import ClinicLink, PulledAuditEntry
from cst_notes.domain.dates import utc_time
from cst_notes.domain.record_format import format_utc
from cst_notes.storage.connection import Database


def get_link(db: Database) -> ClinicLink | None:
    row = db.execute(
        "SELECT server, db_role, practitioner, laptop_uid, joined_at, whole_clinic FROM clinic_server WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    server, db_role, practitioner, laptop_uid, joined_at, whole_clinic = row
    joined = utc_time(joined_at)
    if joined is None:
        raise ValueError(f"clinic_server.joined_at is not a UTC time: {joined_at!r}")
    return ClinicLink(server, db_role, practitioner, laptop_uid, joined, bool(whole_clinic))


def save_link(db: Database, link: ClinicLink) -> None:
    db.execute(
        "INSERT INTO clinic_server (id, server, db_role, practitioner, laptop_uid, joined_at, whole_clinic)"
        " VALUES (1, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET server = excluded.server,"
        " db_role = excluded.db_role, practitioner = excluded.practitioner, joined_at = excluded.joined_at,"
        " whole_clinic = excluded.whole_clinic",
        [
            link.server,
            link.db_role,
            link.practitioner,
            link.laptop_uid,
            format_utc(link.joined_at),
            int(link.whole_clinic),
        ],
    )


# --- what pulls and syncs kept (m018) ---------------------------------------------------------


def pulled_audit_uids(db: Database, patient_uid: str) -> set[str]:
    """The uids of the other laptops' audit entries of this patient held here."""
    rows = db.execute("SELECT uid FROM clinic_audit_entries WHERE patient_uid = ?", [patient_uid])
    return {r[0] for r in rows}


def add_pulled_audit_entry(db: Database, item: PulledAuditEntry, patient_uid: str, pulled_at: str) -> None:
    db.execute(
        "INSERT INTO clinic_audit_entries (uid, origin, entry_hash, patient_uid, changed_at, entry, pulled_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            item.uid,
            item.origin,
            item.entry_hash,
            patient_uid,
            str(item.entry.get("changed_at") or ""),
            json.dumps(item.entry, ensure_ascii=False, sort_keys=True),
            pulled_at,
        ],
    )


def pulled_audit_entries(db: Database, patient_uid: str) -> list[PulledAuditEntry]:
    rows = db.execute(
        "SELECT uid, origin, entry_hash, entry FROM clinic_audit_entries WHERE patient_uid = ?"
        " ORDER BY changed_at, uid",
        [patient_uid],
    )
    return [PulledAuditEntry(uid, origin, entry_hash, json.loads(entry)) for uid, origin, entry_hash, entry in rows]


def record_sync(
    db: Database,
    kind: str,
    finished_at: dt.datetime,
    audit_mark: int,
    summary: str,
    problems: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
) -> None:
    """Keep a push, pull or sync that finished, with what it refused and left on the server (m022)."""
    refused, left = problems
    db.execute(
        "INSERT INTO clinic_syncs (kind, finished_at, audit_mark, summary, refused, left_there)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            kind,
            format_utc(finished_at),
            audit_mark,
            summary,
            json.dumps(list(refused), ensure_ascii=False),
            json.dumps(list(left), ensure_ascii=False),
        ],
    )


def last_pull_problems(db: Database) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What the last pull or sync refused, and left on the server, each in words."""
    row = db.execute(
        "SELECT refused, left_there FROM clinic_syncs WHERE kind IN ('pull', 'sync') ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return (), ()
    return tuple(str(x) for x in json.loads(row[0])), tuple(str(x) for x in json.loads(row[1]))


def last_sync(db: Database, kinds: tuple[str, ...]) -> tuple[dt.datetime, int, str] | None:
    """The last push, pull or sync of ``kinds`` that finished: when, its audit mark, what it did."""
    row = db.execute(
        f"SELECT finished_at, audit_mark, summary FROM clinic_syncs WHERE kind IN ({', '.join('?' * len(kinds))})"
        " ORDER BY id DESC LIMIT 1",
        list(kinds),
    ).fetchone()
    if row is None:
        return None
    at = utc_time(row[0])
    if at is None:
        raise ValueError(f"clinic_syncs.finished_at is not a UTC time: {row[0]!r}")
    return at, int(row[1]), str(row[2])


def pull_mark(db: Database, server: str, whole_clinic: bool) -> int | None:
    """The server's change mark of the last pull that finished from ``server`` (of the whole clinic
    when ``whole_clinic``); None when there is none to go on from."""
    row = db.execute("SELECT server, whole_clinic, mark FROM clinic_pull_mark WHERE id = 1").fetchone()
    if row is None or row[0] != server or (whole_clinic and not row[1]):
        return None
    return int(row[2])


def pulled_identity(db: Database, server: str) -> str:
    """The identity of the server's clinic tables when the kept mark was taken on ``server`` (m026);
    '' for none known."""
    row = db.execute("SELECT server, server_identity FROM clinic_pull_mark WHERE id = 1").fetchone()
    return "" if row is None or row[0] != server else str(row[1])


def save_pull_mark(
    db: Database,
    server: str,
    whole_clinic: bool,
    mark: int,
    pulled_at: dt.datetime,
    refused: Sequence[str] = (),
    identity: str = "",
) -> None:
    """Keep the mark of a pull that finished, with the patients it refused (m023) and the identity of
    the server's clinic tables (m026)."""
    db.execute(
        "INSERT INTO clinic_pull_mark (id, server, whole_clinic, mark, pulled_at, refused, server_identity)"
        " VALUES (1, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET server = excluded.server, whole_clinic = excluded.whole_clinic,"
        " mark = excluded.mark, pulled_at = excluded.pulled_at, refused = excluded.refused,"
        " server_identity = excluded.server_identity",
        [server, int(whole_clinic), mark, format_utc(pulled_at), json.dumps(sorted(refused)), identity],
    )


def refused_at_mark(db: Database, server: str) -> set[str]:
    """The patients the pull that kept the mark refused: the next pull from ``server`` reads them again."""
    row = db.execute("SELECT server, refused FROM clinic_pull_mark WHERE id = 1").fetchone()
    return set() if row is None or row[0] != server else {str(u) for u in json.loads(row[1])}
