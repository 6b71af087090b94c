"""A shared cache of anonymous page responses that any published change invalidates at once.

Why not Django's UpdateCacheMiddleware/FetchFromCacheMiddleware: they cannot be invalidated on
publish (the key prefix is fixed) and they send ``max-age`` to browsers, so a published change
would stay hidden until the browser's copy expired. Here the server keeps the copy, keyed by the
generation of published content (``core.published``) that every change to a public record bumps
(``portal.signals``), and browsers always revalidate (``portal.middleware``).
"""

from django.conf import settings


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0
