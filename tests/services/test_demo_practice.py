"""The demo practice looks like a real one: a letterhead, and next appointments where they belong."""

from __future__ import annotations

from cst_notes.domain.plan import current_plan
from cst_notes.domain.settings import ClinicSettings
from cst_notes.services import Services


def test_the_demo_practice_has_a_letterhead(services: Services) -> None:
    assert not services.settings().has_letterhead
    services.create_demo_clinic(3, 2)
    s = services.settings()
    assert s.clinic_name == "Stillpoint Craniosacral Practice"
    assert s.address == "12 Park Street\nKolkata 700016"
    assert s.phone == "+91 33 2229 0000"
    assert s.has_letterhead


def test_a_practice_with_its_own_letterhead_keeps_it(services: Services) -> None:
    own = ClinicSettings(clinic_name="Lake Road Clinic", phone="+91 33 4000 1234", therapist_name="Mira Das")
    services.save_settings(own)
    services.create_demo_clinic(3, 2)
    assert services.settings() == own


def test_the_demo_next_appointments_lie_ahead_and_older_ones_behind(services: Services) -> None:
    services.create_demo_clinic(40, 12, seed=2)
    today = services.today()
    ahead = behind = 0
    for summary in services.patient_summaries():
        plans = services.record(summary.id).follow_up_plans
        current = current_plan(plans)
        for plan in plans:
            if plan.next_appointment is None:
                continue
            if plan is current:
                assert plan.next_appointment > today, plan
                ahead += 1
            else:
                assert plan.next_appointment <= today, plan
                behind += 1
    assert ahead  # clients still coming
    assert behind  # and courses that ended, or plans reviewed since
