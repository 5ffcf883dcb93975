"""Backups, retention, and the files beside the database."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cst_notes.domain import audit as A
from cst_notes.domain.access import Can
from cst_notes.domain.retention import retention_date
from cst_notes.domain.summaries import PatientSummary
from cst_notes.files import make_private_folder, write_atomically
from cst_notes.services.base import (
    ServiceBase,
    requires,
)
from cst_notes.storage import (
    backups,
    database,
    encryption,
    keyring,
    search,
)
from cst_notes.storage.connection import Database
from cst_notes.storage.database import (
    CheckReport,
    StorageError,
)


class FileServices(ServiceBase):
    """Backups, retention, and the files beside the database. The backups the app makes by itself
    (at the start, on closing) are made whoever is signed in; the ones asked for are the owner's."""

    @requires(Can.MANAGE_PRACTICE)
    def backup(self, target: str | Path) -> CheckReport:
        """A verified copy (encrypted like the database) at ``target``, with the keyring beside it."""
        report = database.backup_database(self._db, target, key=self._key)
        self._keyring_beside(Path(target))
        return report

    def _keyring_beside(self, copy: Path) -> None:
        """A copy of the keyring beside a backup written elsewhere (an encrypted practice whose key is
        wrapped per practitioner): without it, nobody could open that backup if the database were lost."""
        if self._path is not None and self._key is not None and keyring.has_keyring(self._path):
            write_atomically(keyring.keyring_path(copy), keyring.keyring_path(self._path).read_bytes())

    def _backup_folder(self) -> Path:
        if self._path is None:
            raise StorageError("an in-memory database has no backup folder")
        return backups.backup_folder(self._path)

    @requires(Can.MANAGE_PRACTICE)
    def back_up_now(self) -> Path:
        """'Back up now': a verified backup into the backups folder beside the database, kept until
        the user removes it (the rotation never touches it)."""
        self._after_the_starts_backup()
        folder = self._backup_folder()
        try:
            make_private_folder(folder)
        except OSError as exc:
            raise StorageError(f"{folder} cannot be made ({exc.strerror or exc}); nothing was written") from exc
        return backups.make_manual_backup(self._db, folder, dt.datetime.now(dt.UTC), self._key)

    @requires(Can.MANAGE_PRACTICE)
    def back_up_to(self, folder: Path) -> Path:
        """'Back up to…': a verified copy (encrypted like the database) in a folder the user chose,
        an external drive say; the folder must exist. Raises StorageError saying why, leaving no file."""
        self._after_the_starts_backup()
        copy = backups.make_manual_backup(self._db, folder, dt.datetime.now(dt.UTC), self._key)
        self._keyring_beside(copy)
        return copy

    def back_up_on_closing(self) -> Path:
        """The app's own backup when it closes, then the rotation (7 daily, 4 weekly, 12 monthly)."""
        self._after_the_starts_backup()
        return backups.make_rotating_backup(self._db, self._backup_folder(), dt.datetime.now(dt.UTC), self._key)

    def back_up_if_due(self) -> Path | None:
        """A backup when the newest is a day old (or there is none)."""
        if self._path is None:
            return None
        self._after_the_starts_backup()
        return backups.back_up_if_due(self._db, self._backup_folder(), dt.datetime.now(dt.UTC), self._key)

    def _after_check(self, db: Database) -> None:
        """The day's backup, once the background integrity check has passed (in its thread, on its connection)."""
        if self._path is not None:
            backups.back_up_if_due(db, self._backup_folder(), dt.datetime.now(dt.UTC), self._key)

    def _after_the_starts_backup(self) -> None:
        """One backup at a time: else the rotation could remove the other's file as it is written.
        A file the start's check found damaged is not copied over the good backups."""
        if self._check is not None:
            self._check.join()
            self._wait_for_check()  # raises DamagedDatabaseError for a damaged file

    @requires(Can.MANAGE_PRACTICE)
    def backups(self) -> list[tuple[dt.datetime, Path]]:
        """The backups beside the database, rotating and manual, newest first."""
        return backups.all_backups(self._backup_folder()) if self._path else []

    def note_restore(self, backup: Path) -> None:
        """Record in the audit log that the database was restored from ``backup``."""
        with self._atomic():
            self._audit(A.RESTORE, "practice", None, None, f"restored from {backup.name}")

    @requires(Can.MANAGE_PRACTICE)
    def repair_search_indexes(self) -> list[str]:
        """'check --repair-index': rebuild every full-text index whose own check fails from the records
        it indexes (the records are not changed), audited. Returns the indexes rebuilt (none when
        all were sound: then nothing is written)."""
        damaged = [index for index, _ in search.index_problems(self._db)]
        if damaged:
            with self._atomic():
                search.rebuild_indexes(self._db, damaged)
                self._audit(
                    A.REPAIR,
                    "practice",
                    None,
                    None,
                    f"rebuilt the search index{'es' if len(damaged) > 1 else ''} {', '.join(damaged)}",
                )
        return damaged

    @requires(Can.SEE_PATIENTS)
    def records_past_retention(self) -> list[tuple[PatientSummary, dt.date]]:
        """Patients whose retention date has passed, oldest first. Nothing is deleted."""
        years = self.settings().retention_years
        today = self._today()
        due = []
        for summary in self.patient_summaries():
            if summary.birth_date is None:
                continue  # a damaged record: check names it
            last = summary.last_session_at.date() if summary.last_session_at else None
            until = retention_date(summary.birth_date, last, years)
            if until is not None and until < today:
                due.append((summary, until))
        return sorted(due, key=lambda item: item[1])


