"""Working a case: assignment and transfer, notes, follow-ups, status moves, resolving, reopening.

The moves between statuses live here once (``STATUS_TRANSITIONS``, ``case_status_moves``): the case
page offers exactly the moves ``case_status_set`` accepts.
"""

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..audit import audit_record
from ..followups import case_followups_unsettled
from ..models import AuditAction, Case, CasePet, Pet, TimelineEntry
from ..vocabulary import CONTACT_NOTE_KINDS, OPEN_STATUSES, EventKind, NoteKind, Outcome, Status
from .followups import SETTLE_CANCELLED, SETTLE_CHOICES, followups_move, followups_settle
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
    moved = followups_move(case=case, previous_assignee_id=previous)
    timeline_add(
        case=case,
        kind=EventKind.ASSIGNED,
        author=actor,
        subject_user=assignee,
        data={"from": previous, "to": assignee.pk, "followups_moved": moved},
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
    moved = followups_move(case=case, previous_assignee_id=previous)
    timeline_add(
        case=case,
        kind=EventKind.TRANSFERRED,
        author=actor,
        subject_user=assignee,
        body=reason.strip(),
        data={"from": previous, "to": assignee.pk, "followups_moved": moved},
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
        # Resolving settled them; any left (from before settling existed) are no longer to do.
        followups_settle(case=case, actor=actor, how=SETTLE_CANCELLED)
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
    followups: str = "",
) -> Case:
    """Resolve an open case. The outcome is required; each pet may have its own. Follow-ups
    still to do are settled: ``followups`` says whether they were done or are cancelled
    (required when there are any)."""
    work_check(actor, case)
    if case.status not in OPEN_STATUSES:
        raise ValidationError({"status": [_("Only an open case can be resolved.")]})
    errors = Errors()
    if not outcome:
        errors.add("outcome", _("Choose the outcome."))
    else:
        errors.check_choice("outcome", outcome, Outcome.choices)
    if followups not in SETTLE_CHOICES and case_followups_unsettled(case).exists():
        errors.add(
            "followups",
            _("Say whether the follow-ups still planned were done or are cancelled."),
        )
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
    if followups in SETTLE_CHOICES:
        followups_settle(case=case, actor=actor, how=followups)
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
