"""Two offline edits of the same patient's details (issue 17): what a pull does with the server's
version (fast-forward a one-sided edit; keep both as a conflict when both sides changed), the
versions a push writes from, and a person's resolution of a conflict, audited and pushed on the next
sync. No psycopg here: ``services.clinic`` talks to the server. The rules: ``domain.conflicts``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from cst_notes.domain import access, record_format
from cst_notes.domain import audit as A
from cst_notes.domain.access import Can
from cst_notes.domain.clinic import SETTINGS_UID, Inbox, PlanOut, Pulled, ServerSettings, SettingsOut
from cst_notes.domain.conflicts import (
    Base,
    Choice,
    Conflict,
    Outcome,
    choice_words,
    differing_fields,
    reconcile,
    resolved,
    settings_outcome,
    shared_details,
)
from cst_notes.domain.patient import Patient, patient_errors
from cst_notes.domain.plan import FollowUpPlan, plan_errors
from cst_notes.domain.settings import ClinicSettings, clinic_wide, with_clinic_wide
from cst_notes.domain.validation import FieldError, ValidationError
from cst_notes.services.base import Changed, NotFoundError, RecordKind, ServiceBase, requires
from cst_notes.storage import clinic_conflicts, patients, records, settings

PULLED_DETAILS = "details pulled from the clinic server (changed there only)"
PULLED_PLAN = "follow-up plan pulled from the clinic server"
PULLED_PLAN_CHANGE = "follow-up plan pulled from the clinic server (changed there only)"
PULLED_SETTINGS = "clinic settings pulled from the clinic server (the clinic's letterhead, paper, retention)"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class ClinicConflictServices(ServiceBase):
    @requires(Can.SEE_PATIENTS)
    def open_conflicts(self) -> list[Conflict]:
        """The conflicts waiting for a person, oldest first: each with both versions of the details."""
        return clinic_conflicts.open_conflicts(self._db)

    @requires(Can.SEE_PATIENTS)
    def conflict_count(self) -> int:
        """How many conflicts wait for a person (the status bar and ``clinic status`` say it)."""
        return clinic_conflicts.count_open(self._db)

    @requires(Can.SEE_PATIENTS)
    def details_base(self, patient_uid: str) -> tuple[int | None, bool]:
        """The server version a push writes the patient's details from (None: never synced, so the
        server gets them only when it has none), and whether they changed here since: False while a
        conflict of theirs is open (nothing is written over the server's version until it is resolved)."""
        base = clinic_conflicts.get_base(self._db, patient_uid)
        if base is None:
            return None, False
        if clinic_conflicts.open_conflict_of(self._db, patient_uid) is not None:
            return base.version, False
        pid = self._patient_id_of(patient_uid)
        mine = shared_details(record_format.encode(self.patient(pid)))
        return base.version, mine != shared_details(base.details)

    @requires(Can.SEE_PATIENTS)
    def note_details_sent(self, patient_uid: str, version: int, details: dict[str, Any]) -> None:
        """Keep, before the server is asked, that a push sends ``details`` as its ``version``: if the
        laptop does not hear back, the next pull knows that version for this laptop's own."""
        with self._atomic():
            clinic_conflicts.note_sent(self._db, patient_uid, Base(version, shared_details(details)), _now())

    @requires(Can.SEE_PATIENTS)
    def record_pushed_details(self, patient_uid: str, version: int, details: dict[str, Any]) -> None:
        """Keep that the server holds ``details`` at ``version``, written by this laptop's push."""
        with self._atomic():
            clinic_conflicts.set_base(self._db, patient_uid, Base(version, shared_details(details)), _now())
            clinic_conflicts.forget_sent(self._db, patient_uid)

    @requires(Can.READ_CLINICAL)
    def plans_out(self, patient_uid: str) -> tuple[PlanOut, ...]:
        """The patient's follow-up plans as a push sends them: each with the server version it was
        last synced at and whether it changed here since (never while a conflict of it is open)."""
        pid = self._patient_id_of(patient_uid)
        out = []
        for plan in self.plans(pid):
            body = shared_details(record_format.encode(plan))
            base = clinic_conflicts.get_plan_base(self._db, plan.uid)
            if base is None:
                out.append(PlanOut(plan.uid, body))
                continue
            in_conflict = clinic_conflicts.open_conflict_of(self._db, patient_uid, plan.uid) is not None
            changed = not in_conflict and bool(differing_fields(body, base.details))
            out.append(PlanOut(plan.uid, body, base.version, changed))
        return tuple(out)

    @requires(Can.READ_CLINICAL)
    def note_plans_sent(self, plans: Sequence[PlanOut]) -> None:
        """Keep, before the server is asked, the plans a push may write and as which version: if the
        laptop does not hear back, the next pull knows that version for this laptop's own."""
        with self._atomic():
            for plan in plans:
                if plan.base_version is None or plan.changed:
                    sent = Base((plan.base_version or 0) + 1, plan.body)
                    clinic_conflicts.note_plan_sent(self._db, plan.uid, sent, _now())

    @requires(Can.READ_CLINICAL)
    def record_pushed_plans(
        self, patient_uid: str, versions: Sequence[tuple[str, int]], sent: Sequence[PlanOut]
    ) -> None:
        """Keep that the server holds each plan of ``versions`` (uid, version) as this laptop sent it."""
        bodies = {p.uid: p.body for p in sent}
        with self._atomic():
            for uid, version in versions:
                clinic_conflicts.set_plan_base(self._db, uid, patient_uid, Base(version, bodies[uid]), _now())
                clinic_conflicts.forget_plan_sent(self._db, uid)

    @requires(Can.SEE_PATIENTS)
    def reconcile_settings(self, server: ServerSettings) -> tuple[SettingsOut | None, Pulled]:
        """What the server's clinic-wide settings do here (``domain.conflicts.settings_outcome``):
        taken (audited), kept to push, or both kept as a conflict for a person; and what to push
        (None: nothing). Settings that break a rule are refused by name (ValidationError), nothing
        changed."""
        current = self.settings()
        mine, unset = clinic_wide(current), clinic_wide(ClinicSettings())
        if server.body is None:  # none on the server yet: an owner's laptop gives its own, once set
            return (SettingsOut(mine, None) if server.may_write and mine != unset else None), Pulled()
        if clinic_conflicts.open_conflict_of(self._db, SETTINGS_UID) is not None:
            return None, Pulled()
        theirs = server.body
        taken = with_clinic_wide(current, theirs)
        base = clinic_conflicts.get_settings_base(self._db)
        outcome = settings_outcome(base, mine, theirs, server.version, may_write=server.may_write, unset=unset)
        now = _now()
        with self._atomic():
            if outcome == Outcome.CONFLICT:
                conflict = Conflict(0, SETTINGS_UID, mine, theirs, base.version if base else 0, server.version, now)
                clinic_conflicts.add_conflict(self._db, conflict)
                return None, Pulled(conflicts=1)
            if outcome == Outcome.TAKE_THEIRS:
                settings.save_settings(self._db, taken)
                before, after = (dataclasses.replace(s, logo_png=None) for s in (current, taken))
                self._audit(A.UPDATE, RecordKind.SETTINGS, 1, None, PULLED_SETTINGS, before, after)
            clinic_conflicts.set_settings_base(self._db, Base(server.version, theirs), now)
        if outcome == Outcome.KEEP_MINE:
            return SettingsOut(mine, server.version), Pulled()
        return None, Pulled(settings=int(outcome == Outcome.TAKE_THEIRS))

    @requires(Can.SEE_PATIENTS)
    def record_pushed_settings(self, version: int, body: dict[str, Any]) -> None:
        """Keep that the server took ``body`` as the clinic-wide settings' ``version``."""
        with self._atomic():
            clinic_conflicts.set_settings_base(self._db, Base(version, body), _now())

    @requires(Can.SEE_PATIENTS)
    def reconcile_pulled(self, inbox: Inbox) -> Pulled:
        """What the server's version of a held patient's details does here: the same, or changed here
        only (kept, for the next push): nothing; changed on the server only: taken (audited); changed
        on both sides: a conflict, both versions kept and the local record left as it is. The same
        for each of their follow-up plans; a plan new here is added (audited)."""
        pid = self._held(inbox.patient_uid)
        if pid is None:
            return Pulled()
        done = self._reconcile_details(pid, inbox)
        if inbox.plans and access.may(self.role(), Can.WRITE_CLINICAL):
            done += self._reconcile_plans(pid, inbox)
        return done

    def _reconcile_details(self, pid: int, inbox: Inbox) -> Pulled:
        if inbox.version < 1:
            return Pulled()
        if clinic_conflicts.open_conflict_of(self._db, inbox.patient_uid) is not None:
            return Pulled()
        current = self.patient(pid)
        mine, theirs = shared_details(record_format.encode(current)), shared_details(inbox.patient)
        base = clinic_conflicts.get_base(self._db, inbox.patient_uid)
        sent = clinic_conflicts.get_sent(self._db, inbox.patient_uid)
        if sent is not None and sent.version == inbox.version and not differing_fields(sent.details, theirs):
            base = sent  # the server's version is this laptop's own push, which it did not hear back from
        outcome = reconcile(base, mine, theirs, inbox.version)
        now = _now()
        with self._atomic():
            clinic_conflicts.forget_sent(self._db, inbox.patient_uid)  # judged: whatever became of it
            if outcome == Outcome.CONFLICT:
                clinic_conflicts.add_conflict(
                    self._db,
                    Conflict(0, inbox.patient_uid, mine, theirs, base.version if base else 0, inbox.version, now),
                )
                return Pulled(conflicts=1)
            if outcome == Outcome.TAKE_THEIRS:
                taken = self._checked(theirs, current)
                patients.update_patient(self._db, taken)
                self._audit(A.UPDATE, RecordKind.PATIENT, pid, pid, PULLED_DETAILS, current, self.patient(pid))
            # Kept here (the server's version moved with the same details, or did not move): the next
            # sync pushes them, although no change of this laptop's may follow to send them.
            keep = outcome == Outcome.KEEP_MINE
            clinic_conflicts.set_base(self._db, inbox.patient_uid, Base(inbox.version, theirs), now, push_mine=keep)
        return Pulled(details=int(outcome == Outcome.TAKE_THEIRS))

    def _reconcile_plans(self, pid: int, inbox: Inbox) -> Pulled:
        """Each of the server's plans of the patient: added when not held here; else reconciled with
        the one held, as the details are (``domain.conflicts.reconcile``)."""
        held = {p.uid: p for p in self.plans(pid)}
        done = Pulled()
        now = _now()
        for theirs_plan in inbox.plans:
            uid = theirs_plan.uid
            theirs = shared_details(theirs_plan.body)
            current = held.get(uid)
            if current is None:
                with self._atomic():
                    plan_id = records.insert_plan(self._db, pid, self._checked_plan(theirs, uid))
                    after = next(p for p in self.plans(pid) if p.id == plan_id)
                    self._audit(A.CREATE, RecordKind.PLAN, plan_id, pid, PULLED_PLAN, None, after)
                    first = Base(theirs_plan.version, theirs)
                    clinic_conflicts.set_plan_base(self._db, uid, inbox.patient_uid, first, now)
                done += Pulled(plans=1)
                continue
            if clinic_conflicts.open_conflict_of(self._db, inbox.patient_uid, uid) is not None:
                continue
            mine = shared_details(record_format.encode(current))
            base = clinic_conflicts.get_plan_base(self._db, uid)
            sent = clinic_conflicts.get_plan_sent(self._db, uid)
            if sent is not None and sent.version == theirs_plan.version and not differing_fields(sent.details, theirs):
                base = sent  # the server's version is this laptop's own push, which it did not hear back from
            outcome = reconcile(base, mine, theirs, theirs_plan.version)
            with self._atomic():
                clinic_conflicts.forget_plan_sent(self._db, uid)  # judged: whatever became of it
                if outcome == Outcome.CONFLICT:
                    conflict = Conflict(
                        0,
                        inbox.patient_uid,
                        mine,
                        theirs,
                        base.version if base else 0,
                        theirs_plan.version,
                        now,
                        plan_uid=uid,
                    )
                    clinic_conflicts.add_conflict(self._db, conflict)
                    done += Pulled(conflicts=1)
                    continue
                if outcome == Outcome.TAKE_THEIRS:
                    taken = dataclasses.replace(self._checked_plan(theirs, uid), id=current.id, patient_id=pid)
                    records.update_plan(self._db, taken)
                    after = next(p for p in self.plans(pid) if p.id == current.id)
                    assert current.id is not None
                    self._audit(A.UPDATE, RecordKind.PLAN, current.id, pid, PULLED_PLAN_CHANGE, current, after)
                    done += Pulled(plans=1)
                keep = outcome == Outcome.KEEP_MINE
                now_synced = Base(theirs_plan.version, theirs)
                clinic_conflicts.set_plan_base(self._db, uid, inbox.patient_uid, now_synced, now, push_mine=keep)
        return done

    def _checked_plan(self, body: dict[str, Any], uid: str) -> FollowUpPlan:
        """``body`` as the plan ``uid``, once it reads and passes every rule (goals judged before
        they carried dates are read as such files are)."""
        plan: FollowUpPlan = record_format.read_object(FollowUpPlan, body)
        if plan.uid != uid:
            raise ValidationError([FieldError("uid", f"the plan filed as {uid} is {plan.uid}")])
        errors = plan_errors(plan, self._today(), "follow-up plan", dated_outcomes=False)
        if errors:
            raise ValidationError(errors)
        return plan

    @requires(Can.EDIT_PATIENTS)
    def resolve_conflict(self, conflict_id: int, choice: Choice) -> Changed:
        """Resolve conflict ``conflict_id`` with ``choice``: this laptop's version (``"mine"``: as it
        is now, with any edit made here since the conflict was found), the server's (``"theirs"``),
        or a choice per differing field. The patient's details become the
        chosen ones, audited; the next sync pushes them as the server's next version."""
        conflict = clinic_conflicts.get_conflict(self._db, conflict_id)
        if conflict is None or conflict.resolved_at is not None:
            raise NotFoundError(f"there is no open conflict {conflict_id}")
        if conflict.patient_uid == SETTINGS_UID:
            return self._resolve_settings_conflict(conflict, choice)
        if conflict.plan_uid:
            return self._resolve_plan_conflict(conflict, choice)
        pid = self._patient_id_of(conflict.patient_uid)
        current = self.patient(pid)
        # "mine" is this laptop's version now: an edit made here while the conflict was open is not lost
        mine = shared_details(record_format.encode(current))
        details = resolved(mine, conflict.theirs, choice)
        chosen = self._checked(details, current)
        words = choice_words(choice)
        with self._atomic():
            patients.update_patient(self._db, chosen)
            after = self.patient(pid)
            self._audit(
                A.UPDATE, RecordKind.PATIENT, pid, pid, f"resolved a conflict of details: {words}", current, after
            )
            resolution = {"choice": choice if isinstance(choice, str) else dict(choice), "details": details}
            if mine != conflict.mine:
                resolution["mine"] = mine  # as edited here since the conflict was found
            clinic_conflicts.resolve(self._db, conflict_id, _now(), self.actor, resolution)
            base = Base(conflict.theirs_version, shared_details(conflict.theirs))
            clinic_conflicts.set_base(self._db, conflict.patient_uid, base, _now())
        return Changed(frozenset({RecordKind.PATIENT}), (pid,))

    @requires(Can.WRITE_CLINICAL)
    def _resolve_plan_conflict(self, conflict: Conflict, choice: Choice) -> Changed:
        """``resolve_conflict`` of a follow-up plan: the plan becomes the chosen one, audited."""
        pid = self._patient_id_of(conflict.patient_uid)
        current = next((p for p in self.plans(pid) if p.uid == conflict.plan_uid), None)
        if current is None or current.id is None:
            raise NotFoundError(f"there is no follow-up plan {conflict.plan_uid} on this laptop")
        mine = shared_details(record_format.encode(current))
        body = resolved(mine, conflict.theirs, choice)
        chosen = dataclasses.replace(self._checked_plan(body, conflict.plan_uid), id=current.id, patient_id=pid)
        words = choice_words(choice)
        with self._atomic():
            records.update_plan(self._db, chosen)
            after = next(p for p in self.plans(pid) if p.id == current.id)
            summary = f"resolved a conflict of the follow-up plan of {current.created_on.isoformat()}: {words}"
            self._audit(A.UPDATE, RecordKind.PLAN, current.id, pid, summary, current, after)
            resolution = {"choice": choice if isinstance(choice, str) else dict(choice), "details": body}
            if mine != conflict.mine:
                resolution["mine"] = mine
            clinic_conflicts.resolve(self._db, conflict.id, _now(), self.actor, resolution)
            base = Base(conflict.theirs_version, shared_details(conflict.theirs))
            clinic_conflicts.set_plan_base(self._db, conflict.plan_uid, conflict.patient_uid, base, _now())
        return Changed(frozenset({RecordKind.PLAN}), (pid,))

    @requires(Can.MANAGE_PRACTICE)
    def _resolve_settings_conflict(self, conflict: Conflict, choice: Choice) -> Changed:
        """``resolve_conflict`` of the clinic-wide settings: they become the chosen ones, audited."""
        current = self.settings()
        mine = clinic_wide(current)
        body = resolved(mine, conflict.theirs, choice)
        chosen = with_clinic_wide(current, body)
        with self._atomic():
            settings.save_settings(self._db, chosen)
            before, after = (dataclasses.replace(s, logo_png=None) for s in (current, chosen))
            summary = f"resolved a conflict of the clinic settings: {choice_words(choice)}"
            self._audit(A.UPDATE, RecordKind.SETTINGS, 1, None, summary, before, after)
            resolution = {"choice": choice if isinstance(choice, str) else dict(choice), "details": body}
            if mine != conflict.mine:
                resolution["mine"] = mine
            clinic_conflicts.resolve(self._db, conflict.id, _now(), self.actor, resolution)
            clinic_conflicts.set_settings_base(self._db, Base(conflict.theirs_version, conflict.theirs), _now())
        return Changed(frozenset({RecordKind.SETTINGS}))

    def _patient_id_of(self, patient_uid: str) -> int:
        found = self._held(patient_uid)
        if found is None:
            raise NotFoundError(f"there is no patient {patient_uid} on this laptop")
        return found

    def _held(self, patient_uid: str) -> int | None:
        """This laptop's id of the patient ``patient_uid``; None when it holds none."""
        return patients.id_of_uid(self._db, patient_uid)

    def _checked(self, details: dict[str, Any], current: Patient) -> Patient:
        """``details`` as the patient ``current`` is (same id and uid), once they read and pass every rule."""
        patient: Patient = record_format.read_object(Patient, details)
        if patient.uid != current.uid:
            raise ValidationError([FieldError("uid", f"the details are those of {patient.uid}, not {current.uid}")])
        patient = dataclasses.replace(patient, id=current.id, created_at=current.created_at)
        errors = patient_errors(patient, self._today())
        if errors:
            raise ValidationError(errors)
        return patient
