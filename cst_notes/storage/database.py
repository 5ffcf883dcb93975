"""Opening, checking, migrating and backing up the database file.

One connection per process: WAL journal, ``synchronous=FULL``, foreign keys on. Transactions
are explicit (``db.atomic()``); a statement outside one commits on its own.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from cst_notes.files import PRIVATE_FILE, make_private, make_private_folder, sync_folder
from cst_notes.storage import audit
from cst_notes.storage.connection import Database
from cst_notes.storage.schema import (
    MIGRATION_NAMES,
    applied_migrations,
    apply_migrations,
    expected_triggers,
    pending_migrations,
    row_guard_triggers,
    search_trigger_names,
)

MEMORY = ":memory:"
CACHE_KIB = 65_536  # SQLite's page cache for the one connection (default 2 MB thrashes on a large practice)
BULK_CACHE_KIB = 8_192  # the page cache while a bulk write streams through (import): its pages are not read again


class StorageError(Exception):
    """A database problem, with a message meant for the person using the app."""


class DamagedDatabaseError(StorageError):
    """The file is not a healthy CST Notes database; it has not been written to."""


@dataclass(frozen=True)
class CheckReport:
    ok: bool
    schema_version: int
    latest_version: int
    problems: tuple[str, ...]
    notes: tuple[str, ...] = ()  # things worth knowing that are not problems


SQLITE_HEADER = b"SQLite format 3\x00"


class WrongPassphraseError(StorageError):
    """The passphrase does not open this encrypted database."""


class EncryptionUnavailableError(StorageError):
    """The database is encrypted, or encryption was asked for, but SQLCipher is not installed."""


def sqlcipher() -> Any:
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise EncryptionUnavailableError(
            "encryption needs SQLCipher: install the 'encryption' extra (pip install 'cst-notes[encryption]')"
        ) from None
    return dbapi2


def database_errors(*also: type[Exception]) -> tuple[type[Exception], ...]:
    """The exception classes a database call may raise (with ``also``): SQLite's, and SQLCipher's
    once it is loaded (``sqlcipher()``; before that no SQLCipher connection exists to raise them,
    and a plain database's start does not load it)."""
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    found = (sqlite3.DatabaseError,) if cipher is None else (sqlite3.DatabaseError, cipher.DatabaseError)
    return (*also, *found)


def quote_key(key: str) -> str:
    return "'" + key.replace("'", "''") + "'"


# How long a write waits for another window or program (the CLI, a second app) to finish its own.
BUSY_TIMEOUT_SECONDS = 30.0


class BusyError(StorageError):
    """Another program held the database for longer than a write waits; nothing was changed."""


def connect(path: str | Path, key: str | None = None) -> Any:
    """A connection without implicit transactions (``write`` issues BEGIN IMMEDIATE/COMMIT),
    waiting up to ``BUSY_TIMEOUT_SECONDS`` for a lock; with ``key``, an SQLCipher connection keyed with it."""
    if key is None:
        return sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS)
    conn = sqlcipher().connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {quote_key(key)}")
    return conn


def _is_busy(exc: Exception) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


@contextlib.contextmanager
def write(db: Database) -> Iterator[None]:
    """A write transaction that takes the write lock first (BEGIN IMMEDIATE), waiting its turn.

    A deferred BEGIN that reads and then writes cannot wait: when another connection has written
    meanwhile, SQLite refuses at once ("database is locked"). Inside a transaction already, a
    savepoint. ``BusyError`` (nothing changed) when the lock did not come within the timeout.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield
        return
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except database_errors() as exc:
        if _is_busy(exc):
            raise BusyError(
                f"Another window or program kept the database busy for {BUSY_TIMEOUT_SECONDS:g} seconds; "
                "nothing was saved. Try again in a moment."
            ) from exc
        raise
    try:
        yield
        db.conn.execute("COMMIT")
    except BaseException:
        _roll_back(db.conn)
        raise


@contextlib.contextmanager
def bulk_cache(db: Database) -> Iterator[None]:
    """A smaller page cache while a bulk write streams through (an import: a few MB of pages are
    enough, and the full cache would hold tens of MB of pages no one reads again), then the usual one."""
    db.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


def _roll_back(conn: Any) -> None:
    """Undo the open transaction, if an error has not already ended it."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")


