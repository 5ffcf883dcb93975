"""Verified backups beside the database (rotating, and manual ones), and restoring one.

The app's own backups (at start-up and on closing) are named ``cst-notes-YYYYMMDDTHHMMSSZ.sqlite``
in a ``backups`` folder next to the database, and rotated: 7 daily, 4 weekly, 12 monthly. A backup
the user asks for is named ``cst-notes-manual-YYYYMMDDTHHMMSSZ.sqlite``, beside them or in a folder
they chose; the rotation never touches it: it is kept until the user removes it. Each is made with
SQLite's online backup API and checked before it counts. A restore never deletes anything: the
file it replaces is moved aside.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from cst_notes.domain.retention import backups_to_keep
from cst_notes.storage import database
from cst_notes.storage.connection import Database
from cst_notes.storage.database import DamagedDatabaseError, StorageError

PREFIX, SUFFIX, STAMP = "cst-notes-", ".sqlite", "%Y%m%dT%H%M%SZ"
MANUAL_PREFIX = "cst-notes-manual-"  # made when the user asked: never rotated
SIDE_FILES = ("-wal", "-shm", "-journal")
ASIDE_REASONS = ("replaced", "damaged")  # the ``why`` of ``move_aside``: NAME.replaced-STAMP.sqlite


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _stamp_of(path: Path, prefix: str = PREFIX) -> dt.datetime | None:
    name = path.name
    if not (name.startswith(prefix) and name.endswith(SUFFIX)):
        return None
    if prefix == PREFIX and name.startswith(MANUAL_PREFIX):
        return None  # a manual backup is not the rotation's
    stamp, _, counter = name[len(prefix) : -len(SUFFIX)].partition("-")  # a second one in a second: -2
    try:
        when = dt.datetime.strptime(stamp, STAMP).replace(tzinfo=dt.UTC)
    except ValueError:
        return None
    return when + dt.timedelta(microseconds=int(counter)) if counter.isdigit() else when


def list_backups(folder: Path, prefix: str = PREFIX) -> list[tuple[dt.datetime, Path]]:
    """The rotating backups (or with ``MANUAL_PREFIX``, the manual ones), newest first."""
    if not folder.is_dir():
        return []
    found = [(stamp, p) for p in folder.iterdir() if (stamp := _stamp_of(p, prefix)) is not None]
    return sorted(found, reverse=True)


def all_backups(folder: Path) -> list[tuple[dt.datetime, Path]]:
    """Rotating and manual backups, newest first: what a restore offers."""
    return sorted(list_backups(folder) + list_backups(folder, MANUAL_PREFIX), reverse=True)


def backup_due(folder: Path, now: dt.datetime, every: dt.timedelta = dt.timedelta(days=1)) -> bool:
    """No backup of either kind in the last day."""
    backups = all_backups(folder)
    return not backups or now - backups[0][0] >= every


def _new_target(folder: Path, prefix: str, now: dt.datetime) -> Path:
    base = f"{prefix}{now.astimezone(dt.UTC).strftime(STAMP)}"
    target = folder / f"{base}{SUFFIX}"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{base}-{counter}{SUFFIX}"
    return target


def make_manual_backup(db: Database, folder: Path, now: dt.datetime, key: str | None = None) -> Path:
    """A new verified backup in ``folder`` (which must exist: a missing external drive's folder
    is never made on the internal disk), named so that no rotation ever removes it."""
    if not folder.is_dir():
        raise StorageError(f"the folder {folder} is not there (is the drive plugged in?); nothing was written")
    target = _new_target(folder, MANUAL_PREFIX, now)
    database.backup_database(db, target, key=key)
    return target


def make_rotating_backup(db: Database, folder: Path, now: dt.datetime, key: str | None = None) -> Path:
    """A new verified backup, then the rotation: 7 daily, 4 weekly, 12 monthly (of these backups
    only: manual ones are never removed)."""
    target = _new_target(folder, PREFIX, now)
    database.backup_database(db, target, key=key)
    keep = backups_to_keep([s for s, _ in list_backups(folder)], now)
    for stamp, path in list_backups(folder):
        if stamp not in keep:
            path.unlink()
    return target


def back_up_if_due(db: Database, folder: Path, now: dt.datetime, key: str | None = None) -> Path | None:
    """A new rotating backup when the newest is a day old (or there is none)."""
    return make_rotating_backup(db, folder, now, key) if backup_due(folder, now) else None


def newest_good_backup(folder: Path, key: str | None = None) -> Path | None:
    """The newest backup (rotating or manual) that opens and passes the integrity check."""
    for _, path in all_backups(folder):
        try:
            db = database.open_database(path, migrate=False, create=False, key=key, check="none")
        except StorageError:
            continue
        report = database.check_database(db)  # the integrity check, once
        ok = report.ok or report.schema_version > 0  # an older schema is upgraded when it is restored
        db.close()
        if ok:
            return path
    return None


def move_aside(db_path: Path, why: str, now: dt.datetime) -> Path:
    """Rename the database (and its journal files) out of the way; never delete it."""
    stamp = now.astimezone(dt.UTC).strftime(STAMP)
    aside = db_path.with_name(f"{db_path.stem}.{why}-{stamp}{db_path.suffix or SUFFIX}")
    os.replace(db_path, aside)
    for side in SIDE_FILES:
        extra = Path(f"{db_path}{side}")
        if extra.exists():
            os.replace(extra, Path(f"{aside}{side}"))
    return aside


def restore(db_path: Path, backup: Path, now: dt.datetime, key: str | None = None) -> Path | None:
    """Put a checked copy of ``backup`` in place of the database (which must be closed); both are
    opened with ``key`` (a plain backup for an encrypted database: ``encryption.encrypted_copy`` first).

    Returns where the replaced file was moved, if there was one.
    """
    source = database.open_database(backup, migrate=False, create=False, key=key, check="none")  # checked below
    try:
        problems = database.integrity_problems(source.conn)
        if problems:
            raise DamagedDatabaseError(f"the backup {backup} is damaged ({problems[0]}); nothing was restored")
        aside = move_aside(db_path, "replaced", now) if db_path.exists() else None
        dest = database.connect(db_path, key=key)
        try:
            source.conn.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    restored = database.open_database(db_path, key=key)  # brings an older backup's schema up to date
    restored.close()
    return aside
