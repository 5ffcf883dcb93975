"""Hypothesis strategies for valid domain objects, in any script."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from typing import TypeVar

from hypothesis import strategies as st

from cst_notes.domain import vocabulary as V
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
)

T = TypeVar("T")
TODAY = dt.date.today()

# Latin, Bengali, Devanagari and some punctuation; no control characters or lone surrogates.
_ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "M", "N", "P", "Zs"),
)
text = st.text(_ALPHABET, max_size=40)
name = st.builds(lambda a, b: a + b, st.sampled_from(["A", "অ", "प", "z", "7"]), st.text(_ALPHABET, max_size=40))
some_names = st.sampled_from(["Emma Smith", "অমিত রায়", "ঋতুপর্ণা চট্টোপাধ্যায়", "प्रिया शर्मा", "क्षितिज त्रिपाठी"])
past_dates = st.dates(min_value=dt.date(1930, 1, 1), max_value=TODAY)
utc_times = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(TODAY.year, 1, 1), timezones=st.just(dt.UTC)
).map(lambda t: t.replace(microsecond=0))


def codes(vocabulary: V.Vocabulary) -> st.SearchStrategy[str]:
    return st.sampled_from(vocabulary.codes)


def optional_code(vocabulary: V.Vocabulary) -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), codes(vocabulary))


def _unique(
    strategy: st.SearchStrategy[T], key: Callable[[T], Hashable], max_size: int = 4
) -> st.SearchStrategy[tuple[T, ...]]:
    return st.lists(strategy, max_size=max_size, unique_by=key).map(tuple)


guardians = st.builds(
    Guardian,
    name=name,
    relation=codes(V.GUARDIAN_RELATIONS),
    phone=text,
    consent_given=st.just(True),
    consent_date=past_dates,
)


@st.composite
def patients(draw: st.DrawFn) -> Patient:
    birth = draw(st.dates(min_value=dt.date(1920, 1, 1), max_value=TODAY))
    minor = (TODAY.year - birth.year) <= 18
    return Patient(
        full_name=draw(st.one_of(name, some_names)),
        birth_date=birth,
        sex=draw(codes(V.SEXES)),
        preferred_name=draw(text),
        phone=draw(text),
        address=draw(text),
        guardian=draw(guardians) if minor else draw(st.one_of(st.none(), guardians)),
    )


birth_histories = st.builds(
    BirthHistory,
    labour_hours=st.one_of(st.none(), st.floats(0, 96, allow_nan=False)),
    induced=st.booleans(),
    delivery=optional_code(V.DELIVERY_MODES),
    presentation=optional_code(V.PRESENTATIONS),
    feeding_reflux=st.booleans(),
    note=text,
)

intakes = st.builds(
    Intake,
    intake_date=past_dates,
    complaint=text,
    goals=text,
    intensity=st.one_of(st.none(), st.integers(0, 10)),
    pregnant=st.booleans(),
    conditions=_unique(st.builds(ConditionEntry, codes(V.CONDITIONS), text), lambda c: c.code),
    medications=_unique(st.builds(Medication, name, text), lambda m: m),
    surgeries=_unique(st.builds(Surgery, name, st.one_of(st.none(), past_dates)), lambda s: s),
    trauma=_unique(st.builds(TraumaEvent, codes(V.TRAUMA_KINDS), text, st.one_of(st.none(), past_dates)), lambda t: t),
    contraindications=_unique(st.builds(ContraindicationEntry, codes(V.CONTRAINDICATIONS), text), lambda c: c.code),
    contraindications_screened_on=st.one_of(st.none(), past_dates),
    birth_history=st.one_of(st.none(), birth_histories),
    consent_given=st.just(True),
    consent_date=past_dates,
    consent_given_by=name,
)

rhythm_findings = st.builds(
    RhythmFinding,
    station=codes(V.STATIONS),
    side=codes(V.STATION_SIDES),
    rate=st.one_of(st.none(), st.floats(V.RATE_ACCEPT_MIN, V.RATE_ACCEPT_MAX, allow_nan=False)),
    amplitude=st.one_of(st.none(), st.integers(V.AMPLITUDE_MIN, V.AMPLITUDE_MAX)),
    symmetry=optional_code(V.SYMMETRIES),
    quality=optional_code(V.QUALITIES),
    restricted_phase=optional_code(V.RESTRICTED_PHASES),
    palpated_by=text,
    note=text,
)

sessions = st.builds(
    Session,
    started_at=utc_times,
    duration_minutes=st.integers(1, 480),
    consent_renewed=st.booleans(),
    subjective=text,
    assessment=text,
    private_notes=text,
    pain_before=st.one_of(st.none(), st.integers(0, 10)),
    pain_after=st.one_of(st.none(), st.integers(0, 10)),
    global_impression=st.one_of(st.none(), st.integers(1, 7)),
    rhythm_findings=_unique(rhythm_findings, lambda f: (f.station, f.side)),
    events=_unique(
        st.builds(SessionEvent, codes(V.SESSION_EVENT_KINDS), st.integers(0, 480), st.none(), text), lambda e: e
    ),
    restrictions=_unique(
        st.builds(Restriction, codes(V.REGIONS), codes(V.RESTRICTION_SIDES), codes(V.SEVERITIES), text),
        lambda r: r,
    ),
    techniques=_unique(st.builds(TechniqueApplied, codes(V.TECHNIQUES), text), lambda t: t),
    adverse_reactions=_unique(st.builds(AdverseReaction, codes(V.NOTED_AFTER_SESSION), text), lambda a: a),
)

plans = st.builds(
    FollowUpPlan,
    created_on=past_dates,
    frequency=codes(V.FREQUENCIES),
    frequency_note=text,
    estimated_sessions=st.one_of(st.none(), st.integers(1, 200)),
    next_appointment=st.one_of(st.none(), past_dates),
    home_care=text,
    goals=_unique(st.builds(Goal, name, text, codes(V.GOAL_STATUSES)), lambda g: g),
    referrals=_unique(st.builds(Referral, codes(V.REFERRAL_TARGETS), text), lambda r: r),
)

records = st.builds(
    PatientRecord,
    patient=patients(),
    intake=st.one_of(st.none(), intakes),
    sessions=st.lists(sessions, max_size=3).map(tuple),
    follow_up_plans=st.lists(plans, max_size=2).map(tuple),
)