# What each file's header said, by (device, inode), as this process's connections opened it. On
# Linux, closing any descriptor of a file drops all the process's locks on it, SQLite's included:
# another process closing its connection could then delete the write-ahead log this process is
# still writing to. So while this process has the file open, its header is never read again (it
# never changes in place: encrypting writes a new file).
_HEADER_PLAIN: dict[tuple[int, int], bool] = {}


def looks_encrypted(path: str | Path) -> bool:
    """True for a non-empty file that does not start with SQLite's plain header."""
    p = Path(path)
    if str(path) == MEMORY or not p.is_file():
        return False
    status = p.stat()
    if status.st_size == 0:
        return False
    inode = (status.st_dev, status.st_ino)
    if inode in _HEADER_PLAIN and _open_in_this_process(inode):
        return not _HEADER_PLAIN[inode]
    with p.open("rb") as f:
        _HEADER_PLAIN[inode] = f.read(16) == SQLITE_HEADER
    return not _HEADER_PLAIN[inode]


def _open_in_this_process(inode: tuple[int, int]) -> bool:
    """Whether a descriptor of this process is open on the file (where that cannot be known: yes)."""
    descriptors = Path("/proc/self/fd")
    if not descriptors.is_dir():
        return True
    for descriptor in descriptors.iterdir():
        with contextlib.suppress(OSError):
            status = descriptor.stat()
            if (status.st_dev, status.st_ino) == inode:
                return True
    return False


_connect = connect


def integrity_problems(conn: Any) -> list[str]:
    """What ``PRAGMA integrity_check`` reports about the file itself; empty when healthy. A row
    that breaks its table's rule (a CHECK, a NOT NULL) or refers to a missing row (``orphan_rows``)
    is not in it: one bad row does not stop the file opening; ``check`` names it."""
    return integrity_report(conn)[0]


_ROW_RULES = re.compile(r"^(CHECK constraint failed in \S+|NULL value in \S+)$")
# SQLite 3.44 and later check full-text indexes in integrity_check too (Debian 13 has 3.46): a
# damaged search index is not a damaged file; ``check`` reports it with its fix (--repair-index)
_SEARCH_INDEX = re.compile(r"\bFTS5 table\b")


def integrity_report(conn: Any) -> tuple[list[str], list[str]]:
    """``PRAGMA integrity_check``'s findings: (the file's own damage, the rows breaking a table's rule)."""
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except database_errors() as exc:
        rows = [str(exc)]
    if rows == ["ok"]:
        return [], []
    rules = [
        f"a row of {r.split()[-1]} breaks a rule the file keeps (SQLite: {r})" for r in rows if _ROW_RULES.match(r)
    ]
    damage = [r for r in rows if not _ROW_RULES.match(r) and not _SEARCH_INDEX.search(r)]
    cut = _cut_short(conn) if damage else None
    return ([cut, *damage] if cut else damage), rules


def _cut_short(conn: Any) -> str | None:
    """'the file is cut short …' when the file is shorter than its own header says (a copy or a
    disk that stopped part way): the plain words for what SQLite calls a malformed image."""
    try:
        found = conn.execute("PRAGMA database_list").fetchone()
        path = Path(found[2]) if found and found[2] else None
        if path is None:
            return None
        with path.open("rb") as f:
            header = f.read(100)
        size = path.stat().st_size
    except database_errors(OSError):
        return None
    if len(header) < 100 or not header.startswith(SQLITE_HEADER) or header[24:28] != header[92:96]:
        return None  # encrypted, or a header that does not say its size
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    expected = int.from_bytes(header[28:32], "big") * page_size
    if size >= expected:
        return None
    return (
        f"the file is cut short: it holds {size:,} bytes of the {expected:,} its header says, "
        "so the records stored at its end are missing"
    )


