"""Load the demo resource directory: fictional Riverbend County (data in ``demo_data/``).

Idempotent and deterministic: every organisation, location, resource, phone, opening period and
service-at-location gets a fixed HSDS id derived (uuid5) from its key in the data, so running the
loader again finds the same records and updates them; a resource's phones, hours, closures and
locations are replaced, never added to. Dates (last checked, closures) are relative to today.
"""

import hashlib
import uuid
from collections import defaultdict
from datetime import datetime, time, timedelta

import zipcodes
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from .demo_data import LOCATIONS, ORGANIZATIONS, RESOURCES, STATE, TOWN_BY_ZIP
from .models import (
    Category,
    Closure,
    Location,
    OpeningHours,
    Organization,
    Phone,
    Resource,
    ResourceLocation,
)
from .vocabulary import Status

NAMESPACE = uuid.UUID("3b7e4f52-9c1a-4d8e-a6f0-52c1d9e8b7a4")
DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
LANGUAGES = [code for code, _name in settings.LANGUAGES]
FOREIGN_KEYS = ["organization", "resource", "location", "last_verified_by"]
RESOURCE_TEXT = {
    "name": "name",
    "short_description": "short",
    "description": "description",
    "cost_description": "cost_text",
    "eligibility_description": "eligibility",
    "other_requirements": "requirements",
    "application_process": "apply",
    "hours_notes": "hours_notes",
}


def demo_hsds_id(kind: str, key: str) -> uuid.UUID:
    """The fixed HSDS id of a demo record."""
    return uuid.uuid5(NAMESPACE, f"riverbend-demo/{kind}/{key}")


