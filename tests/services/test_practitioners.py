"""Practitioners and keyed signatures (issue 15, first slice): a signature only its signer's
passphrase can make, verified by check and by import with the key that was theirs when they signed."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from cst_notes.domain import keys
from cst_notes.domain.intake import Intake
from cst_notes.domain.practitioner import Practitioner
from cst_notes.domain.session import Session
from cst_notes.domain.signing import SCHEMES, content_hash, sign_keyed, signature_message
from cst_notes.domain.validation import ValidationError
from cst_notes.services import Services
from cst_notes.storage.schema import expected_triggers, protective_triggers
from tests.services.test_signing import EMMA, SESSION

ANITA, RAHUL = "Anita Bose", "রাহুল মেহতা"
SECRET = "correct horse battery staple"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """scrypt at a test's cost (the stored parameters say which was used)."""
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@pytest.fixture
def clinic(tmp_path: Path) -> Iterator[Services]:
    services = Services.open(tmp_path / "clinic.sqlite")
    services.add_practitioner(Practitioner(ANITA, "owner", "RCST"), SECRET)
    services.sign_in(ANITA, SECRET)  # a practice with a passphrase: its practitioners sign in
    yield services
    services.close()


def signed_session(services: Services, who: str = ANITA, passphrase: str | None = SECRET) -> int:
    pid = services.create_patient(dataclasses.replace(EMMA, uid=str(uuid.uuid4()))).patient_id
    sid = services.add_session(pid, dataclasses.replace(SESSION, uid=str(uuid.uuid4()))).session_id
    services.sign_session(sid, who, passphrase=passphrase)
    return sid


# --- scheme 3, pinned -------------------------------------------------------------------------

FIXED_KEY = bytes(range(32))


def test_a_keyed_signature_is_the_ed25519_signature_of_the_scheme_3_statement() -> None:
    note = Session(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), uid="5e55a0a0-0000-4000-8000-000000000001")
    at = dt.datetime(2026, 3, 2, 10, 15, tzinfo=dt.UTC)
    signature = sign_keyed(note, "9a7e0000-0000-4000-8000-000000000002", ANITA, at, FIXED_KEY)
    public = Ed25519PrivateKey.from_private_bytes(FIXED_KEY).public_key()

    # The statement, literally: scheme 2's fields with scheme 3 and the key, in sorted order.
    def message(form: int) -> bytes:
        return (
            '{"content":"' + content_hash(note, form) + f'","form":{form},"key":"' + signature.key_id + '",'
            '"kind":"session","patient":"9a7e0000-0000-4000-8000-000000000002",'
            '"record":"5e55a0a0-0000-4000-8000-000000000001",'
            '"scheme":3,"signed_at":"2026-03-02T10:15:00Z","signed_by":"Anita Bose"}'
        ).encode()

    public.verify(bytes.fromhex(signature.key_signature), message(2))  # raises if not: new ones are of form 2
    public.verify(bytes.fromhex(PINNED_SIGNATURE), message(1))  # one made under form 1 still verifies
    assert signature.key_id == "56475aa75463474c0285df5dbf2bcab73da651358839e9b77481b2eab107708c"
    assert (signature.signature_scheme, signature.canonical_form, SCHEMES[3].keyed) == (3, 2, True)
    signed = Session(note.started_at, uid=note.uid, status="signed", signed_at=at, signed_by=ANITA, **_sig(signature))
    assert signature_message(signed, "9a7e0000-0000-4000-8000-000000000002", scheme=3, form=2) == message(2)
    assert signature_message(signed, "9a7e0000-0000-4000-8000-000000000002", scheme=3, form=1) == message(1)


# Ed25519 is deterministic: the signature of that statement by FIXED_KEY, pinned from the first run.
PINNED_SIGNATURE = (
    "e0d463bf09e547138dd54d399fa4b3d7d18e18a300791baafd076cd6df263f5d"
    "0eedd7015a5f2c4a935a875ee81495ddb3419dce5982c4acf909a46d717e3b0f"
)


def _sig(signature: Any) -> dict[str, Any]:
    return {
        "content_hash": signature.content_hash,
        "signature_scheme": 3,
        "key_id": signature.key_id,
        "key_signature": signature.key_signature,
    }


# --- the Done-when attacks --------------------------------------------------------------------


