"""`make bench`: a 5,000-patient x 40-session clinic, each measure beside its baseline; and a
clinic server of 20 practitioners and 1,000,000 sessions (the group "clinic").

Run as ``python -m tests.bench [--patients N] [--sessions N] [--runs N] [--only GROUPS]
[--clinic-sessions N] [--clinic-practitioners N]``. Prints a table and writes one JSON object per
line to bench.json (metric, value, unit, baseline, ratio, target, ok).
Exits non-zero only when something fails to run, never because a target is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any
from unittest import mock

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cst_notes import demo, reports
from cst_notes.domain.canonical import NOT_CONTENT
from cst_notes.domain.practitioner import Practitioner
from cst_notes.domain.session import Session
from cst_notes.services import Services, practice

if TYPE_CHECKING:
    from cst_notes.services.clinic import Synced
    from tests.clinic.conftest import EmptyDatabase
    from tests.clinic.server import TestServer

REPO = Path(__file__).resolve().parents[1]
BARE_QT = (
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "w = QMainWindow()\n"
    "w.resize(1200, 760)\n"
    "w.show()\n"
    "QTimer.singleShot(0, app.quit)\n"
    "app.exec()\n"
)


@dataclass
class Result:
    metric: str
    value: float
    unit: str
    baseline: float | None = None
    target: float | None = None  # on the ratio when there is a baseline, else on the value
    limit: float | None = None  # a second target on the value itself (search: <= 20 ms)

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None

    @property
    def ok(self) -> bool | None:
        checks = []
        if self.target is not None:
            ratio = self.ratio  # None without a baseline: the target is on the value
            checks.append((self.value if ratio is None else ratio) <= self.target)
        if self.limit is not None:
            checks.append(self.value <= self.limit)
        return all(checks) if checks else None

    def row(self) -> dict[str, object]:
        return {
            "metric": self.metric,
            "value": round(self.value, 4),
            "unit": self.unit,
            "baseline": None if self.baseline is None else round(self.baseline, 4),
            "ratio": None if self.ratio is None else round(self.ratio, 3),
            "target": self.target if self.limit is None else f"ratio <= {self.target}, value <= {self.limit}",
            "ok": self.ok,
        }


def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_process(args: list[str]) -> None:
    subprocess.run(args, cwd=REPO, check=True, capture_output=True, timeout=300)


def peak_memory_mb(args: list[str]) -> float:
    """The peak resident memory of one child process, in MB."""
    probe = (
        "import resource, subprocess, sys\n"
        f"subprocess.run({args!r}, check=True, capture_output=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, check=True, capture_output=True, text=True)
    return int(out.stdout.strip()) / 1024


def peak_tree_pss_mb(args: list[str]) -> float:
    """The peak of the proportional memory (PSS: a page shared by n processes counts 1/n in each) of
    a command and every process it starts (its workers, the fork server), summed, sampled every 20
    ms from /proc, in MB; NaN where there is no /proc (not Linux)."""
    if not Path("/proc/self/smaps_rollup").exists():
        return float("nan")
    process = subprocess.Popen(args, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, sum(_pss_kib(pid) for pid in _tree(process.pid)))
        time.sleep(0.02)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, args)
    return peak / 1024


def _tree(root: int) -> list[int]:
    """``root`` and its descendants, now."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
    found, new = [root], [root]
    while new:
        new = [pid for pid, parent in parents.items() if parent in new]
        found += new
    return found


def _pss_kib(pid: int) -> int:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


def make_clinic(db: Path, patients: int, sessions: int) -> tuple[float, int]:
    """The demo clinic, plus one patient with 100 sessions; returns the demo's time and that patient's id."""
    services = Services.open(db)
    start = time.perf_counter()
    services.create_demo_clinic(patients, sessions, seed=1)
    elapsed = time.perf_counter() - start
    [long_record] = demo.generate_clinic(1, 100, seed=99)
    long_record = replace(long_record, patient=replace(long_record.patient, full_name="ঋতুপর্ণা চট্টোপাধ্যায়"))
    pid = services.import_records([long_record]).patient_id
    services.close()
    return elapsed, pid


GROUPS = ("start", "search", "chart", "save", "documents", "batch", "stalls", "import", "clinic")
ON_THEIR_OWN = frozenset({"import", "clinic"})  # groups that make their own data: no demo clinic needed
IMPORT_PATIENTS, IMPORT_SESSIONS = 750, 20  # a demo clinic whose export is about 50 MB (issue 18's file)
CLINIC_PRACTITIONERS, CLINIC_SESSIONS = 20, 1_000_000  # the clinic server of issue 17


def bench(
    patients: int,
    sessions: int,
    runs: int,
    folder: Path,
    only: frozenset[str] = frozenset(GROUPS),
    *,
    clinic_practitioners: int = CLINIC_PRACTITIONERS,
    clinic_sessions: int = CLINIC_SESSIONS,
) -> list[Result]:
    """The rows of the groups in ``only`` (all by default), on one clinic made first."""
    results: list[Result] = []
    if "import" in only:
        results += import_rows(folder, runs)
    if only - ON_THEIR_OWN:
        results += demo_clinic_rows(patients, sessions, runs, folder, only)
    if "clinic" in only:  # last: its server fills the disk cache and the cores while it runs
        results += clinic_rows(folder, clinic_practitioners, clinic_sessions, runs)
    return results


