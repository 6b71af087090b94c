"""Records: what the reader makes of HSDS objects, and what the writer stores.

Plain data, one record per directory row (or per child collection of a service), keyed by HSDS id
in a ``Batch``. ``text`` holds translated fields (written in the import's language), ``values``
the others. A field absent from the input is absent from the record, so the stored value is left
alone; a child collection that is ``None`` was not in the input and is left alone too.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .problems import Where


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
class ClosureRecord:
    """A temporary closure (``x_pet_support``, see ``extension``); ``text`` holds its reason."""

    start_date: dt.date
    end_date: dt.date
    text: dict[str, str] = field(default_factory=dict)


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
