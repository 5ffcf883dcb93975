"""A realistic, deterministic demo clinic: the same seed and day give the same records.

Names are in Latin, Bengali and Devanagari script; about one patient in seven is a child with
a guardian and a birth history; some intakes screen positive for contraindications; sessions
carry rhythm findings, restrictions and techniques whose severity and pain ease over time. A
child's complaint is a parent's words for a child of that age; an adult gives consent in their own
name; who writes the complaint in Bengali or Hindi has their documents in that language.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import uuid
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from cst_notes.domain import vocabulary as V
from cst_notes.domain.canonical import SALT_BYTES
from cst_notes.domain.intake import (
    BirthHistory,
    ConditionEntry,
    ContraindicationEntry,
    Intake,
    Medication,
    Surgery,
    TraumaEvent,
)
from cst_notes.domain.patient import Guardian, Patient
from cst_notes.domain.plan import FollowUpPlan, Goal, Referral
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import (
    AdverseReaction,
    Restriction,
    RhythmFinding,
    Session,
    SessionEvent,
    TechniqueApplied,
    sealed_private_notes,
)
from cst_notes.domain.settings import ClinicSettings
from cst_notes.domain.signing import SIGNED, sign

LATIN = (
    (
        "Emma",
        "Olivia",
        "Sophie",
        "Hannah",
        "Grace",
        "Maya",
        "Laura",
        "Clara",
        "Noah",
        "Liam",
        "Lucas",
        "Daniel",
        "Samuel",
        "Oliver",
        "Jonas",
        "Mateo",
    ),
    (
        "Fernandes",
        "D'Souza",
        "Smith",
        "Müller",
        "García",
        "Rossi",
        "Kowalski",
        "O'Brien",
        "Martin",
        "Nielsen",
        "Pereira",
        "Brown",
    ),
)
BENGALI = (
    ("অমিত", "সুমিতা", "রাহুল", "প্রিয়াঙ্কা", "অনিন্দিতা", "দেবাশীষ", "শ্রেয়া", "তন্ময়", "ঋতুপর্ণা", "সৌরভ", "ইন্দ্রানী", "অর্ক"),
    ("রায়", "দাস", "চট্টোপাধ্যায়", "বন্দ্যোপাধ্যায়", "সেন", "ঘোষ", "মুখোপাধ্যায়", "বসু", "ভট্টাচার্য", "দত্ত"),
)
DEVANAGARI = (
    ("प्रिया", "अर्जुन", "स्नेहा", "विक्रम", "आदित्य", "कृष्ण", "श्रुति", "दीपक", "अनन्या", "क्षितिज", "ज्योति"),
    ("शर्मा", "वर्मा", "गुप्ता", "मिश्रा", "त्रिपाठी", "श्रीवास्तव", "द्विवेदी", "अग्रवाल", "सिंह"),
)
COMPLAINTS = (
    "Headaches behind my eyes most afternoons, worse when I'm stressed at work.",
    "My lower back has ached for two years, since I lifted a heavy box.",
    "I can't sleep more than four hours; my mind keeps racing.",
    "Since the car accident my neck is stiff and I get dizzy.",
    "Jaw pain and clicking when I chew; my dentist says I grind my teeth.",
    "Constant tiredness and aching all over, diagnosed with fibromyalgia.",
    "Migraines two or three times a month with nausea.",
    "Anxious all the time, tight chest, shallow breathing.",
)
# Some clients put the complaint in their own language and script.
OWN_WORDS = {
    "bengali": ("মাথাব্যথা আর ঘুমের সমস্যা, সারাদিন ক্লান্ত লাগে।", "কোমরে ব্যথা, অনেকক্ষণ বসে থাকলে বাড়ে।"),
    "devanagari": ("सिर में दर्द और गर्दन में जकड़न रहती है।", "नींद नहीं आती और तनाव बहुत रहता है।"),
}
OWN_LANGUAGE = {"bengali": "bn", "devanagari": "hi"}  # a script's document language (DOCUMENT_LANGUAGES)
# A child's complaint is told by a parent, and fits the child's age (below 3, 12, 18): a baby, a
# child at school, a teenager. Each list has four, so that the draw is the same from any of them.
CHILD_COMPLAINTS = (
    (
        3,
        (
            "Our baby prefers turning the head to the right and feeds only on one side.",
            "Colic and reflux since birth; cries after every feed.",
            "Flat spot on the back of the head; the paediatrician suggested therapy.",
            "Sleeps in short stretches and arches the back when held.",
        ),
    ),
    (
        12,
        (
            "Frequent headaches at school and trouble concentrating.",
            "Tummy aches most mornings before school.",
            "Restless sleep and bad dreams since a fall from a bicycle.",
            "Clumsy since a bump to the head in the playground; tires quickly.",
        ),
    ),
    (
        18,
        (
            "Headaches during exams; neck and shoulders tight from studying.",
            "Back pain since a growth spurt; sore after football.",
            "Jaw clicks since the braces came off.",
            "Trouble falling asleep; worried about school.",
        ),
    ),
)
# The conditions a child may have been found to have (the others are an adult's).
CHILD_CONDITIONS = frozenset({"migraine_headache", "sleep_disorder", "stress_anxiety", "chronic_pain_back"})
MEDICATIONS = (
    ("Ibuprofen", "400 mg as needed"),
    ("Sertraline", "50 mg daily"),
    ("Sumatriptan", "50 mg at onset"),
    ("Melatonin", "3 mg at night"),
    ("Paracetamol", "500 mg as needed"),
    ("Levothyroxine", "75 mcg daily"),
)
THERAPISTS = ("Anita Bose", "Rahul Mehta")


def with_letterhead(settings: ClinicSettings) -> ClinicSettings:
    """``settings`` with the demo practice's letterhead (set when the demo is made in a practice without one)."""
    return replace(
        settings,
        clinic_name="Stillpoint Craniosacral Practice",
        address="12 Park Street\nKolkata 700016",
        phone="+91 33 2229 0000",
        email="hello@stillpoint.example",
    )


