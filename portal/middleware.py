from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode

from core import published

from . import page_cache

UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/backoffice/", "/language/", "/healthz/")
# Campaign parameters change nothing on the page; they must not make every visit a cache miss.
TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


def cache_key(request):
    params = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if not name.startswith(TRACKING_PARAMETERS)
        for value in values
    )
    query = f"?{urlencode(params)}" if params else ""
    return f"portal:page:{published.generation()}:{request.scheme}://{request.get_host()}{request.path}{query}"


class AnonymousPageCacheMiddleware:
    """Serve anonymous GET requests from the shared page cache (see ``portal.page_cache``).

    Visitors with a session (staff, or someone part-way through a form) always get a fresh page,
    and responses that set a cookie (a CSRF token for a form) or say they are private are never
    stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._cacheable_request(request):
            return self.get_response(request)

        key = cache_key(request)
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        # A view may say its page stays true for less time (an "open now" badge turns at closing
        # time): ``response.page_cache_seconds``.
        timeout = min(
            settings.PAGE_CACHE_SECONDS,
            getattr(response, "page_cache_seconds", settings.PAGE_CACHE_SECONDS),
        )
        if timeout > 0 and self._cacheable_response(response):
            headers = {k: v for k, v in response.items() if k.lower() not in ("set-cookie", "vary")}
            cache.set(key, (response.content, headers), timeout)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _cacheable_request(request):
        return (
            page_cache.enabled()
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(UNCACHED_PREFIXES)
        )

    @staticmethod
    def _cacheable_response(response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return False
        # Browsers must ask again each time so that a published change shows at once.
        patch_cache_control(response, no_cache=True, public=True)
        return True
