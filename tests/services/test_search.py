"""Search over names and notes: any script, inside words, exact names first, never a syntax error."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cst_notes.domain.intake import Intake
from cst_notes.domain.patient import Patient
from cst_notes.domain.search import MARK_END, MARK_START, NAME_EXACT, NAME_PREFIX, PatientMatches
from cst_notes.services import Services
from tests.conftest import NO_RECORDS_REASON

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def clinic(services: Services) -> dict[str, int]:
    from cst_notes.domain.session import Session

    ids = {}
    for name in ("অমিত রায়", "অমিতাভ দাস", "प्रिया शर्मा", "Emma Smith", "Emmanuel Brown", "Élodie Dubois"):
        ids[name] = services.create_patient(Patient(name, dt.date(1980, 1, 1))).patient_id
    services.save_intake(ids["অমিত রায়"], Intake(dt.date(2026, 1, 5), complaint="মাথাব্যথা আর ঘুমের সমস্যা"))
    sid = services.add_session(
        ids["प्रिया शर्मा"],
        Session(
            NOW,
            subjective="सिर में दर्द कम हुआ",
            assessment="Jaw tension easing",
            contraindication_override_reason=NO_RECORDS_REASON,
        ),
    ).session_id
    services.add_session(
        ids["Emma Smith"],
        Session(
            NOW,
            subjective='She said "stress at work" again (AND more)',
            contraindication_override_reason=NO_RECORDS_REASON,
        ),
    )
    services.sign_session(sid, "Anita Bose")
    services.add_session_addendum(sid, "Also reports tinnitus.", "Anita Bose")
    ids["priya_session"] = sid
    return ids


def names(results: list[PatientMatches]) -> list[str]:
    return [r.full_name for r in results]


def test_names_are_found_by_prefix_in_every_script(services: Services, clinic: dict[str, int]) -> None:
    assert set(names(services.search("অমি"))) == {"অমিত রায়", "অমিতাভ দাস"}
    assert names(services.search("प्रि")) == ["प्रिया शर्मा"]
    assert set(names(services.search("emm"))) == {"Emma Smith", "Emmanuel Brown"}
    assert names(services.search("elodie")) == ["Élodie Dubois"]


def test_an_exact_name_match_ranks_first(services: Services, clinic: dict[str, int]) -> None:
    results = services.search("অমিত রায়")
    assert results[0].full_name == "অমিত রায়"
    assert results[0].name_match == NAME_EXACT
    emma = services.search("Emma")
    assert emma[0].full_name == "Emma Smith"
    assert emma[0].name_match == NAME_PREFIX


def test_words_inside_bengali_words_are_found_with_a_whole_syllable_highlight(
    services: Services, clinic: dict[str, int]
) -> None:
    [result] = services.search("ব্যথা")  # inside মাথাব্যথা
    assert result.full_name == "অমিত রায়"
    [hit] = result.notes
    assert hit.kind == "intake"
    assert f"{MARK_START}ব্যথা{MARK_END}" in hit.snippet


def test_devanagari_and_latin_note_words_lead_to_the_session(services: Services, clinic: dict[str, int]) -> None:
    [result] = services.search("दर्द")
    assert result.notes[0].session_id == clinic["priya_session"]
    assert result.notes[0].when == NOW.date()
    [result] = services.search("jaw tens")
    assert f"{MARK_START}Jaw{MARK_END}" in result.notes[0].snippet


def test_addenda_are_searched_and_open_their_session(services: Services, clinic: dict[str, int]) -> None:
    [result] = services.search("tinnitus")
    assert result.notes[0].kind == "addendum"
    assert result.notes[0].session_id == clinic["priya_session"]


@pytest.mark.parametrize("query", ['"stress', "stress AND", "(work", "NOT", "*", "a OR b", "NEAR(x y)", '"', "-"])
def test_fts_syntax_typed_by_a_user_is_just_text(services: Services, clinic: dict[str, int], query: str) -> None:
    services.search(query)  # never raises


def test_quotes_and_operators_in_notes_are_found_as_words(services: Services, clinic: dict[str, int]) -> None:
    assert names(services.search('"stress at work"')) == ["Emma Smith"]
    assert names(services.search("AND more")) == ["Emma Smith"]


def test_empty_and_punctuation_only_queries_find_nothing(services: Services, clinic: dict[str, int]) -> None:
    assert services.search("") == []
    assert services.search("  ,.;  ") == []


def test_an_edited_draft_is_found_by_its_new_words_only(services: Services, clinic: dict[str, int]) -> None:
    from dataclasses import replace

    [result] = services.search("stress")
    session = services.session(result.notes[0].session_id or 0)
    services.update_session(replace(session, subjective="Calmer week"))
    assert services.search("stress") == []
    assert names(services.search("calmer")) == ["Emma Smith"]


@given(st.text(max_size=30))
@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
def test_any_typed_text_searches_without_error(services: Services, query: str) -> None:
    services.search(query)


def test_a_bulk_import_rebuilds_the_indexes(services: Services) -> None:
    services.create_demo_clinic(60, 40, seed=4)  # 2,400 sessions: indexes rebuilt once at the end
    assert services.search("Stressful week")
    first = services.patient_summaries()[0]
    assert any(r.patient_id == first.id for r in services.search(first.full_name))


def test_zero_width_joiners_stay_part_of_the_word(services: Services) -> None:
    name = "র\u200d্যাব দাস"  # a ZWJ inside a Bengali spelling
    pid = services.create_patient(Patient(name, dt.date(1980, 1, 1))).patient_id
    assert [r.patient_id for r in services.search("র\u200d্যাব")] == [pid]


def test_plans_are_searched_goals_home_care_and_referral_notes(services: Services) -> None:
    from cst_notes.domain.plan import FollowUpPlan, Goal, Referral

    pid = services.create_patient(Patient("Emma Smith", dt.date(1980, 1, 1))).patient_id
    services.add_plan(
        pid,
        FollowUpPlan(
            dt.date(2026, 1, 5),
            home_care="Gentle pendulum swings each morning",
            goals=(Goal("Sleep through the night", "woken at most once"),),
            referrals=(Referral("dentist", "bruxism splint"),),
        ),
    )
    plan_id = services.plans(pid)[0].id
    for word in ("pendulum", "woken", "bruxism"):
        hits = services.search(word)[0].notes
        assert [(h.kind, h.record_id, h.when) for h in hits] == [("plan", plan_id, dt.date(2026, 1, 5))], word


def test_an_edited_plan_is_found_by_its_new_text_only(services: Services) -> None:
    from cst_notes.domain.plan import FollowUpPlan, Goal

    pid = services.create_patient(Patient("Emma Smith", dt.date(1980, 1, 1))).patient_id
    services.add_plan(pid, FollowUpPlan(dt.date(2026, 1, 5), goals=(Goal("Calmer mornings"),)))
    services.update_plan(pid, FollowUpPlan(dt.date(2026, 1, 5), goals=(Goal("Quieter evenings"),)))
    assert (services.search("Calmer"), len(services.search("Quieter"))) == ([], 1)


def test_a_plan_hit_highlights_the_matching_words(services: Services) -> None:
    from cst_notes.domain.plan import FollowUpPlan

    pid = services.create_patient(Patient("অমিত রায়", dt.date(1980, 1, 1))).patient_id
    services.add_plan(pid, FollowUpPlan(dt.date(2026, 1, 5), home_care="প্রতিদিন হাঁটা"))
    assert f"{MARK_START}হাঁটা{MARK_END}" in services.search("হাঁটা")[0].notes[0].snippet


def test_private_notes_are_never_searched(services: Services) -> None:
    from cst_notes.domain.session import Session

    pid = services.create_patient(Patient("Rahel Tesfaye", dt.date(1980, 1, 1))).patient_id
    services.add_session(
        pid,
        Session(
            NOW, private_notes="SER dialogue: the divorce, মাথাব্যথা", contraindication_override_reason=NO_RECORDS_REASON
        ),
    )
    assert services.search("divorce") == []
    assert services.search("ব্যথা") == []  # inside a word: the trigram index, limited the same way


def test_a_snippet_never_comes_from_the_private_notes(services: Services) -> None:
    from cst_notes.domain.session import Session

    pid = services.create_patient(Patient("Rahel Tesfaye", dt.date(1980, 1, 1))).patient_id
    services.add_session(
        pid,
        Session(
            NOW,
            subjective="Jaw tight",
            private_notes="jaw jaw jaw: SER dialogue about the divorce",
            contraindication_override_reason=NO_RECORDS_REASON,
        ),
    )
    [match] = services.search("jaw")
    assert [hit.snippet for hit in match.notes] == [f"{MARK_START}Jaw{MARK_END} tight"]
