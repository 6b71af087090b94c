"""Background work, run by the worker (``manage.py db_worker --backend background``)."""

from django.conf import settings
from django_tasks import task

from . import services


@task(backend=settings.MESSAGING_TASK_BACKEND)
def messages_drain() -> int:
    """Send every queued message that is due (``services.messages_drain``); enqueued by
    ``services.messages_wake``, at most once a second per process."""
    return services.messages_drain()


@task(backend=settings.MESSAGING_TASK_BACKEND)
def message_send(message_id: int) -> str:
    """Send one outbox message (idempotent: ``services.message_deliver``). Nothing enqueues it
    any more; it stays so that tasks queued before the drain existed still run."""
    return services.message_deliver(message_id=message_id)
