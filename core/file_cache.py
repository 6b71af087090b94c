"""The file cache (``CACHE_URL=filecache://...``, the default) without a folder listing on every
write.

Django's ``FileBasedCache`` lists its whole folder before each ``set`` to see whether it holds
``MAX_ENTRIES`` files already: with a few hundred entries that listing costs more than the write
itself, and the site writes on every form sent (the per-address limits count in the cache) and on
every change that forgets cached pages. Here the folder is counted at most once every
``CULL_CHECK_SECONDS`` per process (and on the first write): the cache still stays near its
bound (it may pass it by what is written in that second) and is trimmed as Django trims it.
"""

import time

from django.core.cache.backends.filebased import FileBasedCache

CULL_CHECK_SECONDS = 1.0


class FileCache(FileBasedCache):
    _next_cull_check = 0.0

    def _cull(self):
        now = time.monotonic()
        if now < self._next_cull_check:
            return
        self._next_cull_check = now + CULL_CHECK_SECONDS
        super()._cull()
