"""Reaching a clinic server: a libpq URL, TLS whenever the server is not on this machine.

The URL is libpq's own (``postgresql://ROLE@HOST/DATABASE``; ``?host=/run/postgresql`` for a unix
socket); the password comes from the URL, ``PGPASSWORD`` or ``~/.pgpass``, as for psql. A server on
another machine is reached over TLS only: ``sslmode=require`` is added when the URL names none, and
a weaker one (disable, allow, prefer) is refused, since the connection carries patients' records.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from cst_notes.storage.database import StorageError

LOCAL_HOSTS = frozenset({"", "localhost", "127.0.0.1", "::1"})
TLS_MODES = frozenset({"require", "verify-ca", "verify-full"})
CONNECT_TIMEOUT_SECONDS = 10


class ClinicServerError(StorageError):
    """The clinic server refused, could not be reached, or is not what the command needs; the
    message says which, for the person at the laptop."""


class ClinicUnreachable(ClinicServerError):
    """The clinic server did not answer, or the connection was lost: working offline, which is
    normal; what was stored is kept and the next sync goes on from there."""


def is_local(url: str) -> bool:
    """Whether every host the URL names is this machine (a unix socket folder or a loopback address)."""
    hosts = str(_parts(url).get("host") or "").split(",")
    return all(h.startswith("/") or h.strip() in LOCAL_HOSTS for h in hosts)


def _parts(url: str) -> dict[str, Any]:
    try:
        return conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise ClinicServerError(
            f"the server address {without_password(url)!r} is not a PostgreSQL URL: {exc}"
        ) from None


def secured(url: str) -> str:
    """The URL as it is connected to: with ``sslmode=require`` added for a server on another machine;
    ClinicServerError for one that would be reached without TLS."""
    parts = _parts(url)
    if is_local(url):
        return url
    mode = parts.get("sslmode")
    if mode is None:
        return make_conninfo(url, sslmode="require")
    if mode not in TLS_MODES:
        raise ClinicServerError(
            f"sslmode={mode} would let patients' records cross the network unencrypted: a clinic server on "
            f"another machine is reached with sslmode=require, verify-ca or verify-full"
        )
    return url


def without_password(url: str) -> str:
    """The URL with any password left out (to show or to keep), every part percent-encoded."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "(not a PostgreSQL URL)"
    parts.pop("password", None)
    host = str(parts.pop("host", "") or "")
    port = parts.pop("port", None)
    user = str(parts.pop("user", "") or "")
    database = str(parts.pop("dbname", "") or "")
    socket = host.startswith("/")
    where = "" if socket else (f"[{host}]" if ":" in host else quote(host, safe=".,-"))
    if port is not None:
        where += f":{port}"
    extras = ([("host", host)] if socket else []) + sorted((k, str(v)) for k, v in parts.items())
    query = ("?" + "&".join(f"{k}={quote(v, safe='/')}" for k, v in extras)) if extras else ""
    at = f"{quote(user, safe='')}@" if user else ""
    return f"postgresql://{at}{where}/{quote(database, safe='')}{query}"


Connection = psycopg.Connection[tuple[Any, ...]]


def connect(url: str, password: str | None = None, *, timeout: int = CONNECT_TIMEOUT_SECONDS) -> Connection:
    """A connection to the clinic server (autocommit off: each use is its own transaction);
    ``password`` None: from the URL, PGPASSWORD or ~/.pgpass, as libpq finds it."""
    address = secured(url) if password is None else make_conninfo(secured(url), password=password)
    try:
        return psycopg.connect(address, connect_timeout=timeout, application_name="cst-notes")
    except psycopg.OperationalError as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        # the server answered and refused (a password, a role, a database): not a matter of being offline
        refused = (exc.sqlstate or "")[:2] in ("28", "3D") or "authentication failed" in reason
        kind = ClinicServerError if refused else ClinicUnreachable
        raise kind(f"cannot reach the clinic server {without_password(url)}: {reason}") from None
