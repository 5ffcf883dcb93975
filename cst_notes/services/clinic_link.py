"""The laptop's side of the clinic (issue 17): its link to the clinic server, and what it pushes
there, read from the laptop's own database. No psycopg here: ``services.clinic`` talks to the server."""

from __future__ import annotations

from typing import Any

from cst_notes.domain import access, record_format
from cst_notes.domain import audit as A
from cst_notes.domain.access import Can
from cst_notes.domain.clinic import AuditItem, ClinicLink, Outbox, SignedSession
from cst_notes.domain.session import SIGNED
from cst_notes.services.base import Changed, RecordKind, ServiceBase, requires
from cst_notes.storage import audit, clinic_link

# Left out of a session's body on the server: its private notes have a table of their own (row-level
# security), its addenda too (immutable, merged by uid).
SERVER_APART = ("private_notes", "addenda")


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

    @requires(Can.READ_CLINICAL)
    def clinic_outbox(self, patient_id: int, reader: str) -> Outbox:
        """Patient ``patient_id``'s signed sessions (private notes only when ``reader`` wrote them),
        their addenda and the patient's audit entries with their chain hashes."""
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
                )
            )
        entries = audit.history(self._db, patient_id, limit=1_000_000)
        hashes = audit.entry_hashes(self._db, [e.id for e in entries if e.id is not None])
        items = tuple(
            AuditItem(hashes[e.id], _audit_dict(e)) for e in reversed(entries) if e.id is not None and e.id in hashes
        )
        return Outbox(record.patient.uid, record_format.encode(record.patient), tuple(sessions), items)


def _without_private_notes(state: Any) -> Any:
    """Every clinical role on the server reads audit entries: a session's private notes stay out of them."""
    if isinstance(state, dict) and state.get("private_notes"):
        return {**state, "private_notes": ""}
    return state


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
        "before": _without_private_notes(e.before),
        "after": _without_private_notes(e.after),
    }
