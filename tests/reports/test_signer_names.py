"""A record already holding an over-long signer name (stored before names were checked) still
prints: the name is shortened on the page, and the record keeps it in full."""

from __future__ import annotations

import dataclasses
import datetime as dt

from cst_notes.domain.record import PatientRecord
from cst_notes.domain.settings import ClinicSettings
from cst_notes.domain.signing import Addendum
from cst_notes.domain.validation import NAME_MAX
from cst_notes.reports import DocumentOptions, patient_record_pdf

from .conftest import ISSUED, page_texts

NAME = "Ivo Quillfeather " * 60_000  # about 1 MB, as the issue found accepted
SHOWN = NAME[: NAME_MAX - 1].strip()  # then "…"


def test_a_one_megabyte_signer_name_prints_shortened(
    by_script: dict[str, PatientRecord], settings: ClinicSettings
) -> None:
    base = by_script["latin"]
    sessions = list(base.sessions)
    k = next(n for n, s in enumerate(sessions) if s.is_signed)
    addendum = Addendum("Correction.", NAME, sessions[k].started_at + dt.timedelta(days=1), "0" * 64)
    sessions[k] = dataclasses.replace(sessions[k], signed_by=NAME, addenda=(addendum,))
    record = dataclasses.replace(base, sessions=tuple(sessions))
    pdf = patient_record_pdf(record, settings, DocumentOptions(issued_on=ISSUED, timezone=dt.UTC))
    text = " ".join(" ".join(page_texts(pdf)).split())
    assert f"Signed (author) by {SHOWN}… · " in text
    assert f"Addendum (correction) by {SHOWN}… · " in text
    assert "SHA-256 0000000000000000…" in text
    assert text.count("Quillfeather") < 2 * 20  # twice the shortened name, not 90,000 times
    assert record.sessions[k].signed_by == NAME  # kept in full