def demo_clinic_rows(patients: int, sessions: int, runs: int, folder: Path, only: frozenset[str]) -> list[Result]:
    """The groups measured on the demo clinic (``make_clinic``), made first."""
    results: list[Result] = []
    db = folder / "bench.sqlite"
    demo_seconds, long_pid = make_clinic(db, patients, sessions)
    results.append(Result(f"demo generation ({patients} x {sessions})", demo_seconds, "s"))
    if "start" in only:
        results += start_rows(db, runs)
    services = Services.open(db)
    name = services.patient_summaries()[patients // 2].full_name.split()[0]
    if "search" in only:
        results += search_rows(services, db, name, runs)
    if "chart" in only:
        results.append(Result("open a chart with 100 sessions", chart_open_seconds(services, long_pid, runs) * 1000,
                              "ms", target=50))  # fmt: skip
    ids = [s.id for s in services.patient_summaries()[:100]]
    if "save" in only:  # into the last patient by name but the long one: the documents' records stay as made
        last = next(s.id for s in reversed(services.patient_summaries()) if s.id != long_pid)
        results += save_rows(services, last, runs)
    if "documents" in only:
        results += document_rows(services, long_pid, ids, runs)
    if "batch" in only:
        results += batch_on_cores(services, ids, folder)
    services.close()
    if "stalls" in only:
        results += stall_rows_in_a_new_process(db, long_pid, name)
    return results


def stall_rows_in_a_new_process(db: Path, patient_id: int, name: str) -> list[Result]:
    """``stall_rows`` in a process of its own, as a therapist's app runs: in this one the rows above
    have imported reportlab and much else, and a stall the app's own first import makes would not
    be seen."""
    command = [sys.executable, "-m", "tests.bench", "--stalls-of", str(db), str(patient_id), name]
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=True)
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return [Result(r["metric"], r["value"], r["unit"], target=r["target"]) for r in rows]


def start_rows(db: Path, runs: int) -> list[Result]:
    """Cold start to a filled main window beside a bare PySide6 window, and the peak memory."""
    results: list[Result] = []
    app = [sys.executable, "-m", "cst_notes", "--db", str(db), "--exit-when-ready"]
    bare = [sys.executable, "-c", BARE_QT]
    # The app's own modules in bytecode, as an installed app has them (pip compiles them, the bundle
    # ships them) and as PySide6's are for the bare window: under PYTHONDONTWRITEBYTECODE (set in
    # some shells and CI) every start would otherwise compile ~280 modules from source.
    run_process([sys.executable, "-m", "compileall", "-q", "cst_notes"])
    run_process(app)  # warm the file cache for both
    run_process(bare)
    results.append(
        Result(
            "cold start to a filled main window",
            median_time(lambda: run_process(app), runs),
            "s",
            baseline=median_time(lambda: run_process(bare), runs),
            target=1.5,
        )
    )
    results.append(Result("peak memory, list shown", peak_memory_mb(app), "MB", target=250))
    return results


def search_rows(services: Services, db: Path, name: str, runs: int) -> list[Result]:
    """A name and a word in the notes, beside replaying the same queries on a bare connection."""
    results: list[Result] = []
    raw = sqlite3.connect(db)
    for label, query in (("search: a name", name), ("search: a word in the notes", "dizzy")):
        statements = statements_of(services, partial(services.search, query))
        results.append(
            Result(
                f"{label} ({len(statements)} queries)",
                median_time(partial(services.search, query), runs * 4) * 1000,
                "ms",
                baseline=median_time(partial(replay, raw, statements), runs * 4) * 1000,
                target=2,
                limit=20,
            )
        )
    raw.close()
    return results


def save_rows(services: Services, patient_id: int, runs: int) -> list[Result]:
    """One session saved with synchronous=FULL (``runs * 4`` of them, into ``patient_id``'s chart)."""
    when = dt.datetime.now(dt.UTC)
    return [
        Result(
            "save one session durably (synchronous=FULL)",
            median_time(
                lambda: services.add_session(
                    patient_id, Session(when, pain_before=5, contraindication_override_reason="benchmark")
                ),
                runs * 4,
            )
            * 1000,
            "ms",
            target=10,
        )
    ]


def document_rows(services: Services, long_pid: int, ids: list[int], runs: int) -> list[Result]:
    """A progress summary, a whole record and 100 summaries, rendered in this process."""
    results: list[Result] = []
    record = services.record(long_pid)
    settings = services.settings()
    reports.register_fonts()
    options = reports.DocumentOptions(session_ids=tuple(s.id for s in record.sessions[-12:] if s.id))
    pages_probe = reports.render("progress", record, settings, options)
    results.append(
        Result(
            f"progress summary PDF, Bengali name, chart ({pdf_pages(pages_probe)} pages)",
            median_time(lambda: reports.render("progress", record, settings, options), runs),
            "s",
            target=0.3,
        )
    )
    whole = reports.render("record", record, settings)
    results.append(
        Result(
            f"whole clinical record, {len(record.sessions)} sessions ({pdf_pages(whole)} pages)",
            median_time(lambda: reports.render("record", record, settings), 1),
            "s",
            target=2.5,  # 200 sessions in under 5 s
        )
    )

    def batch() -> None:
        for pid in ids:
            reports.render("summary", services.record(pid), settings)

    results.append(Result("100 session summaries in a batch", median_time(batch, 1), "s", target=15))
    return results


CURVE_WORKERS = (1, 2, 4)


def batch_on_cores(services: Services, ids: list[int], folder: Path) -> list[Result]:
    """``export-pdf --all --kind record`` over ``ids`` (the CLI's and the GUI's DocumentBatch, files
    written): one worker (today's one core, the baseline, in this run) beside all the cores, against
    the target of a third of the time; and the curve of documents per second against the workers.
    On 2 cores, 2 workers give at best half the time: the third needs 3 cores or more."""
    options = reports.DocumentOptions()

    def seconds(workers: int) -> float:
        out = folder / f"records-{workers}"
        start = time.perf_counter()
        result = services.document_batch("record", out, options, ids=ids, workers=workers).run()
        took = time.perf_counter() - start
        assert len(result.written) == len(ids), result.skipped_lines()
        for file in result.written:
            file.unlink()
        return took

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    took = {workers: seconds(workers) for workers in sorted({*CURVE_WORKERS, cores})}
    n = len(ids)
    rows = [
        Result(f"{n} record PDFs, 1 worker (today)", took[1], "s"),
        Result(f"{n} record PDFs, {cores} workers ({cores} cores)", took[cores], "s", baseline=took[1], target=0.333),
    ]
    rows += [Result(f"record PDFs per second, {w} workers", n / took[w], "doc/s") for w in CURVE_WORKERS]
    return rows


