"""Read-only HSDS 3.0 JSON API (``/api/hsds/``), following the paths of HSDS's ``openapi.json``.

Plain Django views: parse the query, ask ``directory.hsds.exporter`` for rows and documents, answer
JSON. Only public resources are listed; confidential addresses never appear
(``directory.confidential``, applied by the exporter).

Language: ``?lang=es`` or the Accept-Language header (default English, the fallback for missing
translations). Caching: with ``?lang=`` the answer is the same for everyone (public, 5 minutes);
negotiated from Accept-Language it is private, because the portal's anonymous page cache keys
pages by URL only and would otherwise hand one visitor's language to the next.
"""

import uuid
from functools import wraps

from django.conf import settings
from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.http import require_safe

from .hsds import exporter
from .hsds.exporter import BadParameter

CACHE_SECONDS = 300


def _language(request) -> tuple[str, bool]:
    """The language asked for, and whether it came from the URL (not the headers)."""
    codes = [code for code, _name in settings.LANGUAGES]
    asked = request.GET.get("lang", "").strip()
    if asked:
        try:
            return translation.get_supported_language_variant(asked.lower()), True
        except LookupError:
            raise BadParameter("lang", f"unknown language {asked!r}; one of {codes}") from None
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code.lower()), False
        except LookupError:
            continue
    return settings.LANGUAGE_CODE, False


def _int(request, name: str, default: int, maximum: int | None = None) -> int:
    value = request.GET.get(name, "")
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise BadParameter(name, f"not a whole number: {value!r}") from None
    if number < 1:
        raise BadParameter(name, "must be 1 or more")
    return min(number, maximum) if maximum else number


def _text(request, name: str) -> str:
    """A text parameter; a NUL character (which PostgreSQL cannot compare) is a 400."""
    value = request.GET.get(name, "").strip()
    if "\x00" in value:
        raise BadParameter(name, "contains a NUL character")
    return value


def _bool(request, name: str) -> bool:
    return request.GET.get(name, "").lower() in ("1", "true", "yes")


def _uuid_param(request, name: str) -> uuid.UUID | None:
    value = request.GET.get(name, "").strip()
    return exporter.parse_uuid(value, name) if value else None


def _error(status: int, message: str, parameter: str | None = None) -> JsonResponse:
    body = {"error": message, "status": status}
    if parameter:
        body["parameter"] = parameter
    return JsonResponse(body, status=status)


def hsds_api(view):
    """Language, errors as JSON, and cache headers around an API view."""

    @require_safe
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            language, from_url = _language(request)
            with translation.override(language):
                response = JsonResponse(
                    view(request, *args, language=language, **kwargs),
                    json_dumps_params={"ensure_ascii": False},
                )
        except BadParameter as exc:
            return _error(400, str(exc), exc.parameter)
        except Http404 as exc:
            # LocaleMiddleware redirects a 404 outside i18n_patterns to "/en/<path>" (which
            # Wagtail's catch-all answers) unless the request's URLconf has no i18n_patterns.
            request.urlconf = "directory.api_urls"
            return _error(404, str(exc) or "Not found.")
        response["Content-Language"] = language
        response["Access-Control-Allow-Origin"] = "*"
        if from_url:
            patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        else:
            patch_cache_control(response, private=True, max_age=CACHE_SECONDS)
            patch_vary_headers(response, ["Accept-Language"])
        return response

    return wrapper


def _page(request, queryset, serialize) -> dict:
    return exporter.paged(
        queryset,
        page=_int(request, "page", 1),
        per_page=_int(request, "per_page", exporter.DEFAULT_PER_PAGE, exporter.MAX_PER_PAGE),
        serialize=serialize,
    )


def _one(queryset, id: str, what: str):
    try:
        hsds_id = uuid.UUID(id)
    except ValueError:
        raise Http404(f"No {what} with id {id!r}.") from None
    found = queryset.filter(hsds_id=hsds_id).first()
    if found is None:
        raise Http404(f"No {what} with id {id!r}.")
    return found


