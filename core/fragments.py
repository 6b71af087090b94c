"""Pieces of HTML rendered once and reused, in this process, until published content changes.

A listing card, a form field: the same few inputs give the same HTML for every visitor, page after
page, and rendering them through the template engine is most of what an uncached page costs.
``fragment(key, render)`` keeps the HTML of ``render()`` under ``key`` in a bounded in-memory
store (least recently used first out). The key must name *everything* the HTML depends on (the
record, the language, the values shown); the generation of published content (``core.published``)
is added to it, so a record saved, an import or a publish in any process makes every fragment
built before unreachable, as it does for the page cache.

The generation is read from the shared cache once per request (``request`` given), else per call.
Memory stays bounded: ``FRAGMENTS_MAX`` fragments a process.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.utils.safestring import SafeString, mark_safe

from . import published

FRAGMENTS_MAX = 5000

_store: OrderedDict = OrderedDict()
_lock = threading.Lock()


def _generation(request) -> int:
    if request is None:
        return published.generation()
    if not hasattr(request, "_core_fragments_generation"):
        request._core_fragments_generation = published.generation()
    return request._core_fragments_generation


def fragment(key: tuple[Hashable, ...], render: Callable[[], str], *, request=None) -> SafeString:
    """The HTML ``render()`` gives for ``key``, rendered once per generation of published
    content in this process."""
    full_key = (_generation(request), *key)
    with _lock:
        html = _store.get(full_key)
        if html is not None:
            _store.move_to_end(full_key)
            return html
    html = mark_safe(render())
    with _lock:
        _store[full_key] = html
        while len(_store) > FRAGMENTS_MAX:
            _store.popitem(last=False)
    return html


def fragments_clear() -> None:
    """Forget every fragment of this process (tests)."""
    with _lock:
        _store.clear()
