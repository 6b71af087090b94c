"""Background work, run by the worker (``manage.py db_worker --backend background``)."""

from django.conf import settings
from django_tasks import task

from . import services


@task(backend=settings.MESSAGING_TASK_BACKEND)
def message_send(message_id: int) -> str:
    """Send one outbox message (idempotent: ``services.message_deliver``)."""
    return services.message_deliver(message_id=message_id)
