"""Background work of the directory, run by the PDF worker
(``manage.py db_worker --backend background --queue-name pdf``, started under ``nice``)."""

from django.conf import settings
from django_tasks import task


# Below the messages (priority 0) should a worker serve both queues.
@task(backend=settings.PDF_TASK_BACKEND, queue_name="pdf", priority=-10)
def pdf_render(*, key: str, **job) -> str:
    """Make one printed list's PDF and keep it in the cache (``pdf_jobs.pdf_make``)."""
    from . import pdf_jobs

    return pdf_jobs.pdf_make(key=key, **job)
