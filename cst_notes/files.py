"""Files the app writes for people to keep: names that are safe on any file system, in any script,
writes that are all or nothing, and files and folders that only their owner can read.

The one home of both for storage, services, the CLI and the GUI; it imports nothing of the app.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import unicodedata
from pathlib import Path

PRIVATE_FILE = 0o600  # patient records, backups, exports: the owner reads and writes, nobody else
PRIVATE_FOLDER = 0o700
PRIVATE_UMASK = 0o077  # what the app runs under, so that anything it creates is private too

RESERVED = frozenset('<>:"/\\|?*')  # folder separators, and the characters Windows refuses in a name
JOINERS = frozenset("\u200c\u200d")  # zero-width non-joiner and joiner: part of how Bengali and Devanagari are spelt
MAX_NAME_CHARACTERS = 60  # of a name in a file name: well under the 255-byte limit, even in UTF-8 Bengali


def _name_character(c: str) -> str:
    if c in JOINERS:
        return c
    if c.isspace():
        return " "
    if c in RESERVED or not c.isprintable():  # control and invisible characters, bidirectional overrides
        return "-"
    return c


def safe_file_name(text: str, fallback: str, max_characters: int = MAX_NAME_CHARACTERS) -> str:
    """``text`` (a patient's name, say) made fit to be part of a file name on any system.

    Letters, marks and digits of every script stay, as do spaces and ordinary punctuation; folder
    separators, the characters Windows reserves, and control or invisible characters become "-".
    At most ``max_characters`` characters, with no dot, space or dash at either end (a name of
    only dots cannot climb out of the folder); ``fallback`` when nothing is left.
    """
    kept = "".join(_name_character(c) for c in unicodedata.normalize("NFC", text))
    return kept[:max_characters].strip(" .-") or fallback


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all or nothing; the folder must exist.

    The bytes go to a new temporary file beside ``path`` and are flushed to the disk; only then is
    the file renamed to ``path``, and the folder flushed so that the new name survives a power cut.
    If anything fails before the rename, ``path`` is as it was (or still absent) and the temporary
    file is removed. The file is readable by its owner only.
    """
    fd, partial = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise
    sync_folder(path.parent)


def make_private_folder(folder: Path) -> None:
    """Make ``folder`` (and missing parents) readable by its owner only; an existing one is left
    as it is: it may be a folder of the user's, shared on purpose."""
    for missing in [*reversed([p for p in folder.parents if not p.exists()]), folder]:
        with contextlib.suppress(FileExistsError):
            missing.mkdir(mode=PRIVATE_FOLDER)
            os.chmod(missing, PRIVATE_FOLDER)  # mkdir's mode is cut by the umask


# File systems held in memory: a file written there never reaches a disk (unless memory is swapped).
MEMORY_FILE_SYSTEMS = frozenset({"tmpfs", "ramfs"})


def _mount_point(field: str) -> str:
    """A mount point as /proc/self/mountinfo writes it: space, tab, newline and backslash as octal."""
    for code, character in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, character)
    return field


def file_system_of(path: Path, mountinfo: str) -> str | None:
    """The type of the file system ``path`` (absolute, resolved) is on, from the text of
    /proc/self/mountinfo: the deepest mount point holding it; None when no line names one.

    A line reads ``id parent major:minor root MOUNT_POINT options [optional fields] - TYPE source options``.
    """
    best, best_type = -1, None
    for line in mountinfo.splitlines():
        fields, _, after = line.partition(" - ")
        parts = fields.split(" ")
        if len(parts) < 5 or not after:
            continue
        mount = Path(_mount_point(parts[4]))
        depth = len(mount.parts)
        if (path == mount or mount in path.parents) and depth >= best:
            best, best_type = depth, after.split(" ", 1)[0]  # a later mount over the same point wins
    return best_type


def memory_folder(candidates: list[Path], mountinfo: str) -> Path | None:
    """The first of ``candidates`` that is a folder we may write in, on a file system held in memory."""
    for folder in candidates:
        try:
            real = folder.resolve(strict=True)
        except OSError:
            continue
        if (
            real.is_dir()
            and os.access(real, os.W_OK | os.X_OK)
            and file_system_of(real, mountinfo) in MEMORY_FILE_SYSTEMS
        ):
            return real
    return None


def this_machines_memory_folder() -> Path | None:
    """A folder in memory for a short-lived private copy: the user's runtime folder
    ($XDG_RUNTIME_DIR), else /dev/shm; None where there is none (or this is not Linux)."""
    try:
        mountinfo = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    return memory_folder(([Path(runtime)] if runtime else []) + [Path("/dev/shm")], mountinfo)


def make_private(path: Path) -> None:
    """Take away others' access to an existing file of the owner's (one made before this rule)."""
    with contextlib.suppress(OSError):
        if path.stat().st_mode & 0o077:
            os.chmod(path, PRIVATE_FILE)


# What fsync of a folder says where the file system cannot flush folders (the file is in place).
_CANNOT_SYNC_FOLDERS = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EBADF})


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a new name, a rename) to the disk. Nothing to do on Windows,
    where folders cannot be opened and renames are written through."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _CANNOT_SYNC_FOLDERS:
            raise
    finally:
        os.close(fd)
