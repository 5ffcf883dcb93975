"""The vocabularies: one home, stable codes, plain words for patients."""

from __future__ import annotations

from cst_notes.domain import vocabulary as V


def test_every_region_group_of_the_body_map_is_there() -> None:
    assert V.REGIONS.groups == (
        "Cranial bones",
        "Sutures",
        "Membranes",
        "Transverse diaphragms",
        "Spine and dura",
        "Elsewhere",
    )
    assert "diaphragm.respiratory" in V.REGIONS


def test_every_region_and_technique_is_explained_in_plain_words() -> None:
    for vocabulary in (V.REGIONS, V.TECHNIQUES):
        for term in vocabulary:
            assert term.plain, term.code


def test_the_ten_step_protocol_starts_with_cv4_and_keeps_its_order() -> None:
    steps = [t.code for t in V.TECHNIQUES.in_group(V.TEN_STEP)]
    assert steps[0] == "cv4_still_point"
    assert steps.index("pelvic_diaphragm_release") < steps.index("respiratory_diaphragm_release")


def test_the_ten_step_protocol_has_ten_steps_that_hold_its_techniques_in_order() -> None:
    assert [step.number for step in V.TEN_STEP_PROTOCOL] == list(range(1, 11))
    held = [code for step in V.TEN_STEP_PROTOCOL for code in step.techniques]
    assert held == [t.code for t in V.TECHNIQUES.in_group(V.TEN_STEP)]
    diaphragms = V.TEN_STEP_PROTOCOL[1]
    assert diaphragms.techniques == (
        "pelvic_diaphragm_release",
        "respiratory_diaphragm_release",
        "thoracic_inlet_release",
        "hyoid_release",
    )
    assert V.protocol_step("hyoid_release") is diaphragms
    assert V.protocol_step("tmj_compression_decompression") is V.TEN_STEP_PROTOCOL[-1]
    assert V.protocol_step("arcing") is None  # the other techniques are not steps


def test_contraindications_are_absolute_or_relative() -> None:
    assert set(V.CONTRAINDICATIONS.groups) == {V.ABSOLUTE, V.RELATIVE}
    assert V.CONTRAINDICATIONS.term("cerebral_aneurysm").group == V.ABSOLUTE
    assert V.CONTRAINDICATIONS.term("epilepsy").group == V.RELATIVE


def test_labels_are_looked_up_and_unknown_codes_shown_as_they_are() -> None:
    assert V.SEVERITIES.label("moderate") == "Moderate"
    assert V.SEVERITIES.label("gone") == "gone"
    assert V.FREQUENCIES.term("monthly").days == 28


def test_birth_history_findings_name_the_fields_of_the_birth_history() -> None:
    import dataclasses

    from cst_notes.domain.intake import BirthHistory

    flags = {f.name for f in dataclasses.fields(BirthHistory) if f.type in ("bool", bool)}
    assert set(V.BIRTH_HISTORY_FINDINGS.codes) == flags


def test_emotional_release_is_a_response_not_an_adverse_reaction() -> None:
    assert "emotional_release" not in V.ADVERSE_REACTIONS
    assert V.SESSION_RESPONSES.label("emotional_release") == "Emotional release"
    # a session stored when it was listed with the adverse reactions still reads it
    assert set(V.NOTED_AFTER_SESSION.codes) == set(V.ADVERSE_REACTIONS.codes) | set(V.SESSION_RESPONSES.codes)
