"""``cst-notes encrypt`` in a practice with practitioners (issue 15): the owner's own name and
passphrase (CST_NOTES_USER, CST_NOTES_PASSPHRASE) encrypt it with the key wrapped per practitioner,
and then open it for every command: one passphrase per person, no clash with a shared one."""

from __future__ import annotations

from pathlib import Path

import pytest

from cst_notes.domain import keys
from cst_notes.storage import database, keyring
from tests.cli.test_cli import run

OWNER, OWNER_SECRET = "Anita Bose", "অনিতার কথা"
THERAPIST, THERAPIST_SECRET = "Rahul Mehta", "rahul's words"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)
    monkeypatch.delenv("CST_NOTES_PASSPHRASE", raising=False)
    monkeypatch.delenv("CST_NOTES_USER", raising=False)
    monkeypatch.delenv("CST_NOTES_NEW_PASSPHRASE", raising=False)


def as_(monkeypatch: pytest.MonkeyPatch, name: str, secret: str) -> None:
    monkeypatch.setenv("CST_NOTES_USER", name)
    monkeypatch.setenv("CST_NOTES_PASSPHRASE", secret)


def test_the_owner_encrypts_and_each_practitioner_uses_their_own_passphrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "c.sqlite"
    as_(monkeypatch, OWNER, OWNER_SECRET)
    assert run(capsys, "practitioner", "add", "--db", str(db), OWNER, "--role", "owner")[0] == 0
    monkeypatch.setenv("CST_NOTES_NEW_PASSPHRASE", THERAPIST_SECRET)  # the owner, signed in, adds them
    assert run(capsys, "practitioner", "add", "--db", str(db), THERAPIST, "--role", "therapist")[0] == 0
    as_(monkeypatch, THERAPIST, THERAPIST_SECRET)
    code, _, err = run(capsys, "encrypt", "--db", str(db))
    assert code == 1
    assert "manage the practice" in err
    assert not database.looks_encrypted(db)
    as_(monkeypatch, OWNER, OWNER_SECRET)
    code, out, err = run(capsys, "encrypt", "--db", str(db))
    assert (code, err) == (0, "")
    assert f"each opens it with their own name and passphrase: {OWNER}, {THERAPIST}" in out
    assert database.looks_encrypted(db)
    assert keyring.has_keyring(db)
    as_(monkeypatch, THERAPIST, THERAPIST_SECRET)
    code, out, _ = run(capsys, "practitioner", "list", "--db", str(db))
    assert code == 0
    assert [line.split("\t")[0] for line in out.splitlines()] == [OWNER, THERAPIST]
    as_(monkeypatch, THERAPIST, OWNER_SECRET)
    code, out, err = run(capsys, "practitioner", "list", "--db", str(db))
    assert (code, out) == (1, "")
    assert f"passphrase: is not {THERAPIST}'s passphrase" in err