def orphan_rows(conn: Any) -> list[str]:
    """Each row that refers to a row no longer there (a session whose patient is missing, written
    with foreign keys off), in words. No chart shows such a row; ``check`` names it."""
    problems = []
    try:
        for table, rowid, parent, fk_id in conn.execute("PRAGMA foreign_key_check").fetchall():
            columns = [r[3] for r in conn.execute(f'PRAGMA foreign_key_list("{table}")') if r[0] == fk_id]
            column = columns[0] if columns else "?"
            found = conn.execute(f'SELECT "{column}" FROM "{table}" WHERE rowid = ?', [rowid]).fetchone()
            value = found[0] if found else None
            problems.append(
                f"{table} row {rowid}, {column}: {value!r} refers to a row of {parent} that does not exist "
                "(an orphan: no record shows it)"
            )
    except database_errors() as exc:
        return [str(exc)]
    return problems


def _has_tables(conn: Any) -> bool:
    count: int = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    return count > 0


def schema_version(db: Database) -> int:
    return len([name for name in applied_migrations(db) if name in MIGRATION_NAMES])


Check = Literal["now", "later", "none"]


def open_database(  # noqa: C901
    path: str | Path, *, migrate: bool = True, create: bool = True, key: str | None = None, check: Check = "now"
) -> Database:
    """Open (creating if need be) a CST Notes database and bring its schema up to date.

    A damaged file raises DamagedDatabaseError and is left exactly as it was. Before a new
    migration runs on a database that already holds data, the file is backed up beside itself
    with SQLite's online backup API. ``migrate=False`` reads the file as it is, read-only (a check
    or a backup being looked at): not even its journal mode is changed. An empty (0-byte) file is
    refused, not made into a new clinic: where records were expected, their loss must show.

    ``check``: "now" runs the integrity check before anything else (seconds on a large file).
    "later" leaves it to a ``BackgroundCheck`` and opens the connection read-only
    (``PRAGMA query_only``) until that has passed; the caller must start one. "none" is for a
    second, read-only connection to a file another connection has checked. A pending migration
    is a write, so it is always preceded by the check.
    """
    in_memory = str(path) == MEMORY
    existed = not in_memory and Path(path).exists()
    if existed and Path(path).is_file() and Path(path).stat().st_size == 0:
        raise StorageError(
            f"{path} is an empty file (0 bytes), not a CST Notes database. It has not been changed. "
            "If it should hold your records, restore a backup into it; to start a new clinic there, remove it first."
        )
    if not in_memory and not create and not existed:
        raise StorageError(f"there is no CST Notes database at {path}")
    if not in_memory and Path(path).is_dir():
        raise StorageError(f"{path} is a folder, not a database file")
    if not in_memory:
        _make_private(Path(path), existed)
    if key is None and looks_encrypted(path) and existed:
        raise WrongPassphraseError(f"{path} is encrypted (or damaged): its passphrase is needed to open it")
    try:
        conn = _connect(path, key)
    except database_errors() as exc:
        raise StorageError(f"cannot open {path}: {exc}") from exc
    if existed and check == "now":
        _refuse_if_damaged(conn, path, key)
    try:
        db = Database(conn)
        if existed and _has_tables(conn) and not applied_migrations(db):
            conn.close()
            raise DamagedDatabaseError(
                f"{path} is an SQLite database but not a CST Notes one. It has not been changed."
            )
    except database_errors() as exc:  # unchecked, the file may fail here already
        problem = _cut_short(conn) or str(exc)
        conn.close()
        if key is not None and "not a database" in str(exc):
            raise WrongPassphraseError(f"the passphrase does not open {path} (or the file is damaged)") from exc
        raise DamagedDatabaseError(damaged_message(path, problem)) from exc
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        if not migrate:  # read as it is: not even the journal mode is changed
            conn.execute("PRAGMA query_only = ON")
        elif not in_memory:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        if migrate and pending_migrations(db):
            if existed and check != "now":
                _refuse_if_damaged(conn, path, key)
            if existed and _has_tables(conn):
                backup_database(db, pre_migration_backup_path(Path(path)), key=key)
            apply_migrations(conn)
        elif existed and check != "now":
            conn.execute("PRAGMA query_only = ON")  # no writes to a file that has not passed its check
    except database_errors() as exc:
        conn.close()
        raise StorageError(f"cannot prepare {path}: {exc}") from exc
    if not in_memory:
        _remember_header(Path(path), plain=key is None)  # so that nobody reads it while it is open
    return db