OVERRIDE_REASON = "Specialist's letter on file: stable, gentle work only; agreed with the client."
ASSESSMENTS = (
    "Restriction easing at the respiratory diaphragm; rhythm more symmetric.",
    "Cranial base still restricted; good response to CV-4.",
    "Improvement in rhythm amplitude; dural tube glides more freely.",
    "Slow progress; consider referral if no change in two sessions.",
)
SUBJECTIVE = (
    "Felt lighter for three days after the last session; headaches less often.",
    "Slept better this week. Some soreness the day after.",
    "Stressful week at work, neck pain back.",
    "Fewer headaches; still tired in the mornings.",
)
HOME_CARE = (
    "Drink water, rest after the session, gentle walks daily.",
    "Breathing exercise twice a day; avoid screens an hour before bed.",
    "Warm compress on the neck in the evening; stretch as shown.",
)


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _name(rng: random.Random) -> str:
    roll = rng.random()
    first, last = LATIN if roll < 0.4 else BENGALI if roll < 0.75 else DEVANAGARI
    return f"{rng.choice(first)} {rng.choice(last)}"


def _script(name: str) -> str:
    if any("\u0980" <= c <= "\u09ff" for c in name):
        return "bengali"
    if any("\u0900" <= c <= "\u097f" for c in name):
        return "devanagari"
    return "latin"


def _complaint(rng: random.Random, age: int | None, script: str) -> str:
    """The complaint, for a child (``age`` in years) in a parent's words for that age."""
    if age is not None:
        return rng.choice(next(told for below, told in CHILD_COMPLAINTS if age < below))
    if script in OWN_WORDS and rng.random() < 0.5:
        return rng.choice(OWN_WORDS[script])
    return rng.choice(COMPLAINTS)


def _long_onset(age: int | None) -> str:
    """The third way a complaint began: a baby's since birth, a child's over the last year."""
    if age is None:
        return "Over several years"
    return "Since birth" if age < 3 else "Over the last year"


