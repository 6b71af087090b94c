import logging

from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail import views as wagtail_views

from content.models import QUICK_EXIT_DEFAULT_URL, SiteSettings
from core import chrome, published, routes
from core.rate_limits import rate_limit_hit

from . import page_cache

logger = logging.getLogger(__name__)

UNCACHED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/backoffice/",
    "/two-factor/",
    "/language/",
    "/healthz/",
)
# Campaign parameters change nothing on the page; they must not make every visit a cache miss.
TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


def tracking_parameters_drop(request) -> None:
    """Remove campaign parameters from the request before the view sees it: they are not in the
    cache key, so they must not be in the page either (a link carrying ``utm_content`` text would
    be served to every later visitor of the same cached page)."""
    if not any(name.startswith(TRACKING_PARAMETERS) for name in request.GET):
        return
    kept = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        if not name.startswith(TRACKING_PARAMETERS):
            kept.setlist(name, values)
    kept._mutable = False
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()


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

        tracking_parameters_drop(request)
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


# SQLite's "database is locked" / "busy"; PostgreSQL's serialization failure, deadlock, lock timeout.
_BUSY_WORDS = ("database is locked", "database table is locked", "database is busy")
_BUSY_SQLSTATES = ("40001", "40P01", "55P03")
BUSY_RETRY_SECONDS = 2


def database_busy(exception: BaseException) -> bool:
    if not isinstance(exception, OperationalError):
        return False
    if any(word in str(exception).lower() for word in _BUSY_WORDS):
        return True
    return getattr(exception.__cause__, "sqlstate", None) in _BUSY_SQLSTATES


class SiteFromCacheMiddleware:
    """Wagtail's site for the request taken from the shared cache (``core.chrome.
    site_for_request``, with its root page) before Wagtail serves a page, so that its routing,
    its redirects and the site settings find it on the request instead of querying the site and
    its root page again on every uncached page; and the page the address leads to from this
    process's routes (``core.routes``), so that Wagtail does not walk the page tree again. Only
    for Wagtail's page view: other views (the error pages, which must work without the database)
    look nothing up here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_views.serve:
            chrome.site_for_request(request)
            path = view_args[0] if view_args else view_kwargs.get("path", "")
            routes.route_for_request(request, path)
        return None


class DatabaseBusyMiddleware:
    """A write that still finds the database locked (after SQLite's busy timeout) gets a translated
    "try again" page, not a 500: it lists nothing typed, but holds it in a form that sends the same
    fields to the same address again, so nothing typed is lost (files must be chosen again)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_busy(exception):
            return None
        logger.warning("Database busy on %s %s: %s", request.method, request.path, exception)
        return try_again_response(
            request,
            reason=_(
                "The site is very busy and could not save this just now. Nothing was saved yet."
            ),
            status=503,
            retry_after=BUSY_RETRY_SECONDS,
        )


def try_again_response(request, *, reason: str, status: int, retry_after: int):
    """A translated "please try again" page that holds what was posted in a form sending it again
    to the same address (files excepted), so nothing typed is lost."""
    fields = []
    if request.method == "POST":
        fields = [
            (name, value)
            for name, values in request.POST.lists()
            if name != "csrfmiddlewaretoken"
            for value in values
        ]
    response = render(
        request,
        "try_again.html",
        {
            "reason": reason,
            "fields": fields,
            "had_files": bool(request.method == "POST" and request.FILES),
            "action": request.get_full_path(),
            "is_post": request.method == "POST",
            # From the cache alone: the database may be what is failing.
            "hotline_phone": SiteSettings.hotline_phone_known(),
            "quick_exit_url": QUICK_EXIT_DEFAULT_URL,  # as the 500 page: no settings read
        },
        status=status,
    )
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


# Not visitors' forms: staff screens, and providers' signed callbacks (inbound texts, opt-outs),
# which must never be dropped.
NOT_PUBLIC_FORMS = ("/admin/", "/django-admin/", "/backoffice/", "/two-factor/", "/messages/")


class PublicPostRateLimitMiddleware:
    """Every public form sent (any POST outside the admin and the back office) counts against the
    visitor's address, ``PUBLIC_POST_RATE``; over it, the "try again" page (429, ``Retry-After``)
    holds what was typed. Counted after the CSRF check, so forged posts cost nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.path_info.startswith(NOT_PUBLIC_FORMS):
            return None
        limited = rate_limit_hit(request, group="public-post", rate=settings.PUBLIC_POST_RATE)
        if limited is None:
            return None
        logger.warning("Public form rate limit reached on %s", request.path)
        return try_again_response(
            request,
            reason=_(
                "You have sent many forms from this connection in a short time. "
                "Please wait a few minutes, then send it again."
            ),
            status=429,
            retry_after=limited.retry_after,
        )
