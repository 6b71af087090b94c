"""Directory models as HSDS 3.0 documents that validate against the specification's schemas.

Mapping decisions (model -> HSDS): ``last_verified_at`` -> ``assured_date``; the cost kind becomes
one ``cost_options`` entry; categories become ``attributes`` with their taxonomy term; the weekly
hours become schedules (``schedules``); required documents one entry per line; what HSDS has no
field for goes in ``x_pet_support`` (``directory.hsds.extension``), so that an export imports back
whole. A service document
carries only the service_at_locations it is given: the caller passes the links that may be
published (``directory.confidential.links_shown``), never any of a confidential address.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import override

from ..confidential import address_withheld
from ..vocabulary import Cost, SpokenLanguage
from .extension import EXTENSION_KEY
from .schedules import schedules_to_hsds
from .vocabulary import (
    PHONE_TYPE_TO_HSDS,
    TAXONOMY_DESCRIPTION,
    TAXONOMY_ID,
    TAXONOMY_NAME,
    derived_id,
)


def _put(document: dict, key: str, value: Any) -> None:
    """Set an optional field only when there is something to say (empty URIs fail the schema)."""
    if value not in (None, "", [], {}):
        document[key] = value


def organization_to_hsds(organization, *, locations=None, services=None) -> dict:
    document = {
        "id": str(organization.hsds_id),
        "name": organization.name or "",
        "description": organization.description or "",
    }
    _put(document, "email", organization.email)
    _put(document, "website", organization.website)
    if locations is not None:
        document["locations"] = [
            location_to_hsds(location, organization_hsds_id=organization.hsds_id)
            for location in locations
        ]
    if services is not None:
        document["services"] = services
    return document


def location_to_hsds(location, *, organization_hsds_id=None, full: bool = True) -> dict:
    document = {"id": str(location.hsds_id), "location_type": "physical"}
    _put(document, "organization_id", organization_hsds_id and str(organization_hsds_id))
    _put(document, "name", location.name)
    _put(document, "transportation", location.transportation)
    if location.latitude is not None and location.longitude is not None:
        document["latitude"] = location.latitude
        document["longitude"] = location.longitude
    if not full:
        return document
    if location.address_1 or location.city or location.postal_code:
        address = {
            "id": derived_id(location.hsds_id, "address"),
            "address_1": location.address_1,
            "city": location.city,
            "state_province": location.state_province,
            "postal_code": location.postal_code,
            "country": location.country or "US",
            "address_type": "physical",
        }
        _put(address, "address_2", location.address_2)
        address["location_id"] = str(location.hsds_id)
        document["addresses"] = [address]
    if location.accessibility:
        document["accessibility"] = [
            {
                "id": derived_id(location.hsds_id, "accessibility"),
                "location_id": str(location.hsds_id),
                "description": location.accessibility,
            }
        ]
    return document


def _linked_location(location) -> dict:
    organization = location.organization if location.organization_id else None
    return location_to_hsds(
        location, organization_hsds_id=organization.hsds_id if organization else None
    )


def phone_to_hsds(phone, *, service_id: str) -> dict:
    document = {"id": str(phone.hsds_id), "service_id": service_id, "number": phone.number}
    extension = phone.extension.strip()
    if extension.isdigit():
        document["extension"] = int(extension)
    document["type"] = PHONE_TYPE_TO_HSDS.get(phone.type, phone.type)
    description = phone.description or ""
    if extension and not extension.isdigit():
        description = f"{description} (ext. {extension})".strip()
    _put(document, "description", description)
    _put(document, "languages", languages_to_hsds(phone.languages, owner=phone.hsds_id))
    return document


def languages_to_hsds(codes: list[str], *, owner) -> list[dict]:
    labels = dict(SpokenLanguage.choices)
    with override("en"):
        return [
            {
                "id": derived_id(owner, "language", code),
                "name": str(labels.get(code, code)),
                "code": code,
            }
            for code in codes or []
        ]


def category_to_hsds(category, *, parent_hsds_id: str | None = None, language: str = "en") -> dict:
    document = {
        "id": str(category.hsds_id),
        "code": category.slug,
        "name": category.name or "",
        "description": category.description or "",
        "taxonomy": TAXONOMY_NAME,
        "taxonomy_id": str(TAXONOMY_ID),
        "language": language,
    }
    _put(document, "parent_id", parent_hsds_id)
    return document


def taxonomy_to_hsds() -> dict:
    return {
        "id": str(TAXONOMY_ID),
        "name": TAXONOMY_NAME,
        "description": TAXONOMY_DESCRIPTION,
        "version": "1",
    }


def service_to_hsds(
    resource,
    *,
    full: bool = True,
    links: list | None = None,
    categories_by_pk: dict | None = None,
    with_organization: bool = True,
    with_locations: bool = True,
    language: str = "en",
) -> dict:
    """A service as HSDS. ``full`` adds the nested lists (phones, schedules, locations, ...).

    ``links`` are the resource's links to the locations that may be published, with their
    location (``directory.confidential.links_shown``): never any of a confidential address.
    ``with_locations=False`` leaves service_at_locations out (a service_at_location document
    nests its service).
    """
    service_id = str(resource.hsds_id)
    document = {
        "id": service_id,
        "organization_id": str(resource.organization.hsds_id),
        "name": resource.name or "",
        "status": resource.status,
    }
    _put(document, "description", resource.description or resource.short_description)
    _put(document, "url", resource.url)
    _put(document, "email", resource.email)
    _put(document, "application_process", resource.application_process)
    _put(document, "fees_description", resource.cost_description)
    _put(document, "eligibility_description", resource.eligibility_description)
    if resource.minimum_age is not None:
        document["minimum_age"] = resource.minimum_age
    if resource.maximum_age is not None:
        document["maximum_age"] = resource.maximum_age
    if resource.last_verified_at:
        document["assured_date"] = timezone.localdate(resource.last_verified_at).isoformat()
    document["last_modified"] = resource.updated_at.isoformat()
    if with_organization:
        document["organization"] = organization_to_hsds(resource.organization)
    if not full:
        return document

    links = links or []
    document["phones"] = [
        phone_to_hsds(phone, service_id=service_id) for phone in resource.phones.all()
    ]
    location_ids = {link.location_id: str(link.location.hsds_id) for link in links}
    document["schedules"] = schedules_to_hsds(
        resource,
        list(resource.opening_hours.all()),
        shown_locations=location_ids,
        service_id=service_id,
    )
    document["service_areas"] = service_areas_to_hsds(resource)
    if with_locations:
        document["service_at_locations"] = [
            {
                "id": str(link.hsds_id),
                "service_id": service_id,
                "location_id": str(link.location.hsds_id),
                "location": _linked_location(link.location),
            }
            for link in links
        ]
    document["languages"] = languages_to_hsds(resource.languages, owner=resource.hsds_id)
    document["cost_options"] = [
        {
            "id": derived_id(service_id, "cost"),
            "service_id": service_id,
            "option": resource.cost,
            "amount_description": str(Cost(resource.cost).label),
            **({"amount": 0, "currency": "USD"} if resource.cost == Cost.FREE else {}),
        }
    ]
    document["required_documents"] = [
        {"id": derived_id(service_id, "document", line), "service_id": service_id, "document": line}
        for line in resource.required_document_list
    ]
    document[EXTENSION_KEY] = extension_to_hsds(resource)
    categories_by_pk = categories_by_pk or {}
    document["attributes"] = []
    for category in resource.categories.all():
        parent = categories_by_pk.get(category.parent_id)
        term = category_to_hsds(
            category,
            parent_hsds_id=str(parent.hsds_id) if parent else None,
            language=language,
        )
        term["taxonomy_detail"] = taxonomy_to_hsds()
        document["attributes"].append(
            {
                "id": derived_id(service_id, "attribute", category.hsds_id),
                "link_id": service_id,
                "link_type": "service",
                "link_entity": "service",
                "taxonomy_term_id": str(category.hsds_id),
                "taxonomy_term": term,
            }
        )
    return document


def extension_to_hsds(resource) -> dict:
    """What the listing holds that HSDS has no field for, as ``directory.hsds.extension`` reads
    it back: the card's line, the animals served, whether the address is confidential (the
    address itself is never exported), residency limits, the radius of service and every
    temporary closure (an import replaces the closures with those listed, so all are given)."""
    extension = {}
    _put(extension, "short_description", resource.short_description)
    _put(extension, "other_requirements", resource.other_requirements)
    extension["species"] = list(resource.species or [])
    extension["confidential_address"] = address_withheld(resource)
    _put(extension, "residency_zip_codes", resource.residency_zip_codes)
    if resource.service_area_radius_miles is not None:
        extension["service_area_radius_miles"] = resource.service_area_radius_miles
    closures = []
    for closure in resource.closures.all():
        item = {
            "start_date": closure.start_date.isoformat(),
            "end_date": closure.end_date.isoformat(),
        }
        _put(item, "reason", closure.reason)
        closures.append(item)
    extension["closures"] = closures
    return extension


def service_areas_to_hsds(resource) -> list[dict]:
    if not (resource.service_area_description or resource.service_area_zip_codes):
        return []
    area = {"id": derived_id(resource.hsds_id, "service_area"), "service_id": str(resource.hsds_id)}
    _put(area, "name", resource.service_area_description)
    zip_codes = " ".join(resource.service_area_zip_codes.replace(",", " ").split())
    if zip_codes:
        area["extent"] = zip_codes
        area["extent_type"] = "text"
    return [area]
