"""The CLI acts as a signed-in practitioner once the practice has practitioners (issue 15):
CST_NOTES_USER names them, their passphrase comes from CST_NOTES_PASSPHRASE (or a prompt), and
each role may do on the command line what it may do in the app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cst_notes.domain import keys
from cst_notes.services import Services
from tests.cli.test_cli import run
from tests.services.test_roles import DESK, OWNER, SECRETS, THERAPIST, Clinic, make_clinic


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)
    for name in ("CST_NOTES_PASSPHRASE", "CST_NOTES_NEW_PASSPHRASE", "CST_NOTES_USER"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def clinic(tmp_path: Path) -> Clinic:
    made = make_clinic(tmp_path / "clinic.sqlite")
    made.services.close()  # the commands open it themselves
    return made


def as_(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("CST_NOTES_USER", name)
    monkeypatch.setenv("CST_NOTES_PASSPHRASE", SECRETS[name])


def db_of(c: Clinic) -> str:
    assert c.services.path is not None
    return str(c.services.path)


def practitioners_of(path: str) -> list[tuple[str, bool]]:
    services = Services.open(path)
    try:
        services.sign_in(OWNER, SECRETS[OWNER])
        return [(p.name, p.active) for p in services.practitioners()]
    finally:
        services.close()


def test_without_cst_notes_user_a_practice_with_practitioners_says_how_and_exits_2(
    clinic: Clinic, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "all.json"
    code, printed, err = run(capsys, "export", "--db", db_of(clinic), "--out", str(out))
    assert (code, printed) == (2, "")
    assert "set CST_NOTES_USER" in err
    assert "nothing was changed" in err
    assert not out.exists()


def test_a_wrong_name_or_passphrase_is_refused_naming_the_field(
    clinic: Clinic, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CST_NOTES_USER", "Nobody Here")
    code, _, err = run(capsys, "retention", "--db", db_of(clinic))
    assert code == 1
    assert "name: Nobody Here is not a practitioner here" in err
    monkeypatch.setenv("CST_NOTES_USER", THERAPIST)
    monkeypatch.setenv("CST_NOTES_PASSPHRASE", "not it")
    code, _, err = run(capsys, "retention", "--db", db_of(clinic))
    assert code == 1
    assert f"passphrase: is not {THERAPIST}'s passphrase" in err


def test_the_front_desk_cannot_export_records_but_prints_a_signed_sessions_summary(
    clinic: Clinic, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    as_(monkeypatch, DESK)
    out = tmp_path / "all.json"
    code, _, err = run(capsys, "export", "--db", db_of(clinic), "--out", str(out))
    assert code == 1
    assert "the front desk role may not export records" in err
    assert not out.exists()
    code, _, err = run(
        capsys, "export-pdf", "--db", db_of(clinic), "--patient", "1", "--kind", "progress", "--out", str(out)
    )
    assert (code, out.exists()) == (1, False)
    assert "may not read clinical notes" in err
    summary = tmp_path / "summary.pdf"
    code, _, err = run(
        capsys, "export-pdf", "--db", db_of(clinic), "--patient", "1", "--kind", "summary", "--out", str(summary)
    )
    assert (code, err) == (0, "")
    assert summary.read_bytes().startswith(b"%PDF")
    code, _, err = run(
        capsys, "export-pdf", "--db", db_of(clinic), "--patient", "1", "--kind", "summary",
        "--session", str(clinic.draft_id), "--out", str(tmp_path / "draft.pdf"),
    )  # fmt: skip
    assert code == 1
    assert f"--session {clinic.draft_id} is not a signed session" in err


def test_an_export_by_another_practitioner_leaves_the_private_notes_out(
    clinic: Clinic, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    as_(monkeypatch, OWNER)
    out = tmp_path / "all.json"
    code, _, err = run(capsys, "export", "--db", db_of(clinic), "--out", str(out))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "grief" not in text
    assert json.loads(text)["withheld"]["fields"] == ["sessions.private_notes"]
    as_(monkeypatch, THERAPIST)
    code, _, err = run(capsys, "export", "--db", db_of(clinic), "--out", str(out))
    assert code == 0, err
    assert "grief" in out.read_text(encoding="utf-8")  # the author's own export has them


def test_only_the_owner_manages_practitioners_and_backups(
    clinic: Clinic, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = db_of(clinic)
    for who in (THERAPIST, DESK):
        as_(monkeypatch, who)
        monkeypatch.setenv("CST_NOTES_NEW_PASSPHRASE", "new person's")
        code, _, err = run(capsys, "practitioner", "add", "--db", db, "New Person")
        assert code == 1
        assert "may not manage the practice" in err
        code, _, err = run(capsys, "practitioner", "disable", "--db", db, OWNER)
        assert code == 1
        assert "may not manage the practice" in err
        code, _, err = run(capsys, "backup", "--db", db, "--out", str(tmp_path / "b.sqlite"))
        assert code == 1
        assert "may not manage the practice" in err
        code, _, err = run(capsys, "encrypt", "--db", db)
        assert code == 1
        assert "may not manage the practice; nothing was changed" in err
    assert not (tmp_path / "b.sqlite").exists()
    assert (OWNER, True) in practitioners_of(db)
    assert "New Person" not in dict(practitioners_of(db))
    as_(monkeypatch, OWNER)
    code, _, err = run(capsys, "practitioner", "add", "--db", db, "New Person")
    assert code == 0, err
    assert ("New Person", True) in practitioners_of(db)


def test_any_practitioner_changes_their_own_passphrase_not_anothers(
    clinic: Clinic, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = db_of(clinic)
    as_(monkeypatch, DESK)
    monkeypatch.setenv("CST_NOTES_NEW_PASSPHRASE", "desk's new words")
    code, _, err = run(capsys, "practitioner", "passphrase", "--db", db, THERAPIST, "--new-key")
    assert code == 1
    assert "may not manage the practice" in err
    code, out, err = run(capsys, "practitioner", "passphrase", "--db", db, DESK)
    assert (code, out) == (0, f"{DESK}: a new passphrase\n"), err
    services = Services.open(db)
    try:
        assert services.sign_in(DESK, "desk's new words").name == DESK
    finally:
        services.close()
