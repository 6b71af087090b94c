"""Named generations in the shared cache: forget everything cached under a name at once.

A value is cached under a key that carries the current *generation* of its name; bumping the
generation makes every such key unreachable (they expire on their own), which works on every cache
backend, across every worker process, without listing the keys. The page cache, the site chrome,
the site settings and the back office's queue counts all use it.

A generation is a clock reading in nanoseconds rather than a counter: should the cache lose it
(eviction, restart), the next one is still new, so no old copy can come back into use. A bump lost
while the cache was down (``core.resilient_cache``) is made again when it answers again: every
generation this process has used is bumped then, so nothing cached before the outage is served.
"""

import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.dispatch import receiver

from .resilient_cache import cache_recovered

T = TypeVar("T")

# The generations this process has read or bumped, to bump again when a failed cache recovers.
_seen: set[str] = set()


def _key(name: str) -> str:
    return f"core:generation:{name}"


def generation(name: str) -> int:
    """The current generation of ``name`` (started on first use)."""
    _seen.add(name)
    key = _key(name)
    value = cache.get(key)
    if value is None:
        value = time.time_ns()
        if not cache.add(key, value, timeout=None):
            value = cache.get(key, value)  # another process started it first
    return value


# How many bumps this process has made: a value read once per request (``core.fragments``) is
# read again after the request's own write bumped it.
bumps = 0


def _bump(name: str) -> None:
    global bumps
    _seen.add(name)
    bumps += 1
    cache.set(_key(name), time.time_ns(), timeout=None)


@receiver(cache_recovered)
def _bump_all_after_outage(sender, **kwargs) -> None:
    for name in list(_seen):
        _bump(name)


def invalidate(name: str) -> None:
    """Forget everything cached under ``name``: now, and once more when the current transaction
    commits. Until it commits, other workers still read the old rows, and what they build meanwhile
    would be stored under the new generation."""
    _bump(name)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump(name))


def cached(name: str, key: str, build: Callable[[], T], timeout: int | None) -> T:
    """``build()``, kept in the shared cache for ``timeout`` seconds or until ``name`` is
    invalidated, whichever comes first. A ``None`` result is not cached."""
    full_key = f"core:cached:{name}:{generation(name)}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        if value is not None:
            cache.set(full_key, value, timeout)
    return value
