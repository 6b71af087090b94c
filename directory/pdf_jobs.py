"""PDFs of printed lists are made by the background worker, never in the request.

A PDF costs seconds of CPU; made in the web workers, eight visitors asking for new lists took the
cached pages from 17 ms to seconds. So a request for a PDF answers at once:

- the PDF, when the worker has made it (kept in the shared cache under :func:`pdf_key`: the list's
  address, the language, the day and the generation of published content, so any change to a
  listing or a page makes the next request ask for a new one);
- otherwise "Your PDF is being prepared" (refreshing itself every ``REFRESH_SECONDS``), after
  queueing one render on the worker's ``pdf`` queue. Every later request for the same PDF finds
  that render queued and queues none (``cache.add`` on the key);
- "could not be made" when the render failed, or is still not done after ``PDF_WAIT_SECONDS`` (no
  worker running, a queue too long): the page stops refreshing. The failure is kept for
  ``FAILED_SECONDS``, after which a request queues a render again.

Only a request that queues a render counts against the visitor's ``PDF_RATE``; a PDF already made
or on its way costs nothing. The worker renders at a low OS priority (``PDF_RENDER_NICENESS``) and
at most ``PDF_RENDERS_AT_ONCE`` at a time on one server (``core.slots``), so the web workers keep
the CPU for pages.
"""

import contextlib
import dataclasses
import hashlib
import io
import json
import logging
import os
import time

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIRequest
from django.utils import timezone, translation

from core import published
from core.rate_limits import rate_limit_hit
from core.slots import slot_take

from . import printed_lists

logger = logging.getLogger(__name__)

QUEUE = "pdf"
REFRESH_SECONDS = 3
READY_SECONDS = 6 * 60 * 60  # the day and the content generation are in the key as well
FAILED_SECONDS = 5 * 60
QUEUED_SECONDS = 10 * 60  # a render lost with its worker is queued again after this
SLOT_POLL_SECONDS = 0.2
OPEN_NOW_SECONDS = 15 * 60


class State:
    READY = "ready"
    PREPARING = "preparing"
    FAILED = "failed"  # the render raised, or took longer than PDF_WAIT_SECONDS
    LIMITED = "limited"  # this visitor queued PDF_RATE renders already
    UNAVAILABLE = "unavailable"  # the cache does not answer: nowhere to keep the PDF


@dataclasses.dataclass(frozen=True)
class Answer:
    state: str
    document: bytes = b""
    filename: str = ""
    retry_after: int = 0


@dataclasses.dataclass(frozen=True)
class Job:
    """One PDF: the list (a category's ``slug`` with the ``filters`` of its page, or hand-picked
    ``ids``) as asked for at ``path`` (with its canonical ``query``) on ``host``, in ``language``."""

    path: str
    query: str
    scheme: str
    host: str
    language: str
    filename: str
    slug: str | None = None
    ids: tuple[int, ...] | None = None
    filters: str = ""  # ``ListingFilterForm.filters_query``: one spelling per set of filters

    @classmethod
    def of_request(cls, request, *, filename, slug=None, ids=None, filters="") -> "Job":
        return cls(
            path=request.path,
            query=request.META.get("QUERY_STRING", ""),
            scheme=request.scheme,
            host=request.get_host(),
            language=translation.get_language(),
            filename=filename,
            slug=slug,
            ids=tuple(ids) if ids is not None else None,
            filters=filters,
        )

    def as_kwargs(self) -> dict:
        values = dataclasses.asdict(self)
        values["ids"] = list(self.ids) if self.ids is not None else None
        return values


