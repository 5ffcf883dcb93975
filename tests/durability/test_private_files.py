"""Records are private at rest: the database, its journals, backups, exports and PDFs are readable by
their owner only (0600), in folders the app makes for its owner only (0700) (issue 14, item 13)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cst_notes.services import Services

REPO = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """A login's usual umask (022), under which files are made world-readable unless asked."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def cst_notes(*argv: str) -> None:
    """The command as a user runs it: its own process, started under the usual umask."""
    result = subprocess.run(
        ["sh", "-c", 'umask 022 && exec "$@"', "sh", sys.executable, "main.py", *argv],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_every_file_the_commands_make_is_the_owners_alone(tmp_path: Path) -> None:
    db = tmp_path / "new" / "clinic.sqlite"
    cst_notes("demo", "--db", str(db), "--patients", "3", "--sessions", "2")
    cst_notes("backup", "--db", str(db), "--out", str(tmp_path / "copies" / "b.sqlite"))
    cst_notes("export", "--db", str(db), "--out", str(tmp_path / "out" / "all.json"))
    cst_notes("export-pdf", "--db", str(db), "--all", "--kind", "record", "--out-dir", str(tmp_path / "pdfs"))
    made = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert {p.suffix for p in made} >= {".sqlite", ".json", ".pdf"}
    assert {str(p.relative_to(tmp_path)): oct(mode(p)) for p in made if mode(p) != 0o600} == {}
    folders = [tmp_path / name for name in ("new", "copies", "out", "pdfs")]
    assert {f.name: oct(mode(f)) for f in folders if mode(f) != 0o700} == {}


@pytest.mark.usefixtures("usual_umask")
def test_the_database_journals_and_backups_are_private_when_opened_in_process(tmp_path: Path) -> None:
    services = Services.open(tmp_path / "a" / "b" / "clinic.sqlite")
    try:
        backup = services.back_up_now()
        assert services.path is not None
        journals = [services.path.with_name(services.path.name + s) for s in ("-wal", "-shm")]
        assert all(j.exists() for j in journals)
        for file in (services.path, *journals, backup):
            assert mode(file) == 0o600, file
        for folder in (tmp_path / "a", tmp_path / "a" / "b", backup.parent):
            assert mode(folder) == 0o700, folder
    finally:
        services.close()


@pytest.mark.usefixtures("usual_umask")
def test_a_database_made_world_readable_before_is_made_private_when_opened(tmp_path: Path) -> None:
    os.chmod(tmp_path, 0o755)  # a folder of the user's, shared on purpose: left as it is
    Services.open(tmp_path / "clinic.sqlite").close()
    os.chmod(tmp_path / "clinic.sqlite", 0o644)
    Services.open(tmp_path / "clinic.sqlite").close()
    assert (mode(tmp_path / "clinic.sqlite"), mode(tmp_path)) == (0o600, 0o755)