def import_rows(folder: Path, runs: int) -> list[Result]:
    """`cst-notes import` of a 50 MB export beside json.load of the same file plus a bare
    executemany of the same rows into plain tables (no constraints, triggers or search indexes),
    and the import's peak memory (in its own process) beside the file's size."""
    from cst_notes.domain import record_format
    from cst_notes.storage import bulk, database, search
    from cst_notes.storage import records as storage_records

    source, file = folder / "import-source.sqlite", folder / "import.json"
    services = Services.open(source)
    services.create_demo_clinic(IMPORT_PATIENTS, IMPORT_SESSIONS, seed=1)
    file.write_bytes(record_format.file_bytes(services.export_document()))
    services.close()
    size_mb = file.stat().st_size / 1e6
    runs = min(runs, 3)  # each run is many seconds
    names = (str(n) for n in range(1_000))

    def real() -> None:
        target = Services.open(folder / f"import-{next(names)}.sqlite")
        target.import_file(file)
        target.close()

    def in_this_process() -> None:
        """The same import with its reading and checking done here too (no workers): all of its work
        on one core, which this process's CPU time then counts."""
        with mock.patch.object(practice, "PARALLEL_IMPORT_BYTES", file.stat().st_size + 1):
            real()

    def wall_and_cpu(action: Callable[[], object]) -> tuple[float, float]:
        """Median seconds on the clock and of this process's CPU (steadier when others share the cores)."""
        walls, cpus = [], []
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            action()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        return statistics.median(walls), statistics.median(cpus)

    wall, _ = wall_and_cpu(real)  # first: the baseline's rows held in memory would slow the collector
    _, cpu = wall_and_cpu(in_this_process)
    records = record_format.records_from_document(json.loads(file.read_bytes()))
    prepared = bulk.prepare(records)

    def bare_rows() -> None:
        raw = sqlite3.connect(folder / f"bare-{next(names)}.sqlite")
        raw.execute("PRAGMA journal_mode = WAL")
        with raw:
            for k, statement in enumerate(s for s in prepared.statements if s.rows):
                width = len(statement.rows[0])
                raw.execute(f"CREATE TABLE t{k} ({', '.join(f'c{c}' for c in range(width))})")
                raw.executemany(f"INSERT INTO t{k} VALUES ({', '.join('?' * width)})", statement.rows)
        raw.close()

    def baseline() -> None:
        with file.open("rb") as f:
            json.load(f)
        bare_rows()

    def rows_in_schema() -> float:
        """The same rows written into the app's own schema (constraints, protective triggers, search
        indexes rebuilt once), as the import writes them: SQLite's share of the import."""
        target, batch = Services.open(folder / f"schema-{next(names)}.sqlite"), bulk.prepare(records)
        start = time.perf_counter()
        with database.write(target._db), search.deferred_indexing(target._db):  # a look inside
            storage_records.write_prepared(target._db, batch)
        elapsed = time.perf_counter() - start
        target.close()
        return elapsed

    (base_wall, base_cpu) = wall_and_cpu(baseline)
    command = [sys.executable, "-m", "cst_notes", "import", "-q", "--db", str(folder / "import-memory.sqlite")]
    name = f"import a {size_mb:.0f} MB export ({IMPORT_PATIENTS} x {IMPORT_SESSIONS})"
    return [
        Result(name, wall, "s", baseline=base_wall, target=3),
        Result(f"{name}, CPU time in one process (no workers)", cpu, "s", baseline=base_cpu),
        Result(
            "import: its rows alone, into the app's schema",
            statistics.median(rows_in_schema() for _ in range(runs)),
            "s",
            baseline=median_time(bare_rows, runs),
        ),
        Result(
            "import peak memory beside the file's size",
            peak_memory_mb([*command, str(file)]),
            "MB",
            baseline=size_mb,
            target=2,
        ),
        Result(  # the workers' interpreters are a fixed cost: a larger file adds only what its batches hold
            "import peak memory of all its processes (PSS), with its workers",
            peak_tree_pss_mb([*command[:-1], str(folder / "import-tree.sqlite"), str(file)]),
            "MB",
            baseline=size_mb,
        ),
    ]


# --- the clinic server (issue 17) -----------------------------------------------------------------
# One practitioner's patients are made as she makes them (charted, signed with her key, pushed by a
# real sync); the other practitioners' sessions are copied from hers in SQL on the server, since
# pushing a million sessions through the app would take hours. Her pull must not see theirs.

CLINIC_PATIENTS, CLINIC_PER_PATIENT = 250, 40  # hers: the patients, and the sessions of each
DAY_SESSIONS = 8  # a day's work
CLINIC_PASSWORD = "bench: a throwaway server's roles"
OTHERS_PRIVATE_NOTE = "Spoke of her sister's illness; follow gently."


def clinic_rows(
    folder: Path,
    practitioners: int,
    sessions: int,
    runs: int,
    *,
    patients: int = CLINIC_PATIENTS,
    per_patient: int = CLINIC_PER_PATIENT,
) -> list[Result]:
    """A real PostgreSQL (the clinic tests' ``running_server``, stopped at the end whatever
    happens) holding a clinic of ``practitioners`` and ``sessions`` sessions, ``patients`` x
    ``per_patient`` of them hers: her first sync to an empty laptop beside psql copying the same
    rows out, and the sync of a day's work, both ways. Her laptops are left in ``folder``/clinic."""
    from tests.clinic.server import running_server

    started = time.perf_counter()
    here = folder / "clinic"
    here.mkdir()
    with running_server() as server, contextlib.ExitStack() as laptops:
        clinic = ClinicBench(server, here, laptops)
        results = clinic.setup(practitioners, sessions, patients, per_patient)
        second, first_sync_rows = clinic.first_sync_rows(patients, max(1, min(runs, 3)))  # each takes a while
        results += first_sync_rows
        results += clinic.day_of_work_rows(second)
        results.append(Result("clinic: the server's data on disk", disk_bytes(server.data) / 1e6, "MB"))
    results.append(Result("clinic: the whole group's wall time", time.perf_counter() - started, "s"))
    return results


