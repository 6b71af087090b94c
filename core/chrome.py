"""The site's chrome (its home page in every language, menus, breadcrumbs), kept in the shared
cache until published content changes (``core.published``): it costs no query on most requests,
and a publish shows at once."""

from wagtail.models import Page, Site

from . import published

SECONDS = 60 * 60


def cached(name, build):
    """``build()``, cached under ``name`` until published content changes."""
    return published.cached(f"chrome:{name}", build, SECONDS)


def site_homes(request) -> dict:
    """``{language code: live home page}`` of the request's site, looked up once per request."""
    if not hasattr(request, "_core_site_homes"):
        site = Site.find_for_request(request)
        homes = {}
        if site is not None:

            def build():
                root = Page.objects.filter(pk=site.root_page_id).values("translation_key")
                pages = (
                    Page.objects.filter(translation_key__in=root).live().select_related("locale")
                )
                return {p.locale.language_code: p for p in pages}

            homes = cached(f"homes:{site.pk}:{site.root_page_id}", build)
        request._core_site_homes = homes
    return request._core_site_homes
