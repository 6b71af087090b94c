"""Follow-ups of a case: planning, doing and cancelling one; settling and moving them with the case.

A follow-up goes only to someone who may see its case (a confidential case's follow-up never
reaches another case manager's badge, list or reminder). Resolving or closing the case settles
the follow-ups still to do (done or cancelled, ``followups_settle``); a transfer or a new
assignment moves them to the new case manager (``followups_move``). Which follow-ups are pending
is ``backoffice.followups``.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..audit import audit_record
from ..followups import case_followups_unsettled
from ..models import AuditAction, Case, FollowUp
from ..vocabulary import OPEN_STATUSES, EventKind
from .timeline import case_touch, timeline_add
from .validation import assignee_check, work_check

SETTLE_DONE = "done"
SETTLE_CANCELLED = "cancelled"
SETTLE_CHOICES = (SETTLE_DONE, SETTLE_CANCELLED)
# How far ahead a follow-up may be planned.
FOLLOWUP_HORIZON = datetime.timedelta(days=5 * 366)


def followup_assignee_check(assignee, case: Case) -> None:
    """A follow-up goes to someone who can work on cases and may see this one."""
    assignee_check(assignee)
    if assignee is not None and not permissions.user_can_see_case(assignee, case):
        raise ValidationError(
            {
                "assignee": [
                    _("This person cannot see this confidential case. Choose someone who can.")
                ]
            }
        )


@transaction.atomic
def case_followup_add(
    *, case: Case, actor, due_on: datetime.date, assignee=None, note: str = ""
) -> FollowUp:
    work_check(actor, case)
    if case.status not in OPEN_STATUSES:
        raise ValidationError({"due_on": [_("Reopen the case to plan a follow-up.")]})
    if due_on > timezone.localdate() + FOLLOWUP_HORIZON:
        # A slip of the keyboard (20277, 9999-12-31) would hide the follow-up from every list.
        raise ValidationError({"due_on": [_("Choose a day within the next five years.")]})
    assignee = assignee or case.assignee or actor
    followup_assignee_check(assignee, case)
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


def _settle(followup: FollowUp, *, actor, how: str, note: str = "", now=None) -> None:
    now = now or timezone.now()
    if how == SETTLE_DONE:
        followup.done_at, followup.done_by = now, actor
        followup.save(update_fields=["done_at", "done_by"])
        kind = EventKind.FOLLOWUP_DONE
    else:
        followup.cancelled_at, followup.cancelled_by = now, actor
        followup.save(update_fields=["cancelled_at", "cancelled_by"])
        kind = EventKind.FOLLOWUP_CANCELLED
    timeline_add(
        case=followup.case,
        kind=kind,
        author=actor,
        followup=followup,
        body=note.strip(),
        data={"due_on": followup.due_on.isoformat()},
        created_at=now,
    )


def _is_settled(followup: FollowUp) -> bool:
    return followup.done_at is not None or followup.cancelled_at is not None


@transaction.atomic
def case_followup_complete(*, followup: FollowUp, actor, note: str = "") -> FollowUp:
    case = followup.case
    work_check(actor, case)
    if _is_settled(followup):
        return followup
    _settle(followup, actor=actor, how=SETTLE_DONE, note=note)
    case_touch(case)
    audit_record(
        actor=actor, action=AuditAction.CHANGE, operation="case_followup_complete", case=case
    )
    return followup


@transaction.atomic
def case_followup_cancel(*, followup: FollowUp, actor, note: str = "") -> FollowUp:
    """A follow-up no longer to do (plans changed), kept in the case's history."""
    case = followup.case
    work_check(actor, case)
    if _is_settled(followup):
        return followup
    _settle(followup, actor=actor, how=SETTLE_CANCELLED, note=note)
    case_touch(case)
    audit_record(
        actor=actor, action=AuditAction.CHANGE, operation="case_followup_cancel", case=case
    )
    return followup


def followups_settle(*, case: Case, actor, how: str) -> int:
    """Settle every follow-up of the case still to do (``how``: done or cancelled), as resolving
    or closing the case does. Returns how many were settled."""
    now = timezone.now()
    followups = list(case_followups_unsettled(case).select_related("case"))
    for followup in followups:
        _settle(followup, actor=actor, how=how, now=now)
    return len(followups)


def followups_move(*, case: Case, previous_assignee_id: int | None) -> int:
    """After the case changed hands (or became confidential): its follow-ups still to do that
    were the previous case manager's, or whose assignee may no longer see the case, go to its
    case manager. Returns how many moved."""
    moved = 0
    for followup in case_followups_unsettled(case).select_related("assignee"):
        if followup.assignee_id == case.assignee_id:
            continue
        if (
            followup.assignee_id is None
            or followup.assignee_id == previous_assignee_id
            or not permissions.user_can_see_case(followup.assignee, case)
        ):
            followup.assignee = case.assignee
            followup.save(update_fields=["assignee"])
            moved += 1
    return moved
