"""The sync moves only what changed (issue 17, sync speed), and misses nothing: a push sends the
patients changed since the last push the server took, again after a sync cut short before or after
the server's commit; a pull reads the patients the server changed since the last pull that
finished, a transaction that began before that pull and committed after it included."""

from __future__ import annotations

import contextlib
import datetime as dt
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from cst_notes.domain.patient import Patient
from cst_notes.domain.plan import FollowUpPlan
from cst_notes.domain.session import Session
from cst_notes.services import Services
from cst_notes.services import clinic as clinic_services
from cst_notes.services.clinic import ClinicUnreachable, pull_patients, push_patients, sync
from cst_notes.services.clinic_link import ClinicLinkServices
from cst_notes.storage.server import connection, pull, push
from tests.clinic.clinic_data import PASSWORD
from tests.clinic.conftest import EmptyDatabase
from tests.clinic.test_pull import signed_patient, signed_sessions


def uid_of(services: Services, pid: int) -> str:
    return services.patient(pid).uid


def test_a_sync_pushes_only_the_patients_changed_since_the_last_push(rahul: Services) -> None:
    pids = [signed_patient(rahul, name, days=n) for n, name in enumerate(("Lata Roy", "Anil Roy", "Mina Roy"))]
    assert rahul.patients_to_push() == sorted(pids, key=rahul.patient_ids().index)
    assert sync(rahul, PASSWORD).pushed.sessions == 3
    assert rahul.patients_to_push() == []
    assert sync(rahul, PASSWORD).pushed.total == 0
    signed_patient(rahul, "Ravi Roy", days=9)
    assert [rahul.patient(p).full_name for p in rahul.patients_to_push()] == ["Ravi Roy"]
    assert sync(rahul, PASSWORD).pushed.sessions == 1


