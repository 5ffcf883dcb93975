"""The audit log's hash chain, version 1, pinned by literal hashes (worked out with printf and
sha256sum from the rule in cst_notes/domain/audit.py, not with the function): a change to how an
entry is hashed breaks every chain ever written, so it must be a new version."""

from __future__ import annotations

import pytest

from cst_notes.domain.audit import CHAIN_GENESIS, chain_hash

FIRST = (1, "2026-03-02T10:00:00Z", "Anita Bose", "sign", "session", 7, 3, "ব্যথা", '{"a": 1}', None)
SECOND = (2, "2026-03-02T10:05:00Z", "Anita Bose", "addendum", "session", 7, 3, "", None, None)
FIRST_HASH = "a1afc1e46aebae11019d59e59f03bbfe84aa338ee188bf7f79c5f1de1c281d25"
SECOND_HASH = "8f0342b8fc578742995eadb4f5454eb12dc52b09b4541779348e180403965c9b"


def test_the_first_entry_follows_the_genesis_value() -> None:
    assert CHAIN_GENESIS == "0" * 64
    assert chain_hash(CHAIN_GENESIS, FIRST) == FIRST_HASH


def test_each_entry_carries_the_hash_of_the_one_before() -> None:
    assert chain_hash(FIRST_HASH, SECOND) == SECOND_HASH
    assert chain_hash(CHAIN_GENESIS, SECOND) != SECOND_HASH


def test_an_entry_with_a_column_too_few_is_refused() -> None:
    with pytest.raises(ValueError, match="10 columns"):
        chain_hash(CHAIN_GENESIS, FIRST[:-1])
