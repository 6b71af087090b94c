"""The case page offers exactly the status moves the service accepts, for each role."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from backoffice import services
from backoffice.vocabulary import Outcome, Status

from .conftest import open_case

pytestmark = pytest.mark.django_db


def _case_in(status, case_manager, supervisor):
    case = open_case(assignee=case_manager)
    if status in (Status.IN_PROGRESS, Status.WAITING):
        services.case_status_set(case=case, actor=case_manager, status=status)
    if status in (Status.RESOLVED, Status.CLOSED):
        services.case_resolve(case=case, actor=case_manager, outcome=Outcome.KEPT)
    if status == Status.CLOSED:
        services.case_status_set(case=case, actor=supervisor, status=Status.CLOSED)
    case.refresh_from_db()
    assert case.status == status
    return case


def _accepted(case, user, target) -> bool:
    savepoint = transaction.savepoint()
    try:
        services.case_status_set(case=case, actor=user, status=target)
    except (ValidationError, PermissionDenied):
        return False
    finally:
        transaction.savepoint_rollback(savepoint)
        case.refresh_from_db()
    return True


EXPECTED = {
    # status: (a case manager's moves, a supervisor's moves)
    Status.NEW: ([Status.IN_PROGRESS, Status.WAITING], [Status.IN_PROGRESS, Status.WAITING]),
    Status.IN_PROGRESS: ([Status.WAITING], [Status.WAITING]),
    Status.WAITING: ([Status.IN_PROGRESS], [Status.IN_PROGRESS]),
    Status.RESOLVED: ([], [Status.CLOSED]),
    Status.CLOSED: ([], []),
}


@pytest.mark.parametrize("status", list(EXPECTED))
def test_offered_moves_are_the_accepted_moves(status, case_manager, supervisor, client):
    case = _case_in(status, case_manager, supervisor)
    for user, expected in zip((case_manager, supervisor), EXPECTED[status], strict=True):
        moves = services.case_status_moves(case=case, user=user)
        assert moves == expected
        accepted = [t for t in Status.values if t != status and _accepted(case, user, t)]
        assert accepted == moves
        client.force_login(user)
        page = client.get(reverse("backoffice:case", args=[case.reference]))
        assert [value for value, _label in page.context["status_choices"]] == moves
        assert ("Close the case" in page.content.decode()) == (
            status == Status.RESOLVED and Status.CLOSED in moves
        )