def clinic_people(count: int) -> list[str]:
    """The clinic's practitioners' names, hers first (first and last names of the demo's)."""
    first, last = demo.LATIN
    if not 1 <= count <= len(first) * len(last):
        raise ValueError(f"a clinic of 1 to {len(first) * len(last)} practitioners, not {count}")
    return [f"{first[n % len(first)]} {last[n // len(first)]}" for n in range(count)]


class ClinicBench:
    """The clinic server's rows, in order: ``setup``, ``first_sync_rows``, ``day_of_work_rows``."""

    def __init__(self, server: TestServer, here: Path, laptops: contextlib.ExitStack) -> None:
        from tests.clinic.conftest import new_database

        self.server, self.here, self._laptops = server, here, laptops
        self.db = new_database(server)  # an empty database and its owner (a role that is no superuser)
        self.her, self.role, self.url = "", "", ""
        self.laptop: Services | None = None

    def open_laptop(self, name: str) -> Services:
        services = Services.open(self.here / name)
        self._laptops.callback(services.close)
        return services

    def setup(self, practitioners: int, sessions: int, patients: int, per_patient: int) -> list[Result]:
        """The clinic made as its owner makes one (``clinic init``, ``clinic add-role`` for each
        practitioner); her patients charted and signed on her laptop and pushed by its first sync;
        then the others' sessions filled in, up to ``sessions``."""
        from cst_notes.services import clinic

        clinic.init_clinic(self.db.url)
        names = clinic_people(practitioners)
        roles = [f"{self.db.name}_p{n:03d}" for n in range(practitioners)]
        for role, name in zip(roles, names, strict=True):
            clinic.add_clinic_role(self.db.url, role, name, "therapist", CLINIC_PASSWORD)
        self.her, self.role = names[0], roles[0]
        self.url = self.server.url(self.role, self.db.name)
        self.laptop = laptop = self.open_laptop("her-laptop.sqlite")
        start = time.perf_counter()
        made = her_patients(laptop, self.her, patients, per_patient)
        charted = Result(
            f"clinic: her {patients} patients, {made} sessions charted and signed", time.perf_counter() - start, "s"
        )
        clinic.join_clinic(laptop, self.url, CLINIC_PASSWORD)
        start = time.perf_counter()
        pushed = clinic.sync(laptop, CLINIC_PASSWORD).pushed
        first_push = Result(
            f"clinic: her first push ({pushed.sessions} sessions, {pushed.audit_entries} audit entries)",
            time.perf_counter() - start,
            "s",
        )
        if pushed.sessions != made:
            raise RuntimeError(f"her first sync pushed {pushed.sessions} sessions of {made}")
        start = time.perf_counter()
        held = fill_clinic(self.db, list(zip(roles, names, strict=True))[1:], sessions)
        filled = Result(
            f"clinic: the server filled to {held:,} sessions of {practitioners} practitioners",
            time.perf_counter() - start,
            "s",
        )
        return [charted, first_push, filled]

    def first_sync_rows(self, patients: int, runs: int) -> tuple[Services, list[Result]]:
        """Her first sync to an empty laptop (``runs`` laptops, the median), each checked to hold
        her patients and sessions and nothing else, beside psql copying the same rows; the last
        laptop is her second laptop from then on."""
        from cst_notes.services import clinic

        assert self.laptop is not None
        hers = frozenset(self.laptop.patient(pid).uid for pid in self.laptop.patient_ids())
        counts = self.laptop.counts()
        times: list[float] = []
        local_parts: list[float] = []
        for run in range(runs):
            fresh = self.open_laptop(f"new-laptop-{run}.sqlite")
            start = time.perf_counter()
            clinic.join_clinic(fresh, self.url, CLINIC_PASSWORD)
            synced = first_sync(fresh, CLINIC_PASSWORD, local_parts)
            times.append(time.perf_counter() - start)
            held = frozenset(fresh.patient(pid).uid for pid in fresh.patient_ids())
            if held != hers or fresh.counts() != counts or synced.pulled.refused or synced.pulled.left:
                raise RuntimeError(
                    f"the first sync brought {fresh.counts()} ({len(held - hers)} patients not hers), not her "
                    f"{counts}: {synced.words()}; {synced.pulled.refused[:1] or synced.pulled.left[:1]}"
                )
        copied, baseline = psql_copy_of_her_pull(self.server, self.db.name, self.role, hers, self.here, runs)
        if copied["sessions"] != counts["sessions"]:
            raise RuntimeError(f"psql copied {copied}: not the {counts['sessions']} sessions the sync pulled")
        name = f"new-laptop-{runs - 1}.sqlite"
        return fresh, [
            Result(
                f"clinic: first sync of one practitioner's {patients} patients to an empty laptop",
                statistics.median(times),
                "s",
                baseline=baseline,
                target=2,
            ),
            Result(  # issue 18's stall target: in the app, each of these parts runs on the window's thread
                "clinic: her first sync's longest part on the window's thread",
                max(local_parts) * 1000,
                "ms",
                target=50,
            ),
            Result(
                "clinic: the new laptop's database after its first sync",
                disk_bytes(self.here / name, self.here / f"{name}-wal") / 1e6,
                "MB",
            ),
        ]

    def day_of_work_rows(self, second: Services) -> list[Result]:
        """On her laptop, synced, 8 sessions charted and signed today, then the sync that pushes
        them (and pulls nothing new); then the sync of her second laptop, which pulls them. Both
        laptops are synced first, so that each sync moves the day's work alone."""
        from cst_notes.services import clinic

        laptop = self.laptop
        assert laptop is not None
        clinic.sync(second, CLINIC_PASSWORD)  # the first sync's own audit entries, pushed
        clinic.sync(laptop, CLINIC_PASSWORD)  # and pulled here
        days_work(laptop, self.her, DAY_SESSIONS)
        start = time.perf_counter()
        pushed = clinic.sync(laptop, CLINIC_PASSWORD)
        push_seconds = time.perf_counter() - start
        if pushed.pushed.sessions != DAY_SESSIONS or pushed.pulled.total:
            raise RuntimeError(f"the day's sync did not push the {DAY_SESSIONS} sessions alone: {pushed.words()}")
        start = time.perf_counter()
        pulled = clinic.sync(second, CLINIC_PASSWORD)
        pull_seconds = time.perf_counter() - start
        if pulled.pulled.sessions != DAY_SESSIONS:
            raise RuntimeError(f"her second laptop did not pull the day's {DAY_SESSIONS} sessions: {pulled.words()}")
        return [
            Result(
                f"clinic: incremental sync of a day's work ({DAY_SESSIONS} sessions)", push_seconds, "s", target=1.0
            ),
            Result(
                f"clinic: the same {DAY_SESSIONS} sessions synced to her second laptop", pull_seconds, "s", target=1.0
            ),
        ]


