"""A patient's signed intake through the clinic server (issue 17): a second therapist who sees the
client gets the intake the first signed (complaint, medications, the contraindication screening)
with its addenda, each signature verified; a draft intake stays on its laptop; an intake changed
on the server is refused with its patient; where a laptop holds another intake of the patient (a
draft, or one signed there), both are kept and the pull says so."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from cst_notes.domain.intake import ContraindicationEntry, Intake, Medication
from cst_notes.domain.patient import Patient
from cst_notes.domain.signing import signature_problems
from cst_notes.services import Services
from cst_notes.services.clinic import sync
from cst_notes.storage import practitioners
from tests.clinic.clinic_data import PASSWORD
from tests.clinic.conftest import EmptyDatabase
from tests.clinic.test_pull import KEY_PASSPHRASE, MEERA, RAHUL

INTAKE = Intake(
    dt.date(2026, 3, 1),
    complaint="মাথাব্যথা, সপ্তাহে দুবার",
    goals="sleep through the night",
    medications=(Medication("ibuprofen", "200 mg"),),
    contraindications=(ContraindicationEntry("cerebral_aneurysm", "suspected, 2025"),),
    consent_given=True,
    consent_date=dt.date(2026, 3, 1),
)


def with_intake(services: Services, name: str, who: str = RAHUL, *, signed: bool = True) -> int:
    pid = services.create_patient(Patient(name, dt.date(1979, 2, 3))).patient_id
    services.save_intake(pid, replace(INTAKE, complaint=f"{INTAKE.complaint} ({who})"))
    if signed:
        services.sign_intake(pid, who, passphrase=KEY_PASSPHRASE)
    return pid


def held_by_uid(services: Services, uid: str) -> int:
    [pid] = [p for p in services.patient_ids() if services.patient(p).uid == uid]
    return pid


def test_meera_gets_the_intake_rahul_signed_verified_with_its_addenda_and_later_ones(
    rahul: Services, meera: Services
) -> None:
    pid = with_intake(rahul, "Lata Roy")
    rahul.add_intake_addendum(pid, "Aneurysm ruled out by MRI, 2026-02.", RAHUL, passphrase=KEY_PASSPHRASE)
    pushed = sync(rahul, PASSWORD).pushed
    assert (pushed.intakes, pushed.addenda) == (1, 1)
    original = rahul.intake(pid)
    assert original is not None

    pulled = sync(meera, PASSWORD, whole_clinic=True).pulled
    assert (pulled.patients, pulled.intakes, pulled.addenda, pulled.refused, pulled.left) == (1, 1, 1, (), ())
    uid = rahul.patient(pid).uid
    held = meera.intake(held_by_uid(meera, uid))
    assert held is not None
    assert held.complaint == "মাথাব্যথা, সপ্তাহে দুবার (Rahul Sen)"
    assert [m.name for m in held.medications] == ["ibuprofen"]
    assert [(c.code, c.note) for c in held.contraindications] == [("cerebral_aneurysm", "suspected, 2025")]
    assert (held.signed_by, held.signed_at, held.content_hash, held.key_id, held.key_signature) == (
        RAHUL,
        original.signed_at,
        original.content_hash,
        original.key_id,
        original.key_signature,
    )
    assert [a.text for a in held.addenda] == ["Aneurysm ruled out by MRI, 2026-02."]
    assert signature_problems(held, "intake", uid, practitioners.keyring(meera._db)) == []
    assert meera.check().problems == ()

    rahul.add_intake_addendum(pid, "Sleeps six hours now.", RAHUL, passphrase=KEY_PASSPHRASE)
    assert sync(rahul, PASSWORD).pushed.addenda == 1
    again = sync(meera, PASSWORD, whole_clinic=True).pulled
    assert (again.intakes, again.addenda) == (0, 1)
    later = meera.intake(held_by_uid(meera, uid))
    assert later is not None
    assert [a.text for a in later.addenda] == ["Aneurysm ruled out by MRI, 2026-02.", "Sleeps six hours now."]
    assert sync(meera, PASSWORD, whole_clinic=True).pulled.total == 0
    assert meera.check().problems == ()


def test_a_draft_intake_stays_on_its_laptop(rahul: Services, server: EmptyDatabase) -> None:
    pid = with_intake(rahul, "Lata Roy", signed=False)
    assert sync(rahul, PASSWORD).pushed.intakes == 0
    with server.superuser() as su:
        assert su.execute("SELECT count(*) FROM clinic.intakes").fetchone() == (0,)
    assert rahul.intake(pid) is not None


def test_an_intake_changed_on_the_server_refuses_its_patient(
    rahul: Services, meera: Services, server: EmptyDatabase
) -> None:
    pid = with_intake(rahul, "Lata Roy")
    sync(rahul, PASSWORD)
    with server.superuser() as su:  # what only someone above every guard could do
        su.execute("ALTER TABLE clinic.intakes DISABLE TRIGGER USER")
        su.execute("UPDATE clinic.intakes SET body = jsonb_set(body, '{contraindications}', '[]')")
        su.execute("ALTER TABLE clinic.intakes ENABLE TRIGGER USER")
    pulled = sync(meera, PASSWORD, whole_clinic=True).pulled
    [refusal] = pulled.refused
    assert refusal.startswith(f"Lata Roy (patient {rahul.patient(pid).uid}): nothing pulled, it does not verify: ")
    assert "the intake of patient" in refusal
    assert meera.patient_ids() == []


@pytest.mark.parametrize("meeras_signed", [False, True])
def test_another_intake_held_here_is_kept_and_the_servers_left_there_said_so(
    rahul: Services, meera: Services, server: EmptyDatabase, meeras_signed: bool
) -> None:
    """Meera pulled the patient before any intake, then wrote one of her own offline while Rahul
    signed his and synced: neither is lost, neither overwrites the other, and her pull says so."""
    pid = rahul.create_patient(Patient("Lata Roy", dt.date(1979, 2, 3))).patient_id
    sync(rahul, PASSWORD)
    sync(meera, PASSWORD, whole_clinic=True)
    uid = rahul.patient(pid).uid
    hers = held_by_uid(meera, uid)
    meera.save_intake(hers, replace(INTAKE, complaint="her own words"))
    if meeras_signed:
        meera.sign_intake(hers, MEERA, passphrase=KEY_PASSPHRASE)
        meera.add_intake_addendum(hers, "Seen alone.", MEERA, passphrase=KEY_PASSPHRASE)
    rahul.save_intake(pid, INTAKE)
    rahul.sign_intake(pid, RAHUL, passphrase=KEY_PASSPHRASE)
    sync(rahul, PASSWORD)

    synced = sync(meera, PASSWORD, whole_clinic=True)
    assert synced.pushed.intakes == 0  # the server keeps the first signed intake
    assert synced.pushed.addenda == 0  # and her addendum is not filed under his intake
    [left] = synced.pulled.left
    held = "the intake Meera Das signed here" if meeras_signed else "a draft intake"
    assert left == (
        f"Lata Roy's intake signed by {RAHUL} was not taken, as this laptop holds {held}; both are kept: "
        "compare them, and correct what differs by an addendum"
    )
    kept = meera.intake(hers)
    assert kept is not None
    assert (kept.complaint, kept.is_signed) == ("her own words", meeras_signed)
    with server.superuser() as su:
        assert su.execute("SELECT body->>'complaint' FROM clinic.intakes").fetchall() == [(INTAKE.complaint,)]
        assert su.execute("SELECT count(*) FROM clinic.addenda WHERE note_kind = 'intake'").fetchone() == (0,)
    assert synced.pulled.refused == ()
