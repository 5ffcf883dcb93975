"""Signatures: frozen canonical forms pinned by literal hashes, schemes that bind who, when and what,
and signer names that a PDF can print."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cst_notes.domain.canonical import CURRENT_FORM, FORMS, canonical_content
from cst_notes.domain.intake import Intake
from cst_notes.domain.session import Session, sealed_private_notes, without_private_notes
from cst_notes.domain.signing import (
    CURRENT_SCHEME,
    SIGNED,
    Addendum,
    addendum_hash,
    content_hash,
    sign,
    signature_message,
    signature_problems,
    signer_name_errors,
    signer_shown,
)
from cst_notes.domain.validation import NAME_MAX
from tests.domain.golden_notes import INTAKE, SESSION

PATIENT = "0e1d2c3b-aaaa-4bbb-8ccc-000000000042"
# Form 1 as CST Notes computed it before signature schemes were recorded (every signature made
# until then is of this form): these literals must never change.
SESSION_FORM_1 = "f3ef27d9b570cde5881da8932fd57c68434dc55212670d6b73788d594d6ad818"
INTAKE_FORM_1 = "d6a050cf24bb76f9cc9a63951d118a251b334a68d8b1784c4dcd4cda3a15b91a"
ADDENDUM_SCHEME_1 = "39cc92572e2ab13131b3c200fac61efcdd6d185722cecc852d57b77975d9191a"
INTAKE_CONTENT_FORM_1 = (
    '{"aggravating_factors":"screens","birth_history":{"delivery":"caesarean","epidural":false,'
    '"feeding_latch_difficulty":true,"feeding_one_sided_preference":true,"feeding_reflux":false,'
    '"feeding_suck_swallow_difficulty":false,"head_asymmetry":false,"induced":true,"labour_hours":12.5,'
    '"note":"ok","presentation":"breech","torticollis":true},"complaint":"Headaches",'
    '"conditions":[{"code":"migraine_headache","note":"with aura"}],"consent_date":"2026-01-05",'
    '"consent_given":true,"consent_given_by":"Emma Smith","contraindications":[{"code":"epilepsy",'
    '"note":"controlled"}],"contraindications_screened_on":"2026-01-05","duration":"2 years",'
    '"frequency":"daily","goals":"Sleep","intake_date":"2026-01-05","intensity":7,"location":"temples",'
    '"medical_history":"none","medications":[{"dose":"200 mg","name":"Ibuprofen"}],"onset":"2024",'
    '"pregnancy_note":"","pregnant":false,"prior_treatment":"physio","relieving_factors":"rest",'
    '"surgeries":[{"description":"Appendix","surgery_date":"2010-06-01"}],"trauma":[{"description":"stairs",'
    '"event_date":"2015-02-03","kind":"fall"}]}'
)
# Scheme 2: the statement signed, byte for byte, and its SHA-256.
SESSION_AT = dt.datetime(2026, 3, 2, 10, 45, tzinfo=dt.UTC)
SESSION_MESSAGE_2 = (
    '{"content":"f3ef27d9b570cde5881da8932fd57c68434dc55212670d6b73788d594d6ad818","form":1,"kind":"session",'
    '"patient":"0e1d2c3b-aaaa-4bbb-8ccc-000000000042","record":"6f1c2a3b-0000-4000-8000-000000000001",'
    '"scheme":2,"signed_at":"2026-03-02T10:45:00Z","signed_by":"Anita Bose"}'
)
SESSION_SCHEME_2 = "fb540c90c385fc65bbdd930549e839e7e445294b79e4133323a9783ae69effe4"
INTAKE_AT = dt.datetime(2026, 1, 5, 12, 0, tzinfo=dt.UTC)
INTAKE_SCHEME_2 = "b0abd7f5cc51ba32c45d76d8228fba06c05ce255e60572a46ebc219121a138d7"
ADDENDUM = Addendum("Pain after was 4, not 3.", "Anita Bose", dt.datetime(2026, 3, 3, 8, 0, tzinfo=dt.UTC))
ADDENDUM_MESSAGE_2 = (
    '{"author":"Anita Bose","created_at":"2026-03-03T08:00:00Z","kind":"addendum",'
    '"note":"fb540c90c385fc65bbdd930549e839e7e445294b79e4133323a9783ae69effe4","scheme":2,'
    '"text":"Pain after was 4, not 3."}'
)
ADDENDUM_SCHEME_2 = "4d58965729eb42d1a6c92c086e1ee8be13e3593506febb560bf567ed9c74951b"


def signed_session(**changes: Any) -> Session:
    note = dataclasses.replace(SESSION, status=SIGNED, signed_at=SESSION_AT, signed_by="Anita Bose")
    note = dataclasses.replace(note, content_hash=SESSION_SCHEME_2, signature_scheme=2, canonical_form=1)
    return dataclasses.replace(note, **changes)


# --- item 4: the canonical forms are frozen -----------------------------------------------------


def test_form_1_is_the_content_every_released_signature_covers() -> None:
    assert content_hash(SESSION, form=1) == SESSION_FORM_1
    assert content_hash(INTAKE, form=1) == INTAKE_FORM_1
    assert canonical_content(INTAKE, 1).decode() == INTAKE_CONTENT_FORM_1
    assert FORMS[1]["Session"][:3] == ("started_at", "duration_minutes", "therapist")


# Form 2 (issue 17): form 1 with a session's private notes covered by SHA-256(salt + text).
SALT = "00112233445566778899aabbccddeeff"
PRIVATE_NOTES_DIGEST = "224cad92be440f88c5d7b4de0674648256c797ab23e44f46d9bd52b3be0d3735"
SESSION_SCHEME_2_FORM_2 = "67706559b4dd27c24ffdca2b2c06e1f920a704eeda2d7be6ca677a5b1db1378a"


def test_form_2_covers_the_private_notes_by_their_salted_digest_and_nothing_else_changes() -> None:
    assert CURRENT_FORM == 2
    assert hashlib.sha256(bytes.fromhex(SALT) + SESSION.private_notes.encode()).hexdigest() == PRIVATE_NOTES_DIGEST
    sealed = sealed_private_notes(SESSION, SALT)
    assert (sealed.private_notes_salt, sealed.private_notes_sha256) == (SALT, PRIVATE_NOTES_DIGEST)
    form_1 = json.loads(canonical_content(SESSION, 1))  # pinned above
    form_1["private_notes_sha256"] = PRIVATE_NOTES_DIGEST
    del form_1["private_notes"]
    expected = json.dumps(form_1, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    assert canonical_content(sealed, 2) == expected
    assert canonical_content(INTAKE, 2).decode() == INTAKE_CONTENT_FORM_1
    assert sealed_private_notes(dataclasses.replace(SESSION, private_notes=""), SALT).private_notes_sha256 == ""


def signed_form_2(**changes: Any) -> Session:
    note = sealed_private_notes(SESSION, SALT)
    signature = sign(note, PATIENT, "Anita Bose", SESSION_AT)
    assert (signature.content_hash, signature.canonical_form) == (SESSION_SCHEME_2_FORM_2, 2)
    note = dataclasses.replace(note, status=SIGNED, signed_at=SESSION_AT, signed_by="Anita Bose")
    note = dataclasses.replace(note, content_hash=signature.content_hash, signature_scheme=2, canonical_form=2)
    return dataclasses.replace(note, **changes)


def test_a_form_2_session_without_its_private_notes_still_verifies() -> None:
    assert signature_problems(signed_form_2(), "session 1", PATIENT) == []
    withheld = without_private_notes(signed_form_2())
    assert (withheld.private_notes, withheld.private_notes_salt) == ("", "")
    assert signature_problems(withheld, "session 1", PATIENT) == []


@pytest.mark.parametrize(
    "change",
    [
        {"private_notes": "SER: spoke of the fall, and the car"},  # the text changed
        {"private_notes_salt": "ff112233445566778899aabbccddeeff"},  # another salt
        {"private_notes_sha256": "0" * 64},  # another digest
        {"private_notes_sha256": "", "private_notes_salt": ""},  # the digest dropped, the text kept
    ],
)
def test_a_form_2_signature_no_longer_matches_when_the_private_notes_change(change: dict[str, Any]) -> None:
    assert signature_problems(signed_form_2(**change), "session 1", PATIENT) != []


def test_a_session_is_not_signed_under_form_2_before_its_private_notes_are_sealed() -> None:
    with pytest.raises(ValueError, match="sealed"):
        sign(SESSION, PATIENT, "Anita Bose", SESSION_AT)


def test_a_field_added_to_session_later_leaves_every_signature_as_it_was() -> None:
    @dataclasses.dataclass(frozen=True)
    class LaterSession(Session):  # what Session would be with one more field
        room: str = ""

    later = LaterSession(**{f.name: getattr(SESSION, f.name) for f in dataclasses.fields(Session)})
    assert content_hash(later, form=1) == SESSION_FORM_1
    old = LaterSession(**{f.name: getattr(signed_session(), f.name) for f in dataclasses.fields(Session)})
    assert signature_problems(old, "session", PATIENT) == []
    # ... and a value in the field a signature does not cover is not taken as signed
    [problem] = signature_problems(dataclasses.replace(old, room="Room 2"), "session", PATIENT)
    assert "room" in problem


def test_each_form_names_only_fields_that_exist() -> None:
    for form in FORMS.values():
        for owner in (Session, Intake):
            assert set(form[owner.__name__]) <= {f.name for f in dataclasses.fields(owner)}


# --- item 3: a signature binds the signer, the time, the patient and the record -----------------


def test_scheme_2_signs_content_record_patient_signer_and_time() -> None:
    note = dataclasses.replace(SESSION, signed_by="Anita Bose", signed_at=SESSION_AT)
    assert signature_message(note, PATIENT, scheme=2, form=1) == SESSION_MESSAGE_2.encode()
    assert CURRENT_SCHEME == 2
    intake = dataclasses.replace(INTAKE, signed_by="অনিতা বসু", signed_at=INTAKE_AT)
    assert hashlib.sha256(signature_message(intake, PATIENT, scheme=2, form=1)).hexdigest() == INTAKE_SCHEME_2
    assert hashlib.sha256(SESSION_MESSAGE_2.encode()).hexdigest() == SESSION_SCHEME_2


@pytest.mark.parametrize(
    ("change", "patient"),
    [
        ({"signed_at": dt.datetime(1999, 1, 1, tzinfo=dt.UTC)}, PATIENT),
        ({"signed_by": "Rahul Mehta"}, PATIENT),
        ({"uid": "6f1c2a3b-0000-4000-8000-000000000009"}, PATIENT),
        ({}, "0e1d2c3b-aaaa-4bbb-8ccc-000000000043"),  # moved to another patient
        ({"pain_after": 0}, PATIENT),
        ({"signature_scheme": 1}, PATIENT),  # passed off as an older signature
    ],
)
def test_a_scheme_2_signature_no_longer_matches_when_anything_it_binds_changes(
    change: dict[str, Any], patient: str
) -> None:
    assert signature_problems(signed_session(), "session 1", PATIENT) == []
    [problem] = signature_problems(signed_session(**change), "session 1", patient)
    assert problem.startswith("session 1: ")


def test_a_scheme_1_signature_still_verifies_as_content_only() -> None:
    old = dataclasses.replace(
        SESSION, status=SIGNED, signed_at=SESSION_AT, signed_by="Anita Bose", content_hash=SESSION_FORM_1
    )
    assert (old.signature_scheme, old.canonical_form) == (1, 1)
    assert signature_problems(old, "session", PATIENT) == []
    assert signature_problems(dataclasses.replace(old, pain_after=0), "session", PATIENT) != []


def test_addenda_hashes_are_pinned_for_both_schemes() -> None:
    assert addendum_hash(ADDENDUM, SESSION_FORM_1) == ADDENDUM_SCHEME_1
    assert addendum_hash(dataclasses.replace(ADDENDUM, signature_scheme=2), SESSION_SCHEME_2) == ADDENDUM_SCHEME_2
    assert hashlib.sha256(ADDENDUM_MESSAGE_2.encode()).hexdigest() == ADDENDUM_SCHEME_2


# --- item 6: signer names -----------------------------------------------------------------------

GOOD_NAMES = ["Anita Bose", "Dr. Meera Sen-Gupta, RCST", "অনিতা বসু", "अनीता बोस", "শ্রী\u200cমতী", "O'Brien"]


@pytest.mark.parametrize("name", GOOD_NAMES)
def test_names_in_any_script_are_signer_names(name: str) -> None:
    assert signer_name_errors("signed_by", name) == []


_BAD_CHARACTERS = st.sampled_from(["\x00", "\n", "\r", "\t", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\u202e"])
_LETTERS = st.text(st.characters(categories=["L"]), min_size=1, max_size=40)


@given(before=_LETTERS, bad=_BAD_CHARACTERS, after=st.text(st.characters(categories=["L", "Zs"]), max_size=40))
def test_a_signer_name_with_a_control_character_or_line_break_is_refused(before: str, bad: str, after: str) -> None:
    [error] = signer_name_errors("signed_by", before + bad + after)
    assert error.field == "signed_by"
    assert "control character" in error.message or "line break" in error.message


@given(length=st.integers(NAME_MAX + 1, 1_000_000))
def test_an_over_long_signer_name_is_refused_saying_how_long(length: int) -> None:
    [error] = signer_name_errors("addenda[0].author", "A" * length)
    assert error.field == "addenda[0].author"
    assert error.message == f"is too long ({length} characters; at most {NAME_MAX})"


@pytest.mark.parametrize("name", ["", "   ", "..."])
def test_a_signer_name_needs_letters(name: str) -> None:
    assert [e.field for e in signer_name_errors("signed_by", name)] == ["signed_by"]


def test_an_over_long_name_already_stored_is_shown_shortened() -> None:
    assert signer_shown("Anita Bose") == "Anita Bose"
    shown = signer_shown("A" * 1_000_000)
    assert shown == "A" * (NAME_MAX - 1) + "…"
    assert signer_shown("Anita\nBose\x00") == "Anita Bose"
