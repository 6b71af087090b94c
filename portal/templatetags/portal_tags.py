"""Template tags of the project's own templates (base layout, main menu, language switcher).

Tags any app's templates may use live in ``core_tags``; the templates of lower apps never load
this library."""

from urllib.parse import unquote, urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, Resolver404, get_script_prefix, resolve, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_bidi, get_language_info, override
from wagtail.models import Page

from content.models import SiteSettings
from core import chrome
from core.fragments import fragment

register = template.Library()


def _translations(page):
    """``{language: live page}`` for ``page`` and its translations (one query)."""
    pages = (
        Page.objects.filter(translation_key=page.translation_key).live().select_related("locale")
    )
    return {p.locale.language_code: p for p in pages}


def menu_pages(home, request=None):
    """The live pages under ``home`` shown in the main menu, in order."""
    return chrome.cached(
        f"menu:{home.pk}", lambda: list(home.get_children().live().in_menu()), request=request
    )


LANGUAGES = settings.LANGUAGES

CHROME_PARTS = ("head", "top", "search", "header_end", "footer")


def _nav_current(context, request, home) -> tuple:
    """What the main menu marks as the current page: the page's id when it is the home page or
    one of its children (the only pages the menu lists), and whether this address is in the
    directory or on the lost and found board. A handful of values per site, never the address."""
    page = context.get("page")
    page_pk = None
    if isinstance(page, Page) and page.pk and home is not None:
        if page.pk == home.pk or (page.depth == home.depth + 1 and page.path.startswith(home.path)):
            page_pk = page.pk
    directory_url, board_url = reverse("directory:browse"), reverse("board:board")
    return (
        page_pk,
        directory_url,
        request.path.startswith(directory_url),
        board_url,
        request.path.startswith(board_url),
    )


def _chrome_render(part, request, home, nav) -> str:
    """The HTML of one part of the chrome, from the values its key names only: the template gets
    no request and runs no context processor, so nothing of this visitor (CSRF token, messages,
    the signed-in user, the address) can end up in what every visitor is shown."""
    values = {
        "LANGUAGE_CODE": get_language(),
        "LANGUAGE_BIDI": get_language_bidi(),
        "s": SiteSettings.for_request(request),
        "home": home,
    }
    if part == "top" and home is not None:
        page_pk, directory_url, in_directory, board_url, in_board = nav
        values["home_url"] = home.get_url(request)
        values["menu"] = [
            {"pk": item.pk, "title": item.title, "url": item.get_url(request)}
            for item in menu_pages(home, request)
        ]
        values["nav"] = {
            "page": page_pk,
            "directory_url": directory_url,
            "in_directory": in_directory,
            "board_url": board_url,
            "in_board": in_board,
        }
    html = render_to_string(f"includes/chrome/{part}.html", values)
    return html[:-1] if html.endswith("\n") else html  # the template file's last line break


@register.simple_tag(takes_context=True, name="chrome")
def chrome_part(context, part):
    """``{% chrome "top" %}``: a part of the site's chrome (``CHROME_PARTS``: the head's assets,
    the header up to its search box, the search box, the rest of the header, the footer),
    rendered once per language, site, home page and current menu item in this process and reused
    until published content changes (``core.fragments``; saving the site settings is a change
    of published content). Every page shows it, and rendering it was a tenth of a page's time.
    The language switcher links to the current address and stays in ``base.html``."""
    if part not in CHROME_PARTS:
        raise template.TemplateSyntaxError(f"no chrome part {part!r}")
    request = context["request"]
    site = chrome.site_for_request(request)
    homes = chrome.site_homes(request)
    language = get_language()
    home = homes.get(language) or homes.get(settings.LANGUAGE_CODE)
    nav = _nav_current(context, request, home) if part == "top" else None
    key = (
        "portal:chrome",
        part,
        language,
        get_script_prefix(),
        site.pk if site is not None else None,
        home.pk if home is not None else None,
        nav,
    )
    return fragment(key, lambda: _chrome_render(part, request, home, nav), request=request)


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


def _page_urls(request, page) -> dict:
    """``{language: URL}`` of an editorial page's translations (else the home page in that
    language), as ``page.get_url(request)`` gives them for this request's site; kept with the
    chrome until published content changes (a query and five URL lookups a page otherwise)."""
    site = chrome.site_for_request(request)
    homes = chrome.site_homes(request)

    def build():
        if any(home.pk == page.pk for home in homes.values()):
            pages = homes
        else:
            pages = {**homes, **_translations(page)}
        return {code: p.get_url(request) for code, p in pages.items()}

    if site is None:
        return build()
    return chrome.cached(f"page-urls:{site.pk}:{page.pk}", build, request=request)


_switch_paths: dict = {}


def _switch_path(code: str) -> str:
    """``reverse("switch_language", args=[code])``, once per language and script prefix."""
    key = (get_script_prefix(), code)
    path = _switch_paths.get(key)
    if path is None:
        path = _switch_paths[key] = reverse("switch_language", args=[code])
    return path


def versions_of(request, page) -> list[dict]:
    """The current page in every site language (see ``language_versions``), once per request."""
    cached = getattr(request, "_portal_language_versions", None)
    if cached is not None and cached[0] is page and cached[1] == get_language():
        return cached[2]
    if isinstance(page, Page) and page.pk:
        page_urls = _page_urls(request, page)
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
                "switch_url": _switch_path(code) + "?" + urlencode({"next": url}),
                "is_current": code == current,
                "bidi": info["bidi"],
            }
        )
    request._portal_language_versions = (page, current, versions)
    return versions


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page in every site language, for the switcher and the hreflang alternates.

    Editorial pages map to their translation (else the home page in that language); other views
    keep the same URL under the other language prefix.
    """
    return versions_of(context["request"], context.get("page"))


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """The head's ``<link rel="alternate" hreflang>`` for every language and the x-default
    (English), written out here rather than by a template loop: every page has them."""
    versions = versions_of(context["request"], context.get("page"))
    links = [
        format_html(
            '<link rel="alternate" hreflang="{}" href="{}">\n  ', v["code"], v["absolute_url"]
        )
        for v in versions
    ]
    links += [
        format_html('<link rel="alternate" hreflang="x-default" href="{}">', v["absolute_url"])
        for v in versions
        if v["code"] == "en"
    ]
    return mark_safe("".join(links))


@register.simple_tag(takes_context=True)
def language_switcher_items(context):
    """The language switcher's items: each language links to this address in that language, so
    they are made for every request (never kept), in Python rather than by a template loop."""
    versions = versions_of(context["request"], context.get("page"))
    return mark_safe(
        "".join(
            format_html(
                '\n        <li><a href="{}" hreflang="{}" lang="{}" dir="{}"{}>{}</a></li>\n        ',
                v["switch_url"],
                v["code"],
                v["code"],
                "rtl" if v["bidi"] else "ltr",
                mark_safe(' aria-current="true"') if v["is_current"] else "",
                v["name"],
            )
            for v in versions
        )
    )
