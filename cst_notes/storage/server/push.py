"""The push of a patient's immutable records to the clinic server: their signed sessions, addenda
and audit entries, and the pusher's public signing keys (which verify their signatures on pull),
by uid, as a union (``INSERT … ON CONFLICT DO NOTHING``): what the server already has is left as
it is, so pushing twice, or from two laptops, adds each record once. One transaction: a push
interrupted leaves nothing half-written.

A signed intake is added the same way, one per patient: the first signed one the server takes
stays, and this laptop's addenda go under it only when it is the same intake.

So are the patient's contraindication screening changes, each a dated event never changed.

The patient's details, and each of their follow-up plans, are added when the server has none (at
version 1). A change to them is
written compare-and-set: as the next version only while the server is still at the version this
laptop last synced at (``UPDATE … WHERE version = base``); when the server moved on, nothing is
written, and the pull that follows keeps both versions as a conflict for a person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from cst_notes.domain.clinic import (
    AuditItem,
    Outbox,
    PlanOut,
    SignedIntake,
    SignedSession,
    addendum_uid,
    audit_entry_uid,
)
from cst_notes.domain.keys import PublicKey
from cst_notes.domain.record_format import format_utc

Connection = psycopg.Connection[tuple[Any, ...]]


@dataclass(frozen=True)
class Pushed:
    """How many records the server did not have before the push, of each kind."""

    sessions: int = 0
    private_notes: int = 0
    addenda: int = 0
    audit_entries: int = 0
    keys: int = 0  # the pusher's signing keys new to the server
    details: int = 0  # patients whose details the server took (new there, or their next version)
    versions: tuple[tuple[str, int], ...] = ()  # (patient uid, the server's version now) of those
    intakes: int = 0  # signed intakes new to the server
    plans: int = 0  # follow-up plans the server took (new there, or their next version)
    plan_versions: tuple[tuple[str, int], ...] = ()  # (plan uid, the server's version now) of those
    screening: int = 0  # contraindication screening changes new to the server
    settings: int = 0  # 1: the server took the clinic-wide settings (new there, or their next version)

    @property
    def total(self) -> int:
        counted = (self.sessions, self.private_notes, self.addenda, self.audit_entries, self.keys, self.details)
        return sum(counted) + self.intakes + self.plans + self.screening + self.settings

    def __add__(self, other: Pushed) -> Pushed:
        return Pushed(*(a + b for a, b in zip(vars(self).values(), vars(other).values(), strict=True)))


def _json(value: Any) -> Jsonb | None:
    return None if value is None else Jsonb(value)


def key_body(k: PublicKey) -> dict[str, str]:
    """A key history row as ``clinic.practitioner_keys.body`` holds it."""
    return {"public_key": k.public_key, "valid_from": format_utc(k.valid_from)}


def _added(conn: Connection, query: str, params: Sequence[Any]) -> int:
    return conn.execute(query, params).rowcount


def _all_added(conn: Connection, query: str, rows: Sequence[Sequence[Any]]) -> int:
    """``query`` for each of ``rows``, sent together (psycopg's ``executemany`` pipelines them: one
    round trip to the server for all, not one each); how many rows the server did not have."""
    if not rows:
        return 0
    with conn.cursor() as cursor:
        cursor.executemany(query, rows)
        return cursor.rowcount


def push_patient(conn: Connection, outbox: Outbox, laptop_uid: str) -> Pushed:
    """Push ``outbox`` to the server; returns what was new there. Each kind of record goes in one
    pipelined statement: a first push, or the pull's audit entries sent back, are thousands of rows,
    and a server across the network answers each round trip in a millisecond or more."""
    sessions, patient_uid = outbox.sessions, outbox.patient_uid
    intakes = intake_addenda = 0
    with conn.transaction():
        keys = _all_added(
            conn,
            "INSERT INTO clinic.practitioner_keys (key_id, practitioner, body) VALUES (%s, %s, %s)"
            " ON CONFLICT (key_id) DO NOTHING",
            [[k.key_id, k.practitioner, Jsonb(key_body(k))] for k in outbox.keys],
        )
        version = push_details(conn, outbox)
        new_sessions = _all_added(
            conn,
            "INSERT INTO clinic.sessions (uid, patient_uid, therapist, started_at, status, signed_at, signed_by,"
            " content_hash, body) VALUES (%s, %s, %s, %s, 'signed', %s, %s, %s, %s) ON CONFLICT (uid) DO NOTHING",
            [_session_row(s, patient_uid) for s in sessions],
        )
        private_notes = _all_added(
            conn,
            "INSERT INTO clinic.session_private_notes (session_uid, text, salt) VALUES (%s, %s, %s)"
            " ON CONFLICT (session_uid) DO NOTHING",
            [[s.uid, s.private_notes, s.private_notes_salt] for s in sessions if s.private_notes],
        )
        addenda = _all_added(
            conn, _ADDENDUM_SQL, [_addendum_row("session", s.uid, a) for s in sessions for a in s.addenda]
        )
        if outbox.intake is not None:
            intakes, intake_addenda = push_intake(conn, patient_uid, outbox.intake)
        plan_versions = push_plans(conn, patient_uid, outbox.plans)
        screening = _all_added(
            conn,
            "INSERT INTO clinic.screening_entries (uid, patient_uid, body) VALUES (%s, %s, %s)"
            " ON CONFLICT (uid) DO NOTHING",
            [[change["uid"], patient_uid, Jsonb(change)] for change in outbox.screening],
        )
        audit_entries = _all_added(
            conn,
            "INSERT INTO clinic.audit_entries (uid, origin, entry_hash, changed_at, actor, action, entity,"
            " entity_uid, patient_uid, summary, before, after)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
            [_audit_row(item, laptop_uid, patient_uid) for item in outbox.audit_entries],
        )
    return Pushed(
        sessions=new_sessions,
        private_notes=private_notes,
        addenda=addenda + intake_addenda,
        audit_entries=audit_entries,
        keys=keys,
        details=int(version is not None),
        versions=() if version is None else ((patient_uid, version),),
        intakes=intakes,
        plans=len(plan_versions),
        plan_versions=plan_versions,
        screening=screening,
    )


_ADDENDUM_SQL = (
    "INSERT INTO clinic.addenda (uid, note_kind, note_uid, author, created_at, content_hash, body)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING"
)


def _addendum_row(note_kind: str, note_uid: str, a: dict[str, Any]) -> list[Any]:
    return [
        addendum_uid(a["content_hash"]),
        note_kind,
        note_uid,
        a["author"],
        a["created_at"],
        a["content_hash"],
        Jsonb(a),
    ]


def _session_row(s: SignedSession, patient_uid: str) -> list[Any]:
    return [s.uid, patient_uid, s.therapist, s.started_at, s.signed_at, s.signed_by, s.content_hash, Jsonb(s.body)]


def _audit_row(item: AuditItem, laptop_uid: str, patient_uid: str) -> list[Any]:
    e = item.entry
    return [
        audit_entry_uid(laptop_uid, item.entry_hash),
        laptop_uid,
        item.entry_hash,
        e["changed_at"],
        e["actor"],
        e["action"],
        e["entity"],
        e["entity_uid"],
        patient_uid,
        e["summary"],
        _json(e["before"]),
        _json(e["after"]),
    ]


def push_plans(conn: Connection, patient_uid: str, plans: Sequence[PlanOut]) -> tuple[tuple[str, int], ...]:
    """Write each plan where the server has none (version 1), or as the next version when it changed
    here and the server is still at its base version (compare-and-set, as ``push_details``); the
    (uid, version now) of those the server took. A plan the server moved on is left as it is there:
    the pull that follows keeps both versions as a conflict."""
    taken: list[tuple[str, int]] = []
    for plan in plans:
        if plan.base_version is None:
            added = conn.execute(
                "INSERT INTO clinic.plans (uid, patient_uid, body) VALUES (%s, %s, %s) ON CONFLICT (uid) DO NOTHING",
                [plan.uid, patient_uid, Jsonb(plan.body)],
            ).rowcount
            if added:
                taken.append((plan.uid, 1))
        else:
            row = None
            if plan.changed:
                row = conn.execute(
                    "UPDATE clinic.plans SET body = %s, version = version + 1"
                    " WHERE uid = %s AND patient_uid = %s AND version = %s RETURNING version",
                    [Jsonb(plan.body), plan.uid, patient_uid, plan.base_version],
                ).fetchone()
            if row is None:  # the server moved on; or lost the plan (put back from a backup)
                row = conn.execute(
                    "INSERT INTO clinic.plans (uid, patient_uid, body, version) VALUES (%s, %s, %s, %s)"
                    " ON CONFLICT (uid) DO NOTHING RETURNING version",
                    [plan.uid, patient_uid, Jsonb(plan.body), plan.base_version + int(plan.changed)],
                ).fetchone()
            if row is not None:
                taken.append((plan.uid, int(row[0])))
    return tuple(taken)


def push_intake(conn: Connection, patient_uid: str, intake: SignedIntake) -> tuple[int, int]:
    """Add the patient's signed intake where the server has none, and its addenda new there when
    the server's intake is this one (the same content hash): an intake signed on another laptop
    first is left as it is, and this one's addenda are not filed under it (the pull says so).
    Returns (intakes, addenda) new to the server."""
    added = _added(
        conn,
        "INSERT INTO clinic.intakes (patient_uid, status, signed_at, signed_by, content_hash, body)"
        " VALUES (%s, 'signed', %s, %s, %s, %s) ON CONFLICT (patient_uid) DO NOTHING",
        [patient_uid, intake.signed_at, intake.signed_by, intake.content_hash, Jsonb(intake.body)],
    )
    row = conn.execute(
        "SELECT status, content_hash FROM clinic.intakes WHERE patient_uid = %s", [patient_uid]
    ).fetchone()
    if row != ("signed", intake.content_hash):
        return added, 0
    return added, _all_added(conn, _ADDENDUM_SQL, [_addendum_row("intake", patient_uid, a) for a in intake.addenda])


def push_details(conn: Connection, outbox: Outbox) -> int | None:
    """Write the patient's details where the server has none (version 1), or as the next version
    when they changed here and the server is still at the base version; the server's version now,
    or None when nothing was written (unchanged, or the server moved on: never overwritten). A
    server that lost them (put back from a backup older than the laptop's last sync) gets them back
    at the version the laptop last synced (the next one when they changed here): versions never go
    back, and another laptop's change from that version is still written, or kept as a conflict."""
    if outbox.base_version is None:
        added = conn.execute(
            "INSERT INTO clinic.patients (uid, details) VALUES (%s, %s) ON CONFLICT (uid) DO NOTHING",
            [outbox.patient_uid, Jsonb(outbox.patient)],
        ).rowcount
        return 1 if added else None
    row = None
    if outbox.details_changed:
        row = conn.execute(
            "UPDATE clinic.patients SET details = %s, version = version + 1 WHERE uid = %s AND version = %s"
            " RETURNING version",
            [Jsonb(outbox.patient), outbox.patient_uid, outbox.base_version],
        ).fetchone()
    if row is None:  # unchanged, or the server moved on; or it lost the patient (put back from a backup)
        row = conn.execute(
            "INSERT INTO clinic.patients (uid, details, version) VALUES (%s, %s, %s) ON CONFLICT (uid) DO NOTHING"
            " RETURNING version",
            [outbox.patient_uid, Jsonb(outbox.patient), outbox.base_version + int(outbox.details_changed)],
        ).fetchone()
    return None if row is None else int(row[0])
