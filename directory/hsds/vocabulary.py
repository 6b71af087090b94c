"""The HSDS 3.0 specification's identifiers and codes, and how they map to the directory's own
vocabularies (``directory/vocabulary.py``) and language codes (``core.languages``)."""

from __future__ import annotations

import re
import uuid
from typing import Any

from core.languages import spoken_language_code

from ..vocabulary import Cost, PhoneType, SpokenLanguage, Status
from .problems import SOURCE_KEY

HSDS_VERSION = "3.0"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
PROFILE_URL = "https://docs.openreferral.org/en/v3.0/"
# Ids of objects the models do not store one by one (schedules, addresses, ...) are derived from
# the owner's id with uuid5 in this namespace, so every export of the same data has the same ids.
NAMESPACE = uuid.UUID("0107e35c-2f86-4fe4-936e-2f6ebc0a02b5")
TAXONOMY_ID = uuid.uuid5(NAMESPACE, "taxonomy:pet-support")
TAXONOMY_NAME = "Pet support taxonomy"
TAXONOMY_DESCRIPTION = "The portal's categories of pet support and human services."

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


def derived_id(*parts: Any) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def language_code(code: Any, name: Any = None) -> str | None:
    """One of our ``SpokenLanguage`` codes for an HSDS language's code or name, or None."""
    return spoken_language_code(code, name, known=SpokenLanguage.values)


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
