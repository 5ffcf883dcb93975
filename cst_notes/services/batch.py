"""One document per patient, for many patients, on the machine's cores: the CLI's
``export-pdf --all`` and the GUI's File ▸ Export PDFs for all patients both run a ``DocumentBatch``.

This process reads each record through the services (their permission checks, the signed-in
practitioner's view of the private notes) and writes each file (all or nothing); worker processes
only render, from the picklable record, settings and options sent to them. reportlab is not
thread-safe, and rendering is CPU-bound: processes, not threads. They are started fresh
(forkserver or spawn, never a fork of a process holding Qt or a database connection).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from cst_notes import reports
from cst_notes.domain.access import Can
from cst_notes.domain.damage import DamagedRecord
from cst_notes.files import make_private_folder, safe_file_name, write_atomically
from cst_notes.services.base import NotFoundError, ServiceBase

if TYPE_CHECKING:  # (the process pool's modules are imported when a batch starts, not at the app's start)
    import concurrent.futures as cf

    from cst_notes.domain.practitioner import Practitioner
    from cst_notes.domain.record import PatientRecord
    from cst_notes.domain.settings import ClinicSettings
    from cst_notes.domain.summaries import PatientSummary


class _Reader(Protocol):
    """What a batch needs of the services (``Services``, which this module's mixin is part of)."""

    def record(self, patient_id: int) -> PatientRecord: ...

    def settings(self) -> ClinicSettings: ...

    def patient_summaries(self, name_filter: str = "") -> list[PatientSummary]: ...

    def practitioners(self) -> list[Practitioner]: ...


Progress = Callable[[int, int], None]  # (patients done, patients in all)
IN_FLIGHT_PER_WORKER = 2  # records sent ahead to each worker: enough to keep it busy, few in memory


class WorkerStopped(OSError):
    """A worker process ended in the middle of a batch (killed, or out of memory): the batch stops,
    the files already written stay, and running it again makes the rest. An OSError, so the CLI
    and the GUI say it as they say a folder that cannot be written."""

    def __init__(self) -> None:
        super().__init__(errno.ECHILD, "a worker process stopped (killed, or out of memory)")


def document_file_name(patient_id: int, name: str, kind: str) -> str:
    """``00042-Maya_Sen-record.pdf``: sorted by patient id, readable by name."""
    return f"{patient_id:05d}-{safe_file_name(name, 'patient')}-{kind}.pdf"


def cores() -> int:
    """The cores this process may run on (the default number of workers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def process_pool(workers: int, preload: str | None = None) -> cf.ProcessPoolExecutor:
    """``workers`` processes started fresh (forkserver where there is one, else spawn): never a fork
    of this process, which may hold Qt, threads or a database connection. ``preload``: the module of
    the work, imported once by the fork server when this process first starts one (which every later
    worker is forked from, ready), instead of by each worker."""
    import concurrent.futures as cf
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if preload is not None and "forkserver" in methods:
        context.set_forkserver_preload([preload])  # no effect once the fork server runs
    return cf.ProcessPoolExecutor(workers, mp_context=context)


@dataclass
class BatchResult:
    """What a batch did: the files written, the patients skipped (the document cannot be made
    for them: ``#id: reason``, by id), those whose record is damaged, and whether it was cancelled."""

    total: int
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    damaged: list[DamagedRecord] = field(default_factory=list)
    cancelled: bool = False

    @property
    def done(self) -> int:
        return len(self.written) + len(self.skipped) + len(self.damaged)

    def skipped_lines(self) -> list[str]:
        return [f"#{pid}: {reason}" for pid, reason in sorted(self.skipped)]


class DocumentBatch:
    """The document ``kind`` for each of ``ids`` into ``folder``, rendered by ``workers`` processes
    (1: in this process, one after the other, unless ``off_this_thread``: the GUI's thread only
    reads and writes). ``step()`` does a little and returns whether there
    is more (the GUI calls it from a timer); ``run()`` steps to the end. ``cancel()`` stops: no
    record is sent or file written after it; the files already written stay."""

    def __init__(
        self,
        services: _Reader,
        kind: str,
        folder: Path,
        ids: Sequence[int],
        options: reports.DocumentOptions,
        *,
        language: str | None = None,
        session: int | None = None,
        workers: int | None = None,
        off_this_thread: bool = False,
    ) -> None:
        self.services, self.kind, self.folder, self.ids = services, kind, folder, list(ids)
        self.options, self.language, self.session = options, language, session
        self.settings: ClinicSettings = services.settings()
        self.workers = max(1, min(workers or cores(), len(self.ids) or 1))
        self.result = BatchResult(total=len(self.ids))
        self._next = 0
        self._names: dict[cf.Future[bytes | str], tuple[int, str]] = {}
        self._pool: cf.ProcessPoolExecutor | None = None
        if self.workers > 1 or off_this_thread:
            self._pool = process_pool(self.workers)
        make_private_folder(folder)

    def finished(self) -> bool:
        return self.result.cancelled or self.result.done == self.result.total

    def step(self, wait: float | None = None, reads: int | None = None) -> bool:
        """Send records to the workers while they have room (``reads`` of them at most), write what
        they finished (waiting up to ``wait`` seconds for one: None waits as long as it takes). True
        while there is more to do."""
        if self.finished():
            return False
        if self._pool is None:
            job = self._read_next()
            if job is not None:
                pid, record, options = job
                rendered = reports.render_or_reason(self.kind, record, self.settings, options, self.session)
                self._keep(pid, record.patient.full_name, rendered)
            return not self.finished()
        from concurrent.futures.process import BrokenProcessPool

        try:
            self._send_and_take(wait, reads)
        except BrokenProcessPool as exc:  # a worker was killed: whether found sending or taking back
            self.cancel()
            raise WorkerStopped from exc
        if self.finished():
            self.close()
        return not self.finished()

    def _send_and_take(self, wait: float | None, reads: int | None) -> None:
        """Send records to the workers while they have room, and write what they finished."""
        import concurrent.futures as cf

        assert self._pool is not None
        room = self.workers * IN_FLIGHT_PER_WORKER - len(self._names)
        for _ in range(min(room, len(self.ids) - self._next, len(self.ids) if reads is None else reads)):
            job = self._read_next()
            if job is not None:
                pid, record, options = job
                future = self._pool.submit(
                    reports.render_or_reason, self.kind, record, self.settings, options, self.session
                )
                self._names[future] = (pid, record.patient.full_name)
        if self._names:
            ready, _ = cf.wait(self._names, timeout=wait, return_when=cf.FIRST_COMPLETED)
            for future in sorted(ready, key=lambda f: self._names[f][0]):
                pid, name = self._names.pop(future)
                self._keep(pid, name, future.result())

    def run(self, progress: Progress | None = None) -> BatchResult:
        try:
            while self.step():
                if progress is not None:
                    progress(self.result.done, self.result.total)
        except BaseException:  # a file that cannot be written, Ctrl+C: the workers stop too
            self.cancel()
            raise
        if progress is not None:
            progress(self.result.done, self.result.total)
        return self.result

    def cancel(self) -> None:
        """Stop: the records sent and not yet rendered are dropped, those rendering are not written."""
        self.result.cancelled = not self.finished() or self.result.cancelled
        self._names.clear()
        self.close(wait=False)

    def close(self, *, wait: bool = True) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=True)
            self._pool = None

    def _read_next(self) -> tuple[int, PatientRecord, reports.DocumentOptions] | None:
        """The next patient's record and what its document needs; None when it cannot be read
        (damaged, or removed since the list was taken: counted as done)."""
        pid = self.ids[self._next]
        self._next += 1
        try:
            record = self.services.record(pid)
        except DamagedRecord as exc:
            self.result.damaged.append(exc)
            return None
        except NotFoundError as exc:
            self.result.skipped.append((pid, str(exc)))
            return None
        options = replace(self.options, language=self.language or record.patient.document_language)
        return pid, record, options

    def _keep(self, pid: int, name: str, rendered: bytes | str) -> None:
        if isinstance(rendered, str):
            self.result.skipped.append((pid, rendered))
            return
        target = self.folder / document_file_name(pid, name, self.kind)
        write_atomically(target, rendered)
        self.result.written.append(target)


class BatchServices(ServiceBase):
    def document_batch(
        self,
        kind: str,
        folder: Path,
        options: reports.DocumentOptions,
        *,
        ids: Sequence[int] | None = None,
        language: str | None = None,
        session: int | None = None,
        workers: int | None = None,
        off_this_thread: bool = False,
    ) -> DocumentBatch:
        """A batch of ``kind`` for ``ids`` (default: every patient, by name); it needs a role that
        reads the clinical record. ``options.practitioners`` defaults to the practice's."""
        self._require(Can.READ_CLINICAL)
        services: _Reader = self  # type: ignore[assignment]  # a mixin of Services
        if ids is None:
            ids = [s.id for s in services.patient_summaries()]
        if not options.practitioners:
            options = replace(options, practitioners=tuple(services.practitioners()))
        return DocumentBatch(
            services,
            kind,
            folder,
            ids,
            options,
            language=language,
            session=session,
            workers=workers,
            off_this_thread=off_this_thread,
        )