def _conditions(rng: random.Random, child: bool) -> tuple[ConditionEntry, ...]:
    """One to three conditions; a child's only of those a child may have (the same draw either way)."""
    codes = rng.sample(_CONDITIONS, rng.randint(1, 3))
    return tuple(ConditionEntry(c) for c in codes if not child or c in CHILD_CONDITIONS)


def _birth_date(rng: random.Random, today: dt.date, child: bool) -> dt.date:
    age_days = rng.randint(60, 17 * 365) if child else rng.randint(19 * 365, 80 * 365)
    return today - dt.timedelta(days=age_days)


_ABSOLUTE = [t.code for t in V.CONTRAINDICATIONS.in_group(V.ABSOLUTE)]
_RELATIVE = [t.code for t in V.CONTRAINDICATIONS.in_group(V.RELATIVE)]
_TEN_STEP = [t.code for t in V.TECHNIQUES.in_group(V.TEN_STEP)]
_OTHER_TECHNIQUES = [t.code for t in V.TECHNIQUES.in_group("other")]
_REGIONS = list(V.REGIONS.codes)
_STATIONS = list(V.STATIONS.codes)
_CONDITIONS = [c for c in V.CONDITIONS.codes if c != "other"]
_QUALITIES = ("strong", "normal", "normal", "weak", "erratic")
_SEVERITY = V.SEVERITIES.codes


def _intake(rng: random.Random, day: dt.date, patient: Patient) -> Intake:
    """The intake of ``patient`` on ``day``; consent given by the patient, or by the guardian of a child."""
    guardian = patient.guardian
    child = guardian is not None
    age = patient.age(day) if child else None
    contra: list[ContraindicationEntry] = []
    roll = rng.random()
    if roll < 0.03:
        contra.append(ContraindicationEntry(rng.choice(_ABSOLUTE), "Reported at intake; GP letter requested."))
    if roll < 0.10:
        contra.append(ContraindicationEntry(rng.choice(_RELATIVE), "Monitor; check at each session."))
    birth = None
    if child:
        birth = BirthHistory(
            labour_hours=round(rng.uniform(3, 30), 1),
            induced=rng.random() < 0.3,
            epidural=rng.random() < 0.4,
            delivery=rng.choice(V.DELIVERY_MODES.codes),
            presentation=rng.choice(V.PRESENTATIONS.codes),
            feeding_latch_difficulty=rng.random() < 0.3,
            feeding_one_sided_preference=rng.random() < 0.3,
            feeding_reflux=rng.random() < 0.3,
            torticollis=rng.random() < 0.2,
            head_asymmetry=rng.random() < 0.2,
        )
    meds = tuple(Medication(*m) for m in rng.sample(MEDICATIONS, rng.randint(0, 2))) if not child else ()
    trauma: tuple[TraumaEvent, ...] = ()
    if rng.random() < 0.4:
        trauma = (
            TraumaEvent(
                rng.choice(V.TRAUMA_KINDS.codes[:-1]),
                "Described at intake.",
                day - dt.timedelta(days=rng.randint(100, 4000)),
            ),
        )
    surgeries = (
        (Surgery("Appendectomy", day - dt.timedelta(days=rng.randint(400, 6000))),) if rng.random() < 0.15 else ()
    )
    complaint = _complaint(rng, age, _script(patient.full_name))
    goal = rng.random() < 0.5
    if child:
        goals = "Settled feeds and sleep." if age is not None and age < 3 else "Feeling well at school and at home."
    else:
        goals = "Fewer headaches and better sleep." if goal else "Less pain in daily life."
    return Intake(
        intake_date=day,
        complaint=complaint,
        goals=goals,
        onset=rng.choice(("Gradual", "Sudden, after an injury", _long_onset(age))),
        duration=f"{rng.randint(2, 10)} years" if not child else f"{rng.randint(2, 11)} months",
        intensity=rng.randint(3, 9),
        frequency=rng.choice(("Daily", "Several times a week", "Weekly")),
        location=rng.choice(("Head and neck", "Lower back", "Jaw", "Whole body")),
        aggravating_factors=rng.choice(("Stress, screens", "Sitting long", "Cold weather")),
        relieving_factors=rng.choice(("Rest", "Warmth", "Walking")),
        prior_treatment=rng.choice(("Physiotherapy", "Painkillers", "None", "Osteopathy")),
        medical_history=rng.choice(("No significant history.", "Mild asthma.", "Hypothyroidism, controlled.")),
        conditions=_conditions(rng, child),
        medications=meds,
        surgeries=surgeries,
        trauma=trauma,
        contraindications=tuple(contra),
        contraindications_screened_on=day,
        birth_history=birth,
        consent_given=True,
        consent_date=day,
        consent_given_by=guardian.name if guardian else patient.full_name,
    )


