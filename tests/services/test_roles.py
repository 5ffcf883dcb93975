"""Roles enforced by the services, and private notes readable only by their author (issue 15).

Front desk: patients' details, and the session summary of signed sessions; nothing clinical.
Therapist: everything clinical, not the practice's management. A practice without practitioners
is unchanged (the rest of the suite)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cst_notes.domain import keys
from cst_notes.domain.practitioner import Practitioner
from cst_notes.domain.validation import ValidationError
from cst_notes.services import Services
from cst_notes.services.base import NotAllowedError
from tests.services.test_signing import EMMA, SESSION

OWNER, THERAPIST, DESK = "Anita Bose", "রাহুল মেহতা", "Mitali Das"
SECRETS = {OWNER: "owner secret", THERAPIST: "রাহুলের গোপন কথা", DESK: "desk secret"}
PRIVATE = "Rahul's own hunch: unresolved grief"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@dataclasses.dataclass
class Clinic:
    services: Services
    patient_id: int
    signed_id: int  # Rahul's signed session, with his private notes
    draft_id: int  # Rahul's draft session, with his private notes

    def as_(self, name: str) -> Services:
        self.services.sign_in(name, SECRETS[name])
        return self.services


def make_clinic(path: Path) -> Clinic:
    services = Services.open(path)
    services.add_practitioner(Practitioner(OWNER, "owner", "RCST"), SECRETS[OWNER])
    services.sign_in(OWNER, SECRETS[OWNER])
    services.add_practitioner(Practitioner(THERAPIST, "therapist"), SECRETS[THERAPIST])
    services.add_practitioner(Practitioner(DESK, "front_desk"), SECRETS[DESK])
    services.sign_in(THERAPIST, SECRETS[THERAPIST])
    pid = services.create_patient(EMMA).patient_id
    mine = dataclasses.replace(SESSION, therapist=THERAPIST, private_notes=PRIVATE, subjective="neck stiff")
    signed = services.add_session(pid, mine).session_id
    services.sign_session(signed, THERAPIST, passphrase=SECRETS[THERAPIST])
    later = dataclasses.replace(mine, started_at=SESSION.started_at + dt.timedelta(days=7), uid=str(uuid.uuid4()))
    draft = services.add_session(pid, later).session_id
    services.sign_out()
    return Clinic(services, pid, signed, draft)


@pytest.fixture
def clinic(tmp_path: Path) -> Iterator[Clinic]:
    made = make_clinic(tmp_path / "clinic.sqlite")
    yield made
    made.services.close()


def clinical_reads(c: Clinic) -> dict[str, Callable[[Services], Any]]:
    return {
        "intake": lambda s: s.intake(c.patient_id),
        "sessions": lambda s: s.sessions(c.patient_id),
        "session": lambda s: s.session(c.signed_id),
        "plans": lambda s: s.plans(c.patient_id),
        "record": lambda s: s.record(c.patient_id),
        "screening": lambda s: s.screening(c.patient_id),
        "history": lambda s: s.history(c.patient_id),
        "to_sign": lambda s: s.to_sign(),
        "session_start_check": lambda s: s.session_start_check(c.patient_id),
    }


@pytest.mark.parametrize(
    "read",
    ["intake", "sessions", "session", "plans", "record", "screening", "history", "to_sign", "session_start_check"],
)
def test_the_front_desk_cannot_read_clinical_notes(clinic: Clinic, read: str) -> None:
    services = clinic.as_(DESK)
    with pytest.raises(NotAllowedError, match="the front desk role may not read clinical notes"):
        clinical_reads(clinic)[read](services)


def test_the_front_desk_cannot_write_sign_or_export_clinical_notes(clinic: Clinic, tmp_path: Path) -> None:
    services = clinic.as_(DESK)
    with pytest.raises(NotAllowedError, match="may not write clinical notes"):
        services.add_session(clinic.patient_id, SESSION)
    with pytest.raises(NotAllowedError, match="may not write clinical notes"):
        services.update_session(dataclasses.replace(SESSION, id=clinic.draft_id, subjective="changed"))
    with pytest.raises(NotAllowedError, match="may not sign notes"):
        services.sign_session(clinic.draft_id, DESK, passphrase=SECRETS[DESK])
    with pytest.raises(NotAllowedError, match="may not export records"):
        services.export_document(clinic.patient_id)
    with pytest.raises(NotAllowedError, match="may not export records"):
        services.patient_copy(clinic.patient_id, tmp_path)
    clinic.as_(THERAPIST)
    assert services.session(clinic.draft_id).subjective == "neck stiff"  # nothing changed


def test_the_front_desk_sees_and_edits_the_patients_details(clinic: Clinic) -> None:
    services = clinic.as_(DESK)
    patient = services.patient(clinic.patient_id)
    services.update_patient(dataclasses.replace(patient, phone="+44 20 7946 0000"))
    assert services.patient(clinic.patient_id).phone == "+44 20 7946 0000"
    assert [s.full_name for s in services.patient_summaries()] == [EMMA.full_name]
    assert services.create_patient(dataclasses.replace(EMMA, full_name="Ola Nowak", uid="")).patient_id


def test_the_front_desk_finds_patients_by_name_not_by_their_notes(clinic: Clinic) -> None:
    services = clinic.as_(DESK)
    assert services.search("neck") == []  # only in a session's notes
    (found,) = services.search("Emma")
    assert found.patient_id == clinic.patient_id
    assert found.notes == ()  # no snippet of clinical text
    clinic.as_(THERAPIST)
    assert [r.patient_id for r in services.search("neck")] == [clinic.patient_id]


def test_the_front_desk_prints_the_summary_of_signed_sessions_only(clinic: Clinic) -> None:
    services = clinic.as_(DESK)
    (signed,) = services.signed_sessions(clinic.patient_id)
    assert (signed.id, signed.signed_by) == (clinic.signed_id, THERAPIST)
    assert services.session_summary_pdf(clinic.signed_id).startswith(b"%PDF")
    with pytest.raises(NotAllowedError, match="not signed"):
        services.session_summary_pdf(clinic.draft_id)


def test_a_therapist_does_everything_clinical_but_not_manage_the_practice(clinic: Clinic) -> None:
    services = clinic.as_(THERAPIST)
    assert services.record(clinic.patient_id).sessions
    with pytest.raises(NotAllowedError, match="the therapist role may not manage the practice"):
        services.save_settings(dataclasses.replace(services.settings(), clinic_name="Mine now"))
    with pytest.raises(NotAllowedError, match="may not manage the practice"):
        services.add_practitioner(Practitioner("Someone New", "therapist"), "x")
    with pytest.raises(NotAllowedError, match="may not manage the practice"):
        services.disable_practitioner(OWNER)
    with pytest.raises(NotAllowedError, match="may not manage the practice"):
        services.set_passphrase(OWNER, SECRETS[OWNER], "taken over")
    with pytest.raises(NotAllowedError, match="may not manage the practice"):
        services.back_up_now()
    services.set_passphrase(THERAPIST, SECRETS[THERAPIST], "my new one")  # their own: allowed
    assert services.sign_in(THERAPIST, "my new one").name == THERAPIST
    assert services.practitioner(OWNER).active
    assert services.settings().clinic_name != "Mine now"


def test_with_practitioners_no_one_signed_in_may_do_nothing(clinic: Clinic) -> None:
    services = clinic.services
    for attempt in (
        lambda: services.patient_summaries(),
        lambda: services.patient(clinic.patient_id),
        lambda: services.session(clinic.signed_id),
        lambda: services.create_patient(EMMA),
    ):
        with pytest.raises(NotAllowedError, match="sign in first"):
            attempt()
    clinic.as_(OWNER)
    services.lock()
    with pytest.raises(NotAllowedError, match="sign in first"):
        services.record(clinic.patient_id)


# --- private notes ------------------------------------------------------------------------------


def test_private_notes_are_read_by_their_author_only(clinic: Clinic) -> None:
    services = clinic.as_(THERAPIST)
    assert services.session(clinic.signed_id).private_notes == PRIVATE
    services = clinic.as_(OWNER)
    assert services.session(clinic.signed_id).private_notes == ""
    assert {s.private_notes for s in services.sessions(clinic.patient_id)} == {""}
    assert {s.private_notes for s in services.record(clinic.patient_id).sessions} == {""}
    assert "grief" not in str(services.export_document(clinic.patient_id))
    assert services.search("grief") == []
    assert "grief" not in str(services.history(clinic.patient_id))  # nor in the history of changes
    services = clinic.as_(THERAPIST)
    assert "grief" in str(services.history(clinic.patient_id))


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_a_patient_copy_by_another_practitioner_leaves_the_private_notes_out(clinic: Clinic, tmp_path: Path) -> None:
    services = clinic.as_(OWNER)
    (tmp_path / "owner").mkdir()
    pdf, document = services.patient_copy(clinic.patient_id, tmp_path / "owner", include_private_notes=True)
    assert "grief" not in _pdf_text(pdf).replace("\n", " ")
    assert "grief" not in document.read_text(encoding="utf-8")
    services = clinic.as_(THERAPIST)  # the author's own copy has them
    (tmp_path / "author").mkdir()
    pdf, _ = services.patient_copy(clinic.patient_id, tmp_path / "author", include_private_notes=True)
    assert "grief" in _pdf_text(pdf).replace("\n", " ")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=st.text(max_size=40))
def test_saving_another_practitioners_session_keeps_their_private_notes(tmp_path: Path, typed: str) -> None:
    clinic = make_clinic(tmp_path / f"{uuid.uuid4()}.sqlite")
    try:
        services = clinic.as_(OWNER)
        shown = services.session(clinic.draft_id)
        services.update_session(dataclasses.replace(shown, private_notes=typed, subjective="owner's edit"))
        services = clinic.as_(THERAPIST)
        stored = services.session(clinic.draft_id)
        assert (stored.subjective, stored.private_notes) == ("owner's edit", PRIVATE)
    finally:
        clinic.services.close()


def test_another_practitioner_cannot_take_over_a_session_holding_private_notes(clinic: Clinic) -> None:
    services = clinic.as_(OWNER)
    shown = services.session(clinic.draft_id)
    with pytest.raises(ValidationError) as refused:
        services.update_session(dataclasses.replace(shown, therapist=OWNER))
    assert refused.value.errors[0].field == "therapist"
    assert services.session(clinic.draft_id).private_notes == ""  # still not hers to read
    assert clinic.as_(THERAPIST).session(clinic.draft_id).therapist == THERAPIST


# --- signing as the signed-in practitioner --------------------------------------------------------


def test_a_signed_in_practitioner_signs_as_themselves_only(clinic: Clinic) -> None:
    services = clinic.as_(OWNER)
    with pytest.raises(ValidationError) as refused:
        services.sign_session(clinic.draft_id, THERAPIST, passphrase=SECRETS[THERAPIST])
    assert refused.value.errors[0].field == "signed_by"
    assert OWNER in refused.value.errors[0].message
    services = clinic.as_(THERAPIST)
    assert not services.session(clinic.draft_id).is_signed
    with pytest.raises(ValidationError) as refused:
        services.add_session_addendum(clinic.signed_id, "Pain returned next day.", OWNER, passphrase=SECRETS[OWNER])
    assert refused.value.errors[0].field == "author"
    services.sign_session(clinic.draft_id, THERAPIST, passphrase=SECRETS[THERAPIST])
    assert services.session(clinic.draft_id).signed_by == THERAPIST
