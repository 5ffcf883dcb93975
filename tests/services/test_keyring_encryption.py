"""Encryption with the database key wrapped once per practitioner (issue 15): each opens the
database with their own passphrase, nobody shares a master password, and removing a practitioner
removes their way in (the database and its copies are re-keyed)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cst_notes.domain import keys
from cst_notes.domain.patient import Patient
from cst_notes.domain.practitioner import Practitioner
from cst_notes.domain.validation import ValidationError
from cst_notes.services import Services, StorageError, WrongPassphraseError
from cst_notes.services.base import NotAllowedError
from cst_notes.storage import database, keyring

OWNER, OWNER_SECRET = "Anita Bose", "অনিতার গোপন কথা"
THERAPIST, THERAPIST_SECRET = "Rahul Mehta", "rahul's own words"
NEWCOMER, NEWCOMER_SECRET = "Zoë Ñúñez", "Zoë's passphrase"
PATIENT = "Ishaan Marwah-Quillfeather"
SQLITE_HEADER = b"SQLite format 3\0"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


def _practice(db_path: Path) -> Services:
    """A plain practice: an owner and a therapist with passphrases, a patient and a backup."""
    services = Services.open(db_path)
    services.add_practitioner(Practitioner(OWNER, "owner", "RCST"), OWNER_SECRET)
    services.sign_in(OWNER, OWNER_SECRET)
    services.add_practitioner(Practitioner(THERAPIST, "therapist"), THERAPIST_SECRET)
    services.create_patient(Patient(PATIENT, dt.date(1980, 5, 1)))
    services.back_up_now()
    return services


@pytest.fixture
def encrypted(db_path: Path) -> Iterator[Services]:
    services = _practice(db_path)
    services.encrypt_with_practitioners()
    yield services
    services.close()


def _patients(services: Services) -> list[str]:
    return [s.full_name for s in services.patient_summaries()]


def _files_giving_away(folder: Path) -> list[Path]:
    """Files under ``folder`` with SQLite's plain header or the patient's name in their bytes."""
    return [
        p
        for p in sorted(folder.rglob("*"))
        if p.is_file() and (SQLITE_HEADER in p.read_bytes() or PATIENT.encode() in p.read_bytes())
    ]


def test_each_practitioner_opens_with_their_own_passphrase(db_path: Path, encrypted: Services) -> None:
    encrypted.close()
    for name, secret in ((OWNER, OWNER_SECRET), (THERAPIST, THERAPIST_SECRET)):
        opened = Services.open_as(db_path, name, secret)
        assert opened.sign_in(name, secret).name == name
        assert _patients(opened) == [PATIENT]
        opened.close()
    with pytest.raises(WrongPassphraseError):  # no shared passphrase opens it
        Services.open(db_path, key=OWNER_SECRET)


def test_encrypting_leaves_no_plain_copy_and_keeps_the_keyring_private(db_path: Path, encrypted: Services) -> None:
    encrypted.back_up_now()  # a backup made after encrypting is encrypted too
    encrypted.close()
    assert _files_giving_away(db_path.parent) == []
    ring = keyring.keyring_path(db_path)
    shared = [p for p in db_path.parent.rglob("*") if p.is_file() and p.stat().st_mode & 0o077]
    assert shared == []  # the database, its encrypted backups and the keyring: the owner's only
    assert OWNER_SECRET.encode() not in ring.read_bytes()


def test_a_wrong_passphrase_names_the_field_and_changes_nothing(db_path: Path, encrypted: Services) -> None:
    encrypted.close()
    before = {p: p.read_bytes() for p in db_path.parent.rglob("*") if p.is_file()}
    with pytest.raises(ValidationError) as wrong:
        Services.open_as(db_path, THERAPIST, OWNER_SECRET)
    assert [e.field for e in wrong.value.errors] == ["passphrase"]
    with pytest.raises(ValidationError) as nobody:
        Services.open_as(db_path, "Somebody Else", OWNER_SECRET)
    assert [e.field for e in nobody.value.errors] == ["name"]
    assert {p: p.read_bytes() for p in db_path.parent.rglob("*") if p.is_file()} == before


def test_a_practitioner_added_later_gets_their_own_way_in(db_path: Path, encrypted: Services) -> None:
    encrypted.add_practitioner(Practitioner(NEWCOMER, "therapist"), NEWCOMER_SECRET)
    encrypted.close()
    opened = Services.open_as(db_path, NEWCOMER, NEWCOMER_SECRET)
    assert _patients(opened) == [PATIENT]
    opened.close()


def test_a_new_passphrase_replaces_the_old_one_for_the_database_too(db_path: Path, encrypted: Services) -> None:
    encrypted.sign_in(THERAPIST, THERAPIST_SECRET)
    encrypted.set_passphrase(THERAPIST, THERAPIST_SECRET, "a new passphrase")
    encrypted.close()
    with pytest.raises(ValidationError) as old:
        Services.open_as(db_path, THERAPIST, THERAPIST_SECRET)
    assert [e.field for e in old.value.errors] == ["passphrase"]
    opened = Services.open_as(db_path, THERAPIST, "a new passphrase")
    assert _patients(opened) == [PATIENT]
    opened.close()


def test_a_practitioner_enabled_again_opens_the_practice_again_and_only_the_owner_may_enable(
    db_path: Path, encrypted: Services
) -> None:
    encrypted.disable_practitioner(THERAPIST)
    encrypted.enable_practitioner(THERAPIST)
    assert THERAPIST in keyring.read(db_path).current.entries  # the key wrapped for them again
    encrypted.close()
    opened = Services.open_as(db_path, THERAPIST, THERAPIST_SECRET)
    assert _patients(opened) == [PATIENT]
    with pytest.raises(NotAllowedError, match="therapist role may not manage the practice"):
        opened.enable_practitioner(THERAPIST)
    with pytest.raises(NotAllowedError, match="therapist role may not manage the practice"):
        opened.rekey()
    opened.close()


def test_a_disabled_practitioners_kept_keyring_opens_neither_the_database_nor_its_backups(
    db_path: Path, encrypted: Services
) -> None:
    ring = keyring.keyring_path(db_path)
    kept = ring.read_bytes()  # the therapist's copy of the keyring, taken while they had access
    backups = [b for _, b in encrypted.backups()]
    old_key = encrypted.passphrase
    encrypted.disable_practitioner(THERAPIST)
    new_key = encrypted.passphrase
    assert new_key != old_key
    assert _patients(encrypted) == [PATIENT]  # the open window goes on with the new key
    encrypted.close()
    assert THERAPIST not in keyring.read(db_path).current.entries
    ring.write_bytes(kept)
    with pytest.raises(WrongPassphraseError):
        Services.open_as(db_path, THERAPIST, THERAPIST_SECRET)  # the old key it unwraps opens nothing now
    for backup in backups:
        with pytest.raises(WrongPassphraseError):
            database.open_database(backup, migrate=False, create=False, key=old_key, check="none").close()
        reopened = database.open_database(backup, migrate=False, create=False, key=new_key, check="none")
        reopened.close()


def test_only_the_owner_turns_encryption_on(db_path: Path) -> None:
    services = _practice(db_path)
    services.sign_in(THERAPIST, THERAPIST_SECRET)
    with pytest.raises(PermissionError):
        services.encrypt_with_practitioners()
    services.close()
    assert not database.looks_encrypted(db_path)
    assert not keyring.has_keyring(db_path)


def test_encrypting_needs_a_practitioner_with_a_passphrase(db_path: Path) -> None:
    services = Services.open(db_path)
    services.add_practitioner(Practitioner(OWNER, "owner"), "")  # chose no passphrase
    services.sign_in(OWNER, "")
    with pytest.raises(ValidationError) as refused:
        services.encrypt_with_practitioners()
    assert [e.field for e in refused.value.errors] == ["practitioners"]
    services.close()
    assert not database.looks_encrypted(db_path)


def test_an_encrypted_database_is_not_encrypted_twice(encrypted: Services) -> None:
    with pytest.raises(StorageError):
        encrypted.encrypt_with_practitioners()


# --- a crash in the middle of a re-key ---------------------------------------------------------

CRASH = """
import os, sys
from cst_notes.domain import keys
keys.SCRYPT_N = 2**10
from cst_notes.services import Services
from cst_notes.services import encryption as E
from cst_notes.storage import keyring

