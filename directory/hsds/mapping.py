"""HSDS 3.0 objects <-> directory models.

Reading: ``HsdsReader`` turns HSDS objects (services, organizations, locations,
service_at_location, taxonomy terms) into plain records collected in a ``Batch``, checking types and
formats and naming the file, record and field of every problem. It never touches the database; the
importer writes the batch.

Writing: ``service_to_hsds`` and friends turn model instances into HSDS documents that validate
against ``schema/compiled/*.json``. They never include the address, location or coordinates of a
resource with a confidential address (the caller passes the locations that may be shown).

Mapping decisions (HSDS -> model, and back):

- Fields absent from a document leave the stored value alone; present-but-empty fields clear it.
  Child collections (phones, schedules, service_at_locations, attributes) are replaced only when
  the document carries them, so the one-to-one ``service_list`` form never wipes phones.
- Schedules: ``freq=WEEKLY`` with ``byday``, ``opens_at`` and ``closes_at`` (interval 1) become
  ``OpeningHours`` rows; everything else (monthly rules, descriptions, notes) goes into
  ``hours_notes`` as text.
- Cost: ``cost_options`` amounts (> 0: fee, all 0: free) or an option named after one of our cost
  kinds decide ``cost``; otherwise keywords in ``fees_description`` do; ``cost_description`` is
  ``fees_description`` plus one line per priced cost option.
- Categories: service attributes whose taxonomy term matches a Category by ``hsds_id`` or by
  ``code == slug``; unknown terms are reported and skipped (created only from taxonomy files).
- ``assured_date`` <-> ``last_verified_at``; ``status`` "defunct" -> inactive.
- What HSDS has no field for (short description, species, confidential address, residency, radius,
  other requirements, closures) is read from a service's ``x_pet_support`` object (``extension``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone
from django.utils.translation import override

from ..vocabulary import HSDS_WEEKDAYS, Cost, PhoneType, SpokenLanguage, Status
from .extension import EXTENSION_KEY, ClosureRecord, extension_read

HSDS_VERSION = "3.0"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
PROFILE_URL = "https://docs.openreferral.org/en/v3.0/"
# Ids of objects the models do not store one by one (schedules, addresses, ...) are derived from
# the owner's id with uuid5 in this namespace, so every export of the same data has the same ids.
NAMESPACE = uuid.UUID("0107e35c-2f86-4fe4-936e-2f6ebc0a02b5")
TAXONOMY_ID = uuid.uuid5(NAMESPACE, "taxonomy:pet-support")
TAXONOMY_NAME = "Pet support taxonomy"
TAXONOMY_DESCRIPTION = "The portal's categories of pet support and human services."

# Translated (per-language) fields of each model, written to ``<field>_<language>``.
TEXT_FIELDS = {
    "category": ("name", "description"),
    "organization": ("name", "description"),
    "location": ("name", "accessibility", "transportation"),
    "resource": (
        "name",
        "short_description",
        "description",
        "cost_description",
        "eligibility_description",
        "other_requirements",
        "application_process",
        "required_documents",
        "hours_notes",
        "service_area_description",
    ),
    "phone": ("description",),
}

STATUS_FROM_HSDS = {
    "active": Status.ACTIVE,
    "temporarily closed": Status.TEMPORARILY_CLOSED,
    "inactive": Status.INACTIVE,
    "defunct": Status.INACTIVE,
}

PHONE_TYPE_FROM_HSDS = {
    "voice": PhoneType.VOICE,
    "cell": PhoneType.VOICE,
    "pager": PhoneType.VOICE,
    "text": PhoneType.TEXT,
    "sms": PhoneType.TEXT,
    "fax": PhoneType.FAX,
    "video": PhoneType.VIDEO,
    "textphone": PhoneType.TTY,
    "tty": PhoneType.TTY,
    "hotline": PhoneType.HOTLINE,
}
# RFC 6350 types as HSDS lists them; "hotline" has no equivalent and is kept as is (the schema has
# no enum) so that an export re-imports unchanged.
PHONE_TYPE_TO_HSDS = {PhoneType.TTY: "textphone"}

# ISO 639-2/3 codes and English names that mean one of our SpokenLanguage codes.
LANGUAGE_ALIASES = {
    "eng": "en",
    "spa": "es",
    "zho": "zh",
    "chi": "zh",
    "cmn": "zh",
    "yue": "zh",
    "vie": "vi",
    "ara": "ar",
    "tgl": "tl",
    "fil": "tl",
    "kor": "ko",
    "rus": "ru",
    "fas": "fa",
    "per": "fa",
    "prs": "fa",
    "hin": "hi",
    "pan": "pa",
    "fra": "fr",
    "fre": "fr",
    "por": "pt",
    "hye": "hy",
    "arm": "hy",
    "ukr": "uk",
    "sgn-us": "ase",
}
LANGUAGE_NAMES = {
    "english": "en",
    "spanish": "es",
    "chinese": "zh",
    "mandarin": "zh",
    "cantonese": "zh",
    "vietnamese": "vi",
    "arabic": "ar",
    "tagalog": "tl",
    "filipino": "tl",
    "korean": "ko",
    "russian": "ru",
    "persian": "fa",
    "farsi": "fa",
    "hindi": "hi",
    "punjabi": "pa",
    "french": "fr",
    "portuguese": "pt",
    "armenian": "hy",
    "ukrainian": "uk",
    "american sign language": "ase",
}

MAX_LENGTHS = {
    ("organization", "name"): 200,
    ("organization", "website"): 200,
    ("organization", "email"): 254,
    ("location", "name"): 200,
    ("location", "address_1"): 200,
    ("location", "address_2"): 200,
    ("location", "city"): 100,
    ("location", "state_province"): 50,
    ("resource", "name"): 200,
    ("resource", "short_description"): 240,
    ("resource", "url"): 200,
    ("resource", "email"): 254,
    ("resource", "service_area_description"): 200,
    ("phone", "description"): 200,
    ("category", "name"): 120,
}
SHORT_DESCRIPTION_LENGTH = 240
ZIP_RE = re.compile(r"^(\d{5})(-\d{4})?$")
ZIP_LIST_RE = re.compile(r"^\s*\d{5}([\s,]+\d{5})*\s*$")
PHONE_RE = re.compile(r"^\+?[0-9 ().-]{3,20}$")
_url_validator = URLValidator()
_email_validator = EmailValidator()

# Marks an object assembled from a CSV row (see ``tabular``) with the file and row it came from.
SOURCE_KEY = "_hsds_source"


def derived_id(*parts: Any) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


# --- Where a problem is, and the problems found ---------------------------------------------------


@dataclass(frozen=True)
class Where:
    """A place in the input: file, record (``contents[3]``, ``row 7``) and field path."""

    file: str
    record: str = ""
    path: str = ""

    def at(self, key: str | int) -> Where:
        if isinstance(key, int):
            return Where(self.file, self.record, f"{self.path}[{key}]")
        return Where(self.file, self.record, f"{self.path}.{key}" if self.path else key)

    def __str__(self) -> str:
        parts = [self.file]
        if self.record:
            parts.append(self.record)
        if self.path:
            parts.append(f"field {self.path}")
        return ", ".join(parts)


@dataclass
class Problem:
    where: Where
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Problems:
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, where: Where, message: str) -> None:
        self.errors.append(Problem(where, message))

    def warn(self, where: Where, message: str) -> None:
        self.warnings.append(Problem(where, message))


class Invalid(Exception):
    """A value that cannot be read; already reported."""


# --- Records: what the importer writes ------------------------------------------------------------


@dataclass
class OrganizationRecord:
    hsds_id: uuid.UUID
    where: Where
    text: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class LocationRecord:
    hsds_id: uuid.UUID
    where: Where
    organization_id: uuid.UUID | None = None
    text: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class PhoneRecord:
    hsds_id: uuid.UUID
    where: Where
    text: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class HoursRecord:
    schedule_id: str
    weekday: int
    opens_at: dt.time
    closes_at: dt.time
    location_id: uuid.UUID | None = None


@dataclass
class ServiceLocationRecord:
    hsds_id: uuid.UUID
    location_id: uuid.UUID


@dataclass
class ServiceRecord:
    hsds_id: uuid.UUID
    where: Where
    organization_id: uuid.UUID | None = None
    text: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    # None: the document says nothing about them, leave the stored ones alone.
    phones: list[PhoneRecord] | None = None
    hours: list[HoursRecord] | None = None
    service_locations: list[ServiceLocationRecord] | None = None
    category_refs: list[tuple[uuid.UUID | None, str]] | None = None
    closures: list[ClosureRecord] | None = None  # from the x_pet_support extension
    links_additive: bool = False


@dataclass
class TermRecord:
    hsds_id: uuid.UUID
    where: Where
    code: str = ""
    parent_id: uuid.UUID | None = None
    text: dict[str, str] = field(default_factory=dict)


@dataclass
class Batch:
    """Everything read from the input, keyed by HSDS id. A later copy of a record adds to it."""

    organizations: dict[uuid.UUID, OrganizationRecord] = field(default_factory=dict)
    locations: dict[uuid.UUID, LocationRecord] = field(default_factory=dict)
    services: dict[uuid.UUID, ServiceRecord] = field(default_factory=dict)
    terms: dict[uuid.UUID, TermRecord] = field(default_factory=dict)
    ignored: Counter = field(default_factory=Counter)

    def add(self, record):
        registry = {
            OrganizationRecord: self.organizations,
            LocationRecord: self.locations,
            ServiceRecord: self.services,
            TermRecord: self.terms,
        }[type(record)]
        existing = registry.get(record.hsds_id)
        if existing is None:
            registry[record.hsds_id] = record
            return record
        existing.text.update(record.text)
        if hasattr(existing, "values"):
            existing.values.update(record.values)
        for name in ("organization_id", "parent_id", "code"):
            if getattr(record, name, None):
                setattr(existing, name, getattr(record, name))
        if isinstance(record, ServiceRecord) and record.service_locations is not None:
            if record.links_additive and existing.service_locations is not None:
                known = {link.hsds_id for link in existing.service_locations}
                existing.service_locations += [
                    link for link in record.service_locations if link.hsds_id not in known
                ]
            else:
                existing.service_locations = record.service_locations
                existing.links_additive = record.links_additive
        for name in ("phones", "hours", "category_refs", "closures"):
            if getattr(record, name, None) is not None:
                setattr(existing, name, getattr(record, name))
        return existing


# --- Reading values -------------------------------------------------------------------------------


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null"


class HsdsReader:
    """Reads HSDS 3.0 objects into ``batch``, reporting problems to ``problems``.

    Taxonomy terms read as documents (taxonomy files, ``taxonomy_terms.csv``) become categories;
    terms a service's attributes refer to only link to categories that exist.
    """

    def __init__(self, *, batch: Batch, problems: Problems):
        self.batch = batch
        self.problems = problems

    # Values ---------------------------------------------------------------------------------------

    def _fail(self, where: Where, message: str):
        self.problems.error(where, message)
        raise Invalid

    def text(self, value: Any, where: Where, *, required: bool = False) -> str:
        if value is None:
            value = ""
        if not isinstance(value, str):
            self._fail(where, f"expected text, got {_type_name(value)}")
        value = value.strip()
        if required and not value:
            self._fail(where, "required, but empty")
        return value

    def limited(self, value: str, where: Where, max_length: int | None) -> str:
        if max_length and len(value) > max_length:
            self.problems.warn(where, f"longer than {max_length} characters; shortened")
            return shorten(value, max_length)
        return value

    def number(self, value: Any, where: Where) -> float | None:
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                value = float(value.strip())
            except ValueError:
                self._fail(where, f"expected a number, got {value!r}")
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            self._fail(where, f"expected a number, got {_type_name(value)}")
        return value

    def uuid(self, value: Any, where: Where, *, required: bool = False) -> uuid.UUID | None:
        if value is None or value == "":
            if required:
                self._fail(where, "required, but missing")
            return None
        if not isinstance(value, str):
            self._fail(where, f"expected a UUID, got {_type_name(value)}")
        try:
            return uuid.UUID(value.strip())
        except ValueError:
            self._fail(where, f"not a valid UUID: {value!r}")

    def objects(self, value: Any, where: Where) -> list[tuple[dict, Where]]:
        if value is None:
            return []
        if not isinstance(value, list):
            self._fail(where, f"expected a list, got {_type_name(value)}")
        items = []
        for index, item in enumerate(value):
            item_where = where.at(index)
            if not isinstance(item, dict):
                self.problems.error(item_where, f"expected an object, got {_type_name(item)}")
                continue
            items.append((item, source_of(item, item_where)))
        return items

    def url(self, value: Any, where: Where) -> str:
        value = self.text(value, where)
        if value and "://" not in value and re.match(r"^[\w-]+(\.[\w-]+)+(/.*)?$", value):
            value = f"https://{value}"
        if value:
            try:
                _url_validator(value)
            except ValidationError:
                self._fail(where, f"not a valid URL: {value!r}")
        return value

    def email(self, value: Any, where: Where) -> str:
        value = self.text(value, where)
        if value:
            try:
                _email_validator(value)
            except ValidationError:
                self._fail(where, f"not a valid email address: {value!r}")
        return value

    def time(self, value: Any, where: Where) -> dt.time | None:
        value = self.text(value, where)
        if not value:
            return None
        try:
            return dt.time.fromisoformat(value).replace(tzinfo=None)
        except ValueError:
            self._fail(where, f"not a time of day (HH:MM or HH:MM:SS): {value!r}")

    def date(self, value: Any, where: Where) -> dt.date | None:
        value = self.text(value, where)
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            self._fail(where, f"not a date (YYYY-MM-DD): {value!r}")

    def languages(self, value: Any, where: Where) -> list[str]:
        codes = []
        for item, item_where in self.objects(value, where):
            code = language_code(item.get("code"), item.get("name"))
            if code is None:
                label = item.get("code") or item.get("name")
                self.problems.warn(
                    item_where, f"language {label!r} is not one the directory lists; skipped"
                )
            elif code not in codes:
                codes.append(code)
        return codes

    def _guard(self, function, *args, **kwargs):
        """Run a reading step; a reported problem skips the step, not the whole record."""
        try:
            return function(*args, **kwargs)
        except Invalid:
            return None

    # Documents ------------------------------------------------------------------------------------

    def read_document(self, data: Any, where: Where, *, hint: str = "") -> None:
        """A whole JSON file: one object, a paged list (``contents``) or a plain list."""
        if isinstance(data, list):
            for index, item in enumerate(data):
                self.read_item(item, Where(where.file, f"record {index}"), hint=hint)
        elif isinstance(data, dict) and isinstance(data.get("contents"), list):
            for index, item in enumerate(data["contents"]):
                self.read_item(item, Where(where.file, f"contents[{index}]"), hint=hint)
        elif isinstance(data, dict):
            self.read_item(data, where, hint=hint)
        else:
            self.problems.error(where, f"expected an HSDS object or list, got {_type_name(data)}")

    def read_item(self, obj: Any, where: Where, *, hint: str = "") -> None:
        if not isinstance(obj, dict):
            self.problems.error(where, f"expected an object, got {_type_name(obj)}")
            return
        kind = detect_kind(obj) or hint
        reader = {
            "service": self.service,
            "organization": self.organization,
            "location": self.location,
            "service_at_location": self.service_at_location,
            "taxonomy_term": self.taxonomy_term,
        }.get(kind)
        if kind in ("api", "taxonomy"):
            self.batch.ignored[kind] += 1
        elif reader is None:
            self.problems.error(
                where,
                "cannot tell which HSDS object this is (service, organization, location, "
                "service_at_location or taxonomy_term)",
            )
        else:
            self._guard(reader, obj, where)

    # Objects --------------------------------------------------------------------------------------

    def organization(self, obj: dict, where: Where) -> uuid.UUID | None:
        where = source_of(obj, where)
        hsds_id = self.uuid(obj.get("id"), where.at("id"), required=True)
        record = OrganizationRecord(hsds_id, where)
        if "name" in obj or not self.batch.organizations.get(hsds_id):
            name = self.text(obj.get("name"), where.at("name"), required=True)
            record.text["name"] = self.limited(name, where.at("name"), 200)
        if "description" in obj:
            record.text["description"] = self.text(obj["description"], where.at("description"))
        if "website" in obj:
            website = self._guard(self.url, obj["website"], where.at("website"))
            if website is not None:
                record.values["website"] = website if len(website) <= 200 else ""
        if "email" in obj:
            email = self._guard(self.email, obj["email"], where.at("email"))
            if email is not None:
                record.values["email"] = email
        self.batch.add(record)
        for item, item_where in (
            self._guard(self.objects, obj.get("locations"), where.at("locations")) or []
        ):
            self._guard(self.location, item, item_where, organization_id=hsds_id)
        for item, item_where in (
            self._guard(self.objects, obj.get("services"), where.at("services")) or []
        ):
            self._guard(self.service, item, item_where, organization_id=hsds_id)
        return hsds_id

    def location(
        self, obj: dict, where: Where, *, organization_id: uuid.UUID | None = None
    ) -> uuid.UUID:
        where = source_of(obj, where)
        hsds_id = self.uuid(obj.get("id"), where.at("id"), required=True)
        record = LocationRecord(hsds_id, where)
        if obj.get("organization_id"):
            organization_id = self._guard(
                self.uuid, obj["organization_id"], where.at("organization_id")
            )
        record.organization_id = organization_id
        if "name" in obj:
            name = self.text(obj["name"], where.at("name"))
            if name:
                record.text["name"] = self.limited(name, where.at("name"), 200)
        if "transportation" in obj:
            record.text["transportation"] = self.text(
                obj["transportation"], where.at("transportation")
            )
        if "accessibility" in obj:
            lines = []
            for item, item_where in self.objects(obj["accessibility"], where.at("accessibility")):
                for key in ("description", "details"):
                    line = self._guard(self.text, item.get(key), item_where.at(key))
                    if line:
                        lines.append(line)
            record.text["accessibility"] = "\n".join(lines)
        if "latitude" in obj or "longitude" in obj:
            # A position is both coordinates or none: one bad half drops the other.
            position = {}
            for key, limit in (("latitude", 90), ("longitude", 180)):
                value = self._guard(self.number, obj.get(key), where.at(key))
                if value is not None and not -limit <= value <= limit:
                    self.problems.warn(
                        where.at(key), f"{value:g} is out of range; the position is left empty"
                    )
                    value = None
                position[key] = value
            if None in position.values():
                position = dict.fromkeys(position)
            record.values.update(position)
        if "addresses" in obj:
            self._address(obj["addresses"], where.at("addresses"), record)
        if "name" not in record.text and hsds_id not in self.batch.locations:
            fallback = record.values.get("address_1") or record.values.get("city") or "Location"
            record.text["name"] = fallback
        self.batch.add(record)
        return hsds_id

    def _address(self, value: Any, where: Where, record: LocationRecord) -> None:
        addresses = self.objects(value, where)
        kinds = {"physical": 0, "": 1, "postal": 2}
        usable = [
            (kinds.get(str(item.get("address_type") or ""), 3), index, item, item_where)
            for index, (item, item_where) in enumerate(addresses)
            if item.get("address_type") != "virtual"
        ]
        if not usable:
            return
        _rank, _index, item, item_where = min(usable, key=lambda entry: entry[:2])
        for key, limit in (("address_1", 200), ("address_2", 200), ("city", 100)):
            value = self.text(item.get(key), item_where.at(key))
            record.values[key] = self.limited(value, item_where.at(key), limit)
        state = self.text(item.get("state_province"), item_where.at("state_province"))
        record.values["state_province"] = self.limited(state, item_where.at("state_province"), 50)
        postal_code = self.text(item.get("postal_code"), item_where.at("postal_code"))
        match = ZIP_RE.match(postal_code)
        if postal_code and not match:
            self.problems.warn(
                item_where.at("postal_code"),
                f"{postal_code!r} is not a US ZIP code; left empty",
            )
        record.values["postal_code"] = match.group(1) if match else ""
        country = self.text(item.get("country"), item_where.at("country")).upper()
        if country and len(country) != 2:
            self.problems.warn(item_where.at("country"), f"{country!r} is not a two-letter code")
        elif country:
            record.values["country"] = country

    def service_at_location(
        self, obj: dict, where: Where, *, service_id: uuid.UUID | None = None
    ) -> None:
        """A service_at_location document, with its nested service (the one HSDS lists it under)."""
        where = source_of(obj, where)
        service = obj.get("service")
        if service_id is None:
            if isinstance(service, dict):
                self.service(service, where.at("service"), service_at_locations=[(obj, where)])
                return
            service_id = self.uuid(obj.get("service_id"), where.at("service_id"), required=True)
            self.problems.warn(
                where, "service_at_location without its service; link kept for known services"
            )
        record = self.batch.services.get(service_id)
        if record is None:
            return
        link = self._service_location(obj, where)
        if link is not None:
            if record.service_locations is None:
                record.service_locations, record.links_additive = [], True
            record.service_locations.append(link)

    def _service_location(self, obj: dict, where: Where) -> ServiceLocationRecord | None:
        hsds_id = self.uuid(obj.get("id"), where.at("id"), required=True)
        location_id = None
        if isinstance(obj.get("location"), dict):
            location_id = self.location(obj["location"], where.at("location"))
        elif obj.get("location_id"):
            location_id = self.uuid(obj["location_id"], where.at("location_id"))
        if location_id is None:
            self.problems.error(where.at("location"), "required, but missing")
            return None
        return ServiceLocationRecord(hsds_id, location_id)

    def service(
        self,
        obj: dict,
        where: Where,
        *,
        organization_id: uuid.UUID | None = None,
        service_at_locations: list[tuple[dict, Where]] | None = None,
    ) -> uuid.UUID:
        where = source_of(obj, where)
        hsds_id = self.uuid(obj.get("id"), where.at("id"), required=True)
        record = ServiceRecord(hsds_id, where)
        text, values = record.text, record.values

        if isinstance(obj.get("organization"), dict):
            organization_id = self.organization(obj["organization"], where.at("organization"))
        elif obj.get("organization_id"):
            organization_id = self.uuid(obj["organization_id"], where.at("organization_id"))
        record.organization_id = organization_id

        # A service already in the directory may come without its name (a file of translations
        # carries only what is translated); the importer refuses a new one without it.
        if "name" in obj:
            name = self.text(obj.get("name"), where.at("name"), required=True)
            text["name"] = self.limited(name, where.at("name"), 200)
        if "status" in obj:
            status = self.text(obj["status"], where.at("status"))
            if status.lower() not in STATUS_FROM_HSDS:
                self._fail(
                    where.at("status"),
                    f"unknown status {status!r} (expected one of: "
                    + ", ".join(STATUS_FROM_HSDS)
                    + ")",
                )
            values["status"] = STATUS_FROM_HSDS[status.lower()]
        for key, name in (
            ("description", "description"),
            ("application_process", "application_process"),
            ("eligibility_description", "eligibility_description"),
        ):
            if key in obj:
                text[name] = self.text(obj[key], where.at(key))
        if "url" in obj:
            values["url"] = self.limited(
                self.url(obj["url"], where.at("url")), where.at("url"), 200
            )
        if "email" in obj:
            values["email"] = self.email(obj["email"], where.at("email"))
        for key in ("minimum_age", "maximum_age"):
            if key in obj:
                age = self.number(obj[key], where.at(key))
                if age is not None and not 0 <= age <= 150:
                    self._fail(where.at(key), f"{age} is not an age in years")
                values[key] = None if age is None else round(age)
        if "assured_date" in obj:
            assured = self.date(obj["assured_date"], where.at("assured_date"))
            values["last_verified_at"] = (
                timezone.make_aware(dt.datetime.combine(assured, dt.time())) if assured else None
            )
        if "languages" in obj:
            values["languages"] = self.languages(obj["languages"], where.at("languages"))
        if "required_documents" in obj:
            documents = [
                self.text(item.get("document"), item_where.at("document"))
                for item, item_where in self.objects(
                    obj["required_documents"], where.at("required_documents")
                )
            ]
            text["required_documents"] = "\n".join(doc for doc in documents if doc)
        self._cost(obj, where, record)
        if "service_areas" in obj:
            self._service_areas(obj["service_areas"], where.at("service_areas"), record)
        if "attributes" in obj:
            record.category_refs = self._category_refs(obj["attributes"], where.at("attributes"))
        if EXTENSION_KEY in obj:
            extension_read(self, obj[EXTENSION_KEY], where.at(EXTENSION_KEY), record)

        # Children: phones and schedules of the service, of its service_at_locations and of their
        # locations, each counted once (the official examples repeat the same ids at every level).
        # A service_at_location document adds its link; a service document lists them all.
        record.links_additive = service_at_locations is not None
        if service_at_locations is None and "service_at_locations" in obj:
            service_at_locations = self.objects(
                obj["service_at_locations"], where.at("service_at_locations")
            )
        phone_sources = []
        schedule_sources = []
        if "phones" in obj:
            phone_sources.append((obj["phones"], where.at("phones")))
        if "schedules" in obj:
            schedule_sources.append((obj["schedules"], where.at("schedules"), None))
        if service_at_locations is not None:
            record.service_locations = []
            for item, item_where in service_at_locations:
                link = self._guard(self._service_location, item, item_where)
                if link is None:
                    continue
                record.service_locations.append(link)
                if "phones" in item:
                    phone_sources.append((item["phones"], item_where.at("phones")))
                if "schedules" in item:
                    schedule_sources.append(
                        (item["schedules"], item_where.at("schedules"), link.location_id)
                    )
                location = item.get("location")
                if isinstance(location, dict) and "schedules" in location:
                    schedule_sources.append(
                        (
                            location["schedules"],
                            item_where.at("location").at("schedules"),
                            link.location_id,
                        )
                    )
        if phone_sources:
            record.phones = self._phones(phone_sources)
        if schedule_sources:
            record.hours, notes = self._schedules(schedule_sources)
            text["hours_notes"] = notes
        self.batch.add(record)
        return hsds_id

    def _cost(self, obj: dict, where: Where, record: ServiceRecord) -> None:
        keys = ("fees_description", "fees", "cost_options")
        if not any(key in obj for key in keys):
            return
        description = self.text(obj.get("fees_description"), where.at("fees_description"))
        if not description:
            description = self.text(obj.get("fees"), where.at("fees"))
        lines = [description] if description else []
        kinds, amounts = [], []
        for item, item_where in self.objects(obj.get("cost_options"), where.at("cost_options")):
            option = self.text(item.get("option"), item_where.at("option"))
            amount = self.number(item.get("amount"), item_where.at("amount"))
            currency = self.text(item.get("currency"), item_where.at("currency")).upper()
            per = self.text(item.get("amount_description"), item_where.at("amount_description"))
            kind = cost_kind(option)
            if kind:
                kinds.append(kind)
            if amount is not None:
                amounts.append(amount)
            if amount is not None or (option and not kind):
                price = " ".join(
                    part
                    for part in (f"{amount:g}" if amount is not None else "", currency, per)
                    if part
                )
                line = f"{option}: {price}" if option and price else option or price
                if line and line not in description:
                    lines.append(line)
        if kinds:
            record.values["cost"] = kinds[0]
        elif amounts:
            record.values["cost"] = Cost.FEE if any(a > 0 for a in amounts) else Cost.FREE
        elif description:
            record.values["cost"] = cost_kind_from_text(description)
        record.text["cost_description"] = "\n".join(lines)

    def _service_areas(self, value: Any, where: Where, record: ServiceRecord) -> None:
        names, zip_codes = [], []
        for item, item_where in self.objects(value, where):
            name = self.text(item.get("name"), item_where.at("name"))
            description = self.text(item.get("description"), item_where.at("description"))
            extent = self.text(item.get("extent"), item_where.at("extent"))
            extent_type = self.text(item.get("extent_type"), item_where.at("extent_type"))
            if extent and extent_type.lower() in ("", "text") and ZIP_LIST_RE.match(extent):
                zip_codes.extend(extent.replace(",", " ").split())
            label = name or description
            if label and label not in names:
                names.append(label)
        record.text["service_area_description"] = self.limited(
            "; ".join(names), where, MAX_LENGTHS[("resource", "service_area_description")]
        )
        record.values["service_area_zip_codes"] = " ".join(dict.fromkeys(zip_codes))

    def _category_refs(self, value: Any, where: Where) -> list[tuple[uuid.UUID | None, str]]:
        refs = []
        for item, item_where in self.objects(value, where):
            term = item.get("taxonomy_term")
            term_id = None
            code = ""
            if isinstance(term, dict):
                term_where = item_where.at("taxonomy_term")
                term_id = self._guard(self.uuid, term.get("id"), term_where.at("id"))
                code = self._guard(self.text, term.get("code"), term_where.at("code")) or ""
            if term_id is None and item.get("taxonomy_term_id"):
                term_id = self._guard(
                    self.uuid, item["taxonomy_term_id"], item_where.at("taxonomy_term_id")
                )
            if term_id or code:
                refs.append((term_id, code))
        return refs

    def _phones(self, sources: list[tuple[Any, Where]]) -> list[PhoneRecord]:
        phones: dict[uuid.UUID, PhoneRecord] = {}
        for value, where in sources:
            for item, item_where in self.objects(value, where):
                phone = self._guard(self._phone, item, item_where)
                if phone is not None and phone.hsds_id not in phones:
                    phones[phone.hsds_id] = phone
        return list(phones.values())

    def _phone(self, obj: dict, where: Where) -> PhoneRecord:
        hsds_id = self.uuid(obj.get("id"), where.at("id"), required=True)
        number = self.text(obj.get("number"), where.at("number"), required=True)
        number = number.strip("\"' ")
        if not PHONE_RE.match(number):
            self._fail(where.at("number"), f"not a phone number: {number!r}")
        extension = obj.get("extension")
        if isinstance(extension, float) and extension.is_integer():
            extension = int(extension)
        extension = "" if extension is None else str(extension).strip()
        if len(extension) > 10:
            self._fail(where.at("extension"), "longer than 10 characters")
        phone_type = self.text(obj.get("type"), where.at("type")).lower()
        if phone_type and phone_type not in PHONE_TYPE_FROM_HSDS:
            self.problems.warn(where.at("type"), f"unknown phone type {phone_type!r}; voice used")
        description = self.text(obj.get("description"), where.at("description"))
        return PhoneRecord(
            hsds_id,
            where,
            text={"description": self.limited(description, where.at("description"), 200)},
            values={
                "number": number,
                "extension": extension,
                "type": PHONE_TYPE_FROM_HSDS.get(phone_type, PhoneType.VOICE),
                "languages": self.languages(obj.get("languages"), where.at("languages")),
            },
        )

    def _schedules(
        self, sources: list[tuple[Any, Where, uuid.UUID | None]]
    ) -> tuple[list[HoursRecord], str]:
        hours: list[HoursRecord] = []
        notes: list[str] = []
        seen: set[str] = set()
        for value, where, location_id in sources:
            for item, item_where in self.objects(value, where):
                schedule_id = self._guard(self.uuid, item.get("id"), item_where.at("id"))
                key = str(schedule_id) if schedule_id else f"{item_where}"
                if key in seen:
                    continue
                seen.add(key)
                result = self._guard(self._schedule, item, item_where, key, location_id)
                if result is None:
                    continue
                rows, lines = result
                hours.extend(rows)
                notes.extend(line for line in lines if line not in notes)
        return hours, "\n".join(notes)

    def _schedule(
        self, obj: dict, where: Where, key: str, location_id: uuid.UUID | None
    ) -> tuple[list[HoursRecord], list[str]]:
        freq = self.text(obj.get("freq"), where.at("freq")).upper()
        byday = self.text(obj.get("byday"), where.at("byday")).upper()
        opens_at = self.time(obj.get("opens_at"), where.at("opens_at"))
        closes_at = self.time(obj.get("closes_at"), where.at("closes_at"))
        interval = self.number(obj.get("interval"), where.at("interval"))
        if location_id is None and obj.get("location_id"):
            location_id = self.uuid(obj["location_id"], where.at("location_id"))
        description = self.text(obj.get("description"), where.at("description"))
        note = self.text(obj.get("notes"), where.at("notes"))
        days = [day.strip() for day in byday.split(",") if day.strip()]
        weekly = (
            freq == "WEEKLY"
            and days
            and all(day in HSDS_WEEKDAYS for day in days)
            and opens_at is not None
            and closes_at is not None
            and interval in (None, 1)
        )
        lines = [line for line in (description, note) if line]
        if not weekly:
            if not description:
                summary = " ".join(
                    part
                    for part in (
                        freq.lower(),
                        f"every {interval:g}" if interval not in (None, 1) else "",
                        byday,
                        obj.get("bymonthday") and f"days {obj['bymonthday']}",
                        opens_at and closes_at and f"{opens_at:%H:%M}–{closes_at:%H:%M}",
                    )
                    if part
                )
                if summary:
                    lines.insert(0, summary)
            return [], lines
        rows = [
            HoursRecord(key, HSDS_WEEKDAYS.index(day), opens_at, closes_at, location_id)
            for day in dict.fromkeys(days)
        ]
        return rows, lines

    def taxonomy_term(self, obj: dict, where: Where) -> uuid.UUID | None:
        where = source_of(obj, where)
        hsds_id = self.uuid(obj.get("id"), where.at("id"), required=True)
        record = TermRecord(hsds_id, where)
        name = self.text(obj.get("name"), where.at("name"), required=True)
        record.text["name"] = self.limited(name, where.at("name"), 120)
        if "description" in obj:
            record.text["description"] = self.text(obj["description"], where.at("description"))
        record.code = self.text(obj.get("code"), where.at("code"))
        record.parent_id = self._guard(self.uuid, obj.get("parent_id"), where.at("parent_id"))
        self.batch.add(record)
        return hsds_id


def source_of(obj: dict, default: Where) -> Where:
    source = obj.get(SOURCE_KEY)
    return source if isinstance(source, Where) else default


def detect_kind(obj: dict) -> str:
    """Which HSDS object ``obj`` is, from the fields only that object has ("" if unsure)."""
    keys = set(obj) - {SOURCE_KEY}
    if {"version", "openapi_url"} & keys and "id" not in keys:
        return "api"
    if "service" in keys and isinstance(obj["service"], dict):
        return "service_at_location"
    if "location" in keys and isinstance(obj["location"], dict) and "name" not in keys:
        return "service_at_location"
    if {"location_type", "addresses", "accessibility", "latitude", "longitude"} & keys:
        return "location"
    service_keys = {
        "status",
        "organization",
        "organization_id",
        "service_at_locations",
        "program",
        "program_id",
        "fees_description",
        "eligibility_description",
        "application_process",
        "cost_options",
        "required_documents",
        "schedules",
        "service_areas",
    }
    if service_keys & keys:
        return "service"
    organization_keys = {
        "services",
        "website",
        "tax_status",
        "tax_id",
        "year_incorporated",
        "legal_status",
        "logo",
        "parent_organization_id",
        "organization_identifiers",
        "locations",
        "programs",
    }
    if organization_keys & keys:
        return "organization"
    if {"code", "parent_id", "taxonomy", "taxonomy_detail", "taxonomy_id", "term_uri"} & keys:
        return "taxonomy_term"
    if "version" in keys or "uri" in keys:
        return "taxonomy"
    return ""


def language_code(code: Any, name: Any = None) -> str | None:
    known = set(SpokenLanguage.values)
    if isinstance(code, str) and code.strip():
        value = code.strip().lower().replace("_", "-")
        if value in LANGUAGE_ALIASES:
            return LANGUAGE_ALIASES[value]
        for candidate in (value, value.split("-")[0]):
            if candidate in known:
                return candidate
            if candidate in LANGUAGE_ALIASES:
                return LANGUAGE_ALIASES[candidate]
    if isinstance(name, str):
        return LANGUAGE_NAMES.get(name.strip().lower())
    return None


def cost_kind(option: str) -> str | None:
    value = option.strip().lower().replace("-", " ").replace("_", " ")
    for kind in Cost:
        if value == kind.value.replace("_", " ") or value == kind.label.lower():
            return kind.value
    return None


def cost_kind_from_text(text: str) -> str:
    value = text.lower()
    if "sliding" in value:
        return Cost.SLIDING_SCALE
    if "low cost" in value or "low-cost" in value or "reduced" in value:
        return Cost.LOW_COST
    if re.search(r"\b(free|no cost|no charge)\b", value):
        return Cost.FREE
    return Cost.FEE


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return f"{cut}…"


def short_description_from(description: str, name: str) -> str:
    """A listing card line from the HSDS description (HSDS has no short description)."""
    text = " ".join((description or "").split())
    if not text:
        return shorten(name, SHORT_DESCRIPTION_LENGTH)
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return shorten(first, SHORT_DESCRIPTION_LENGTH)


# --- Writing HSDS ---------------------------------------------------------------------------------


def _put(document: dict, key: str, value: Any) -> None:
    """Set an optional field only when there is something to say (empty URIs fail the schema)."""
    if value not in (None, "", [], {}):
        document[key] = value


def _time(value: dt.time) -> str:
    return value.strftime("%H:%M:%S")


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


def schedules_to_hsds(resource, hours, *, shown_locations: dict, service_id: str) -> list[dict]:
    """Opening hours grouped into weekly rules (same place and times), plus the notes."""
    groups: dict[tuple, list[int]] = {}
    for row in hours:
        location = shown_locations.get(row.location_id)
        key = (location, row.opens_at, row.closes_at)
        groups.setdefault(key, []).append(row.weekday)
    schedules = []
    for (location_hsds_id, opens_at, closes_at), weekdays in groups.items():
        byday = ",".join(HSDS_WEEKDAYS[day] for day in sorted(set(weekdays)))
        schedule = {
            "id": derived_id(service_id, "schedule", location_hsds_id, opens_at, closes_at),
            "service_id": service_id,
            "freq": "WEEKLY",
            "wkst": "MO",
            "interval": 1,
            "byday": byday,
            "opens_at": _time(opens_at),
            "closes_at": _time(closes_at),
        }
        _put(schedule, "location_id", location_hsds_id)
        schedules.append(schedule)
    notes = resource.hours_notes or ""
    if notes:
        if schedules:
            schedules[0]["notes"] = notes
        else:
            schedules.append(
                {
                    "id": derived_id(service_id, "schedule-notes"),
                    "service_id": service_id,
                    "notes": notes,
                }
            )
    return schedules


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
    shown_locations: dict | None = None,
    categories_by_pk: dict | None = None,
    with_organization: bool = True,
    with_locations: bool = True,
    language: str = "en",
) -> dict:
    """A service as HSDS. ``full`` adds the nested lists (phones, schedules, locations, ...).

    ``shown_locations`` maps Location pk -> Location for the locations that may be published for
    this resource: never any location of a resource with a confidential address.
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

    shown_locations = shown_locations or {}
    document["phones"] = [
        phone_to_hsds(phone, service_id=service_id) for phone in resource.phones.all()
    ]
    location_ids = {pk: str(location.hsds_id) for pk, location in shown_locations.items()}
    document["schedules"] = schedules_to_hsds(
        resource,
        list(resource.opening_hours.all()),
        shown_locations=location_ids,
        service_id=service_id,
    )
    document["service_areas"] = service_areas_to_hsds(resource)
    links = [
        {
            "id": str(link.hsds_id),
            "service_id": service_id,
            "location_id": str(shown_locations[link.location_id].hsds_id),
            "location": _linked_location(shown_locations[link.location_id]),
        }
        for link in (resource.resource_locations.all() if with_locations else [])
        if link.location_id in shown_locations
    ]
    if with_locations:
        document["service_at_locations"] = links
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
