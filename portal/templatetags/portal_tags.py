"""Template tags of the project's own templates (base layout, main menu, language switcher).

Tags any app's templates may use live in ``core_tags``; the templates of lower apps never load
this library."""

from urllib.parse import unquote, urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info, override
from wagtail.models import Page

from core import chrome

register = template.Library()


def _translations(page):
    """``{language: live page}`` for ``page`` and its translations (one query)."""
    pages = (
        Page.objects.filter(translation_key=page.translation_key).live().select_related("locale")
    )
    return {p.locale.language_code: p for p in pages}


@register.simple_tag
def menu_pages(home):
    """The live pages under ``home`` shown in the main menu, in order."""
    return chrome.cached(f"menu:{home.pk}", lambda: list(home.get_children().live().in_menu()))


LANGUAGES = settings.LANGUAGES


def _same_view_urls(full_path: str) -> dict:
    """``{language: this URL under that language's prefix}``: Django's ``translate_url`` for
    every language, with the path resolved once rather than once per language."""
    parsed = urlsplit(full_path)
    try:
        match = resolve(unquote(parsed.path))
    except Resolver404:
        return {code: full_path for code, _name in LANGUAGES}
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    urls = {}
    for code, _name in LANGUAGES:
        with override(code):
            try:
                path = reverse(name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                urls[code] = full_path
            else:
                urls[code] = urlunsplit(
                    (parsed.scheme, parsed.netloc, path, parsed.query, parsed.fragment)
                )
    return urls


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page in every site language, for the switcher and the hreflang alternates.

    Editorial pages map to their translation (else the home page in that language); other views
    keep the same URL under the other language prefix.
    """
    request = context["request"]
    page = context.get("page")
    homes = chrome.site_homes(request)
    if isinstance(page, Page) and page.pk:
        if any(home.pk == page.pk for home in homes.values()):
            pages = homes
        else:
            pages = {**homes, **_translations(page)}
        page_urls = {code: p.get_url(request) for code, p in pages.items()}
    else:
        page_urls = {}
    current = get_language()
    same_view = _same_view_urls(request.get_full_path()) if len(page_urls) < len(LANGUAGES) else {}
    versions = []
    for code, _name in settings.LANGUAGES:
        url = page_urls.get(code) or same_view[code]
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