def _service_filters(request, language: str) -> dict:
    modified_after = request.GET.get("modified_after", "")
    return {
        "search": _text(request, "search"),
        "modified_after": exporter.parse_modified_after(modified_after) if modified_after else None,
        "organization_id": _uuid_param(request, "organization_id"),
        "taxonomy_term_id": _uuid_param(request, "taxonomy_term_id"),
        "taxonomy_id": _uuid_param(request, "taxonomy_id"),
        "language": language,
    }


@hsds_api
def index(request, *, language):
    return exporter.api_meta()


@hsds_api
def services(request, *, language):
    full = _bool(request, "full")
    queryset = exporter.services_filter(
        exporter.services_queryset(full=full), **_service_filters(request, language)
    )
    serializer = exporter.Serializer(language=language)
    return _page(request, queryset, lambda resource: serializer.service(resource, full=full))


@hsds_api
def service(request, id, *, language):
    resource = _one(exporter.services_queryset(full=True), id, "service")
    return exporter.Serializer(language=language).service(resource)


@hsds_api
def organizations(request, *, language):
    full = _bool(request, "full") or _bool(request, "full_service")
    queryset = exporter.organizations_queryset(full=full)
    if search := _text(request, "search"):
        queryset = queryset.filter(exporter.search_q(("name", "description"), search, language))
    if modified_after := request.GET.get("modified_after", ""):
        queryset = queryset.filter(updated_at__gte=exporter.parse_modified_after(modified_after))
    serializer = exporter.Serializer(language=language)
    return _page(request, queryset, lambda row: serializer.organization(row, full=full))


@hsds_api
def organization(request, id, *, language):
    found = _one(exporter.organizations_queryset(full=True), id, "organization")
    return exporter.Serializer(language=language).organization(found)


@hsds_api
def taxonomies(request, *, language):
    taxonomy = exporter.taxonomy_to_hsds()
    search = _text(request, "search").lower()
    found = [taxonomy] if not search or search in taxonomy["name"].lower() else []
    page = _int(request, "page", 1)
    contents = found if page == 1 else []
    return {
        "total_items": len(found),
        "total_pages": 1,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


@hsds_api
def taxonomy(request, id, *, language):
    if id != str(exporter.TAXONOMY_ID):
        raise Http404(f"No taxonomy with id {id!r}.")
    return exporter.taxonomy_to_hsds()


@hsds_api
def taxonomy_terms(request, *, language):
    queryset = exporter.taxonomy_terms_queryset()
    if search := _text(request, "search"):
        queryset = queryset.filter(exporter.search_q(("name", "description"), search, language))
    if _bool(request, "top_only"):
        queryset = queryset.filter(parent__isnull=True)
    if parent_id := _uuid_param(request, "parent_id"):
        queryset = queryset.filter(parent__hsds_id=parent_id)
    taxonomy_id = _uuid_param(request, "taxonomy_id")
    if taxonomy_id is not None and taxonomy_id != exporter.TAXONOMY_ID:
        queryset = queryset.none()
    serializer = exporter.Serializer(language=language)
    return _page(request, queryset, serializer.taxonomy_term)


@hsds_api
def taxonomy_term(request, id, *, language):
    found = _one(exporter.taxonomy_terms_queryset(), id, "taxonomy term")
    return exporter.Serializer(language=language).taxonomy_term(found)


@hsds_api
def service_at_locations(request, *, language):
    full = _bool(request, "full")
    queryset = exporter.services_filter(
        exporter.service_at_locations_queryset(full=full),
        prefix="resource__",
        **_service_filters(request, language),
    )
    serializer = exporter.Serializer(language=language)
    return _page(request, queryset, lambda link: serializer.service_at_location(link, full=full))


@hsds_api
def service_at_location(request, id, *, language):
    found = _one(exporter.service_at_locations_queryset(full=True), id, "service_at_location")
    return exporter.Serializer(language=language).service_at_location(found)