def test_a_sync_cut_short_before_the_servers_commit_sends_its_changes_again(
    rahul: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    sync(rahul, PASSWORD)
    signed_patient(rahul, "Lata Roy")

    def lost(conn: connection.Connection, **_: object) -> object:
        conn.execute("SELECT 1")
        raise psycopg.OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(clinic_services, "_push_one", lost)
    with pytest.raises(ClinicUnreachable):
        sync(rahul, PASSWORD)
    monkeypatch.undo()
    assert len(rahul.patients_to_push()) == 1
    assert sync(rahul, PASSWORD).pushed.sessions == 1
    assert rahul.patients_to_push() == []


def test_a_sync_killed_after_the_servers_commit_sends_its_changes_again(
    rahul: Services, meera: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    sync(rahul, PASSWORD)
    pid = signed_patient(rahul, "Lata Roy")
    record = ClinicLinkServices.record_sync

    def killed(self: Services, kind: str, *args: object) -> None:
        if kind == "sync":
            raise KeyboardInterrupt  # the laptop stopped after the server's commit, before keeping its mark
        record(self, kind, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ClinicLinkServices, "record_sync", killed)
    with pytest.raises(KeyboardInterrupt):
        sync(rahul, PASSWORD)
    monkeypatch.undo()
    assert rahul.patients_to_push() == [pid]  # sent again: the server adds nothing twice
    again = sync(rahul, PASSWORD)
    assert (again.pushed.sessions, again.pushed.addenda) == (0, 0)
    assert rahul.patients_to_push() == []
    sync(meera, PASSWORD, whole_clinic=True)
    assert set(signed_sessions(meera)) == set(signed_sessions(rahul))


def test_a_pull_reads_only_the_patients_changed_on_the_server_since_the_last_one(
    rahul: Services, meera: Services, fetched: list[str]
) -> None:
    pids = [signed_patient(rahul, name, days=n) for n, name in enumerate(("Lata Roy", "Anil Roy", "Mina Roy"))]
    sync(rahul, PASSWORD)
    fetched.clear()
    pull_patients(meera, PASSWORD, whole_clinic=True)
    assert sorted(fetched) == sorted(uid_of(rahul, p) for p in pids)
    fetched.clear()
    assert pull_patients(meera, PASSWORD, whole_clinic=True).total == 0
    assert fetched == []
    session = next(s for s in rahul.record(pids[1]).sessions if s.is_signed)
    assert session.id is not None
    rahul.add_session_addendum(session.id, "Seen again the next day.", "Rahul Sen", passphrase="rahul's own words")
    sync(rahul, PASSWORD)
    fetched.clear()
    pulled = pull_patients(meera, PASSWORD, whole_clinic=True)
    assert fetched == [uid_of(rahul, pids[1])]
    assert pulled.addenda == 1
    assert set(signed_sessions(meera)) == set(signed_sessions(rahul))


def test_a_pull_of_held_patients_after_a_pull_of_the_whole_clinic_still_reads_a_new_patient_later(
    rahul: Services, meera: Services
) -> None:
    """A pull of the held patients keeps a mark that a pull of the whole clinic does not go on
    from: the patients not held were not read."""
    signed_patient(rahul, "Lata Roy")
    sync(rahul, PASSWORD)
    sync(meera, PASSWORD, whole_clinic=True)
    signed_patient(rahul, "Anil Roy", days=3)
    sync(rahul, PASSWORD)
    sync(meera, PASSWORD)  # her patients only: Anil is not one yet
    assert len(meera.patient_ids()) == 1
    sync(meera, PASSWORD, whole_clinic=True)
    assert len(meera.patient_ids()) == 2
    assert set(signed_sessions(meera)) == set(signed_sessions(rahul))


def test_a_push_that_began_before_a_pull_and_committed_after_it_is_read_by_the_next_pull(
    rahul: Services, meera: Services, fetched: list[str]
) -> None:
    """The transaction writing Anil's session gets its id before Meera's pull starts and commits
    after it ends: that pull cannot see it, and the next one must read it (a mark of the last
    change seen, or of the time, would skip it: the pull after saw a later transaction's commit)."""
    signed_patient(rahul, "Lata Roy")
    sync(rahul, PASSWORD)
    sync(meera, PASSWORD, whole_clinic=True)
    anil = signed_patient(rahul, "Anil Roy", days=3)
    link = rahul.clinic_link()
    assert link is not None
    outbox = rahul.clinic_outbox(anil, link.practitioner)
    base_version, changed = rahul.details_base(outbox.patient_uid)
    outbox = replace(outbox, base_version=base_version, details_changed=changed)
    slow = connection.connect(link.server, PASSWORD)
    with contextlib.closing(slow), slow.transaction():
        push.push_patient(slow, outbox, link.laptop_uid)  # written, its transaction id taken: not committed
        mina = signed_patient(rahul, "Mina Roy", days=5)
        push_patients(rahul, [mina], PASSWORD)  # a later transaction, committed first, while Anil's waits
        fetched.clear()
        sync(meera, PASSWORD, whole_clinic=True)
        assert fetched == [uid_of(rahul, mina)]
        assert len(meera.patient_ids()) == 2  # Lata and Mina: Anil is not committed yet
    # Anil's transaction committed now, after Meera's last pull
    fetched.clear()
    sync(meera, PASSWORD, whole_clinic=True)
    assert uid_of(rahul, anil) in fetched
    assert len(meera.patient_ids()) == 3
    assert set(signed_sessions(meera)) == set(signed_sessions(rahul))


def test_a_pull_reads_its_patients_in_batches_and_stores_each_once(
    rahul: Services, meera: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = [signed_patient(rahul, name, days=n) for n, name in enumerate(("Lata Roy", "Anil Roy", "Mina Roy"))]
    sync(rahul, PASSWORD)
    batches: list[int] = []
    fetch = pull.fetch_patients

    def counted(conn: connection.Connection, patient_uids: list[str], laptop_uid: str) -> object:
        batches.append(len(patient_uids))
        return fetch(conn, patient_uids, laptop_uid)

    monkeypatch.setattr(pull, "fetch_patients", counted)
    monkeypatch.setattr(clinic_services, "PULL_BATCH", 2)
    pulled = pull_patients(meera, PASSWORD, whole_clinic=True)
    assert batches == [2, 1]
    assert (pulled.patients, pulled.sessions, pulled.refused) == (3, 3, ())
    assert set(signed_sessions(meera)) == set(signed_sessions(rahul))
    assert len(meera.patient_ids()) == len(pids)


def test_a_server_behind_the_laptops_last_pull_gets_every_patient_pushed_and_read_again(
    rahul: Services, fetched: list[str]
) -> None:
    """A server put back from a backup gives transaction ids lower than the mark of the laptop's
    last pull: the laptop cannot tell what it lost, so it pushes and reads everything again."""
    pids = [signed_patient(rahul, name, days=n) for n, name in enumerate(("Lata Roy", "Anil Roy"))]
    sync(rahul, PASSWORD)
    assert sync(rahul, PASSWORD).patients == 0
    link = rahul.clinic_link()
    assert link is not None
    rahul.save_pull_mark(link.server, True, 2**62)  # as if taken before the server went back
    fetched.clear()
    again = sync(rahul, PASSWORD)
    assert again.patients == len(pids)
    assert sorted(fetched) == sorted(uid_of(rahul, p) for p in pids)


def test_a_server_that_lost_a_patient_gets_it_back_whole_from_the_next_sync_and_versions_go_on(
    rahul: Services, meera: Services, server: EmptyDatabase
) -> None:
    """The server put back from a backup older than Lata: Rahul's next sync pushes her details (at
    the version both laptops last synced, his change since as the next), her plan, signed session
    and screening change, rather than failing on every sync (a session of a patient the server has
    not); Meera's change from the version she last synced meets his as a conflict, neither written
    over the other."""
    pid = signed_patient(rahul, "Lata Roy")
    rahul.add_plan(pid, FollowUpPlan(dt.date(2026, 11, 2), frequency="weekly", home_care="Walk daily."))
    rahul.add_contraindication(pid, "epilepsy", dt.date(2026, 11, 2), "one seizure")
    sync(rahul, PASSWORD)
    sync(meera, PASSWORD, whole_clinic=True)
    [mpid] = meera.patient_ids()
    with server.superuser() as su:  # the backup's state: no Lata
        for table in ("addenda", "session_private_notes", "session_documents", "sessions", "plans"):
            su.execute(f"ALTER TABLE clinic.{table} DISABLE TRIGGER USER")
            su.execute(f"DELETE FROM clinic.{table}")
            su.execute(f"ALTER TABLE clinic.{table} ENABLE TRIGGER USER")
        su.execute("ALTER TABLE clinic.screening_entries DISABLE TRIGGER USER")
        su.execute("DELETE FROM clinic.screening_entries")
        su.execute("ALTER TABLE clinic.screening_entries ENABLE TRIGGER USER")
        su.execute("DELETE FROM clinic.patients")
    rahul.update_patient(replace(rahul.patient(pid), email="lata@example.org"))
    link = rahul.clinic_link()
    assert link is not None
    rahul.save_pull_mark(link.server, False, 2**62)  # the server's transaction ids went back
    again = sync(rahul, PASSWORD)
    assert (again.pushed.details, again.pushed.sessions, again.pushed.plans, again.pushed.screening) == (1, 1, 1, 1)
    with server.superuser() as su:
        assert su.execute("SELECT version, details->>'email' FROM clinic.patients").fetchall() == [
            (2, "lata@example.org")
        ]
        assert su.execute("SELECT version, body->>'home_care' FROM clinic.plans").fetchall() == [(1, "Walk daily.")]
    meera.update_patient(replace(meera.patient(mpid), phone="033 2460 1234"))  # from version 1, before the loss
    sync(meera, PASSWORD)
    assert meera.conflict_count() == 1  # Rahul's email at version 2 and her phone: both kept, for a person
    assert meera.patient(mpid).phone == "033 2460 1234"
    with server.superuser() as su:
        assert su.execute("SELECT version, details->>'email' FROM clinic.patients").fetchall() == [
            (2, "lata@example.org")
        ]
    assert sync(rahul, PASSWORD).pulled.refused == ()
    assert set(signed_sessions(meera)) == set(signed_sessions(rahul))


def test_a_server_whose_schema_records_no_changes_is_read_whole_by_every_pull(
    rahul: Services, meera: Services, server: EmptyDatabase, fetched: list[str]
) -> None:
    """A clinic server made before schema version 4 (s004: what changed) is pulled as before."""
    signed_patient(rahul, "Lata Roy")
    sync(rahul, PASSWORD)
    with server.superuser() as su:
        su.execute("DELETE FROM clinic.migrations WHERE version >= %s", [pull.CHANGES_VERSION])
    for _ in range(2):
        fetched.clear()
        sync(meera, PASSWORD, whole_clinic=True)
        assert len(fetched) == 1
    assert set(signed_sessions(meera)) == set(signed_sessions(rahul))


def test_a_patient_refused_is_read_again_by_the_next_pull_and_the_others_are_not(
    rahul: Services, meera: Services, server: EmptyDatabase, fetched: list[str]
) -> None:
    """A patient that does not verify does not hold the pull's mark back (every later pull would
    read the whole clinic again, every few minutes): the mark is kept with the patients refused,
    and the next pull reads those again besides what changed."""
    pids = [signed_patient(rahul, name, days=n) for n, name in enumerate(("Lata Roy", "Anil Roy", "Mina Roy"))]
    sync(rahul, PASSWORD)
    bad = uid_of(rahul, pids[0])
    with server.superuser() as su:
        su.execute("ALTER TABLE clinic.sessions DISABLE TRIGGER USER")
        su.execute(
            "UPDATE clinic.sessions SET body = jsonb_set(body, '{pain_before}', '2') WHERE patient_uid = %s", [bad]
        )
    fetched.clear()
    first = pull_patients(meera, PASSWORD, whole_clinic=True)
    assert len(first.refused) == 1
    assert len(meera.patient_ids()) == 2
    fetched.clear()
    again = pull_patients(meera, PASSWORD, whole_clinic=True)
    assert fetched == [bad]  # the refused one alone: the others did not change
    assert len(again.refused) == 1

    with server.superuser() as su:  # the row put back as it was signed
        su.execute(
            "UPDATE clinic.sessions SET body = jsonb_set(body, '{pain_before}', '6') WHERE patient_uid = %s", [bad]
        )
        su.execute("ALTER TABLE clinic.sessions ENABLE TRIGGER USER")
    fetched.clear()
    taken = pull_patients(meera, PASSWORD, whole_clinic=True)
    assert (fetched, taken.refused, taken.patients) == ([bad], (), 1)
    fetched.clear()
    assert pull_patients(meera, PASSWORD, whole_clinic=True).total == 0
    assert fetched == []
    assert set(signed_sessions(meera)) == set(signed_sessions(rahul))


def test_a_sync_pushes_what_its_own_pull_audited_and_leaves_no_change_waiting(
    rahul: Services, meera: Services, server: EmptyDatabase
) -> None:
    """Meera's sync pulls Lata's signed session and audits it here; those entries go to the server
    in the same sync, so her status bar says no change is waiting (it said 5 right after a sync)
    and her next sync pushes no patient again."""
    signed_patient(rahul, "Lata Roy")
    sync(rahul, PASSWORD)
    done = sync(meera, PASSWORD, whole_clinic=True)
    [mpid] = meera.patient_ids()
    audited_here = sorted(e.summary for e in meera.history(mpid, limit=10_000))
    assert done.pulled.sessions == 1
    assert audited_here == ["pulled from the clinic server"] * 2  # the patient, and the session with its addendum
    assert done.pushed.audit_entries == len(audited_here)
    assert meera.sync_status().changes_waiting == 0
    assert meera.patients_to_push() == []
    link = meera.clinic_link()
    assert link is not None
    with server.superuser() as su:
        on_server = su.execute(
            "SELECT summary FROM clinic.audit_entries WHERE patient_uid = %s AND origin = %s",
            [uid_of(meera, mpid), link.laptop_uid],
        ).fetchall()
    assert sorted(str(r[0]) for r in on_server) == audited_here
    assert sync(meera, PASSWORD, whole_clinic=True).pushed.total == 0


def test_a_change_made_while_a_sync_pulls_still_waits_and_the_next_sync_pushes_it(
    rahul: Services, meera: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Meera edits a patient of hers while her sync is reading from the server (the app's window
    stays in use): that change is not taken for the pull's own, so it still waits after the sync,
    and the next sync pushes it."""
    signed_patient(rahul, "Lata Roy")
    sync(rahul, PASSWORD)
    own = meera.create_patient(Patient("Mina Das", dt.date(1990, 5, 6))).patient_id
    sync(meera, PASSWORD)
    fetch = pull.fetch_patients

    def with_an_edit_meanwhile(conn: pull.Connection, patient_uids: list[str], laptop_uid: str) -> object:
        meera.update_patient(replace(meera.patient(own), phone="+91 98300 11111"))
        return fetch(conn, patient_uids, laptop_uid)

    monkeypatch.setattr(pull, "fetch_patients", with_an_edit_meanwhile)
    assert sync(meera, PASSWORD, whole_clinic=True).pulled.sessions == 1
    monkeypatch.undo()
    assert own in meera.patients_to_push()
    assert meera.sync_status().changes_waiting >= 1
    assert sync(meera, PASSWORD).pushed.details == 1
    assert meera.sync_status().changes_waiting == 0


def test_a_server_restored_into_the_same_cluster_gets_what_it_lost_from_the_next_sync(
    rahul: Services, meera: Services, server: EmptyDatabase, tmp_path: Path
) -> None:
    """The owner restores last night's dump into the same PostgreSQL (the database dropped and made
    again): transaction ids go on rising, so only the clinic tables' identity tells the laptops.
    Rahul's next sync pushes Anil, made after the dump and gone from the server; Meera then pulls
    him (before: the server never got him back, as Rahul took him for already pushed)."""
    signed_patient(rahul, "Lata Roy")
    sync(rahul, PASSWORD)
    dump = tmp_path / "clinic.dump"
    tools = server.server.bin
    subprocess.run(
        [tools / "pg_dump", "-Fc", "-f", dump, server.server.superuser_url(server.name)], check=True, timeout=60
    )
    anil = signed_patient(rahul, "Anil Roy", days=1)
    sync(rahul, PASSWORD)
    assert rahul.patients_to_push() == []
    with psycopg.connect(server.server.superuser_url(), autocommit=True) as su:
        su.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(server.name)))
        su.execute(
            sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(server.name), sql.Identifier(server.owner))
        )
    subprocess.run([tools / "pg_restore", "-d", server.server.superuser_url(server.name), dump], check=True, timeout=60)
    with server.superuser() as su:
        assert su.execute("SELECT count(*) FROM clinic.patients").fetchone() == (1,)  # the dump's: no Anil
    again = sync(rahul, PASSWORD)
    assert again.patients == 2  # every patient pushed again, the server adding what it lacks
    assert again.pushed.sessions == 1
    got = sync(meera, PASSWORD, whole_clinic=True)
    assert sorted(meera.patient(p).full_name for p in meera.patient_ids()) == ["Anil Roy", "Lata Roy"]
    assert got.pulled.sessions == 2
    assert set(signed_sessions(meera)) == set(signed_sessions(rahul))
    assert uid_of(rahul, anil) in {meera.patient(p).uid for p in meera.patient_ids()}
    assert sync(rahul, PASSWORD).patients == 0  # and after that, only what changes


def test_a_push_sends_each_kind_of_record_at_once_not_one_by_one(
    rahul: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first push, or the audit entries a pull sends back, are thousands of rows, and a server
    across the network answers each statement in a millisecond or more: each kind of record goes in
    one pipelined ``executemany``, so a patient of eight signed sessions costs the push the same
    statements as a patient of one, and each record is counted once."""
    from tests.clinic.test_pull import KEY_PASSPHRASE, NOW, PRIVATE, RAHUL
    from tests.conftest import NO_RECORDS_REASON

    lata = signed_patient(rahul, "Lata Roy")
    anil = signed_patient(rahul, "Anil Roy", days=1)
    for day in range(2, 9):
        session = Session(
            NOW + dt.timedelta(days=day),
            therapist=RAHUL,
            subjective="neck stiff in the mornings",
            private_notes=PRIVATE,
            contraindication_override_reason=NO_RECORDS_REASON,
        )
        sid = rahul.add_session(anil, session).session_id
        rahul.sign_session(sid, RAHUL, passphrase=KEY_PASSPHRASE)
        rahul.add_session_addendum(sid, f"Seen on day {day}.", RAHUL, passphrase=KEY_PASSPHRASE)
    sent: list[str] = []

    def counted(method: Any) -> Any:
        def send(self: psycopg.Cursor[Any], query: Any, *args: Any, **kwargs: Any) -> Any:
            sent.append(" ".join(str(query).split()[:3]))
            return method(self, query, *args, **kwargs)

        return send

    monkeypatch.setattr(psycopg.Cursor, "execute", counted(psycopg.Cursor.execute))
    monkeypatch.setattr(psycopg.Cursor, "executemany", counted(psycopg.Cursor.executemany))
    pushed = {}
    statements = {}
    for pid in (lata, anil):
        sent.clear()
        pushed[pid] = push_patients(rahul, [pid], PASSWORD)
        statements[pid] = [s for s in sent if s.startswith("INSERT INTO clinic.")]
    assert (pushed[lata].sessions, pushed[lata].private_notes, pushed[lata].addenda) == (1, 1, 1)
    assert (pushed[anil].sessions, pushed[anil].private_notes, pushed[anil].addenda) == (8, 8, 8)
    assert pushed[anil].audit_entries == pushed[lata].audit_entries + 3 * 7  # each session added, signed, amended
    assert statements[anil] == statements[lata]
    assert statements[anil].count("INSERT INTO clinic.audit_entries") == 1
    assert push_patients(rahul, [lata, anil], PASSWORD).total == 0  # the server has them all: a union
