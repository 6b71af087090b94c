"""Background work of the back office, run by the worker (``manage.py db_worker --backend
background``)."""

from django.conf import settings
from django_tasks import task

from .services import matches


@task(backend=settings.MATCHING_TASK_BACKEND)
def report_matches_rebuild() -> int:
    """Score every open lost and found report again with the weights saved now
    (``services.matches.report_matches_rebuild``); enqueued when staff save the weights."""
    return matches.report_matches_rebuild()