def newest_good_backup(db_path: Path, key: str | None = None) -> Path | None:
    """The newest backup of ``db_path`` that passes its integrity check."""
    return backups.newest_good_backup(backups.backup_folder(db_path), key)


@dataclass(frozen=True)
class Restored:
    """What a restore did: where the replaced file went, the passphrase the database now has (None:
    plain), and whether the backup was a plain file (encrypted as it was restored, itself unchanged)."""

    aside: Path | None
    key: str | None
    backup_was_plain: bool


def restore_backup(db_path: Path, backup: Path, key: str | None = None, backup_key: str | None = None) -> Restored:
    """Replace the (closed) database with a checked copy of ``backup``; the replaced file is moved
    aside, never deleted. The restore is logged in the audit trail.

    ``key`` is the database's passphrase (None: plain); ``backup_key`` the backup's, when it is
    encrypted with another one. A restore never makes a database plain: a plain backup restored into
    an encrypted database is encrypted with its passphrase on the way in; an encrypted backup is
    restored encrypted (with its own passphrase, which the database then has)."""
    now = dt.datetime.now(dt.UTC)
    backup_was_plain = not database.looks_encrypted(backup)
    if backup_was_plain and key is not None:
        with tempfile.TemporaryDirectory(prefix=".restoring-", dir=db_path.parent) as scratch:
            encrypted = Path(scratch) / backup.name
            encryption.encrypted_copy(backup, encrypted, key)  # no plain byte of it is written
            aside = backups.restore(db_path, encrypted, now, key)
    else:
        key = None if backup_was_plain else (backup_key or key)
        aside = backups.restore(db_path, backup, now, key)
    services = FileServices.open(db_path, key=key)  # the part of Services that logs a restore
    try:
        services.note_restore(backup)
    finally:
        services.close()
    return Restored(aside, key, backup_was_plain)


def move_damaged_aside(db_path: Path) -> Path:
    """Rename a damaged database out of the way (never deleting it) so a backup can take its place."""
    return backups.move_aside(db_path, "damaged", dt.datetime.now(dt.UTC))


def encrypt_database(db_path: Path, key: str) -> encryption.EncryptionReport:
    """Encrypt the (closed) database and every copy of it the app made (its backups, the files set
    aside beside it) with a passphrase; says which were encrypted and which could not be."""
    return encryption.encrypt_database(db_path, key)


def database_needs_passphrase(db_path: Path) -> bool:
    return database.looks_encrypted(db_path)