def test_a_note_edited_raw_with_its_hash_recomputed_by_the_app_is_reported_by_check(
    clinic: Services, tmp_path: Path
) -> None:
    sid = signed_session(clinic)
    assert clinic.check().ok
    stored = clinic.session(sid)
    patient_uid = clinic.patient(stored.patient_id or 0).uid
    clinic.close()
    # The attacker: a raw sqlite3 client, every protective trigger dropped, the note changed, and
    # its content hash recomputed with the app's own functions (the key signature cannot be).
    changed = dataclasses.replace(stored, subjective="No headaches at all")
    forged = content_hash_of(changed, patient_uid)
    sql = "UPDATE sessions SET subjective = ?, content_hash = ? WHERE id = ?"
    raw_edit(tmp_path / "clinic.sqlite", sql, [changed.subjective, forged, sid])
    again = Services.open(tmp_path / "clinic.sqlite", migrate=False)
    try:
        again.sign_in(ANITA, SECRET)
        report = again.check()
    finally:
        again.close()
    assert report.problems == (
        f"session {sid} (patient 1, 2026-03-02): its signature by {ANITA} does not verify with their key: "
        "it was changed after signing",
    )


def raw_edit(path: Path, sql: str, params: list[Any]) -> None:
    """The attacker: a raw sqlite3 client drops every protective trigger, changes the row, and puts
    the triggers back as they were (so that check finds them all in place)."""
    raw = sqlite3.connect(path)
    for name in protective_triggers():
        raw.execute(f"DROP TRIGGER {name}")
    raw.execute(sql, params)
    for name in protective_triggers():
        raw.execute(expected_triggers()[name][1])
    raw.commit()
    raw.close()


def content_hash_of(note: Session, patient_uid: str) -> str:
    import hashlib

    return hashlib.sha256(signature_message(note, patient_uid, scheme=3, form=note.canonical_form)).hexdigest()


def test_a_keyed_signature_replaced_by_an_unkeyed_one_is_reported(clinic: Services, tmp_path: Path) -> None:
    sid = signed_session(clinic)
    stored = clinic.session(sid)
    patient_uid = clinic.patient(stored.patient_id or 0).uid
    clinic.close()
    downgraded = dataclasses.replace(stored, signature_scheme=2, key_id="", key_signature="")
    import hashlib

    digest = hashlib.sha256(
        signature_message(downgraded, patient_uid, scheme=2, form=stored.canonical_form)
    ).hexdigest()
    sql = "UPDATE sessions SET signature_scheme = 2, key_id = NULL, key_signature = NULL, content_hash = ? WHERE id = ?"
    raw_edit(tmp_path / "clinic.sqlite", sql, [digest, sid])
    again = Services.open(tmp_path / "clinic.sqlite", migrate=False)
    try:
        again.sign_in(ANITA, SECRET)
        problems = again.check().problems
    finally:
        again.close()
    [problem] = problems
    assert f"session {sid} " in problem
    assert f"signed without a key on {stored.signed_at:%Y-%m-%d %H:%M} UTC" in problem


def test_key_rows_are_never_changed_or_deleted_from_a_raw_client(clinic: Services, tmp_path: Path) -> None:
    clinic.close()
    raw = sqlite3.connect(tmp_path / "clinic.sqlite")
    raw.execute("PRAGMA foreign_keys = OFF")
    before = raw.execute("SELECT * FROM practitioner_keys").fetchall()
    attempts = [
        "UPDATE practitioner_keys SET public_key = zeroblob(32)",
        "DELETE FROM practitioner_keys",
        "REPLACE INTO practitioner_keys SELECT * FROM practitioner_keys",
        "INSERT OR REPLACE INTO practitioner_keys SELECT * FROM practitioner_keys",
    ]
    for sql in attempts:
        with pytest.raises(sqlite3.IntegrityError, match="never changed or deleted"):
            raw.execute(sql)
    assert raw.execute("SELECT * FROM practitioner_keys").fetchall() == before
    raw.close()


# --- export and import ------------------------------------------------------------------------


