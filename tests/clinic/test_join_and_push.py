"""``clinic join`` keeps the server's address (never a password) in the laptop's database; ``clinic
push`` sends a patient's signed sessions, addenda and audit entries to the server by uid, as a
union: a second push adds nothing, and the private notes reach only their author."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from pathlib import Path

import pytest

from cst_notes.domain.clinic import addendum_uid
from cst_notes.domain.patient import Patient
from cst_notes.domain.session import Session
from cst_notes.services import Services
from cst_notes.services.clinic import ClinicServerError, join_clinic, push_patients
from tests.cli.test_cli import run
from tests.clinic.clinic_data import PASSWORD
from tests.clinic.conftest import EmptyDatabase
from tests.conftest import NO_RECORDS_REASON

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
PRIVATE = "She mentioned the accident only at the end."


def rahuls_laptop(services: Services) -> tuple[int, str, str]:
    """A patient with a session Rahul signed (with private notes) and an addendum; a draft too."""
    pid = services.create_patient(Patient("Lata Roy", dt.date(1979, 2, 3))).patient_id
    session = Session(
        NOW,
        therapist="Rahul Sen",
        subjective="headaches twice a week",
        pain_before=6,
        private_notes=PRIVATE,
        contraindication_override_reason=NO_RECORDS_REASON,
    )
    sid = services.add_session(pid, session).session_id
    services.sign_session(sid, "Rahul Sen")
    services.add_session_addendum(sid, "Pain before was 5, not 6.", "Rahul Sen")
    services.add_session(
        pid, dataclasses.replace(session, started_at=NOW + dt.timedelta(days=7), uid=str(uuid.uuid4()))
    )
    return pid, services.patient(pid).uid, services.session(sid).uid


def test_join_keeps_the_address_without_the_password_then_push_is_a_union(
    server: EmptyDatabase, file_services: Services, db_path: Path
) -> None:
    pid, patient_uid, session_uid = rahuls_laptop(file_services)
    rahul = f"{server.name}_rahul"
    link = join_clinic(file_services, server.server.url(rahul, server.name), PASSWORD)
    assert (link.db_role, link.practitioner) == (rahul, "Rahul Sen")
    assert file_services.clinic_link() == link
    assert link.server == f"postgresql://{rahul}@/{server.name}?host={server.server.socket_folder}"

    first = push_patients(file_services, [pid], PASSWORD)
    history = file_services.history(pid, limit=10_000)
    assert (first.sessions, first.private_notes, first.addenda, first.audit_entries) == (1, 1, 1, len(history))
    again = push_patients(file_services, [pid], PASSWORD)
    assert again.total == 0

    stored = file_services.session(file_services.record(pid).sessions[0].id or 0)
    with server.connect(f"{server.name}_meera", PASSWORD) as meera:
        rows = meera.execute("SELECT uid::text, status, content_hash, body FROM clinic.sessions").fetchall()
        addenda = meera.execute("SELECT uid, note_uid::text, body->>'text' FROM clinic.addenda").fetchall()
        audited = meera.execute("SELECT count(*) FROM clinic.audit_entries WHERE patient_uid = %s", [patient_uid])
        audit_count = audited.fetchone()
        assert meera.execute("SELECT * FROM clinic.session_private_notes").fetchall() == []
        leaked = meera.execute("SELECT count(*) FROM clinic.audit_entries WHERE after::text LIKE %s", [f"%{PRIVATE}%"])
        assert leaked.fetchone() == (0,)
    signed = [s for s in file_services.record(pid).sessions if s.status == "signed"]
    assert rows == [(session_uid, "signed", signed[0].content_hash, rows[0][3])]  # the draft stays on the laptop
    body = rows[0][3]
    assert isinstance(body, dict)
    assert body["subjective"] == "headaches twice a week"
    assert "private_notes" not in body
    assert addenda == [(addendum_uid(stored.addenda[0].content_hash), session_uid, "Pain before was 5, not 6.")]
    assert audit_count == (len(history),)
    with server.connect(rahul, PASSWORD) as conn:
        assert conn.execute("SELECT text FROM clinic.session_private_notes").fetchall() == [(PRIVATE,)]

    assert PASSWORD.encode() not in db_path.read_bytes()
    for suffix in ("-wal", "-shm"):
        extra = db_path.with_name(db_path.name + suffix)
        assert not extra.exists() or PASSWORD.encode() not in extra.read_bytes()


def test_join_as_a_role_that_is_no_practitioner_is_refused_and_keeps_nothing(
    server: EmptyDatabase, file_services: Services
) -> None:
    with pytest.raises(ClinicServerError, match=f"the role {server.owner} is no practitioner of this clinic"):
        join_clinic(file_services, server.url)
    assert file_services.clinic_link() is None


def test_join_a_remote_server_without_tls_is_refused_before_connecting(file_services: Services) -> None:
    with pytest.raises(ClinicServerError, match="sslmode=disable would let patients' records cross the network"):
        join_clinic(file_services, "postgresql://rahul@192.0.2.1/clinic?sslmode=disable", "x")
    assert file_services.clinic_link() is None


def test_push_before_joining_says_how_to_join(file_services: Services) -> None:
    with pytest.raises(ClinicServerError, match="this laptop has joined no clinic: cst-notes clinic join"):
        push_patients(file_services, [], None)


def test_the_cli_joins_and_pushes(
    server: EmptyDatabase, db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    services = Services.open(db_path)
    try:
        _, patient_uid, _ = rahuls_laptop(services)
    finally:
        services.close()
    monkeypatch.setenv("CST_NOTES_CLINIC_PASSWORD", PASSWORD)
    rahul = f"{server.name}_rahul"
    code, out, err = run(
        capsys, "clinic", "join", "--db", str(db_path), "--server", server.server.url(rahul, server.name)
    )
    assert (code, err) == (0, "")
    assert out.startswith(f"joined the clinic at postgresql://{rahul}@/{server.name}?host=")
    code, out, err = run(capsys, "clinic", "push", "--db", str(db_path), "--patient", patient_uid)
    assert (code, err) == (0, "")
    assert out.startswith("pushed 1 signed sessions, 1 private notes, 1 addenda and ")
    code, out, err = run(capsys, "clinic", "push", "--db", str(db_path))
    assert (code, err, out) == (
        0,
        "",
        "pushed 0 signed sessions, 0 private notes, 0 addenda and 0 audit entries new to the server (1 patients)\n",
    )
    code, out, err = run(capsys, "clinic", "push", "--db", str(db_path), "--patient", str(uuid.uuid4()))
    assert (code, out) == (1, "")
    assert "nothing was pushed" in err
