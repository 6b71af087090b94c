"""A shared cache of anonymous page responses that any published change invalidates at once.

Why not Django's UpdateCacheMiddleware/FetchFromCacheMiddleware: they cannot be invalidated on
publish (the key prefix is fixed) and they send ``max-age`` to browsers, so a published change
would stay hidden until the browser's copy expired. Here the server keeps the copy, keyed by a
*generation* number that every content change bumps, and browsers always revalidate.
"""

import time

from django.conf import settings
from django.core.cache import cache

GENERATION_KEY = "portal:page-cache-generation"


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = time.time_ns()
        cache.add(GENERATION_KEY, value, timeout=None)
    return value


def invalidate() -> None:
    """Forget every cached page (called whenever published content changes)."""
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0
