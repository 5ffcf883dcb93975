"""Child process for the two-writers test: add patients and change them as fast as possible on a
database another process writes too; print "ok N" or the first error, and exit."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace

from cst_notes.domain.patient import Patient
from cst_notes.services import Services


def main(path: str, name: str, saves: int) -> None:
    services = Services.open(path)
    failed: list[str] = []
    try:
        for n in range(saves):
            try:
                pid = services.create_patient(Patient(f"{name} {n}", dt.date(1980, 1, 1 + n % 28))).patient_id
                patient = services.patient(pid)
                services.update_patient(replace(patient, phone=f"98300 {n:05d}"))
            except Exception as exc:
                failed.append(f"{type(exc).__name__}: {exc}")
    finally:
        services.close()
    print(f"ok {saves - len(failed)}" if not failed else f"failed {len(failed)}: {failed[0]}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
