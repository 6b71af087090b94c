"""Which Wagtail page an address leads to, worked out once per process until published content
changes, instead of walking the page tree on every request.

Wagtail routes a request from the site's root page, localized to the active language, one child
slug at a time: a query per level, another for each page's specific class, one for the active
locale, and, before serving, one for the view restrictions of the page and its ancestors. None of
that depends on the visitor: the same site, language and path always lead to the same live page,
until a page is published, unpublished, moved or edited, a restriction or a locale changes — every
one a change of published content (``core.published``: ``wagtailcore`` is a public app).

``route_for_request(request, path)`` hands Wagtail the route from a bounded store in this process
(least recently used first out), keyed by the published generation, the site, the language and
the path, and stores it on the request where Wagtail's own ``Page.route_for_request`` looks first.
The page is the specific one, with its StreamFields' values (and the pages they choose) already
fetched, and the list of its view restrictions; each request gets a shallow copy of it, so what a
request sets on its page stays with that request. Whether a restriction lets *this* visitor in is
still decided per request (``PageViewRestriction.accept_request``), as is everything the page
then renders. Addresses that lead nowhere are not kept (any number of them can be asked for).
"""

import copy
import threading
from collections import OrderedDict

from django.http import Http404
from django.utils import translation
from wagtail.url_routing import RouteResult

from . import chrome
from .fragments import request_generation

ROUTES_MAX = 2000

_store: OrderedDict = OrderedDict()
_lock = threading.Lock()


def _route(request, site, path: str):
    """Wagtail's routing (``Page.route_for_request``) for ``site``, with the view restrictions
    fetched once and kept on the page."""
    components = [component for component in path.split("/") if component]
    try:
        page, args, kwargs = site.root_page.localized.specific.route(request, components)
    except Http404:
        return None
    restrictions = list(page.get_view_restrictions())
    # Wagtail's view restriction check (the ``on_serve_page`` hook) calls this on every request.
    page.get_view_restrictions = lambda: restrictions
    for field in page._meta.concrete_fields:
        if field.get_internal_type() == "StreamField":
            value = getattr(page, field.attname)
            _ = [child.value for child in value]  # their blocks' database values, fetched now
    return page, args, kwargs


def route_for_request(request, path: str) -> None:
    """Put the route of ``path`` on ``request`` (``request._wagtail_route_for_request``, where
    Wagtail's ``serve`` view finds it), from this process's store when it has it."""
    if hasattr(request, "_wagtail_route_for_request"):
        return
    site = chrome.site_for_request(request)
    if site is None:
        return  # Wagtail answers 404 itself
    key = (request_generation(request), site.pk, translation.get_language(), path)
    with _lock:
        route = _store.get(key)
        if route is not None:
            _store.move_to_end(key)
    if route is None:
        route = _route(request, site, path)
        if route is None:
            return  # Wagtail routes it again and answers 404
        with _lock:
            _store[key] = route
            while len(_store) > ROUTES_MAX:
                _store.popitem(last=False)
    page, args, kwargs = route
    request._wagtail_route_for_request = RouteResult(copy.copy(page), list(args), dict(kwargs))


def routes_clear() -> None:
    """Forget every route of this process (tests)."""
    with _lock:
        _store.clear()
