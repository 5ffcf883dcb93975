"""Sessions added together (a pull stores a patient's forty, a save one) go into the search indexes
by one statement per index instead of a trigger per row (issue 17: FTS5 writes out what it holds at
the end of every statement, which made indexing a pulled session cost several times its row): the
indexes then hold what the triggers would have put there, no more, and find every session's words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from cst_notes.domain.patient import Patient
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import Session
from cst_notes.services import Services
from cst_notes.storage import database, search
from cst_notes.storage import records as storage_records
from tests.conftest import NO_RECORDS_REASON

WORDS = ("ঘাড়ের ব্যথা কমেছে", "सिरदर्द कम हुआ", "jaw released after the still point")


@pytest.fixture
def services() -> Iterator[Services]:
    services = Services.open(":memory:")
    yield services
    services.close()


def _sessions() -> list[Session]:
    start = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
    return [
        Session(start + dt.timedelta(days=n), subjective=words, contraindication_override_reason=NO_RECORDS_REASON)
        for n, words in enumerate(WORDS)
    ]


def _patient(services: Services) -> int:
    return services.import_records([PatientRecord(Patient("Mitali Roy", dt.date(1980, 5, 1)))]).patient_id


def _indexed(services: Services) -> dict[str, int]:
    """How many rows each of the sessions' indexes holds."""
    db = services._db
    return {
        kind: db.execute(f"SELECT count(*) FROM sessions_{kind}_docsize").fetchone()[0]
        for kind in ("words", "trigrams")
    }


def test_sessions_added_together_are_found_by_their_words_and_inside_them(services: Services) -> None:
    pid = _patient(services)
    db = services._db
    with database.write(db):
        ids = storage_records.insert_sessions(db, pid, _sessions())
    assert search.index_problems(db) == []  # each index matches the table (FTS5's own check)
    assert _indexed(services) == {"words": 3, "trigrams": 3}  # once each
    for words in WORDS:
        assert [m.patient_id for m in services.search(words.split()[0])] == [pid]
    assert [m.patient_id for m in services.search("lease")] == [pid]  # the trigrams: inside "released"
    assert len(ids) == 3


def test_sessions_added_inside_a_bulk_write_are_left_to_its_rebuild(services: Services) -> None:
    pid = _patient(services)
    db = services._db
    with database.write(db):
        with search.deferred_indexing(db):
            storage_records.insert_sessions(db, pid, _sessions())
            assert _indexed(services) == {"words": 0, "trigrams": 0}
        assert _indexed(services) == {"words": 3, "trigrams": 3}
    assert search.index_problems(db) == []
    assert db.execute("SELECT deferred FROM search_index_control").fetchone()[0] == 0


def test_a_session_added_outside_a_transaction_is_indexed_by_the_triggers(services: Services) -> None:
    pid = _patient(services)
    db = services._db
    assert not db.conn.in_transaction
    storage_records.insert_sessions(db, pid, _sessions()[:1])
    assert _indexed(services) == {"words": 1, "trigrams": 1}
    assert search.index_problems(db) == []
    assert db.execute("SELECT deferred FROM search_index_control").fetchone()[0] == 0
