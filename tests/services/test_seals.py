"""Existing databases become practices with practitioners (m014); the audit chain's end sealed with a
practitioner's key; key changes signed; and raw sqlite3 attacks on seals and key rows reported by check."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cst_notes.domain import keys
from cst_notes.domain.audit import CHAIN_COLUMNS, CHAIN_GENESIS, chain_hash
from cst_notes.domain.practitioner import Practitioner
from cst_notes.services import Services
from cst_notes.storage.schema import expected_triggers
from tests.services.test_signing import EMMA, SESSION
from tests.storage.old_databases import RELEASED, path_of

ANITA, RAHUL = "Anita Bose", "রাহুল মেহতা"
SECRET = "correct horse battery staple"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "clinic.sqlite"


@pytest.fixture
def clinic(path: Path) -> Iterator[Services]:
    services = Services.open(path)
    services.add_practitioner(Practitioner(ANITA, "owner", "RCST"), SECRET)
    services.sign_in(ANITA, SECRET)
    yield services
    services.close()


def signed_session(services: Services) -> int:
    pid = services.create_patient(dataclasses.replace(EMMA, uid=str(uuid.uuid4()))).patient_id
    sid = services.add_session(pid, dataclasses.replace(SESSION, uid=str(uuid.uuid4()))).session_id
    services.sign_session(sid, ANITA, passphrase=SECRET)
    return sid


def raw(path: Path, *statements: str, params: tuple[object, ...] = ()) -> None:
    """A raw sqlite3 client: the statements, the last with ``params``."""
    conn = sqlite3.connect(path)
    try:
        for n, statement in enumerate(statements):
            conn.execute(statement, params if n == len(statements) - 1 else ())
        conn.commit()
    finally:
        conn.close()


def recreate_triggers(path: Path, *names: str) -> None:
    raw(path, *(expected_triggers()[name][1] for name in names))


def checked(path: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    services = Services.open(path)
    try:
        services.sign_in(ANITA, SECRET)  # check reads every record: a practitioner's to run
        report = services.check()
    finally:
        services.close()
    return report.problems, report.notes


# --- existing databases: every therapist a practitioner ------------------------------------------


@pytest.mark.parametrize("version", range(1, len(RELEASED) + 1))
def test_each_old_version_opens_with_its_therapist_the_owning_practitioner(path: Path, version: int) -> None:
    shutil.copyfile(path_of(version), path)
    services = Services.open(path)
    try:
        found = [(p.name, p.role, p.key_id) for p in services.practitioners()]
        report = services.check()
        signed = [s for s in services.sessions(1) if s.is_signed]
    finally:
        services.close()
    assert found == [(ANITA, "owner", "")]
    assert report.ok, report.problems
    assert all(s.signed_by == ANITA for s in signed)  # old signatures kept and valid (check is ok)


def test_therapists_and_authors_become_practitioners_names_compared_as_names_bad_ones_listed(path: Path) -> None:
    shutil.copyfile(path_of(len(RELEASED)), path)
    conn = sqlite3.connect(path)
    others = [
        r[1]
        for r in conn.execute("PRAGMA table_info(sessions)")
        if r[1] not in ("id", "uid", "started_at", "therapist")
    ]
    conn.close()
    insert = (  # a copy of the draft session, given by someone else
        f"INSERT INTO sessions (uid, started_at, therapist, {', '.join(others)}) "
        f"SELECT ?, ?, ?, {', '.join(others)} FROM sessions WHERE id = 2"
    )
    for n, name in enumerate([RAHUL, "anita  BOSE", "মৌমিতা\x00দাস", "  সুদীপা রায়  "]):
        raw(path, insert, params=(str(uuid.uuid4()), f"2026-04-0{n + 1}T09:00:00Z", name))
    services = Services.open(path)
    try:
        found = {p.name: p.role for p in services.practitioners()}
        services.sign_in(ANITA)  # several practitioners now, none with a key yet
        report = services.check()
    finally:
        services.close()
    assert found == {ANITA: "owner", RAHUL: "therapist", "সুদীপা রায়": "therapist"}
    assert [p.split(": ", 1)[1] for p in report.problems] == ["sessions[4].therapist: contains a control character"]
    assert [n for n in report.notes if "not practitioners" in n and "মৌমিতা দাস" in n]


def test_a_single_therapist_without_settings_is_the_owner(path: Path) -> None:
    shutil.copyfile(path_of(1), path)
    raw(path, "UPDATE clinic_settings SET therapist_name = ''", "UPDATE sessions SET therapist = ?", params=(RAHUL,))
    services = Services.open(path)
    try:
        found = [(p.name, p.role) for p in services.practitioners()]
    finally:
        services.close()
    assert found == [(RAHUL, "owner")]


# --- seals -----------------------------------------------------------------------------------------


def seal_rows(path: Path) -> list[tuple[int, int, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT id, entry_id, practitioner FROM audit_seals ORDER BY id").fetchall()
    finally:
        conn.close()


def last_entry(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT max(id) FROM audit_log").fetchone()[0])
    finally:
        conn.close()


def test_signing_seals_the_chain_end_and_check_verifies_it(clinic: Services, path: Path) -> None:
    signed_session(clinic)
    assert seal_rows(path) == [(1, last_entry(path), ANITA)]
    report = clinic.check()
    assert report.ok, report.problems
    assert not [n for n in report.notes if "after the last seal" in n]
    clinic.create_patient(dataclasses.replace(EMMA, uid=str(uuid.uuid4())))
    assert [n for n in clinic.check().notes if n.startswith("1 audit entry after the last seal (seal 1, by Anita Bose")]


@pytest.mark.parametrize("how", ["lock", "sign_out", "close"])
def test_lock_sign_out_and_close_seal_with_the_sitting_key(clinic: Services, path: Path, how: str) -> None:
    clinic.create_patient(dataclasses.replace(EMMA, uid=str(uuid.uuid4())))
    assert seal_rows(path) == []
    getattr(clinic, how)()
    assert seal_rows(path) == [(1, last_entry(path), ANITA)]


def test_an_audit_entry_changed_before_a_seal_with_the_chain_recomputed_is_reported(
    clinic: Services, path: Path
) -> None:
    signed_session(clinic)
    clinic.close()
    conn = sqlite3.connect(path)  # the attacker: triggers dropped, an entry changed, the chain recomputed
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name LIKE 'audit_%'"):
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("UPDATE audit_log SET summary = 'nothing happened' WHERE id = 1")
    previous = CHAIN_GENESIS
    for stored in conn.execute(f"SELECT {', '.join(CHAIN_COLUMNS)} FROM audit_log ORDER BY id").fetchall():
        entry = chain_hash(previous, stored)
        conn.execute("UPDATE audit_log SET prev_hash = ?, entry_hash = ? WHERE id = ?", [previous, entry, stored[0]])
        previous = entry
    conn.execute("UPDATE audit_chain SET head = ?", [previous])
    conn.commit()
    conn.close()
    recreate_triggers(
        path, *(n for n, (table, _) in expected_triggers().items() if table in ("audit_log", "audit_chain"))
    )
    problems, _ = checked(path)
    assert [p for p in problems if p.startswith("audit seal 1 (by Anita Bose") and "is not the one sealed" in p]


def test_seals_refuse_update_delete_and_replace(clinic: Services, path: Path) -> None:
    signed_session(clinic)
    for attack in (
        "UPDATE audit_seals SET entry_id = 1",
        "DELETE FROM audit_seals",
        "INSERT OR REPLACE INTO audit_seals SELECT * FROM audit_seals",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="audit seals are never changed or deleted"):
            raw(path, attack)


def test_a_seal_changed_with_its_triggers_dropped_is_reported_by_name(clinic: Services, path: Path) -> None:
    signed_session(clinic)
    clinic.close()
    raw(
        path,
        "DROP TRIGGER audit_seals_no_update",
        "UPDATE audit_seals SET sealed_at = '2026-01-01T00:00:00Z' WHERE id = 1",
    )
    problems, _ = checked(path)
    assert "the protective trigger audit_seals_no_update" in " ".join(problems)
    recreate_triggers(path, "audit_seals_no_update")
    problems, _ = checked(path)
    assert [p for p in problems if p.startswith("audit seal 1 (by Anita Bose, 2026-01-01 00:00 UTC")]


def test_a_seal_signed_by_a_key_not_the_practitioners_is_reported(clinic: Services, path: Path) -> None:
    signed_session(clinic)
    clinic.close()
    conn = sqlite3.connect(path)
    entry, digest = conn.execute("SELECT id, entry_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    forger = keys.new_private_key()
    kid = keys.key_id(keys.public_key(forger))
    from cst_notes.domain.audit import Seal, seal_message

    seal = Seal(entry, digest, dt.datetime.now(dt.UTC).replace(microsecond=0), ANITA, kid)
    signature = keys.sign_bytes(forger, seal_message(seal)).hex()
    raw(
        path,
        "INSERT INTO audit_seals (entry_id, entry_hash, sealed_at, practitioner, key_id, signature) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        params=(entry, digest, seal.sealed_at.strftime("%Y-%m-%dT%H:%M:%SZ"), ANITA, kid, signature),
    )
    problems, _ = checked(path)
    assert [p for p in problems if p.startswith("audit seal 2 (by Anita Bose") and "not Anita Bose's then" in p]


# --- key changes signed ----------------------------------------------------------------------------


def key_rows(path: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT id, key_id, public_key, valid_from, reason, previous_key_id, self_signature, previous_signature "
            "FROM practitioner_keys ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def test_each_key_row_is_signed_by_its_key_and_a_passphrase_change_by_the_previous_one(
    clinic: Services, path: Path
) -> None:
    clinic.set_passphrase(ANITA, SECRET, "a new one")
    first, second = key_rows(path)
    for row, follows in ((first, ""), (second, first[1])):
        _, kid, public, valid_from, reason, previous_kid, own, _ = row
        at = dt.datetime.fromisoformat(str(valid_from).replace("Z", "+00:00"))
        message = keys.key_row_message(ANITA, str(kid), at, str(reason), follows)
        assert previous_kid == follows
        assert keys.verifies(bytes(public), bytes.fromhex(str(own)), message)
    assert first[7] is None  # a first key follows none
    at = dt.datetime.fromisoformat(str(second[3]).replace("Z", "+00:00"))
    message = keys.key_row_message(ANITA, str(second[1]), at, "new passphrase", str(first[1]))
    assert keys.verifies(bytes(first[2]), bytes.fromhex(str(second[7])), message)
    assert clinic.check().ok


def test_a_new_key_while_signed_in_is_signed_by_the_old_key(clinic: Services, path: Path) -> None:
    clinic.set_passphrase(ANITA, "", "forgotten the old", new_key=True)
    first, second = key_rows(path)
    assert second[5] == first[1]
    at = dt.datetime.fromisoformat(str(second[3]).replace("Z", "+00:00"))
    message = keys.key_row_message(ANITA, str(second[1]), at, "new key", str(first[1]))
    assert keys.verifies(bytes(first[2]), bytes.fromhex(str(second[7])), message)
    assert clinic.check().ok


def test_a_raw_unsigned_key_row_is_refused_and_reported_with_the_trigger_dropped(clinic: Services, path: Path) -> None:
    clinic.close()
    forger = keys.new_private_key()
    public = keys.public_key(forger)
    insert = (
        "INSERT INTO practitioner_keys (practitioner_id, valid_from, key_id, public_key, kdf, sealed_private_key, "
        "reason, previous_key_id, self_signature) VALUES (1, '2099-01-01T00:00:00Z', ?, ?, 'none', ?, 'new key', '', ?)"
    )
    with pytest.raises(sqlite3.IntegrityError, match="a key row is signed by its own key"):
        raw(path, insert, params=(keys.key_id(public), public, forger, None))
    raw(path, "DROP TRIGGER practitioner_keys_signed", insert, params=(keys.key_id(public), public, forger, None))
    recreate_triggers(path, "practitioner_keys_signed")
    problems, _ = checked(path)
    assert [p for p in problems if p.startswith("key row 2 (Anita Bose") and "not signed by its key" in p]
    assert [p for p in problems if p.startswith("key row 2 (Anita Bose") and "no record of this key change" in p]


def test_a_raw_key_row_self_signed_by_a_forgers_key_is_reported(clinic: Services, path: Path) -> None:
    first_kid = str(key_rows(path)[0][1])
    clinic.close()
    forger = keys.new_private_key()
    public = keys.public_key(forger)
    kid = keys.key_id(public)
    at = dt.datetime(2099, 1, 1, tzinfo=dt.UTC)
    signature = keys.sign_bytes(forger, keys.key_row_message(ANITA, kid, at, "new key", first_kid)).hex()
    raw(
        path,
        "INSERT INTO practitioner_keys (practitioner_id, valid_from, key_id, public_key, kdf, sealed_private_key, "
        "reason, previous_key_id, self_signature) VALUES (1, '2099-01-01T00:00:00Z', ?, ?, 'none', ?, 'new key', ?, ?)",
        params=(kid, public, forger, first_kid, signature),
    )
    problems, _ = checked(path)
    assert [p for p in problems if p.startswith("key row 2 (Anita Bose") and "no record of this key change" in p]


def test_a_key_row_replaced_with_the_triggers_dropped_is_reported(clinic: Services, path: Path) -> None:
    clinic.close()
    raw(
        path,
        "DROP TRIGGER practitioner_keys_no_replace",
        "INSERT OR REPLACE INTO practitioner_keys SELECT id, practitioner_id, '2099-01-01T00:00:00Z', key_id, "
        "public_key, kdf, kdf_n, kdf_r, kdf_p, kdf_salt, nonce, sealed_private_key, reason, previous_key_id, "
        "self_signature, previous_signature FROM practitioner_keys WHERE id = 1",
    )
    recreate_triggers(path, "practitioner_keys_no_replace")
    problems, _ = checked(path)
    assert [p for p in problems if p.startswith("key row 1 (Anita Bose") and "does not verify with its own key" in p]


def test_key_changes_are_still_audited(clinic: Services) -> None:
    clinic.set_passphrase(ANITA, SECRET, "a new one")
    entry = clinic.history()[0]
    assert (entry.entity, entry.summary) == ("practitioner", f"practitioner {ANITA}: a new passphrase")
    assert json.dumps(entry.after, ensure_ascii=False).count(ANITA) >= 1
