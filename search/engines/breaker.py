"""After Elasticsearch fails, every process skips it for ``SEARCH_RETRY_AFTER_SECONDS``.

The pause is kept in the shared cache, so all workers agree: one failed request (a timeout
costs ``SEARCH_TIMEOUT_SECONDS``) pauses Elasticsearch everywhere, not once per worker. A cache
that fails too is no reason to fail a search: then each process keeps the pause in memory.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)
KEY = "search:elasticsearch:paused-until"
_local = {"until": 0.0}


def retry_after() -> float:
    return float(getattr(settings, "SEARCH_RETRY_AFTER_SECONDS", 30))


def is_open() -> bool:
    """True while Elasticsearch is to be skipped."""
    now = time.time()
    if _local["until"] > now:
        return True
    try:
        until = cache.get(KEY)
    except Exception:  # a cache that fails: this process's own memory decides
        return False
    return bool(until) and float(until) > now


def trip() -> None:
    """Skip Elasticsearch from now for ``SEARCH_RETRY_AFTER_SECONDS`` in every process."""
    pause = retry_after()
    if pause <= 0:
        return
    until = time.time() + pause
    _local["until"] = until
    try:
        cache.set(KEY, until, int(pause) + 1)
    except Exception:
        logger.warning("search: the cache failed; the pause of Elasticsearch is this process's")


def reset() -> None:
    _local["until"] = 0.0
    try:
        cache.delete(KEY)
    except Exception:
        pass
