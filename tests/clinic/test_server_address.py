"""A clinic server's address: TLS whenever the server is on another machine, and no password
shown or kept (storage/server/connection.py). Pure: no server needed."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st
from psycopg.conninfo import conninfo_to_dict

from cst_notes.storage.server.connection import ClinicServerError, is_local, secured, without_password


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://ana@/clinic?host=/run/postgresql",
        "postgresql://ana@localhost/clinic",
        "postgresql://ana@127.0.0.1:5433/clinic",
        "postgresql://ana@[::1]/clinic",
        "postgresql:///clinic",
    ],
)
def test_a_server_on_this_machine_is_reached_as_named(url: str) -> None:
    assert is_local(url)
    assert secured(url) == url


def test_a_server_on_another_machine_is_reached_over_tls() -> None:
    url = "postgresql://ana@db.clinic.example/clinic"
    assert not is_local(url)
    assert conninfo_to_dict(secured(url))["sslmode"] == "require"
    strict = url + "?sslmode=verify-full"
    assert secured(strict) == strict


@pytest.mark.parametrize("mode", ["disable", "allow", "prefer"])
def test_a_remote_server_without_tls_is_refused(mode: str) -> None:
    with pytest.raises(ClinicServerError, match=f"sslmode={mode} would let patients' records cross the network"):
        secured(f"postgresql://ana@10.0.0.5/clinic?sslmode={mode}")


def test_one_remote_host_among_several_needs_tls() -> None:
    assert not is_local("postgresql://ana@localhost,db.example/clinic")


def test_the_address_shown_or_kept_has_no_password() -> None:
    assert without_password("postgresql://ana:s3cret@db.example:5433/clinic?sslmode=require") == (
        "postgresql://ana@db.example:5433/clinic?sslmode=require"
    )
    assert without_password("postgresql://ana:s3cret@/clinic?host=/tmp/pg") == "postgresql://ana@/clinic?host=/tmp/pg"
    assert without_password("postgresql://ana@/clinic?password=s3cret&host=/tmp/pg") == (
        "postgresql://ana@/clinic?host=/tmp/pg"
    )
    assert without_password("not a url at all = =") == "(not a PostgreSQL URL)"


def test_a_malformed_address_is_refused_with_a_message() -> None:
    with pytest.raises(ClinicServerError, match="is not a PostgreSQL URL"):
        secured("postgresql://ana@host/clinic?nonsense_option=1")


_NAMES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20)


@given(user=_NAMES, password=_NAMES, database=_NAMES, host=st.sampled_from(["db.example", "10.1.2.3", "/run/pg"]))
def test_the_address_kept_never_holds_the_password_and_keeps_the_rest(
    user: str, password: str, database: str, host: str
) -> None:
    where = "" if host.startswith("/") else host
    query = f"?host={quote(host, safe='')}" if host.startswith("/") else ""
    url = f"postgresql://{quote(user, safe='')}:{quote(password, safe='')}@{where}/{quote(database, safe='')}{query}"
    kept = conninfo_to_dict(without_password(url))
    assert "password" not in kept
    assert (kept["user"], kept["dbname"], kept["host"]) == (user, database, host)
