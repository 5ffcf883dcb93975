"""Full-text search over names and notes (FTS5), deferring the indexes during bulk imports, and
the indexes' own integrity checks and rebuilding."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence

from cst_notes.domain.search import (
    MARK_END,
    MARK_START,
    NAME_CONTAINS,
    UNSEARCHED_FIELDS,
    NoteHit,
    PatientMatches,
    name_match,
    search_terms,
    whole_graphemes,
)
from cst_notes.storage import damage
from cst_notes.storage.connection import Database
from cst_notes.storage.database import database_errors
from cst_notes.storage.schema import SEARCH_INDEX_KINDS, SEARCH_SOURCES, search_index_names

HITS_PER_SOURCE = 200
SNIPPET_TOKENS = 12
INDEXED_AT_ONCE = 500  # rows put in an index by one statement (its ids are parameters)


@contextlib.contextmanager
def deferred_indexing(db: Database) -> Iterator[None]:
    """Inside the caller's transaction: skip the per-row index triggers, then rebuild once."""
    db.execute("UPDATE search_index_control SET deferred = 1")
    try:
        yield
    finally:
        db.execute("UPDATE search_index_control SET deferred = 0")
    rebuild_indexes(db, search_index_names())


def inserted_then_indexed(db: Database, table: str, insert: Callable[[], list[int]]) -> list[int]:
    """Rows of ``table`` added by ``insert()`` (which returns their ids, and changes no other row of
    an indexed table), then put in the table's search indexes by one statement per index (inside
    the caller's transaction): through the triggers, row by row, indexing costs several times as
    much, as FTS5 writes out what it holds at the end of every statement. Inside a bulk write whose
    indexes are put off (``deferred_indexing``), the rows are left to its rebuild; outside a
    transaction, the triggers index them (the indexes are never left put off by a crash)."""
    (deferred,) = db.execute("SELECT deferred FROM search_index_control").fetchone()
    if deferred or not db.conn.in_transaction:
        return insert()
    db.execute("UPDATE search_index_control SET deferred = 1")
    try:
        ids = insert()
    finally:
        db.execute("UPDATE search_index_control SET deferred = 0")
    columns = ", ".join(SEARCH_SOURCES[table])
    for start in range(0, len(ids), INDEXED_AT_ONCE):
        some = ids[start : start + INDEXED_AT_ONCE]
        for kind in SEARCH_INDEX_KINDS:
            db.execute(
                f"INSERT INTO {table}_{kind} (rowid, {columns}) "
                f"SELECT id, {columns} FROM {table} WHERE id IN ({', '.join('?' * len(some))})",
                some,
            )
    return ids


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _word_query(terms: list[str]) -> str:
    """Every word must appear; the last may be the start of a word (typing in progress)."""
    return " AND ".join(_quoted(t) + ("*" if n == len(terms) - 1 else "") for n, t in enumerate(terms))


def _trigram_query(terms: list[str]) -> str | None:
    """Every word must appear somewhere, even inside another word; trigrams need 3 characters."""
    long_enough = [t for t in terms if len(t) >= 3]
    if len(long_enough) != len(terms):
        return None
    return " AND ".join(_quoted(t) for t in long_enough)


def _matching(db: Database, index: str, match: str, extra: str = "") -> list[tuple[int, float, str]]:
    """The index's hits; none from an index that cannot be read (damaged: ``check`` names it, and
    ``check --repair-index`` rebuilds it), so that the other indexes still find what they hold."""
    sql = (
        f"SELECT rowid, bm25({index}), snippet({index}, -1, ?, ?, '…', {SNIPPET_TOKENS}) "
        f"FROM {index} WHERE {index} MATCH ? {extra} ORDER BY rank LIMIT {HITS_PER_SOURCE}"
    )
    try:
        with damage.text_as(db, damage.lenient):
            rows = db.execute(sql, [MARK_START, MARK_END, match]).fetchall()
    except database_errors():
        return []
    return [(r[0], r[1], whole_graphemes(r[2])) for r in rows]


def _in_searched_columns(table: str, match: str) -> str:
    """``match`` limited to the table's searched columns (never its private notes): the index holds
    them, but no phrase matches there, and so no snippet is taken from them."""
    columns = [c for c in SEARCH_SOURCES[table] if c not in UNSEARCHED_FIELDS]
    return match if len(columns) == len(SEARCH_SOURCES[table]) else f"{{{' '.join(columns)}}} : ({match})"


def _hits(db: Database, table: str, terms: list[str]) -> dict[int, tuple[float, str]]:
    """rowid -> (score, snippet), from the word index; where that finds nothing (a word inside
    another, as Bengali often joins them), from the trigram index."""
    words = _in_searched_columns(table, _word_query(terms))
    found = {rowid: (score, snippet) for rowid, score, snippet in _matching(db, f"{table}_words", words)}
    trigram = _trigram_query(terms)
    if not found and trigram:
        trigrams = _in_searched_columns(table, trigram)
        found = {rowid: (score, snippet) for rowid, score, snippet in _matching(db, f"{table}_trigrams", trigrams)}
    return found


def _name_rank(query: str, full: str, preferred: str) -> int:
    """How the name matched; the index may match where plain comparison does not (accents)."""
    rank = name_match(query, full, preferred)
    return NAME_CONTAINS if rank is None else rank


_PLAN_PARTS = (("follow_up_plans", "id"), ("plan_goals", "plan_id"), ("plan_referrals", "plan_id"))


