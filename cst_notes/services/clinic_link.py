"""The laptop's side of the clinic (issue 17): its link to the clinic server, and what it pushes
there, read from the laptop's own database. No psycopg here: ``services.clinic`` talks to the server."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from cst_notes.domain import access, record_format
from cst_notes.domain import audit as A
from cst_notes.domain.access import Can
from cst_notes.domain.clinic import (
    AuditItem,
    ChangeMark,
    ClinicLink,
    Inbox,
    Outbox,
    Pulled,
    PulledAuditEntry,
    SignedIntake,
    SignedSession,
    SyncStatus,
)
from cst_notes.domain.intake import Intake, intake_errors
from cst_notes.domain.keys import KeyRing, PublicKey
from cst_notes.domain.patient import Patient
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.screening import ScreeningChange, own_errors
from cst_notes.domain.session import (
    PRIVATE_NOTES_FIELDS,
    SIGNED,
    Session,
    session_errors,
    state_without_private_notes,
)
from cst_notes.domain.signing import Addendum, signature_problems
from cst_notes.domain.validation import FieldError, ValidationError
from cst_notes.services.base import Changed, RecordKind, ServiceBase, requires
from cst_notes.storage import audit, clinic_conflicts, clinic_link, patients, practitioners, records, screening

# Left out of a session's body on the server: its private notes and their salt have a table of their
# own (row-level security), its addenda too (immutable, merged by uid).
SERVER_APART = (*PRIVATE_NOTES_FIELDS, "addenda")


class ClinicLinkServices(ServiceBase):
    def clinic_link(self) -> ClinicLink | None:
        """The clinic server this laptop syncs with; None on a laptop of its own."""
        return clinic_link.get_link(self._db)

    @requires(Can.SEE_PATIENTS)
    def link_clinic(self, link: ClinicLink) -> Changed:
        """Keep ``link`` (its server address without a password: ``services.clinic.join_clinic``), audited."""
        with self._atomic():
            before = clinic_link.get_link(self._db)
            kept = link if before is None else ClinicLink(**{**vars(link), "laptop_uid": before.laptop_uid})
            clinic_link.save_link(self._db, kept)
            self._audit(A.UPDATE, RecordKind.SETTINGS, 1, None, f"joined the clinic at {kept.server}", before, kept)
        return Changed(frozenset({RecordKind.SETTINGS}))

    @requires(Can.SEE_PATIENTS)
    def hold_whole_clinic(self, whole_clinic: bool) -> Changed:
        """Which patients this laptop's pulls take (``ClinicLink.whole_clinic``), audited; the next
        pull of the whole clinic reads every patient once (its mark is of the practitioner's own)."""
        with self._atomic():
            before = clinic_link.get_link(self._db)
            if before is None:
                raise ValidationError([FieldError("clinic", "this laptop has joined no clinic")])
            after = ClinicLink(**{**vars(before), "whole_clinic": whole_clinic})
            if after == before:
                return Changed(frozenset())
            clinic_link.save_link(self._db, after)
            held = "every patient of the clinic" if whole_clinic else "the practitioner's own patients"
            self._audit(A.UPDATE, RecordKind.SETTINGS, 1, None, f"holds {held}", before, after)
        return Changed(frozenset({RecordKind.SETTINGS}))

    @requires(Can.READ_CLINICAL)
    def clinic_outbox(self, patient_id: int, reader: str, *, audit_after: int | None = None) -> Outbox:
        """Patient ``patient_id``'s signed sessions (private notes only when ``reader`` wrote them),
        their addenda and the patient's audit entries with their chain hashes; with ``audit_after``,
        only the details and the audit entries after that mark (what a pull audited here)."""
        if audit_after is not None:
            patient = self.patient(patient_id)
            own_keys = tuple(practitioners.keyring(self._db).of([reader]))
            items = self._audit_items(patient_id, audit_after)
            return Outbox(patient.uid, record_format.encode(patient), (), items, own_keys)
        record = self.record(patient_id)
        sessions = []
        for s in record.sessions:
            if s.status != SIGNED or s.signed_at is None:
                continue
            encoded = record_format.encode(s)
            sessions.append(
                SignedSession(
                    uid=s.uid,
                    therapist=s.therapist,
                    started_at=record_format.format_utc(s.started_at),
                    signed_at=record_format.format_utc(s.signed_at),
                    signed_by=s.signed_by,
                    content_hash=s.content_hash,
                    body={k: v for k, v in encoded.items() if k not in SERVER_APART},
                    private_notes=s.private_notes if access.private_notes_readable(reader, s.therapist) else None,
                    addenda=tuple(encoded["addenda"]),
                    private_notes_salt=s.private_notes_salt,
                )
            )
        own_keys = tuple(practitioners.keyring(self._db).of([reader]))
        return Outbox(
            record.patient.uid,
            record_format.encode(record.patient),
            tuple(sessions),
            self._audit_items(patient_id, 0),
            own_keys,
            intake=_signed_intake(record.intake),
            screening=tuple(record_format.encode(record.screening_changes)),
        )

    def _audit_items(self, patient_id: int, after: int) -> tuple[AuditItem, ...]:
        """The patient's audit entries after the mark ``after``, oldest first, with their chain hashes."""
        entries = [e for e in audit.history(self._db, patient_id, limit=1_000_000) if e.id is not None and e.id > after]
        hashes = audit.entry_hashes(self._db, [e.id for e in entries if e.id is not None])
        return tuple(
            AuditItem(hashes[e.id], _audit_dict(e)) for e in reversed(entries) if e.id is not None and e.id in hashes
        )

    @requires(Can.SEE_PATIENTS)
    def patient_ids_of(self, uids: Sequence[str]) -> tuple[int, ...]:
        """This laptop's ids of the patients ``uids`` name (those it holds), in id order: what a
        pull brought, for the window to show."""
        wanted = set(uids)
        return tuple(sorted(pid for pid, uid in patients.patient_uids(self._db).items() if uid in wanted))

    @requires(Can.SEE_PATIENTS)
    def held_patient_uids(self) -> frozenset[str]:
        """The uids of every patient this laptop holds, in one query (a pull asks it on the window's
        thread: a practice of 5,000 patients read one by one kept the window waiting 0.1 s)."""
        return frozenset(patients.patient_uids(self._db).values())

    @contextlib.contextmanager
    def one_pulled_patient(self) -> Iterator[None]:
        """One transaction around what a pull does with one patient (``store_pulled``, then
        ``reconcile_pulled``, whose own transactions become savepoints in it): one commit, so one
        sync of the file to the disk per patient. An error undoes the whole patient; a pull
        interrupted keeps the patients before it."""
        with self._atomic():
            yield

    @requires(Can.WRITE_CLINICAL)
    def store_pulled(self, inbox: Inbox, server_keys: Sequence[PublicKey], *, add_patient: bool = False) -> Pulled:
        """Add what ``inbox`` holds and this laptop lacks (signed sessions, the signed intake, their
        addenda, the other laptops' audit entries; the patient too, when not held here, with
        ``add_patient``), in one transaction, once every signature in it verifies: each keyed one
        with the key its signer pushed (``server_keys``). A session, intake or addendum that does
        not verify refuses the whole patient (ValidationError naming it, nothing stored). A session
        another author signed under form 1 cannot be verified without their private notes: it is
        left on the server, and said so; so is a signed intake where this laptop holds another
        intake of the patient (a draft, or another signed one)."""
        patient_id = patients.id_of_uid(self._db, inbox.patient_uid)
        if patient_id is None and not add_patient:
            return Pulled()
        errors: list[FieldError] = []
        patient = None if patient_id is not None else self._pulled_patient(inbox, errors)
        held = {s.uid: s for s in records.sessions_for_patient(self._db, patient_id)} if patient_id else {}
        local = practitioners.keyring(self._db)
        known_names = {k.practitioner for k in local.history}
        new_keys = [k for k in server_keys if k.practitioner not in known_names and local.public_key(k.key_id) is None]
        keyring = KeyRing([*local.history, *new_keys])
        judged = _judged(inbox, held, keyring)
        held_intake = records.get_intake(self._db, patient_id) if patient_id else None
        who = patient if patient is not None else self.patient(patient_id) if patient_id else None
        _judge_intake(inbox, held_intake, keyring, judged, self._today(), who)
        holders = screening.change_holders(self._db, [str(c.get("uid")) for c in inbox.screening])
        new_changes = _pulled_changes(inbox, holders, patient_id, who, self._today(), errors)
        errors += judged.errors
        new_sessions, new_addenda = judged.sessions, judged.addenda
        if errors:
            raise ValidationError(errors)
        wanted = {s.key_id for s in new_sessions} | {a.key_id for s in new_sessions for a in s.addenda}
        wanted |= {a.key_id for _, extra in new_addenda for a in extra} | judged.intake_key_ids
        new_keys = [k for k in new_keys if k.key_id in wanted]
        have = clinic_link.pulled_audit_uids(self._db, inbox.patient_uid)
        entries = [e for e in inbox.audit_entries if e.uid not in have]
        now = record_format.format_utc(dt.datetime.now(dt.UTC))
        with self._atomic():
            practitioners.add_imported_keys(self._db, new_keys)
            if patient is not None:
                [patient_id] = records.insert_records(self._db, [PatientRecord(patient)])
                self._audit(A.IMPORT, RecordKind.PATIENT, patient_id, patient_id, PULLED, after=patient)
            assert patient_id is not None
            session_ids = records.insert_sessions(self._db, patient_id, new_sessions)
            for sid, session in zip(session_ids, new_sessions, strict=True):
                self._audit(A.IMPORT, RecordKind.SESSION, sid, patient_id, PULLED, after=session)
            for ours, extra in new_addenda:
                for a in extra:
                    records.add_addendum(self._db, "sessions", ours.id or 0, a)
                    self._audit(A.ADDENDUM, RecordKind.SESSION, ours.id, patient_id, PULLED, after=a)
            self._store_intake(patient_id, judged)
            for change in new_changes:
                self._store_pulled_change(patient_id, change)
            for e in entries:
                clinic_link.add_pulled_audit_entry(self._db, e, inbox.patient_uid, now)
        return Pulled(
            int(patient is not None),
            len(new_sessions),
            sum(len(s.addenda) for s in new_sessions)
            + sum(len(x) for _, x in new_addenda)
            + judged.intake_addenda_count,
            len(entries),
            left=tuple(judged.left),
            intakes=int(judged.intake is not None),
            screening=len(new_changes),
        )

    def _store_pulled_change(self, patient_id: int, change: ScreeningChange) -> None:
        """Another laptop's screening change added as it was recorded there, audited as a change
        made here is, with the list before and after."""
        before = self.screening(patient_id)
        change_id = screening.add_change(self._db, patient_id, change)
        summary = f"{change.describe()}; {PULLED}"
        after = self.screening(patient_id).present
        self._audit(A.IMPORT, RecordKind.SCREENING, change_id, patient_id, summary, before.present, after)

    def _store_intake(self, patient_id: int, judged: _Judged) -> None:
        """The pulled intake judged new here, or its addenda new to the one held, stored and audited."""
        if judged.intake is not None:
            iid = records.save_intake(self._db, patient_id, judged.intake)
            self._audit(A.IMPORT, RecordKind.INTAKE, iid, patient_id, PULLED, after=judged.intake)
        held = judged.held_intake
        for a in judged.intake_addenda:
            assert held is not None
            records.add_addendum(self._db, "intakes", held.id or 0, a)
            self._audit(A.ADDENDUM, RecordKind.INTAKE, held.id, patient_id, PULLED, after=a)

    @staticmethod
    def _pulled_patient(inbox: Inbox, errors: list[FieldError]) -> Patient | None:
        try:
            patient: Patient = record_format.read_object(Patient, inbox.patient)
        except ValidationError as exc:
            errors += [FieldError(f"patient {inbox.patient_uid}", f"{e.field}: {e.message}") for e in exc.errors]
            return None
        if patient.uid != inbox.patient_uid:
            errors.append(FieldError(f"patient {inbox.patient_uid}", f"its details are those of {patient.uid}"))
        return patient

    @requires(Can.SEE_PATIENTS)
    def audit_mark(self) -> int:
        """The id of this laptop's last audit entry (0 for none): every change is audited, so the
        entries after the mark of the last push are the changes waiting to be pushed."""
        end = audit.chain_end(self._db)
        return 0 if end is None else end[0]

    @requires(Can.SEE_PATIENTS)
    def patients_audited_only_in(self, after: int, upto: int, spans: Sequence[tuple[int, int]]) -> list[int] | None:
        """The patients with audit entries after the mark ``after`` up to ``upto``, when every one of
        those entries lies in one of ``spans`` (each a pull's marks before and after it stored a
        patient: its own entries); None when any other change of a patient was audited between (made
        meanwhile). Entries of no patient (the settings) are never pushed: they do not count."""
        found: set[int] = set()
        for entry_id, patient_id in audit.entries_between(self._db, after, upto):
            if patient_id is None:
                continue
            if not any(start < entry_id <= end for start, end in spans):
                return None
            found.add(patient_id)
        return sorted(found)

    @requires(Can.SEE_PATIENTS)
    def patients_to_push(self) -> list[int]:
        """The ids of the patients changed here since the last push the server took (those with
        audit entries after its mark) and those whose details or plans a pull found changed here only, in list
        order; every patient before the first push, or when the mark is past this laptop's last
        entry (a database put back from a copy)."""
        ids = patients.patient_ids(self._db, "")
        pushed = clinic_link.last_sync(self._db, PUSHES)
        if pushed is None or pushed[1] > self.audit_mark():
            return ids
        changed = audit.patients_after(self._db, pushed[1])
        kept = clinic_conflicts.details_to_push(self._db) | clinic_conflicts.plans_to_push(self._db)
        uids = patients.patient_uids(self._db)
        return [pid for pid in ids if pid in changed or uids.get(pid) in kept]

    @requires(Can.SEE_PATIENTS)
    def pull_mark(self, server: str, whole_clinic: bool) -> int | None:
        """Where a pull from ``server`` (of the whole clinic or not) goes on from: the server's mark
        of the last pull that finished; None for none (a pull of everything)."""
        return clinic_link.pull_mark(self._db, server, whole_clinic)

    @requires(Can.SEE_PATIENTS)
    def save_pull_mark(
        self, server: str, whole_clinic: bool, mark: int, refused: Sequence[str] = (), identity: str = ""
    ) -> None:
        """Keep the server's mark taken at the start of a pull that finished, with the patients it
        refused (the next pull reads them again) and the identity of the server's clinic tables then."""
        with self._atomic():
            now = dt.datetime.now(dt.UTC)
            clinic_link.save_pull_mark(self._db, server, whole_clinic, mark, now, refused, identity)

    @requires(Can.SEE_PATIENTS)
    def server_went_back(self, server: str, mark: ChangeMark) -> bool:
        """Whether ``server`` is not the one the last pull read (put back from a backup, or another at
        the same address): its transaction ids are behind that pull's mark, or its clinic tables are
        other ones (made again by a restore into the same cluster, where the ids go on rising)."""
        since = clinic_link.pull_mark(self._db, server, False)
        if since is None:
            return False
        known = clinic_link.pulled_identity(self._db, server)
        return since > mark.next or (known != "" and known != mark.identity)

    @requires(Can.SEE_PATIENTS)
    def refused_at_last_pull(self, server: str) -> set[str]:
        """The patients the pull that kept the mark refused (``save_pull_mark``)."""
        return clinic_link.refused_at_mark(self._db, server)

    @requires(Can.SEE_PATIENTS)
    def unsynced_patient_uids(self) -> set[str]:
        """The uids of the patients held here whose details were never pushed nor pulled: a pull
        that reads only what changed on the server reads these whole (the server may hold older
        records of them, e.g. a patient imported here from another laptop's export)."""
        return set(patients.patient_uids(self._db).values()) - clinic_conflicts.based_patient_uids(self._db)

    @requires(Can.SEE_PATIENTS)
    def record_sync(self, kind: str, audit_mark: int | None, summary: str, pulled: Pulled | None = None) -> None:
        """Keep that a push, pull or sync finished now, with the audit mark the server then held
        (None: a pull, which pushes nothing: the last push's mark is kept), and what its pull
        refused and left on the server."""
        with self._atomic():
            if audit_mark is None:
                pushed = clinic_link.last_sync(self._db, PUSHES)
                audit_mark = 0 if pushed is None else pushed[1]
            now = dt.datetime.now(dt.UTC).replace(microsecond=0)
            problems = ((), ()) if pulled is None else (pulled.refused, pulled.left)
            clinic_link.record_sync(self._db, kind, now, audit_mark, summary, problems)

    @requires(Can.SEE_PATIENTS)
    def sync_status(self) -> SyncStatus:
        """The clinic's part of the status bar, from this laptop alone, with the conflicts waiting for
        a person (``services.clinic.sync_status`` asks the server whether it answers)."""
        if clinic_link.get_link(self._db) is None:
            return SyncStatus(joined=False)
        last = clinic_link.last_sync(self._db, (*PUSHES, "pull"))
        pushed = clinic_link.last_sync(self._db, PUSHES)
        waiting = audit.entries_after(self._db, pushed[1] if pushed is not None else 0)
        conflicts = clinic_conflicts.count_open(self._db)
        refused, left = clinic_link.last_pull_problems(self._db)
        at = None if last is None else last[0]
        return SyncStatus(True, at, waiting, conflicts=conflicts, refused=refused, left=left)

    @requires(Can.SEE_PATIENTS)
    def clinic_audit_entries(self, patient_id: int) -> list[PulledAuditEntry]:
        """The other laptops' audit entries of this patient, pulled from the clinic server, oldest first."""
        return clinic_link.pulled_audit_entries(self._db, self.patient(patient_id).uid)


def _audit_dict(e: A.AuditEntry) -> dict[str, Any]:
    """An audit entry as the server keeps it. Its ``entry_hash`` names it in the laptop's chain; a
    session's private notes are left out of it (so it no longer verifies against that hash)."""
    uid = next((s.get("uid") for s in (e.after, e.before) if isinstance(s, dict) and s.get("uid")), None)
    return {
        "changed_at": record_format.format_utc(e.changed_at),
        "actor": e.actor,
        "action": e.action,
        "entity": e.entity,
        "entity_uid": uid,
        "summary": e.summary,
        "before": state_without_private_notes(e.before),
        "after": state_without_private_notes(e.after),
    }


PULLED = "pulled from the clinic server"


def _pulled_changes(
    inbox: Inbox,
    holders: dict[str, int],
    patient_id: int | None,
    patient: Patient | None,
    today: dt.date,
    errors: list[FieldError],
) -> list[ScreeningChange]:
    """The pulled screening changes this laptop lacks (``holders``: the uids held here, by patient
    id), in the server's order (as recorded), each read and checked by the rules a change keeps
    whatever the list (``domain.screening.own_errors``: it was checked against the list on the
    laptop that made it). A day of grace for a date in the future: the laptop that made it may keep
    another time zone's day. A change that breaks one, or bears the uid of another patient's change
    here, is added to ``errors`` (the patient is refused whole)."""
    out: list[ScreeningChange] = []
    taken: set[str] = set()
    for body in inbox.screening:
        uid = str(body.get("uid"))
        where = f"screening change {uid}"
        if uid in taken or (patient_id is not None and holders.get(uid) == patient_id):
            continue  # held here already (or twice on the server): once is enough
        if uid in holders:
            errors.append(FieldError(where, "is the uid of another patient's screening change on this laptop"))
            continue
        try:
            change: ScreeningChange = record_format.read_object(ScreeningChange, body)
        except ValidationError as exc:
            errors += [FieldError(where, f"{e.field}: {e.message}") for e in exc.errors]
            continue
        birth = patient.birth_date if patient is not None else None
        found = own_errors(change, birth_date=birth, today=today + dt.timedelta(days=1))
        if change.recorded_at is None:
            found.append(FieldError("recorded_at", "must be given"))
        errors += [FieldError(f"{where}.{e.field}", e.message) for e in found]
        taken.add(uid)
        out.append(change)
    return out


PUSHES = ("push", "sync")  # the kinds of clinic_syncs rows that pushed this laptop's changes
WITHHELD_FORM_1 = (
    "not pulled: it was signed before private notes were sealed (signature form 1), and its private notes "
    "are its author's only, so it cannot be verified here"
)


@dataclass
class _Judged:
    """What of a patient's pulled sessions is new here and verified, left on the server, or refused."""

    sessions: list[Session] = field(default_factory=list)
    addenda: list[tuple[Session, tuple[Addendum, ...]]] = field(default_factory=list)  # to sessions held
    left: list[str] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)
    intake: Intake | None = None  # the signed intake, where this laptop holds none of the patient
    held_intake: Intake | None = None  # the one held here, when the server's is the same
    intake_addenda: tuple[Addendum, ...] = ()  # the server's addenda new to it

    @property
    def intake_key_ids(self) -> set[str]:
        signed = [*self.intake_addenda, *(self.intake.addenda if self.intake else ())]
        return {a.key_id for a in signed} | ({self.intake.key_id} if self.intake else set())

    @property
    def intake_addenda_count(self) -> int:
        return len(self.intake_addenda) + (len(self.intake.addenda) if self.intake else 0)


