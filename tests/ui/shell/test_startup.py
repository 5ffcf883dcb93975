"""Start-up: the passphrase of an encrypted database is asked for; a damaged one is replaced by
the newest good backup only when the person agrees, and never deleted."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pytestqt.qtbot import QtBot

from cst_notes.services import Services, encrypt_database
from cst_notes.ui.shell.startup import BackgroundCheckWatcher, open_interactively


@dataclass
class FakePrompts:
    passphrases: list[str | None] = field(default_factory=list)
    accept_backup: bool = True
    asked: list[str] = field(default_factory=list)
    offered: list[Path | None] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def passphrase(self, path: Path, retry: bool) -> str | None:
        self.asked.append("retry" if retry else "first")
        return self.passphrases.pop(0) if self.passphrases else None

    def practitioner(self, path: Path, problem: tuple[str, str] | None, name: str) -> tuple[str, str] | None:
        raise AssertionError("a database without a keyring asks for no practitioner")

    def offer_backup(self, path: Path, problem: str, backup: Path | None) -> bool:
        self.offered.append(backup)
        return self.accept_backup

    def error(self, message: str) -> None:
        self.errors.append(message)


def make_clinic(db_path: Path) -> Path:
    services = Services.open(db_path)
    services.create_demo_clinic(3, 2)
    backup = services.back_up_now()
    services.close()
    return backup


def test_a_plain_database_opens_without_questions(db_path: Path) -> None:
    make_clinic(db_path)
    prompts = FakePrompts()
    services = open_interactively(db_path, prompts)
    assert services is not None
    assert services.counts()["patients"] == 3
    assert prompts.asked == []
    assert prompts.errors == []
    services.close()


def test_an_encrypted_database_asks_until_the_passphrase_is_right(db_path: Path) -> None:
    make_clinic(db_path)
    encrypt_database(db_path, "right one")
    prompts = FakePrompts(passphrases=["wrong", "right one"])
    services = open_interactively(db_path, prompts)
    assert services is not None
    assert services.counts()["patients"] == 3
    assert prompts.asked == ["first", "retry"]
    services.close()


def test_cancelling_the_passphrase_opens_nothing(db_path: Path) -> None:
    make_clinic(db_path)
    encrypt_database(db_path, "secret")
    assert open_interactively(db_path, FakePrompts(passphrases=[None])) is None


def test_a_damaged_database_is_replaced_by_the_newest_good_backup(db_path: Path) -> None:
    backup = make_clinic(db_path)
    db_path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 8192)
    prompts = FakePrompts(accept_backup=True)
    services = open_interactively(db_path, prompts)
    assert prompts.offered == [backup]
    assert services is not None
    assert services.counts()["patients"] == 3
    services.close()
    [aside] = db_path.parent.glob("clinic.damaged-*.sqlite")
    assert aside.read_bytes().startswith(b"SQLite format 3\x00" + b"\x13")


def test_declining_the_backup_leaves_the_damaged_file_as_it_was(db_path: Path) -> None:
    make_clinic(db_path)
    damaged = b"SQLite format 3\x00" + b"\x13" * 8192
    db_path.write_bytes(damaged)
    assert open_interactively(db_path, FakePrompts(accept_backup=False)) is None
    assert db_path.read_bytes() == damaged


def _scribble_over_the_last_pages(db_path: Path, pages: int = 3) -> None:
    data = bytearray(db_path.read_bytes())
    data[-pages * 4096 :] = b"\xff" * (pages * 4096)
    db_path.write_bytes(bytes(data))


def _big_clinic_with_a_backup(db_path: Path) -> Path:
    services = Services.open(db_path)
    services.create_demo_clinic(30, 6)
    backup = services.back_up_now()
    services.close()
    return backup


def test_damage_found_after_the_window_opened_offers_the_backup(qtbot: QtBot, db_path: Path) -> None:
    """The check runs while the window opens; when it finds damage the person is offered the newest
    good backup, and agreeing asks the app to restore it."""
    backup = _big_clinic_with_a_backup(db_path)
    _scribble_over_the_last_pages(db_path)
    prompts = FakePrompts()
    services = open_interactively(db_path, prompts, background=True)
    assert services is not None
    assert prompts.offered == []
    watcher = BackgroundCheckWatcher(services, db_path, prompts)
    try:
        with qtbot.waitSignal(watcher.restore_wanted, timeout=20_000) as signal:
            pass
        assert signal.args == [backup]
        assert prompts.offered == [backup]
        assert watcher.problems
    finally:
        services.close()


def test_declining_the_backup_says_nothing_can_be_saved(qtbot: QtBot, db_path: Path) -> None:
    _big_clinic_with_a_backup(db_path)
    _scribble_over_the_last_pages(db_path)
    prompts = FakePrompts(accept_backup=False)
    services = open_interactively(db_path, prompts, background=True)
    assert services is not None
    watcher = BackgroundCheckWatcher(services, db_path, prompts)
    try:
        with qtbot.waitSignal(watcher.damaged, timeout=20_000) as signal:
            pass
        assert "Nothing can be saved" in signal.args[0]
    finally:
        services.close()


def test_a_healthy_file_passes_quietly(qtbot: QtBot, db_path: Path) -> None:
    make_clinic(db_path)
    prompts = FakePrompts()
    services = open_interactively(db_path, prompts, background=True)
    assert services is not None
    watcher = BackgroundCheckWatcher(services, db_path, prompts)
    try:
        qtbot.waitUntil(lambda: watcher.problems is not None, timeout=20_000)
        assert watcher.problems == []
        assert prompts.offered == []
        assert prompts.errors == []
    finally:
        services.close()
