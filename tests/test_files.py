"""Files for people to keep: names safe on any file system in any script, and all-or-nothing writes."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cst_notes import files
from cst_notes.files import safe_file_name, write_atomically

# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "ঋতুপর্ণা চট্টোপাধ্যায়",
        "অমিত রায়",
        "র\u200d্যাব",  # a Bengali ya-phala spelt with a zero-width joiner
        "प्रिया शर्मा",
        "क्षितिज त्रिपाठी",
        "Zoë O'Brien-Müller",
    ],
)
def test_names_in_any_script_survive(name: str) -> None:
    assert safe_file_name(name, "patient") == name


def test_folder_separators_and_reserved_characters_do_not() -> None:
    assert safe_file_name("../../etc/passwd", "patient") == "etc-passwd"
    assert safe_file_name("..\\..\\Windows\\win.ini", "patient") == "Windows-win.ini"
    assert safe_file_name('A<B>C:D"E/F\\G|H?I*J', "patient") == "A-B-C-D-E-F-G-H-I-J"
    assert safe_file_name('A/B: "C"?', "Patient") == "A-B- -C"


def test_invisible_and_control_characters_do_not() -> None:
    spoof = "Anna\u202efdp.exe"  # a right-to-left override would show this as "Annaexe.pdf"
    assert safe_file_name(spoof, "patient") == "Anna-fdp.exe"
    assert safe_file_name("Anna\x00Bose\x7f", "patient") == "Anna-Bose"
    assert safe_file_name("Anna\tBose\u00a0Roy", "patient") == "Anna Bose Roy"


@pytest.mark.parametrize("name", ["", "   ", "..", ".", "/", "-.-", "\u202e"])
def test_nothing_left_gives_the_fallback(name: str) -> None:
    assert safe_file_name(name, "patient") == "patient"


def test_long_names_are_cut() -> None:
    assert safe_file_name("ক" * 500, "patient") == "ক" * files.MAX_NAME_CHARACTERS
    assert safe_file_name("Anna " * 3, "patient", max_characters=6) == "Anna A"


@given(st.text(max_size=300))
def test_any_name_makes_one_file_in_the_folder(name: str) -> None:
    safe = safe_file_name(name, "patient")
    assert safe
    assert len(safe) <= files.MAX_NAME_CHARACTERS
    assert not files.RESERVED & set(safe)
    assert all(c.isprintable() or c in files.JOINERS for c in safe)
    assert safe[0] not in " .-"
    assert safe[-1] not in " .-"
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"{safe} - Clinical record 2026-11-24.pdf"
        target.write_bytes(b"%PDF")
        assert [p.name for p in Path(folder).iterdir()] == [target.name]


# --- writes -----------------------------------------------------------------------------------


def test_a_new_file_is_written_with_nothing_left_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "প্রিয়া - record.pdf"
    write_atomically(target, b"%PDF-1.7 new")
    assert target.read_bytes() == b"%PDF-1.7 new"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # a patient's document: its owner's only


def test_an_existing_file_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "record.json"
    target.write_bytes(b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["record.json"]


class _DiskFullHalfWay:
    """A file that takes half the bytes, then fails as a full disk does."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def __enter__(self) -> _DiskFullHalfWay:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()

    def write(self, data: bytes) -> int:
        self.real.write(data[: len(data) // 2])
        self.real.flush()
        raise OSError(errno.ENOSPC, "No space left on device")


def test_the_target_is_untouched_when_writing_fails_midway(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "record.pdf"
    target.write_bytes(b"the signed record")
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, mode: _DiskFullHalfWay(real_fdopen(fd, mode)))
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, b"x" * 10_000)
    assert target.read_bytes() == b"the signed record"
    assert [p.name for p in tmp_path.iterdir()] == ["record.pdf"]  # the half-written file is gone


def test_the_target_is_untouched_when_the_data_cannot_reach_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "record.pdf"
    target.write_bytes(b"the signed record")

    def failing_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="Input/output"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"the signed record"
    assert [p.name for p in tmp_path.iterdir()] == ["record.pdf"]


def test_the_file_is_synced_then_renamed_then_its_folder_synced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        steps.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    def replace(source: Any, target: Any) -> None:
        steps.append("rename")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_atomically(tmp_path / "record.pdf", b"%PDF")
    assert steps == ["file", "rename", "folder"]


def test_a_target_that_cannot_be_taken_leaves_nothing_behind(tmp_path: Path) -> None:
    (tmp_path / "a folder").mkdir()
    with pytest.raises(IsADirectoryError):
        write_atomically(tmp_path / "a folder", b"%PDF")
    with pytest.raises(FileNotFoundError):
        write_atomically(tmp_path / "no such folder" / "record.pdf", b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["a folder"]
    assert not any((tmp_path / "a folder").iterdir())


# A /proc/self/mountinfo as Linux writes it (optional fields, then " - TYPE SOURCE OPTIONS").
MOUNTINFO = """\
27 1 254:0 / / rw,relatime - ext4 /dev/vda rw
25 24 0:23 / /dev/shm rw,relatime shared:3 - tmpfs tmpfs rw,size=1024k
40 27 0:30 / /run/user/1000 rw,nosuid,nodev shared:9 master:2 - tmpfs tmpfs rw,mode=700
41 27 8:1 / /media/my\\040stick rw - vfat /dev/sdb1 rw
42 27 0:31 / /scratch rw - tmpfs tmpfs rw
43 42 8:2 / /scratch rw - ext4 /dev/sdc1 rw
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/", "ext4"),
        ("/home/anita/notes", "ext4"),
        ("/dev/shm", "tmpfs"),
        ("/dev/shm/cst-notes-x/a.pdf", "tmpfs"),
        ("/dev/shmem", "ext4"),  # a name that only starts like a mount point is not under it
        ("/run/user/1000/doc.pdf", "tmpfs"),
        ("/run/user/1001", "ext4"),
        ("/media/my stick/a.pdf", "vfat"),  # a space is written \040
        ("/scratch/a", "ext4"),  # the later mount over the same point hides the earlier
    ],
)
def test_the_file_system_of_a_path_is_its_deepest_mount(path: str, kind: str) -> None:
    assert files.file_system_of(Path(path), MOUNTINFO) == kind


def test_no_mount_holding_a_path_gives_none() -> None:
    assert files.file_system_of(Path("/x"), "25 24 0:23 / /dev/shm rw - tmpfs tmpfs rw\n") is None
    assert files.file_system_of(Path("/"), "not a mountinfo line\n") is None


def test_the_memory_folder_is_the_first_candidate_held_in_memory(tmp_path: Path) -> None:
    disk, memory, later = tmp_path / "disk", tmp_path / "memory", tmp_path / "later"
    for folder in (disk, memory, later):
        folder.mkdir()
    mountinfo = (
        f"1 0 8:1 / / rw - ext4 /dev/vda rw\n"
        f"2 1 0:2 / {memory} rw - tmpfs tmpfs rw\n"
        f"3 1 0:3 / {later} rw - ramfs ramfs rw\n"
    )
    missing = tmp_path / "missing"
    assert files.memory_folder([missing, disk, memory, later], mountinfo) == memory
    assert files.memory_folder([later, memory], mountinfo) == later
    assert files.memory_folder([missing, disk], mountinfo) is None
    (tmp_path / "a file").write_bytes(b"")
    assert files.memory_folder([tmp_path / "a file"], f"2 1 0:2 / {tmp_path} rw - tmpfs tmpfs rw\n") is None
