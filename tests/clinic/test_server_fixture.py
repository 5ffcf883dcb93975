"""The test server itself: a real PostgreSQL, reached only through its unix socket, as a role that is no superuser."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import psycopg

from tests.clinic.conftest import EmptyDatabase
from tests.clinic.server import TestServer, stop_orphans


def _running(pid: int) -> bool:
    """Whether the process runs (a zombie, stopped but not yet reaped by init, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def empty_connection(server: TestServer) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(server.superuser_url(), autocommit=True)


def test_the_owner_of_a_fresh_database_is_no_superuser(empty_database: EmptyDatabase) -> None:
    with empty_database.connect(empty_database.owner, empty_database.password) as conn:
        row = conn.execute(
            "SELECT rolsuper, rolcreaterole, current_database() FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
        listen = conn.execute("SELECT current_setting('listen_addresses')").fetchone()
    assert row == (False, True, empty_database.name)
    assert listen == ("",)  # no TCP port: the unix socket in the test folder only


def test_a_server_left_by_a_killed_test_run_is_stopped_and_removed_by_the_next(pg_server: TestServer) -> None:
    with subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from tests.clinic.server import TestServer\n"
            "import time; s = TestServer.start(); print(s.folder, flush=True); time.sleep(120)",
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    ) as started:
        assert started.stdout is not None
        folder = Path(started.stdout.readline().strip())
        postmaster = int((folder / "data" / "postmaster.pid").read_text().split()[0])
        started.kill()  # no teardown at all
        started.wait(timeout=30)
    assert folder.exists()
    stop_orphans(pg_server.bin, pg_server.run_as)
    assert not folder.exists()
    assert not _running(postmaster)
    with empty_connection(pg_server) as conn:  # the suite's own server, still in use, was left alone
        assert conn.execute("SELECT 1").fetchone() == (1,)
