"""Working a case: assignment and transfer, notes, follow-ups, status moves, resolving, reopening.

The moves between statuses live here once (``STATUS_TRANSITIONS``, ``case_status_moves``): the case
page offers exactly the moves ``case_status_set`` accepts.
"""

import datetime
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..audit import audit_record
from ..models import AuditAction, Case, CasePet, FollowUp, Pet, TimelineEntry
from ..vocabulary import CONTACT_NOTE_KINDS, OPEN_STATUSES, EventKind, NoteKind, Outcome, Status
from .intake import PetDetails, pet_validate
from .timeline import case_touch, timeline_add
from .validation import Errors, assignee_check, work_check


@transaction.atomic
def case_assign(*, case: Case, assignee, actor) -> Case:
    """Supervisors assign anyone; a case manager takes an unassigned case for themselves."""
    if not permissions.user_can_assign(actor, case, assignee):
        raise PermissionDenied
    assignee_check(assignee)
    if case.assignee_id == assignee.pk:
        return case
    previous = case.assignee_id
    case.assignee = assignee
    case.save(update_fields=["assignee", "updated_at"])
    timeline_add(
        case=case,
        kind=EventKind.ASSIGNED,
        author=actor,
        subject_user=assignee,
        data={"from": previous, "to": assignee.pk},
    )
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="case_assign", case=case)
    return case


@transaction.atomic
def case_transfer(*, case: Case, assignee, actor, reason: str) -> Case:
    """Hand the case to another case manager, saying why (kept in the timeline)."""
    if not permissions.user_can_transfer(actor, case):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the case is being transferred.")]})
    assignee_check(assignee)
    if case.assignee_id == assignee.pk:
        raise ValidationError({"assignee": [_("The case is already with this person.")]})
    previous = case.assignee_id
    case.assignee = assignee
    case.save(update_fields=["assignee", "updated_at"])
    timeline_add(
        case=case,
        kind=EventKind.TRANSFERRED,
        author=actor,
        subject_user=assignee,
        body=reason.strip(),
        data={"from": previous, "to": assignee.pk},
    )
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="case_transfer", case=case)
    return case


@transaction.atomic
def case_note_add(*, case: Case, actor, kind: str, body: str) -> TimelineEntry:
    work_check(actor, case)
    errors = Errors()
    errors.check_choice("kind", kind, NoteKind.choices)
    if not body.strip():
        errors.add("body", _("Write the note."))
    errors.raise_if_any()
    entry = timeline_add(
        case=case, kind=EventKind.NOTE, author=actor, note_kind=kind, body=body.strip()
    )
    if kind in CONTACT_NOTE_KINDS and case.first_contact_at is None:
        case.first_contact_at = entry.created_at
        case.save(update_fields=["first_contact_at", "updated_at"])
    else:
        case_touch(case)
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="case_note_add", case=case)
    return entry


@transaction.atomic
def case_followup_add(
    *, case: Case, actor, due_on: datetime.date, assignee=None, note: str = ""
) -> FollowUp:
    work_check(actor, case)
    assignee = assignee or case.assignee or actor
    assignee_check(assignee)
    followup = FollowUp.objects.create(
        case=case, due_on=due_on, assignee=assignee, note=note.strip(), created_by=actor
    )
    timeline_add(
        case=case,
        kind=EventKind.FOLLOWUP,
        author=actor,
        subject_user=assignee,
        followup=followup,
        body=followup.note,
        data={"due_on": due_on.isoformat()},
    )
    case_touch(case)
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="case_followup_add", case=case)
    return followup


@transaction.atomic
def case_followup_complete(*, followup: FollowUp, actor, note: str = "") -> FollowUp:
    case = followup.case
    work_check(actor, case)
    if followup.done_at is not None:
        return followup
    followup.done_at = timezone.now()
    followup.done_by = actor
    followup.save(update_fields=["done_at", "done_by"])
    timeline_add(
        case=case,
        kind=EventKind.FOLLOWUP_DONE,
        author=actor,
        followup=followup,
        body=note.strip(),
        data={"due_on": followup.due_on.isoformat()},
    )
    case_touch(case)
    audit_record(
        actor=actor, action=AuditAction.CHANGE, operation="case_followup_complete", case=case
    )
    return followup


# Moves allowed by case_status_set. Resolving needs an outcome (case_resolve); leaving "resolved"
# or "closed" is a reopen (case_reopen).
STATUS_TRANSITIONS = {
    Status.NEW: {Status.IN_PROGRESS, Status.WAITING},
    Status.IN_PROGRESS: {Status.WAITING},
    Status.WAITING: {Status.IN_PROGRESS},
    Status.RESOLVED: {Status.CLOSED},
    Status.CLOSED: set(),
}
# Closing a case is for supervisors.
SUPERVISOR_STATUSES = {Status.CLOSED}