def _plan_hits(db: Database, terms: list[str]) -> list[tuple[int, NoteHit]]:
    """(patient id, hit) for each plan whose home care, notes, goals or referrals match: the best
    match of each plan."""
    best: dict[int, tuple[float, str]] = {}
    for table, plan_column in _PLAN_PARTS:
        hits = _hits(db, table, terms)
        if not hits:
            continue
        marks = ",".join("?" * len(hits))
        for rowid, plan_id in db.execute(f"SELECT id, {plan_column} FROM {table} WHERE id IN ({marks})", list(hits)):
            if plan_id not in best or hits[rowid][0] < best[plan_id][0]:
                best[plan_id] = hits[rowid]
    if not best:
        return []
    marks = ",".join("?" * len(best))
    return [
        (pid, NoteHit("plan", plan_id, None, dt.date.fromisoformat(day), best[plan_id][1], best[plan_id][0]))
        for plan_id, pid, day in db.execute(
            f"SELECT id, patient_id, created_on FROM follow_up_plans WHERE id IN ({marks})", list(best)
        )
    ]


def _date_or_none(text: object) -> dt.date | None:
    """A stored date; None when it cannot be read (the chart says the record is damaged)."""
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        return None


def search(db: Database, query: str, max_patients: int = 50, hits_per_patient: int = 5) -> list[PatientMatches]:
    terms = search_terms(query)
    if not terms:
        return []
    notes: dict[int, list[NoteHit]] = defaultdict(list)
    session_hits = _hits(db, "sessions", terms)
    addenda_hits = _hits(db, "addenda", terms)
    intake_hits = _hits(db, "intakes", terms)
    if session_hits or addenda_hits:
        ids = set(session_hits)
        rows = (
            db.execute(
                f"SELECT a.id, a.session_id FROM addenda a WHERE a.id IN ({','.join('?' * len(addenda_hits))})",
                list(addenda_hits),
            ).fetchall()
            if addenda_hits
            else []
        )
        addendum_session = {r[0]: r[1] for r in rows if r[1] is not None}
        ids |= set(addendum_session.values())
        sessions = {
            r[0]: (r[1], dt.datetime.fromisoformat(r[2].replace("Z", "+00:00")).date())
            for r in db.execute(
                f"SELECT id, patient_id, started_at FROM sessions WHERE id IN ({','.join('?' * len(ids))})",
                list(ids),
            )
        }
        for sid, (score, snippet) in session_hits.items():
            pid, day = sessions[sid]
            notes[pid].append(NoteHit("session", sid, sid, day, snippet, score))
        for aid, (score, snippet) in addenda_hits.items():
            parent = addendum_session.get(aid)
            if parent is not None and parent in sessions:
                pid, day = sessions[parent]
                notes[pid].append(NoteHit("addendum", aid, parent, day, snippet, score))
    if intake_hits:
        marks = ",".join("?" * len(intake_hits))
        for iid, pid, day in db.execute(
            f"SELECT id, patient_id, intake_date FROM intakes WHERE id IN ({marks})", list(intake_hits)
        ):
            score, snippet = intake_hits[iid]
            notes[pid].append(NoteHit("intake", iid, None, dt.date.fromisoformat(day), snippet, score))
    for pid, hit in _plan_hits(db, terms):
        notes[pid].append(hit)
    named = set(_hits(db, "patients", terms))
    candidates = named | set(notes)
    if not candidates:
        return []
    marks = ",".join("?" * len(candidates))
    with damage.text_as(db, damage.lenient):  # a damaged byte in a name shows as �: the patient is still found
        people = db.execute(
            f"SELECT id, full_name, preferred_name, birth_date FROM patients WHERE id IN ({marks})", list(candidates)
        ).fetchall()
    results = [
        PatientMatches(
            patient_id=pid,
            full_name=full,
            preferred_name=preferred,
            birth_date=_date_or_none(born),
            name_match=_name_rank(query, full, preferred) if pid in named else None,
            notes=tuple(sorted(notes.get(pid, []), key=lambda h: h.score)[:hits_per_patient]),
        )
        for pid, full, preferred, born in people
    ]
    results = [r for r in results if r.name_match is not None or r.notes]
    return sorted(results, key=lambda r: (r.rank, r.full_name))[:max_patients]


# --- the indexes' own checks, and rebuilding them -----------------------------------------------


def index_problems(db: Database) -> list[tuple[str, str]]:
    """(index, SQLite's message) for each full-text index whose own integrity check fails, or
    which no longer matches the table it indexes. The check writes nothing (and is rolled back)."""
    problems = []
    read_only = bool(db.execute("PRAGMA query_only").fetchone()[0])
    db.execute("PRAGMA query_only = OFF")  # the check is an INSERT statement, though it changes nothing
    try:
        for index in damage.search_indexes(db):
            db.execute("SAVEPOINT index_check")
            try:
                db.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")
            except database_errors() as exc:  # a failure of the check is what it found
                problems.append((index, str(exc)))
            finally:
                db.execute("ROLLBACK TO index_check")
                db.execute("RELEASE index_check")
    finally:
        if read_only:
            db.execute("PRAGMA query_only = ON")
    return problems


def rebuild_indexes(db: Database, indexes: Sequence[str]) -> None:
    """Rebuild full-text indexes from the tables they index (inside the caller's transaction)."""
    for index in indexes:
        db.execute(f"INSERT INTO {index} ({index}) VALUES ('rebuild')")
