"""Released migrations are frozen; a new database has the committed schema; a database of every
earlier version upgrades to exactly that schema with every record, signature and trigger intact
(issue 14, item 7)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from cst_notes.services import Services
from cst_notes.storage import schema
from tests.storage.old_databases import RELEASED, path_of
from tests.storage.schema_snapshot import SNAPSHOT, new_database_schema, schema_text

# The SHA-256 of each released migration's SQL file: a released migration is never edited.
RELEASED_SQL = {
    "m001_initial_schema": "272b250eb29783ddcd11ae45f81669faf1ffc65db437bdbd0b338184cd5e2bda",
    "m002_drafts": "94e5a03bb497cd9ca70a87af0ef350016aa45496af08f57fa8fc76de5fd8c6c4",
    "m003_signing_addenda_audit": "db7e0bbc7b94f4b6cd656bcc2e124401ee5df358eec23ee8f856f0913ae07c6c",
    "m004_session_templates": "04a866b08e21ff85865f7b1be8c26874c2c135890521284ec8c39833540e2385",
    "m005_search": "5513e38589336bdde62638ec153eb40999f57b10f70f4c4215e6a3621e5e4d22",
    "m006_date_order": "b65fe63be95e7dee7937beb5051ec0d212ff561cef111bafa8120222009578bb",
    "m008_plans": "8db9bd95aafdb2dd7639a3ea618dc457c7a1bc7e6428fa8ffce4d0edec6b9f43",
    "m009_screening": "627fcb3fe6e70079e7d05a4d26044f588217d43b943ad4aded0996627507ff8c",
    "m010_tamper_evident": "584cb652383a463aa576fedfa9b9c8d881f0a6992f3117e92263a4cb76f9a4d3",
    "m011_signature_scheme": "949fc621d57127ab6ccc5d2b5a251f1cb62a8264261d1fe86d405e36b2ccea0c",
    "m012_refuse_bad_rows": "3e1210d0cb5ef4bbc075342eabbe2e10935546a83e319a5e46adbb5f264f8c1b",
    "m013_practitioners": "8a8d817a4de3ca20cd3ccdc6866020cd6780fa58e9183d5671786da86941b5e2",
    "m014_practice_seals": "f6887cbded8848a3c6cb1812c32582dc4dc3e2efc191e507f01432ce8900297f",
    "m015_idle_lock": "d5ff54a2fe8bf010dc5c48d90ada8e1b512c931b41e48c77172049c8ce6b0e71",
    "m016_document_language": "684a1da697f1002422ca7b10405b9f38eae2c234e3e5413aaca566c8bc181f14",
    "m017_clinic_server": "438346bec2b30f05cbd4471322aba0bdfedbf4a856e5e01a76d8044a7bd1bd53",
    "m018_clinic_pull": "802773371d9749271379b47e6c6d5b16aee9facb2b99b49008ef51140e5c2308",
    "m019_clinic_conflicts": "0ded25915dd717d188c558a7b8225c9417415751f1cf0ff232b3ea16d51921d9",
    "m020_clinic_pull_mark": "c691455cdab32ae25c9707b3f162c2aa47cb49ef6bac3dc3c56d8ed764ef4df1",
    "m021_clinic_holds": "102ba3f757be6e677465df8c9b2a2f0fdcb60acbe6abd9c3317ee20ab51b59d8",
    "m022_clinic_sync_problems": "5c1fb34fab9139ed25ba481c839368ad89646d315818a16af6fe75e63b70f9d6",
    "m023_clinic_details_to_push": "d8e6a36f24ae35853850d5de2bde34b21b5106ad2ecc9f0e18e4ef36cb57eb10",
    "m024_clinic_plans": "0b287bf804a6f78420f3bd8ddc889e4ba844752c48524caed3fabc1345874957",
    "m025_screening_uids": "d3058fc9d92a8155ed8dc2f33c9f8772ed386807345a6aa0c2ba3915ca728103",
    "m026_clinic_server_identity": "acad980cf4a35a28175d9ccc2605a3baf2493004e6d7393d672219a956f12820",
    "m027_clinic_settings_base": "6b9c6d4281096af893edb74b6688f1b29d123a9cc8a6bf100051438bc8213a07",
    "m028_guards_without_lists": "5242fdb424d2be51a5b7997c48ea09459e872c32a3936d233566bbca81efdecb",
}


def test_a_new_database_has_the_committed_schema() -> None:
    assert new_database_schema() == SNAPSHOT.read_text(encoding="utf-8"), (
        "the schema of a new database changed: if a new migration means it to, run `make schema-snapshot` "
        "and read the diff"
    )


@pytest.mark.parametrize("name", schema.MIGRATION_NAMES)
def test_a_released_migration_is_never_edited(name: str) -> None:
    digest = hashlib.sha256(schema.migration_sql(name).encode()).hexdigest()
    assert RELEASED_SQL.get(name) == digest, f"{name} was edited (or is new: add its hash once it is released)"


def _edited(value: Any) -> Any:
    if isinstance(value, str):
        return value + " (edited)"
    if isinstance(value, dict) and value:
        return dict(list(value.items())[:-1])
    if isinstance(value, tuple) and value and all(isinstance(v, str) for v in value):
        return value[:-1]
    return value


def test_a_released_migration_depends_on_nothing_still_edited(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every constant of the schema module edited (a message, a column type, a list of search
    columns): the migrations still make the committed schema."""
    for name, value in list(vars(schema).items()):
        if not name.startswith("__") and name != "MIGRATION_SET":
            monkeypatch.setattr(schema, name, _edited(value))
    conn = sqlite3.connect(":memory:")
    try:
        schema.migration_set().apply(Database(conn, execute_plugins=False))
        made = schema_text(conn)
    finally:
        conn.close()
    assert made == SNAPSHOT.read_text(encoding="utf-8")


def _rows(path: Path) -> dict[str, list[dict[str, Any]]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
            )
            if not r[0].startswith(("sqlite_", "_sqlite"))
            and not r[0].endswith(("_data", "_idx", "_docsize", "_config"))
        ]
        return {t: [dict(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY rowid")] for t in tables}
    finally:
        conn.close()


@pytest.mark.parametrize("version", range(1, len(RELEASED) + 1))
def test_a_database_of_every_earlier_version_upgrades_intact(tmp_path: Path, version: int) -> None:
    path = tmp_path / "clinic.sqlite"
    shutil.copyfile(path_of(version), path)
    before = _rows(path)
    services = Services.open(path)
    try:
        report = services.check()
        [patient] = services.patient_summaries()
        sessions = services.sessions(patient.id)
        intake = services.intake(patient.id)
    finally:
        services.close()
    assert report.ok, report.problems
    assert report.schema_version == len(schema.MIGRATION_NAMES)
    after = _rows(path)
    for table, rows in before.items():  # every row as it was, new columns aside
        assert [{k: r[k] for k in row} for r, row in zip(after[table], rows, strict=True)] == rows, table
    assert [s.subjective for s in sessions] == ["মাথাব্যথা কম", ""]
    assert intake is not None
    assert intake.complaint == "Headaches since the fall"
    if version >= RELEASED.index("m003_signing_addenda_audit") + 1:
        assert [s.signed_by for s in sessions] == ["Anita Bose", ""]
        assert intake.signed_by == "Anita Bose"
        assert [a.text for a in sessions[0].addenda] == ["Pain after was 4, not 3."]
    conn = sqlite3.connect(path)
    try:
        assert schema_text(conn) == SNAPSHOT.read_text(encoding="utf-8")  # the triggers too, word for word
    finally:
        conn.close()
