"""The headless commands, as a user runs them: output, exit status, files, and no tracebacks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cst_notes import app, cli
from tests.connections import query

REPO = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = app.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_check_prints_ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "demo.sqlite")
    code, out, _ = run(capsys, "demo", "--db", db, "--patients", "15", "--sessions", "4", "--seed", "2")
    assert code == 0
    assert "added 15 patients" in out
    code, out, err = run(capsys, "check", "--db", db)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "ok"
    assert re.search(r"schema version (\d+) \(latest \1\)", out)
    assert "15 patients" in out


def test_check_reports_a_damaged_file_and_exits_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_text("this is not a database")
    code, out, err = run(capsys, "check", "--db", str(bad))
    assert code == 1
    assert out == ""
    assert "damaged" in err
    assert "has not been changed" in err
    assert "Traceback" not in err
    assert bad.read_text() == "this is not a database"


def test_check_of_a_missing_file_creates_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "--db", str(tmp_path / "none.sqlite"))
    assert code == 1
    assert "no CST Notes database" in err
    assert list(tmp_path.iterdir()) == []


def test_backup_makes_a_checked_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, out_file = tmp_path / "c.sqlite", tmp_path / "b.sqlite"
    run(capsys, "demo", "--db", str(db), "--patients", "3", "--sessions", "2")
    code, out, _ = run(capsys, "backup", "--db", str(db), "--out", str(out_file))
    assert code == 0
    assert "checked: ok" in out
    [(count,)] = query(out_file, "SELECT count(*) FROM patients")
    assert count == 3
    code, _, err = run(capsys, "backup", "--db", str(db), "--out", str(out_file))
    assert code == 1
    assert "already exists" in err


def test_export_import_export_gives_the_same_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    run(capsys, "demo", "--db", str(first), "--patients", "10", "--sessions", "5")
    assert run(capsys, "export", "--db", str(first), "--out", str(tmp_path / "a.json"))[0] == 0
    code, out, _ = run(capsys, "import", "--db", str(second), str(tmp_path / "a.json"))
    assert code == 0
    assert "imported 10 patients" in out
    run(capsys, "export", "--db", str(second), "--out", str(tmp_path / "b.json"))
    a = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    b = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert a["format"] == "cst-notes"
    assert a["patients"] == b["patients"]


def test_export_of_one_patient(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "a.sqlite"
    run(capsys, "demo", "--db", str(db), "--patients", "4", "--sessions", "2")
    run(capsys, "export", "--db", str(db), "--out", str(tmp_path / "one.json"), "--patient", "2")
    assert len(json.loads((tmp_path / "one.json").read_text(encoding="utf-8"))["patients"]) == 1
    code, _, err = run(capsys, "export", "--db", str(db), "--out", str(tmp_path / "x.json"), "--patient", "99")
    assert code == 1
    assert "no patient with id 99" in err
    assert not (tmp_path / "x.json").exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{not json", "not a JSON file"),
        (
            '{"format": "cst-notes", "format_version": 1, "exported_at": "2026-01-01T00:00:00Z", '
            '"patients": [{"full_name": "", "birth_date": "1980-01-01"}]}',
            "patients[0].full_name: must not be empty",
        ),
        ('{"format": "other"}', 'format: must be "cst-notes"'),
    ],
)
def test_a_bad_import_file_is_refused_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, words: str
) -> None:
    db = tmp_path / "a.sqlite"
    run(capsys, "demo", "--db", str(db), "--patients", "2", "--sessions", "1")
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "import", "--db", str(db), str(bad))
    assert code == 1
    assert out == ""
    assert words in err
    assert "Traceback" not in err
    assert query(db, "SELECT count(*) FROM patients") == [(2,)]


@pytest.mark.parametrize("command", [None, *cli.COMMANDS])
def test_every_command_explains_itself(command: str | None, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--help"] if command is None else [command, "--help"]
    with pytest.raises(SystemExit) as exit_:
        app.main(argv)
    out = capsys.readouterr().out
    assert exit_.value.code == 0
    assert ("--server" if command == "clinic" else "--db") in out  # clinic's actions name the server
    if command is None:
        assert all(name in out for name in cli.COMMANDS)
        assert "--screenshot" in out


def test_a_wrong_option_is_a_usage_error_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        app.main(["demo", "--db", "x.sqlite", "--patients", "many"])
    assert exit_.value.code == 2
    assert "'many' is not a whole number" in capsys.readouterr().err


def _python(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=REPO, env=env, timeout=120, check=False
    )


def _without_display(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}}
    return env | {"XDG_DATA_HOME": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}


def _offscreen_hint(stderr: str) -> str:
    assert stderr.strip().count("\n") == 0, stderr
    assert "no display" in stderr
    return stderr.split("without a screen: ", 1)[1].strip()


def test_without_a_display_the_app_says_so_in_one_line(tmp_path: Path) -> None:
    result = _python("main.py", "--db", str(tmp_path / "x.sqlite"), env=_without_display(tmp_path))
    assert result.returncode == app.NO_DISPLAY_STATUS
    hint = _offscreen_hint(result.stderr)
    assert hint.startswith("QT_QPA_PLATFORM=offscreen ")
    assert f"--db {tmp_path / 'x.sqlite'}" in hint


def test_make_run_without_a_display_gives_a_command_that_works(tmp_path: Path) -> None:
    """From a checkout `cst-notes` is not on PATH: the hint names the command that is, and make
    itself does not fail (issue 14, item 17)."""
    result = subprocess.run(
        ["make", "-s", "--no-print-directory", "run", f"ARGS=--db {tmp_path / 'clinic.sqlite'}"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=_without_display(tmp_path),
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Error" not in result.stderr
    hint = _offscreen_hint(result.stderr)
    shot_png = tmp_path / "shot.png"
    shot = subprocess.run(
        hint.replace("shot.png", str(shot_png)),
        shell=True,
        cwd=REPO,
        env=_without_display(tmp_path) | {"HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert shot.returncode == 0, shot.stderr
    assert shot_png.read_bytes().startswith(b"\x89PNG")


def test_the_commands_work_without_qt_installed(tmp_path: Path) -> None:
    """Like napari's no-Qt run: everything outside the GUI works when PySide6 cannot be imported."""
    db = tmp_path / "noqt.sqlite"
    script = (
        "import sys; sys.modules['PySide6'] = None\n"
        "from cst_notes.app import main\n"
        f"assert main(['demo', '--db', {str(db)!r}, '--patients', '3', '--sessions', '2']) == 0\n"
        f"raise SystemExit(main(['check', '--db', {str(db)!r}]))\n"
    )
    result = _python("-c", script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-2] == "ok"


def test_python_dash_m_runs_the_same_program() -> None:
    result = _python("-m", "cst_notes", "--version")
    assert result.returncode == 0
    assert result.stdout.startswith("cst-notes ")
