"""With the database backend, a request only records the message; the worker (``db_worker``)
drains the outbox and sends."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from messaging import services, sms
from messaging.models import Message
from messaging.sms import SmsError
from messaging.vocabulary import Channel, Purpose, Status

pytestmark = pytest.mark.django_db(transaction=True)

LA = zoneinfo.ZoneInfo("America/Los_Angeles")
NOON = datetime.datetime(2026, 3, 10, 12, 0, 0, 200_000, tzinfo=LA)


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    }
    services._woken.clear()
    yield
    services._woken.clear()


def queue_text(number="+15035550142", **kwargs):
    return services.message_queue(
        channel=Channel.SMS,
        recipient=number,
        template="messaging/callback",
        purpose=Purpose.REQUESTED,
        language=kwargs.pop("language", "vi"),
        **kwargs,
    )


def run_worker():
    call_command("db_worker", "--batch", "--backend", "background", "--no-startup-delay")


def drains():
    return list(DBTaskResult.objects.filter(task_path="messaging.tasks.messages_drain"))


def test_the_request_queues_and_the_worker_sends_once(database_tasks):
    with time_machine.travel(NOON, tick=False) as clock:
        message = queue_text()
        assert message.status == Status.QUEUED and sms.outbox == []
        (drain,) = drains()
        assert drain.run_after == NOON.replace(second=1, microsecond=0)
        services.messages_send_due()  # a second wake in the same second adds nothing
        assert len(drains()) == 1
        run_worker()  # not yet: the drain waits for the next second
        assert Message.objects.get().status == Status.QUEUED
        clock.shift(1)
        run_worker()
    message.refresh_from_db()
    assert message.status == Status.SENT and len(sms.outbox) == 1


def test_a_burst_is_one_insert_each_and_one_drain_for_the_second(
    database_tasks, django_assert_num_queries
):
    with time_machine.travel(NOON, tick=False) as clock:
        queue_text("+15035550100")
        for n in range(1, 20):
            # The message, its opt-out check and its status in one statement; no task row.
            with django_assert_num_queries(1):
                queue_text(f"+150355501{n:02d}")
        assert len(drains()) == 1
        clock.shift(1)
        run_worker()
    assert Message.objects.filter(status=Status.SENT).count() == 20
    assert sorted(to for to, _body in sms.outbox) == [f"+150355501{n:02d}" for n in range(20)]


def test_a_rolled_back_message_wakes_nothing_and_the_next_one_still_goes(database_tasks):
    with time_machine.travel(NOON, tick=False) as clock:
        with pytest.raises(RuntimeError), transaction.atomic():
            queue_text("+15035550101")
            raise RuntimeError("the caller's work failed")
        assert not Message.objects.exists() and drains() == []
        queue_text("+15035550102")
        assert len(drains()) == 1
        clock.shift(1)
        run_worker()
    assert sms.outbox == [("+15035550102", Message.objects.get().body)]


def test_a_message_in_a_transaction_is_woken_for_after_its_commit(database_tasks):
    with time_machine.travel(NOON, tick=False) as clock:
        with transaction.atomic():
            queue_text()
            assert drains() == []  # the worker could not see the message yet
            clock.shift(5)  # a long transaction: it commits at 12:00:05.2
        (drain,) = drains()
        assert drain.run_after == NOON.replace(second=6, microsecond=0)


def test_a_text_queued_at_night_is_drained_in_the_morning(database_tasks, settings):
    settings.MESSAGING_QUIET_HOURS_START, settings.MESSAGING_QUIET_HOURS_END = 21, 8
    night = datetime.datetime(2026, 3, 10, 23, 30, tzinfo=LA)
    with time_machine.travel(night, tick=False) as clock:
        message = queue_text()
        (drain,) = drains()
        assert drain.run_after == datetime.datetime(2026, 3, 11, 8, 0, 1, tzinfo=LA)
        clock.move_to(datetime.datetime(2026, 3, 11, 8, 0, 1, tzinfo=LA))
        run_worker()
    message.refresh_from_db()
    assert message.status == Status.SENT and len(sms.outbox) == 1


class FailingBackend(sms.BaseSmsBackend):
    def send(self, *, to, body):
        raise SmsError("provider down")


def test_a_failing_provider_is_retried_by_later_drains_then_failed(database_tasks, settings):
    settings.SMS_BACKEND = "tests.messaging.test_worker.FailingBackend"
    with time_machine.travel(NOON, tick=False) as clock:
        message = queue_text()
        waits = []
        while message.status != Status.FAILED:
            clock.shift(1)
            run_worker()
            message.refresh_from_db()
            if message.status == Status.QUEUED:
                waits.append((message.send_after - timezone_now()).total_seconds())
                # The next drain is due just after the back-off, not before.
                assert max(d.run_after for d in drains()) > message.send_after
                clock.move_to(message.send_after)
    assert waits == [60, 240, 960] and message.attempts == 4
    assert sms.outbox == []


def timezone_now():
    from django.utils import timezone

    return timezone.now()


def test_tasks_queued_before_the_drain_existed_still_send_once(database_tasks):
    from messaging.tasks import message_send

    with time_machine.travel(NOON, tick=False) as clock:
        message = queue_text()
        message_send.enqueue(message.pk)
        clock.shift(1)
        run_worker()
    message.refresh_from_db()
    assert message.status == Status.SENT and len(sms.outbox) == 1