def _remember_header(path: Path, *, plain: bool) -> None:
    status = path.stat()
    if status.st_size:
        _HEADER_PLAIN[(status.st_dev, status.st_ino)] = plain


def _refuse_if_damaged(conn: Any, path: str | Path, key: str | None) -> None:
    """Run the integrity check; a damaged file (or the wrong passphrase) closes ``conn`` and raises."""
    problems = integrity_problems(conn)
    if problems and key is not None and "not a database" in problems[0]:
        conn.close()
        raise WrongPassphraseError(f"the passphrase does not open {path} (or the file is damaged)")
    if problems:
        conn.close()
        raise DamagedDatabaseError(damaged_message(path, problems[0]))


def damaged_message(path: str | Path, problem: str) -> str:
    return (
        f"{path} is damaged or is not a CST Notes database ({problem}). "
        "It has not been changed. Restore it from a backup."
    )


def is_read_only(db: Database) -> bool:
    """True while the connection refuses writes (opened with ``check="later"``, not yet checked)."""
    return bool(db.execute("PRAGMA query_only").fetchone()[0])


def allow_writes(db: Database) -> None:
    """After the background check has passed."""
    db.execute("PRAGMA query_only = OFF")


class BackgroundCheck:
    """The integrity check of a database file, in a thread with its own connection, so that a large
    file (seconds to read) does not hold up the start; then, if it passed, ``then(db)`` on that
    connection (the backup that is due, say). SQLite releases Python's lock while it reads."""

    def __init__(self, path: str | Path, key: str | None = None, then: Callable[[Database], object] | None = None):
        self._path, self._key, self._then = path, key, then
        self._checked = threading.Event()
        self._lock = threading.Lock()
        self._conn: Any = None
        self._cancelled = False
        self.problems: list[str] | None = None  # None until checked
        self.then_error: str | None = None
        self._thread = threading.Thread(target=self._run, name="integrity-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            conn = _connect(self._path, self._key)
        except database_errors() as exc:
            self.problems = [str(exc)]
            self._checked.set()
            return
        try:
            with self._lock:
                if self._cancelled:
                    self.problems = ["the check was stopped before it ran"]  # never taken for a pass
                    return
                self._conn = conn
            problems = integrity_problems(conn)
            with self._lock:
                self.problems = problems
                self._checked.set()
                cancelled = self._cancelled
            if not problems and self._then is not None and not cancelled:
                failures: tuple[type[Exception], ...] = (StorageError, OSError, *database_errors())
                try:
                    self._then(Database(conn))
                except failures as exc:
                    self.then_error = str(exc) or type(exc).__name__
        finally:
            with self._lock:
                self._conn = None
            conn.close()
            self._checked.set()

    def finished(self) -> bool:
        """The check (not what follows it) has finished."""
        return self._checked.is_set()

    def wait(self) -> list[str]:
        """The problems found (an empty list when the file is healthy), once the check has finished."""
        self._checked.wait()
        return list(self.problems or [])

    def join(self) -> None:
        """Until the check and what follows it have finished."""
        self._thread.join()

    def cancel(self) -> None:
        """Interrupt the check (the app is closing); what follows a passed check is let finish."""
        with self._lock:
            self._cancelled = True
            if self._conn is not None and not self._checked.is_set():
                self._conn.interrupt()
        self._thread.join()


BEFORE_MIGRATION = "before-migration"  # NAME.before-migration-STAMP.sqlite, beside the database


def pre_migration_backup_path(path: Path) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return path.with_name(f"{path.stem}.{BEFORE_MIGRATION}-{stamp}{path.suffix or '.sqlite'}")


def _make_private(path: Path, existed: bool) -> None:
    """The database and its journal files are readable by their owner only, in a folder of their own
    when the app makes one (a file made by an older version is tightened when it is opened)."""
    make_private_folder(path.parent)
    if not existed:
        with contextlib.suppress(FileExistsError):  # an empty file is made afresh, keeping its mode
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        make_private(file)


def backup_database(db: Database, target: str | Path, key: str | None = None) -> CheckReport:
    """Copy the database with the online backup API, then check the copy. Raise if it is bad.

    An encrypted database (``key``) gives an encrypted copy under the same key. The copy is made
    under a hidden ``.NAME.partial`` name beside ``target`` and renamed only once it has passed its
    check: a failure (a full or unplugged drive, a crash) never leaves a file that looks like a backup.
    """
    target = Path(target)
    if target.exists():
        raise StorageError(f"{target} already exists; choose another file name")
    try:
        make_private_folder(target.parent)
        partial = target.with_name(f".{target.name}.partial")
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))  # can the folder be written?
    except OSError as exc:
        raise StorageError(
            f"{target.parent} cannot be written to ({exc.strerror or exc}); nothing was written"
        ) from exc
    try:
        report = _copy_and_check(db, partial, key, target)
        os.replace(partial, target)
    except BaseException:
        for leftover in (partial, *(Path(f"{partial}{side}") for side in ("-wal", "-shm", "-journal"))):
            leftover.unlink(missing_ok=True)  # our own unfinished copy
        raise
    sync_folder(target.parent)  # the new name survives a power cut
    return report


