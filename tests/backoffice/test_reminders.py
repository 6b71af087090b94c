"""Follow-up reminders: once a day, in the assignee's language, with no names in them."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.users.models import UserProfile

from backoffice import services
from backoffice.vocabulary import Reason

from .conftest import open_case

pytestmark = pytest.mark.django_db


def test_reminders_are_sent_once_a_day_in_the_assignees_language(case_manager, other_case_manager):
    UserProfile.objects.update_or_create(
        user=other_case_manager, defaults={"preferred_language": "ar"}
    )
    today = timezone.localdate()
    mine = open_case(assignee=case_manager)
    secret = open_case(
        name="Zephyrine Quillfeather", reasons=[Reason.SAFETY], assignee=other_case_manager
    )
    services.case_followup_add(case=mine, actor=case_manager, due_on=today, note="Call back")
    services.case_followup_add(
        case=secret,
        actor=other_case_manager,
        due_on=today - datetime.timedelta(days=3),
        note="Check the foster placement",
    )
    services.case_followup_add(  # not due yet: not in the email
        case=mine, actor=case_manager, due_on=today + datetime.timedelta(days=5), note="Later"
    )

    call_command("send_followup_reminders")
    call_command("send_followup_reminders")  # running twice sends once

    assert sorted(m.to[0] for m in mail.outbox) == [case_manager.email, other_case_manager.email]
    by_user = {m.to[0]: m for m in mail.outbox}
    english = by_user[case_manager.email]
    assert (
        mine.reference in english.body
        and "Call back" in english.body
        and "Later" not in english.body
    )
    assert '<html lang="en" dir="ltr">' in english.alternatives[0][0]
    arabic = by_user[other_case_manager.email]
    assert '<html lang="ar" dir="rtl">' in arabic.alternatives[0][0]
    assert secret.reference in arabic.body
    # Names never; a confidential case's note neither.
    for message in mail.outbox:
        text = message.body + message.alternatives[0][0]
        assert "Quillfeather" not in text and "Rosalind" not in text
        assert "foster placement" not in text

    # The next day, still due: a new reminder.
    assert services.followup_reminders_send(today=today + datetime.timedelta(days=1)) == 2


def test_reminders_go_through_the_outbox_and_a_failing_mail_server_does_not_stop_the_command(
    case_manager, monkeypatch
):
    from messaging.models import Message
    from messaging.vocabulary import Status

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    case = open_case(assignee=case_manager)
    services.case_followup_add(
        case=case, actor=case_manager, due_on=timezone.localdate(), note="Call back"
    )
    call_command("send_followup_reminders")
    message = Message.objects.get()
    assert (message.status, message.reason, message.attempts) == (
        Status.QUEUED,
        "ConnectionRefusedError",
        1,
    )
    assert message.recipient == case_manager.email and case.reference in message.body
