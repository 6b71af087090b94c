"""Which follow-ups are pending, and whose: the one home of the rule.

A follow-up is pending while it is neither done nor cancelled and its case is open
(``followup_pending_q``). A user's pending follow-ups are those assigned to them on cases they may
see (``followups_pending(user=...)``). The nav badge, "My follow-ups", the reminder email, the
queue's "overdue" column and filter, the person page, the case page and the dashboard all count
from here. Resolving or closing a case settles its follow-ups (done or cancelled), a transfer
moves them, and they are given only to people who may see the case (``services.casework``,
which finds them with ``case_followups_unsettled``).
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Subquery, When
from django.db.models import Case as CaseWhen
from django.utils import timezone

from . import permissions
from .models import FollowUp
from .vocabulary import OPEN_STATUSES


def _not_settled_q() -> Q:
    """The follow-up's half of the rule (a condition on ``FollowUp``): neither done nor
    cancelled."""
    return Q(done_at__isnull=True, cancelled_at__isnull=True)


def _case_keeps_followups_q(prefix: str = "") -> Q:
    """The case's half of the rule: only an open case has follow-ups to do (a condition on
    ``Case``, or through ``prefix`` on a model that points to one)."""
    return Q(**{f"{prefix}status__in": OPEN_STATUSES})


def followup_pending_q() -> Q:
    """The rule: a follow-up is pending while it is neither done nor cancelled and its case is
    open.

    Resolving or closing a case settles its follow-ups, so a resolved or closed case shows no
    "Overdue" and sends no reminder; the case half of the rule keeps it so for follow-ups left
    from before settling existed (reopened, such a case has them again). "Overdue" is a pending
    follow-up due before today, in the site's time zone.
    """
    return _not_settled_q() & _case_keeps_followups_q(prefix="case__")


def case_followups_unsettled(case):
    """The case's follow-ups neither done nor cancelled, whatever its status: what resolving or
    closing settles and what a transfer moves."""
    return FollowUp.objects.filter(_not_settled_q(), case=case)


def cases_with_unsettled_followups(case_ids) -> set[int]:
    """Which of these cases have follow-ups neither done nor cancelled (one query)."""
    return set(
        FollowUp.objects.filter(_not_settled_q(), case_id__in=list(case_ids))
        .values_list("case_id", flat=True)
        .distinct()
    )


def followups_pending(*, user=None):
    """Pending follow-ups; with ``user``, those assigned to them on cases they may see.

    The nav badge, "My follow-ups" and the reminder email all count from here, so a follow-up
    on a case its assignee may not see (someone else's confidential case) is in none of them.
    """
    pending = FollowUp.objects.filter(followup_pending_q())
    if user is None:
        return pending
    if not permissions.user_can_access(user):
        return FollowUp.objects.none()
    return pending.filter(assignee=user).filter(
        permissions.case_visibility_q(user, prefix="case__")
    )


# The same rule seen from a case, for the queue and the person page. The case's half is a
# condition on the case row itself, so the subquery on follow-ups does not join the cases again
# (at hundreds of thousands of cases that join is a scan of them all).


def _case_followups_not_settled():
    return FollowUp.objects.filter(_not_settled_q(), case=OuterRef("pk"))


def case_has_overdue_followups(today: datetime.date) -> Q:
    """A condition on cases: the case has a pending follow-up due before ``today``."""
    return _case_keeps_followups_q() & Exists(
        _case_followups_not_settled().filter(due_on__lt=today)
    )


def case_has_overdue_followups_annotation(today: datetime.date) -> ExpressionWrapper:
    """``case_has_overdue_followups`` as a value (``has_overdue`` on the queue's rows)."""
    return ExpressionWrapper(case_has_overdue_followups(today), output_field=BooleanField())


def case_next_followup_due_annotation() -> When:
    """The due date of the case's next pending follow-up, or None (``next_due``)."""
    return CaseWhen(
        When(
            _case_keeps_followups_q(),
            then=Subquery(_case_followups_not_settled().order_by("due_on").values("due_on")[:1]),
        ),
        default=None,
    )


def followup_is_pending_annotation() -> ExpressionWrapper:
    """``followup_pending_q`` as a value on follow-ups (``is_pending`` on the case page)."""
    return ExpressionWrapper(followup_pending_q(), output_field=BooleanField())


def followups_for_user(*, user, today: datetime.date | None = None) -> dict[str, list[FollowUp]]:
    """The user's pending follow-ups: overdue, due today, and the next seven days."""
    today = today or timezone.localdate()
    rows = list(
        followups_pending(user=user)
        .filter(due_on__lte=today + datetime.timedelta(days=7))
        .select_related("case", "case__person")
        .order_by("due_on", "id")
    )
    return {
        "overdue": [f for f in rows if f.due_on < today],
        "today": [f for f in rows if f.due_on == today],
        "upcoming": [f for f in rows if f.due_on > today],
    }


def followups_overdue_count(*, user, today: datetime.date | None = None) -> int:
    """The nav badge: the user's pending follow-ups due before today."""
    today = today or timezone.localdate()
    return followups_pending(user=user).filter(due_on__lt=today).count()


def followups_due_by_assignee(*, today: datetime.date) -> dict:
    """For the reminder email: each assignee with an email address and their pending follow-ups
    due today or overdue (the same follow-ups "My follow-ups" shows them), ordered by user id."""
    UserModel = get_user_model()
    assignees = (
        UserModel.objects.filter(
            pk__in=followups_pending().filter(due_on__lte=today).values("assignee_id")
        )
        .exclude(email="")
        .order_by("pk")
    )
    due = {}
    for user in assignees:
        followups = list(
            followups_pending(user=user)
            .filter(due_on__lte=today)
            .select_related("case")
            .order_by("due_on", "id")
        )
        if followups:
            due[user] = followups
    return due
