"""``cst-notes practitioner add|list|disable|passphrase``, as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from cst_notes.domain import keys
from cst_notes.services import Services
from tests.cli.test_cli import run

ANITA = "Anita Bose"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)
    monkeypatch.delenv("CST_NOTES_PASSPHRASE", raising=False)
    monkeypatch.delenv("CST_NOTES_NEW_PASSPHRASE", raising=False)


def test_add_list_disable(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "c.sqlite")
    monkeypatch.setenv("CST_NOTES_PASSPHRASE", "s3cret words")
    monkeypatch.setenv("CST_NOTES_USER", "Front Office PC")
    code, out, err = run(capsys, "practitioner", "add", "--db", db, ANITA, "--role", "owner", "--credentials", "RCST")
    assert (code, err, out) == (0, "", "added Anita Bose (Owner) with a signing key\n")
    monkeypatch.setenv("CST_NOTES_USER", ANITA)  # from now on the practice has a passphrase: the owner acts
    code, out, _ = run(capsys, "practitioner", "add", "--db", db, "রাহুল মেহতা", "--no-passphrase")
    assert code == 0
    assert "signature proves only that the note was signed on a machine holding the database file" in out
    code, out, _ = run(capsys, "practitioner", "disable", "--db", db, "রাহুল মেহতা")
    assert code == 0
    code, out, _ = run(capsys, "practitioner", "list", "--db", db)
    [anita, rahul] = [line.split("\t") for line in out.splitlines()]
    assert (anita[:3], anita[3].endswith("(passphrase)"), anita[4]) == ([ANITA, "Owner", "active"], True, "RCST")
    assert (rahul[:3], rahul[3].endswith("(no passphrase)")) == (["রাহুল মেহতা", "Therapist", "disabled"], True)
    services = Services.open(db)
    try:
        services.sign_in(ANITA, "s3cret words")
        actors = [e.actor for e in reversed(services.history()) if e.entity == "practitioner"]
        assert actors == ["Front Office PC", ANITA, ANITA]  # the first added before anyone could sign in
    finally:
        services.close()


def test_a_wrong_current_passphrase_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "c.sqlite")
    monkeypatch.setenv("CST_NOTES_PASSPHRASE", "s3cret words")
    run(capsys, "practitioner", "add", "--db", db, ANITA)
    monkeypatch.setenv("CST_NOTES_USER", ANITA)
    _, before, _ = run(capsys, "practitioner", "list", "--db", db)
    monkeypatch.setenv("CST_NOTES_PASSPHRASE", "not it")
    monkeypatch.setenv("CST_NOTES_NEW_PASSPHRASE", "new words")
    code, out, err = run(capsys, "practitioner", "passphrase", "--db", db, ANITA)
    assert (code, out) == (1, "")
    assert "passphrase: is not Anita Bose's passphrase" in err  # refused as she signs in
    assert "nothing was changed" in err
    monkeypatch.setenv("CST_NOTES_PASSPHRASE", "s3cret words")
    code, out, _ = run(capsys, "practitioner", "passphrase", "--db", db, ANITA)
    assert (code, out) == (0, "Anita Bose: a new passphrase\n")
    monkeypatch.setenv("CST_NOTES_PASSPHRASE", "new words")  # she signs in with her new one
    _, after, _ = run(capsys, "practitioner", "list", "--db", db)
    assert after == before  # the same key


def test_without_a_terminal_or_the_variable_it_says_how(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.sqlite"
    code, _, err = run(capsys, "practitioner", "add", "--db", str(db), ANITA)
    assert code == 1
    assert "set CST_NOTES_PASSPHRASE, or run this in a terminal" in err
    assert "nothing was changed" in err
    assert not db.exists()
