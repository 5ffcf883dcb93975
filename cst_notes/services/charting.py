"""Charting: patients, the intake, sessions, plans, templates, settings and drafts."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from cst_notes.domain import access, charting
from cst_notes.domain import audit as A
from cst_notes.domain import vocabulary as V
from cst_notes.domain.access import Can
from cst_notes.domain.charting import SessionTemplate
from cst_notes.domain.draft import DETAILS_FORMS, Draft
from cst_notes.domain.intake import Intake, intake_errors
from cst_notes.domain.patient import Patient, new_uid, patient_errors
from cst_notes.domain.plan import FollowUpPlan, current_plan, plan_change_summary, plan_errors
from cst_notes.domain.session import Session, own_technique_code, session_errors
from cst_notes.domain.session_start import StartCheck, start_check
from cst_notes.domain.settings import ClinicSettings, settings_errors
from cst_notes.domain.validation import FieldError, ValidationError
from cst_notes.services.base import (
    Changed,
    LockedError,
    NotFoundError,
    RecordKind,
    ServiceBase,
    raise_if_invalid,
    requires,
    session_label,
)
from cst_notes.storage import (
    drafts,
    patients,
    records,
    screening,
    settings,
    templates,
)


class ChartingServices(ServiceBase):
    """Charting: patients, the intake, sessions, plans, templates, settings and drafts."""

    @requires(Can.EDIT_PATIENTS)
    def create_patient(self, patient: Patient) -> Changed:
        raise_if_invalid(patient_errors(patient, self._today()))
        with self._atomic():
            new_id = patients.insert_patient(self._db, patient)
            self._audit(A.CREATE, RecordKind.PATIENT, new_id, new_id, patient.full_name, after=self.patient(new_id))
        return Changed(frozenset({RecordKind.PATIENT}), (new_id,))

    @requires(Can.EDIT_PATIENTS)
    def update_patient(self, patient: Patient) -> Changed:
        if patient.id is None:
            raise NotFoundError("the patient has no id; it was never saved")
        raise_if_invalid(patient_errors(patient, self._today()))
        with self._atomic():
            before = self.patient(patient.id)
            patients.update_patient(self._db, patient)
            after = self.patient(patient.id)
            self._audit(A.UPDATE, RecordKind.PATIENT, patient.id, patient.id, after.full_name, before, after)
        return Changed(frozenset({RecordKind.PATIENT}), (patient.id,))

    @requires(Can.WRITE_CLINICAL)
    def save_intake(self, patient_id: int, intake: Intake) -> Changed:
        minor = self.patient(patient_id).is_minor(self._today())
        raise_if_invalid(intake_errors(intake, self._today(), minor=minor))
        before = records.get_intake(self._db, patient_id)
        if before is not None and before.is_signed:
            raise LockedError("the intake is signed and locked; add an addendum instead")
        with self._atomic():
            intake_id = records.save_intake(self._db, patient_id, replace(intake, status="draft", addenda=()))
            action = A.CREATE if before is None else A.UPDATE
            self._audit(action, RecordKind.INTAKE, intake_id, patient_id, "intake", before, self.intake(patient_id))
        return Changed(frozenset({RecordKind.INTAKE}), (patient_id,))

    def _session_errors(self, session: Session) -> list[FieldError]:
        return session_errors(session, custom_techniques=records.custom_technique_codes(self._db))

    @requires(Can.READ_CLINICAL)
    def session_start_check(self, patient_id: int) -> StartCheck:
        """What starting a session for this patient needs: nothing, or a reason (and why)."""
        intake, changes = records.get_intake(self._db, patient_id), screening.changes_for_patient(self._db, patient_id)
        return start_check(intake, self.patient(patient_id), self._today(), changes)

    @requires(Can.WRITE_CLINICAL)
    def add_session(self, patient_id: int, session: Session) -> Changed:
        """Add a session. When the start needs a decision (an absolute contraindication, or no intake,
        screening or consent on record: ``session_start_check``), the session must carry the
        therapist's reason for going ahead (``contraindication_override_reason``)."""
        errors = self._session_errors(session)
        start = self.session_start_check(patient_id)
        errors += start.errors(session)
        raise_if_invalid(errors)
        with self._atomic():
            self.patient(patient_id)
            session_id = records.insert_session(self._db, patient_id, replace(session, status="draft", addenda=()))
            after = self._stored_session(session_id)
            label = session_label(after)
            if start.needs_reason:  # the decision and what it was about, in the audit log's own words
                label += f"; started despite {'; '.join(start.problems())}"
            self._audit(A.CREATE, RecordKind.SESSION, session_id, patient_id, label, after=after)
        return Changed(frozenset({RecordKind.SESSION}), (patient_id,), (session_id,))

    @requires(Can.WRITE_CLINICAL)
    def update_session(self, session: Session) -> Changed:
        if session.id is None:
            raise NotFoundError("the session has no id; it was never saved")
        session_id = session.id
        held = self._stored_session(session_id)
        if not access.private_notes_readable(self._reader(), held.therapist):  # another's: never shown nor overwritten
            if held.private_notes and session.therapist.strip() != held.therapist:
                message = f"stays {held.therapist}: the session holds their private notes, which go with them"
                raise ValidationError([FieldError("therapist", message)])
            session = replace(session, private_notes=held.private_notes)
        raise_if_invalid(self._session_errors(session))
        with self._atomic():
            stored = self._stored_session(session_id)
            if stored.is_signed:
                raise LockedError("the session is signed and locked; add an addendum instead")
            records.update_session(
                self._db, replace(session, patient_id=stored.patient_id, uid=stored.uid, status="draft", addenda=())
            )
            after = self._stored_session(session_id)
            self._audit(
                A.UPDATE, RecordKind.SESSION, session_id, stored.patient_id, session_label(after), stored, after
            )
        return Changed(frozenset({RecordKind.SESSION}), (stored.patient_id or 0,), (session_id,))

    @requires(Can.WRITE_CLINICAL)
    def add_plan(self, patient_id: int, plan: FollowUpPlan) -> Changed:
        raise_if_invalid(plan_errors(plan, self._today()))
        with self._atomic():
            self.patient(patient_id)
            current = current_plan(self.plans(patient_id))
            # a new plan is a new record everywhere, even when made from a copy of the current one
            plan_id = records.add_plan(self._db, patient_id, replace(plan, superseded_on=None, uid=new_uid()))
            after = next(p for p in self.plans(patient_id) if p.id == plan_id)
            self._audit(A.CREATE, RecordKind.PLAN, plan_id, patient_id, "new follow-up plan", current, after)
        return Changed(frozenset({RecordKind.PLAN}), (patient_id,))

    def _current_plan(self, patient_id: int) -> FollowUpPlan:
        plan = current_plan(self.plans(patient_id))
        if plan is None:
            raise NotFoundError("there is no current plan: the course of care was closed, or no plan was made")
        return plan

    @requires(Can.WRITE_CLINICAL)
    def update_plan(self, patient_id: int, plan: FollowUpPlan) -> Changed:
        """Change the current plan in place (its goals' statuses too): earlier and closed plans stay
        as they were. Audited with the plan before and after."""
        with self._atomic():
            stored = self._current_plan(patient_id)
            edited = replace(
                plan,
                id=stored.id,
                uid=stored.uid,
                patient_id=patient_id,
                created_on=stored.created_on,
                superseded_on=None,
                closed_on=None,
                closed_reason="",
                closing_note="",
            )
            raise_if_invalid(plan_errors(edited, self._today()))
            assert stored.id is not None
            records.update_plan(self._db, edited)
            after = next(p for p in self.plans(patient_id) if p.id == stored.id)
            self._audit(
                A.UPDATE, RecordKind.PLAN, stored.id, patient_id, plan_change_summary(stored, after), stored, after
            )
        return Changed(frozenset({RecordKind.PLAN}), (patient_id,))

    @requires(Can.WRITE_CLINICAL)
    def close_course(self, patient_id: int, closed_on: dt.date | None, reason: str, note: str = "") -> Changed:
        """End the course of care: the current plan is closed, so that no plan is in force and the
        patient leaves the due list. A new plan opens a new course."""
        if closed_on is None:
            raise ValidationError([FieldError("closed_on", "must be given")])
        with self._atomic():
            stored = self._current_plan(patient_id)
            closed = replace(stored, closed_on=closed_on, closed_reason=reason, closing_note=note.strip())
            raise_if_invalid(plan_errors(closed, self._today(), dated_outcomes=False))
            assert stored.id is not None
            records.update_plan(self._db, closed)
            after = next(p for p in self.plans(patient_id) if p.id == stored.id)
            summary = f"course of care closed on {closed_on.isoformat()}: {V.CLOSING_REASONS.label(reason)}"
            self._audit(A.UPDATE, RecordKind.PLAN, stored.id, patient_id, summary, stored, after)
        return Changed(frozenset({RecordKind.PLAN}), (patient_id,))

    @requires(Can.WRITE_CLINICAL)
    def add_custom_technique(self, label: str) -> str:
        """Add the therapist's own technique; returns its code (the same label gives the same code,
        also one added before the code kept the name's vowel signs)."""
        label = label.strip()
        code = own_technique_code(label)
        if not code or len(label) > 100:
            raise ValidationError([FieldError("technique", "must be 1 to 100 characters with a letter or digit")])
        same = [c for c, known in self.custom_techniques().items() if known.casefold() == label.casefold()]
        if same:
            return same[0]
        with self._atomic():
            records.add_custom_technique(self._db, code, label)
        return code

    @requires(Can.WRITE_CLINICAL)
    def start_from_last_session(self, patient_id: int, started_at: dt.datetime, therapist: str = "") -> Session:
        """A new, unsaved session pre-filled from the patient's latest one (findings, restrictions,
        techniques; never dates, signatures or pain scores). An empty one if there is none."""
        previous = self.sessions(patient_id)
        if not previous:
            return Session(started_at=started_at, therapist=therapist)
        return charting.start_from_last(previous[-1], started_at, therapist)

    @requires(Can.READ_CLINICAL)
    def session_templates(self) -> list[SessionTemplate]:
        return templates.templates(self._db)

    @requires(Can.WRITE_CLINICAL)
    def save_session_template(self, template: SessionTemplate) -> int:
        """Save a template (one with the same name is replaced); returns its id."""
        raise_if_invalid(charting.template_errors(template, records.custom_technique_codes(self._db)))
        with self._atomic():
            return templates.save_template(self._db, template)

    @requires(Can.WRITE_CLINICAL)
    def delete_session_template(self, template_id: int) -> None:
        with self._atomic():
            templates.delete_template(self._db, template_id)

    @requires(Can.MANAGE_PRACTICE)
    def save_settings(self, new: ClinicSettings) -> Changed:
        raise_if_invalid(settings_errors(new))
        with self._atomic():
            before = settings.get_settings(self._db)
            settings.save_settings(self._db, new)
            self._audit(
                A.UPDATE,
                RecordKind.SETTINGS,
                1,
                None,
                "clinic settings",
                replace(before, logo_png=None),
                replace(new, logo_png=None),
            )
        return Changed(frozenset({RecordKind.SETTINGS}))

    @requires(Can.SEE_PATIENTS)
    def save_draft(self, draft: Draft) -> None:
        """Keep a form's unsaved content (called while typing; cheap and durable)."""
        if draft.form not in DETAILS_FORMS:
            self._require(Can.WRITE_CLINICAL)
        with self._atomic():
            drafts.save_draft(self._db, draft)

    @requires(Can.SEE_PATIENTS)
    def draft(self, key: str) -> Draft | None:
        found = drafts.get_draft(self._db, key)
        return found if found is None or self._may_see_draft(found) else None

    def _may_see_draft(self, draft: Draft) -> bool:
        """The front desk: drafts of patients' details only. A session's draft holding private notes:
        its therapist's only (they take it up again; nobody else reads, or saves over, them)."""
        if draft.form not in DETAILS_FORMS and not self.may(Can.READ_CLINICAL):
            return False
        content = draft.content if isinstance(draft.content, dict) else {}
        if content.get("private_notes"):
            return self.reads_private_notes_of(str(content.get("therapist") or ""))
        return True

    @requires(Can.SEE_PATIENTS)
    def drafts(self) -> list[Draft]:
        """Every draft left behind, oldest first: offered back at start-up."""
        return [d for d in drafts.all_drafts(self._db) if self._may_see_draft(d)]

    @requires(Can.SEE_PATIENTS)
    def discard_draft(self, key: str) -> None:
        with self._atomic():
            drafts.discard_draft(self._db, key)
