"""Practitioners: adding, listing and disabling them, and their passphrases and signing keys.

A practitioner's key pair is made when they first set a passphrase (or choose none); a new
passphrase re-seals the same key, a new key (a forgotten passphrase) starts a new one. Either adds a
row to their key history, which is never changed, and an entry to the audit log.
"""

from __future__ import annotations

from dataclasses import replace

from cst_notes.domain import access, keys
from cst_notes.domain import audit as A
from cst_notes.domain import vocabulary as V
from cst_notes.domain.access import Can
from cst_notes.domain.practitioner import Practitioner, practitioner_errors
from cst_notes.domain.settings import ClinicSettings
from cst_notes.domain.validation import FieldError, ValidationError
from cst_notes.services.base import Changed, NotFoundError, RecordKind, ServiceBase, raise_if_invalid, requires
from cst_notes.storage import patients, settings
from cst_notes.storage import practitioners as P
from cst_notes.storage.connection import Database

WRONG_PASSPHRASE = "is not {name}'s passphrase; nothing was changed"


def _wrong(name: str) -> ValidationError:
    return ValidationError([FieldError("passphrase", WRONG_PASSPHRASE.format(name=name))])


def _refused(field: str, message: str) -> ValidationError:
    return ValidationError([FieldError(field, message)])


def signing_key(db: Database, name: str, passphrase: str | None) -> bytes | None:
    """The private key ``name`` signs with, unlocked by ``passphrase``; None when ``name`` is not a
    practitioner with a key and no practitioner has one (signing by a typed name, scheme 2).

    ValidationError: a disabled practitioner, a wrong passphrase, or a practice that signs with keys
    where ``name`` has none."""
    found = P.by_name(db, name)
    if found is not None and not found.active:
        raise _refused("signed_by", f"names {name}, who is disabled and cannot sign")
    if found is not None and found.role not in V.SIGNING_ROLES:
        raise _refused("signed_by", f"names {name}, who is {V.ROLES.label(found.role)}: they do not sign notes")
    sealed = P.sealed_key(db, found.id) if found is not None and found.id is not None else None
    if sealed is None:
        if passphrase is not None:
            raise _refused("signed_by", f"names {name}, who has no signing key here: set a passphrase first")
        if P.any_keys(db):
            have_none = f"this practice signs with practitioners' keys; {name} has none"
            raise _refused("signed_by", f"must name a practitioner with a signing key ({have_none})")
        return None
    key_id, stored = sealed
    if stored.protected and not passphrase:
        raise _refused("passphrase", f"is needed to sign as {name} (they sign with their own key)")
    try:
        return keys.unseal(stored, passphrase or "", key_id)
    except keys.WrongPassphraseError:
        raise _refused("passphrase", f"is not {name}'s passphrase; nothing was signed") from None


