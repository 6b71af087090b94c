"""A cache that cannot take the site down: any backend, wrapped so that its failures are logged and
read as "not cached".

When the wrapped cache fails (an unwritable cache folder, Redis unreachable or timing out), every
call answers as an empty cache would (``get`` gives the default, ``set`` stores nothing, ``add`` and
``incr`` store nothing) and the error is logged once. For ``RETRY_SECONDS`` after a failure the
wrapped cache is not called at all, so a cache that hangs costs one timeout, not one per call; then
it is tried again. Pages render without the cache meanwhile, and ``/healthz/`` reports it
(``check``).

Writes lost while the cache was down would leave old generations in place when it comes back
(``core.generations``: a page cached before a publish could be served again): ``cache_recovered``
is sent when a call succeeds after a failure, and the generations listen to it.

    CACHES = {"default": {
        "BACKEND": "core.resilient_cache.ResilientCache",
        "WRAPPED": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "..."},
        "RETRY_SECONDS": 10,
    }}
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.dispatch import Signal
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Sent (no arguments but ``sender``, the cache) when the wrapped cache answers again after failing.
cache_recovered = Signal()


class ResilientCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)
        self._wrapped_config = dict(params["WRAPPED"])
        self._wrapped = None
        self.retry_seconds = params.get("RETRY_SECONDS", 10)
        self._down_until = 0.0
        self._failed = False

    @property
    def wrapped(self) -> BaseCache:
        """The real cache, made on first use (a file cache makes its folder then, and may fail)."""
        if self._wrapped is None:
            config = dict(self._wrapped_config)
            backend = import_string(config.pop("BACKEND"))
            self._wrapped = backend(config.pop("LOCATION", ""), config)
        return self._wrapped

    # --- health ---------------------------------------------------------------------------------

    def check(self) -> None:
        """Write, read back and delete a value in the wrapped cache; raise what it raises."""
        key = f"core:healthz:{time.time_ns()}"
        self.wrapped.set(key, "ok", 30)
        if self.wrapped.get(key) != "ok":
            raise RuntimeError("the cache does not keep what it is given")
        self.wrapped.delete(key)

    @property
    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    # --- the guard ------------------------------------------------------------------------------

    def _call(self, method: str, fallback, *args, **kwargs):
        if self.is_down:
            return fallback
        try:
            result = getattr(self.wrapped, method)(*args, **kwargs)
        except ValueError:
            raise  # incr/decr of a missing key: an answer, not a failure
        except Exception:
            self._down_until = time.monotonic() + self.retry_seconds
            if not self._failed:
                logger.exception(
                    "The cache failed (%s); pages are served without it for %s s",
                    method,
                    self.retry_seconds,
                )
            self._failed = True
            return fallback
        if self._failed:
            # What was written meanwhile is lost: the listeners make up for it, then the call is
            # made again so that it reads what they wrote.
            self._failed = False
            logger.warning("The cache answers again")
            cache_recovered.send(sender=self)
            return self._call(method, fallback, *args, **kwargs)
        return result

    # --- the cache API --------------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call("set", None, key, value, timeout=timeout, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout=timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", None, key, delta, version=version)

    def decr(self, key, delta=1, version=None):
        return self._call("decr", None, key, delta, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout=timeout, version=version)

    def delete_many(self, keys, version=None):
        self._call("delete_many", None, keys, version=version)

    def clear(self):
        self._call("clear", None)

    def close(self, **kwargs):
        if self._wrapped is None:
            return
        try:
            self._wrapped.close(**kwargs)
        except Exception:
            logger.warning("The cache failed to close", exc_info=True)
