"""The progress report's outcome measures: sleep, stress and headache days, as the Progress tab shows
them (``domain.progress.outcome_courses``), in plain sentences and a chart of the two ratings."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from cst_notes.domain.progress import OutcomeCourse, outcome_courses, progress
from cst_notes.domain.session import Session

from .charts import rating_chart
from .language import N_, Translator
from .layout import Kit
from .options import DocumentOptions

# How each outcome measure is told to the patient: what it is, and whether it is a rating out of 10.
_OUTCOME_WORDS = {
    "sleep_quality": N_("Your sleep"),
    "stress_level": N_("Your stress"),
    "headache_days": N_("Days with a headache since the visit before"),
}
_OUT_OF_TEN = {
    "sleep_quality": N_("(0 is very poor, 10 is excellent)"),
    "stress_level": N_("(0 is none, 10 is extreme)"),
}


def _outcome_sentence(course: OutcomeCourse, tr: Translator) -> str:
    """In plain words: "Your sleep: 3 out of 10 at the first session and 8 at the latest (0 is …)."."""
    what = tr.gettext(_OUTCOME_WORDS[course.code])
    first, latest = tr.count(course.first), tr.count(course.latest)
    scale = _OUT_OF_TEN.get(course.code)
    if scale is None:  # a count of days
        if len(course.values) == 1:
            return tr.gettext("{what}: {first}.").format(what=what, first=first)
        return tr.gettext("{what}: {first} at the first session and {latest} at the latest.").format(
            what=what, first=first, latest=latest
        )
    if len(course.values) == 1:
        text = tr.gettext("{what}: {first} out of 10 {scale}.")
    else:
        text = tr.gettext("{what}: {first} out of 10 at the first session and {latest} at the latest {scale}.")
    return text.format(what=what, first=first, latest=latest, scale=tr.gettext(scale))


def outcomes_section(kit: Kit, sessions: tuple[Session, ...], options: DocumentOptions) -> list[Flowable]:
    """Sleep, stress and headache days, as the Progress tab shows them (the domain's one series)."""
    courses = {c.code: c for c in outcome_courses(progress(list(sessions), tz=options.timezone))}
    if not courses:
        return []
    tr = kit.tr
    out: list[Flowable] = [
        kit.heading(tr.gettext("Sleep, stress and headaches")),
        kit.body(
            tr.gettext(
                "How you rated your sleep and your stress at each session, and how many days you had a headache "
                "since the visit before."
            )
        ),
        *kit.bullets([_outcome_sentence(c, tr) for c in courses.values()]),
    ]
    sleep, stress = courses.get("sleep_quality"), courses.get("stress_level")
    if sleep or stress:
        values = (sleep.values if sleep else (), stress.values if stress else ())
        out.append(rating_chart(*values, width=kit.width, tr=tr, ts=kit.ts))
    return [KeepTogether(out)]