def test_an_export_signed_here_verifies_in_a_fresh_database(clinic: Services) -> None:
    sid = signed_session(clinic)
    clinic.add_session_addendum(sid, "Pain after was 4, not 3.", ANITA, passphrase=SECRET)
    document = clinic.export_document(clinic.session(sid).patient_id)
    assert [k["practitioner"] for k in document["keys"]] == [ANITA]
    fresh = Services.open(":memory:")
    try:
        fresh.import_document(copy.deepcopy(document))
        report = fresh.check()
        assert report.ok, report.problems
        [session] = fresh.sessions(fresh.patient_ids()[0])
        assert (session.signature_scheme, session.addenda[0].signature_scheme) == (3, 3)
        # Anita becomes a practitioner here with her public key only: she signs elsewhere.
        assert [(p.name, p.active, p.signs_here) for p in fresh.practitioners()] == [(ANITA, False, False)]
    finally:
        fresh.close()


def test_an_import_with_a_forged_signature_is_refused_naming_the_record(clinic: Services) -> None:
    sid = signed_session(clinic)
    document = clinic.export_document(clinic.session(sid).patient_id)
    uid = document["patients"][0]["sessions"][0]["uid"]
    forged = copy.deepcopy(document)
    # Changed, re-hashed with the app's own function, signed by another key whose public key rides
    # along, said to be Anita's from the day after the signature.
    note = forged["patients"][0]["sessions"][0]
    note["subjective"] = "Changed"
    from cst_notes.domain import record_format

    [record] = record_format.records_from_document(forged)
    other = keys.new_private_key()
    at = record.sessions[0].signed_at
    assert at is not None
    resigned = sign_keyed(record.sessions[0], record.patient.uid, ANITA, at, other)
    note.update(_sig(resigned))
    forged["keys"].append(
        {
            "practitioner": ANITA,
            "key_id": resigned.key_id,
            "public_key": keys.public_key(other).hex(),
            "valid_from": (at + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
    )
    fresh = Services.open(":memory:")
    try:
        with pytest.raises(ValidationError) as caught:
            fresh.import_document(forged)
        assert fresh.counts()["patients"] == 0
        assert fresh.practitioners() == []
    finally:
        fresh.close()
    assert any(uid in e.message and "not Anita Bose's" in e.message for e in caught.value.errors), caught.value.errors


def test_an_import_with_a_signature_that_does_not_verify_is_refused(clinic: Services) -> None:
    sid = signed_session(clinic)
    document = clinic.export_document(clinic.session(sid).patient_id)
    note = document["patients"][0]["sessions"][0]
    note["key_signature"] = "00" * 64
    fresh = Services.open(":memory:")
    try:
        with pytest.raises(ValidationError) as caught:
            fresh.import_document(document)
    finally:
        fresh.close()
    [error] = caught.value.errors
    assert error.field == "patients[0].sessions[0].key_signature"
    assert note["uid"] in error.message


# --- who may sign -----------------------------------------------------------------------------


def test_a_disabled_practitioner_cannot_sign(clinic: Services) -> None:
    clinic.disable_practitioner(ANITA)
    pid = clinic.create_patient(EMMA).patient_id
    sid = clinic.add_session(pid, SESSION).session_id
    with pytest.raises(ValidationError, match="disabled and cannot sign"):
        clinic.sign_session(sid, ANITA, passphrase=SECRET)
    assert not clinic.session(sid).is_signed


@settings(max_examples=15, deadline=None)
@given(wrong=st.text(min_size=1, max_size=30).filter(lambda t: t != SECRET))
def test_a_wrong_passphrase_is_refused_and_nothing_changes(wrong: str) -> None:
    keys.SCRYPT_N = 2**10
    services = Services.open(":memory:")
    try:
        services.add_practitioner(Practitioner(ANITA), SECRET)
        services.sign_in(ANITA, SECRET)
        pid = services.create_patient(EMMA).patient_id
        sid = services.add_session(pid, SESSION).session_id
        history = len(services.history())
        with pytest.raises(ValidationError) as caught:
            services.sign_session(sid, ANITA, passphrase=wrong)
        assert [(e.field, e.message) for e in caught.value.errors] == [
            ("passphrase", "is not Anita Bose's passphrase; nothing was signed")
        ]
        assert not services.session(sid).is_signed
        assert len(services.history()) == history
    finally:
        services.close()


@settings(max_examples=10, deadline=None)
@given(
    # A name holds a letter: combining marks alone are refused (tested in the validation tests).
    name=st.tuples(st.characters(categories=["L"]), st.text(st.characters(categories=["L", "M"]), max_size=39)).map(
        "".join
    ),
    passphrase=st.text(min_size=1, max_size=40),
)
def test_any_name_and_passphrase_sign_and_verify(name: str, passphrase: str) -> None:
    keys.SCRYPT_N = 2**10
    services = Services.open(":memory:")
    try:
        services.add_practitioner(Practitioner(name), passphrase)
        services.sign_in(name, passphrase)
        pid = services.create_patient(EMMA).patient_id
        services.save_intake(pid, Intake(dt.date(2026, 1, 5), complaint="Headaches"))
        services.sign_intake(pid, name, passphrase=passphrase)
        assert services.intake(pid).signature_scheme == 3  # type: ignore[union-attr]
        assert services.check().ok
    finally:
        services.close()


def test_a_name_of_combining_marks_alone_is_refused_and_nothing_is_added() -> None:
    services = Services.open(":memory:")
    try:
        with pytest.raises(ValidationError) as caught:
            services.add_practitioner(Practitioner("\u102b"), "")
        assert [(e.field, e.message) for e in caught.value.errors] == [("name", "must contain a letter or a digit")]
        assert services.practitioners() == []
    finally:
        services.close()


def test_a_new_passphrase_keeps_the_key_and_old_signatures_verify(clinic: Services) -> None:
    signed_session(clinic)
    key = clinic.practitioner(ANITA).key_id
    with pytest.raises(ValidationError, match="is not Anita Bose's passphrase"):
        clinic.set_passphrase(ANITA, "wrong", "new one")
    clinic.set_passphrase(ANITA, SECRET, "new one")
    assert clinic.practitioner(ANITA).key_id == key
    signed_session(clinic, passphrase="new one")
    clinic.set_passphrase(ANITA, "", "newer", new_key=True)
    assert clinic.practitioner(ANITA).key_id != key
    signed_session(clinic, passphrase="newer")
    assert clinic.check().ok, clinic.check().problems
    assert [e.summary for e in clinic.history() if e.entity == "practitioner"][:2] == [
        "practitioner Anita Bose: a new signing key",
        "practitioner Anita Bose: a new passphrase",
    ]


def test_once_a_practice_signs_with_keys_a_typed_name_alone_cannot_sign(clinic: Services) -> None:
    pid = clinic.create_patient(EMMA).patient_id
    sid = clinic.add_session(pid, SESSION).session_id
    clinic.add_practitioner(Practitioner("Someone Else"))  # no key
    clinic.sign_in("Someone Else")
    with pytest.raises(ValidationError, match="signs with practitioners' keys"):
        clinic.sign_session(sid, "Someone Else")
    clinic.sign_in(ANITA, SECRET)
    with pytest.raises(ValidationError, match="is needed to sign as Anita Bose"):
        clinic.sign_session(sid, ANITA)
    assert not clinic.session(sid).is_signed


def test_a_practice_without_practitioners_signs_by_typed_name_as_before() -> None:
    services = Services.open(":memory:")
    try:
        sid = signed_session(services, "Rahul Mehta", passphrase=None)
        assert services.session(sid).signature_scheme == 2
        assert services.check().ok
    finally:
        services.close()


def test_a_file_cannot_give_a_known_practitioner_another_key(clinic: Services) -> None:
    first = signed_session(clinic)
    second = signed_session(clinic)
    genuine = clinic.export_document(clinic.session(first).patient_id)
    forged = clinic.export_document(clinic.session(second).patient_id)
    other = keys.new_private_key()
    note = forged["patients"][0]["sessions"][0]
    note["subjective"] = "Changed"
    from cst_notes.domain import record_format

    [record] = record_format.records_from_document(forged)
    at = record.sessions[0].signed_at
    assert at is not None
    note.update(_sig(sign_keyed(record.sessions[0], record.patient.uid, ANITA, at, other)))
    public = keys.public_key(other)
    forged["keys"] = [
        {
            "practitioner": ANITA,
            "key_id": keys.key_id(public),
            "public_key": public.hex(),
            "valid_from": "2026-01-01T00:00:00Z",
        }
    ]
    fresh = Services.open(":memory:")
    try:
        fresh.import_document(genuine)  # this practice now knows Anita's key
        with pytest.raises(ValidationError) as caught:
            fresh.import_document(forged)
        assert fresh.counts()["patients"] == 1
    finally:
        fresh.close()
    messages = [f"{e.field}: {e.message}" for e in caught.value.errors]
    assert "keys[0]: is not a key this practice knows as Anita Bose's" in messages
    assert any(note["uid"] in m and "which this database does not hold" in m for m in messages), messages


# --- an existing database ---------------------------------------------------------------------

VERSION_8 = Path(__file__).parents[1] / "storage" / "schema" / "version-8-m009_screening.sqlite"


def test_each_signer_of_an_existing_database_becomes_a_practitioner_the_settings_therapist_the_owner(
    tmp_path: Path,
) -> None:
    path = tmp_path / "clinic.sqlite"
    shutil.copyfile(VERSION_8, path)
    raw = sqlite3.connect(path)  # a second therapist signed first (the draft session, as an older version could)
    raw.execute(
        "UPDATE sessions SET status = 'signed', signed_by = ?, signed_at = '2026-01-01T09:00:00Z', "
        "content_hash = ? WHERE status = 'draft'",
        [RAHUL, "0" * 64],
    )
    raw.execute("UPDATE clinic_settings SET credentials = 'RCST', memberships = 'CSTA 1234'")
    raw.commit()
    raw.close()
    services = Services.open(path)
    try:
        found = {p.name: p for p in services.practitioners()}
        owner = found[ANITA]
        assert (owner.role, owner.credentials, owner.registration, owner.active) == ("owner", "RCST", "CSTA 1234", True)
        assert (found[RAHUL].role, found[RAHUL].credentials, found[RAHUL].active) == ("therapist", "", True)
        assert [p.key_id for p in found.values()] == ["", ""]  # no key until they set a passphrase
    finally:
        services.close()


def test_without_settings_therapist_the_first_to_sign_is_the_owner(tmp_path: Path) -> None:
    path = tmp_path / "clinic.sqlite"
    shutil.copyfile(VERSION_8, path)
    raw = sqlite3.connect(path)
    raw.execute(
        "UPDATE sessions SET status = 'signed', signed_by = ?, signed_at = '2026-01-01T09:00:00Z', "
        "content_hash = ? WHERE status = 'draft'",
        [RAHUL, "0" * 64],
    )
    raw.execute("UPDATE clinic_settings SET therapist_name = '', credentials = 'RCST'")
    raw.commit()
    raw.close()
    services = Services.open(path)
    try:
        roles = {p.name: (p.role, p.credentials) for p in services.practitioners()}
    finally:
        services.close()
    assert roles == {RAHUL: ("owner", ""), ANITA: ("therapist", "")}


def test_older_signatures_stay_valid_and_are_named_as_made_before_keyed_signing(tmp_path: Path) -> None:
    path = tmp_path / "clinic.sqlite"
    shutil.copyfile(VERSION_8, path)
    services = Services.open(path)
    try:
        assert services.check().notes[1:] == ()  # no keys yet: nothing is "before" keyed signing
        services.set_passphrase(ANITA, "", SECRET)
        services.sign_in(ANITA, SECRET)  # with a passphrase, she signs in
        report = services.check()
    finally:
        services.close()
    assert report.ok, report.problems
    assert [n for n in report.notes if n.startswith("2 signed notes were made before keyed signing")]


def test_a_carried_key_whose_id_or_name_is_not_what_it_says_is_refused(clinic: Services) -> None:
    sid = signed_session(clinic)
    document = clinic.export_document(clinic.session(sid).patient_id)
    document["keys"][0]["practitioner"] = "Anita\nBose"
    document["keys"].append({**document["keys"][0], "practitioner": ANITA, "key_id": "ab" * 32})
    fresh = Services.open(":memory:")
    try:
        with pytest.raises(ValidationError) as caught:
            fresh.import_document(document)
        assert fresh.practitioners() == []
    finally:
        fresh.close()
    assert caught.value.fields == ("keys[0].practitioner", "keys[1].key_id")


def test_who_may_sign_and_who_is_asked_for_a_passphrase(clinic: Services) -> None:
    clinic.add_practitioner(Practitioner(RAHUL), "")  # a key with no passphrase
    clinic.add_practitioner(Practitioner("Desk", "front_desk"))
    clinic.add_practitioner(Practitioner("Gone"), "old secret")
    clinic.disable_practitioner("Gone")
    assert clinic.signers() == [ANITA, RAHUL]
    assert clinic.asks_passphrase(f" {ANITA} ")
    assert not clinic.asks_passphrase(RAHUL)  # signs with a key no passphrase seals
    assert not clinic.asks_passphrase("Desk")  # no key
    assert not clinic.asks_passphrase("Nobody")
