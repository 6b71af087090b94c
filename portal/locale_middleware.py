"""Django's LocaleMiddleware, without its guess for paths outside the language-prefixed site.

Django answers a 404 by redirecting to the same path with a language prefix whenever that path
exists. Wagtail's page serving, last in the prefixed patterns, takes every path, so a 404 of the
back office, the admin or the HSDS API (``/backoffice/cases/PS-…/``) became a redirect into the
public site (``/en/backoffice/cases/PS-…/``) and its 404 page. A path under one of the root
URLconf's unprefixed mounts is not a public page missing its prefix: its 404 stands as it is.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import LocalePrefixPattern, URLResolver, get_resolver
from django.utils import translation
from django.utils.cache import patch_vary_headers


def _unprefixed_mount(path_info: str, urlconf) -> bool:
    """Whether the path falls under a pattern of ``urlconf`` outside ``i18n_patterns``."""
    path = path_info.lstrip("/")
    for pattern in get_resolver(urlconf).url_patterns:
        if isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern):
            continue
        if pattern.pattern.match(path):
            return True
    return False


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if response.status_code == 404 and _unprefixed_mount(
            request.path_info, getattr(request, "urlconf", settings.ROOT_URLCONF)
        ):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
