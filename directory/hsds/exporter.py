"""Reading the directory as HSDS 3.0: querysets, paged documents, and ``hsds_export``.

Used by ``manage.py export_hsds`` and the public JSON API (``directory/api_views.py``). Only public
resources (``Resource.objects.public()``) are published, and only the places
``directory.confidential`` lets through: a location linked to any resource with a confidential
address is never published, under any resource or organization, and a confidential resource is
published with its phones only (no service_at_locations, no location ids).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import uuid
from collections.abc import Callable
from pathlib import Path

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from modeltranslation.utils import build_localized_fieldname

from ..confidential import (
    links_shown,
    locations_public,
    resource_locations_public,
    shown_links_prefetch,
)
from ..models import Category, Organization, Resource, ResourceLocation
from .documents import (
    category_to_hsds,
    location_to_hsds,
    organization_to_hsds,
    service_to_hsds,
    taxonomy_to_hsds,
)
from .schedules import schedules_to_hsds
from .vocabulary import HSDS_VERSION, OPENAPI_URL, PROFILE_URL, TAXONOMY_ID

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200


def api_meta() -> dict:
    return {"version": HSDS_VERSION, "profile": PROFILE_URL, "openapi_url": OPENAPI_URL}


# --- Querysets ------------------------------------------------------------------------------------


# The places an export or an API answer carries with a location (its organization's id).
LINKED_LOCATION = ("location__organization",)


def services_queryset(*, full: bool, include_inactive: bool = False) -> QuerySet:
    queryset = Resource.objects.all() if include_inactive else Resource.objects.public()
    queryset = queryset.select_related("organization").order_by("name", "pk")
    if full:
        queryset = queryset.prefetch_related(
            "phones",
            "opening_hours",
            "categories",
            "closures",
            shown_links_prefetch(select_related=LINKED_LOCATION),
        )
    return queryset


def organizations_queryset(*, full: bool) -> QuerySet:
    queryset = Organization.objects.order_by("name", "pk")
    if full:
        queryset = queryset.prefetch_related(
            Prefetch("locations", queryset=locations_public()),
            Prefetch(
                "resources",
                queryset=Resource.objects.public().select_related("organization"),
            ),
        )
    return queryset


def service_at_locations_queryset(*, full: bool) -> QuerySet:
    queryset = (
        resource_locations_public()
        .select_related(*LINKED_LOCATION)
        .filter(resource__in=Resource.objects.public())
        .select_related("resource__organization")
        .order_by("resource__name", "pk")
    )
    if full:
        queryset = queryset.prefetch_related(
            "resource__phones",
            "resource__opening_hours",
            "resource__categories",
            "resource__closures",
        )
    return queryset


def taxonomy_terms_queryset() -> QuerySet:
    return Category.objects.select_related("parent").order_by("sort_order", "slug")


class BadParameter(ValueError):
    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter


# Moments the database compares in any time zone (9999-12-31 in UTC-14 is past Python's dates).
MODIFIED_AFTER_YEARS = (1900, 2999)


def parse_modified_after(value: str) -> dt.datetime:
    """An ISO 8601 date or datetime; a naive one is in the site's time zone."""
    text = value.strip().replace(" ", "+")  # an unescaped "+01:00" arrives as " 01:00"
    try:
        moment = parse_datetime(text)
        if moment is None and (day := parse_date(text)) is not None:
            moment = dt.datetime.combine(day, dt.time())
    except ValueError:
        moment = None
    if moment is None:
        raise BadParameter("modified_after", f"not an ISO 8601 date or datetime: {value!r}")
    if not MODIFIED_AFTER_YEARS[0] <= moment.year <= MODIFIED_AFTER_YEARS[1]:
        raise BadParameter(
            "modified_after", f"a year from {MODIFIED_AFTER_YEARS[0]} to {MODIFIED_AFTER_YEARS[1]}"
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def parse_uuid(value: str, parameter: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise BadParameter(parameter, f"not a UUID: {value!r}") from None


def search_q(fields: tuple[str, ...], search: str, language: str) -> Q:
    query = Q()
    for name in fields:
        for code in dict.fromkeys((language, "en")):
            query |= Q(**{f"{build_localized_fieldname(name, code)}__icontains": search})
    return query


def services_filter(
    queryset: QuerySet,
    *,
    search: str = "",
    modified_after: dt.datetime | None = None,
    organization_id: uuid.UUID | None = None,
    taxonomy_term_id: uuid.UUID | None = None,
    taxonomy_id: uuid.UUID | None = None,
    language: str = "en",
    prefix: str = "",
) -> QuerySet:
    """Filters of ``/services`` and ``/service_at_locations`` (``prefix`` = "resource__")."""
    if search:
        fields = tuple(f"{prefix}{name}" for name in ("name", "description", "short_description"))
        queryset = queryset.filter(search_q(fields, search, language))
    if modified_after is not None:
        queryset = queryset.filter(**{f"{prefix}updated_at__gte": modified_after})
    if organization_id is not None:
        queryset = queryset.filter(**{f"{prefix}organization__hsds_id": organization_id})
    if taxonomy_term_id is not None:
        queryset = queryset.filter(
            Q(**{f"{prefix}categories__hsds_id": taxonomy_term_id})
            | Q(**{f"{prefix}categories__parent__hsds_id": taxonomy_term_id})
        ).distinct()
    if taxonomy_id is not None and taxonomy_id != TAXONOMY_ID:
        queryset = queryset.none()
    return queryset


# --- Documents ------------------------------------------------------------------------------------


class Serializer:
    """Turns rows into HSDS documents with what every row needs loaded once per request."""

    def __init__(self, *, language: str = "en"):
        self.language = language
        self._categories = None

    @property
    def categories(self) -> dict:
        if self._categories is None:
            self._categories = {category.pk: category for category in Category.objects.all()}
        return self._categories

    def service(self, resource: Resource, *, full: bool = True, with_locations: bool = True):
        links = links_shown(resource) if full and with_locations else []
        return service_to_hsds(
            resource,
            full=full,
            links=links,
            categories_by_pk=self.categories if full else None,
            with_locations=with_locations,
            language=self.language,
        )

    def organization(self, organization: Organization, *, full: bool = True) -> dict:
        if not full:
            return organization_to_hsds(organization)
        services = [
            service_to_hsds(resource, full=False, with_organization=False)
            for resource in organization.resources.all()
        ]
        return organization_to_hsds(
            organization, locations=list(organization.locations.all()), services=services
        )

    def service_at_location(self, link: ResourceLocation, *, full: bool = True) -> dict:
        resource, location = link.resource, link.location
        organization = location.organization if location.organization_id else None
        document = {
            "id": str(link.hsds_id),
            "service_id": str(resource.hsds_id),
            "location_id": str(location.hsds_id),
            "location": location_to_hsds(
                location,
                organization_hsds_id=organization.hsds_id if organization else None,
                full=full,
            ),
        }
        if full:
            document["service"] = self.service(resource, full=True, with_locations=False)
            document["schedules"] = schedules_to_hsds(
                resource,
                [row for row in resource.opening_hours.all() if row.location_id == location.pk],
                shown_locations={location.pk: str(location.hsds_id)},
                service_id=str(resource.hsds_id),
            )
        else:
            document["service"] = service_to_hsds(resource, full=False)
        return document

    def taxonomy_term(self, category: Category) -> dict:
        return category_to_hsds(
            category,
            parent_hsds_id=str(category.parent.hsds_id) if category.parent_id else None,
            language=self.language,
        )


def paged(
    queryset: QuerySet, *, page: int, per_page: int, serialize: Callable[[object], dict]
) -> dict:
    """The HSDS page envelope (``total_items``, ``total_pages``, ... ``contents``)."""
    total = queryset.count()
    total_pages = max(1, math.ceil(total / per_page))
    start = (page - 1) * per_page
    # A page past the last is empty without asking the database (an offset past its integers
    # once made an IntegrityError).
    rows = queryset[start : start + per_page] if start < total else []
    contents = [serialize(row) for row in rows]
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def whole(items: list[dict]) -> dict:
    """Everything as one page (the export files)."""
    return {
        "total_items": len(items),
        "total_pages": 1,
        "page_number": 1,
        "size": len(items),
        "first_page": True,
        "last_page": True,
        "empty": not items,
        "contents": items,
    }


def hsds_documents(*, language: str = "en", include_inactive: bool = False) -> dict[str, dict]:
    """Every export file: name -> document. Services and service_at_locations are fully nested."""
    serializer = Serializer(language=language)
    with translation.override(language):
        services = [
            serializer.service(resource)
            for resource in services_queryset(
                full=True, include_inactive=include_inactive
            ).iterator(chunk_size=1000)
        ]
        organizations = [
            serializer.organization(organization)
            for organization in organizations_queryset(full=True).iterator(chunk_size=1000)
        ]
        terms = [serializer.taxonomy_term(category) for category in taxonomy_terms_queryset()]
    return {
        "services.json": whole(services),
        "organizations.json": whole(organizations),
        "taxonomies.json": whole([taxonomy_to_hsds()]),
        "taxonomy_terms.json": whole(terms),
    }


def hsds_export(
    *, output: Path, language: str = "en", include_inactive: bool = False
) -> dict[str, int]:
    """Write the export to ``output``: a ``.json`` file gets the service list; a folder gets every
    file of ``hsds_documents``. Returns the number of records written per file."""
    documents = hsds_documents(language=language, include_inactive=include_inactive)
    if output.suffix == ".json":
        targets = {output: documents["services.json"]}
    else:
        targets = {output / name: document for name, document in documents.items()}
    written = {}
    for target, document in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(hsds_json(document) + "\n", encoding="utf-8")
        written[str(target)] = document["total_items"]
    return written


def hsds_json(document: dict) -> str:
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
