"""Encryption with the database key wrapped once per practitioner (``domain.database_keys``).

The owner turns it on from the app (``encrypt_with_practitioners``): a random key encrypts the
database and every copy the app made of it, and the keyring beside it (``storage.keyring``) holds
the key wrapped to each practitioner with a passphrase. Each opens the database with their own
name and passphrase (``unlock``); adding a practitioner, or a new passphrase or key, updates their
entry; disabling one re-keys the database and its copies for everyone left (``rekey``).

A re-key is crash-safe: the keyring first gets the next key's entries beside the current ones
(``pending``), then the database and the copies are re-keyed (each in one SQLCipher transaction),
then the keyring drops the old generation. A crash at any point leaves a database that one of the
two keys opens; ``unlock`` tries both and the next opening finishes the re-key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from cst_notes.domain import access
from cst_notes.domain import database_keys as K
from cst_notes.domain.practitioner import Practitioner
from cst_notes.domain.validation import FieldError, ValidationError
from cst_notes.services.base import Changed, requires
from cst_notes.services.practitioners import PractitionerServices
from cst_notes.storage import database, encryption, keyring
from cst_notes.storage import practitioners as P
from cst_notes.storage.database import StorageError


def _refused(field_name: str, message: str) -> ValidationError:
    return ValidationError([FieldError(field_name, message)])


def database_key_of(key: str) -> bytes:
    """The 32 bytes of a raw SQLCipher key string ``x'…'``."""
    return bytes.fromhex(key[2:-1])


def has_keyring(db_path: Path) -> bool:
    """Whether the database beside it is opened with a practitioner's name and passphrase."""
    return keyring.has_keyring(db_path)


@dataclass(frozen=True)
class Unlocked:
    """What a practitioner's passphrase unlocked: the key of each generation they hold an entry in."""

    current: str | None
    pending: str | None = None


def unlock(db_path: Path, name: str, passphrase: str) -> Unlocked:
    """The database keys ``name``'s passphrase unlocks from the keyring beside ``db_path``.

    ValidationError naming ``name`` (no entry of theirs: not a practitioner here, disabled, or
    without a passphrase) or ``passphrase`` (it does not unlock their entry). Nothing is written."""
    ring = keyring.read(db_path)
    who = K.nfc(name)
    found: dict[int, str] = {}
    held = False
    for generation in ring.generations():
        entry = generation.entries.get(who)
        if entry is None:
            continue
        held = True
        try:
            found[generation.number] = K.sqlcipher_key(K.unwrap(entry, passphrase, ring.id, generation.number))
        except K.CannotUnlockError:
            continue
    if not held:
        raise _refused("name", f"{who or 'an empty name'} holds no key to this database")
    if not found:
        raise _refused("passphrase", f"is not {who}'s passphrase; the database was not opened")
    pending = found.get(ring.pending.number) if ring.pending is not None else None
    if ring.pending is not None and pending is None:
        raise _refused("name", f"{who}'s access to this database has been removed")
    return Unlocked(found.get(ring.current.number), pending)


@dataclass(frozen=True)
class EncryptionDone:
    """What turning encryption on (or a re-key) did: the files encrypted (or re-keyed), the
    practitioners who hold a key, those left without one (no passphrase), and the app's own copies
    it could not encrypt, with why."""

    files: list[Path]
    holders: list[str]
    without_key: list[str] = field(default_factory=list)
    left: list[tuple[Path, str]] = field(default_factory=list)


