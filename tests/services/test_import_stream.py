"""Issue 18: an import file is read as it goes (a patient at a time, never the whole file), checked
and written in one transaction; a problem found after some patients were written still leaves the
database as it was, and a file laid out otherwise than CST Notes writes it is read whole instead.
Every import of a file here runs twice: read and checked in this process, and in worker processes
(which a large file gets), with the same outcome."""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cst_notes.domain import record_format as F
from cst_notes.domain.validation import ValidationError
from cst_notes.services import Services, batch, practice
from cst_notes.services.batch import WorkerStopped
from cst_notes.storage import search
from tests.services.test_bad_imports import base_document


def _file(tmp_path: Path, document: dict[str, Any], name: str = "export.json") -> Path:
    file = tmp_path / name
    file.write_bytes(F.file_bytes(document))
    return file


@pytest.fixture(autouse=True, params=["here", "in workers"])
def where(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Where a file's patients are read and checked: in this process, or in two worker processes."""
    if request.param == "in workers":
        monkeypatch.setattr(practice, "PARALLEL_IMPORT_BYTES", 0)
        monkeypatch.setattr(practice, "cores", lambda: 2)  # on a machine of one core too
    else:
        monkeypatch.setattr(practice, "PARALLEL_IMPORT_BYTES", 1 << 60)
    return str(request.param)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "clinic.sqlite"
    Services.open(path).close()
    return path


def _refused(db: Path, file: Path) -> list[str]:
    """Import ``file``: it must be refused and leave the database file byte for byte as it was."""
    before = db.read_bytes()
    services = Services.open(db)
    try:
        with pytest.raises(ValidationError) as refused:
            services.import_file(file)
        assert services.counts()["patients"] == 0
    finally:
        services.close()
    assert db.read_bytes() == before
    return [f"{e.field}: {e.message}" for e in refused.value.errors]


def test_a_file_read_a_few_bytes_at_a_time_gives_what_json_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(F, "STREAM_READ", 5)  # every value, and the Bengali letters' bytes, cut in pieces
    doc = base_document()
    raw = b"\xef\xbb\xbf" + F.file_bytes(doc)  # with the byte-order mark Notepad writes
    stream = F.ExportStream(io.BytesIO(raw).read)
    assert stream.header() == {k: v for k, v in doc.items() if k != "patients"}
    assert list(stream.patients()) == doc["patients"]
    assert stream.bytes_read == len(raw)
    stream = F.ExportStream(io.BytesIO(raw).read)
    stream.header()
    texts = list(stream.patients(as_text=True))  # each found by its layout, its end cut off in most reads
    assert [json.loads(t) for t in texts] == doc["patients"]
    assert F.patients_of_text(f"[{','.join(texts)}]".encode(), len(texts)) == doc["patients"]


@pytest.mark.parametrize(
    ("text", "count"),
    [(b'[{"a": 1}, {"b": 2}]', 3), (b'[{"a": 1}, {"b": 2}]', 1), (b'[{"a": 1}, {"b": 2]', 2), (b'[{"\xff": 1}]', 1)],
    ids=["fewer", "more", "not-json", "not-utf8"],
)
def test_patients_texts_that_are_not_one_patient_each_are_not_read_as_they_go(text: bytes, count: int) -> None:
    with pytest.raises(F.NotStreamable):
        F.patients_of_text(text, count)


@pytest.mark.parametrize(
    "text",
    [
        b'{"patients": [], "format": "cst-notes"}',  # a field after the patients
        b'{"format": "x", "format": "cst-notes", "patients": []}',  # a field twice
        b'{"patients": [1, 2,]}',  # not JSON
        b'{"patients": []} []',  # more after the document
        b'{"patients": {}}',
        b'{"format": "\xff", "patients": []}',  # not UTF-8
    ],
    ids=["field-after-patients", "field-twice", "trailing-comma", "more-after", "patients-not-a-list", "not-utf8"],
)
def test_a_file_not_as_cst_notes_writes_it_is_not_read_as_it_goes(text: bytes) -> None:
    with pytest.raises(F.NotStreamable):
        _read_whole(F.ExportStream(io.BytesIO(text).read))


def _read_whole(stream: F.ExportStream) -> list[Any]:
    stream.header()
    return list(stream.patients())


def test_a_file_with_its_patients_first_still_imports(tmp_path: Path, db: Path) -> None:
    doc = base_document()
    patients_first = {"patients": doc["patients"], **{k: v for k, v in doc.items() if k != "patients"}}
    file = tmp_path / "by-hand.json"
    file.write_text(json.dumps(patients_first, ensure_ascii=False), encoding="utf-8")
    told: list[tuple[str, int, int]] = []
    services = Services.open(db)
    services.import_file(file, lambda stage, done, total: told.append((stage, done, total)))
    names = [s.full_name for s in services.patient_summaries()]
    services.close()
    assert sorted(names) == sorted(p["full_name"] for p in doc["patients"])
    size = file.stat().st_size
    assert told[-1] == ("importing", size, size)  # read whole, its progress still in the file's bytes
    assert all(total == size for _, _, total in told)


def test_a_problem_after_patients_were_written_leaves_the_database_as_it_was(
    tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(practice, "IMPORT_BATCH", 1)  # the first patient is written before the second is read
    doc = base_document()
    doc["patients"][1]["birth_date"] = "2999-01-01"
    errors = _refused(db, _file(tmp_path, doc))
    assert [e for e in errors if e.startswith("patients[1].birth_date: ")], errors
    assert all(not e.startswith("patients[0]") for e in errors), errors


def test_a_uid_twice_in_the_file_is_found_across_batches(
    tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(practice, "IMPORT_BATCH", 1)
    doc = base_document()
    second = copy.deepcopy(doc["patients"][0])
    second["full_name"] = "Ines Moreau"
    doc["patients"].append(second)  # the same patient and session uids again, in a later batch
    errors = _refused(db, _file(tmp_path, doc))
    uid = doc["patients"][0]["uid"]
    assert errors[0].startswith(f"patients[2].uid: {uid} appears twice in this file (also at patients[0].uid)")
    assert "(patient in the file: Ines Moreau, born " in errors[0]


def test_every_patient_is_found_when_indexing_is_put_off_half_way(
    tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(practice, "IMPORT_BATCH", 1)
    monkeypatch.setattr(practice, "BULK_SESSIONS", 3)  # the second patient's sessions pass it
    doc = base_document()
    services = Services.open(db)
    ids = services.import_file(_file(tmp_path, doc)).patient_ids
    for pid, patient in zip(ids, doc["patients"], strict=True):
        assert [m.patient_id for m in services.search(patient["full_name"])] == [pid]
    services.close()


def test_indexing_is_put_off_from_the_start_when_the_file_read_so_far_foretells_many_sessions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose first part holds sessions at a rate that passes BULK_SESSIONS over the whole file
    is not indexed row by row first (only to be indexed again at the end); a document read whole is
    put off when its sessions pass it, as before; every patient is found either way."""
    services = Services.open(":memory:")
    services.create_demo_clinic(8, 2, seed=7)
    doc = services.export_document()
    services.close()
    file = _file(tmp_path, doc)
    monkeypatch.setattr(practice, "IMPORT_BATCH", 1)
    monkeypatch.setattr(practice, "BULK_SESSIONS", 6)  # passed at the third patient (2 sessions each); 16 in all
    monkeypatch.setattr(F, "STREAM_READ", 1024)  # the file read a little at a time
    written_before: list[int] = []  # patients written when the indexes were put off
    put_off = search.deferred_indexing

    @contextlib.contextmanager
    def recorded(database: Any) -> Iterator[None]:
        written_before.append(database.execute("SELECT count(*) FROM patients").fetchone()[0])
        with put_off(database):
            yield

    monkeypatch.setattr(search, "deferred_indexing", recorded)
    for n, how in enumerate(
        (lambda s: s.import_file(file), lambda s: s.import_document(json.loads(file.read_bytes())))
    ):
        target = Services.open(tmp_path / f"target-{n}.sqlite")
        ids = how(target).patient_ids
        for pid, patient in zip(ids, doc["patients"], strict=True):
            assert [m.patient_id for m in target.search(patient["full_name"])] == [pid]
        target.close()
    assert written_before == [0, 2]  # the file: before its first patient is written; read whole: as before


def test_an_import_of_a_file_tells_how_many_of_its_bytes_it_got_through(tmp_path: Path, db: Path) -> None:
    file = _file(tmp_path, base_document())
    told: list[tuple[str, int, int]] = []
    services = Services.open(db)
    services.import_file(file, lambda stage, done, total: told.append((stage, done, total)))
    services.close()
    size = file.stat().st_size
    assert told[-1] == ("importing", size, size)
    assert {t[0] for t in told} == {"importing"}
    assert [t[1] for t in told] == sorted(t[1] for t in told)


def _demo_file(tmp_path: Path, patients: int = 9) -> tuple[Path, dict[str, Any]]:
    services = Services.open(":memory:")
    services.create_demo_clinic(patients, 3, seed=11)
    doc = services.export_document()
    services.close()
    return _file(tmp_path, doc, "demo.json"), doc


def _records(path: Path) -> list[Any]:
    """Every record a database holds, as its export file has them."""
    services = Services.open(path)
    found: list[Any] = services.export_document()["patients"]
    services.close()
    return found


def test_a_file_read_in_workers_gives_the_records_read_here(
    tmp_path: Path, db: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nine patients in five batches of two (the last of one), sent ahead of the writing: every record,
    in the file's order, as the file has it, and as this process reads it."""
    monkeypatch.setattr(practice, "IMPORT_BATCH", 2)
    file, doc = _demo_file(tmp_path)
    services = Services.open(db)
    ids = services.import_file(file).patient_ids
    services.close()
    assert len(ids) == 9
    assert ids == tuple(sorted(ids))
    assert _records(db) == doc["patients"]


def test_problems_found_by_workers_are_said_in_the_files_order(
    tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Problems in the first and the last batch, and a record that cannot be read in the middle one:
    the same words, in the same order, as when this process checks them (this test sets where)."""
    monkeypatch.setattr(practice, "IMPORT_BATCH", 2)
    _, doc = _demo_file(tmp_path, 6)
    doc["patients"][0]["birth_date"] = "2999-01-01"
    doc["patients"][5]["sessions"][0]["pain_before"] = 11
    checked = _file(tmp_path, doc, "checked.json")
    doc["patients"][3]["sessions"] = "none"  # not a list: the record cannot be read
    unread = _file(tmp_path, doc, "unread.json")
    here = {}
    for name in ("checked", "unread"):
        monkeypatch.setattr(practice, "PARALLEL_IMPORT_BYTES", 1 << 60)
        here[name] = _refused(db, tmp_path / f"{name}.json")
    monkeypatch.setattr(practice, "PARALLEL_IMPORT_BYTES", 0)
    monkeypatch.setattr(practice, "cores", lambda: 2)
    assert _refused(db, checked) == here["checked"]
    assert _refused(db, unread) == here["unread"]
    assert [e.split(":")[0] for e in here["checked"]] == [
        "patients[0].birth_date",
        "patients[5].sessions[0].pain_before",
        "patients[5].sessions[0].content_hash",  # signed, and changed since: the signatures' problems come last
    ]
    assert [e.split(":")[0] for e in here["unread"]] == ["patients[3].sessions"]  # nothing else is judged


def test_a_worker_killed_in_an_import_stops_it_and_changes_nothing(
    tmp_path: Path, db: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if where == "here":
        pytest.skip("no worker to kill")
    monkeypatch.setattr(practice, "IMPORT_BATCH", 1)
    file, _ = _demo_file(tmp_path)
    pools: list[Any] = []

    def kept(workers: int, **how: Any) -> Any:
        pools.append(batch.process_pool(workers, **how))
        return pools[-1]

    def kill(_stage: str, done: int, _total: int) -> None:
        if done and pools:  # once the workers are given patients: the out-of-memory killer, say
            for process in list(pools[0]._processes.values()):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(process.pid), signal.SIGKILL)

    before = db.read_bytes()
    monkeypatch.setattr(practice, "process_pool", kept)
    monkeypatch.setattr(practice, "IMPORT_PROGRESS_EVERY", 3)
    services = Services.open(db)
    try:
        with pytest.raises(WorkerStopped, match="a worker process stopped"):
            services.import_file(file, kill)
        assert services.counts()["patients"] == 0
    finally:
        services.close()
    assert db.read_bytes() == before


def _laid_out(doc: dict[str, Any], layout: str) -> bytes:
    """The export file of ``doc``, laid out otherwise than CST Notes writes it, the same JSON."""
    if layout == "indented by 4":
        return json.dumps(doc, ensure_ascii=False, indent=4).encode()
    if layout == "indented by tabs":
        return json.dumps(doc, ensure_ascii=False, indent="\t").encode()
    if layout == "on one line":
        return json.dumps(doc, ensure_ascii=False).encode()
    if layout == "lines ended by CRLF":  # as a copy through Windows may leave it
        return F.file_bytes(doc).replace(b"\n", b"\r\n")
    # Between two of a patient's sessions (or plans, or screening changes), their braces on lines indented
    # as the patients' own: the line that ends a patient in a file as CST Notes writes it comes first
    # inside the patient, and what follows it is a comma and a brace, as after a patient. The file is
    # cut in pieces that are not one patient each, more pieces than patients.
    text = F.file_bytes(doc).decode()
    assert "\n    },\n    {" in text
    return text.replace("\n    },\n    {", "\n  },\n  {").encode()


@pytest.mark.parametrize(
    "layout", ["indented by 4", "indented by tabs", "on one line", "lines ended by CRLF", "inner ends"]
)
def test_a_file_laid_out_otherwise_gives_the_same_records(
    tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch, layout: str
) -> None:
    """Whatever its layout, the same JSON imports as the same records: a patient's end is found by its
    layout only where each text so found proves to be one patient (else the file is read whole)."""
    monkeypatch.setattr(practice, "IMPORT_BATCH", 2)
    monkeypatch.setattr(F, "STREAM_READ", 64)  # many a patient's end found only after reading on
    _, doc = _demo_file(tmp_path)
    file = tmp_path / "laid-out.json"
    file.write_bytes(_laid_out(doc, layout))
    assert json.loads(file.read_bytes()) == doc
    services = Services.open(db)
    ids = services.import_file(file).patient_ids
    services.close()
    assert len(ids) == 9
    assert _records(db) == doc["patients"]


def test_pieces_of_patients_are_not_counted_as_patients_against_the_limit(
    tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file cut in more pieces than it has patients (its inner ends at the patients' indent), with
    just as many patients as an import takes: imported, not refused as too many."""
    monkeypatch.setattr(practice, "IMPORT_BATCH", 100)  # all the pieces in one batch, counted before it is read
    monkeypatch.setattr(F, "MAX_IMPORT_PATIENTS", 9)
    _, doc = _demo_file(tmp_path)
    file = tmp_path / "laid-out.json"
    file.write_bytes(_laid_out(doc, "inner ends"))
    services = Services.open(db)
    assert len(services.import_file(file).patient_ids) == 9
    services.close()
    assert _records(db) == doc["patients"]
