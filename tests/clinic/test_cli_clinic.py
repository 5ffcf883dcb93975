"""``cst-notes clinic init|add-role`` as a user runs them, against the real test server; and the
laptop's own path, which never loads psycopg."""

from __future__ import annotations

import subprocess
import sys

import psycopg
import pytest

from cst_notes.storage.server import migrations
from tests.cli.test_cli import run
from tests.clinic.conftest import EmptyDatabase


def test_clinic_init_then_add_role_then_the_practitioner_logs_in(
    empty_database: EmptyDatabase, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = empty_database
    server = db.server.url(db.owner, db.name)  # no password in the URL: libpq takes PGPASSWORD, as psql does
    monkeypatch.setenv("PGPASSWORD", db.password)
    code, out, err = run(capsys, "clinic", "init", "--server", server)
    assert (code, err) == (0, "")
    assert out.startswith(f"made the clinic in {db.name} on postgresql://{db.owner}@/{db.name}?host=")
    assert f"group roles {db.name}_owner, {db.name}_therapist, {db.name}_front_desk" in out
    assert db.password not in out

    code, out, err = run(capsys, "clinic", "init", "--server", server)
    assert (code, out) == (1, "")
    refusal = (
        f"the database {db.name} already holds a CST Notes clinic (schema version {migrations.LATEST}): "
        "nothing was changed"
    )
    assert err == f"cst-notes clinic: {refusal}\n"

    monkeypatch.setenv("CST_NOTES_CLINIC_PASSWORD", "her own words")
    role = f"{db.name}_meera"
    code, out, err = run(
        capsys, "clinic", "add-role", "--server", server, "Meera Das", "--role", role, "--kind", "therapist"
    )
    assert (code, err, out) == (0, "", f"added the role {role} for Meera Das, a member of {db.name}_therapist\n")
    with db.connect(role, "her own words") as meera:
        assert meera.execute("SELECT name, role FROM clinic.practitioners").fetchall() == [("Meera Das", "therapist")]
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        db.connect(role, "not her words")


def test_clinic_init_with_a_wrong_password_says_so_and_shows_no_password(
    empty_database: EmptyDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    db = empty_database
    code, out, err = run(capsys, "clinic", "init", "--server", db.server.url(db.owner, db.name, "guessed-wrong"))
    assert (code, out) == (1, "")
    assert err.startswith(f"cst-notes clinic: cannot reach the clinic server postgresql://{db.owner}@/{db.name}?host=")
    assert "password authentication failed" in err
    assert "guessed-wrong" not in err


def test_the_laptops_own_path_never_loads_psycopg() -> None:
    """Opening a database, the services, the CLI and the app's start-up: no psycopg (nor libpq)."""
    code = (
        "import sys, tempfile, os; import cst_notes.app, cst_notes.cli; from cst_notes.services import Services;"
        "s = Services.open(os.path.join(tempfile.mkdtemp(), 'a.sqlite')); s.close();"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('psycopg', 'psycopg_binary')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout == "[]\n"


def test_clinic_init_on_a_read_only_server_is_a_message_not_a_traceback_and_changes_nothing(
    empty_database: EmptyDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    """A standby (or a database set read-only) named by mistake: the server refuses the first
    statement that makes anything; the owner is told so in a line, and nothing was made."""
    db = empty_database
    with db.superuser() as su:
        su.execute(f'ALTER ROLE "{db.owner}" SET default_transaction_read_only = on')
    code, out, err = run(capsys, "clinic", "init", "--server", db.server.url(db.owner, db.name, db.password))
    assert (code, out) == (1, "")
    assert err == (
        "cst-notes clinic: the clinic server refused the init (cannot execute CREATE SCHEMA in a read-only "
        "transaction): its transaction was rolled back, nothing was changed\n"
    )
    with db.superuser() as su:
        assert su.execute("SELECT to_regnamespace('clinic')").fetchone() == (None,)
        assert su.execute("SELECT count(*) FROM pg_roles WHERE rolname LIKE %s", [f"{db.name}\\_%"]).fetchone() == (1,)


def test_clinic_add_role_of_a_role_taken_is_a_message_not_a_traceback(
    empty_database: EmptyDatabase, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = empty_database
    server = db.server.url(db.owner, db.name, db.password)
    assert run(capsys, "clinic", "init", "--server", server)[0] == 0
    monkeypatch.setenv("CST_NOTES_CLINIC_PASSWORD", "her own words")
    role = f"{db.name}_meera"
    add = ("clinic", "add-role", "--server", server, "--role", role, "--kind", "therapist")
    assert run(capsys, *add[:4], "Meera Das", *add[4:])[0] == 0
    code, out, err = run(capsys, *add[:4], "Meera Dasgupta", *add[4:])
    assert (code, out) == (1, "")
    assert err == (
        f'cst-notes clinic: the clinic server refused the add-role (role "{role}" already exists): its transaction '
        "was rolled back, nothing was changed\n"
    )
    with db.superuser() as su:
        assert su.execute("SELECT name FROM clinic.practitioners").fetchall() == [("Meera Das",)]
