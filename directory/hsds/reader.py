"""Reading HSDS 3.0 objects into records: ``HsdsReader``.

Services, organizations, locations, service_at_locations and taxonomy terms, as JSON documents or
assembled from CSV rows (``tabular``), become plain records collected in a ``Batch``; every
problem is reported with its file, record and field. Nothing here touches the database: the
importer writes the batch (``writer``). What a model field accepts (lengths, formats, translated
fields) is read from the model (``model_rules``).

Mapping decisions (HSDS -> model):

- Fields absent from a document leave the stored value alone; present-but-empty fields clear it.
  Child collections (phones, schedules, service_at_locations, attributes) are replaced only when
  the document carries them, so the one-to-one ``service_list`` form never wipes phones.
- Schedules: see ``schedules``.
- Cost: ``cost_options`` amounts (> 0: fee, all 0: free) or an option named after one of our cost
  kinds decide ``cost``; otherwise keywords in ``fees_description`` do; ``cost_description`` is
  ``fees_description`` plus one line per priced cost option.
- Categories: service attributes whose taxonomy term matches a Category by ``hsds_id`` or by
  ``code == slug``; unknown terms are reported and skipped (created only from taxonomy files).
- ``assured_date`` -> ``last_verified_at``; ``status`` "defunct" -> inactive.
- A ZIP+4 postal code keeps its five-digit ZIP code; digits of any script ("٩٥٨١٤") in ZIP codes
  and phone numbers are read as ASCII digits (the fields of ``directory.fields``).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from django.utils import timezone

from ..models import Category, Location, Organization, Phone, Resource
from ..vocabulary import Cost, PhoneType
from .extension import EXTENSION_KEY, extension_read
from .model_rules import as_stored, is_valid, max_length
from .problems import Where, source_of
from .records import (
    LocationRecord,
    OrganizationRecord,
    PhoneRecord,
    ServiceLocationRecord,
    ServiceRecord,
    TermRecord,
)
from .schedules import schedules_read
from .values import ValueReader, _type_name
from .vocabulary import (
    PHONE_TYPE_FROM_HSDS,
    STATUS_FROM_HSDS,
    cost_kind,
    cost_kind_from_text,
    detect_kind,
)

# What a postal code may be beyond the model's ZIP code: ZIP+4, whose first five digits are it.
ZIP_PLUS_FOUR = re.compile(r"^([0-9]{5})-[0-9]{4}$")


class HsdsReader(ValueReader):
    """Reads HSDS 3.0 objects into ``batch``, reporting problems to ``problems``.

    Taxonomy terms read as documents (taxonomy files, ``taxonomy_terms.csv``) become categories;
    terms a service's attributes refer to only link to categories that exist.
    """

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

    def _add(self, record) -> None:
        """Add ``record`` to the batch. The same id twice in one file must say the same thing (an
        organization repeated under each of its services does); two different records under one
        id (two services, a location with two addresses) are an error, not a silent choice."""
        registry = {
            OrganizationRecord: self.batch.organizations,
            LocationRecord: self.batch.locations,
            ServiceRecord: self.batch.services,
            TermRecord: self.batch.terms,
        }[type(record)]
        existing = registry.get(record.hsds_id)
        if existing is not None and existing.where.file == record.where.file:
            for name in ("text", "values"):
                ours, theirs = getattr(record, name, {}), getattr(existing, name, {})
                clash = sorted(
                    key for key in ours.keys() & theirs.keys() if ours[key] != theirs[key]
                )
                if clash:
                    self._fail(
                        record.where.at("id"),
                        f"id {record.hsds_id} is used twice in this file with different "
                        f"{', '.join(clash)} (first at {existing.where})",
                    )
        self.batch.add(record)

    # Objects --------------------------------------------------------------------------------------

    def organization(self, obj: dict, where: Where) -> uuid.UUID | None:
        where = source_of(obj, where)
        hsds_id = self.uuid(obj.get("id"), where.at("id"), required=True)
        record = OrganizationRecord(hsds_id, where)
        if "name" in obj or not self.batch.organizations.get(hsds_id):
            name = self.text(obj.get("name"), where.at("name"), required=True)
            record.text["name"] = self.fit(name, where.at("name"), Organization, "name")
        if "description" in obj:
            record.text["description"] = self.text(obj["description"], where.at("description"))
        if "website" in obj:
            website = self._guard(
                self.url, obj["website"], where.at("website"), model=Organization, field="website"
            )
            if website is not None:
                record.values["website"] = website
        if "email" in obj:
            email = self._guard(
                self.email, obj["email"], where.at("email"), model=Organization, field="email"
            )
            if email is not None:
                record.values["email"] = email
        self._add(record)
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
                record.text["name"] = self.fit(name, where.at("name"), Location, "name")
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
            for key in ("latitude", "longitude"):
                value = self._guard(self.number, obj.get(key), where.at(key))
                if value is not None and not is_valid(Location, key, value):
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
        self._add(record)
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
        same_kind = [entry for entry in usable if entry[0] == _rank]
        if len(same_kind) > 1:
            self._fail(
                same_kind[1][3],
                "a second address of the same kind for one location (a place has one address; "
                "list another place as a location of its own)",
            )
        for key in ("address_1", "address_2", "city", "state_province"):
            value = self.text(item.get(key), item_where.at(key))
            record.values[key] = self.fit(value, item_where.at(key), Location, key)
        postal_code = self.text(item.get("postal_code"), item_where.at("postal_code"))
        postal_code = as_stored(Location, "postal_code", postal_code)
        plus_four = ZIP_PLUS_FOUR.match(postal_code)
        zip_code = plus_four.group(1) if plus_four else postal_code
        valid = bool(zip_code) and is_valid(Location, "postal_code", zip_code)
        if postal_code and not valid:
            self.problems.warn(
                item_where.at("postal_code"),
                f"{postal_code!r} is not a US ZIP code; left empty",
            )
        record.values["postal_code"] = zip_code if valid else ""
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
            text["name"] = self.fit(name, where.at("name"), Resource, "name")
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
            values["url"] = self.url(obj["url"], where.at("url"), model=Resource, field="url")
        if "email" in obj:
            values["email"] = self.email(
                obj["email"], where.at("email"), model=Resource, field="email"
            )
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
            record.hours, notes = schedules_read(self, schedule_sources)
            text["hours_notes"] = notes
        self._add(record)
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
            extent = as_stored(Resource, "service_area_zip_codes", extent)
            extent_type = self.text(item.get("extent_type"), item_where.at("extent_type"))
            if (
                extent
                and extent_type.lower() in ("", "text")
                and is_valid(Resource, "service_area_zip_codes", extent)
            ):
                zip_codes.extend(extent.replace(",", " ").split())
            label = name or description
            if label and label not in names:
                names.append(label)
        record.text["service_area_description"] = self.fit(
            "; ".join(names), where, Resource, "service_area_description"
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
        number = as_stored(Phone, "number", number.strip("\"' "))
        if not is_valid(Phone, "number", number):
            self._fail(where.at("number"), f"not a phone number: {number!r}")
        extension = obj.get("extension")
        if isinstance(extension, float) and extension.is_integer():
            extension = int(extension)
        extension = "" if extension is None else str(extension).strip()
        if len(extension) > (limit := max_length(Phone, "extension")):
            self._fail(where.at("extension"), f"longer than {limit} characters")
        phone_type = self.text(obj.get("type"), where.at("type")).lower()
        if phone_type and phone_type not in PHONE_TYPE_FROM_HSDS:
            self.problems.warn(where.at("type"), f"unknown phone type {phone_type!r}; voice used")
        description = self.text(obj.get("description"), where.at("description"))
        return PhoneRecord(
            hsds_id,
            where,
            text={
                "description": self.fit(description, where.at("description"), Phone, "description")
            },
            values={
                "number": number,
                "extension": extension,
                "type": PHONE_TYPE_FROM_HSDS.get(phone_type, PhoneType.VOICE),
                "languages": self.languages(obj.get("languages"), where.at("languages")),
            },
        )

    def taxonomy_term(self, obj: dict, where: Where) -> uuid.UUID | None:
        where = source_of(obj, where)
        hsds_id = self.uuid(obj.get("id"), where.at("id"), required=True)
        record = TermRecord(hsds_id, where)
        name = self.text(obj.get("name"), where.at("name"), required=True)
        record.text["name"] = self.fit(name, where.at("name"), Category, "name")
        if "description" in obj:
            record.text["description"] = self.text(obj["description"], where.at("description"))
        record.code = self.text(obj.get("code"), where.at("code"))
        record.parent_id = self._guard(self.uuid, obj.get("parent_id"), where.at("parent_id"))
        self._add(record)
        return hsds_id
