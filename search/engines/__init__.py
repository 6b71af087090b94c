"""The engines behind ``search.queries``, and the rule for which one answers.

Two engines implement ``Engine``: ``database`` (always there: PostgreSQL full text, or SQLite FTS5)
and ``elasticsearch`` (when ``ELASTICSEARCH_URL`` is set). The database index is kept up to date
in every installation, so that when Elasticsearch is configured but down, slow or erroring, the
database answers at once: the failure is logged, Elasticsearch is left alone for
``SEARCH_RETRY_AFTER_SECONDS``, then tried again. Visitors see results either way.
"""

import logging
import threading
import time
from collections.abc import Iterable
from typing import Protocol

from django.conf import settings

from ..documents import ResourceDocument
from ..results import ResourceQuery, ResourceResults, Suggestion

logger = logging.getLogger(__name__)


class EngineUnavailable(Exception):
    """An engine could not answer (down, too slow, an error): the database answers instead."""


class Engine(Protocol):
    name: str

    def search(self, query: ResourceQuery) -> ResourceResults: ...

    def suggest(self, text: str, language: str, limit: int) -> list[Suggestion]: ...

    def index(self, documents: Iterable[ResourceDocument]) -> int: ...

    def delete(self, ids: Iterable[int]) -> None: ...

    def rebuild(self) -> int: ...

    def synonyms_changed(self, language: str) -> None: ...


_lock = threading.Lock()
_down_until = 0.0


def database_engine() -> Engine:
    from .database import DatabaseEngine

    return DatabaseEngine()


def elasticsearch_engine() -> Engine | None:
    """The Elasticsearch engine when configured and not resting after a failure."""
    if not settings.ELASTICSEARCH_URL or time.monotonic() < _down_until:
        return None
    from .elastic import ElasticsearchEngine

    return ElasticsearchEngine.shared()


def engines_to_write() -> list[Engine]:
    """Every engine that keeps an index: the database always, Elasticsearch when configured
    (even while resting: a write that fails is logged and the next rebuild repairs it)."""
    engines = [database_engine()]
    if settings.ELASTICSEARCH_URL:
        from .elastic import ElasticsearchEngine

        engines.append(ElasticsearchEngine.shared())
    return engines


def mark_down(error: Exception) -> None:
    global _down_until
    with _lock:
        _down_until = time.monotonic() + settings.SEARCH_RETRY_AFTER_SECONDS
    logger.warning(
        "Elasticsearch failed (%s: %s); the database answers searches for the next %s s",
        type(error).__name__,
        error,
        settings.SEARCH_RETRY_AFTER_SECONDS,
    )


def reset() -> None:
    """Forget a past failure (tests, and ``search_index`` after a successful rebuild)."""
    global _down_until
    with _lock:
        _down_until = 0.0


def answering(method: str, *args, **kwargs):
    """Call ``method`` on Elasticsearch when it can answer, else (or when it fails) on the
    database engine. Results say which engine answered and whether it was a fallback."""
    engine = elasticsearch_engine()
    if engine is not None:
        try:
            return getattr(engine, method)(*args, **kwargs)
        except EngineUnavailable as error:
            mark_down(error)
            result = getattr(database_engine(), method)(*args, **kwargs)
            if isinstance(result, ResourceResults):
                result.fallback = True
            return result
    return getattr(database_engine(), method)(*args, **kwargs)
