"""The portal's URLs plus a minimal view, served by the same process, settings and middleware.

The minimal view sits under ``/healthz/`` because the anonymous page cache skips that prefix (as it
does for the real health check), so the baseline is the cheapest response Django can give, not a
page cache hit.
"""

from django.http import HttpResponse
from django.urls import path

from portal.urls import handler500  # noqa: F401
from portal.urls import urlpatterns as portal_urlpatterns

MINIMAL_PATH = "/healthz/bench-minimal/"


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


# Not include("portal.urls"): Django allows i18n_patterns only at the root of the URLconf.
urlpatterns = [path(MINIMAL_PATH.lstrip("/"), minimal, name="bench_minimal"), *portal_urlpatterns]
