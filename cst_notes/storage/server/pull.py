"""Reading a patient's immutable records from the clinic server, as the connected practitioner may
read them: signed sessions (private notes and their salt only where row-level security shows them,
i.e. the reader's own), their addenda, the other laptops' audit entries, and the signing keys that
verify them. Nothing here is trusted: the laptop verifies every signature before it stores
anything (``services.clinic_link``).

A signing key is read only when the practitioner it names is the one who pushed it (the server sets
``pushed_by`` itself, s002): a key pushed by anyone else in someone's name is left out, so a
signature made with it does not verify.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import psycopg

from cst_notes.domain.clinic import ChangeMark, Inbox, PulledAuditEntry, ServerPlan
from cst_notes.domain.dates import utc_time
from cst_notes.domain.keys import PublicKey
from cst_notes.domain.practitioner import name_key
from cst_notes.domain.record_format import format_utc

Connection = psycopg.Connection[tuple[Any, ...]]


def patient_uids(conn: Connection) -> list[str]:
    """Every patient on the server, by uid."""
    with conn.transaction():
        return [str(r[0]) for r in conn.execute("SELECT uid FROM clinic.patients ORDER BY uid")]


CHANGES_VERSION = 4  # the clinic schema version that records what changed (s004_changes.sql)
PLANS_VERSION = 5  # the one from which follow-up plans are synced and stamped too (s005_plans.sql)
SCREENING_VERSION = 6  # the one from which screening changes are stamped too (s006_screening.sql)


def change_mark(conn: Connection) -> ChangeMark | None:
    """Where the next pull may start reading changes (s004): the oldest transaction still running
    now (every older one has finished, so what it wrote is visible to every read after this), and
    the next transaction id the server will give (a laptop's mark above it was taken on another
    server, or one restored from a backup: that laptop reads everything again), with the identity
    of the clinic's tables (another after a restore). None on a server whose schema predates s004,
    which records no changes: every pull reads everything there."""
    with conn.transaction():
        row = conn.execute(
            "SELECT pg_snapshot_xmin(s)::text, pg_snapshot_xmax(s)::text,"
            " (SELECT max(version) FROM clinic.migrations),"
            " (SELECT oid FROM pg_database WHERE datname = current_database())::text || '/'"
            " || 'clinic.patients'::regclass::oid::text || '/' || 'clinic.sessions'::regclass::oid::text"
            " FROM pg_current_snapshot() AS s"
        ).fetchone()
    assert row is not None
    if row[2] is None or int(row[2]) < CHANGES_VERSION:
        return None
    return ChangeMark(int(row[0]), int(row[1]), str(row[3]))


def changed_patient_uids(conn: Connection, since: int, laptop_uid: str) -> list[str]:
    """The patients with a row written by a transaction of id ``since`` or later (``change_mark``
    of the last pull): their details, signed sessions, private notes (the reader's, by row-level
    security), addenda, and the audit entries of other laptops than ``laptop_uid``. A signed intake
    (its table records no transaction) is pushed with the audit entries of its signing, which mark
    its patient. Their follow-up plans too, on a server of ``PLANS_VERSION`` or later, and their
    screening changes on one of ``SCREENING_VERSION`` or later."""
    with conn.transaction():
        row = conn.execute("SELECT max(version) FROM clinic.migrations").fetchone()
        version = int(row[0]) if row is not None and row[0] is not None else 0
        rows = conn.execute(
            "SELECT uid FROM clinic.patients WHERE changed_in >= %(since)s::text::xid8"
            " UNION SELECT patient_uid FROM clinic.sessions WHERE changed_in >= %(since)s::text::xid8"
            " UNION SELECT s.patient_uid FROM clinic.session_private_notes AS n"
            " JOIN clinic.sessions AS s ON s.uid = n.session_uid WHERE n.changed_in >= %(since)s::text::xid8"
            " UNION SELECT s.patient_uid FROM clinic.addenda AS a JOIN clinic.sessions AS s ON s.uid = a.note_uid"
            " WHERE a.note_kind = 'session' AND a.changed_in >= %(since)s::text::xid8"
            " UNION SELECT note_uid FROM clinic.addenda WHERE note_kind = 'intake'"
            " AND changed_in >= %(since)s::text::xid8"
            " UNION SELECT patient_uid FROM clinic.audit_entries WHERE changed_in >= %(since)s::text::xid8"
            " AND patient_uid IS NOT NULL AND origin <> %(laptop)s"
            + (
                " UNION SELECT patient_uid FROM clinic.plans WHERE changed_in >= %(since)s::text::xid8"
                if version >= PLANS_VERSION
                else ""
            )
            + (
                " UNION SELECT patient_uid FROM clinic.screening_entries WHERE changed_in >= %(since)s::text::xid8"
                if version >= SCREENING_VERSION
                else ""
            ),
            {"since": str(since), "laptop": laptop_uid},
        ).fetchall()
    return sorted(str(r[0]) for r in rows)


def patients_of(conn: Connection, practitioner: str, among: Sequence[str] | None = None) -> set[str]:
    """The patients (of ``among``, or all) with a signed session ``practitioner`` treated or signed,
    their names compared as the laptop compares practitioners' names (``name_key``): a pull of the
    practitioner's own patients takes these besides those the laptop holds. No patient for a role that may
    not read sessions (the front desk)."""
    with conn.transaction():
        row = conn.execute("SELECT has_table_privilege('clinic.sessions', 'SELECT')").fetchone()
        if row is None or not row[0]:
            return set()
        where = "status = 'signed'" + ("" if among is None else " AND patient_uid = ANY(%s::uuid[])")
        rows = conn.execute(
            f"SELECT DISTINCT patient_uid::text, therapist, signed_by FROM clinic.sessions WHERE {where}",
            [] if among is None else [list(among)],
        ).fetchall()
    hers = name_key(practitioner)
    return {str(uid) for uid, therapist, signed_by in rows if hers in (name_key(therapist), name_key(signed_by))}


def trusted_keys(conn: Connection) -> tuple[list[PublicKey], list[str]]:
    """The signing keys pushed by the practitioners they name, and why each other key was left out."""
    kept: list[PublicKey] = []
    left_out: list[str] = []
    with conn.transaction():
        rows = conn.execute(
            "SELECT k.key_id, k.practitioner, k.body, p.name, k.pushed_by FROM clinic.practitioner_keys AS k"
            " LEFT JOIN clinic.practitioners AS p ON p.db_role = k.pushed_by ORDER BY k.key_id"
        ).fetchall()
    for key_id, practitioner, body, pusher, pushed_by in rows:
        public = str((body or {}).get("public_key") or "")
        valid_from = utc_time(str((body or {}).get("valid_from") or ""))
        if pusher != practitioner:
            left_out.append(f"the key {str(key_id)[:16]} named as {practitioner}'s was pushed by the role {pushed_by}")
        elif valid_from is None or not _is_key(public, str(key_id)):
            left_out.append(f"the key {str(key_id)[:16]} of {practitioner} is not a public key with its time")
        else:
            kept.append(PublicKey(str(practitioner), str(key_id), public, valid_from))
    return kept, left_out


def _is_key(public_hex: str, key_id: str) -> bool:
    try:
        return hashlib.sha256(bytes.fromhex(public_hex)).hexdigest() == key_id
    except ValueError:
        return False


def fetch_patients(conn: Connection, patient_uids: Sequence[str], laptop_uid: str) -> list[Inbox]:
    """The patients' details and immutable records as the server holds them, in the order of
    ``patient_uids``, read by eight statements in one read-only snapshot whatever their number (a
    pull reads its patients in batches: ``services.clinic.PULL_BATCH``); those the server has not
    are left out. ``laptop_uid``: this laptop's audit entries are left out (it holds them in its own
    chain)."""
    uids = list(patient_uids)
    with conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        found = conn.execute(
            "SELECT uid::text, details, version FROM clinic.patients WHERE uid = ANY(%s::uuid[])", [uids]
        ).fetchall()
        sessions = conn.execute(
            "SELECT s.patient_uid::text, s.uid::text, s.body, n.text, n.salt FROM clinic.sessions AS s"
            " LEFT JOIN clinic.session_private_notes AS n ON n.session_uid = s.uid"
            " WHERE s.patient_uid = ANY(%s::uuid[]) AND s.status = 'signed' ORDER BY s.started_at, s.uid",
            [uids],
        ).fetchall()
        addenda = conn.execute(
            "SELECT a.note_uid::text, a.body FROM clinic.addenda AS a JOIN clinic.sessions AS s ON s.uid = a.note_uid"
            " WHERE a.note_kind = 'session' AND s.patient_uid = ANY(%s::uuid[]) AND s.status = 'signed'"
            " ORDER BY a.created_at, a.uid",
            [uids],
        ).fetchall()
        intakes = conn.execute(
            "SELECT patient_uid::text, body FROM clinic.intakes"
            " WHERE patient_uid = ANY(%s::uuid[]) AND status = 'signed'",
            [uids],
        ).fetchall()
        intake_addenda = conn.execute(
            "SELECT note_uid::text, body FROM clinic.addenda WHERE note_kind = 'intake' AND note_uid = ANY(%s::uuid[])"
            " ORDER BY created_at, uid",
            [uids],
        ).fetchall()
        plans = conn.execute(
            "SELECT patient_uid::text, uid::text, body, version FROM clinic.plans WHERE patient_uid = ANY(%s::uuid[])"
            " ORDER BY uid",
            [uids],
        ).fetchall()
        screening = conn.execute(
            "SELECT patient_uid::text, body FROM clinic.screening_entries WHERE patient_uid = ANY(%s::uuid[])"
            " ORDER BY body->>'recorded_at', uid",
            [uids],
        ).fetchall()
        audited = conn.execute(
            "SELECT patient_uid::text, uid::text, origin, entry_hash, changed_at, actor, action, entity, entity_uid,"
            " summary, before, after FROM clinic.audit_entries WHERE patient_uid = ANY(%s::uuid[]) AND origin <> %s"
            " ORDER BY changed_at, uid",
            [uids, laptop_uid],
        ).fetchall()
    by_session: dict[str, list[Any]] = {}
    for note_uid, body in addenda:
        by_session.setdefault(note_uid, []).append(body)
    pulled: dict[str, list[dict[str, Any]]] = {}
    for patient_uid, uid, body, text, salt in sessions:
        session = dict(body) if isinstance(body, dict) else {"uid": None}
        if session.get("uid") != uid:  # a body filed under another session's uid: refused on the laptop
            session["uid"] = f"{session.get('uid')} (filed on the server as {uid})"
        session.update(private_notes=text or "", private_notes_salt=salt or "", addenda=by_session.get(uid, []))
        pulled.setdefault(patient_uid, []).append(session)
    entries: dict[str, list[PulledAuditEntry]] = {}
    for (
        patient_uid,
        uid,
        origin,
        entry_hash,
        changed_at,
        actor,
        action,
        entity,
        entity_uid,
        summary,
        before,
        after,
    ) in audited:
        entry = {
            "changed_at": format_utc(changed_at),
            "actor": actor,
            "action": action,
            "entity": entity,
            "entity_uid": entity_uid,
            "summary": summary,
            "before": before,
            "after": after,
        }
        entries.setdefault(patient_uid, []).append(PulledAuditEntry(uid, origin, entry_hash, entry))
    by_patient: dict[str, list[Any]] = {}
    for note_uid, body in intake_addenda:
        by_patient.setdefault(note_uid, []).append(body)
    signed_intakes = {
        uid: {**(body if isinstance(body, dict) else {}), "addenda": by_patient.get(uid, [])} for uid, body in intakes
    }
    by_plans: dict[str, list[ServerPlan]] = {}
    for patient_uid, uid, body, version in plans:
        by_plans.setdefault(patient_uid, []).append(
            ServerPlan(uid, body if isinstance(body, dict) else {}, int(version))
        )
    by_screening: dict[str, list[dict[str, Any]]] = {}
    for patient_uid, body in screening:
        by_screening.setdefault(patient_uid, []).append(body if isinstance(body, dict) else {})
    held = {uid: (details, version) for uid, details, version in found}
    return [
        Inbox(
            uid,
            held[uid][0] if isinstance(held[uid][0], dict) else {},
            tuple(pulled.get(uid, ())),
            tuple(entries.get(uid, ())),
            int(held[uid][1]),
            signed_intakes.get(uid),
            tuple(by_plans.get(uid, ())),
            tuple(by_screening.get(uid, ())),
        )
        for uid in uids
        if uid in held
    ]
