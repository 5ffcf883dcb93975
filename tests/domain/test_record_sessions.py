"""A record with some sessions read afresh (after a save): in place, in stored order, own techniques kept."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from cst_notes.domain.patient import Patient
from cst_notes.domain.record import PatientRecord
from cst_notes.domain.session import OwnTechnique, Session, TechniqueApplied

DAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
OWN = OwnTechnique("custom.ear-pull", "Ear pull")


def record() -> PatientRecord:
    sessions = (
        Session(DAY, id=1, pain_before=5),
        Session(DAY + dt.timedelta(days=7), id=2, techniques=(TechniqueApplied(OWN.code),)),
    )
    return PatientRecord(Patient("Ada Lind", dt.date(1980, 1, 1), id=7), sessions=sessions, own_techniques=(OWN,))


def test_a_changed_session_takes_its_place_and_a_new_one_joins_in_start_order() -> None:
    before = record()
    changed = replace(before.sessions[0], pain_before=2)
    earlier = Session(DAY - dt.timedelta(days=7), id=3)  # a new session dated before the others
    after = before.with_sessions([changed, earlier])
    assert after is not None
    assert [(s.id, s.pain_before) for s in after.sessions] == [(3, None), (1, 2), (2, None)]
    assert after.own_techniques == (OWN,)  # still used by session 2
    assert (after.patient, after.follow_up_plans) == (before.patient, before.follow_up_plans)


def test_an_own_technique_no_longer_used_is_dropped_and_an_unknown_one_asks_for_the_whole_record() -> None:
    before = record()
    after = before.with_sessions([replace(before.sessions[1], techniques=())])
    assert after is not None
    assert after.own_techniques == ()
    unknown = replace(before.sessions[0], techniques=(TechniqueApplied("custom.new-hold"),))
    assert before.with_sessions([unknown]) is None