def _session(rng: random.Random, start: dt.datetime, progress: float, regions: list[str], therapist: str) -> Session:
    pain_before = max(0, min(10, round(7 - 4 * progress + rng.uniform(-1.5, 1.5))))
    pain_after = max(0, pain_before - rng.randint(0, 3))
    findings = []
    for station in rng.sample(_STATIONS, rng.randint(3, 5)):
        rate = round(rng.gauss(9 + 1.5 * progress, 1.6), 1)
        findings.append(
            RhythmFinding(
                station=station,
                side=rng.choice(("left", "right", "both", "both")),
                rate=min(max(rate, 2.0), 20.0),
                amplitude=min(4, max(0, round(2 + 1.5 * progress + rng.uniform(-1, 1)))),
                symmetry=rng.choice(("symmetric", "symmetric", "restricted_left", "restricted_right")),
                quality=rng.choice(_QUALITIES),
                restricted_phase=rng.choice(("none", "none", "flexion", "extension")),
                palpated_by=therapist,
            )
        )
    restrictions = []
    for region in regions[: max(1, round(len(regions) * (1.2 - progress)))]:
        level = min(2, max(0, round(2 - 2 * progress + rng.uniform(-0.6, 0.6))))
        restrictions.append(Restriction(region, rng.choice(V.RESTRICTION_SIDES.codes), _SEVERITY[level]))
    techniques = [TechniqueApplied(t) for t in _TEN_STEP if rng.random() < 0.45]
    if rng.random() < 0.4:
        techniques.append(TechniqueApplied(rng.choice(_OTHER_TECHNIQUES)))
    events: tuple[SessionEvent, ...] = ()
    if rng.random() < 0.5:
        events = (SessionEvent("still_point", rng.randint(5, 50), rng.randint(20, 180), "Deep stillness."),)
    reactions = (AdverseReaction("mild_soreness", "Next day, settled by itself."),) if rng.random() < 0.15 else ()
    return Session(
        started_at=start,
        duration_minutes=rng.choice((60, 60, 60, 75, 90)),
        therapist=therapist,
        consent_renewed=True,
        subjective=rng.choice(SUBJECTIVE),
        objective="Rhythm palpated at the stations listed; restrictions as marked.",
        assessment=rng.choice(ASSESSMENTS),
        plan="Continue as planned.",
        pain_before=pain_before,
        pain_after=pain_after,
        response=rng.choice(("Relaxed, fell asleep briefly.", "Felt warmth in the lower back.", "Calm and settled.")),
        private_notes="Talked about work stress; SER dialogue noted." if rng.random() < 0.2 else "",
        headache_days=max(0, round(8 - 6 * progress + rng.uniform(-2, 2))) if rng.random() < 0.6 else None,
        sleep_quality=min(10, max(0, round(4 + 4 * progress + rng.uniform(-1, 1)))),
        stress_level=min(10, max(0, round(7 - 4 * progress + rng.uniform(-1, 1)))),
        global_impression=max(1, min(7, round(4 - 3 * progress + rng.uniform(-0.7, 0.7)))),
        rhythm_findings=tuple(findings),
        events=events,
        restrictions=tuple(restrictions),
        techniques=tuple(techniques),
        adverse_reactions=reactions,
        uid=_uid(rng),
    )


