"""Searching goes on after the database is re-keyed (a practitioner disabled in an encrypted
practice, issue 15): the search connection opens again with the window's new key."""

from __future__ import annotations

from pathlib import Path

import pytest

from cst_notes.domain import keys
from cst_notes.ui.patients.search_worker import _Worker
from tests.services.test_keyring_encryption import PATIENT, THERAPIST, _practice


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


def test_search_finds_the_patient_before_and_after_a_re_key(db_path: Path) -> None:
    services = _practice(db_path)
    services.encrypt_with_practitioners()
    worker = _Worker(db_path, lambda: services.passphrase, lambda: 1)
    found: list[list[str]] = []
    failed: list[str] = []
    worker.found.connect(lambda _n, _q, results, _s: found.append([r.full_name for r in results]))
    worker.failed.connect(lambda _n, _q, message: failed.append(message))
    worker.search(1, "Quillfeather", services.signed_in)
    services.disable_practitioner(THERAPIST)
    worker.search(1, "Quillfeather", services.signed_in)
    worker.close()
    services.close()
    assert (found, failed) == ([[PATIENT], [PATIENT]], [])
