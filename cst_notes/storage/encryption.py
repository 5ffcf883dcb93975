"""Turning a plain database (and its backups) into SQLCipher-encrypted ones, in place.

No plain copy is left behind: the encrypted copy is written beside the file, checked, and then
replaces it; the plain bytes are overwritten before the old file goes. (Blocks the file system
or an SSD has already moved elsewhere are beyond any program's reach: encrypt early.)
"""

from __future__ import annotations

import os
from pathlib import Path

from cst_notes.storage import database
from cst_notes.storage.backups import all_backups, backup_folder
from cst_notes.storage.database import StorageError, quote_key


def _overwrite(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as f:
        while f.tell() < size:
            f.write(b"\0" * min(1 << 20, size - f.tell()))
        f.flush()
        os.fsync(f.fileno())


def encrypt_file(path: Path, key: str) -> None:
    """Encrypt one plain SQLite file in place (the file must not be open elsewhere)."""
    if not key:
        raise StorageError("the passphrase must not be empty")
    if database.looks_encrypted(path):
        raise StorageError(f"{path} is already encrypted")
    cipher = database.sqlcipher()
    plain = cipher.connect(str(path), isolation_level=None)
    try:
        problems = database.integrity_problems(plain)
        if problems:
            raise StorageError(f"{path} is damaged ({problems[0]}); it was not encrypted")
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        plain.execute("PRAGMA journal_mode = DELETE")
        tmp = path.with_name(f".{path.name}.encrypting")
        tmp.unlink(missing_ok=True)
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY {quote_key(key)}", [str(tmp)])
        plain.execute("SELECT sqlcipher_export('encrypted')")
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    check = database.connect(tmp, key)
    try:
        problems = database.integrity_problems(check)
    finally:
        check.close()
    if problems:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"the encrypted copy failed its check ({problems[0]}); {path} is unchanged")
    _overwrite(path)
    os.replace(tmp, path)
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)


def encrypt_database(path: Path, key: str) -> list[Path]:
    """Encrypt the database and every plain backup of it; returns the files encrypted."""
    done = [path]
    encrypt_file(path, key)
    for _, backup in all_backups(backup_folder(path)):
        if not database.looks_encrypted(backup):
            encrypt_file(backup, key)
            done.append(backup)
    return done
