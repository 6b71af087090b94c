"""Delivery: once, in the background, retried with back-off, never at night, opt-outs winning."""

import datetime
import logging
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from messaging import services, sms
from messaging.models import Message
from messaging.sms import SmsError
from messaging.vocabulary import Channel, Purpose, Status, Suppression

pytestmark = pytest.mark.django_db

LA = zoneinfo.ZoneInfo("America/Los_Angeles")


def queue_text(number="(503) 555-0142", **kwargs):
    return services.message_queue(
        channel=Channel.SMS,
        recipient=number,
        template="messaging/callback",
        purpose=Purpose.REQUESTED,
        language=kwargs.pop("language", "en"),
        **kwargs,
    )


def test_a_text_is_sent_once_to_the_number_in_e164():
    message = queue_text()
    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 1
    assert message.provider_id.startswith("locmem-")
    assert sms.outbox == [("+15035550142", message.body)]
    # A retried or duplicated task finds nothing to do.
    assert services.message_deliver(message_id=message.pk) == Status.SENT
    assert len(sms.outbox) == 1


def test_unicode_digits_are_read_as_digits():
    message = queue_text("٥٠٣ ٥٥٥ ٠١٤٢")
    assert message.recipient == "+15035550142"


def test_stop_then_a_send_is_suppressed():
    services.optout_record(channel=Channel.SMS, address="503-555-0142", source="sms reply")
    message = queue_text()
    assert (message.status, message.reason) == (Status.SUPPRESSED, Suppression.OPTED_OUT)
    assert sms.outbox == []


def test_an_opt_out_that_arrives_after_queuing_still_wins(settings):
    settings.MESSAGING_QUIET_HOURS_START, settings.MESSAGING_QUIET_HOURS_END = 21, 8
    with time_machine.travel(datetime.datetime(2026, 3, 10, 23, 0, tzinfo=LA), tick=False):
        message = queue_text()
    assert message.status == Status.QUEUED
    services.optout_record(channel=Channel.SMS, address="+15035550142")
    message.refresh_from_db()
    assert (message.status, message.reason) == (Status.SUPPRESSED, Suppression.OPTED_OUT)
    with time_machine.travel(datetime.datetime(2026, 3, 11, 9, 0, tzinfo=LA), tick=False):
        services.messages_send_due()
    assert sms.outbox == []


def test_no_texts_in_the_night_they_wait_for_the_morning(settings):
    settings.MESSAGING_QUIET_HOURS_START, settings.MESSAGING_QUIET_HOURS_END = 21, 8
    with time_machine.travel(datetime.datetime(2026, 3, 10, 23, 30, tzinfo=LA), tick=False):
        text = queue_text()
        email = services.message_queue(
            channel=Channel.EMAIL,
            recipient="rosalind@example.org",
            template="messaging/personal",
            purpose=Purpose.REQUESTED,
            language="en",
            context={"body": "Hello"},
        )
    assert text.status == Status.QUEUED and sms.outbox == []
    assert text.send_after == datetime.datetime(2026, 3, 11, 8, 0, tzinfo=LA)
    email.refresh_from_db()
    assert email.status == Status.SENT  # email is not held
    with time_machine.travel(datetime.datetime(2026, 3, 11, 7, 59, tzinfo=LA), tick=False):
        assert services.messages_send_due() == 0
    with time_machine.travel(datetime.datetime(2026, 3, 11, 8, 1, tzinfo=LA), tick=False):
        assert services.messages_send_due() == 1
    text.refresh_from_db()
    assert text.status == Status.SENT and len(sms.outbox) == 1


class FailingBackend(sms.BaseSmsBackend):
    def send(self, *, to, body):
        raise SmsError("provider down for +15035550142")


def test_a_failing_provider_is_retried_with_back_off_then_failed(settings, caplog):
    settings.SMS_BACKEND = "tests.messaging.test_delivery.FailingBackend"
    caplog.set_level(logging.INFO)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        message = queue_text()  # the request that queues it succeeds
        message.refresh_from_db()
        assert (message.status, message.attempts, message.reason) == (Status.QUEUED, 1, "SmsError")
        delays = []
        while message.status == Status.QUEUED:
            delays.append((message.send_after - timezone.now()).total_seconds())
            clock.move_to(message.send_after)
            services.messages_send_due()
            message.refresh_from_db()
    assert delays == [60, 240, 960]
    assert (message.status, message.attempts, message.reason) == (Status.FAILED, 4, "SmsError")
    assert "+1503" not in caplog.text and "555-0142" not in caplog.text


def test_a_worker_stopped_mid_send_is_never_sent_again():
    message = queue_text()
    Message.objects.filter(pk=message.pk).update(
        status=Status.SENDING, updated_at=timezone.now() - datetime.timedelta(hours=1)
    )
    services.messages_send_due()
    message.refresh_from_db()
    assert (message.status, message.reason) == (Status.FAILED, "interrupted")


def test_the_same_dedupe_key_queues_once():
    first = services.message_queue(
        channel=Channel.EMAIL,
        recipient="a@example.org",
        template="messaging/personal",
        purpose=Purpose.STAFF,
        language="en",
        context={"body": "x"},
        dedupe_key="k1",
    )
    again = services.message_queue(
        channel=Channel.EMAIL,
        recipient="a@example.org",
        template="messaging/personal",
        purpose=Purpose.STAFF,
        language="en",
        context={"body": "x"},
        dedupe_key="k1",
    )
    assert first.pk == again.pk and len(mail.outbox) == 1


def test_email_has_plain_text_and_html_in_the_persons_language():
    services.message_queue(
        channel=Channel.EMAIL,
        recipient="Rosalind@Example.ORG",
        template="messaging/reminder",
        purpose=Purpose.REMINDER,
        consent=True,
        language="ar",
        context={"when": "5/3 10:00"},
    )
    (email,) = mail.outbox
    assert email.to == ["Rosalind@example.org"]
    html = email.alternatives[0][0]
    assert '<html lang="ar" dir="rtl">' in html and "5/3 10:00" in email.body
    assert email.extra_headers["Message-ID"] == Message.objects.get().provider_id


def test_no_phone_number_or_email_in_log_lines(settings, caplog):
    caplog.set_level(logging.DEBUG)
    queue_text()
    services.optout_record(channel=Channel.SMS, address="+15035550177")
    queue_text("+15035550177")
    services.message_queue(
        channel=Channel.EMAIL,
        recipient="rosalind@example.org",
        template="messaging/personal",
        purpose=Purpose.STAFF,
        language="en",
        context={"body": "x"},
    )
    for record in caplog.records:
        line = record.getMessage()
        assert "555" not in line and "example.org" not in line, line


def test_retention_empties_bodies_and_addresses(settings):
    settings.MESSAGING_RETENTION_DAYS = 30
    old = queue_text()
    Message.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    recent = queue_text("+15035550177")
    assert services.messages_purge() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.recipient, old.body, old.status) == ("", "", Status.SENT)
    assert old.purged_at is not None
    assert recent.recipient == "+15035550177" and recent.body
