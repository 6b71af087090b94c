"""What the back office sends to staff: the daily follow-up reminder, through the outbox (the
background worker sends it; the command never waits for the mail server)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from messaging.services import message_queue
from messaging.vocabulary import Channel, Purpose

from ..followups import followups_due_by_assignee
from ..models import FollowupReminder
from ..selectors import user_language


def followup_reminders_send(*, today: datetime.date | None = None) -> int:
    """Email each assignee their due and overdue follow-ups, at most once a day.

    The follow-ups are the pending ones due by today that "My follow-ups" shows the assignee
    (``followups.followups_pending``). The email lists case references and dates, never a
    person's name or a confidential case's note, so it is safe on a shared screen. Returns the
    number of emails queued.
    """
    today = today or timezone.localdate()
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    sent = 0
    for user, followups in followups_due_by_assignee(today=today).items():
        with transaction.atomic():
            _reminder, created = FollowupReminder.objects.get_or_create(
                user=user, sent_on=today, defaults={"followup_count": len(followups)}
            )
            if not created:
                continue
            message_queue(
                channel=Channel.EMAIL,
                recipient=user.email,
                template="backoffice/email/followup_reminder",
                purpose=Purpose.STAFF,
                language=user_language(user),
                context={
                    "user": user,
                    "today": today,
                    "followups": followups,
                    "overdue_count": sum(1 for f in followups if f.due_on < today),
                    "base_url": base_url,
                    "followups_url": base_url + reverse("backoffice:followups"),
                },
                dedupe_key=f"followup-reminder:{user.pk}:{today.isoformat()}",
            )
            sent += 1
    return sent