SEALING = frozenset({"private_notes_salt", "private_notes_sha256"})  # made when a session is signed


def her_patients(services: Services, name: str, patients: int, per_patient: int) -> int:
    """``patients`` demo patients (their details, intakes and plans imported) with ``per_patient``
    sessions each, charted as ``name``'s drafts and each signed with her key by the services, an
    addendum to every tenth patient's first; returns how many sessions were signed."""
    services.add_practitioner(Practitioner(name, "owner"), "")  # her key (no passphrase); no one else's
    drafted = {f.name for f in fields(Session)} - NOT_CONTENT - SEALING - {"therapist"}
    # Twice the sessions, so that today cuts none, and twice the patients: a baby's sessions start
    # after its birth, so some have fewer (those are left out).
    long_enough = (
        r for r in demo.generate_clinic(patients * 2, per_patient * 2, seed=17) if len(r.sessions) >= per_patient
    )

    def draft(session: Session) -> Session:
        return Session(**{k: getattr(session, k) for k in drafted}, therapist=name)

    records = [replace(r, sessions=tuple(map(draft, r.sessions[:per_patient]))) for r in islice(long_enough, patients)]
    if len(records) < patients:
        raise RuntimeError(f"the demo made {len(records)} patients with {per_patient} sessions, not {patients}")
    signed = 0
    for n, pid in enumerate(services.import_records(records).patient_ids):
        for k, session in enumerate(services.record(pid).sessions):
            assert session.id is not None
            services.sign_session(session.id, name)
            signed += 1
            if n % 10 == 0 and k == 0:
                services.add_session_addendum(session.id, "Pain before was 5, not 6.", name)
    return signed


def days_work(services: Services, name: str, count: int) -> None:
    """``count`` sessions charted and signed today by ``name``, for her patients in list order."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    ids = services.patient_ids()
    for n in range(count):
        pid = ids[n % len(ids)]
        reason = "Discussed with the client; treated gently." if services.session_start_check(pid).needs_reason else ""
        session = Session(
            now - dt.timedelta(hours=count - n),
            therapist=name,
            subjective="Slept better this week; headaches twice.",
            pain_before=4,
            pain_after=2,
            private_notes="Mentioned trouble at work.",
            contraindication_override_reason=reason,
        )
        services.sign_session(services.add_session(pid, session).session_id, name)


def first_sync(laptop: Services, password: str, local_parts: list[float] | None = None) -> Synced:
    """``cst-notes sync`` on a laptop that holds nothing yet: the pull of her own patients (those
    with a signed session she treated or signed), driven as the app drives it (``run_steps``, one
    ``ServerSession``). ``local_parts`` gets the seconds of each of this laptop's parts between two
    server steps: in the app, each is a stretch on the window's thread."""
    from cst_notes.services import clinic

    link = laptop.clinic_link()
    assert link is not None
    server = clinic.ServerSession(link, password)
    parts = local_parts if local_parts is not None else []
    since = time.perf_counter()

    def run(work: clinic.ServerWork) -> Any:
        nonlocal since
        parts.append(time.perf_counter() - since)
        try:
            return server.run(work)
        finally:
            since = time.perf_counter()

    try:
        synced: Synced = clinic.run_steps(clinic.sync_steps(laptop), run)
        parts.append(time.perf_counter() - since)
        return synced
    finally:
        server.close()


def psql_copy_of_her_pull(
    server: TestServer, database: str, role: str, hers: frozenset[str], here: Path, runs: int
) -> tuple[dict[str, int], float]:
    """psql (the server's own) copying out, as her role, the rows her first sync reads
    (``storage.server.pull``: the keys, the list of patients, and her patients' details, signed
    sessions with her private notes, their addenda and the audit entries of other laptops), one
    statement for each; the rows of each, and the median seconds of ``runs``."""
    uids = "'{" + ",".join(sorted(hers)) + "}'::uuid[]"
    signed = f"FROM clinic.sessions AS s WHERE s.patient_uid = ANY({uids}) AND s.status = 'signed'"
    queries = {
        "keys": "SELECT k.key_id, k.practitioner, k.body, p.name, k.pushed_by FROM clinic.practitioner_keys AS k"
        " LEFT JOIN clinic.practitioners AS p ON p.db_role = k.pushed_by ORDER BY k.key_id",
        "patient list": "SELECT uid FROM clinic.patients ORDER BY uid",
        "patients": f"SELECT uid, details, version FROM clinic.patients WHERE uid = ANY({uids})",
        "sessions": "SELECT s.patient_uid, s.uid, s.body, n.text, n.salt "
        + signed.replace(" WHERE", " LEFT JOIN clinic.session_private_notes AS n ON n.session_uid = s.uid WHERE")
        + " ORDER BY s.patient_uid, s.started_at, s.uid",
        "addenda": "SELECT a.note_uid, a.body FROM clinic.addenda AS a WHERE a.note_kind = 'session'"
        f" AND a.note_uid IN (SELECT s.uid {signed}) ORDER BY a.created_at, a.uid",
        "audit entries": "SELECT uid, origin, entry_hash, changed_at, actor, action, entity, entity_uid, summary,"
        f" before, after FROM clinic.audit_entries WHERE patient_uid = ANY({uids}) AND origin <> '{uuid.uuid4()}'"
        " ORDER BY patient_uid, changed_at, uid",  # a new laptop's uid: none of the server's entries is its own
    }
    script = here / "her-pull.psql"
    script.write_text("".join(f"\\copy ({q}) TO '/dev/null'\n" for q in queries.values()), encoding="utf-8")
    command = [str(server.bin / "psql"), "-X", "-v", "ON_ERROR_STOP=1", "-f", str(script), server.url(role, database)]
    env = {**os.environ, "PGPASSWORD": CLINIC_PASSWORD}

    def copy() -> str:
        return subprocess.run(command, env=env, check=True, capture_output=True, text=True, timeout=600).stdout

    rows = [int(line.split()[1]) for line in copy().splitlines() if line.startswith("COPY ")]
    return dict(zip(queries, rows, strict=True)), median_time(copy, runs)