def case_status_moves(*, case: Case, user) -> list[str]:
    """The statuses ``user`` may move ``case`` to with ``case_status_set``, in the usual order."""
    allowed = STATUS_TRANSITIONS.get(case.status, set())
    supervisor = permissions.user_is_supervisor(user)
    return [
        status
        for status in Status.values
        if status in allowed and (status not in SUPERVISOR_STATUSES or supervisor)
    ]


@transaction.atomic
def case_status_set(*, case: Case, actor, status: str, note: str = "") -> Case:
    work_check(actor, case)
    if status == case.status:
        return case
    if status == Status.RESOLVED:
        raise ValidationError({"status": [_("Record an outcome to resolve the case.")]})
    if status not in STATUS_TRANSITIONS.get(case.status, set()):
        raise ValidationError({"status": [_("The case cannot move to this status from here.")]})
    if status not in case_status_moves(case=case, user=actor):
        raise PermissionDenied
    previous = case.status
    case.status = status
    if status == Status.CLOSED:
        case.closed_at = timezone.now()
    case.save(update_fields=["status", "closed_at", "updated_at"])
    timeline_add(
        case=case,
        kind=EventKind.STATUS,
        author=actor,
        body=note.strip(),
        data={"from": previous, "to": status},
    )
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="case_status_set", case=case)
    return case


@transaction.atomic
def case_resolve(
    *,
    case: Case,
    actor,
    outcome: str,
    outcome_notes: str = "",
    pet_outcomes: Mapping[int, tuple[str, str]] | None = None,
) -> Case:
    """Resolve an open case. The outcome is required; each pet may have its own."""
    work_check(actor, case)
    if case.status not in OPEN_STATUSES:
        raise ValidationError({"status": [_("Only an open case can be resolved.")]})
    errors = Errors()
    if not outcome:
        errors.add("outcome", _("Choose the outcome."))
    else:
        errors.check_choice("outcome", outcome, Outcome.choices)
    pet_outcomes = dict(pet_outcomes or {})
    for pet_id, (pet_outcome, _detail) in pet_outcomes.items():
        errors.check_choice(f"pet_{pet_id}", pet_outcome, Outcome.choices, required=False)
    errors.raise_if_any()

    previous = case.status
    now = timezone.now()
    case.status = Status.RESOLVED
    case.outcome = outcome
    case.outcome_notes = outcome_notes.strip()
    case.resolved_at = now
    case.save(update_fields=["status", "outcome", "outcome_notes", "resolved_at", "updated_at"])
    per_pet = {}
    case_pets = list(case.case_pets.all())
    for case_pet in case_pets:
        pet_outcome, detail = pet_outcomes.get(case_pet.pet_id, ("", ""))
        case_pet.outcome = pet_outcome or outcome
        case_pet.outcome_detail = (detail or "").strip()
        per_pet[str(case_pet.pet_id)] = case_pet.outcome
    CasePet.objects.bulk_update(case_pets, ["outcome", "outcome_detail"])
    timeline_add(
        case=case,
        kind=EventKind.RESOLVED,
        author=actor,
        body=case.outcome_notes,
        data={"from": previous, "outcome": outcome, "pets": per_pet},
        created_at=now,
    )
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="case_resolve", case=case)
    return case


@transaction.atomic
def case_reopen(*, case: Case, actor, reason: str) -> Case:
    """Reopen a resolved or closed case. Its history, including the earlier outcome, stays."""
    work_check(actor, case)
    if case.status not in (Status.RESOLVED, Status.CLOSED):
        raise ValidationError({"status": [_("Only a resolved or closed case can be reopened.")]})
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the case is being reopened.")]})
    previous_status, previous_outcome = case.status, case.outcome
    case.status = Status.IN_PROGRESS
    case.outcome = ""
    case.resolved_at = None
    case.closed_at = None
    case.save(update_fields=["status", "outcome", "resolved_at", "closed_at", "updated_at"])
    case.case_pets.update(outcome="")
    timeline_add(
        case=case,
        kind=EventKind.REOPENED,
        author=actor,
        body=reason.strip(),
        data={"from": previous_status, "previous_outcome": previous_outcome},
    )
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="case_reopen", case=case)
    return case


@transaction.atomic
def case_pet_add(*, case: Case, actor, pet: PetDetails) -> Pet:
    work_check(actor, case)
    errors = Errors()
    pet_validate(pet, errors, 0)
    errors.raise_if_any()
    new_pet = Pet.objects.create(owner=case.person, **vars(pet))
    CasePet.objects.create(case=case, pet=new_pet)
    timeline_add(case=case, kind=EventKind.PET_ADDED, author=actor, data={"pet": new_pet.pk})
    audit_record(actor=actor, action=AuditAction.CHANGE, operation="case_pet_add", case=case)
    return new_pet
