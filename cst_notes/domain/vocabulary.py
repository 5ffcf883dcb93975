"""Every controlled vocabulary of CST Notes, in one place.

The database, the export format, the GUI, the PDFs and the demo data all use the codes
defined here; labels are for display only and are never stored. A code, once released,
is never renamed: add a new code instead.

Each term may carry a plain-language explanation (``plain``) for documents a patient reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cst_notes.domain.dates import DAY_FIRST, MONTH_FIRST


@dataclass(frozen=True)
class Term:
    code: str
    label: str
    group: str = ""
    plain: str = ""
    days: int | None = None  # for frequencies: the interval in days


class Vocabulary:
    """An ordered set of terms, looked up by code."""

    def __init__(self, name: str, terms: list[Term]) -> None:
        self.name = name
        self._terms = tuple(terms)
        self._by_code = {t.code: t for t in self._terms}
        self._codes = tuple(t.code for t in self._terms)
        if len(self._by_code) != len(self._terms):
            raise ValueError(f"duplicate code in vocabulary {name}")

    def __iter__(self) -> Iterator[Term]:
        return iter(self._terms)

    def __len__(self) -> int:
        return len(self._terms)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    @property
    def codes(self) -> tuple[str, ...]:
        return self._codes

    def term(self, code: str) -> Term:
        return self._by_code[code]

    def label(self, code: str) -> str:
        term = self._by_code.get(code)
        return term.label if term else code

    def in_group(self, group: str) -> tuple[Term, ...]:
        return tuple(t for t in self._terms if t.group == group)

    @property
    def groups(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for t in self._terms:
            seen.setdefault(t.group, None)
        return tuple(seen)


def _v(name: str, *rows: tuple[str, ...], group: str = "") -> Vocabulary:
    return Vocabulary(name, [Term(r[0], r[1], group, r[2] if len(r) > 2 else "") for r in rows])


def _grouped(name: str, groups: dict[str, list[tuple[str, str, str]]]) -> Vocabulary:
    return Vocabulary(
        name,
        [Term(code, label, group, plain) for group, rows in groups.items() for code, label, plain in rows],
    )


# --- people -----------------------------------------------------------------------------

SEXES = _v(
    "sex",
    ("female", "Female"),
    ("male", "Male"),
    ("intersex", "Intersex"),
    ("other", "Other / self-described"),
    ("unspecified", "Prefer not to say"),
)

GUARDIAN_RELATIONS = _v(
    "guardian relation",
    ("mother", "Mother"),
    ("father", "Father"),
    ("grandparent", "Grandparent"),
    ("legal_guardian", "Legal guardian"),
    ("other", "Other"),
)

# The languages a patient's documents are written in (``Patient.document_language``; a document's
# /Lang and the catalogue its fixed text comes from). Codes are BCP 47 tags; each label names the
# language in English and in its own script, so that the patient can point to their own.
DOCUMENT_LANGUAGES = _v(
    "document language",
    ("en", "English"),
    ("bn", "Bengali — বাংলা"),
    ("hi", "Hindi — हिन्दी"),
)
DEFAULT_DOCUMENT_LANGUAGE = "en"

# --- craniosacral rhythm (SQUAR) ------------------------------------------------------------

STATIONS = _v(
    "listening station",
    ("heels", "Heels"),
    ("feet", "Dorsum of the feet"),
    ("thighs", "Anterior thighs"),
    ("pelvis", "Pelvis (ASIS)"),
    ("lower_ribs", "Lower ribs"),
    ("shoulders", "Shoulders"),
    ("head_vault", "Head (vault)"),
    ("occiput", "Head (occiput)"),
)

STATION_SIDES = _v("station side", ("left", "Left"), ("right", "Right"), ("both", "Both"))

AMPLITUDES = Vocabulary(
    "amplitude",
    [
        Term("0", "0 – absent"),
        Term("1", "1 – low"),
        Term("2", "2 – reduced"),
        Term("3", "3 – normal"),
        Term("4", "4 – full"),
    ],
)
AMPLITUDE_MIN, AMPLITUDE_MAX = 0, 4

SYMMETRIES = _v(
    "symmetry",
    ("symmetric", "Symmetric"),
    ("restricted_left", "Restricted on the left"),
    ("restricted_right", "Restricted on the right"),
)

QUALITIES = _v(
    "quality",
    ("strong", "Strong"),
    ("normal", "Normal"),
    ("weak", "Weak"),
    ("erratic", "Erratic"),
    ("absent", "Absent"),
)

RESTRICTED_PHASES = _v("restricted phase", ("none", "None"), ("flexion", "Flexion"), ("extension", "Extension"))

SESSION_EVENT_KINDS = _v(
    "session event",
    ("still_point", "Still point"),
    ("significance_detector", "Significance detector"),
)

# Rhythm rate, cycles per minute: accepted range and the usual range (outside it: a warning).
RATE_ACCEPT_MIN, RATE_ACCEPT_MAX = 0.0, 30.0
RATE_USUAL_MIN, RATE_USUAL_MAX = 4.0, 16.0

# --- areas of restriction -------------------------------------------------------------------

REGIONS = _grouped(
    "region",
    {
        "Cranial bones": [
            ("cranial.frontal", "Frontal bone", "the bone of the forehead"),
            ("cranial.parietal", "Parietal bone", "the bones on the top and sides of the head"),
            ("cranial.temporal", "Temporal bone", "the bones at the sides of the head, around the ears"),
            ("cranial.occiput", "Occiput", "the bone at the back of the head"),
            ("cranial.sphenoid", "Sphenoid", "a bone deep behind the eyes, at the temples"),
            ("cranial.ethmoid", "Ethmoid", "a small bone between the eyes, behind the nose"),
            ("cranial.maxilla", "Maxilla", "the upper jaw"),
            ("cranial.zygoma", "Zygoma", "the cheekbone"),
            ("cranial.mandible_tmj", "Mandible / TMJ", "the lower jaw and jaw joint"),
        ],
        "Sutures": [
            ("suture.sagittal", "Sagittal suture", "the joint along the top of the head"),
            ("suture.coronal", "Coronal suture", "the joint across the top of the head, behind the forehead"),
            ("suture.lambdoid", "Lambdoid suture", "the joint at the back of the head"),
            ("suture.squamous", "Squamous suture", "the joint at the side of the head, above the ear"),
        ],
        "Membranes": [
            ("membrane.falx_cerebri", "Falx cerebri", "a membrane between the two halves of the brain"),
            ("membrane.falx_cerebelli", "Falx cerebelli", "a membrane at the back of the head"),
            ("membrane.tentorium", "Tentorium cerebelli", "a membrane across the back of the head"),
        ],
        "Transverse diaphragms": [
            ("diaphragm.pelvic", "Pelvic diaphragm", "the floor of the pelvis"),
            ("diaphragm.respiratory", "Respiratory diaphragm", "the breathing muscle under the ribs"),
            ("diaphragm.thoracic_inlet", "Thoracic inlet", "the area at the base of the neck and top of the chest"),
            ("diaphragm.hyoid", "Hyoid", "the front of the throat"),
            ("diaphragm.cranial_base", "Occipital cranial base", "where the head meets the neck"),
        ],
        "Spine and dura": [
            ("spine.cervical", "Cervical spine", "the neck"),
            ("spine.thoracic", "Thoracic spine", "the upper and middle back"),
            ("spine.lumbar", "Lumbar spine", "the lower back"),
            ("spine.sacrum", "Sacrum", "the base of the spine"),
            ("spine.coccyx", "Coccyx", "the tailbone"),
            ("dura.tube", "Dural tube", "the protective layer around the spinal cord"),
            ("dura.foramen_magnum", "Dural attachment at the foramen magnum", "where the spinal cord meets the skull"),
            ("dura.c2_c3", "Dural attachment at C2–C3", "the upper neck"),
            ("dura.s2", "Dural attachment at S2", "the base of the spine"),
        ],
        "Elsewhere": [
            ("body.shoulder", "Shoulder", "the shoulder"),
            ("body.hip", "Hip", "the hip"),
            ("body.knee", "Knee", "the knee"),
            ("body.ankle", "Ankle", "the ankle"),
            ("body.ribs", "Ribs", "the ribs"),
            ("body.abdomen", "Abdomen", "the belly"),
        ],
    },
)

RESTRICTION_SIDES = _v(
    "restriction side",
    ("left", "Left"),
    ("right", "Right"),
    ("midline", "Midline"),
    ("bilateral", "Bilateral"),
)

# The sides a restriction of a region can lie on. A paired structure is on the left, the right or both,
# never the midline; a structure on the midline alone has no sides; the others cross the midline and
# may be charted on any side (a one-sided restriction of the lumbar spine, say).
PAIRED_REGIONS = frozenset(
    {
        "cranial.parietal",
        "cranial.temporal",
        "cranial.zygoma",
        "suture.squamous",
        "body.shoulder",
        "body.hip",
        "body.knee",
        "body.ankle",
        "body.ribs",
    }
)
MIDLINE_ONLY_REGIONS = frozenset(
    {
        "suture.sagittal",
        "membrane.falx_cerebri",
        "membrane.falx_cerebelli",
        "dura.tube",
        "dura.foramen_magnum",
        "dura.c2_c3",
        "dura.s2",
    }
)


def region_sides(region: str) -> tuple[str, ...]:
    """The RESTRICTION_SIDES codes a restriction of ``region`` can take."""
    if region in MIDLINE_ONLY_REGIONS:
        return ("midline",)
    if region in PAIRED_REGIONS:
        return ("left", "right", "bilateral")
    return RESTRICTION_SIDES.codes


def side_misfit(region: str, side: str) -> str:
    """Why ``region`` cannot take ``side`` ("the sagittal suture lies on the midline: …"); "" if it can."""
    if not region or side in region_sides(region):
        return ""
    label = REGIONS.label(region)
    name = f"the {label[:1].lower()}{label[1:]}"
    if region in MIDLINE_ONLY_REGIONS:
        return f"{name} lies on the midline: it has no left or right side"
    return f"{name} is paired: left, right or bilateral"


SEVERITIES = _v("severity", ("mild", "Mild"), ("moderate", "Moderate"), ("severe", "Severe"))

# --- techniques -----------------------------------------------------------------------------

TEN_STEP = "ten_step"
TECHNIQUES = _grouped(
    "technique",
    {
        TEN_STEP: [
            ("cv4_still_point", "Still point (CV-4)", "a gentle hold at the back of the head to help the body settle"),
            ("pelvic_diaphragm_release", "Pelvic diaphragm release", "a gentle release of the pelvic floor area"),
            ("respiratory_diaphragm_release", "Respiratory diaphragm release", "a gentle release below the ribs"),
            ("thoracic_inlet_release", "Thoracic inlet release", "a gentle release at the base of the neck"),
            ("hyoid_release", "Hyoid release", "a gentle release at the front of the throat"),
            (
                "cranial_base_release",
                "Occipital cranial base release",
                "a gentle release where the head meets the neck",
            ),
            ("lumbosacral_decompression", "Lumbosacral decompression", "gentle easing of the lower back"),
            ("dural_tube_traction", "Dural tube traction (rock and glide)", "gentle rocking along the spine"),
            ("frontal_lift", "Frontal lift", "a light lift at the forehead"),
            ("parietal_lift", "Parietal lift", "a light lift at the sides of the head"),
            ("sphenoid_compression_decompression", "Sphenoid compression/decompression", "light holds at the temples"),
            ("temporal_techniques", "Temporal techniques (ear pull, temporal rocking)", "gentle holds around the ears"),
            ("tmj_compression_decompression", "TMJ compression/decompression", "gentle work at the jaw joint"),
        ],
        "other": [
            ("somatoemotional_release", "SomatoEmotional Release (SER)", "gentle work with body and feelings together"),
            ("energy_cyst_release", "Energy cyst release", "gentle holds over areas of tension"),
            ("v_spread", "Direction of energy (V-spread)", "a light two-handed hold over a tense area"),
            ("arcing", "Arcing", "feeling for areas of tension"),
            ("fascial_unwinding", "Fascial unwinding", "gently following the body's own movement"),
        ],
    },
)
CUSTOM_TECHNIQUE_PREFIX = "custom."


@dataclass(frozen=True)
class ProtocolStep:
    """One step of the 10-step protocol: a step may hold several techniques (the diaphragm releases)."""

    number: int
    label: str
    techniques: tuple[str, ...]  # TECHNIQUES codes, in their order


# The ten steps, in their usual order (teachers vary it): the 13 techniques of the ten_step group, with the
# four transverse diaphragm releases as one step. The other techniques are not steps.
TEN_STEP_PROTOCOL = tuple(
    ProtocolStep(n, label, codes)
    for n, (label, codes) in enumerate(
        [
            ("Still point (CV-4)", ("cv4_still_point",)),
            (
                "Transverse diaphragm releases",
                (
                    "pelvic_diaphragm_release",
                    "respiratory_diaphragm_release",
                    "thoracic_inlet_release",
                    "hyoid_release",
                ),
            ),
            ("Occipital cranial base release", ("cranial_base_release",)),
            ("Lumbosacral decompression", ("lumbosacral_decompression",)),
            ("Dural tube traction (rock and glide)", ("dural_tube_traction",)),
            ("Frontal lift", ("frontal_lift",)),
            ("Parietal lift", ("parietal_lift",)),
            ("Sphenoid compression/decompression", ("sphenoid_compression_decompression",)),
            ("Temporal techniques (ear pull, temporal rocking)", ("temporal_techniques",)),
            ("TMJ compression/decompression", ("tmj_compression_decompression",)),
        ],
        start=1,
    )
)
_STEP_OF_TECHNIQUE = {code: step for step in TEN_STEP_PROTOCOL for code in step.techniques}
if tuple(_STEP_OF_TECHNIQUE) != tuple(t.code for t in TECHNIQUES.in_group(TEN_STEP)):
    raise ValueError("the 10-step protocol must hold the ten_step techniques, each once, in their order")


def protocol_step(technique: str) -> ProtocolStep | None:
    """The step of the 10-step protocol a technique belongs to; None for the others."""
    return _STEP_OF_TECHNIQUE.get(technique)


ADVERSE_REACTIONS = _v(
    "adverse reaction",
    ("mild_soreness", "Mild soreness", "some mild soreness"),
    ("headache", "Headache", "a headache"),
    ("fatigue", "Fatigue", "tiredness"),
    ("dizziness", "Dizziness", "dizziness"),
    ("nausea", "Nausea", "feeling sick"),
    ("other", "Other", "another reaction"),
)

# Responses to the work that are not adverse. They are noted with the adverse reactions (and stored with
# them, as an emotional release was when it was listed among the adverse reactions: the code still reads).
SESSION_RESPONSES = _v(
    "response",
    ("emotional_release", "Emotional release", "strong feelings coming up"),
)
# Every code a session's noted reactions may hold: the adverse ones, then the responses.
NOTED_AFTER_SESSION = Vocabulary("noted after a session", [*ADVERSE_REACTIONS, *SESSION_RESPONSES])

# --- intake ---------------------------------------------------------------------------------

CONDITIONS = _v(
    "condition",
    ("chronic_pain_back", "Chronic pain – back"),
    ("chronic_pain_neck", "Chronic pain – neck"),
    ("chronic_pain_joints", "Chronic pain – joints"),
    ("migraine_headache", "Migraines and headaches"),
    ("stress_anxiety", "Stress and anxiety"),
    ("sleep_disorder", "Sleep disorders"),
    ("ptsd", "PTSD"),
    ("fibromyalgia", "Fibromyalgia"),
    ("post_surgical", "Post-surgical recovery"),
    ("other", "Other"),
)

TRAUMA_KINDS = _v(
    "trauma",
    ("fall", "Fall"),
    ("concussion", "Concussion"),
    ("road_accident", "Road accident"),
    ("whiplash", "Whiplash"),
    ("dental_work", "Dental work"),
    ("other", "Other"),
)

ABSOLUTE = "absolute"
RELATIVE = "relative"
CONTRAINDICATIONS = _grouped(
    "contraindication",
    {
        ABSOLUTE: [
            (
                "recent_intracranial_haemorrhage_or_stroke",
                "Recent intracranial haemorrhage or stroke (within 6 months)",
                "",
            ),
            ("cerebral_aneurysm", "Cerebral aneurysm", ""),
            ("raised_intracranial_pressure", "Raised intracranial pressure or acute hydrocephalus", ""),
            ("csf_leak", "CSF leak (e.g. after a lumbar puncture)", ""),
            ("recent_skull_fracture", "Recent skull fracture", ""),
            ("recent_head_or_spinal_surgery", "Recent head or spinal surgery / unstable spine", ""),
            ("subdural_haematoma", "Subdural haematoma", ""),
            ("chiari_malformation", "Chiari malformation", ""),
        ],
        RELATIVE: [
            ("recent_epidural_or_lumbar_puncture", "Recent epidural or lumbar puncture", ""),
            ("fever_or_acute_infection", "Fever or acute infection", ""),
            ("clotting_disorder", "Deep vein thrombosis / clotting disorder / anticoagulants", ""),
            ("high_risk_pregnancy", "High-risk pregnancy", ""),
            ("severe_psychiatric_illness", "Severe psychiatric illness", ""),
            ("known_tumour", "Known tumour", ""),
            ("epilepsy", "Epilepsy", ""),
        ],
    },
)

DELIVERY_MODES = _v(
    "delivery",
    ("vaginal", "Vaginal, unassisted"),
    ("vacuum", "Vacuum (ventouse)"),
    ("forceps", "Forceps"),
    ("caesarean", "Caesarean section"),
)

PRESENTATIONS = _v(
    "presentation",
    ("occiput_anterior", "Occiput anterior"),
    ("occiput_posterior", "Occiput posterior"),
    ("breech", "Breech"),
    ("other", "Other"),
)

# The yes/no findings of a child's birth history: codes are BirthHistory's field names.
BIRTH_HISTORY_FINDINGS = _grouped(
    "birth history finding",
    {
        "labour": [
            ("induced", "Induced labour", ""),
            ("epidural", "Epidural", ""),
        ],
        "feeding": [
            ("feeding_latch_difficulty", "Latch difficulty", "difficulty latching"),
            ("feeding_suck_swallow_difficulty", "Suck–swallow difficulty", "suck–swallow difficulty"),
            ("feeding_one_sided_preference", "Prefers one side", "prefers one side"),
            ("feeding_reflux", "Reflux", "reflux"),
        ],
        "head and neck": [
            ("torticollis", "Torticollis", ""),
            ("head_asymmetry", "Head asymmetry", ""),
        ],
    },
)

# --- outcome measures -----------------------------------------------------------------------

GLOBAL_IMPRESSIONS = Vocabulary(
    "global impression of change",
    [
        Term("1", "Very much improved"),
        Term("2", "Much improved"),
        Term("3", "Minimally improved"),
        Term("4", "No change"),
        Term("5", "Minimally worse"),
        Term("6", "Much worse"),
        Term("7", "Very much worse"),
    ],
)
PAIN_MIN, PAIN_MAX = 0, 10  # also sleep quality and stress
CLINICALLY_MEANINGFUL_PAIN_CHANGE = 2

# The outcome measures of a session: codes are Session's field names; ``plain`` is what the number
# counts, in the words every screen and document uses.
OUTCOME_MEASURES = _v(
    "outcome measure",
    ("pain_before", "Pain before", "0 = no pain, 10 = worst imaginable"),
    ("pain_after", "Pain after", "0 = no pain, 10 = worst imaginable"),
    ("headache_days", "Headache days", "days with a headache since the last visit"),
    ("sleep_quality", "Sleep quality", "0 = very poor, 10 = excellent"),
    ("stress_level", "Stress", "0 = none, 10 = extreme"),
    (
        "global_impression",
        "Global impression of change",
        "1 = very much improved … 4 = no change … 7 = very much worse",
    ),
)

# --- follow-up plan -------------------------------------------------------------------------

FREQUENCIES = Vocabulary(
    "frequency",
    [
        Term("weekly", "Weekly", days=7),
        Term("fortnightly", "Fortnightly", days=14),
        Term("every_three_weeks", "Every three weeks", days=21),
        Term("monthly", "Monthly", days=28),
        Term("as_needed", "As needed"),
    ],
)

# Why a patient is on the follow-up ("due") list; ``plain`` explains it in the list's tooltip.
DUE_REASONS = Vocabulary(
    "due reason",
    [
        Term("appointment", "Next appointment", plain="The next appointment in the current plan"),
        Term("review", "Plan review", plain="The current plan's review date"),
        Term(
            "no_recent_session",
            "Session due",
            plain="No session for longer than the plan's frequency allows (counted from the last session)",
        ),
    ],
)

# A goal's status. The codes of files written before "partly met" existed are kept: "achieved" is
# met, "not_achieved" is not met.
GOAL_STATUSES = _v(
    "goal status",
    ("open", "Open"),
    ("progressing", "Progressing"),
    ("achieved", "Met"),
    ("partly_met", "Partly met"),
    ("not_achieved", "Not met"),
    ("discontinued", "Discontinued"),
)
# The statuses that judge a goal's outcome: each is recorded with the date it was judged.
GOAL_OUTCOMES = frozenset({"achieved", "partly_met", "not_achieved"})

# Why a course of care was closed: the client leaves the due list until a new plan is made.
# What a change to the contraindication screening after the intake does (``domain.screening``).
SCREENING_ACTIONS = _v(
    "screening change",
    ("found", "Found present"),
    ("resolved", "Resolved"),
    ("rescreened", "Re-screened, nothing new"),
)

CLOSING_REASONS = _v(
    "reason for closing",
    ("discharged", "Discharged"),
    ("goals_met", "Goals met"),
    ("stopped_coming", "Stopped coming"),
)

REFERRAL_TARGETS = _v(
    "referral",
    ("gp", "General practitioner"),
    ("osteopath", "Osteopath"),
    ("physiotherapist", "Physiotherapist"),
    ("counsellor", "Counsellor"),
    ("dentist", "Dentist"),
    ("paediatrician", "Paediatrician"),
    ("other", "Other"),
)

PAGE_SIZES = _v("page size", ("A4", "A4"), ("Letter", "Letter"))

# How the clinic usually writes a date with / - or . (ISO, 1985-03-14, is always understood too).
DATE_ORDERS = _v(
    "date order",
    (DAY_FIRST, "Day first: 14/03/1985 (India, the UK)"),
    (MONTH_FIRST, "Month first: 03/14/1985 (the USA)"),
)

# --- records --------------------------------------------------------------------------------

RETENTION_YEARS = 10
ADULT_AGE = 18


# --- practitioners ----------------------------------------------------------------------------

# What a practitioner may do (issue 15; the GUI's sign-in and the checks by role come next).
ROLES = _v(
    "practitioner role",
    ("owner", "Owner", "settings, practitioners, backups and restore; clinical records"),
    ("therapist", "Therapist", "clinical records"),
    ("front_desk", "Front desk", "patients' details, appointments, printing documents of signed sessions"),
)
SIGNING_ROLES = frozenset({"owner", "therapist"})  # the front desk never signs a clinical note
