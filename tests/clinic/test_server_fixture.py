"""The test server itself: a real PostgreSQL, reached only through its unix socket, as a role that is no superuser."""

from __future__ import annotations

from tests.clinic.conftest import EmptyDatabase


def test_the_owner_of_a_fresh_database_is_no_superuser(empty_database: EmptyDatabase) -> None:
    with empty_database.connect(empty_database.owner, empty_database.password) as conn:
        row = conn.execute(
            "SELECT rolsuper, rolcreaterole, current_database() FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
        listen = conn.execute("SELECT current_setting('listen_addresses')").fetchone()
    assert row == (False, True, empty_database.name)
    assert listen == ("",)  # no TCP port: the unix socket in the test folder only