def _copy_and_check(db: Database, path: Path, key: str | None, target: Path) -> CheckReport:
    """Copy into ``path`` and check it there; messages name ``target``, the file being made."""
    try:
        dest = _connect(path, key)
    except database_errors() as exc:
        raise StorageError(f"the backup {target} could not be written: {exc}") from exc
    try:
        db.conn.backup(dest)
    except database_errors() as exc:
        raise StorageError(f"the database could not be copied to {target}: {exc}") from exc
    finally:
        dest.close()
    try:
        copy = open_database(path, migrate=False, key=key, check="none")  # checked once, just below
    except StorageError as exc:
        raise StorageError(f"the backup {target} cannot be opened: {exc}") from exc
    try:
        report = check_database(copy)
    finally:
        copy.close()
    if report.problems and report.schema_version == 0:  # the integrity check itself failed
        raise StorageError(f"the backup {target} failed its integrity check: {report.problems[0]}")
    return report


def check_database(db: Database) -> CheckReport:
    problems, broken_rules = integrity_report(db.conn)
    version = schema_version(db) if not problems else 0
    if not problems and version < len(MIGRATION_NAMES):
        problems.append(f"schema version {version} is older than {len(MIGRATION_NAMES)}; open it to upgrade")
    elif not problems:
        problems += trigger_problems(db) + audit.chain_problems(db)
    if version:
        problems += broken_rules + orphan_rows(db.conn)
    return CheckReport(not problems, version, len(MIGRATION_NAMES), tuple(problems))


def _words(sql: str) -> str:
    return " ".join(sql.split())


def trigger_problems(db: Database) -> list[str]:
    """Every trigger compared, word for word, with the one a new database has: missing, changed
    (one recreated under its name with an empty body passes no longer) or not made by CST Notes."""
    expected = expected_triggers()
    present = {
        name: (table, sql)
        for name, table, sql in db.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
    }
    search, guards = search_trigger_names(), row_guard_triggers()
    problems = []
    for name in sorted(expected.keys() | present.keys()):
        if name not in expected:
            table = present[name][0]
            problems.append(
                f"a trigger {name} on {table} was not made by CST Notes: it could change or drop what is saved"
            )
            continue
        state = (
            "is missing"
            if name not in present
            else ("has been changed" if _words(present[name][1] or "") != _words(expected[name][1]) else "")
        )
        if not state:
            continue
        if name in search:
            problems.append(f"the search trigger {name} {state}: search could miss or show the wrong records")
        elif name in guards:
            problems.append(
                f"the protective trigger {name} {state}: rows the app cannot read (an impossible date, "
                "an unknown code, a note of no patient) could be stored"
            )
        else:
            problems.append(f"the protective trigger {name} {state}: signed notes or the audit log could be changed")
    return problems
