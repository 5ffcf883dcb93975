"""Turning a plain database, and every copy the app made of it, into SQLCipher-encrypted ones.

Each file's encrypted copy is written beside it, checked, and then replaces it; the plain bytes
are overwritten with zeros before the old file goes. That reaches the blocks the file holds now,
not blocks an SSD's wear levelling, a journaling or copy-on-write file system, or a snapshot has
already kept elsewhere: no program can promise those are gone (encrypt early, or use full-disk
encryption). The copies the app knows of are its backups folder, and the files it set aside
beside the database (before a migration, a restore's replaced file, a damaged one); a copy saved
somewhere else (a backup to another folder, an export, a patient copy) is the user's to handle.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cst_notes.files import PRIVATE_FILE
from cst_notes.storage import database
from cst_notes.storage.backups import ASIDE_REASONS, all_backups, backup_folder
from cst_notes.storage.database import BEFORE_MIGRATION, StorageError, quote_key


@dataclass(frozen=True)
class EncryptionReport:
    """What encrypting a database did: the files now encrypted (the database first), and the
    app's own plain copies it could not encrypt, each with the reason (they are never deleted)."""

    encrypted: list[Path]
    left_plain: list[tuple[Path, str]] = field(default_factory=list)


def own_copies(path: Path) -> list[Path]:
    """Every copy of the database the app itself made: the backups in its backups folder, and the
    files set aside beside it (``NAME.before-migration-…``, ``NAME.replaced-…``, ``NAME.damaged-…``)."""
    suffix = path.suffix or ".sqlite"
    aside = [
        p
        for why in (BEFORE_MIGRATION, *ASIDE_REASONS)
        for p in sorted(path.parent.glob(f"{path.stem}.{why}-*{suffix}"))
        if p.is_file()
    ]
    return [backup for _, backup in all_backups(backup_folder(path))] + aside


def _overwrite(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as f:
        while f.tell() < size:
            f.write(b"\0" * min(1 << 20, size - f.tell()))
        f.flush()
        os.fsync(f.fileno())


def _export_encrypted(plain: Any, target: Path, key: str) -> None:
    """Write the plain database open on ``plain`` as a new encrypted file ``target``."""
    plain.execute(f"ATTACH DATABASE ? AS encrypted KEY {quote_key(key)}", [str(target)])
    plain.execute("SELECT sqlcipher_export('encrypted')")
    version = plain.execute("PRAGMA user_version").fetchone()[0]
    plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
    plain.execute("DETACH DATABASE encrypted")


def _copy_problems(target: Path, key: str) -> list[str]:
    """The integrity check of an encrypted copy just written."""
    check = database.connect(target, key)
    try:
        return database.integrity_problems(check)
    finally:
        check.close()


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
        _export_encrypted(plain, tmp, key)
    finally:
        plain.close()
    problems = _copy_problems(tmp, key)
    if problems:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"the encrypted copy failed its check ({problems[0]}); {path} is unchanged")
    os.chmod(tmp, PRIVATE_FILE)  # SQLCipher made it under the umask: a copy of records is the owner's only
    _overwrite(path)
    os.replace(tmp, path)
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)


def encrypted_copy(source: Path, target: Path, key: str) -> None:
    """Write an encrypted copy of the plain database ``source`` at ``target`` (a new file), leaving
    ``source`` untouched (it is read read-only), and check both. No plain byte is written.
    StorageError (and no ``target``) for a damaged or unreadable ``source``."""
    cipher = database.sqlcipher()
    try:
        plain = cipher.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True, isolation_level=None)
        try:
            problems = database.integrity_problems(plain)
            if problems:
                raise StorageError(f"{source} is damaged ({problems[0]}); nothing was restored")
            _export_encrypted(plain, target, key)
        finally:
            plain.close()
        problems = _copy_problems(target, key)
    except database.database_errors() as exc:
        target.unlink(missing_ok=True)
        raise StorageError(f"{source} could not be read as a database ({exc}); nothing was restored") from exc
    if problems:
        target.unlink(missing_ok=True)
        raise StorageError(f"the encrypted copy failed its check ({problems[0]})")


def encrypt_database(path: Path, key: str) -> EncryptionReport:
    """Encrypt the database, then every plain copy of it the app made (``own_copies``). A copy
    that cannot be encrypted (a damaged one, say) is left as it is and named in the report."""
    encrypt_file(path, key)
    done, left = [path], []
    failures: tuple[type[Exception], ...] = (StorageError, *database.database_errors())
    for copy in own_copies(path):
        if database.looks_encrypted(copy):
            continue
        try:
            encrypt_file(copy, key)
        except failures as exc:
            left.append((copy, str(exc)))
        else:
            done.append(copy)
    return EncryptionReport(done, left)


def _opens(path: Path, key: str) -> bool:
    try:
        conn = database.connect(path, key)
    except database.database_errors():
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except database.database_errors():
        return False
    finally:
        conn.close()
    return True


def rekey_file(path: Path, old: str, new: str) -> bool:
    """Re-key one encrypted copy (not open elsewhere) from ``old`` to ``new`` in one SQLCipher
    transaction; False when ``new`` opens it already (an interrupted re-key done again).
    StorageError when neither key opens it."""
    if _opens(path, new):
        return False
    if not _opens(path, old):
        raise StorageError(f"neither the old nor the new key opens {path}; it was left as it is")
    conn = database.connect(path, old)
    try:
        conn.execute(f"PRAGMA rekey = {quote_key(new)}")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except database.database_errors() as exc:
        raise StorageError(f"{path} could not be re-keyed ({exc}); the old key still opens it") from exc
    finally:
        conn.close()
    return True
