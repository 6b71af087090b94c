"""The engines behind ``search.queries``, and the rule for which one answers.

- ``database`` (PostgreSQL full text, or SQLite FTS5) is always there and always indexed.
- ``elasticsearch`` (``search.engines.elastic``) when ``ELASTICSEARCH_URL`` is set: it answers
  first, and every write goes to both, so the database can take over at any moment.
- When Elasticsearch fails (refused, slower than ``SEARCH_TIMEOUT_SECONDS``, an error answer, no
  index yet) the failure is logged, the database answers (``ResourceResults.fallback``), and
  every process skips Elasticsearch for ``SEARCH_RETRY_AFTER_SECONDS`` (``breaker``). While it
  is skipped, saves write the database only; ``manage.py search_index --rebuild`` catches up.
"""

import logging
from collections.abc import Iterable
from typing import Protocol

from django.conf import settings

from .. import analysis
from ..documents import ResourceDocument
from ..results import ResourceQuery, ResourceResults, Suggestion
from . import breaker
from .errors import EngineUnavailable

__all__ = ["Engine", "EngineUnavailable", "answering", "engines_to_write"]
logger = logging.getLogger(__name__)


class Engine(Protocol):
    name: str

    def search(self, query: ResourceQuery) -> ResourceResults: ...

    def suggest(self, text: str, language: str, limit: int) -> list[Suggestion]: ...

    def index(self, documents: Iterable[ResourceDocument]) -> int: ...

    def delete(self, ids: Iterable[int]) -> None: ...

    def rebuild(self) -> int: ...

    def synonyms_changed(self, language: str) -> None: ...


def database_engine() -> Engine:
    from .database import DatabaseEngine

    return DatabaseEngine()


def elastic_configured() -> bool:
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def elastic_engine() -> Engine:
    from .elastic import ElasticsearchEngine

    return ElasticsearchEngine()


class _Guarded:
    """An engine whose failures are logged and pause it (``breaker``), for writes: the caller
    (``search.indexing``, ``search.signals``) logs and goes on with the next engine."""

    def __init__(self, engine: Engine):
        self._engine = engine
        self.name = engine.name

    def __getattr__(self, method: str):
        call = getattr(self._engine, method)

        def guarded(*args, **kwargs):
            if breaker.is_open():
                logger.warning(
                    "search: %s is paused after a failure; %s skipped there "
                    "(manage.py search_index --rebuild catches up)",
                    self.name,
                    method,
                )
                return None
            try:
                return call(*args, **kwargs)
            except EngineUnavailable:
                breaker.trip()
                raise

        return guarded


def engines_to_write() -> list[Engine]:
    """Every engine that keeps an index: the database first, so it is right whatever follows."""
    engines = [database_engine()]
    if elastic_configured():
        engines.append(_Guarded(elastic_engine()))
    return engines


def answering(method: str, *args, **kwargs):
    """Call ``method`` on the engine that answers searches: Elasticsearch when configured and
    not paused, else (or when it fails) the database, with ``fallback`` set on results."""
    if elastic_configured() and not breaker.is_open():
        try:
            return getattr(elastic_engine(), method)(*args, **kwargs)
        except EngineUnavailable as error:
            logger.warning(
                "search: Elasticsearch failed, the database answers for %ss: %s",
                breaker.retry_after(),
                error,
            )
            breaker.trip()
        fallback = True
    else:
        fallback = elastic_configured()
    answer = getattr(database_engine(), method)(*args, **kwargs)
    if isinstance(answer, ResourceResults):
        answer.fallback = fallback
    return answer


def category_suggestions(text: str, limit: int) -> list[Suggestion]:
    """Categories whose name (in the active language) or one of its words starts so."""
    from directory.models import Category

    folded = analysis.fold(text).strip()
    if len(folded) < 2:
        return []
    found = []
    for category in Category.objects.all():
        name = category.name  # in the active language (modeltranslation)
        if any(w.startswith(folded) for w in [analysis.fold(name), *analysis.words(name)]):
            found.append(Suggestion(text=name, kind="category", slug_or_id=category.slug))
    return found[:limit]