class PractitionerServices(ServiceBase):
    """Practitioners and their signing keys; signing in, locking and signing out. Who may sign in,
    and whose names the sign-in and signing dialogs offer, is asked before anyone signs in: those
    methods are open; changing practitioners is the owner's."""

    def sign_in_needed(self) -> bool:
        """Whether the app asks who you are before showing anything (``access.sign_in_needed``)."""
        return access.sign_in_needed(P.practitioners(self._db))

    def sign_in(self, name: str, passphrase: str = "") -> Practitioner:
        """Sign ``name`` in for a sitting: their passphrase unlocks their key, which is kept until they
        lock the screen or sign out. While the screen is locked, only the practitioner who locked it,
        or the owner, may sign in (the owner's sign-in starts a sitting of their own).

        ValidationError (naming ``name`` or ``passphrase``): no such practitioner, disabled, or the
        wrong passphrase; nothing changes then (who was signed in stays so, locked or not)."""
        found = P.by_name(self._db, name.strip())
        if found is None or found.id is None:
            raise _refused("name", f"{name.strip() or 'an empty name'} is not a practitioner here")
        if not found.active:
            raise _refused("name", f"names {found.name}, who is disabled and cannot sign in")
        held = self._signed_in
        if self._locked and held is not None and held.name != found.name and found.role != "owner":
            raise _refused("name", f"the screen was locked by {held.name}: only they or the owner may unlock it")
        private = b""
        sealed = P.sealed_key(self._db, found.id)
        if sealed is not None:
            if sealed[1].protected and not passphrase:
                raise _refused("passphrase", f"is needed to sign in as {found.name}")
            try:
                private = keys.unseal(sealed[1], passphrase, sealed[0])
            except keys.WrongPassphraseError:
                raise _refused("passphrase", f"is not {found.name}'s passphrase") from None
        elif passphrase:
            raise _refused("passphrase", f"is not set for {found.name}: leave it empty, or set one first")
        self._wipe_sitting_key()
        self._signed_in, self._locked = found, False
        self._sitting_key = bytearray(private) if private else None
        return found

    def lock(self) -> None:
        """Lock the screen: the key is wiped from memory; the practitioner stays named as who locked it."""
        self._seal_audit_chain()
        self._wipe_sitting_key()
        self._locked = self._signed_in is not None

    def sign_out(self) -> None:
        self._seal_audit_chain()
        self._wipe_sitting_key()
        self._signed_in, self._locked = None, False

    def practitioners(self) -> list[Practitioner]:
        return P.practitioners(self._db)

    def signers(self) -> list[str]:
        """The names of the practitioners who may sign here now (active, in a role that signs)."""
        return [p.name for p in P.practitioners(self._db) if p.active and p.role in V.SIGNING_ROLES]

    def asks_passphrase(self, name: str) -> bool:
        """Whether signing as ``name`` needs their passphrase: a practitioner whose key is kept here,
        sealed with one."""
        found = P.by_name(self._db, name.strip())
        return found is not None and found.signs_here and found.has_passphrase

    def practitioner(self, name: str) -> Practitioner:
        found = P.by_name(self._db, name.strip())
        if found is None or found.id is None:
            raise NotFoundError(f"there is no practitioner named {name.strip()!r}")
        return found

    @requires(Can.MANAGE_PRACTICE)
    def add_practitioner(self, practitioner: Practitioner, passphrase: str | None = None) -> Changed:
        """Add a practitioner; with ``passphrase`` (an empty one: none, see keys.NO_PASSPHRASE_MEANS)
        their key pair is made at once."""
        p = replace(practitioner, name=practitioner.name.strip(), key_id="", public_key="", has_passphrase=False)
        errors = practitioner_errors(p)
        if not errors and P.by_name(self._db, p.name) is not None:
            errors.append(FieldError("name", f"{p.name} is a practitioner already"))
        raise_if_invalid(errors)
        with self._atomic():
            pid = P.add(self._db, p)
            if passphrase is not None:
                self._new_key(pid, passphrase)
            after = P.by_name(self._db, p.name)
            self._audit(A.CREATE, RecordKind.PRACTITIONER, pid, None, f"practitioner {p.name}", after=after)
        return Changed(frozenset({RecordKind.PRACTITIONER}))

    @requires(Can.MANAGE_PRACTICE)
    def disable_practitioner(self, name: str) -> Changed:
        """From now on they cannot sign; their signatures stay valid."""
        return self._set_active(name, False, "disabled")

    @requires(Can.MANAGE_PRACTICE)
    def enable_practitioner(self, name: str) -> Changed:
        """A disabled practitioner may sign in and sign again (with the key they had)."""
        return self._set_active(name, True, "enabled again")

    def _set_active(self, name: str, active: bool, what: str) -> Changed:
        before = self.practitioner(name)
        assert before.id is not None
        with self._atomic():
            P.set_active(self._db, before.id, active)
            after = P.by_name(self._db, before.name)
            summary = f"practitioner {before.name} {what}"
            self._audit(A.UPDATE, RecordKind.PRACTITIONER, before.id, None, summary, before, after)
        return Changed(frozenset({RecordKind.PRACTITIONER}))

    def first_run(self) -> bool:
        """A new practice: no practitioners, no patients and the clinic settings as a new database has
        them. The app offers its short set-up then (the practice's details and its owner)."""
        return (
            not P.any_practitioners(self._db)
            and patients.counts(self._db)["patients"] == 0
            and settings.get_settings(self._db) == ClinicSettings()
        )

    def set_passphrase(self, name: str, old: str, new: str, *, new_key: bool = False) -> Changed:
        """A new passphrase for ``name``'s key (``old`` must unlock it), or their first key; with
        ``new_key`` a new key pair (when the old passphrase is forgotten: their signatures made so far
        stay verified with the old key). An empty ``new``: no passphrase. One's own passphrase is one's
        own to change; another's, the owner's (``Can.MANAGE_PRACTICE``)."""
        before = self.practitioner(name)
        assert before.id is not None
        me = None if self._locked or self._signed_in is None else self._signed_in.name
        if me != before.name:
            self._require(Can.MANAGE_PRACTICE)
        sealed = P.sealed_key(self._db, before.id)
        private = None
        if sealed is not None and not new_key:
            try:
                private = keys.unseal(sealed[1], old, sealed[0])
            except keys.WrongPassphraseError:
                raise _wrong(before.name) from None
        with self._atomic():
            if private is None:
                self._new_key(before.id, new, previous=sealed[0] if sealed else "")
                what = "a new signing key"
            else:
                public = keys.public_key(private)
                kid = sealed[0] if sealed else ""
                signed = P.KeyRowSigning(private, kid, private)
                P.add_key(self._db, before.id, kid, public, keys.seal(private, new), P.NEW_PASSPHRASE, signed=signed)
                what = "a new passphrase"
            after = P.by_name(self._db, before.name)
            summary = f"practitioner {before.name}: {what}" + ("" if new else " (no passphrase)")
            self._audit(A.UPDATE, RecordKind.PRACTITIONER, before.id, None, summary, before, after)
        return Changed(frozenset({RecordKind.PRACTITIONER}))

    def _new_key(self, practitioner_id: int, passphrase: str, previous: str = "") -> None:
        """A new key pair, its row signed by it and by the key it replaces (``previous``'s id) when that
        key is unlocked: the key of the practitioner signed in for this sitting."""
        private = keys.new_private_key()
        public = keys.public_key(private)
        held = self._unlocked_key(practitioner_id)
        signed = P.KeyRowSigning(
            private, previous, held if held is not None and previous == keys.key_id(keys.public_key(held)) else None
        )
        sealed = keys.seal(private, passphrase)
        P.add_key(self._db, practitioner_id, keys.key_id(public), public, sealed, P.NEW_KEY, signed=signed)

    def _unlocked_key(self, practitioner_id: int) -> bytes | None:
        """The practitioner's private key, if they are signed in for this sitting and it is unlocked."""
        who = self._signed_in
        if who is None or who.id != practitioner_id or self._sitting_key is None:
            return None
        return bytes(self._sitting_key)
