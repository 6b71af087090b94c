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
from typing import TypeVar

from django.utils.safestring import SafeString, mark_safe

from . import generations, published

FRAGMENTS_MAX = 5000

T = TypeVar("T")

_store: OrderedDict = OrderedDict()
_lock = threading.Lock()


def request_generation(request) -> int:
    """The generation of published content, read from the shared cache once per request, and
    again after this process bumped a generation (the request's own write: what it renders
    next must not come from before it)."""
    if request is None:
        return published.generation()
    read = getattr(request, "_core_fragments_generation", None)
    if read is None or read[0] != generations.bumps:
        read = request._core_fragments_generation = (generations.bumps, published.generation())
    return read[1]


def fragment(key: tuple[Hashable, ...], render: Callable[[], str], *, request=None) -> SafeString:
    """The HTML ``render()`` gives for ``key``, rendered once per generation of published
    content in this process."""
    full_key = (request_generation(request), *key)
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


def kept(key: tuple[Hashable, ...], build: Callable[[], T], *, request=None) -> T:
    """Any value ``build()`` gives for ``key`` (the site's home pages, a menu's pages, a page's
    translations), built once per generation of published content in this process, in the same
    bounded store as the fragments: read far more often than published content changes, it then
    costs neither a query nor a read of the shared cache. The value is shared by every request
    of this process, so only what nobody changes may be kept (model instances read, not
    saved). A ``None`` result is not kept."""
    full_key = (request_generation(request), "kept", *key)
    with _lock:
        if full_key in _store:
            _store.move_to_end(full_key)
            return _store[full_key]
    value = build()
    if value is not None:
        with _lock:
            _store[full_key] = value
            while len(_store) > FRAGMENTS_MAX:
                _store.popitem(last=False)
    return value


def kept_many(name: str, ids, build: Callable[[list], dict], *, request=None) -> dict:
    """``{id: value}`` for ``ids``, each value kept as by ``kept`` under ``(name, id)``; those
    not kept yet are built together, ``build(missing_ids)`` giving ``{id: value}`` (an id it
    leaves out is left out of the answer, and not kept)."""
    generation = request_generation(request)
    found, missing = {}, []
    with _lock:
        for pk in ids:
            full_key = (generation, "kept", name, pk)
            if full_key in _store:
                _store.move_to_end(full_key)
                found[pk] = _store[full_key]
            else:
                missing.append(pk)
    if missing:
        built = build(missing)
        with _lock:
            for pk, value in built.items():
                _store[(generation, "kept", name, pk)] = value
            while len(_store) > FRAGMENTS_MAX:
                _store.popitem(last=False)
        found.update(built)
    return found


def fragments_clear() -> None:
    """Forget every fragment of this process (tests)."""
    with _lock:
        _store.clear()