def _judged(inbox: Inbox, held: dict[str, Session], keyring: KeyRing) -> _Judged:
    """Each pulled session read, checked as an import checks it, and its signature and addenda
    verified (a held session's with the addenda new to it)."""
    out = _Judged()
    for data in inbox.sessions:
        where = f"session {data.get('uid')} of patient {inbox.patient_uid}"
        try:
            session = record_format.read_object(Session, data)
        except ValidationError as exc:
            out.errors += [FieldError(where, f"{e.field}: {e.message}") for e in exc.errors]
            continue
        ours = held.get(session.uid)
        if ours is not None and not ours.is_signed:
            out.errors.append(FieldError(where, "is a draft on this laptop and signed on the server"))
            continue
        extra = _new_addenda(ours, session.addenda)
        if ours is not None and not extra:
            continue
        whole = session if ours is None else replace(ours, addenda=(*ours.addenda, *extra))
        if ours is None:
            out.errors += [FieldError(where, f"{e.field}: {e.message}") for e in session_errors(whole)]
        problems = signature_problems(whole, where, inbox.patient_uid, keyring)
        if problems and _withheld_under_form_1(whole):
            out.left.append(f"{where}: {WITHHELD_FORM_1}")
            continue
        out.errors += [FieldError(where, p.removeprefix(f"{where}: ")) for p in problems]
        if ours is None:
            out.sessions.append(session)
        else:
            out.addenda.append((ours, extra))
    return out


