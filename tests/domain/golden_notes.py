"""Two notes with every field filled, for the golden signature tests: change nothing here.

Their canonical content under form 1 was taken from CST Notes as released (before signature
schemes were recorded); the tests hold those hashes as literals.
"""

from __future__ import annotations

import datetime as dt

from cst_notes.domain.intake import (
    BirthHistory,
    ConditionEntry,
    ContraindicationEntry,
    Intake,
    Medication,
    Surgery,
    TraumaEvent,
)
from cst_notes.domain.session import (
    AdverseReaction,
    Restriction,
    RhythmFinding,
    Session,
    SessionEvent,
    TechniqueApplied,
)

IST = dt.timezone(dt.timedelta(hours=5, minutes=30))
SESSION = Session(
    dt.datetime(2026, 3, 2, 15, 0, tzinfo=IST),
    duration_minutes=55,
    therapist="Anita Bose",
    consent_renewed=True,
    subjective="মাথাব্যথা কম",
    objective="Restricted occiput",
    assessment="Improving",
    plan="Weekly",
    pain_before=6,
    pain_after=3,
    response="Relaxed",
    private_notes="SER: spoke of the fall",
    contraindication_override_reason="",
    headache_days=4,
    sleep_quality=7,
    stress_level=5,
    global_impression=6,
    rhythm_findings=(
        RhythmFinding("occiput", "both", 8.5, 3, "restricted_left", "weak", "extension", "Anita Bose", "slow"),
    ),
    events=(SessionEvent("still_point", 12, 90, "long"),),
    restrictions=(Restriction("diaphragm.respiratory", "midline", "moderate", "tight"),),
    techniques=(TechniqueApplied("cv4_still_point", "twice"),),
    adverse_reactions=(AdverseReaction("headache", "mild"),),
    uid="6f1c2a3b-0000-4000-8000-000000000001",
)
INTAKE = Intake(
    dt.date(2026, 1, 5),
    complaint="Headaches",
    goals="Sleep",
    onset="2024",
    duration="2 years",
    intensity=7,
    frequency="daily",
    location="temples",
    aggravating_factors="screens",
    relieving_factors="rest",
    prior_treatment="physio",
    medical_history="none",
    pregnant=False,
    pregnancy_note="",
    conditions=(ConditionEntry("migraine_headache", "with aura"),),
    medications=(Medication("Ibuprofen", "200 mg"),),
    surgeries=(Surgery("Appendix", dt.date(2010, 6, 1)),),
    trauma=(TraumaEvent("fall", "stairs", dt.date(2015, 2, 3)),),
    contraindications=(ContraindicationEntry("epilepsy", "controlled"),),
    contraindications_screened_on=dt.date(2026, 1, 5),
    birth_history=BirthHistory(12.5, True, False, "caesarean", "breech", True, False, True, False, True, False, "ok"),
    consent_given=True,
    consent_date=dt.date(2026, 1, 5),
    consent_given_by="Emma Smith",
)
