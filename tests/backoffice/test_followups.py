"""One rule of what is pending: the nav badge, "My follow-ups" and the reminder email agree.

Before, each had its own definition: the badge counted every undone follow-up assigned to the
user (closed cases and cases they may not see included), the page left out closed cases and
cases they may not see, and the reminder left out anonymised cases only. A follow-up is pending
while it is neither done nor cancelled and its case is open; a user's are those on cases they
may see. Resolving or closing a case settles its follow-ups; a transfer moves them; they go
only to people who may see the case.
"""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from backoffice import followups as followups_rule
from backoffice import services
from backoffice.models import FollowupReminder
from backoffice.vocabulary import Outcome, Reason

from .conftest import open_case

pytestmark = pytest.mark.django_db


def _followup(case, actor, due_on, note="Call back"):
    return services.case_followup_add(case=case, actor=actor, due_on=due_on, note=note)


@pytest.fixture
def followups(case_manager, other_case_manager, supervisor):
    today = timezone.localdate()
    past = today - datetime.timedelta(days=3)
    plain = open_case(assignee=case_manager)
    overdue = _followup(plain, case_manager, past)
    due_today = _followup(plain, case_manager, today)
    done = _followup(plain, case_manager, past)
    services.case_followup_complete(followup=done, actor=case_manager)
    _followup(plain, case_manager, today + datetime.timedelta(days=30))  # beyond every list

    # Resolved: the form asked, and its follow-up was cancelled. No "Overdue", no reminder.
    resolved = open_case(name="Resolved Person", assignee=case_manager)
    _followup(resolved, case_manager, past)
    services.case_resolve(
        case=resolved, actor=case_manager, outcome=Outcome.KEPT, followups="cancelled"
    )

    # Closed: nothing left to do. The old badge and reminder still counted it.
    closed = open_case(name="Closed Person", assignee=case_manager)
    _followup(closed, case_manager, past)
    services.case_resolve(case=closed, actor=case_manager, outcome=Outcome.KEPT, followups="done")
    services.case_status_set(case=closed, actor=supervisor, status="closed")

    # A confidential case transferred to someone else: its follow-up goes with it. Before, it
    # stayed with a case manager who may no longer see the case.
    secret = open_case(name="Secret Person", reasons=[Reason.SAFETY], assignee=case_manager)
    secret_followup = _followup(secret, case_manager, past, note="Check the foster placement")
    services.case_transfer(
        case=secret, assignee=other_case_manager, actor=case_manager, reason="Speaks Vietnamese"
    )
    return {
        "today": today,
        "plain": plain,
        "resolved": resolved,
        "closed": closed,
        "secret": secret,
        "secret_followup": secret_followup,
        "pending": {overdue.pk, due_today.pk},
        "overdue": {overdue.pk},
    }


def test_badge_page_and_reminder_count_the_same_follow_ups(followups, case_manager, client):
    today = followups["today"]
    # The page.
    page = followups_rule.followups_for_user(user=case_manager, today=today)
    assert {f.pk for f in page["overdue"]} == followups["overdue"]
    assert {f.pk for f in page["overdue"] + page["today"]} == followups["pending"]
    assert page["upcoming"] == []
    # The badge: the page's overdue ones, no more.
    assert followups_rule.followups_overdue_count(user=case_manager, today=today) == 1
    client.force_login(case_manager)
    response = client.get(reverse("backoffice:followups"))
    assert response.context["nav_overdue"] == len(response.context["overdue"]) == 1
    assert '<span class="badge badge--overdue">1 overdue</span>' in response.content.decode()
    # The reminder: what the page shows as overdue or due today.
    assert services.followup_reminders_send(today=today) == 2  # hers, and the secret case's
    (email,) = [m for m in mail.outbox if m.to == [case_manager.email]]
    assert email.to == [case_manager.email]
    assert FollowupReminder.objects.get(user=case_manager).followup_count == 2
    due = followups_rule.followups_due_by_assignee(today=today)
    assert {f.pk for f in due[case_manager]} == followups["pending"]
    assert followups["plain"].reference in email.body
    # Neither the resolved nor the closed case, nor the confidential case she may no longer see.
    for name in ("resolved", "closed", "secret"):
        reference = followups[name].reference
        assert reference not in email.body and reference not in email.alternatives[0][0]
        assert reference not in response.content.decode()


def test_nobody_else_is_reminded_of_a_follow_up_they_do_not_own(followups, other_case_manager):
    services.followup_reminders_send(today=followups["today"])
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [followups["plain"].assignee.email, other_case_manager.email]
    )
    # The transferred case's follow-up is now the new case manager's.
    assert followups_rule.followups_overdue_count(user=other_case_manager) == 1


def test_an_inactive_assignee_gets_no_reminder(case_manager):
    today = timezone.localdate()
    _followup(open_case(assignee=case_manager), case_manager, today)
    case_manager.is_active = False
    case_manager.save()
    assert services.followup_reminders_send(today=today) == 0
    assert mail.outbox == []


def test_queue_person_and_case_pages_use_the_same_rule(followups, case_manager, supervisor, client):
    closed, resolved = followups["closed"], followups["resolved"]
    client.force_login(supervisor)
    queue = client.get(reverse("backoffice:queue") + "?status=all&overdue=on")
    listed = {c.reference for c in queue.context["cases"]}
    assert listed == {followups["plain"].reference, followups["secret"].reference}
    person = client.get(reverse("backoffice:person", args=[closed.person_id]))
    assert [c.has_overdue for c in person.context["cases"]] == [False]
    for case in (closed, resolved):
        page = client.get(reverse("backoffice:case", args=[case.reference]))
        assert page.context["followups_pending"] == []
        assert "Overdue" not in page.content.decode()
    # Reopened, the case keeps its settled follow-up settled.
    services.case_reopen(case=closed, actor=supervisor, reason="They called back.")
    page = client.get(reverse("backoffice:case", args=[closed.reference]))
    assert page.context["followups_pending"] == []
    assert followups_rule.followups_overdue_count(user=case_manager) == 1


def test_the_dashboard_counts_what_its_drill_down_lists(
    followups, case_manager, other_case_manager, supervisor, client
):
    client.force_login(supervisor)
    response = client.get(reverse("backoffice:dashboard"))
    table = next(t for t in response.context["tables"] if t.key == "overdue_followups")
    # Every pending overdue follow-up, by the case manager of its case, never the resolved or
    # closed case's.
    assert table.rows == [
        [case_manager.get_full_name(), 1, 1],
        [other_case_manager.get_full_name(), 1, 1],
    ]
    for row, link in table.rows_with_links:
        listed = client.get(link).context["cases"]
        assert len(listed) == row[1], link