step, db = int(sys.argv[1]), sys.argv[2]
writes = 0
real_write = keyring.write
real_rekey, real_copies = E.EncryptionServices._rekey_database, E.EncryptionServices._rekey_copies

def write(path, ring):
    global writes
    real_write(path, ring)
    writes += 1
    if step == 1 and writes == 1:
        os._exit(9)  # the keyring holds both generations; the database still has the old key

def rekey_database(self, new):
    real_rekey(self, new)
    if step == 2:
        os._exit(9)  # the database has the new key; its backups and the keyring are not done

def rekey_copies(self, old, new):
    done = real_copies(self, old, new)
    if step == 3:
        os._exit(9)  # everything re-keyed but the keyring still lists the old generation
    return done

keyring.write = write
E.EncryptionServices._rekey_database = rekey_database
E.EncryptionServices._rekey_copies = rekey_copies
services = Services.open_as(db, sys.argv[3], sys.argv[4])
services.sign_in(sys.argv[3], sys.argv[4])
services.disable_practitioner(sys.argv[5])
os._exit(0)
"""


@pytest.mark.parametrize("step", [1, 2, 3])
def test_a_crash_during_a_re_key_loses_nothing_and_the_next_opening_finishes_it(
    db_path: Path, encrypted: Services, step: int
) -> None:
    kept = keyring.keyring_path(db_path).read_bytes()
    encrypted.close()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    done = subprocess.run(
        [sys.executable, "-c", CRASH, str(step), str(db_path), OWNER, OWNER_SECRET, THERAPIST],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 9, done.stderr.decode()
    opened = Services.open_as(db_path, OWNER, OWNER_SECRET)  # either key: the keyring holds both
    assert _patients(opened) == [PATIENT]
    key = opened.passphrase
    opened.close()
    ring = keyring.read(db_path)
    assert ring.pending is None  # the opening finished the re-key
    assert set(ring.current.entries) == {OWNER}
    backups = sorted((db_path.parent / "backups").glob("*.sqlite"))
    assert backups
    for backup in backups:  # every copy is under the key the keyring holds now
        database.open_database(backup, migrate=False, create=False, key=key, check="none").close()
    keyring.keyring_path(db_path).write_bytes(kept)
    with pytest.raises((WrongPassphraseError, ValidationError)):
        Services.open_as(db_path, THERAPIST, THERAPIST_SECRET)


def test_a_backup_written_elsewhere_takes_the_keyring_along_and_opens_with_it(
    tmp_path: Path, db_path: Path, encrypted: Services
) -> None:
    drive = tmp_path / "usb drive"
    drive.mkdir()
    copy = encrypted.back_up_to(drive)
    encrypted.close()
    assert _files_giving_away(drive) == []
    lost_and_found = tmp_path / "new computer" / "practice.sqlite"  # the database was lost: the copy is all
    lost_and_found.parent.mkdir()
    lost_and_found.write_bytes(copy.read_bytes())
    keyring.keyring_path(lost_and_found).write_bytes(keyring.keyring_path(copy).read_bytes())
    opened = Services.open_as(lost_and_found, THERAPIST, THERAPIST_SECRET)
    assert _patients(opened) == [PATIENT]
    opened.close()
