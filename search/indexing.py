"""Keeping the indexes up to date: what changed is reindexed after the transaction commits.

Writes of one transaction are gathered (an admin save touches the listing, its categories, hours
and phones in turn) and reindexed once, on commit, in every engine that keeps an index
(``engines_to_write``). A listing that is no longer public is deleted from them. An engine that
fails is logged and skipped: saving a listing never fails because of search, and
``manage.py search_index --rebuild`` repairs what was missed.
"""

import logging
import threading

from django.db import transaction

from directory.models import Resource

from .documents import iter_documents
from .engines import engines_to_write

logger = logging.getLogger(__name__)
_pending = threading.local()


def reindex_now(ids) -> None:
    ids = sorted(set(ids))
    if not ids:
        return
    public = set(Resource.objects.public().filter(pk__in=ids).values_list("pk", flat=True))
    gone = [pk for pk in ids if pk not in public]
    for engine in engines_to_write():
        try:
            if public:
                engine.index(iter_documents(Resource.objects.filter(pk__in=public)))
            if gone:
                engine.delete(gone)
        except Exception:  # an engine down must not fail the save that changed a listing
            logger.exception("search: reindexing %d listing(s) in %s failed", len(ids), engine.name)


def _flush():
    ids = getattr(_pending, "ids", set())
    _pending.ids = set()
    reindex_now(ids)


def reindex_on_commit(ids) -> None:
    """Reindex these listings when the current transaction commits (at once outside one).

    The flush is registered once per transaction. A rollback drops it with Django's other commit
    callbacks, so whether it is still registered is read from the connection; an ids set left by
    a rolled-back transaction is dropped with it.
    """
    connection = transaction.get_connection()
    registered = any(callback[1] is _flush for callback in connection.run_on_commit)
    if not registered:
        _pending.ids = set()
    _pending.ids.update(ids)
    if not registered:
        transaction.on_commit(_flush)


def rebuild_all() -> dict[str, int | None]:
    """Rebuild every engine's index from the database; returns documents indexed per engine
    (None for an engine that failed: logged, the others are rebuilt all the same)."""
    counts: dict[str, int | None] = {}
    for engine in engines_to_write():
        try:
            counts[engine.name] = engine.rebuild()
        except Exception:  # an engine down must not fail an import that rebuilds
            logger.exception("search: rebuilding %s failed", engine.name)
            counts[engine.name] = None
    return counts
