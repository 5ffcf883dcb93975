"""Killing the app with SIGKILL in the middle of a burst of saves loses nothing it acknowledged."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from cst_notes.services import Services

REPO = Path(__file__).resolve().parents[2]
TRIALS = 30


@dataclass
class Outcome:
    acknowledged: set[str]
    found: set[str]
    check_ok: bool


def kill_during_saves(db: Path, rng: random.Random) -> Outcome:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.durability.save_burst", str(db)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    wanted = rng.randint(1, 60)
    acked: set[str] = set()
    deadline = time.monotonic() + 30
    while len(acked) < wanted and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        acked.add(line.split()[1])
    time.sleep(rng.uniform(0, 0.02))  # land the kill anywhere in the next save
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    acked |= {line.split()[1] for line in child.stdout.read().splitlines() if line.startswith("ack ")}
    child.stdout.close()
    services = Services.open(db, create=False)
    try:
        report = services.check()
        found = {s.uid for p in services.patient_summaries() for s in services.sessions(p.id)}
    finally:
        services.close()
    return Outcome(acked, found, report.ok)


def test_nothing_acknowledged_is_lost_when_killed(tmp_path: Path) -> None:
    rng = random.Random(2026)
    db = tmp_path / "kill.sqlite"
    total_acked: set[str] = set()
    for _ in range(TRIALS):
        outcome = kill_during_saves(db, rng)
        total_acked |= outcome.acknowledged
        assert outcome.check_ok
        assert total_acked <= outcome.found, f"lost: {total_acked - outcome.found}"
    assert len(total_acked) >= TRIALS
