"""``clinic pull`` and ``sync`` (issue 17) with two laptops (two SQLite files) against the real
PostgreSQL server: a session Rahul signs with his own key on his laptop and pushes is pulled by
Meera's laptop, every signature verified first, without Rahul's private notes; a row altered on the
server is refused and nothing of its patient stored; a pull interrupted between patients and run
again ends with everything once; a server that does not answer is a calm message and exit status 3."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import uuid
from pathlib import Path

import pytest
from psycopg.types.json import Jsonb

from cst_notes.domain import keys, record_format
from cst_notes.domain.patient import Patient
from cst_notes.domain.practitioner import Practitioner
from cst_notes.domain.session import Session, sealed_private_notes
from cst_notes.domain.signing import KEYED_SCHEME, sign_keyed, signature_problems
from cst_notes.services import Services
from cst_notes.services.clinic import (
    ServerSession,
    ServerWork,
    join_clinic,
    pull_patients,
    push_patients,
    run_steps,
    sync,
    sync_status,
    sync_steps,
)
from cst_notes.services.clinic_link import SERVER_APART, ClinicLinkServices
from cst_notes.storage import practitioners
from cst_notes.storage.server import pull
from tests.cli.test_cli import run
from tests.clinic.clinic_data import PASSWORD
from tests.clinic.conftest import EmptyDatabase
from tests.conftest import NO_RECORDS_REASON

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
RAHUL, MEERA = "Rahul Sen", "Meera Das"
KEY_PASSPHRASE = "rahul's own words"
PRIVATE = "She spoke of the accident only at the end."


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


def laptop(path: Path, server: EmptyDatabase, who: str, short: str) -> Services:
    """A laptop of one practitioner (the owner of its own file, with a signing key), joined to the clinic."""
    services = Services.open(path)
    services.add_practitioner(Practitioner(who, "owner"), KEY_PASSPHRASE)
    services.sign_in(who, KEY_PASSPHRASE)
    join_clinic(services, server.server.url(f"{server.name}_{short}", server.name), PASSWORD)
    return services


def signed_patient(services: Services, name: str, days: int = 0) -> int:
    """A patient with a session the signed-in Rahul signed with his key (with private notes), an addendum,
    and a draft (which stays on the laptop)."""
    pid = services.create_patient(Patient(name, dt.date(1979, 2, 3))).patient_id
    session = Session(
        NOW + dt.timedelta(days=days),
        therapist=RAHUL,
        subjective="headaches twice a week",
        pain_before=6,
        private_notes=PRIVATE,
        contraindication_override_reason=NO_RECORDS_REASON,
    )
    sid = services.add_session(pid, session).session_id
    services.sign_session(sid, RAHUL, passphrase=KEY_PASSPHRASE)
    services.add_session_addendum(sid, "Pain before was 5, not 6.", RAHUL, passphrase=KEY_PASSPHRASE)
    draft = dataclasses.replace(session, started_at=session.started_at + dt.timedelta(days=7), uid=str(uuid.uuid4()))
    services.add_session(pid, draft)
    return pid


def signed_sessions(services: Services) -> dict[str, Session]:
    """Every signed session the laptop holds, by uid."""
    return {
        s.uid: s
        for pid in services.patient_ids()
        for s in services.record(pid).sessions
        if s.is_signed  # (the record as the signed-in practitioner may read it)
    }


def test_a_session_rahul_signed_and_pushed_is_pulled_by_meera_verified_without_his_private_notes(
    rahul: Services, meera: Services, tmp_path: Path
) -> None:
    pid = signed_patient(rahul, "Lata Roy")
    pushed = push_patients(rahul, [pid], PASSWORD)
    assert (pushed.sessions, pushed.private_notes, pushed.addenda, pushed.keys) == (1, 1, 1, 1)
    [original] = signed_sessions(rahul).values()
    assert original.signature_scheme == KEYED_SCHEME
    assert original.canonical_form == 2

    assert pull_patients(meera, PASSWORD).total == 0  # she holds none of the clinic's patients yet
    pulled = pull_patients(meera, PASSWORD, whole_clinic=True)
    # the session and its addendum, both new to her (as the push counts them)
    assert (pulled.patients, pulled.sessions, pulled.addenda, pulled.refused, pulled.left) == (1, 1, 1, (), ())
    assert pulled.audit_entries == len(rahul.history(pid, limit=10_000))

    [held] = signed_sessions(meera).values()
    assert (held.uid, held.content_hash, held.key_id, held.key_signature) == (
        original.uid,
        original.content_hash,
        original.key_id,
        original.key_signature,
    )
    assert (held.subjective, held.signed_by, held.signed_at) == ("headaches twice a week", RAHUL, original.signed_at)
    assert [a.text for a in held.addenda] == ["Pain before was 5, not 6."]
    assert (held.private_notes, held.private_notes_salt) == ("", "")
    assert held.private_notes_sha256 == original.private_notes_sha256 != ""
    [meera_pid] = meera.patient_ids()
    assert meera.patient(meera_pid).uid == rahul.patient(pid).uid
    keyring = practitioners.keyring(meera._db)
    assert keyring.public_key(original.key_id) is not None
    assert signature_problems(held, "pulled", rahul.patient(pid).uid, keyring) == []
    report = meera.check()
    assert report.problems == ()

    again = pull_patients(meera, PASSWORD, whole_clinic=True)
    assert again.total == 0
    assert len(signed_sessions(meera)) == 1
    meera.close()
    for suffix in ("", "-wal"):
        stored = tmp_path / f"meera.sqlite{suffix}"
        assert not stored.exists() or PRIVATE.encode() not in stored.read_bytes()


def test_rahul_on_a_new_laptop_pulls_his_own_private_notes_back_verified_with_the_key_he_pushed(
    rahul: Services, server: EmptyDatabase, tmp_path: Path
) -> None:
    pid = signed_patient(rahul, "Lata Roy")
    push_patients(rahul, [pid], PASSWORD)
    [original] = signed_sessions(rahul).values()
    fresh = Services.open(tmp_path / "new-laptop.sqlite")
    try:
        join_clinic(fresh, server.server.url(f"{server.name}_rahul", server.name), PASSWORD)
        pulled = pull_patients(fresh, PASSWORD, whole_clinic=True)
        assert (pulled.sessions, pulled.refused) == (1, ())
        [held] = signed_sessions(fresh).values()
        assert (held.private_notes, held.private_notes_salt) == (PRIVATE, original.private_notes_salt)
        assert fresh.check().problems == ()
    finally:
        fresh.close()


def test_a_session_altered_on_the_server_is_refused_and_nothing_of_its_patient_is_stored(
    rahul: Services,
    meera: Services,
    server: EmptyDatabase,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pid = signed_patient(rahul, "Lata Roy")
    push_patients(rahul, [pid], PASSWORD)
    [original] = signed_sessions(rahul).values()
    with server.superuser() as su:  # what only someone above every guard could do
        su.execute("ALTER TABLE clinic.sessions DISABLE TRIGGER USER")
        su.execute(
            "UPDATE clinic.sessions SET body = jsonb_set(body, '{pain_before}', '2') WHERE uid = %s", [original.uid]
        )
        su.execute("ALTER TABLE clinic.sessions ENABLE TRIGGER USER")

    pulled = pull_patients(meera, PASSWORD, whole_clinic=True)
    [refusal] = pulled.refused
    assert refusal.startswith(f"Lata Roy (patient {rahul.patient(pid).uid}): nothing pulled, it does not verify: ")
    assert f"session {original.uid}" in refusal
    assert "no longer matches the signature" in refusal
    assert (pulled.patients, pulled.sessions, pulled.audit_entries) == (0, 0, 0)
    assert meera.patient_ids() == []
    assert practitioners.keyring(meera._db).public_key(original.key_id) is None

    meera.close()
    monkeypatch.setenv("CST_NOTES_CLINIC_PASSWORD", PASSWORD)
    monkeypatch.setenv("CST_NOTES_USER", MEERA)
    monkeypatch.setenv("CST_NOTES_PASSPHRASE", KEY_PASSPHRASE)
    code, out, err = run(capsys, "clinic", "pull", "--db", str(tmp_path / "meera.sqlite"), "--whole-clinic")
    assert (code, out) == (1, "")
    assert "refused: Lata Roy (patient " in err
    assert "Traceback" not in err


def test_a_key_pushed_in_someone_elses_name_is_not_trusted(
    rahul: Services, meera: Services, server: EmptyDatabase
) -> None:
    pid = signed_patient(rahul, "Lata Roy")
    push_patients(rahul, [pid], PASSWORD)
    rahuls_role = f"{server.name}_rahul"
    forged = keys.public_key(keys.new_private_key())
    with server.connect(f"{server.name}_meera", PASSWORD) as conn:
        conn.execute(  # pushed_by written out as Rahul's: the server sets it to who connected
            "INSERT INTO clinic.practitioner_keys (key_id, practitioner, body, pushed_by) VALUES (%s, %s, %s, %s)",
            [
                keys.key_id(forged),
                RAHUL,
                Jsonb({"public_key": forged.hex(), "valid_from": "2026-01-01T00:00:00Z"}),
                rahuls_role,
            ],
        )
        trusted, left_out = pull.trusted_keys(conn)
    assert [k.key_id for k in trusted] == [signed_sessions(rahul).popitem()[1].key_id]
    assert left_out == [
        f"the key {keys.key_id(forged)[:16]} named as {RAHUL}'s was pushed by the role {server.name}_meera"
    ]
    pulled = pull_patients(meera, PASSWORD, whole_clinic=True)
    assert pulled.left == (f"{left_out[0]}: not trusted, so what it signed does not verify",)
    assert pulled.sessions == 1  # what Rahul signed with his own key is pulled


def test_a_pull_interrupted_between_patients_then_run_again_completes_with_each_record_once(
    rahul: Services, meera: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = [signed_patient(rahul, name, days=n) for n, name in enumerate(("Lata Roy", "Anil Roy", "Mina Roy"))]
    push_patients(rahul, pids, PASSWORD)
    stored = ClinicLinkServices.store_pulled
    calls = 0

    def killed_after_the_first(self: Services, *args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise KeyboardInterrupt  # the laptop's pull stopped between two patients
        return stored(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ClinicLinkServices, "store_pulled", killed_after_the_first)
    with pytest.raises(KeyboardInterrupt):
        pull_patients(meera, PASSWORD, whole_clinic=True)
    assert len(meera.patient_ids()) == 1
    assert len(signed_sessions(meera)) == 1
    monkeypatch.setattr(ClinicLinkServices, "store_pulled", stored)

    pulled = pull_patients(meera, PASSWORD, whole_clinic=True)
    assert (pulled.patients, pulled.sessions, pulled.refused) == (2, 2, ())
    assert sorted(signed_sessions(meera)) == sorted(signed_sessions(rahul))
    assert sorted(meera.patient(p).uid for p in meera.patient_ids()) == sorted(rahul.patient(p).uid for p in pids)
    assert pull_patients(meera, PASSWORD, whole_clinic=True).total == 0


def test_a_sync_stores_at_most_one_pulled_patient_between_two_server_steps(rahul: Services, meera: Services) -> None:
    """The app runs a sync's server steps in a worker thread and this laptop's part on the window's
    thread between them: a pull stores one patient at a time there, never a whole batch read from the
    server at once, so a keystroke waits for one patient at most."""
    pids = [signed_patient(rahul, name, days=n) for n, name in enumerate(("Lata Roy", "Anil Roy", "Mina Roy"))]
    push_patients(rahul, pids, PASSWORD)
    link = meera.clinic_link()
    assert link is not None
    server = ServerSession(link, PASSWORD)
    held: list[int] = []

    def run(work: ServerWork) -> object:
        held.append(len(meera.patient_ids()))  # what the window's thread did since the last server step
        return server.run(work)

    told: list[tuple[str, int, int]] = []
    try:
        synced = run_steps(sync_steps(meera, whole_clinic=True, progress=lambda *a: told.append(a)), run)
    finally:
        server.close()
    assert synced.pulled.patients == 3  # the three fetched in one batch (PULL_BATCH)
    assert told == [("pulled", 1, 3), ("pulled", 2, 3), ("pulled", 3, 3)]  # nothing of hers to push
    held.append(len(meera.patient_ids()))
    assert [b - a for a, b in itertools.pairwise(held) if b != a] == [1, 1, 1]


def test_each_patient_pulled_is_one_commit_of_its_sessions_audit_entries_and_details(
    rahul: Services, meera: Services
) -> None:
    """A pull writes each patient in one transaction (its records stored, then its details and plans
    reconciled): one commit, so one sync of the file to the disk, per patient."""
    pids = [signed_patient(rahul, name, days=n) for n, name in enumerate(("Lata Roy", "Anil Roy", "Mina Roy"))]
    push_patients(rahul, pids, PASSWORD)
    sent: list[str] = []
    meera._db.conn.set_trace_callback(sent.append)
    try:
        pulled = pull_patients(meera, PASSWORD, whole_clinic=True)
    finally:
        meera._db.conn.set_trace_callback(None)
    assert (pulled.patients, pulled.sessions, pulled.refused) == (3, 3, ())
    commits = [s for s in sent if s.strip().upper() in ("COMMIT", "END")]
    assert len(commits) == 3 + 2  # each patient's, and the pull's mark and its record of itself
    assert len(signed_sessions(meera)) == 3


def test_sync_pushes_then_pulls_and_its_status_counts_the_changes_waiting(rahul: Services, meera: Services) -> None:
    assert sync_status(rahul, PASSWORD).last_synced is None
    pid = signed_patient(rahul, "Lata Roy")
    waiting = sync_status(rahul, PASSWORD)
    assert (waiting.joined, waiting.reachable) == (True, True)
    assert waiting.changes_waiting == len(rahul.history(limit=10_000))
    done = sync(rahul, PASSWORD)
    assert (done.pushed.sessions, done.pulled.total) == (1, 0)
    after = sync_status(rahul, PASSWORD)
    assert after.changes_waiting == 0
    assert after.last_synced is not None
    rahul.update_patient(dataclasses.replace(rahul.patient(pid), phone="+91 98300 00000"))
    assert sync_status(rahul, PASSWORD, ask_server=False).changes_waiting == 1
    refused = sync_status(rahul, "not his password")
    assert (refused.reachable, refused.changes_waiting) == (True, 1)
    assert "password authentication failed" in refused.reason

    got = sync(meera, PASSWORD, whole_clinic=True)
    assert (got.pushed.sessions, got.pushed.details, got.pulled.sessions) == (0, 0, 1)  # her pull's audit entries only
    assert sync_status(meera, PASSWORD, ask_server=False).changes_waiting == 0


def test_the_cli_syncs_and_working_offline_is_a_calm_message_and_exit_status_3(
    server: EmptyDatabase,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "rahul.sqlite"
    services = laptop(path, server, RAHUL, "rahul")
    try:
        signed_patient(services, "Lata Roy")
    finally:
        services.close()
    monkeypatch.setenv("CST_NOTES_CLINIC_PASSWORD", PASSWORD)
    monkeypatch.setenv("CST_NOTES_USER", RAHUL)
    monkeypatch.setenv("CST_NOTES_PASSPHRASE", KEY_PASSPHRASE)
    code, out, err = run(capsys, "sync", "--db", str(path))
    assert (code, err) == (0, "")
    assert out.startswith("pushed 1 signed sessions, 1 private notes, 1 addenda and ")
    assert "; pulled 0 signed sessions, 0 addenda and 0 audit entries new to this laptop" in out
    code, out, err = run(capsys, "clinic", "status", "--db", str(path))
    assert (code, err) == (0, "")
    assert out.startswith("last synced: ")
    assert out.endswith("; changes waiting: 0; the server answers\n")

    services = Services.open(path)
    try:
        services.sign_in(RAHUL, KEY_PASSPHRASE)
        link = services.clinic_link()
        assert link is not None
        services.link_clinic(dataclasses.replace(link, server="postgresql://nobody@127.0.0.1:1/clinic"))
    finally:
        services.close()
    code, out, err = run(capsys, "sync", "--db", str(path))
    assert (code, out) == (3, "")
    assert err.startswith("cst-notes sync: working offline: cannot reach the clinic server ")
    assert err.endswith("Nothing was lost; the changes wait for the next sync\n")
    assert "Traceback" not in err
    code, out, err = run(capsys, "clinic", "status", "--db", str(path))
    assert code == 3
    assert "the server does not answer" in err


def test_a_session_meera_forged_in_rahuls_name_with_a_key_of_her_own_is_refused(
    rahul: Services, server: EmptyDatabase, tmp_path: Path
) -> None:
    pid = signed_patient(rahul, "Lata Roy")
    push_patients(rahul, [pid], PASSWORD)
    patient_uid = rahul.patient(pid).uid
    forged_key = keys.new_private_key()
    at = NOW + dt.timedelta(hours=2)
    note = sealed_private_notes(
        Session(NOW, therapist=RAHUL, subjective="no headaches", contraindication_override_reason=NO_RECORDS_REASON),
        "",
    )
    signature = sign_keyed(note, patient_uid, RAHUL, at, forged_key)
    forged = dataclasses.replace(note, status="signed", **{k: v for k, v in vars(signature).items()})
    body = {k: v for k, v in record_format.encode(forged).items() if k not in SERVER_APART}
    public = keys.public_key(forged_key)
    with server.connect(f"{server.name}_meera", PASSWORD) as conn:
        conn.execute(
            "INSERT INTO clinic.practitioner_keys (key_id, practitioner, body) VALUES (%s, %s, %s)",
            [keys.key_id(public), RAHUL, Jsonb({"public_key": public.hex(), "valid_from": "2026-01-01T00:00:00Z"})],
        )
        conn.execute(
            "INSERT INTO clinic.sessions (uid, patient_uid, therapist, started_at, status, signed_at, signed_by,"
            " content_hash, body) VALUES (%s, %s, %s, %s, 'signed', %s, %s, %s, %s)",
            [forged.uid, patient_uid, RAHUL, NOW, at, RAHUL, forged.content_hash, Jsonb(body)],
        )
    elsewhere = Services.open(tmp_path / "front-laptop.sqlite")  # a laptop of no practitioners yet
    try:
        join_clinic(elsewhere, server.server.url(f"{server.name}_ana", server.name), PASSWORD)
        pulled = pull_patients(elsewhere, PASSWORD, whole_clinic=True)
        [refusal] = pulled.refused
        assert f"session {forged.uid} of patient {patient_uid}" in refusal
        assert f"signed with key {keys.key_id(public)[:16]}, which this database does not hold" in refusal
        assert elsewhere.patient_ids() == []
    finally:
        elsewhere.close()


def test_an_addendum_made_after_a_session_was_pulled_reaches_the_laptop_that_holds_it(
    rahul: Services, meera: Services
) -> None:
    pid = signed_patient(rahul, "Lata Roy")
    sync(rahul, PASSWORD)
    sync(meera, PASSWORD, whole_clinic=True)
    [(uid, original)] = signed_sessions(rahul).items()
    rahul.add_session_addendum(original.id or 0, "Seen again by phone: better.", RAHUL, passphrase=KEY_PASSPHRASE)
    sync(rahul, PASSWORD)
    done = sync(meera, PASSWORD)
    assert (done.pulled.sessions, done.pulled.addenda, done.pulled.refused) == (0, 1, ())
    assert [a.text for a in signed_sessions(meera)[uid].addenda] == [
        "Pain before was 5, not 6.",
        "Seen again by phone: better.",
    ]
    assert rahul.patient(pid).uid in {meera.patient(p).uid for p in meera.patient_ids()}
