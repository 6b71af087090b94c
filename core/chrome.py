"""The site's chrome (its home page in every language, menus, breadcrumbs), kept in each process
until published content changes (``core.fragments.kept``, under the generation of
``core.published``): it costs no query and no read of the shared cache on most requests, and a
publish shows at once."""

from django.core.exceptions import DisallowedHost
from wagtail.models import Page, Site

from .fragments import kept


def cached(name, build, *, request=None):
    """``build()``, kept under ``name`` until published content changes (the generation read
    once per ``request``, else on each call)."""
    return kept(("chrome", name), build, request=request)


def site_for_request(request) -> Site | None:
    """Wagtail's site for the request (``Site.find_for_request``), looked up in the shared cache
    by host and port rather than in the database on every request, with its root page; Wagtail's
    own calls for the same request then find it on ``request._wagtail_site`` (``portal.middleware.
    SiteFromCacheMiddleware`` looks it up before Wagtail serves a page)."""
    if not hasattr(request, "_wagtail_site"):
        try:
            host = request.get_host()  # only hosts ALLOWED_HOSTS lets through get a cache key
        except DisallowedHost:
            return Site.find_for_request(request)

        def build():
            site = Site.find_for_request(request)
            if site is not None:
                _ = site.root_page  # kept with the site: Wagtail routes pages from it
            return site

        request._wagtail_site = cached(f"site:{host}:{request.get_port()}", build, request=request)
    return request._wagtail_site


def site_homes(request) -> dict:
    """``{language code: live home page}`` of the request's site, looked up once per request."""
    if not hasattr(request, "_core_site_homes"):
        site = site_for_request(request)
        homes = {}
        if site is not None:

            def build():
                root = Page.objects.filter(pk=site.root_page_id).values("translation_key")
                pages = (
                    Page.objects.filter(translation_key__in=root).live().select_related("locale")
                )
                return {p.locale.language_code: p for p in pages}

            homes = cached(f"homes:{site.pk}:{site.root_page_id}", build, request=request)
        request._core_site_homes = homes
    return request._core_site_homes
