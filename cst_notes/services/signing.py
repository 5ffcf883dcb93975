"""Signing notes, signed addenda, and checking every signature."""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
from dataclasses import replace
from typing import Any

from cst_notes.domain import audit as A
from cst_notes.domain import keys
from cst_notes.domain.access import Can
from cst_notes.domain.canonical import SALT_BYTES
from cst_notes.domain.damage import DamagedRecord
from cst_notes.domain.session import sealed_private_notes
from cst_notes.domain.signing import (
    CURRENT_SCHEME,
    KEYED_SCHEME,
    Addendum,
    Signature,
    addendum_errors,
    addendum_hash,
    keyed_addendum,
    of_older_scheme,
    older_signatures_note,
    sign,
    sign_keyed,
    signature_problems,
    signer_name_errors,
    signer_shown,
    unkeyed_signatures_note,
)
from cst_notes.domain.summaries import UnsignedNote
from cst_notes.domain.validation import FieldError, ValidationError
from cst_notes.services.base import (
    Changed,
    LockedError,
    NotFoundError,
    RecordKind,
    ServiceBase,
    raise_if_invalid,
    requires,
    session_label,
)
from cst_notes.services.practitioners import signing_key
from cst_notes.storage import (
    audit,
    database,
    patients,
    practitioners,
    read_check,
    records,
)
from cst_notes.storage.database import (
    CheckReport,
)