FILLED = ("patients", "sessions", "session_private_notes", "addenda", "audit_entries", "practitioner_keys")
# Each statement copies one table's rows, hers, to the others; fill_* and tpl_* are temporary tables.
COPIES = (
    "CREATE TEMP TABLE tpl_patients AS"
    " SELECT (row_number() OVER (ORDER BY uid) - 1)::int AS k, uid, details FROM clinic.patients",
    "CREATE TEMP TABLE fill_patients AS SELECT g AS n, gen_random_uuid() AS uid, mod(g, {people}) AS who,"
    " mod(g, {templates}) AS k FROM generate_series(0, {patients} - 1) AS g",
    "INSERT INTO clinic.patients (uid, details, updated_by)"
    " SELECT f.uid, t.details || jsonb_build_object('uid', f.uid::text), p.role"
    " FROM fill_patients AS f JOIN tpl_patients AS t USING (k) JOIN fill_people AS p USING (who)",
    "CREATE TEMP TABLE fill_sessions AS SELECT gen_random_uuid() AS uid, s.uid AS tpl, f.uid AS patient_uid, f.who"
    " FROM fill_patients AS f JOIN tpl_patients AS t USING (k) JOIN clinic.sessions AS s ON s.patient_uid = t.uid"
    " ORDER BY f.n, s.started_at, s.uid LIMIT {sessions}",
    "INSERT INTO clinic.sessions (uid, patient_uid, therapist, started_at, status, signed_at, signed_by,"
    " content_hash, body, updated_by)"
    " SELECT f.uid, f.patient_uid, p.name, s.started_at, s.status, s.signed_at, p.name, s.content_hash,"
    " s.body || jsonb_build_object('uid', f.uid::text, 'therapist', p.name, 'signed_by', p.name), p.role"
    " FROM fill_sessions AS f JOIN clinic.sessions AS s ON s.uid = f.tpl JOIN fill_people AS p USING (who)",
    "INSERT INTO clinic.addenda (uid, note_kind, note_uid, author, created_at, content_hash, body, pushed_by)"
    " SELECT q.uid, 'session', q.note_uid, q.author, q.created_at, q.hash,"
    " q.body || jsonb_build_object('author', q.author, 'content_hash', q.hash), q.role"
    " FROM (SELECT gen_random_uuid() AS uid, f.uid AS note_uid, p.name AS author, p.role, a.created_at, a.body,"
    " encode(sha256(convert_to(f.uid::text || a.content_hash, 'UTF8')), 'hex') AS hash"
    " FROM fill_sessions AS f JOIN clinic.addenda AS a ON a.note_kind = 'session' AND a.note_uid = f.tpl"
    " JOIN fill_people AS p USING (who)) AS q",
    "INSERT INTO clinic.audit_entries (uid, origin, entry_hash, changed_at, actor, action, entity, entity_uid,"
    " patient_uid, summary, before, after, pushed_by)"
    " SELECT q.uid, q.origin, encode(sha256(convert_to(q.uid::text, 'UTF8')), 'hex'), q.changed_at, q.actor,"
    " q.action, q.entity, q.entity_uid, q.patient_uid, q.summary, q.before, q.after, q.role"
    " FROM (SELECT gen_random_uuid() AS uid, p.laptop::text AS origin, e.changed_at, p.name AS actor, e.action,"
    " e.entity, CASE WHEN e.entity_uid = t.uid::text THEN f.uid::text ELSE coalesce(s.uid::text, e.entity_uid)"
    " END AS entity_uid, f.uid AS patient_uid, e.summary, e.before, e.after, p.role"
    " FROM fill_patients AS f JOIN tpl_patients AS t USING (k) JOIN fill_people AS p USING (who)"
    " JOIN clinic.audit_entries AS e ON e.patient_uid = t.uid"
    " LEFT JOIN fill_sessions AS s ON s.patient_uid = f.uid AND s.tpl::text = e.entity_uid) AS q",
)


