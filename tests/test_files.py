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