def _plans(
    rng: random.Random, first: dt.date, last_session: dt.date | None, today: dt.date, patient_uid: str
) -> tuple[FollowUpPlan, ...]:
    goals = (
        Goal("Fewer headaches", "headache days per month below 4", rng.choice(("open", "progressing"))),
        Goal("Better sleep", "sleep quality 7 or more", rng.choice(("open", "progressing", "achieved"))),
    )
    plans = [
        FollowUpPlan(
            created_on=first,
            frequency="weekly",
            frequency_note="weekly for 6 weeks, then fortnightly",
            estimated_sessions=rng.randint(6, 12),
            next_appointment=first + dt.timedelta(days=7),
            review_date=first + dt.timedelta(days=42),
            home_care=rng.choice(HOME_CARE),
            goals=goals,
            referrals=(Referral("gp", "Blood pressure check."),) if rng.random() < 0.2 else (),
        )
    ]
    if last_session is not None and last_session > first + dt.timedelta(days=42):
        review = first + dt.timedelta(days=42)
        plans.append(
            FollowUpPlan(
                created_on=review,
                frequency=rng.choice(("fortnightly", "every_three_weeks", "monthly")),
                estimated_sessions=rng.randint(4, 10),
                next_appointment=today + dt.timedelta(days=rng.randint(1, 21)),
                review_date=today + dt.timedelta(days=rng.randint(-5, 60)),
                home_care=rng.choice(HOME_CARE),
                goals=goals,
            )
        )
    # each plan's uid from its patient's, so that the demo stays the same each time
    plans = [replace(p, uid=str(uuid.uuid5(uuid.UUID(patient_uid), f"plan {n}"))) for n, p in enumerate(plans)]
    return _judged_and_closed(plans, last_session, today)


QUIET_DAYS = 56  # a client not seen for eight weeks: the course of care is closed
GIVE_UP_DAYS = 42  # someone who stopped coming is closed this long after the last session


def _judged_and_closed(
    plans: list[FollowUpPlan], last_session: dt.date | None, today: dt.date
) -> tuple[FollowUpPlan, ...]:
    """The latest plan's goals met are dated on the last session; a client not seen for
    ``QUIET_DAYS`` has the course closed (goals met, discharged after a full course, or stopped
    coming), so that the due list holds the clients still coming. Draws no random numbers: the
    rest of the clinic stays as the seed makes it."""
    latest = plans[-1]
    on = max(latest.created_on, last_session or latest.created_on)
    goals = tuple(replace(g, status_on=on) if g.judged else g for g in latest.goals)
    earlier = [
        replace(p, goals=tuple(replace(g, status="progressing") if g.judged else g for g in p.goals))
        for p in plans[:-1]
    ]
    latest = replace(latest, goals=goals)
    if last_session is not None and (today - last_session).days > QUIET_DAYS:
        if any(g.judged for g in goals):
            latest = replace(latest, closed_on=on, closed_reason="goals_met", closing_note="Discharged: goals met.")
        elif len(plans) > 1:  # a full course, reviewed
            latest = replace(latest, closed_on=on, closed_reason="discharged")
        else:
            gave_up = min(today, last_session + dt.timedelta(days=GIVE_UP_DAYS))
            latest = replace(
                latest, closed_on=gave_up, closed_reason="stopped_coming", closing_note="No reply to two messages."
            )
    if latest.closed_on is not None:  # a closed course's last booked appointment is behind it
        latest = replace(latest, next_appointment=min(latest.next_appointment or on, on))
    elif latest.next_appointment is not None and latest.next_appointment <= today:
        # still coming: the next appointment is ahead, at most three weeks on (the same day each time)
        latest = replace(latest, next_appointment=today + dt.timedelta(days=1 + on.toordinal() % 21))
    return (*earlier, latest)


def _signed(note: Any, patient_uid: str, when: dt.datetime, therapist: str = "") -> Any:
    if isinstance(note, Session):  # a demo's salt is made from the uid, so that the demo stays the same each time
        note = sealed_private_notes(note, hashlib.sha256(f"demo {note.uid}".encode()).hexdigest()[: 2 * SALT_BYTES])
    s = sign(note, patient_uid, therapist or note.therapist, when)
    return replace(
        note,
        status=SIGNED,
        signed_at=s.signed_at,
        signed_by=s.signed_by,
        content_hash=s.content_hash,
        signature_scheme=s.signature_scheme,
        canonical_form=s.canonical_form,
    )