def fill_clinic(db: EmptyDatabase, others: list[tuple[str, str]], sessions: int) -> int:
    """Fill the clinic up to ``sessions`` signed sessions as its owner, in SQL (``COPIES``): the
    sessions on the server (hers) copied round-robin to new patients of the ``others`` (role,
    name), with new uids, their addenda and audit entries (of a laptop of each) copied with them;
    each of the others pushes a signing key and their sessions' private notes as their own role
    (row-level security lets no one else). Nothing is updated or removed, so no trigger refuses
    it. Then VACUUM ANALYZE and a checkpoint, as a server at rest. Returns the sessions it holds."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(db.url, autocommit=True) as owner:
        per_patient = [
            n
            for (n,) in owner.execute(
                "SELECT count(s.uid) FROM clinic.patients AS p LEFT JOIN clinic.sessions AS s ON s.patient_uid = p.uid"
                " GROUP BY p.uid ORDER BY p.uid"
            )
        ]
        wanted = sessions - sum(per_patient)
        if others and wanted > 0 and sum(per_patient):
            patients = 0
            while sum(per_patient[n % len(per_patient)] for n in range(patients)) < wanted:
                patients += 1
            owner.execute("CREATE TEMP TABLE fill_people (who int, role name, name text, laptop uuid)")
            with owner.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO fill_people VALUES (%s, %s, %s, %s)",
                    [(who, role, name, uuid.uuid4()) for who, (role, name) in enumerate(others)],
                )
            values = {"people": len(others), "templates": len(per_patient), "patients": patients, "sessions": wanted}
            for statement in COPIES:
                owner.execute(sql.SQL(statement).format(**{k: sql.Literal(v) for k, v in values.items()}))
            private: dict[int, list[uuid.UUID]] = {
                who: uids
                for who, uids in owner.execute(
                    "SELECT f.who, array_agg(f.uid) FROM fill_sessions AS f JOIN clinic.sessions AS s ON s.uid = f.tpl"
                    " WHERE coalesce(s.body ->> 'private_notes_sha256', '') <> '' GROUP BY f.who"
                )
            }
            for who, (role, name) in enumerate(others):
                push_as_another(db, role, name, private.get(who, []))
            owner.execute(f"VACUUM (ANALYZE) {', '.join(f'clinic.{t}' for t in FILLED)}")
        with db.superuser() as su:
            su.execute("CHECKPOINT")
        row = owner.execute("SELECT count(*) FROM clinic.sessions").fetchone()
    held = int(row[0]) if row else 0
    if held != (sessions if others and wanted > 0 else sum(per_patient)):
        raise RuntimeError(f"the server holds {held} sessions, not {sessions}")
    return held


def push_as_another(db: EmptyDatabase, role: str, name: str, private_notes: list[uuid.UUID]) -> None:
    """Another practitioner's signing key and the private notes of their sessions, written as their role."""
    from psycopg.types.json import Jsonb

    from cst_notes.domain import keys
    from cst_notes.storage.server import push

    public = keys.public_key(keys.new_private_key())
    key = keys.PublicKey(name, keys.key_id(public), public.hex(), dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    with db.connect(role, CLINIC_PASSWORD) as conn:
        conn.execute(
            "INSERT INTO clinic.practitioner_keys (key_id, practitioner, body) VALUES (%s, %s, %s)",
            [key.key_id, name, Jsonb(push.key_body(key))],
        )
        conn.execute(
            "INSERT INTO clinic.session_private_notes (session_uid, text) SELECT unnest(%s::uuid[]), %s",
            [private_notes, OTHERS_PRIVATE_NOTE],
        )


def disk_bytes(*paths: Path) -> int:
    """The bytes on disk of these files, and of every file under these folders (those missing: none)."""
    files = [f for p in paths for f in ([p] if p.is_file() else p.rglob("*") if p.is_dir() else [])]
    return sum(f.stat().st_blocks * 512 for f in files if f.is_file())


def statements_of(services: Services, action: Callable[[], object]) -> list[tuple[str, list[Any]]]:
    """The SQL statements (and their values) an action sends to SQLite: the baseline replays
    exactly these with plain sqlite3, so the ratio is what the app's layers add to SQLite's work."""
    statements: list[tuple[str, list[Any]]] = []
    with services._db.tracer(lambda sql, values: statements.append((sql, list(values or [])))):  # a look inside
        action()
    return statements


def replay(raw: sqlite3.Connection, statements: list[tuple[str, list[Any]]]) -> None:
    for sql, values in statements:
        raw.execute(sql, values).fetchall()


def pdf_pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def chart_open_seconds(services: Services, patient_id: int, runs: int) -> float:
    """From asking for the chart to the chart filled, in the real main window."""
    from PySide6.QtWidgets import QApplication

    from cst_notes.ui.shell import launch
    from cst_notes.ui.shell.fonts import load_bundled_fonts
    from cst_notes.ui.shell.main_window import MainWindow

    app = launch.application()
    load_bundled_fonts(app)
    window = MainWindow(services, "bench")
    window.show()
    QApplication.processEvents()

    def open_chart() -> None:
        window.select_patient(patient_id)
        window.open_selected()
        QApplication.processEvents()

    def away() -> None:
        window.close_chart()
        QApplication.processEvents()

    times = []
    for _ in range(runs):
        away()
        times.append(median_time(open_chart, 1))
    window.close()
    return statistics.median(times)


STALL_TARGET_MS = 50  # no action blocks the GUI thread for longer
SETTLE_S = 0.3  # after an action (and what it waits for), this long with the GUI thread free: idle again
GIVE_UP_S = 10.0


class StallMonitor:
    """The GUI thread's longest blocked interval during an action: a zero-interval timer wakes the
    event loop whenever it is free, and the largest gap between two consecutive wake-ups (or from
    the action's start to the first wake-up after it) is the longest the screen could not respond.
    The action runs as an event handler would (synchronously, in the GUI thread); then the event
    loop runs until ``done()`` holds and SETTLE_S more have passed."""

    def __init__(self) -> None:
        from PySide6.QtCore import QEventLoop, QTimer

        self._loop = QEventLoop()
        self._timer = QTimer()
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)
        self._last = self._worst = self._started = 0.0
        self._done_at: float | None = None
        self._done: Callable[[], bool] = lambda: True

    def _tick(self) -> None:
        now = time.perf_counter()
        self._worst = max(self._worst, now - self._last)
        self._last = now
        if self._done_at is None and self._done():
            self._done_at = now
        if (self._done_at is not None and now - self._done_at >= SETTLE_S) or now - self._started > GIVE_UP_S:
            self._loop.quit()

    def worst_ms(self, action: Callable[[], object], done: Callable[[], bool] = lambda: True) -> float:
        """Run ``action`` and the event loop until idle again; the longest stall, in ms."""
        from PySide6.QtWidgets import QApplication

        QApplication.processEvents()  # what an earlier action left is not this one's
        self._done, self._done_at, self._worst = done, None, 0.0
        self._started = self._last = time.perf_counter()
        action()
        self._timer.start()
        self._loop.exec()
        self._timer.stop()
        return self._worst * 1000