def pdf_key(job: Job) -> str:
    """Where the PDF of ``job`` is kept; a new day or any published change gives a new key. The
    query is left out: ``?r=٣`` and ``?r=3`` are the same list (``ids``), so one render; so are
    ``?zip=٩٥٨١٤`` and ``?zip=95814`` (``filters``). A list of what is open now stays true only
    for a while: it gets a new key every ``OPEN_NOW_SECONDS``."""
    moment = int(time.time() // OPEN_NOW_SECONDS) if "open_now=" in job.filters else None
    what = [
        moment,
        published.generation(),
        timezone.localdate().isoformat(),  # "List printed on ..."
        job.scheme,
        job.host,
        job.path,  # the language prefix, the category or the selection
        job.language,
        job.slug,
        job.ids,
        job.filters,
    ]
    digest = hashlib.sha256(json.dumps(what, default=list).encode()).hexdigest()
    return f"directory:pdf:{digest}"


def _answer(entry) -> Answer | None:
    if entry is None:
        return None
    if entry["state"] == State.READY:
        return Answer(State.READY, document=entry["document"], filename=entry["filename"])
    if entry["state"] == State.FAILED:
        return Answer(State.FAILED)
    if time.time() - entry["since"] > settings.PDF_WAIT_SECONDS:
        return Answer(State.FAILED)  # no worker, or a queue too long: stop refreshing
    return Answer(State.PREPARING, retry_after=REFRESH_SECONDS)


def pdf_request(request, job: Job) -> Answer:
    """The PDF of ``job`` if it is made; otherwise queue its render (once) and say how it stands."""
    key = pdf_key(job)
    if (answer := _answer(cache.get(key))) is not None:
        return answer
    # Only a request that would queue a render is counted (a refresh of the waiting page is not).
    limited = rate_limit_hit(request, group="pdf", rate=settings.PDF_RATE)
    if limited is not None:
        return Answer(State.LIMITED, retry_after=limited.retry_after)
    if not cache.add(key, {"state": State.PREPARING, "since": time.time()}, QUEUED_SECONDS):
        # Another request queued it a moment ago, or the cache does not answer.
        answer = _answer(cache.get(key))
        return answer or Answer(State.UNAVAILABLE, retry_after=FAILED_SECONDS)
    from .tasks import pdf_render  # the task module imports this one

    try:
        pdf_render.enqueue(key=key, **job.as_kwargs())
    except Exception:
        logger.exception("could not queue the PDF %s", key)
        cache.delete(key)
        return Answer(State.UNAVAILABLE, retry_after=FAILED_SECONDS)
    # A backend that runs the task at once (tests, or TASKS_BACKEND set so) has made it already.
    return _answer(cache.get(key)) or Answer(State.UNAVAILABLE, retry_after=FAILED_SECONDS)


def _priority_lower(niceness: int) -> None:
    """Run this process at least ``niceness`` (a process may lower its priority, never raise
    it back): the web workers then get the CPU first whenever both want it."""
    if niceness > 0 and (current := os.nice(0)) < niceness:
        os.nice(niceness - current)


def _request_rebuilt(job: Job) -> WSGIRequest:
    """A request like the visitor's, for the template and the site settings (which site, which
    address the PDF links to); it carries no cookie, session or user."""
    host, _, port = job.host.partition(":")
    return WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": job.path,
            "QUERY_STRING": job.query,
            "SERVER_NAME": host,
            "SERVER_PORT": port or ("443" if job.scheme == "https" else "80"),
            "HTTP_HOST": job.host,
            "wsgi.url_scheme": job.scheme,
            "wsgi.input": io.BytesIO(),
        }
    )


def pdf_make(*, key: str, **job_fields) -> str:
    """Render the PDF of a job and keep it under ``key`` (run by the worker: ``tasks.pdf_render``).
    A failure is kept too, so the waiting page stops refreshing and says so."""
    ids = job_fields.pop("ids")
    job = Job(**job_fields, ids=tuple(ids) if ids is not None else None)
    entry = cache.get(key)
    if entry is not None and entry["state"] == State.READY:
        return "made already"  # a second render queued after the first was lost, or a race
    _priority_lower(settings.PDF_RENDER_NICENESS)
    with _slot_wait():
        try:
            with translation.override(job.language):
                document = printed_lists.pdf_document(
                    _request_rebuilt(job),
                    slug=job.slug,
                    ids=list(job.ids) if job.ids is not None else None,
                    filters=job.filters,
                )
        except Exception:
            logger.exception("the PDF %s%s could not be made", job.path, f"?{job.query}")
            cache.set(key, {"state": State.FAILED}, FAILED_SECONDS)
            raise
    ready = {"state": State.READY, "document": document, "filename": job.filename}
    cache.set(key, ready, READY_SECONDS)
    return f"{len(document)} bytes"


@contextlib.contextmanager
def _slot_wait():
    """Wait for one of the ``PDF_RENDERS_AT_ONCE`` slots of this server (``core.slots``)."""
    while True:
        with slot_take("pdf", slots=settings.PDF_RENDERS_AT_ONCE) as taken:
            if taken:
                yield
                return
        time.sleep(SLOT_POLL_SECONDS)
