"""A real PostgreSQL server for the clinic tests, from the machine's own PostgreSQL packages.

``TestServer.start()`` runs ``initdb`` into a fresh folder under /tmp and starts ``postgres`` on a
unix socket in that folder only (``listen_addresses`` empty: no TCP port at all), with password
(SCRAM) authentication, so that the tests connect as real roles with real passwords. PostgreSQL
refuses to run as root: when the tests run as root (as CI does) the server runs as ``nobody`` (by
``setpriv``),
the folder owned by it; as a normal user it runs as that user. ``stop()`` stops it at once and
removes the folder; ``running_server()`` does both around a block, also when the process is
ended by SIGTERM (the test session's fixture and ``make bench`` use it). ``make test`` installs the
packages (``cst_notes.system_deps --test``); a machine without them fails with a message saying
what to install, never skips.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

FOLDER_PREFIX = "cst-pg-"
OWNER_FILE = "owner.pid"  # the test process that started the server
SUPERUSER = "postgres"
SERVER_BINARIES = "/usr/lib/postgresql/*/bin"  # Debian's and Ubuntu's layout (postgresql-common)
UNPRIVILEGED = "nobody"


class ServerUnavailableError(RuntimeError):
    """PostgreSQL could not be found or started: the message says why and what to do."""


def _version(folder: str) -> tuple[int, ...]:
    name = Path(folder).parent.name
    return tuple(int(p) for p in name.split(".") if p.isdigit())


def server_bin_folder() -> Path:
    """The folder holding initdb, pg_ctl and postgres: the newest of Debian's, else one on PATH."""
    folders = sorted(glob.glob(SERVER_BINARIES), key=_version, reverse=True)
    for folder in folders:
        if all((Path(folder) / tool).exists() for tool in ("initdb", "pg_ctl", "postgres")):
            return Path(folder)
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    raise ServerUnavailableError(
        "The clinic tests need a PostgreSQL server: no initdb under /usr/lib/postgresql/*/bin or on PATH. "
        "Run `make test` as root (it installs Debian's postgresql package), or: apt-get install postgresql"
    )


@dataclass
class TestServer:
    """One running PostgreSQL server, its folder, and its superuser's password."""

    __test__ = False  # not a test class, whatever its name says to pytest

    folder: Path
    bin: Path
    superuser_password: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    run_as: str | None = None  # the unprivileged user the server runs as (when the tests run as root)

    @property
    def socket_folder(self) -> Path:
        return self.folder

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, user: str, database: str, password: str | None = None) -> str:
        """A libpq URL to this server's unix socket; the password, when given, in the URL."""
        secret = f":{quote(password, safe='')}" if password is not None else ""
        return f"postgresql://{quote(user, safe='')}{secret}@/{quote(database, safe='')}?host={self.socket_folder}"

    def superuser_url(self, database: str = "postgres") -> str:
        return self.url(SUPERUSER, database, self.superuser_password)

    def _run(self, *command: str | Path) -> subprocess.CompletedProcess[str]:
        argv = [str(c) for c in command]
        if self.run_as:  # setpriv execs the tool itself (runuser would fork it): a kill reaches the tool
            account = pwd.getpwnam(self.run_as)
            argv = ["setpriv", f"--reuid={account.pw_uid}", f"--regid={account.pw_gid}", "--clear-groups", *argv]
        result = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=120, cwd=self.folder)
        if result.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise ServerUnavailableError(
                f"PostgreSQL's {Path(command[0]).name} failed "
                f"(exit {result.returncode}): {result.stderr.strip() or result.stdout.strip()}\n{tail}"
            )
        return result

    @classmethod
    def start(cls) -> TestServer:
        """initdb into a new folder and start the server; the folder is removed if that fails."""
        bin_folder = server_bin_folder()
        run_as = UNPRIVILEGED if os.geteuid() == 0 else None
        # Under /tmp (not pytest's tmp_path, which is private to root), and short: a unix socket's
        # path has a limit of about 100 bytes.
        stop_orphans(bin_folder, run_as)
        folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX, dir="/tmp"))
        server = cls(folder, bin_folder, run_as=run_as)
        try:
            (folder / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
            password_file = folder / "superuser-password"
            password_file.write_text(server.superuser_password + "\n", encoding="utf-8")
            if run_as:
                account = pwd.getpwnam(run_as)
                for path in (folder, password_file):
                    os.chown(path, account.pw_uid, account.pw_gid)
            server._run(
                bin_folder / "initdb",
                "--pgdata",
                server.data,
                "--username",
                SUPERUSER,
                "--pwfile",
                password_file,
                "--auth",
                "scram-sha-256",
                "--encoding",
                "UTF8",
                "--locale",
                "C.UTF-8",
                "--no-sync",
            )
            password_file.unlink()
            options = f"-c listen_addresses='' -c unix_socket_directories='{folder}' -c fsync=off"
            server._run(
                bin_folder / "pg_ctl",
                "--pgdata",
                server.data,
                "--log",
                folder / "server.log",
                "-o",
                options,
                "-w",
                "start",
            )
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return server

    def stop(self) -> None:
        """Stop the server at once (its data is thrown away) and remove its folder."""
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(self.bin / "pg_ctl", "--pgdata", self.data, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def running_server() -> Iterator[TestServer]:
    """A started server, stopped and its folder removed at the end whatever the block did, also
    when the process is ended by SIGTERM (which Python otherwise dies of without running any
    ``finally``); a process killed outright leaves it to the next start (``stop_orphans``)."""
    previous = signal.getsignal(signal.SIGTERM)
    if previous is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        server = TestServer.start()  # removes its folder itself if it is stopped half-way
        try:
            yield server
        finally:
            server.stop()
    finally:
        if previous is signal.SIG_DFL:
            signal.signal(signal.SIGTERM, previous)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(f"stopped by signal {signum}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_orphans(bin_folder: Path, run_as: str | None) -> None:
    """Stop and remove the servers of test runs that were killed before they could (their owner
    process is gone); a server another run is still using is left alone."""
    for owner_file in Path("/tmp").glob(f"{FOLDER_PREFIX}*/{OWNER_FILE}"):
        try:
            pid = int(owner_file.read_text(encoding="ascii"))
        except (OSError, ValueError):
            continue
        if _alive(pid):
            continue
        with contextlib.suppress(ServerUnavailableError, OSError):
            TestServer(owner_file.parent, bin_folder, run_as=run_as).stop()