class EncryptionServices(PractitionerServices):
    """Encryption with the database key wrapped per practitioner."""

    @classmethod
    def open_as(cls, path: str | Path, name: str, passphrase: str, **options: Any) -> Self:
        """Open an encrypted database with a keyring as practitioner ``name``, and sign them in with the
        same passphrase (one prompt for both). A re-key a crash interrupted is finished first."""
        path = Path(path)
        keys = unlock(path, name, passphrase)
        opened: Self | None = None
        error: StorageError | None = None
        for key in (keys.current, keys.pending):
            if key is None:
                continue
            try:
                opened = cls.open(path, key=key, **options)
                break
            except database.WrongPassphraseError as exc:
                error = exc
        if opened is None:
            raise error or database.WrongPassphraseError(f"no key in the keyring opens {path}")
        try:
            if keyring.read(path).pending is not None:
                opened._finish_rekey(keys)
            opened.sign_in(name, passphrase)
        except BaseException:
            opened.close()
            raise
        return opened

    @property
    def keyring_encrypted(self) -> bool:
        """Whether the database is encrypted with a key wrapped per practitioner."""
        return self._path is not None and self._key is not None and keyring.has_keyring(self._path)

    def key_holders(self) -> list[str]:
        """The practitioners who hold a key to the encrypted database."""
        if not self.keyring_encrypted or self._path is None:
            return []
        return sorted(keyring.read(self._path).current.entries)

    def encryption_plan(self) -> tuple[list[str], list[str]]:
        """Who would hold a key if the database were encrypted now, and the active practitioners who
        would not (they have no passphrase)."""
        holders, without = [], []
        for p in P.practitioners(self._db):
            if p.active and p.signs_here and p.has_passphrase:
                holders.append(p.name)
            elif p.active:
                without.append(p.name)
        return holders, without

    def _entries(self, database_key: bytes, ring_id: str, generation: int) -> tuple[dict[str, K.Entry], list[str]]:
        entries, without = {}, []
        for p in P.practitioners(self._db):
            entry = self._entry_of(p, database_key, ring_id, generation)
            if entry is not None:
                entries[entry.name] = entry
            elif p.active:
                without.append(p.name)
        return entries, without

    def _entry_of(self, p: Practitioner, database_key: bytes, ring_id: str, generation: int) -> K.Entry | None:
        if not p.active or p.id is None or not p.signs_here or not p.has_passphrase:
            return None
        sealed = P.sealed_key(self._db, p.id)
        if sealed is None or not sealed[1].protected:
            return None
        return K.new_entry(database_key, p.name, sealed[0], bytes.fromhex(p.public_key), sealed[1], ring_id, generation)

    def encrypt_with_practitioners(self) -> EncryptionDone:
        """Encrypt the database and the app's copies of it with a new random key, wrapped to every
        active practitioner with a passphrase (the owner only, signed in). The keyring is written
        first: a crash before the database is encrypted leaves it plain, and it opens as before."""
        self._require(access.Can.MANAGE_PRACTICE)
        if self._path is None:
            raise StorageError("a database in memory cannot be encrypted")
        if self._key is not None:
            raise StorageError(f"{self._path} is encrypted already")
        path = self._path
        database_key = K.new_database_key()
        ring = keyring.new_keyring()
        entries, without = self._entries(database_key, ring.id, ring.current.number)
        if not entries:
            raise _refused(
                "practitioners", "no active practitioner has a passphrase: set one first, or nobody could open the file"
            )
        key = K.sqlcipher_key(database_key)
        keyring.write(path, keyring.Keyring(ring.id, keyring.Generation(ring.current.number, entries)))
        self._reopen_after(lambda: encryption.encrypt_database(path, key), key)
        report = self._last_report
        return EncryptionDone(report.encrypted, sorted(entries), without, report.left_plain)

    _last_report: encryption.EncryptionReport

    def _reopen_after(self, work: Any, key: str) -> None:
        """Close the connection, do ``work`` on the file, and open it again with ``key`` (who is
        signed in stays so). If ``work`` fails, the file is opened again as it was."""
        assert self._path is not None
        if self._check is not None:
            self._check.wait()
        old_key = self._key
        self._db.close()
        try:
            self._last_report = work()
        except BaseException:
            self._db = database.open_database(self._path, key=old_key)
            raise
        self._db = database.open_database(self._path, key=key)
        self._key, self._check, self._writable = key, None, True

    # --- practitioners' entries follow their keys ----------------------------------------------

    def _update_entry(self, name: str) -> None:
        """After ``name``'s key changed (added, a new passphrase, a new key): their entry is made
        again from their current sealed key, or removed when they have no passphrase now."""
        if not self.keyring_encrypted or self._path is None or self._key is None:
            return
        ring = keyring.read(self._path)
        found = P.by_name(self._db, name.strip())
        entry = None
        if found is not None:
            entry = self._entry_of(found, database_key_of(self._key), ring.id, ring.current.number)
        entries = dict(ring.current.entries)
        entries.pop(K.nfc(name), None)
        if entry is not None:
            entries[entry.name] = entry
        keyring.write(self._path, keyring.Keyring(ring.id, keyring.Generation(ring.current.number, entries)))

    def add_practitioner(self, practitioner: Practitioner, passphrase: str | None = None) -> Changed:
        changed = super().add_practitioner(practitioner, passphrase)
        self._update_entry(practitioner.name)
        return changed

    def set_passphrase(self, name: str, old: str, new: str, *, new_key: bool = False) -> Changed:
        changed = super().set_passphrase(name, old, new, new_key=new_key)
        self._update_entry(name)
        return changed

    def disable_practitioner(self, name: str) -> Changed:
        """Disable them and, in an encrypted practice, re-key the database so their entry (and any
        copy of the keyring they kept) no longer opens it."""
        changed = super().disable_practitioner(name)
        if self.keyring_encrypted:
            self.rekey()
        return changed

    def enable_practitioner(self, name: str) -> Changed:
        """Enable them again and, in an encrypted practice, wrap the database key for them again."""
        changed = super().enable_practitioner(name)
        self._update_entry(name)
        return changed

    # --- re-keying -------------------------------------------------------------------------------

    @requires(access.Can.MANAGE_PRACTICE)
    def rekey(self) -> EncryptionDone:
        """A new database key for the database and its copies, wrapped to every active practitioner
        with a passphrase; the old key opens nothing afterwards."""
        return self._rekey()

    def _rekey(self) -> EncryptionDone:
        """``rekey``, also run on opening (by whoever opens) to finish one a crash interrupted."""
        if not self.keyring_encrypted or self._path is None or self._key is None:
            raise StorageError("the database is not encrypted with practitioners' keys")
        ring = keyring.read(self._path)
        if ring.pending is not None:  # an earlier re-key was interrupted: start a fresh one
            ring = keyring.Keyring(ring.id, ring.current)
        new_key = K.new_database_key()
        entries, without = self._entries(new_key, ring.id, ring.current.number + 1)
        if not entries:
            raise _refused("practitioners", "no active practitioner with a passphrase would be left to open the file")
        pending = keyring.Generation(ring.current.number + 1, entries)
        keyring.write(self._path, keyring.Keyring(ring.id, ring.current, pending))  # step 1
        old, new = self._key, K.sqlcipher_key(new_key)
        self._rekey_database(new)  # step 2
        files, left = self._rekey_copies(old, new)  # step 3
        keyring.write(self._path, keyring.Keyring(ring.id, pending))  # step 4
        return EncryptionDone([self._path, *files], sorted(entries), without, left)

    def _rekey_database(self, new: str) -> None:
        """PRAGMA rekey rewrites every page under the new key in one transaction (a crash: the old
        key still opens it); the checkpoint then moves the pages from the write-ahead log into the file."""
        self._wait_for_check()
        self._db.execute(f"PRAGMA rekey = {database.quote_key(new)}")
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._key = new

    def _rekey_copies(self, old: str, new: str) -> tuple[list[Path], list[tuple[Path, str]]]:
        assert self._path is not None
        done, left = [], []
        for copy in encryption.own_copies(self._path):
            if not database.looks_encrypted(copy):
                left.append((copy, "it is a plain file"))
                continue
            try:
                if encryption.rekey_file(copy, old, new):
                    done.append(copy)
            except StorageError as exc:
                left.append((copy, str(exc)))
        return done, left

    def _finish_rekey(self, keys: Unlocked) -> None:
        """Finish a re-key a crash interrupted: opened with the next key, the copies still under the
        old one are re-keyed and the keyring drops the old generation; opened with the old key (the
        crash came before the database was re-keyed), a fresh re-key runs."""
        assert self._path is not None
        ring = keyring.read(self._path)
        if ring.pending is None:
            return
        if keys.pending is None or self._key != keys.pending or keys.current is None:
            self._rekey()
            return
        self._rekey_copies(keys.current, keys.pending)
        keyring.write(self._path, keyring.Keyring(ring.id, ring.pending))
