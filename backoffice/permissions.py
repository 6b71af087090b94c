"""Who may do what in the back office. Superusers count as supervisors."""

from django.db.models import Q

ACCESS_PERMISSION = "backoffice.access_backoffice"
SUPERVISE_PERMISSION = "backoffice.supervise_cases"
# Approving and hiding reports on the public lost and found board (the "Supervisors" group has it;
# give it to others in the admin's groups or users).
MODERATE_PERMISSION = "backoffice.moderate_board"

CASE_MANAGERS_GROUP = "Case managers"
SUPERVISORS_GROUP = "Supervisors"


def user_can_access(user) -> bool:
    return bool(
        user and user.is_authenticated and user.is_active and user.has_perm(ACCESS_PERMISSION)
    )


def user_is_supervisor(user) -> bool:
    return bool(
        user_can_access(user) and (user.is_superuser or user.has_perm(SUPERVISE_PERMISSION))
    )


def user_can_moderate(user) -> bool:
    """May approve lost and found reports for the public board, and hide them from it (only
    reports of cases this user may see: ``user_can_see_case``)."""
    return bool(user_can_access(user) and (user.is_superuser or user.has_perm(MODERATE_PERMISSION)))


def case_visibility_q(user, prefix: str = "") -> Q:
    """Cases this user may see: all for supervisors; otherwise all but others' confidential cases."""
    if user_is_supervisor(user):
        return Q()
    return Q(**{f"{prefix}confidential": False}) | Q(**{f"{prefix}assignee": user})


def user_can_see_case(user, case) -> bool:
    if not user_can_access(user):
        return False
    return not case.confidential or user_is_supervisor(user) or case.assignee_id == user.pk


def user_can_see_case_test(user):
    """``user_can_see_case`` for this user as a test of one case, this user's permissions read
    once (for many cases: the queue's counts add up dozens of groups of cases)."""
    if not user_can_access(user):
        return lambda case: False
    if user_is_supervisor(user):
        return lambda case: True
    return lambda case: not case.confidential or case.assignee_id == user.pk


def user_sees_confidential_cases(user) -> bool:
    """Whether any confidential case is visible to this user, now: supervisors see them all, a
    case manager those assigned to her (``case_visibility_q``). The staff for whom
    ``STAFF_TOTP_REQUIRED_FOR_CONFIDENTIAL`` makes a second factor required."""
    if not user_can_access(user):
        return False
    if user_is_supervisor(user):
        return True
    from .models import Case

    return Case.objects.filter(case_visibility_q(user), confidential=True).exists()


def user_can_reset_second_factor(user, staff) -> bool:
    """Supervisors remove a staff member's second factor (a lost phone); only a superuser
    removes a superuser's."""
    return user_is_supervisor(user) and (user.is_superuser or not staff.is_superuser)


def users_who_can_see_case_q(case) -> Q:
    """A condition on users (with ``user_can_access`` checked apart): who may see this case.
    Everyone for a case that is not confidential; supervisors and its case manager otherwise."""
    if not case.confidential:
        return Q()
    return (
        Q(is_superuser=True)
        | Q(groups__permissions__codename="supervise_cases")
        | Q(user_permissions__codename="supervise_cases")
        | Q(pk=case.assignee_id)
    )


def user_can_work_case(user, case) -> bool:
    """Add notes, follow-ups, referrals, change status, resolve (not close)."""
    return user_can_see_case(user, case)


def user_can_assign(user, case, assignee) -> bool:
    """Supervisors assign anyone; a case manager may take an unassigned case for themselves."""
    if user_is_supervisor(user):
        return True
    return user_can_see_case(user, case) and case.assignee_id is None and assignee.pk == user.pk


def user_can_take(user, case) -> bool:
    """ "Take this case": the case has nobody yet and the user may assign it to themselves."""
    return case.assignee_id is None and user_can_assign(user, case, user)


def user_can_transfer(user, case) -> bool:
    """The assigned case manager may hand the case over (with a reason); supervisors always."""
    if user_is_supervisor(user):
        return True
    return user_can_access(user) and case.assignee_id == user.pk


def backoffice_groups_ensure() -> None:
    """Create the two groups with their permissions (what migration 0002 does), for databases
    emptied after migrating, such as browser tests' flushed databases."""
    from django.contrib.auth.models import Group, Permission

    work = Permission.objects.filter(
        content_type__app_label="backoffice",
        content_type__model__in=[
            "case",
            "person",
            "pet",
            "casepet",
            "caseneed",
            "casereason",
            "referral",
            "followup",
            "timelineentry",
        ],
        codename__regex=r"^(add|change|view)_",
    )
    ours = {p.codename: p for p in Permission.objects.filter(content_type__app_label="backoffice")}
    admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    case_managers, _ = Group.objects.get_or_create(name=CASE_MANAGERS_GROUP)
    case_managers.permissions.add(admin, ours["access_backoffice"], *work)
    supervisors, _ = Group.objects.get_or_create(name=SUPERVISORS_GROUP)
    supervisors.permissions.add(
        admin,
        ours["access_backoffice"],
        ours["supervise_cases"],
        ours["view_auditentry"],
        ours["moderate_board"],
        *work,
    )