class SigningServices(ServiceBase):
    """Signing notes, signed addenda, and checking every signature."""

    @requires(Can.READ_CLINICAL)
    def to_sign(self) -> list[UnsignedNote]:
        """Every session and intake not yet signed, oldest first: the main window's "to sign" list."""
        return patients.unsigned_notes(self._db)

    def _as_signed_in(self, field: str, name: str) -> None:
        """Once someone is signed in, notes are signed as them (their passphrase is still asked for)."""
        who = self._signed_in
        if who is not None and name.strip().casefold() != who.name.casefold():
            message = f"must be {who.name}, who is signed in: sign in as {name.strip()} to sign as them"
            raise ValidationError([FieldError(field, message)])

    def _signature(self, note: Any, therapist: str, passphrase: str | None) -> tuple[Signature, bytes | None]:
        """With the practitioner's own key (scheme 3) when ``therapist`` has one, unlocked by
        ``passphrase`` (the key comes back too: it seals the audit chain); else as a typed name
        (scheme 2), while no practitioner has a key."""
        if not therapist.strip():
            raise ValidationError([FieldError("signed_by", "must name the therapist who signs")])
        raise_if_invalid(signer_name_errors("signed_by", therapist.strip()))
        self._as_signed_in("signed_by", therapist)
        private = signing_key(self._db, therapist.strip(), passphrase)
        patient_uid = self.patient(note.patient_id).uid
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        if private is None:
            return sign(note, patient_uid, therapist.strip(), now), None
        return sign_keyed(note, patient_uid, therapist.strip(), now, private), private

    @requires(Can.SIGN)
    def sign_session(
        self, session_id: int, therapist: str, *, unconfirmed: str = "", passphrase: str | None = None
    ) -> Changed:
        """Sign a draft session: from now on it is locked, in the database itself.

        ``unconfirmed``: what the therapist was told was copied and not confirmed, and signed anyway
        (e.g. "3 rhythm findings copied from the session of 2026-11-20"); recorded in the audit log.
        ``passphrase``: the practitioner's, which unlocks their signing key."""
        with self._atomic():
            stored = self._stored_session(session_id)
            if stored.is_signed:
                raise LockedError(f"the session was already signed by {stored.signed_by}")
            stored = sealed_private_notes(stored, secrets.token_hex(SALT_BYTES))
            signature, private = self._signature(stored, therapist, passphrase)
            records.seal_private_notes(self._db, stored)
            records.sign(self._db, "sessions", session_id, signature)
            after = self._stored_session(session_id)
            label = session_label(after) + (f"; signed with {unconfirmed} not confirmed" if unconfirmed else "")
            self._audit(A.SIGN, RecordKind.SESSION, session_id, stored.patient_id, label, stored, after)
            self._seal(signature.signed_by, private)
        return Changed(frozenset({RecordKind.SESSION}), (stored.patient_id or 0,), (session_id,))

    @requires(Can.SIGN)
    def sign_intake(self, patient_id: int, therapist: str, *, passphrase: str | None = None) -> Changed:
        with self._atomic():
            stored = self.intake(patient_id)
            if stored is None or stored.id is None:
                raise NotFoundError("the patient has no intake to sign")
            if stored.is_signed:
                raise LockedError(f"the intake was already signed by {stored.signed_by}")
            signature, private = self._signature(stored, therapist, passphrase)
            records.sign(self._db, "intakes", stored.id, signature)
            self._audit(A.SIGN, RecordKind.INTAKE, stored.id, patient_id, "intake", stored, self.intake(patient_id))
            self._seal(signature.signed_by, private)
        return Changed(frozenset({RecordKind.INTAKE}), (patient_id,))

    def _seal(self, name: str, private: bytes | None) -> None:
        if private is not None:
            self._seal_with(name, private)

    def _addendum(self, note: Any, text: str, author: str, passphrase: str | None) -> tuple[Addendum, bytes | None]:
        raise_if_invalid(addendum_errors(text, author))
        self._as_signed_in("author", author)
        if not note.is_signed:
            raise ValidationError([FieldError("addendum", "only a signed note takes addenda; edit the draft")])
        when = dt.datetime.now(dt.UTC).replace(microsecond=0)
        draft = Addendum(text, author.strip(), when, signature_scheme=CURRENT_SCHEME)
        private = signing_key(self._db, author.strip(), passphrase)
        if private is not None:
            return keyed_addendum(draft, note.content_hash, private), private
        return replace(draft, content_hash=addendum_hash(draft, note.content_hash)), None

    @requires(Can.SIGN)
    def add_session_addendum(
        self, session_id: int, text: str, author: str, *, passphrase: str | None = None
    ) -> Changed:
        """A dated, signed correction to a signed session."""
        with self._atomic():
            stored = self._stored_session(session_id)
            addendum, private = self._addendum(stored, text, author, passphrase)
            records.add_addendum(self._db, "sessions", session_id, addendum)
            self._audit(
                A.ADDENDUM, RecordKind.SESSION, session_id, stored.patient_id, addendum.text[:80], after=addendum
            )
            self._seal(addendum.author, private)
        return Changed(frozenset({RecordKind.SESSION}), (stored.patient_id or 0,), (session_id,))

    @requires(Can.SIGN)
    def add_intake_addendum(self, patient_id: int, text: str, author: str, *, passphrase: str | None = None) -> Changed:
        with self._atomic():
            stored = self.intake(patient_id)
            if stored is None or stored.id is None:
                raise NotFoundError("the patient has no intake")
            addendum, private = self._addendum(stored, text, author, passphrase)
            records.add_addendum(self._db, "intakes", stored.id, addendum)
            self._audit(A.ADDENDUM, RecordKind.INTAKE, stored.id, patient_id, addendum.text[:80], after=addendum)
            self._seal(addendum.author, private)
        return Changed(frozenset({RecordKind.INTAKE}), (patient_id,))

    @requires(Can.SEE_PATIENTS)
    def signature_problems(self) -> list[str]:
        """Every signed note whose content or addenda no longer match their signatures."""
        return self._signatures()[0]

    def _signatures(self, *, skip: bool = False) -> tuple[list[str], list[str], list[str]]:
        """The problems with signatures (each keyed one verified with the key that was its signer's
        when it was made), the signed notes whose scheme does not bind the signer, and those signed
        without a practitioner's key (schemes 1 and 2) once the practice signs with keys.
        ``skip``: damaged rows were found, so signed notes are checked one at a time (the damaged
        ones are named already)."""
        if skip:
            return self._signatures_one_by_one()
        problems: list[str] = []
        older: list[str] = []
        unkeyed: list[str] = []
        keyring = practitioners.keyring(self._db)
        uids = patients.patient_uids(self._db)
        notes: list[tuple[Any, str]] = [
            (s, f"session {s.id} (patient {s.patient_id}, {s.started_at:%Y-%m-%d})")
            for s in records.signed_sessions(self._db)
        ]
        notes += [(i, f"intake of patient {i.patient_id}") for i in records.signed_intakes(self._db)]
        for note, label in notes:
            problems += signature_problems(note, label, uids.get(note.patient_id, ""), keyring)
            if of_older_scheme(note):
                older.append(label)
            if note.signature_scheme != KEYED_SCHEME and keyring.history:
                unkeyed.append(label)
        return problems, older, unkeyed

    def _signatures_one_by_one(self) -> tuple[list[str], list[str], list[str]]:
        problems: list[str] = []
        older: list[str] = []
        unkeyed: list[str] = []
        keyring = practitioners.keyring(self._db)
        uids = patients.patient_uids(self._db)

        def judge(note: Any, label: str, patient_uid: str) -> None:
            nonlocal problems
            problems += signature_problems(note, label, patient_uid, keyring)
            older.extend([label] if of_older_scheme(note) else [])
            unkeyed.extend([label] if note.signature_scheme != KEYED_SCHEME and keyring.history else [])

        for (session_id,) in self._db.execute("SELECT id FROM sessions WHERE status = 'signed'").fetchall():
            with contextlib.suppress(DamagedRecord, *database.database_errors()):
                s = records.get_session(self._db, session_id)
                if s is not None:
                    label = f"session {s.id} (patient {s.patient_id}, {s.started_at:%Y-%m-%d})"
                    judge(s, label, uids.get(s.patient_id or 0, ""))
        for (patient_id,) in self._db.execute("SELECT patient_id FROM intakes WHERE status = 'signed'").fetchall():
            with contextlib.suppress(DamagedRecord, *database.database_errors()):
                i = records.get_intake(self._db, patient_id)
                if i is not None:
                    judge(i, f"intake of patient {patient_id}", uids.get(patient_id, ""))
        return problems, older, unkeyed

    @requires(Can.SEE_PATIENTS)
    def check(self) -> CheckReport:
        """Integrity, schema version, and every signature against its note's content.

        Notes signed before signatures bound the signer (scheme 1) are verified by their content and
        named in the report's notes, not as problems."""
        report = database.check_database(self._db)
        if database.integrity_problems(self._db.conn) or report.schema_version < report.latest_version:
            return report  # a damaged or older file: its notes cannot be read reliably
        found = read_check.unreadable(self._db, self._today())
        signatures, older, unkeyed = self._signatures(skip=bool(found))
        problems = report.problems + tuple(found) + tuple(signatures)
        notes = report.notes + ((older_signatures_note(older),) if older else ())
        notes += (unkeyed_signatures_note(unkeyed),) if unkeyed else ()
        seal_problems, seal_notes = self._seals_checked()
        key_problems, key_notes = self._key_rows_checked()
        problems += tuple(seal_problems + key_problems)
        notes += tuple(seal_notes + key_notes + self._names_not_practitioners())
        return replace(report, ok=not problems, problems=problems, notes=notes)

    def _seals_checked(self) -> tuple[list[str], list[str]]:
        """Each seal against the chain (the entry it names must still have the hash it signed) and
        against the key its practitioner held then; and how much of the chain's end no seal covers."""
        problems: list[str] = []
        found = audit.seals(self._db)
        keyring = practitioners.keyring(self._db)
        hashes = audit.entry_hashes(self._db, sorted({s.entry_id for s in found}))
        for seal in found:
            when = f"{seal.sealed_at:%Y-%m-%d %H:%M} UTC"
            label = f"audit seal {seal.id} (by {seal.practitioner}, {when}, of entry {seal.entry_id})"
            stored = hashes.get(seal.entry_id)
            if stored is None:
                problems.append(f"{label}: the audit log has no entry {seal.entry_id} any more (entries were removed)")
            elif stored != seal.entry_hash:
                problems.append(
                    f"{label}: audit entry {seal.entry_id} is not the one sealed (the log was changed before it)"
                )
            key = keyring.public_key(seal.key_id)
            if key is None or not keyring.held(seal.practitioner, seal.key_id, seal.sealed_at):
                problems.append(f"{label}: made with a key that was not {seal.practitioner}'s then")
            elif not keys.verifies(bytes.fromhex(key.public_key), bytes.fromhex(seal.signature), A.seal_message(seal)):
                problems.append(f"{label}: its signature does not verify with {seal.practitioner}'s key")
        end = audit.chain_end(self._db)
        last = found[-1] if found else None
        after = 0 if end is None else audit.entries_after(self._db, last.entry_id if last else 0)
        notes = [A.entries_after_seal_note(after, last)] if after and keyring.history else []
        return problems, notes

    def _key_rows_checked(self) -> tuple[list[str], list[str]]:
        """Each key row's signatures (its own key's, and the previous key's when given), and that the
        audit log recorded the change; rows from before key changes were signed are a note."""
        problems: list[str] = []
        unsigned_before: list[str] = []
        audited = audit.key_entries(self._db)
        latest: dict[int, str] = {}
        publics: dict[str, bytes] = {}
        for row in practitioners.key_rows(self._db):
            label = f"key row {row.id} ({row.practitioner or 'no practitioner'}, key {row.key_id[:12]}…, {row.reason})"
            publics.setdefault(row.key_id, row.public_key)
            follows = latest.get(row.practitioner_id, "")
            latest[row.practitioner_id] = row.key_id
            if row.reason == practitioners.IMPORTED:
                continue  # signed where it was made; it holds no private key here
            if (row.practitioner_id, row.key_id) not in audited:
                problems.append(f"{label}: the audit log has no record of this key change (added outside CST Notes)")
            if row.self_signature is None:
                if row.before_signing:
                    unsigned_before.append(str(row.id))
                else:
                    problems.append(f"{label}: not signed by its key (added outside CST Notes)")
                continue
            message = keys.key_row_message(
                row.practitioner, row.key_id, row.valid_from, row.reason, row.previous_key_id or ""
            )
            if not _verifies(row.public_key, row.self_signature, message):
                problems.append(f"{label}: its signature does not verify with its own key (the row was changed)")
            if (row.previous_key_id or "") != follows:
                named = (row.previous_key_id or "none")[:12]
                problems.append(f"{label}: it names key {named} as the one it follows, not {follows[:12] or 'none'}")
            if row.previous_signature is not None and not _verifies(
                publics.get(follows, b""), row.previous_signature, message
            ):
                problems.append(f"{label}: the previous key's signature does not verify")
        notes = (
            [f"key rows {', '.join(unsigned_before)} were written before key changes were signed"]
            if unsigned_before
            else []
        )
        return problems, notes

    def _names_not_practitioners(self) -> list[str]:
        """Therapists named in the records who could not become practitioners (names that are not
        valid signer names), as a note."""
        skipped = practitioners.names_not_practitioners(self._db)
        if not skipped:
            return []
        shown = "; ".join(repr(signer_shown(n)) for n in skipped)
        return [f"these names in the records are not practitioners (not valid as a signer's name): {shown}"]


def _verifies(public: bytes, signature_hex: str, message: bytes) -> bool:
    try:
        signature = bytes.fromhex(signature_hex)
    except ValueError:
        return False
    return keys.verifies(public, signature, message)
