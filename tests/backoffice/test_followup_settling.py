"""Follow-ups go only to people who may see the case, move with it, and are settled with it."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from backoffice import followups as followups_rule
from backoffice import services
from backoffice.models import FollowUp, TimelineEntry
from backoffice.vocabulary import Outcome, Reason

from .conftest import open_case

pytestmark = pytest.mark.django_db

PAST = timezone.localdate() - datetime.timedelta(days=2)


def test_a_confidential_cases_follow_up_cannot_go_to_someone_who_cannot_see_it(
    case_manager, other_case_manager, supervisor, client
):
    secret = open_case(reasons=[Reason.SAFETY], assignee=case_manager)
    with pytest.raises(ValidationError) as error:
        services.case_followup_add(
            case=secret, actor=case_manager, due_on=PAST, assignee=other_case_manager
        )
    assert "cannot see this confidential case" in str(error.value)
    assert not FollowUp.objects.exists()
    # A supervisor may take it.
    services.case_followup_add(case=secret, actor=case_manager, due_on=PAST, assignee=supervisor)

    # The form offers only who may see the case, and says why; a forged choice is refused.
    client.force_login(case_manager)
    page = client.get(reverse("backoffice:case", args=[secret.reference]))
    choices = [u.pk for u in page.context["followup_form"].fields["assignee"].queryset]
    assert sorted(choices) == sorted([case_manager.pk, supervisor.pk])
    assert "Only people who may see this case are listed." in page.content.decode()
    response = client.post(
        reverse("backoffice:case_followup", args=[secret.reference]),
        {"due_on": PAST.isoformat(), "assignee": other_case_manager.pk, "note": "Call"},
    )
    assert response.status_code == 400
    assert FollowUp.objects.filter(assignee=other_case_manager).count() == 0
    # Nothing of it reaches the other case manager.
    services.followup_reminders_send(today=timezone.localdate())
    assert other_case_manager.email not in [m.to[0] for m in mail.outbox]


def test_a_plain_cases_follow_up_may_go_to_any_colleague(case_manager, other_case_manager):
    plain = open_case(assignee=case_manager)
    followup = services.case_followup_add(
        case=plain, actor=case_manager, due_on=PAST, assignee=other_case_manager
    )
    assert followup.assignee == other_case_manager


@pytest.mark.parametrize("how", ["transfer", "assign"])
def test_follow_ups_move_with_the_case(how, case_manager, other_case_manager, supervisor):
    secret = open_case(reasons=[Reason.SAFETY], assignee=case_manager)
    mine = services.case_followup_add(case=secret, actor=case_manager, due_on=PAST)
    supervisors = services.case_followup_add(
        case=secret, actor=case_manager, due_on=PAST, assignee=supervisor
    )
    done = services.case_followup_add(case=secret, actor=case_manager, due_on=PAST)
    services.case_followup_complete(followup=done, actor=case_manager)
    if how == "transfer":
        services.case_transfer(
            case=secret, assignee=other_case_manager, actor=case_manager, reason="Speaks Vietnamese"
        )
    else:
        services.case_assign(case=secret, assignee=other_case_manager, actor=supervisor)
    for followup in (mine, supervisors, done):
        followup.refresh_from_db()
    assert mine.assignee == other_case_manager
    assert supervisors.assignee == supervisor  # still someone who may see the case
    assert done.assignee == case_manager  # history stays as it was
    assert followups_rule.followups_overdue_count(user=case_manager) == 0
    assert followups_rule.followups_overdue_count(user=other_case_manager) == 1


def test_making_a_case_confidential_moves_follow_ups_from_those_who_can_no_longer_see_it(
    case_manager, other_case_manager
):
    plain = open_case(assignee=case_manager)
    theirs = services.case_followup_add(
        case=plain, actor=case_manager, due_on=PAST, assignee=other_case_manager
    )
    services.case_details_update(
        case=plain,
        actor=case_manager,
        case_type=plain.case_type,
        needs=[],
        reasons=[],
        urgency=plain.urgency,
        at_risk_of_losing_pet=False,
        safety_concern=False,
        confidential=True,
    )
    theirs.refresh_from_db()
    assert theirs.assignee == case_manager


def test_resolving_asks_what_became_of_the_follow_ups_and_settles_them(case_manager, client):
    case = open_case(assignee=case_manager)
    first = services.case_followup_add(case=case, actor=case_manager, due_on=PAST)
    second = services.case_followup_add(case=case, actor=case_manager, due_on=PAST)
    client.force_login(case_manager)
    page = client.get(reverse("backoffice:case", args=[case.reference])).content.decode()
    assert "The follow-ups still planned" in page and "Cancel them" in page

    url = reverse("backoffice:case_resolve", args=[case.reference])
    refused = client.post(url, {"outcome": Outcome.KEPT, "outcome_notes": "Grant came through"})
    assert refused.status_code == 400
    assert (
        "Say whether the follow-ups still planned were done or are cancelled."
        in refused.content.decode()
    )
    assert "Grant came through" in refused.content.decode()  # nothing typed is lost
    case.refresh_from_db()
    assert case.status != "resolved"

    assert client.post(url, {"outcome": Outcome.KEPT, "followups": "cancelled"}).status_code == 302
    for followup in (first, second):
        followup.refresh_from_db()
        assert followup.cancelled_at is not None and followup.cancelled_by == case_manager
        assert followup.done_at is None
    assert TimelineEntry.objects.filter(case=case, kind="followup_cancelled").count() == 2
    page = client.get(reverse("backoffice:case", args=[case.reference])).content.decode()
    assert "Overdue" not in page and "2 follow-ups cancelled." in page
    assert followups_rule.followups_overdue_count(user=case_manager) == 0
    assert services.followup_reminders_send(today=timezone.localdate()) == 0


def test_resolving_without_follow_ups_asks_nothing(case_manager, client):
    case = open_case(assignee=case_manager)
    client.force_login(case_manager)
    page = client.get(reverse("backoffice:case", args=[case.reference])).content.decode()
    assert "The follow-ups still planned" not in page
    url = reverse("backoffice:case_resolve", args=[case.reference])
    assert client.post(url, {"outcome": Outcome.KEPT}).status_code == 302


def test_a_resolved_case_takes_no_new_follow_up(case_manager, client):
    case = open_case(assignee=case_manager)
    services.case_resolve(case=case, actor=case_manager, outcome=Outcome.KEPT)
    with pytest.raises(ValidationError):
        services.case_followup_add(case=case, actor=case_manager, due_on=PAST)
    client.force_login(case_manager)
    page = client.get(reverse("backoffice:case", args=[case.reference])).content.decode()
    assert "Reopen the case to plan a follow-up." in page and "Add follow-up" not in page


def test_closing_settles_what_is_left(case_manager, supervisor):
    case = open_case(assignee=case_manager)
    left = services.case_followup_add(case=case, actor=case_manager, due_on=PAST)
    services.case_resolve(case=case, actor=case_manager, outcome=Outcome.KEPT, followups="done")
    left.refresh_from_db()
    assert left.done_at is not None and left.done_by == case_manager
    # One left from before settling existed: closing cancels it.
    legacy = FollowUp.objects.create(case=case, due_on=PAST, assignee=case_manager)
    services.case_status_set(case=case, actor=supervisor, status="closed")
    legacy.refresh_from_db()
    assert legacy.cancelled_at is not None


def test_one_follow_up_can_be_cancelled_from_the_case_page(
    case_manager, other_case_manager, client
):
    case = open_case(assignee=case_manager)
    keep = services.case_followup_add(case=case, actor=case_manager, due_on=PAST, note="Keep")
    drop = services.case_followup_add(case=case, actor=case_manager, due_on=PAST, note="Drop")
    client.force_login(case_manager)
    page = client.get(reverse("backoffice:case", args=[case.reference])).content.decode()
    assert "Cancel the follow-up" in page
    response = client.post(
        reverse("backoffice:case_followup_cancel", args=[case.reference]), {"followup": drop.pk}
    )
    assert response.status_code == 302 and response["Location"].endswith("#followups")
    drop.refresh_from_db()
    keep.refresh_from_db()
    assert drop.cancelled_at is not None and keep.cancelled_at is None
    page = client.get(reverse("backoffice:case", args=[case.reference]))
    assert [f.pk for f in page.context["followups_pending"]] == [keep.pk]
    assert "1 follow-up cancelled." in page.content.decode()
    assert followups_rule.followups_overdue_count(user=case_manager) == 1
    # Someone else's follow-up on another case cannot be reached through this case.
    other = open_case(assignee=other_case_manager)
    theirs = services.case_followup_add(case=other, actor=other_case_manager, due_on=PAST)
    response = client.post(
        reverse("backoffice:case_followup_cancel", args=[case.reference]), {"followup": theirs.pk}
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.cancelled_at is None


def test_the_dashboard_row_of_a_colleagues_follow_up_lists_the_case_it_counts(
    case_manager, other_case_manager, supervisor, client
):
    """Counted by follow-up assignee and drilled down by case assignee, the row of a colleague
    asked to call back listed no case at all."""
    plain = open_case(assignee=case_manager)
    services.case_followup_add(
        case=plain, actor=case_manager, due_on=PAST, assignee=other_case_manager
    )
    client.force_login(supervisor)
    response = client.get(reverse("backoffice:dashboard"))
    table = next(t for t in response.context["tables"] if t.key == "overdue_followups")
    assert table.rows == [[case_manager.get_full_name(), 1, 1]]
    (link,) = table.links
    assert [c.reference for c in client.get(link).context["cases"]] == [plain.reference]
