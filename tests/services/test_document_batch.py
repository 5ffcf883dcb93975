"""A batch of documents on several cores writes what the one-by-one batch writes, names the
patients it could not make a document for, and stops when cancelled."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from cst_notes import app, reports
from cst_notes.domain import keys
from cst_notes.domain.patient import Patient
from cst_notes.services import NotAllowedError, Services
from cst_notes.services.batch import WorkerStopped
from tests.services.test_roles import DESK, SECRETS, make_clinic


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("batch") / "c.sqlite"
    assert app.main(["demo", "--db", str(path), "--patients", "5", "--sessions", "3", "--seed", "9"]) == 0
    return path


@pytest.fixture
def services(clinic: Path) -> Iterator[Services]:
    s = Services.open(clinic)
    yield s
    s.close()


PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def texts(folder: Path) -> dict[str, str]:
    """Each file's text (a PDF carries its own time of making and ID: the bytes differ run to run).
    A shaped Bengali or Devanagari glyph with no character of its own is given a private-use code by
    the font's subset, in the order a process first draws it: those codes are made equal."""
    return {
        f.name: PRIVATE_USE.sub("\ue000", "\n".join(page.extract_text() for page in PdfReader(f).pages))
        for f in sorted(folder.glob("*.pdf"))
    }


@pytest.mark.parametrize("kind", ["progress", "record"])
def test_two_workers_write_the_same_documents_as_one(services: Services, tmp_path: Path, kind: str) -> None:
    options = reports.DocumentOptions(include_assessment=True, issued_on=dt.date(2026, 1, 5))
    one = services.document_batch(kind, tmp_path / "one", options, workers=1).run()
    two = services.document_batch(kind, tmp_path / "two", options, workers=2).run()
    assert (one.skipped, one.damaged, two.skipped, two.damaged) == ([], [], [], [])
    assert len(one.written) == len(two.written) == len(services.patient_summaries())
    sequential, parallel = texts(tmp_path / "one"), texts(tmp_path / "two")
    assert list(parallel) == list(sequential)
    assert parallel == sequential
    assert sorted(int(name[:5]) for name in parallel) == sorted(services.patient_ids())


def test_a_patient_without_the_document_is_named_and_the_others_are_written(
    clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.sqlite"
    shutil.copy(clinic, db)
    services = Services.open(db)
    try:
        pid = services.create_patient(Patient("Nadia Sessionless", dt.date(1990, 3, 1))).patient_id
        assert pid is not None
        others = [p for p in services.patient_ids() if p != pid]
    finally:
        services.close()
    out = tmp_path / "out"
    argv = ["export-pdf", "--db", str(db), "--all", "--kind", "summary", "--out-dir", str(out), "--workers", "2"]
    code = app.main(argv)
    text = capsys.readouterr().out
    assert code == 0
    assert f"#{pid}: Nadia Sessionless has no sessions to summarise" in text
    assert f"wrote {len(others)} session summary files" in text
    assert sorted(int(f.name[:5]) for f in out.glob("*.pdf")) == sorted(others)


def test_cancel_stops_early_and_keeps_what_was_written(services: Services, tmp_path: Path) -> None:
    batch = services.document_batch("progress", tmp_path / "out", reports.DocumentOptions(), workers=2)
    total = len(services.patient_ids())
    assert batch.step()  # sends four records (two a worker) and writes the first one or more back
    batch.cancel()
    assert not batch.step()
    result = batch.result
    assert result.cancelled
    assert 1 <= len(result.written) < total
    assert sorted(f.name for f in (tmp_path / "out").glob("*.pdf")) == sorted(p.name for p in result.written)


def test_one_worker_cancelled_after_one_patient_writes_one(services: Services, tmp_path: Path) -> None:
    batch = services.document_batch("progress", tmp_path / "out", reports.DocumentOptions(), workers=1)
    assert batch.step()
    batch.cancel()
    assert not batch.step()
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 1
    assert batch.result.cancelled


def test_progress_counts_every_patient(services: Services, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    services.document_batch("progress", tmp_path / "out", reports.DocumentOptions(), workers=2).run(
        lambda done, total: seen.append((done, total))
    )
    total = len(services.patient_ids())
    assert seen[-1] == (total, total)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_the_front_desk_may_not_batch_clinical_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)
    clinic = make_clinic(tmp_path / "roles.sqlite")
    try:
        clinic.services.sign_in(DESK, SECRETS[DESK])
        with pytest.raises(NotAllowedError, match="clinical"):
            clinic.services.document_batch("record", tmp_path / "out", reports.DocumentOptions())
    finally:
        clinic.services.close()
    assert not (tmp_path / "out").exists()


def test_a_folder_that_cannot_be_written_stops_the_batch_and_says_why(
    services: Services, unwritable_folder: Path
) -> None:
    batch = services.document_batch("progress", unwritable_folder, reports.DocumentOptions(), workers=2)
    with pytest.raises(PermissionError):
        batch.run()
    assert batch.result.cancelled
    assert not batch.step()


def test_a_worker_killed_mid_batch_stops_it_keeps_what_was_written_and_says_so(
    services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = services.document_batch("progress", tmp_path / "out", reports.DocumentOptions(), workers=2)
    total = len(services.patient_ids())
    assert batch.step()
    written = list(batch.result.written)
    pool = batch._pool
    assert pool is not None
    for process in list(pool._processes.values()):  # the out-of-memory killer, say
        assert process.pid is not None
        os.kill(process.pid, signal.SIGKILL)
    with pytest.raises(WorkerStopped, match="a worker process stopped") as stopped:
        batch.run()
    assert stopped.value.strerror == "a worker process stopped (killed, or out of memory)"
    assert batch.result.cancelled
    assert written
    assert len(batch.result.written) < total
    assert sorted(f.name for f in (tmp_path / "out").glob("*")) == sorted(p.name for p in batch.result.written)