def _new_addenda(held: Session | Intake | None, pulled: tuple[Addendum, ...]) -> tuple[Addendum, ...]:
    """The pulled addenda of a signed note that the note held here lacks (all, when none is held)."""
    known = {a.content_hash for a in held.addenda} if held is not None else set()
    return tuple(a for a in pulled if a.content_hash not in known)


def _signed_intake(intake: Intake | None) -> SignedIntake | None:
    """The intake as pushed, once signed (a draft stays on the laptop)."""
    if intake is None or not intake.is_signed or intake.signed_at is None:
        return None
    encoded = record_format.encode(intake)
    return SignedIntake(
        signed_at=record_format.format_utc(intake.signed_at),
        signed_by=intake.signed_by,
        content_hash=intake.content_hash,
        body={k: v for k, v in encoded.items() if k != "addenda"},
        addenda=tuple(encoded["addenda"]),
    )


def _judge_intake(
    inbox: Inbox, ours: Intake | None, keyring: KeyRing, out: _Judged, today: dt.date, patient: Patient | None
) -> None:
    """The pulled signed intake, read, checked (as an import checks it, ``patient`` a minor or not
    today) and verified, into ``out``: the intake itself when this laptop holds none of the
    patient, or the addenda new to the one held when it is the same; another intake held here (a
    draft, or signed otherwise) is kept, and the server's left there, said in ``out.left``."""
    if inbox.intake is None:
        return
    where = f"the intake of patient {inbox.patient_uid}"
    try:
        theirs = record_format.read_object(Intake, inbox.intake)
    except ValidationError as exc:
        out.errors += [FieldError(where, f"{e.field}: {e.message}") for e in exc.errors]
        return
    if not theirs.is_signed:
        out.errors.append(FieldError(where, "is not signed"))
        return
    if ours is not None and (not ours.is_signed or ours.content_hash != theirs.content_hash):
        held = "a draft intake" if not ours.is_signed else f"the intake {ours.signed_by} signed here"
        whose = f"{patient.full_name}'s" if patient is not None else f"patient {inbox.patient_uid}'s"
        out.left.append(
            f"{whose} intake signed by {theirs.signed_by} was not taken, as this laptop holds {held}; both "
            "are kept: compare them, and correct what differs by an addendum"
        )
        return
    extra = _new_addenda(ours, theirs.addenda)
    if ours is not None and not extra:
        return
    whole = theirs if ours is None else replace(ours, addenda=(*ours.addenda, *extra))
    if ours is None:
        minor = patient is not None and isinstance(patient.birth_date, dt.date) and patient.is_minor(today)
        out.errors += [FieldError(where, f"{e.field}: {e.message}") for e in intake_errors(theirs, today, minor=minor)]
    problems = signature_problems(whole, where, inbox.patient_uid, keyring)
    out.errors += [FieldError(where, p.removeprefix(f"{where}: ")) for p in problems]
    if ours is None:
        out.intake = theirs
    else:
        out.held_intake, out.intake_addenda = ours, extra


def _withheld_under_form_1(session: Session) -> bool:
    """A session whose form 1 signature covers private notes this laptop may not hold (withheld)."""
    return session.canonical_form == 1 and not session.private_notes and not session.private_notes_salt
