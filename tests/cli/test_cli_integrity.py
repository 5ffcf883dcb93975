"""restore, encrypt and retention from the command line; check verifies signatures."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cst_notes import app
from tests.connections import query

REPO = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = app.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_restore_replaces_the_database_and_keeps_the_old_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, backup = tmp_path / "c.sqlite", tmp_path / "b.sqlite"
    run(capsys, "demo", "--db", str(db), "--patients", "3", "--sessions", "2")
    run(capsys, "backup", "--db", str(db), "--out", str(backup))
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM plan_goals")  # a change after the backup
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "restore", "--db", str(db), str(backup))
    assert code == 0, err
    assert "restored" in out
    assert "moved to" in out
    assert query(db, "SELECT count(*) FROM plan_goals")[0][0] > 0
    assert len(list(tmp_path.glob("c.replaced-*.sqlite"))) == 1
    code, _, err = run(capsys, "restore", "--db", str(db), str(tmp_path / "none.sqlite"))
    assert code == 1
    assert "no backup" in err


def test_encrypt_then_every_command_needs_the_passphrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "c.sqlite"
    run(capsys, "demo", "--db", str(db), "--patients", "3", "--sessions", "2")
    monkeypatch.setenv("CST_NOTES_PASSPHRASE", "correct horse")
    code, out, err = run(capsys, "encrypt", "--db", str(db))
    assert code == 0, err
    assert "encrypted 1 files" in out
    assert not db.read_bytes().startswith(b"SQLite format 3")
    code, out, _ = run(capsys, "check", "--db", str(db))
    assert code == 0
    assert out.startswith("ok")
    monkeypatch.setenv("CST_NOTES_PASSPHRASE", "wrong")
    code, _, err = run(capsys, "check", "--db", str(db))
    assert code == 1
    assert "passphrase does not open" in err
    monkeypatch.delenv("CST_NOTES_PASSPHRASE")
    code, _, err = run(capsys, "export", "--db", str(db), "--out", str(tmp_path / "x.json"))
    assert code == 1
    assert "CST_NOTES_PASSPHRASE" in err
    assert not (tmp_path / "x.json").exists()


def test_encrypting_twice_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "c.sqlite"
    run(capsys, "demo", "--db", str(db), "--patients", "1", "--sessions", "1")
    monkeypatch.setenv("CST_NOTES_PASSPHRASE", "pass")
    assert run(capsys, "encrypt", "--db", str(db))[0] == 0
    code, _, err = run(capsys, "encrypt", "--db", str(db))
    assert code == 1
    assert "already encrypted" in err


def test_retention_lists_nothing_for_a_young_practice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.sqlite"
    run(capsys, "demo", "--db", str(db), "--patients", "3", "--sessions", "2")
    code, out, _ = run(capsys, "retention", "--db", str(db))
    assert code == 0
    assert "no record has passed its retention date (10 years)" in out


def test_check_fails_when_a_signed_note_was_altered(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.sqlite"
    run(capsys, "demo", "--db", str(db), "--patients", "2", "--sessions", "3")
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER rhythm_findings_signed_no_update")
    conn.execute("DROP TRIGGER rhythm_findings_no_move")
    conn.execute("UPDATE rhythm_findings SET rate = rate + 1 WHERE id = 1")
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "check", "--db", str(db))
    assert code == 1
    assert out == ""
    assert "no longer matches the signature" in err
    assert "protective trigger rhythm_findings_signed_no_update is missing" in err
    assert "protective trigger rhythm_findings_no_move is missing" in err


def test_check_changes_nothing_in_the_file_not_even_its_journal_mode(tmp_path: Path) -> None:
    """A database in SQLite's rollback-journal mode (as another tool may leave it) is read by
    `check` as it is (issue 14, item 19)."""
    db = tmp_path / "clinic.sqlite"
    assert app.main(["demo", "--db", str(db), "--patients", "2", "--sessions", "1"]) == 0
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode = DELETE").fetchone() == ("delete",)
    conn.close()
    before = db.read_bytes()
    assert app.main(["check", "--db", str(db)]) == 0
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinic.sqlite"]


def test_check_into_a_reader_that_stops_early_is_not_a_traceback(tmp_path: Path) -> None:
    """`cst-notes check | head -1`: the reader has gone before the output is written."""
    db = tmp_path / "clinic.sqlite"
    assert app.main(["demo", "--db", str(db), "--patients", "1", "--sessions", "1"]) == 0
    read, write = os.pipe()
    os.close(read)  # like `head` that has read its line and left
    try:
        result = subprocess.run(
            [sys.executable, "main.py", "check", "--db", str(db)],
            cwd=REPO,
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize(
    "argv",
    [["check"], ["demo", "--patients", "1"], ["export", "--out", "x.json"], ["import", "in.json"]],
)
def test_an_empty_file_is_never_made_into_a_new_clinic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database cut to 0 bytes (a full disk, a sync tool) is where records were expected: every
    command says so, and none quietly starts an empty clinic in it (issue 14, item 19)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.json").write_text('{"format": "cst-notes", "format_version": 1, "patients": []}')
    db = tmp_path / "clinic.sqlite"
    db.touch()
    code = app.main([argv[0], "--db", str(db), *argv[1:]])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{db} is an empty file (0 bytes), not a CST Notes database. It has not been changed." in err
    assert db.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinic.sqlite", "in.json"]