def _hash_fraction(key: str, salt: str) -> float:
    digest = hashlib.sha256(f"{salt}:{key}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32


def _set_text(obj, field: str, text: dict | None) -> list[str]:
    """Set every language of a translated field; return the names left empty (no translation)."""
    text = text or {}
    empty = []
    for code in LANGUAGES:
        name = build_localized_fieldname(field, code)
        value = text.get(code)
        if code == DEFAULT_LANGUAGE:
            value = value or ""
        elif not value:
            value = None
            empty.append(name)
        setattr(obj, name, value)
    setattr(obj, field, text.get(DEFAULT_LANGUAGE, ""))
    return empty


def _clean(obj, untranslated: list[str]):
    """Validate like a form would, so a typo in the data fails loudly.

    Missing translations stay NULL (visitors see the English text with a notice) and are not
    validated; foreign keys point at objects made here, so they are not looked up again.
    """
    exclude = [*untranslated, *FOREIGN_KEYS]
    obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    return obj


def _clean_and_save(obj, untranslated: list[str]):
    _clean(obj, untranslated).save()
    return obj


class _Existing:
    """The demo records already in the database, found by their fixed HSDS ids in one query."""

    def __init__(self, model, kind: str, keys):
        self.model, self.kind = model, kind
        ids = {demo_hsds_id(kind, key): key for key in keys}
        self.found = {ids[obj.hsds_id]: obj for obj in model.objects.filter(hsds_id__in=ids)}

    def get(self, key):
        obj = self.found.get(key)
        return (obj, False) if obj else (self.model(hsds_id=demo_hsds_id(self.kind, key)), True)


def _position(key: str, zip_code: str) -> tuple[float, float]:
    """Near the centre of the ZIP code (offline GeoNames data), moved a little, deterministically."""
    place = zipcodes.matching(zip_code)
    if not place:
        raise ValueError(f"Demo location {key!r}: unknown ZIP code {zip_code}")
    lat = float(place[0]["lat"]) + (_hash_fraction(key, "lat") - 0.5) * 0.012
    lon = float(place[0]["long"]) + (_hash_fraction(key, "lon") - 0.5) * 0.012
    return round(lat, 6), round(lon, 6)


def _load_organizations() -> dict[str, Organization]:
    organizations = {}
    existing = _Existing(Organization, "organization", ORGANIZATIONS)
    for key, data in ORGANIZATIONS.items():
        org, _created = existing.get(key)
        untranslated = _set_text(org, "name", data["name"]) + _set_text(
            org, "description", data["description"]
        )
        org.website = data.get("website", "")
        org.email = data.get("email", "")
        organizations[key] = _clean_and_save(org, untranslated)
    return organizations


def _load_locations(organizations) -> dict[str, Location]:
    locations = {}
    existing = _Existing(Location, "location", LOCATIONS)
    for key, data in LOCATIONS.items():
        location, _created = existing.get(key)
        untranslated = []
        for field in ("name", "accessibility", "transportation"):
            untranslated += _set_text(location, field, data.get(field))
        location.organization = organizations[data["org"]]
        location.address_1 = data["street"]
        location.address_2 = ""
        location.city = TOWN_BY_ZIP[data["zip"]]
        location.state_province = STATE
        location.postal_code = data["zip"]
        location.country = "US"
        location.latitude, location.longitude = _position(key, data["zip"])
        locations[key] = _clean_and_save(location, untranslated)
    return locations


def _documents(items) -> dict:
    """Required documents, one per line, in the languages every item is written in."""
    if not items:
        return {}
    codes = set.intersection(*(set(item) for item in items))
    return {code: "\n".join(item[code] for item in items) for code in codes}


def _verified_at(key: str, days_ago: int | None, today):
    if days_ago is None:
        return None
    minutes = int(_hash_fraction(key, "verified") * 7 * 60)  # between 9:00 and 16:00
    moment = datetime.combine(today - timedelta(days=days_ago), time(9)) + timedelta(
        minutes=minutes
    )
    return timezone.make_aware(moment)


def _load_resource(data, existing, organizations, today) -> tuple[Resource, bool]:
    key = data["key"]
    resource, created = existing.get(key)
    untranslated = []
    for field, data_key in RESOURCE_TEXT.items():
        untranslated += _set_text(resource, field, data.get(data_key))
    untranslated += _set_text(resource, "required_documents", _documents(data.get("documents")))
    area = data.get("area", {})
    untranslated += _set_text(resource, "service_area_description", area.get("description"))

    resource.organization = organizations[data["org"]]
    resource.status = data.get("status", Status.ACTIVE)
    resource.url = data.get("url", "")
    resource.email = data.get("email", "")
    resource.cost = data["cost"]
    resource.minimum_age = data.get("minimum_age")
    resource.maximum_age = data.get("maximum_age")
    resource.residency_zip_codes = data.get("residency", "")
    resource.species = list(data["species"])
    resource.languages = list(data["languages"])
    resource.service_area_zip_codes = area.get("zips", "")
    resource.service_area_radius_miles = area.get("radius")
    resource.confidential_address = data.get("confidential", False)
    resource.last_verified_at = _verified_at(key, data["verified"], today)
    resource.last_verified_by = None
    return _clean_and_save(resource, untranslated), created


def _children(data, resource, locations, categories, today) -> dict[type, list]:
    """A resource's categories, places, phones, hours and closures, unsaved, with fixed ids."""
    key = data["key"]
    try:
        links = [
            Resource.categories.through(resource=resource, category=categories[slug])
            for slug in data["categories"]
        ]
    except KeyError as error:
        raise ValueError(f"Demo resource {key!r}: unknown category {error}") from None
    places = [
        ResourceLocation(
            hsds_id=demo_hsds_id("service_at_location", f"{key}/{location_key}"),
            resource=resource,
            location=locations[location_key],
            sort_order=order,
        )
        for order, location_key in enumerate(data["locations"])
    ]
    phones = []
    for order, item in enumerate(data.get("phones", [])):
        phone = Phone(
            hsds_id=demo_hsds_id("phone", f"{key}/{order}"),
            resource=resource,
            number=item["number"],
            type=item["type"],
            languages=item["languages"],
            sort_order=order,
        )
        phones.append(_clean(phone, _set_text(phone, "description", item.get("description"))))
    hours = [
        OpeningHours(
            hsds_id=demo_hsds_id("schedule", f"{key}/{order}"),
            resource=resource,
            location=locations[location_key] if location_key else None,
            weekday=weekday,
            opens_at=time.fromisoformat(opens),
            closes_at=time.fromisoformat(closes),
            sort_order=order,
        )
        for order, (weekday, opens, closes, location_key) in enumerate(data.get("hours", []))
    ]
    closures = []
    for start, end, reason in data.get("closures", []):
        closure = Closure(
            resource=resource,
            start_date=today + timedelta(days=start),
            end_date=today + timedelta(days=end),
        )
        closures.append(_clean(closure, _set_text(closure, "reason", reason)))
    return {
        Resource.categories.through: links,
        ResourceLocation: places,
        Phone: phones,
        OpeningHours: hours,
        Closure: closures,
    }


def _check_keys():
    keys = [data["key"] for data in RESOURCES]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError(f"Duplicate demo resource keys: {', '.join(duplicates)}")


@transaction.atomic
def demo_directory_load() -> list[str]:
    """Create or refresh the demo directory; return report lines for load_demo_data."""
    _check_keys()
    today = timezone.localdate()
    categories = {category.slug: category for category in Category.objects.all()}
    existing = _Existing(Resource, "resource", [data["key"] for data in RESOURCES])
    children = defaultdict(list)
    with translation.override(DEFAULT_LANGUAGE), disable_reference_index_auto_update():
        organizations = _load_organizations()
        locations = _load_locations(organizations)
        resources, created = [], 0
        for data in RESOURCES:
            resource, is_new = _load_resource(data, existing, organizations, today)
            resources.append(resource)
            created += is_new
            for model, objects in _children(data, resource, locations, categories, today).items():
                children[model].extend(objects)
        # Children are replaced wholesale (their ids are fixed too, so exports stay stable).
        for model, objects in children.items():
            model.objects.filter(resource__in=resources).delete()
            model.objects.bulk_create(objects)
    # Wagtail's reference index ("usage" in the admin), once everything is in place.
    for obj in [*organizations.values(), *locations.values(), *resources]:
        if ReferenceIndex.is_indexed(type(obj)):
            ReferenceIndex.create_or_update_for_object(obj)
    return _report(created)


def _with_name_in(resources, code: str) -> int:
    field = build_localized_fieldname("name", code)
    return resources.exclude(**{f"{field}__isnull": True}).exclude(**{field: ""}).count()


def _report(created: int) -> list[str]:
    ids = [demo_hsds_id("resource", data["key"]) for data in RESOURCES]
    resources = Resource.objects.filter(hsds_id__in=ids)
    total = resources.count()
    translated = ", ".join(
        f"{code} {_with_name_in(resources, code)}" for code in LANGUAGES if code != DEFAULT_LANGUAGE
    )
    public = resources.public()
    covered = set(
        Category.objects.filter(resources__in=public).values_list("slug", flat=True).distinct()
    )
    leaves = Category.objects.filter(children__isnull=True)
    missing = sorted(leaves.exclude(slug__in=covered).values_list("slug", flat=True))
    lines = [
        f"directory: {len(ORGANIZATIONS)} organizations, {len(LOCATIONS)} locations, "
        f"{total} resources in Riverbend County ({created} new, {total - created} updated)",
        f"directory: names translated of {total}: {translated}",
        f"directory: {resources.filter(confidential_address=True).count()} confidential, "
        f"{resources.needs_review().count()} due for review, "
        f"{resources.filter(status=Status.TEMPORARILY_CLOSED).count()} temporarily closed, "
        f"{resources.filter(status=Status.INACTIVE).count()} inactive",
    ]
    if missing:
        lines.append(f"directory: categories with no public listing: {', '.join(missing)}")
    else:
        lines.append(f"directory: every one of the {leaves.count()} leaf categories has listings")
    return lines