STILL_COMING = 130  # of a draw from 1 to 400: the clients still coming
BATCH = 200  # patients per batch; each batch has its own random stream, so batches can be made in parallel


def _patient_record(rng: random.Random, sessions: int, today: dt.date) -> PatientRecord:
    child = rng.random() < 0.15
    birth = _birth_date(rng, today, child)
    guardian = None
    span_days = sessions * rng.randint(9, 16)
    gap = rng.randint(1, 400)
    # about a third are still coming (their last session recent); the others finished months ago
    still_coming = gap <= STILL_COMING
    first_day = today - dt.timedelta(days=sessions * 12 + gap % 14 if still_coming else span_days + gap)
    first_day = max(first_day, birth + dt.timedelta(days=30))
    if child:
        guardian = Guardian(
            name=_name(rng),
            relation=rng.choice(("mother", "father", "grandparent")),
            phone=f"+91 98{rng.randint(10000000, 99999999)}",
            consent_given=True,
            consent_date=first_day,
        )
    patient = Patient(
        full_name=_name(rng),
        birth_date=birth,
        sex=rng.choice(("female", "female", "male", "male", "unspecified")),
        phone=f"+91 9{rng.randint(100000000, 999999999)}",
        email=f"client{rng.randint(1000, 9999)}@example.org" if rng.random() < 0.6 else "",
        address=rng.choice(("12 Park Street, Kolkata 700016", "45 Lake Road, Kolkata 700029", "8 MG Road, Pune")),
        emergency_contact_name=_name(rng),
        emergency_contact_phone=f"+91 9{rng.randint(100000000, 999999999)}",
        guardian=guardian,
        uid=_uid(rng),
    )
    intake = _intake(rng, first_day, patient)
    # Who wrote their complaint in their own language and script has their documents in it too.
    patient = replace(patient, document_language=OWN_LANGUAGE.get(_script(intake.complaint), patient.document_language))
    override = OVERRIDE_REASON if intake.absolute_contraindications else ""
    regions = rng.sample(_REGIONS, rng.randint(2, 5))
    therapist = rng.choice(THERAPISTS)
    session_list = []
    day = first_day
    for n in range(sessions):
        if day >= today:
            break
        start = dt.datetime(day.year, day.month, day.day, rng.randint(3, 12), rng.choice((0, 30)), tzinfo=dt.UTC)
        session = _session(rng, start, n / max(1, sessions - 1), regions, therapist)
        session_list.append(replace(session, contraindication_override_reason=override) if override else session)
        day += dt.timedelta(days=rng.choice((7, 7, 7, 14, 14, 21)))
    last = session_list[-1].started_at.date() if session_list else None
    # Every note but the latest is signed, as a therapist signs after charting.
    session_list[:-1] = [
        _signed(s, patient.uid, s.started_at + dt.timedelta(minutes=s.duration_minutes + 15)) for s in session_list[:-1]
    ]
    start_of_intake = dt.datetime.combine(first_day, dt.time(12), dt.UTC)
    return PatientRecord(
        patient,
        _signed(intake, patient.uid, start_of_intake, therapist),
        tuple(session_list),
        _plans(rng, first_day, last, today, patient.uid),
    )


def generate_batch(index: int, patients: int, sessions: int, seed: int, today: dt.date) -> list[PatientRecord]:
    """Batch ``index`` of the clinic: the same seed, index and day give the same records."""
    rng = random.Random(f"{seed}/{index}")
    count = max(0, min(BATCH, patients - index * BATCH))
    return [_patient_record(rng, sessions, today) for _ in range(count)]


def generate_clinic(
    patients: int = 40, sessions: int = 12, seed: int = 1, today: dt.date | None = None
) -> Iterator[PatientRecord]:
    """Yield ``patients`` records with ``sessions`` sessions each (none in the future)."""
    day = today or dt.date.today()
    for index in range(-(-patients // BATCH)):
        yield from generate_batch(index, patients, sessions, seed, day)
