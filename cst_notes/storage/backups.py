"""Rotating verified backups beside the database, and restoring one.

Backups are named ``cst-notes-YYYYMMDDTHHMMSSZ.sqlite`` in a ``backups`` folder next to the
database; each is made with SQLite's online backup API and checked before it counts.
A restore never deletes anything: the file it replaces is moved aside.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from sqlite_utils import Database

from cst_notes.domain.retention import backups_to_keep
from cst_notes.storage import database
from cst_notes.storage.database import DamagedDatabaseError, StorageError

PREFIX, SUFFIX, STAMP = "cst-notes-", ".sqlite", "%Y%m%dT%H%M%SZ"
SIDE_FILES = ("-wal", "-shm", "-journal")


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _stamp_of(path: Path) -> dt.datetime | None:
    name = path.name
    if not (name.startswith(PREFIX) and name.endswith(SUFFIX)):
        return None
    stamp, _, counter = name[len(PREFIX) : -len(SUFFIX)].partition("-")  # a second one in a second: -2
    try:
        when = dt.datetime.strptime(stamp, STAMP).replace(tzinfo=dt.UTC)
    except ValueError:
        return None
    return when + dt.timedelta(microseconds=int(counter)) if counter.isdigit() else when


def list_backups(folder: Path) -> list[tuple[dt.datetime, Path]]:
    """Newest first."""
    if not folder.is_dir():
        return []
    found = [(stamp, p) for p in folder.iterdir() if (stamp := _stamp_of(p)) is not None]
    return sorted(found, reverse=True)


def backup_due(folder: Path, now: dt.datetime, every: dt.timedelta = dt.timedelta(days=1)) -> bool:
    backups = list_backups(folder)
    return not backups or now - backups[0][0] >= every


def make_rotating_backup(db: Database, folder: Path, now: dt.datetime, key: str | None = None) -> Path:
    """A new verified backup, then the rotation: 7 daily, 4 weekly, 12 monthly."""
    base = f"{PREFIX}{now.astimezone(dt.UTC).strftime(STAMP)}"
    target = folder / f"{base}{SUFFIX}"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{base}-{counter}{SUFFIX}"
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
    """The newest backup that opens and passes the integrity check."""
    for _, path in list_backups(folder):
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
    """Put a checked copy of ``backup`` in place of the database (which must be closed).

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
