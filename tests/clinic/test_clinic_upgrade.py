"""``cst-notes clinic upgrade`` against the real test server: a clinic made at schema version 3,
holding two laptops' records, brought to the latest version by its owner as a person runs the
command; its rows stamped so that the next pull reads them all and the syncs after read only what
changed. A second upgrade finds it current, two at once apply each migration once, and a clinic
whose recorded history differs from this app's, or that is newer than this app, is refused with
nothing changed, by the upgrade and by a laptop's sync alike."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from cst_notes.domain import keys
from cst_notes.domain.practitioner import Practitioner
from cst_notes.services import Services
from cst_notes.services.clinic import ClinicServerError, join_clinic, pull_patients, push_patients, sync, sync_status
from cst_notes.storage.server import migrations, practitioners
from cst_notes.storage.server.connection import without_password
from tests.cli.test_cli import run
from tests.clinic.clinic_data import PASSWORD, PEOPLE
from tests.clinic.conftest import EmptyDatabase
from tests.clinic.test_clinic_init import _state
from tests.clinic.test_pull import KEY_PASSPHRASE, MEERA, RAHUL, laptop, signed_patient, signed_sessions

OLD = 3  # the version the old clinic is made at: before s004 recorded what changed
STAMPED = ("patients", "sessions", "session_private_notes", "addenda", "audit_entries")  # s004's tables
SCHEMA_OF = (
    "SELECT array_agg(table_name || '.' || column_name || ':' || coalesce(column_default, '') || ':' || is_nullable"
    " ORDER BY table_name, column_name) FROM information_schema.columns WHERE table_schema = 'clinic'"
)


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


def made_at(db: EmptyDatabase, version: int) -> EmptyDatabase:
    """The clinic at ``version`` with the practitioners' roles, as an older app's init made it."""
    with psycopg.connect(db.url) as admin:
        migrations.init(admin, through=version)
        for short, (name, kind) in PEOPLE.items():
            practitioners.add_practitioner(admin, f"{db.name}_{short}", name, kind, PASSWORD)
    return db


@pytest.fixture
def old_server(empty_database: EmptyDatabase) -> EmptyDatabase:
    return made_at(empty_database, OLD)


def state(db: EmptyDatabase) -> tuple[Any, ...]:
    """Every relation, trigger, policy, clinic role and migration recorded, and every column."""
    with db.superuser() as su:
        columns = su.execute(SCHEMA_OF).fetchone()
    return (*_state(db), columns)


def upgrade(db: EmptyDatabase, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    """``cst-notes clinic upgrade --server URL`` as the owner runs it (the password from PGPASSWORD)."""
    monkeypatch.setenv("PGPASSWORD", db.password)
    return run(capsys, "clinic", "upgrade", "--server", owner_url(db))


def owner_url(db: EmptyDatabase) -> str:
    return db.server.url(db.owner, db.name)


def current_words(db: EmptyDatabase) -> str:
    return (
        f"the clinic in {db.name} on {without_password(owner_url(db))} is current "
        f"(schema version {migrations.LATEST}): nothing was changed\n"
    )


def next_xid(db: EmptyDatabase) -> int:
    with db.superuser() as su:
        row = su.execute("SELECT pg_snapshot_xmax(pg_current_snapshot())::text").fetchone()
    assert row is not None
    return int(str(row[0]))


@pytest.fixture
def laptops(tmp_path: Path, old_server: EmptyDatabase) -> Iterator[tuple[Services, Services]]:
    """Rahul's and Meera's laptops, joined to the old clinic."""
    rahul = laptop(tmp_path / "rahul.sqlite", old_server, RAHUL, "rahul")
    meera = laptop(tmp_path / "meera.sqlite", old_server, MEERA, "meera")
    yield rahul, meera
    rahul.close()
    meera.close()


def test_an_old_clinic_upgraded_by_its_owner_is_pulled_whole_once_then_only_what_changed(
    old_server: EmptyDatabase,
    laptops: tuple[Services, Services],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fetched: list[str],
) -> None:
    rahul, meera = laptops
    pids = [signed_patient(rahul, name, days=n) for n, name in enumerate(("Lata Roy", "Anil Roy", "Mina Roy"))]
    uids = sorted(rahul.patient(p).uid for p in pids)
    assert sync(rahul, PASSWORD).pushed.sessions == 3
    before = sync(meera, PASSWORD, whole_clinic=True)  # an old server works as it is: read whole
    assert before.server_version == OLD
    assert before.words().endswith(
        f"; the clinic server's schema is at version {OLD} and this app's at {migrations.LATEST}: syncing works "
        "as it is, and the clinic's owner can bring the server up to date with cst-notes clinic upgrade"
    )
    link = meera.clinic_link()
    assert link is not None
    assert meera.pull_mark(link.server, True) is None  # no mark kept from a server that records no changes
    monkeypatch.setenv("CST_NOTES_CLINIC_PASSWORD", PASSWORD)
    monkeypatch.setenv("CST_NOTES_USER", RAHUL)
    monkeypatch.setenv("CST_NOTES_PASSPHRASE", KEY_PASSPHRASE)
    code, out, err = run(capsys, "sync", "--db", str(tmp_path / "rahul.sqlite"))
    assert (code, err) == (0, "")
    assert out.endswith(
        f"at {migrations.LATEST}: syncing works as it is, and the clinic's owner can bring the server "
        "up to date with cst-notes clinic upgrade\n"
    )

    first_id = next_xid(old_server)
    code, out, err = upgrade(old_server, capsys, monkeypatch)
    assert (code, err) == (0, "")
    assert out == (
        f"upgraded the clinic in {old_server.name} on {without_password(owner_url(old_server))} to schema version "
        f"{migrations.LATEST}, applying version 4: {migrations.MIGRATIONS[3].name}; "
        f"version 5: {migrations.MIGRATIONS[4].name}; version 6: {migrations.MIGRATIONS[5].name}; "
        f"version 7: {migrations.MIGRATIONS[6].name}\n"
    )
    after_id = next_xid(old_server)
    with old_server.superuser() as su:
        recorded = su.execute("SELECT version, sql_hash, applied_by FROM clinic.migrations ORDER BY version").fetchall()
        assert recorded == [(m.version, m.sql_hash, old_server.owner) for m in migrations.MIGRATIONS]
        for table in STAMPED:  # the rows already there: stamped by the upgrade's own transaction
            stamps = su.execute(f"SELECT DISTINCT changed_in::text FROM clinic.{table}").fetchall()
            assert len(stamps) == 1, table
            assert first_id <= int(str(stamps[0][0])) < after_id, table
            default = su.execute(
                "SELECT column_default, is_nullable FROM information_schema.columns WHERE table_schema = 'clinic'"
                " AND table_name = %s AND column_name = 'changed_in'",
                [table],
            ).fetchone()
            assert default == (None, "NO"), table  # as on a clinic made at this version: the trigger stamps

    fetched.clear()
    pulled = pull_patients(meera, PASSWORD, whole_clinic=True)  # the first pull since: every patient
    assert sorted(fetched) == uids
    assert pulled.refused == ()
    assert meera.pull_mark(link.server, True) is not None
    fetched.clear()
    again = sync(meera, PASSWORD, whole_clinic=True)
    assert fetched == []  # nothing changed since
    assert again.words().endswith("audit entries new to this laptop")  # no word of an upgrade now
    session = next(s for s in rahul.record(pids[1]).sessions if s.is_signed)
    assert session.id is not None
    rahul.add_session_addendum(session.id, "Seen again the next day.", RAHUL, passphrase=KEY_PASSPHRASE)
    sync(rahul, PASSWORD)
    fetched.clear()
    assert sync(meera, PASSWORD, whole_clinic=True).pulled.addenda == 1
    assert fetched == [rahul.patient(pids[1]).uid]
    assert set(signed_sessions(meera)) == set(signed_sessions(rahul))


def test_an_upgrade_run_again_says_the_clinic_is_current_and_changes_nothing(
    old_server: EmptyDatabase, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert upgrade(old_server, capsys, monkeypatch)[0] == 0
    before = state(old_server)
    assert upgrade(old_server, capsys, monkeypatch) == (0, current_words(old_server), "")
    assert state(old_server) == before


def test_an_upgrade_of_a_clinic_made_at_the_latest_version_changes_nothing(
    server: EmptyDatabase, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = state(server)
    assert upgrade(server, capsys, monkeypatch) == (0, current_words(server), "")
    assert state(server) == before


def test_two_upgrades_at_once_apply_each_migration_once(
    old_server: EmptyDatabase, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first holds the advisory lock until it commits; the second waits for it, then finds the
    clinic current (without the lock it would apply version 4 again, and fail on it)."""
    done: list[Any] = []
    with psycopg.connect(old_server.url) as first:
        with first.transaction():  # the first upgrade's transaction, held open
            assert [m.version for m in migrations.upgrade(first).applied] == [4, 5, 6, 7]
            second = threading.Thread(target=lambda: done.append(upgrade(old_server, capsys, monkeypatch)))
            second.start()
            waited = waiting_for_the_lock(old_server)
        second.join(timeout=60)
    assert done == [(0, current_words(old_server), "")]
    assert waited  # on the advisory lock, before reading what the server records
    with old_server.superuser() as su:
        versions = su.execute("SELECT version FROM clinic.migrations ORDER BY version").fetchall()
    assert versions == [(m.version,) for m in migrations.MIGRATIONS]


