"""With the database backend, a request only queues; the worker (``db_worker``) sends."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from messaging import services, sms
from messaging.vocabulary import Channel, Purpose, Status

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    }


def test_the_request_queues_and_the_worker_sends_once(database_tasks):
    message = services.message_queue(
        channel=Channel.SMS,
        recipient="+15035550142",
        template="messaging/callback",
        purpose=Purpose.REQUESTED,
        language="vi",
    )
    assert message.status == Status.QUEUED and sms.outbox == []
    assert DBTaskResult.objects.count() == 1
    services.messages_send_due()  # a duplicate task for the same message

    call_command("db_worker", "--batch", "--backend", "background", "--no-startup-delay")

    message.refresh_from_db()
    assert message.status == Status.SENT and len(sms.outbox) == 1
