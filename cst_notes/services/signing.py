"""Signing notes, signed addenda, and checking every signature."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import replace
from typing import Any

from cst_notes.domain import audit as A
from cst_notes.domain.access import Can
from cst_notes.domain.damage import DamagedRecord
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

    def _signature(self, note: Any, therapist: str, passphrase: str | None) -> Signature:
        """With the practitioner's own key (scheme 3) when ``therapist`` has one, unlocked by
        ``passphrase``; else as a typed name (scheme 2), while no practitioner has a key."""
        if not therapist.strip():
            raise ValidationError([FieldError("signed_by", "must name the therapist who signs")])
        raise_if_invalid(signer_name_errors("signed_by", therapist.strip()))
        self._as_signed_in("signed_by", therapist)
        private = signing_key(self._db, therapist.strip(), passphrase)
        patient_uid = self.patient(note.patient_id).uid
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        if private is None:
            return sign(note, patient_uid, therapist.strip(), now)
        return sign_keyed(note, patient_uid, therapist.strip(), now, private)

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
            records.sign(self._db, "sessions", session_id, self._signature(stored, therapist, passphrase))
            after = self._stored_session(session_id)
            label = session_label(after) + (f"; signed with {unconfirmed} not confirmed" if unconfirmed else "")
            self._audit(A.SIGN, RecordKind.SESSION, session_id, stored.patient_id, label, stored, after)
        return Changed(frozenset({RecordKind.SESSION}), (stored.patient_id or 0,), (session_id,))

    @requires(Can.SIGN)
    def sign_intake(self, patient_id: int, therapist: str, *, passphrase: str | None = None) -> Changed:
        with self._atomic():
            stored = self.intake(patient_id)
            if stored is None or stored.id is None:
                raise NotFoundError("the patient has no intake to sign")
            if stored.is_signed:
                raise LockedError(f"the intake was already signed by {stored.signed_by}")
            records.sign(self._db, "intakes", stored.id, self._signature(stored, therapist, passphrase))
            self._audit(A.SIGN, RecordKind.INTAKE, stored.id, patient_id, "intake", stored, self.intake(patient_id))
        return Changed(frozenset({RecordKind.INTAKE}), (patient_id,))

    def _addendum(self, note: Any, text: str, author: str, passphrase: str | None) -> Addendum:
        raise_if_invalid(addendum_errors(text, author))
        self._as_signed_in("author", author)
        if not note.is_signed:
            raise ValidationError([FieldError("addendum", "only a signed note takes addenda; edit the draft")])
        when = dt.datetime.now(dt.UTC).replace(microsecond=0)
        draft = Addendum(text.strip(), author.strip(), when, signature_scheme=CURRENT_SCHEME)
        private = signing_key(self._db, author.strip(), passphrase)
        if private is not None:
            return keyed_addendum(draft, note.content_hash, private)
        return replace(draft, content_hash=addendum_hash(draft, note.content_hash))

    @requires(Can.SIGN)
    def add_session_addendum(
        self, session_id: int, text: str, author: str, *, passphrase: str | None = None
    ) -> Changed:
        """A dated, signed correction to a signed session."""
        with self._atomic():
            stored = self._stored_session(session_id)
            addendum = self._addendum(stored, text, author, passphrase)
            records.add_addendum(self._db, "sessions", session_id, addendum)
            self._audit(
                A.ADDENDUM, RecordKind.SESSION, session_id, stored.patient_id, addendum.text[:80], after=addendum
            )
        return Changed(frozenset({RecordKind.SESSION}), (stored.patient_id or 0,), (session_id,))

    @requires(Can.SIGN)
    def add_intake_addendum(self, patient_id: int, text: str, author: str, *, passphrase: str | None = None) -> Changed:
        with self._atomic():
            stored = self.intake(patient_id)
            if stored is None or stored.id is None:
                raise NotFoundError("the patient has no intake")
            addendum = self._addendum(stored, text, author, passphrase)
            records.add_addendum(self._db, "intakes", stored.id, addendum)
            self._audit(A.ADDENDUM, RecordKind.INTAKE, stored.id, patient_id, addendum.text[:80], after=addendum)
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
        return replace(report, ok=not problems, problems=problems, notes=notes)