def waiting_for_the_lock(db: EmptyDatabase) -> bool:
    """True once a connection waits for the clinic's advisory lock (within 30 seconds)."""
    with db.superuser() as su:
        for _ in range(300):
            row = su.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database ="
                " (SELECT oid FROM pg_database WHERE datname = current_database())"
            ).fetchone()
            if row is not None and row[0]:
                return True
            time.sleep(0.1)
    return False


def test_an_upgrade_over_a_changed_history_is_refused_and_changes_nothing(
    old_server: EmptyDatabase, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with old_server.superuser() as su:
        su.execute("UPDATE clinic.migrations SET sql_hash = repeat('0', 64) WHERE version = 2")
    before = state(old_server)
    code, out, err = upgrade(old_server, capsys, monkeypatch)
    assert (code, out) == (1, "")
    assert err == (
        f"cst-notes clinic: the database {old_server.name} records version 2 ({migrations.MIGRATIONS[1].name}) "
        f"with the SQL hash 000000000000…, and this app's is {migrations.MIGRATIONS[1].sql_hash[:12]}…: the clinic "
        "schema's history was changed, so no migration is applied over it; nothing was changed\n"
    )
    assert state(old_server) == before


def test_a_clinic_made_with_version_4_as_first_released_is_current(
    server: EmptyDatabase, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """s004's SQL was edited after its release (the rows already there, on an upgrade): a clinic
    made with the released text records that text's hash, and holds the same migration."""
    (released,) = migrations.RELEASED_HASHES[4]
    assert released != migrations.MIGRATIONS[3].sql_hash
    with server.superuser() as su:
        su.execute("UPDATE clinic.migrations SET sql_hash = %s WHERE version = 4", [released])
    before = state(server)
    assert upgrade(server, capsys, monkeypatch) == (0, current_words(server), "")
    assert state(server) == before
    with server.superuser() as su:  # any other text of it is a changed history
        su.execute("UPDATE clinic.migrations SET sql_hash = %s WHERE version = 4", [released[::-1]])
    code, _, err = upgrade(server, capsys, monkeypatch)
    assert code == 1
    assert "the clinic schema's history was changed" in err


def test_a_clinic_newer_than_this_app_is_refused_by_the_upgrade_and_by_the_laptops(
    server: EmptyDatabase,
    rahul: Services,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    newer = migrations.LATEST + 1
    signed_patient(rahul, "Lata Roy")
    link = rahul.clinic_link()
    assert link is not None
    with server.superuser() as su:
        su.execute(
            "INSERT INTO clinic.migrations (version, name, sql_hash) VALUES (%s, 'from a newer app', '')", [newer]
        )
    before = state(server)
    code, out, err = upgrade(server, capsys, monkeypatch)
    assert (code, out) == (1, "")
    assert err == (
        f"cst-notes clinic: the database {server.name} holds the clinic schema at version {newer}, newer than this "
        f"app knows (version {migrations.LATEST}): update CST Notes on this computer; nothing was changed\n"
    )
    refusal = (
        f"the clinic server {link.server} holds the clinic schema at version {newer}, newer than this app knows "
        f"(version {migrations.LATEST}): update CST Notes on this computer; nothing was changed"
    )
    for act in (
        lambda: sync(rahul, PASSWORD),
        lambda: push_patients(rahul, rahul.patient_ids(), PASSWORD),
        lambda: pull_patients(rahul, PASSWORD, whole_clinic=True),
    ):
        with pytest.raises(ClinicServerError) as refused:
            act()
        assert str(refused.value) == refusal
    status = sync_status(rahul, PASSWORD)
    assert (status.reachable, status.reason) == (True, refusal)  # it answers, and this app cannot use it
    assert state(server) == before
    with server.superuser() as su:
        assert su.execute("SELECT count(*) FROM clinic.sessions").fetchone() == (0,)  # nothing pushed

    path = tmp_path / "meera.sqlite"
    meera = Services.open(path)
    try:
        meera.add_practitioner(Practitioner(MEERA, "owner"), KEY_PASSPHRASE)
        meera.sign_in(MEERA, KEY_PASSPHRASE)
        with pytest.raises(ClinicServerError, match=f"holds the clinic schema at version {newer}, newer than"):
            join_clinic(meera, server.server.url(f"{server.name}_meera", server.name), PASSWORD)
        assert meera.clinic_link() is None
    finally:
        meera.close()

    monkeypatch.setenv("CST_NOTES_CLINIC_PASSWORD", PASSWORD)
    monkeypatch.setenv("CST_NOTES_USER", RAHUL)
    monkeypatch.setenv("CST_NOTES_PASSPHRASE", KEY_PASSPHRASE)
    code, out, err = run(capsys, "sync", "--db", str(tmp_path / "rahul.sqlite"))
    assert (code, out, err) == (1, "", f"cst-notes sync: {refusal}\n")
    assert state(server) == before


def test_an_upgrade_of_a_database_without_a_clinic_says_to_make_one_with_init(
    empty_database: EmptyDatabase, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = upgrade(empty_database, capsys, monkeypatch)
    assert (code, out) == (1, "")
    assert err == (
        f"cst-notes clinic: the database {empty_database.name} holds no CST Notes clinic: clinic init makes one; "
        "nothing was changed\n"
    )
    with empty_database.superuser() as su:
        assert su.execute("SELECT to_regnamespace('clinic')").fetchone() == (None,)


def test_an_upgrade_by_a_practitioners_role_is_refused_and_changes_nothing(
    old_server: EmptyDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    before = state(old_server)
    role = f"{old_server.name}_ana"  # the clinic's owner kind of practitioner, not the database's owner
    code, out, err = run(
        capsys, "clinic", "upgrade", "--server", old_server.server.url(role, old_server.name, PASSWORD)
    )
    assert (code, out) == (1, "")
    assert err == (
        f"cst-notes clinic: the clinic in {old_server.name} belongs to the role {old_server.owner}, which made it "
        f"with clinic init: run clinic upgrade as that role, not {role}; nothing was changed\n"
    )
    assert state(old_server) == before
