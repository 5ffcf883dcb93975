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


def test_the_demo_children_and_adults_read_as_who_they_are() -> None:
    """A baby's complaint is a baby's and a teenager's a teenager's; an adult gave consent in their
    own name (never "the client"), a child's guardian for the child; whoever wrote their complaint
    in Bengali or Devanagari has their documents in that language."""
    import datetime as dt

    from cst_notes.demo import generate_clinic

    today = dt.date(2025, 6, 1)
    ages: set[str] = set()
    for record in generate_clinic(patients=200, sessions=2, seed=5, today=today):
        p, intake = record.patient, record.intake
        assert intake is not None
        complaint = intake.complaint.lower()
        if p.guardian is None:
            assert intake.consent_given_by == p.full_name
        else:
            assert intake.consent_given_by == p.guardian.name
            age = p.age(intake.intake_date)
            if age < 3:
                ages.add("baby")
                assert not {"school", "exams"} & set(complaint.split()), (age, complaint)
            elif age >= 12:
                ages.add("teenager")
                assert not {"baby", "feed", "feeds"} & set(complaint.split()), (age, complaint)
                assert "fibromyalgia" not in {c.code for c in intake.conditions}
        if any("\u0980" <= ch <= "\u09ff" for ch in intake.complaint):
            assert p.document_language == "bn"
        elif any("\u0900" <= ch <= "\u097f" for ch in intake.complaint):
            assert p.document_language == "hi"
        else:
            assert p.document_language == "en"
    assert ages == {"baby", "teenager"}
