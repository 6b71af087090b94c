"""The queue's counts per status, kept in the shared cache until any case data changes.

Counting every case by status takes tens of milliseconds at hundreds of thousands of cases, and
the queue shows the counts on every visit. They are cached under the SQL of the count (which
carries the user's visibility, so one person's counts are never another's) and a *generation*
that every write to the back office's records bumps (``signals.py``).
"""

import hashlib
import time

from django.core.cache import cache

GENERATION_KEY = "backoffice:cases-generation"
SECONDS = 10 * 60


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = time.time_ns()
        cache.add(GENERATION_KEY, value, timeout=None)
    return value


def invalidate() -> None:
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def cached(queryset, compute):
    """``compute()``, cached for the query ``queryset`` at the current generation."""
    digest = hashlib.sha256(str(queryset.query).encode()).hexdigest()[:32]
    key = f"backoffice:counts:{generation()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, SECONDS)
    return value
