"""The database key wrapped to each practitioner's key (domain.database_keys)."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cst_notes.domain import database_keys as K
from cst_notes.domain import keys

RING = "a1b2c3"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**4)


def _entry(name: str, passphrase: str, database_key: bytes, generation: int = 1) -> K.Entry:
    private = keys.new_private_key()
    public = keys.public_key(private)
    sealed = keys.seal(private, passphrase)
    return K.new_entry(database_key, name, keys.key_id(public), public, sealed, RING, generation)


def test_the_x25519_form_of_a_signing_key_is_that_of_its_private_half() -> None:
    for _ in range(20):
        private = keys.new_private_key()
        assert K.x25519_private(private).public_key().public_bytes_raw() == K.x25519_public(keys.public_key(private))


def test_the_sqlcipher_key_is_the_raw_key_form() -> None:
    assert K.sqlcipher_key(bytes(range(32))) == "x'" + bytes(range(32)).hex().upper() + "'"
    with pytest.raises(ValueError, match="32 bytes"):
        K.sqlcipher_key(b"short")


passphrases = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=24)


@settings(max_examples=25, deadline=None)
@given(passphrase=passphrases, other=passphrases)
def test_the_passphrase_in_any_script_and_normal_form_unlocks_the_key_and_no_other_does(
    passphrase: str, other: str
) -> None:
    database_key = K.new_database_key()
    entry = _entry("Zoë", unicodedata.normalize("NFD", passphrase), database_key)
    assert K.unwrap(entry, unicodedata.normalize("NFC", passphrase), RING, 1) == database_key
    if unicodedata.normalize("NFC", other) != unicodedata.normalize("NFC", passphrase):
        with pytest.raises(K.CannotUnlockError):
            K.unwrap(entry, other, RING, 1)


def test_an_entry_moved_to_another_person_keyring_or_generation_unlocks_nothing() -> None:
    database_key = K.new_database_key()
    entry = _entry("Anita Bose", "secret", database_key, generation=2)
    assert K.unwrap(entry, "secret", RING, 2) == database_key
    with pytest.raises(K.CannotUnlockError):
        K.unwrap(replace(entry, name="Rahul Mehta"), "secret", RING, 2)
    with pytest.raises(K.CannotUnlockError):
        K.unwrap(entry, "secret", "another ring", 2)
    with pytest.raises(K.CannotUnlockError):
        K.unwrap(entry, "secret", RING, 1)  # an old generation's wrap is not the key of now


def test_a_key_without_a_passphrase_holds_no_entry() -> None:
    private = keys.new_private_key()
    public = keys.public_key(private)
    with pytest.raises(ValueError, match="no passphrase"):
        K.new_entry(K.new_database_key(), "Solo", keys.key_id(public), public, keys.seal(private, ""), RING, 1)
