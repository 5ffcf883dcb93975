"""The clinic tests' real PostgreSQL server (``tests/clinic/server.py``): one per test session,
stopped and removed at the end whatever the tests did; and, per test, a fresh empty database owned
by a fresh role that is no superuser (as a clinic's is), with its URL."""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from cst_notes.services import Services
from tests.clinic.server import TestServer, running_server

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[TestServer]:
    """A running PostgreSQL; a machine that cannot start one fails the clinic tests, saying why.
    Stopped at the end, also when the run is ended by SIGTERM (``running_server``)."""
    with running_server() as server:
        yield server


@dataclass(frozen=True)
class EmptyDatabase:
    """A fresh database on the test server, owned by ``owner`` (LOGIN CREATEROLE, not a superuser)."""

    server: TestServer
    name: str
    owner: str
    password: str

    @property
    def url(self) -> str:
        return self.server.url(self.owner, self.name, self.password)

    def connect(self, role: str, password: str) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(self.server.url(role, self.name, password), autocommit=True)

    def superuser(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(self.server.superuser_url(self.name), autocommit=True)


@pytest.fixture
def empty_database(pg_server: TestServer) -> EmptyDatabase:
    return new_database(pg_server)


def new_database(pg_server: TestServer) -> EmptyDatabase:
    """A new empty database on the server, owned by a new role of its own."""
    number = next(_numbers)
    name, owner, password = f"clinic{number}", f"clinic{number}_admin", secrets.token_urlsafe(12)
    with psycopg.connect(pg_server.superuser_url(), autocommit=True) as su:
        su.execute(
            sql.SQL("CREATE ROLE {} LOGIN CREATEROLE NOSUPERUSER PASSWORD {}").format(
                sql.Identifier(owner), sql.Literal(password)
            )
        )
        su.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(name), sql.Identifier(owner)))
    return EmptyDatabase(pg_server, name, owner, password)


@pytest.fixture
def server(empty_database: EmptyDatabase) -> EmptyDatabase:
    """A clinic with its practitioners' roles (``clinic_data.PEOPLE``), and nothing in it yet."""
    from cst_notes.storage.server import migrations, practitioners
    from tests.clinic.clinic_data import PASSWORD, PEOPLE

    with psycopg.connect(empty_database.url) as admin:
        migrations.init(admin)
        for short, (name, kind) in PEOPLE.items():
            practitioners.add_practitioner(admin, f"{empty_database.name}_{short}", name, kind, PASSWORD)
    return empty_database


@pytest.fixture
def rahul(tmp_path: Path, server: EmptyDatabase) -> Iterator[Services]:
    """Rahul's laptop (``test_pull.laptop``), joined to the clinic."""
    from tests.clinic.test_pull import RAHUL, laptop

    services = laptop(tmp_path / "rahul.sqlite", server, RAHUL, "rahul")
    yield services
    services.close()


@pytest.fixture
def meera(tmp_path: Path, server: EmptyDatabase) -> Iterator[Services]:
    """Meera's laptop (``test_pull.laptop``), joined to the clinic."""
    from tests.clinic.test_pull import MEERA, laptop

    services = laptop(tmp_path / "meera.sqlite", server, MEERA, "meera")
    yield services
    services.close()


@pytest.fixture
def fetched(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The uids of the patients each pull read from the server, in order."""
    from cst_notes.storage.server import pull

    read: list[str] = []
    fetch = pull.fetch_patients

    def counted(conn: pull.Connection, patient_uids: list[str], laptop_uid: str) -> object:
        read.extend(patient_uids)
        return fetch(conn, patient_uids, laptop_uid)

    monkeypatch.setattr(pull, "fetch_patients", counted)
    return read
