"""Send limits for messages anyone may ask for ("send me this list"): so many per address or
number, and per IP, in a period. Counted in the cache under keyed hashes, so the cache never holds
an address, a number or an IP."""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache


def _key(scope: str, value: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()
    return f"msglimit:{scope}:{digest[:32]}"


def limit_take(*, scope: str, value: str, limit: int, seconds: int) -> bool:
    """Count one use; ``False`` when ``value`` has already had ``limit`` uses in the period."""
    if not value:
        return True
    key = _key(scope, value)
    if cache.add(key, 1, timeout=seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds)
        return True
    return count <= limit
