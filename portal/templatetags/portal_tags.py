from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse, translate_url
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

from portal import page_cache

register = template.Library()
CHROME_CACHE_SECONDS = 60 * 60


def _translations(page, request):
    """``{language: live page}`` for ``page`` and its translations (one query)."""
    pages = (
        Page.objects.filter(translation_key=page.translation_key).live().select_related("locale")
    )
    return {p.locale.language_code: p for p in pages}


def _cached(name, build):
    """``build()``, kept in the shared cache until published content changes (the page cache's
    generation): the site chrome costs no query on most requests, and a publish shows at once."""
    key = f"portal:chrome:{page_cache.generation()}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CHROME_CACHE_SECONDS)
    return value


def _homes(request):
    """The site's home page in every language, looked up once per request."""
    if not hasattr(request, "_portal_homes"):
        site = Site.find_for_request(request)
        homes = {}
        if site is not None:

            def build():
                root = Page.objects.filter(pk=site.root_page_id).values("translation_key")
                pages = (
                    Page.objects.filter(translation_key__in=root).live().select_related("locale")
                )
                return {p.locale.language_code: p for p in pages}

            homes = _cached(f"homes:{site.pk}:{site.root_page_id}", build)
        request._portal_homes = homes
    return request._portal_homes


@register.simple_tag
def menu_pages(home):
    """The live pages under ``home`` shown in the main menu, in order."""
    return _cached(f"menu:{home.pk}", lambda: list(home.get_children().live().in_menu()))


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page in every site language, for the switcher and the hreflang alternates.

    Editorial pages map to their translation (else the home page in that language); other views
    keep the same URL under the other language prefix.
    """
    request = context["request"]
    page = context.get("page")
    homes = _homes(request)
    if isinstance(page, Page) and page.pk:
        if any(home.pk == page.pk for home in homes.values()):
            pages = homes
        else:
            pages = {**homes, **_translations(page, request)}
        page_urls = {code: p.get_url(request) for code, p in pages.items()}
    else:
        page_urls = {}
    current = get_language()
    versions = []
    for code, _name in settings.LANGUAGES:
        url = page_urls.get(code) or translate_url(request.get_full_path(), code)
        info = get_language_info(code)
        versions.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "switch_url": reverse("switch_language", args=[code])
                + "?"
                + urlencode({"next": url}),
                "is_current": code == current,
                "bidi": info["bidi"],
            }
        )
    return versions


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page in the active language (falls back to the default language's)."""
    homes = _homes(context["request"])
    return homes.get(get_language()) or homes.get(settings.LANGUAGE_CODE)


@register.filter
def tel_href(phone):
    """Turn a phone number as people write it into a ``tel:`` URL."""
    digits = "".join(ch for ch in str(phone) if ch.isdigit() or ch == "+")
    return f"tel:{digits}"


@register.filter
def startswith(value, prefix):
    return str(value).startswith(str(prefix))


@register.simple_tag
def page_ancestors(page):
    """The page's ancestors below the tree root (home page first), for breadcrumbs."""
    return _cached(f"ancestors:{page.pk}", lambda: list(page.get_ancestors()[1:]))


@register.filter
def bdi(value):
    """``value`` isolated from the text around it: a phone number keeps its order in Arabic."""
    return format_html("<bdi>{}</bdi>", value)
