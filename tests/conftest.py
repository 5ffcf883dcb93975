"""Shared fixtures. Qt runs offscreen: no display is needed."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import gc
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from cst_notes.domain.intake import Intake
from cst_notes.services import Services
from tests import connections

connections.start_tracking()


def _a_zone_far_from_midnight() -> str:
    """The time zone the suite runs in: UTC, or India's (UTC+05:30) from 23:00 to 01:00 UTC. The
    tests take today's date, and so does the app they drive, each when it needs it: a run that
    crossed midnight compared one day with the next (13 tests failed so, in a run from 23:50 UTC).
    Either way a run has over an hour before the date changes; and the suite runs in the
    zone of the first clinic, in Kolkata, whose evening sessions are another UTC day."""
    return "IST-5:30" if dt.datetime.now(dt.UTC).hour in (23, 0) else "UTC0"


os.environ["TZ"] = _a_zone_far_from_midnight()  # before any test module takes a date
time.tzset()

# No per-example deadline: how long an example takes depends on the machine's load (CI shares two
# cores), and speed is the benchmark's business (`make bench`), not a test's.
settings.register_profile("cst-notes", deadline=None)
settings.load_profile("cst-notes")


@pytest.fixture(autouse=True)
def every_connection_closed() -> Iterator[None]:
    """A test that leaves an SQLite connection to the garbage collector fails, naming where it
    was opened (Python 3.13 warns of it, at whichever test the collector happens to run in)."""
    yield
    gc.collect(1)  # the young objects: this test's, cheaply
    if connections.left_open:
        places, connections.left_open[:] = sorted(set(connections.left_open)), []
        pytest.fail("SQLite connections left open, opened at: " + "; ".join(places), pytrace=False)


@pytest.fixture
def services() -> Iterator[Services]:
    """A fresh in-memory database behind the services."""
    s = Services.open(":memory:")
    yield s
    s.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "clinic.sqlite"


@pytest.fixture
def file_services(db_path: Path) -> Iterator[Services]:
    """Services on a database file in a temporary folder."""
    s = Services.open(db_path)
    yield s
    s.close()


@pytest.fixture(scope="session")
def qapp() -> Any:
    """pytest-qt's application, made as the app makes it: with the input guard installed first."""
    from cst_notes.ui.shell.launch import application

    return application()


@pytest.fixture(autouse=True)
def collected() -> Iterator[None]:
    """Once the application exists, Python's automatic garbage collection is off and the GUI thread
    collects on a timer (``ui.shell.collector``): tests that run no event loop collect after each test."""
    yield
    if not gc.isenabled():
        from cst_notes.ui.shell.collector import collect_if_due

        collect_if_due()


TODAY = dt.date.today()


# The reason a test gives for a session of a client with no intake, screening or consent on record
# (the services refuse such a session without one: cst_notes.domain.session_start).
NO_RECORDS_REASON = "Intake and consent taken on paper at the first visit; entered later"


def complete_intake(day: dt.date) -> Intake:
    """An intake with the contraindication screening done (none found) and consent given on ``day``:
    sessions then start without a reason."""
    return Intake(
        day, contraindications_screened_on=day, consent_given=True, consent_date=day, consent_given_by="client"
    )


@pytest.fixture
def unwritable_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder this process cannot write in: a read-only one, or for root (whom permissions do
    not stop) /sys, which no one can write a file into."""
    if os.name == "posix" and os.geteuid() == 0:
        if not Path("/sys").is_dir():
            pytest.skip("no folder root cannot write in")
        yield Path("/sys")
        return
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    yield folder
    folder.chmod(0o700)


@pytest.fixture
def kolkata_time() -> Iterator[None]:
    """This computer's clock set to India's time (UTC+5:30), as the first clinic's are."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Kolkata"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()
