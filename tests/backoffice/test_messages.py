"""Messages about a case: the back office's facts go to messaging's one safety rule; the outbox is
on the case timeline; staff write from the case page and schedule reminders."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from backoffice import messages, services
from backoffice.models import Case, Person
from backoffice.vocabulary import Reason
from backoffice.vocabulary import Status as CaseStatus
from messaging import sms
from messaging.models import Message
from messaging.services import optout_record
from messaging.sms import SmsError
from messaging.vocabulary import Channel, Status, Suppression

from .conftest import open_case

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def consent(case, **fields):
    Person.objects.filter(pk=case.person_id).update(message_consent=True, **fields)
    case.person.refresh_from_db()


def test_a_confidential_case_gets_nothing_on_a_channel_not_marked_safe(case_manager):
    case = open_case(reasons=[Reason.SAFETY], assignee=case_manager)
    assert case.confidential
    consent(case, safe_to_email=True)
    text = messages.case_message_send(case=case, actor=case_manager, channel=Channel.SMS)
    email = messages.case_message_send(
        case=case, actor=case_manager, channel=Channel.EMAIL, body="How is Biscuit?"
    )
    text.refresh_from_db()
    email.refresh_from_db()
    assert (text.status, text.reason) == (Status.SUPPRESSED, Suppression.NOT_SAFE)
    assert email.status == Status.SENT and sms.outbox == []
    assert mail.outbox[0].to == ["rosalind@example.org"]


def test_follow_up_messages_need_consent(case_manager):
    case = open_case(assignee=case_manager)
    refused = messages.case_message_send(case=case, actor=case_manager, channel=Channel.SMS)
    assert (refused.status, refused.reason) == (Status.SUPPRESSED, Suppression.NO_CONSENT)
    consent(case)
    sent = messages.case_message_send(case=case, actor=case_manager, channel=Channel.SMS)
    sent.refresh_from_db()
    assert sent.status == Status.SENT
    # The text never names the reason for contact, whatever the case is about.
    ((number, body),) = sms.outbox
    assert number == "+15035550142" and "Biscuit" not in body and "food" not in body.lower()


def test_stop_then_a_message_from_the_case_page_is_suppressed_and_the_page_says_so(
    case_manager, login
):
    case = open_case(assignee=case_manager)
    consent(case)
    optout_record(channel=Channel.SMS, address="+1 503 555 0142", source="sms reply")
    client = login(case_manager)
    response = client.post(
        reverse("backoffice:case_message", args=[case.reference]), {"channel": "sms"}
    )
    assert response.status_code == 302
    message = Message.objects.get()
    assert (message.status, message.reason) == (Status.SUPPRESSED, Suppression.OPTED_OUT)
    page = client.get(reverse("backoffice:case", args=[case.reference])).content.decode()
    assert "Opted out of Text message" in page
    assert "the person asked not to receive these" in page


class FailingBackend(sms.BaseSmsBackend):
    def send(self, *, to, body):
        raise SmsError("down")


def test_a_failing_provider_is_retried_then_failed_and_visible_on_the_timeline(
    case_manager, login, settings
):
    settings.SMS_BACKEND = "tests.backoffice.test_messages.FailingBackend"
    case = open_case(assignee=case_manager)
    consent(case)
    client = login(case_manager)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        response = client.post(
            reverse("backoffice:case_message", args=[case.reference]), {"channel": "sms"}
        )
        assert response.status_code == 302  # the request that queued it succeeds
        page = client.get(reverse("backoffice:case", args=[case.reference])).content.decode()
        assert "1 failed attempt (SmsError), trying again." in page
        from messaging.services import messages_send_due

        message = Message.objects.get()
        while message.status == Status.QUEUED:
            clock.move_to(message.send_after)
            messages_send_due()
            message.refresh_from_db()
    assert message.status == Status.FAILED
    page = client.get(reverse("backoffice:case", args=[case.reference])).content.decode()
    assert f'id="message-{message.pk}"' in page and "Failed after 4 attempts (SmsError)." in page


def test_an_email_from_the_case_page_starts_from_a_text_in_the_persons_language(
    case_manager, login
):
    case = open_case(assignee=case_manager, preferred_language="es")
    consent(case)
    client = login(case_manager)
    page = client.get(
        reverse("backoffice:case", args=[case.reference]) + "?start=checkin"
    ).content.decode()
    assert "Hola, nos comunicamos" in page  # the Spanish check-in text, ready to edit
    response = client.post(
        reverse("backoffice:case_message", args=[case.reference]),
        {"channel": "email", "body": "Hola, ¿cómo está Biscuit?"},
    )
    assert response.status_code == 302
    (email,) = mail.outbox
    assert "Hola, ¿cómo está Biscuit?" in email.body
    assert '<html lang="es" dir="ltr">' in email.alternatives[0][0]
    page = client.get(reverse("backoffice:case", args=[case.reference])).content.decode()
    assert "Hola, ¿cómo está Biscuit?" in page and "Enviado" not in page  # staff read English


def test_an_email_needs_a_body(case_manager, login):
    case = open_case(assignee=case_manager)
    response = login(case_manager).post(
        reverse("backoffice:case_message", args=[case.reference]), {"channel": "email"}
    )
    assert response.status_code == 400 and "Write the message." in response.content.decode()
    assert not Message.objects.exists()


def test_an_appointment_reminder_goes_out_the_day_before(
    case_manager, login, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
    }
    case = open_case(assignee=case_manager)
    consent(case)
    appointment = timezone.localtime() + datetime.timedelta(days=3)
    appointment = appointment.replace(hour=10, minute=0, second=0, microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(case_manager).post(
            reverse("backoffice:case_reminder", args=[case.reference]),
            {
                "channel": "sms",
                "appointment": appointment.strftime("%Y-%m-%dT%H:%M"),
                "what": "vet voucher appointment",
            },
        )
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.status == Status.QUEUED
    assert message.send_after == appointment - datetime.timedelta(days=1)
    assert "vet voucher" not in message.body and "10:00" in message.body
    from django_tasks import task_backends

    # The worker drains the outbox the second after the reminder is due.
    (result,) = task_backends["background"].results
    assert result.task.name == "messages_drain"
    assert result.task.run_after == message.send_after + datetime.timedelta(seconds=1)


def test_a_reminder_in_the_past_is_refused(case_manager, login):
    case = open_case(assignee=case_manager)
    response = login(case_manager).post(
        reverse("backoffice:case_reminder", args=[case.reference]),
        {"channel": "email", "appointment": "2020-01-01T10:00"},
    )
    assert (
        response.status_code == 400 and "Choose a time in the future." in response.content.decode()
    )


def test_anonymising_a_case_empties_its_outbox(case_manager):
    case = open_case(assignee=case_manager)
    consent(case)
    messages.case_message_send(case=case, actor=case_manager, channel=Channel.EMAIL, body="Hi")
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closed_at=timezone.now())
    later = timezone.now() + datetime.timedelta(days=800)
    assert services.cases_anonymize_closed(older_than=datetime.timedelta(days=365), now=later)[0]
    message = Message.objects.get()
    assert (message.recipient, message.body, message.subject) == ("", "", "")
