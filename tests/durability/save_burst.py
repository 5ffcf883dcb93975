"""Child process for the kill test: save sessions as fast as possible, acknowledging each one
on stdout only after its transaction committed (synchronous=FULL)."""

from __future__ import annotations

import datetime as dt
import sys

from cst_notes.domain.patient import Patient
from cst_notes.domain.session import RhythmFinding, Session, TechniqueApplied
from cst_notes.services import Services
from tests.conftest import complete_intake


def main(path: str) -> None:
    services = Services.open(path)
    summaries = services.patient_summaries()
    if summaries:
        pid = summaries[0].id
    else:
        pid = services.create_patient(Patient("অমিত রায়", dt.date(1980, 1, 1))).patient_id
        services.save_intake(pid, complete_intake(dt.date(2026, 1, 1)))
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    n = 0
    while True:
        session = Session(
            start + dt.timedelta(minutes=n),
            pain_before=n % 11,
            rhythm_findings=(RhythmFinding("occiput", "both", 8.0 + n % 5, 3),),
            techniques=(TechniqueApplied("cv4_still_point"),),
        )
        services.add_session(pid, session)
        print(f"ack {session.uid}", flush=True)
        n += 1


if __name__ == "__main__":
    main(sys.argv[1])
