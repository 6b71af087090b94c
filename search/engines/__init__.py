"""The engines behind ``search.queries``, and the rule for which one answers.

One engine is written so far: ``database`` (PostgreSQL full text, or SQLite FTS5), always there and
always indexed. ``ELASTICSEARCH_URL`` today configures only Wagtail's page search; the directory's
Elasticsearch engine will implement the same ``Engine`` protocol, answer first when configured,
and hand over to the database when it is down, slow or erroring (``ResourceResults.fallback``).
"""

from collections.abc import Iterable
from typing import Protocol

from ..documents import ResourceDocument
from ..results import ResourceQuery, ResourceResults, Suggestion


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


def engines_to_write() -> list[Engine]:
    """Every engine that keeps an index."""
    return [database_engine()]


def answering(method: str, *args, **kwargs):
    """Call ``method`` on the engine that answers searches."""
    return getattr(database_engine(), method)(*args, **kwargs)