def stall_rows(services: Services, patient_id: int, name: str) -> list[Result]:
    """Each user action in the real main window, its worst stall of the GUI thread beside the target."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from cst_notes.ui.documents import preload
    from cst_notes.ui.shell import launch
    from cst_notes.ui.shell.fonts import load_bundled_fonts
    from cst_notes.ui.shell.main_window import MainWindow
    from tests.ui.hands import key_in

    app = launch.application()
    load_bundled_fonts(app)
    window = MainWindow(services, "bench")
    window.resize(1200, 760)
    window.show()
    monitor = StallMonitor()
    # the start's own work (the due list, the tabs built in idle time, the documents' modules loaded
    # in a thread of their own), done before the first action, as a few seconds after the start
    monitor.worst_ms(lambda: None, lambda: bool(preload._started) and not preload._started[0].is_alive())
    results: list[Result] = []

    def row(label: str, ms: float) -> None:
        results.append(Result(f"stall: {label}", ms, "ms", target=STALL_TARGET_MS))

    def open_chart() -> None:
        window.select_patient(patient_id)
        window.open_selected()

    row("opening a chart (100 sessions)", monitor.worst_ms(open_chart))
    tabs = window.chart.tabs
    for i in [*range(1, tabs.count()), 0]:
        row(
            f"switching to the {tabs.tabText(i).replace('&', '')} tab",
            monitor.worst_ms(partial(tabs.setCurrentIndex, i)),
        )
    sessions_tab = tabs.sessions_tab
    newest = max((s for s in services.sessions(patient_id) if not s.is_signed), key=lambda s: s.started_at)
    assert newest.id is not None
    row("opening the session editor", monitor.worst_ms(partial(sessions_tab.open_session, newest.id)))
    editor = sessions_tab.session_editor
    assert editor is not None
    notes = [w for w in editor.findChildren(QPlainTextEdit) if not w.isReadOnly() and w.isVisible()]
    notes[0].setFocus()
    QTest.keyClicks(notes[0], " checked")
    row("saving a session", monitor.worst_ms(editor.save))
    editor.close()
    window.close_chart()

    due = window.patients_pane.due
    delivered = lambda: not getattr(due, "pending", False)  # noqa: E731 (the due list's newest list is shown)
    change = services.update_patient(services.patient(patient_id))  # a save (its own row above)
    row("the due list's refresh after a change", monitor.worst_ms(partial(due.on_changed, change), delivered))
    change = services.update_patient(services.patient(patient_id))
    row("every list's refresh after a change", monitor.worst_ms(partial(window.changed.emit, change), delivered))
    window.filter_edit.setFocus()
    for n, char in enumerate(name, 1):
        stall = monitor.worst_ms(partial(key_in, window.filter_edit, char))
        row(f"search, keystroke {n} ({name[:n]!r})", stall)
    for _ in name:
        QTest.keyClick(window.filter_edit, Qt.Key.Key_Backspace)

    dialog: list[Any] = []
    monitor.worst_ms(open_chart)  # Export PDF… is for the open chart's patient

    def open_export() -> None:  # as Patient ▸ Export PDF… does (its module imported on first use)
        opened = window.practice.export_pdf()
        assert opened is not None, "no chart open to export"
        dialog.append(opened)

    row("the export dialog's preview", monitor.worst_ms(open_export, lambda: bool(dialog) and not dialog[0].pending))
    dialog[0].close()
    window.close()
    QApplication.processEvents()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__)
    parser.add_argument("--patients", type=int, default=5000)
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=REPO / "bench.json")
    parser.add_argument(
        "--clinic-sessions",
        type=int,
        default=CLINIC_SESSIONS,
        metavar="N",
        help=f"the clinic server's sessions, of every practitioner (default {CLINIC_SESSIONS:,})",
    )
    parser.add_argument(
        "--clinic-practitioners",
        type=int,
        default=CLINIC_PRACTITIONERS,
        metavar="N",
        help=f"the clinic's practitioners, the measured one among them (default {CLINIC_PRACTITIONERS})",
    )
    parser.add_argument(
        "--only",
        default=",".join(GROUPS),
        help=f"a comma-separated list of the groups to run, of: {', '.join(GROUPS)} (all by default)",
    )
    parser.add_argument("--stalls-of", nargs=3, metavar=("DB", "PATIENT_ID", "NAME"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stalls_of:  # the stall rows, in a process of their own (``stall_rows_in_a_new_process``)
        db, patient_id, name = args.stalls_of
        services = Services.open(db)
        for result in stall_rows(services, int(patient_id), name):
            print(json.dumps(result.row(), ensure_ascii=False))
        services.close()
        return 0
    only = frozenset(g.strip() for g in args.only.split(",") if g.strip())
    if unknown := only - set(GROUPS):
        parser.error(f"--only: no such group {', '.join(sorted(unknown))} (the groups: {', '.join(GROUPS)})")
    try:
        clinic_people(args.clinic_practitioners)
    except ValueError as exc:
        parser.error(f"--clinic-practitioners: {exc}")
    with tempfile.TemporaryDirectory(prefix="cst-bench-") as folder:
        results = bench(
            args.patients,
            args.sessions,
            args.runs,
            Path(folder),
            only,
            clinic_practitioners=args.clinic_practitioners,
            clinic_sessions=args.clinic_sessions,
        )
    args.out.write_text("".join(json.dumps(r.row(), ensure_ascii=False) + "\n" for r in results), encoding="utf-8")
    width = max(len(r.metric) for r in results)
    print(f"{'metric':<{width}}  {'value':>10}  {'baseline':>10}  {'ratio':>6}  target          ok")
    for r in results:
        row = r.row()
        baseline = "" if r.baseline is None else f"{r.baseline:10.3f}"
        ratio = "" if r.ratio is None else f"{r.ratio:6.2f}"
        ok = {True: "yes", False: "NO", None: "-"}[r.ok]
        print(
            f"{r.metric:<{width}}  {r.value:10.3f}  {baseline:>10}  {ratio:>6}  {row['target']!s:<14}  {ok}  {r.unit}"
        )
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
