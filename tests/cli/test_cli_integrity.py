"""restore, encrypt and retention from the command line; check verifies signatures."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cst_notes import app


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
    assert sqlite3.connect(db).execute("SELECT count(*) FROM plan_goals").fetchone()[0] > 0
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
    conn.execute("UPDATE rhythm_findings SET rate = rate + 1 WHERE id = 1")
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "check", "--db", str(db))
    assert code == 1
    assert out == ""
    assert "no longer matches the signature" in err
    assert "protective trigger rhythm_findings_signed_no_update is missing" in err
