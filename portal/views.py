import logging
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, HttpResponseNotFound, HttpResponseRedirect
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils._os import safe_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.static import serve

from content.models import QUICK_EXIT_DEFAULT_URL, SiteSettings


def browse_safely(request):
    """How to visit this site without leaving traces: quick exit, private windows, history, shared
    devices, a safe phone. A template in the translation catalogues rather than an editorial page,
    so that every installation has it in every language from the start."""
    return render(request, "portal/browse_safely.html")


logger = logging.getLogger(__name__)


def switch_language(request, code):
    """Remember the visitor's language and send them back to the page they were on.

    The switcher links already point ``next`` at the same page in the chosen language; this
    view only refuses destinations on other sites and stores the choice for the next visit.
    """
    if code not in dict(settings.LANGUAGES):
        return HttpResponseNotFound()
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = f"/{code}/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        httponly=True,
    )
    return response


@never_cache
def healthz(request):
    """Readiness for the load balancer: the database and the cache answer. Each is named, with
    "ok" or "failed"; any failure answers 503 (pages still render without the cache, but slower
    and without it a publish on one server is not seen by the others' page caches)."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except DatabaseError:
        logger.exception("Health check: the database failed")
        checks["database"] = "failed"
    try:
        check = getattr(cache, "check", None)
        if check is not None:
            check()  # ResilientCache: the wrapped backend itself, errors raised
        else:
            cache.set("portal:healthz", "ok", 30)
            if cache.get("portal:healthz") != "ok":
                raise RuntimeError("the cache does not keep what it is given")
        checks["cache"] = "ok"
    except Exception:
        logger.exception("Health check: the cache failed")
        checks["cache"] = "failed"
    failed = any(state != "ok" for state in checks.values())
    body = "".join(f"{name}: {state}\n" for name, state in checks.items())
    return HttpResponse(
        ("failed\n" if failed else "ok\n") + body,
        content_type="text/plain",
        status=503 if failed else 200,
    )


def server_error(request):
    """The 500 page, translated, rendered without touching the database (the hotline number is
    the one last read, kept in the cache)."""
    template = loader.get_template("500.html")
    context = {
        "LANGUAGE_CODE": translation.get_language(),
        "LANGUAGE_BIDI": translation.get_language_bidi(),
        "quick_exit_url": QUICK_EXIT_DEFAULT_URL,
        "hotline_phone": SiteSettings.hotline_phone_known(),
    }
    return HttpResponse(template.render(context), status=500)


def media(request, path):
    """Wagtail's public uploads (``MEDIA_ROOT``) when no reverse proxy serves them (``DEBUG`` or
    ``SERVE_MEDIA``). Nothing outside ``MEDIA_ROOT`` is reachable, whatever the path says (``..``,
    a symbolic link), and nothing inside the private store even if it were configured there."""
    if not (settings.DEBUG or settings.SERVE_MEDIA):
        raise Http404
    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        target = Path(safe_join(root, path)).resolve()
    except (SuspiciousFileOperation, ValueError) as error:
        raise Http404 from error
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    if not target.is_relative_to(root) or target.is_relative_to(private):
        raise Http404
    return serve(request, str(target.relative_to(root)), document_root=str(root))
