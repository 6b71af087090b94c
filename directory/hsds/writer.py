"""Writing a batch of records into the directory's tables, in bulk (the importer's second step).

Records are matched on ``hsds_id`` (categories also on ``code == slug``), so importing again
updates instead of duplicating; rows are written with bulk queries (10k services import in
seconds, see ``bench/hsds_import.py``). Translated fields are written in the import's language,
and into English too when a record is created from another language (English is required, and
what visitors fall back to). Which fields are translated comes from the models
(``model_rules``). Runs inside the importer's transaction; sends no signals.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable

from django.utils import timezone
from django.utils.text import slugify
from modeltranslation.utils import build_localized_fieldname

from ..models import (
    Category,
    Location,
    OpeningHours,
    Organization,
    Phone,
    Resource,
    ResourceLocation,
)
from ..services import location_position_fill
from .model_rules import max_length, short_description_from, translated_fields
from .problems import Problem
from .records import Batch
from .report import ImportReport
from .vocabulary import derived_id

BATCH_SIZE = 500
CHUNK = 900  # ids per IN (...) query, below SQLite's oldest variable limit


def chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def by_hsds_id(queryset, ids: Iterable[uuid.UUID]) -> dict:
    found = {}
    for chunk in chunks(list(ids)):
        found.update({obj.hsds_id: obj for obj in queryset.filter(hsds_id__in=chunk)})
    return found


class BatchWriter:
    def __init__(self, *, batch: Batch, report: ImportReport, language: str):
        self.batch = batch
        self.report = report
        self.language = language
        self.now = timezone.now()

    def localized(self, name: str, language: str | None = None) -> str:
        return build_localized_fieldname(name, language or self.language)

    def assign(self, obj, text: dict, values: dict, *, creating: bool) -> set[str]:
        """Set the record's fields on ``obj``; the names of the fields that changed. Texts go to
        the translated fields of the import's language (fields the model does not translate are
        not written from ``text``)."""
        changed = set()
        translated = translated_fields(type(obj))
        for name, value in text.items():
            if name not in translated:
                continue
            value = value or ""
            localized = self.localized(name)
            if (getattr(obj, localized) or "") != value:
                setattr(obj, localized, value)
                changed.update((localized, name))
            english = self.localized(name, "en")
            if creating and localized != english and not getattr(obj, english):
                setattr(obj, english, value)  # English is required; it is also the fallback
                changed.update((english, name))
        for name, value in values.items():
            if getattr(obj, name) != value:
                setattr(obj, name, value)
                changed.add(name)
        return changed

    def save(self, model, creating: list, updating: list, fields: set[str], key: str) -> None:
        model.objects.bulk_create(creating, batch_size=BATCH_SIZE)
        if updating:
            model.objects.bulk_update(updating, sorted(fields), batch_size=BATCH_SIZE)
        if creating:
            self.report.created[key] += len(creating)
        if updating:
            self.report.updated[key] += len(updating)

    # Records --------------------------------------------------------------------------------------

    def categories(self) -> dict[uuid.UUID, Category]:
        terms = self.batch.terms
        known = {category.hsds_id: category for category in Category.objects.all()}
        by_slug = {category.slug: category for category in known.values()}
        matched: dict[uuid.UUID, Category] = {}
        for record in terms.values():
            category = known.get(record.hsds_id) or by_slug.get(slugify(record.code))
            creating = category is None
            if creating:
                category = Category(hsds_id=record.hsds_id, slug=self._free_slug(record, by_slug))
                by_slug[category.slug] = category
            changed = self.assign(category, record.text, {}, creating=creating)
            matched[record.hsds_id] = category
            if creating or changed:
                category.save()
                (self.report.created if creating else self.report.updated)["categories"] += 1
            else:
                self.report.unchanged["categories"] += 1
        for record in terms.values():
            if not record.parent_id:
                continue
            parent = matched.get(record.parent_id) or known.get(record.parent_id)
            category = matched[record.hsds_id]
            if parent is None:
                self.report.warnings.append(
                    Problem(
                        record.where.at("parent_id"),
                        f"parent term {record.parent_id} is unknown; the term stays at the top",
                    )
                )
            elif category.parent_id != parent.pk and parent.pk != category.pk:
                category.parent = parent
                category.save(update_fields=["parent"])
        return {**known, **matched}

    @staticmethod
    def _free_slug(record, taken: dict) -> str:
        room = max_length(Category, "slug") - 8  # for "-<number>" when the slug is taken
        base = (slugify(record.code) or slugify(record.text.get("name", "")) or "term")[:room]
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug

    def organizations(self) -> dict[uuid.UUID, int]:
        records = self.batch.organizations
        existing = by_hsds_id(Organization.objects.all(), records)
        creating, updating, fields = [], [], set()
        for record in records.values():
            obj = existing.get(record.hsds_id)
            if obj is None:
                obj = Organization(hsds_id=record.hsds_id)
                self.assign(obj, record.text, record.values, creating=True)
                creating.append(obj)
                continue
            changed = self.assign(obj, record.text, record.values, creating=False)
            if changed:
                obj.updated_at = self.now
                fields |= changed | {"updated_at"}
                updating.append(obj)
            else:
                self.report.unchanged["organizations"] += 1
        self.save(Organization, creating, updating, fields, "organizations")
        ids = set(records) | {
            record.organization_id
            for record in [*self.batch.services.values(), *self.batch.locations.values()]
            if record.organization_id
        }
        return {
            hsds_id: obj.pk
            for hsds_id, obj in by_hsds_id(Organization.objects.only("id", "hsds_id"), ids).items()
        }

    def place_from_zip(self, hsds_ids) -> None:
        """Give ZIP-only locations the centre of their ZIP code, so distances can be shown."""
        hsds_ids = list(hsds_ids)
        for start in range(0, len(hsds_ids), BATCH_SIZE):
            unplaced = Location.objects.filter(
                hsds_id__in=hsds_ids[start : start + BATCH_SIZE],
                latitude__isnull=True,
                longitude__isnull=True,
            ).exclude(postal_code="")
            placed = [obj for obj in unplaced if location_position_fill(location=obj)]
            Location.objects.bulk_update(placed, ["latitude", "longitude"])

    def locations(self, organization_pks: dict) -> dict[uuid.UUID, int]:
        records = self.batch.locations
        existing = by_hsds_id(Location.objects.all(), records)
        creating, updating, fields = [], [], set()
        for record in records.values():
            values = dict(record.values)
            if record.organization_id:
                if record.organization_id in organization_pks:
                    values["organization_id"] = organization_pks[record.organization_id]
                else:
                    self.report.warnings.append(
                        Problem(
                            record.where.at("organization_id"),
                            f"organization {record.organization_id} is unknown; not linked",
                        )
                    )
            obj = existing.get(record.hsds_id)
            if obj is None:
                obj = Location(hsds_id=record.hsds_id)
                self.assign(obj, record.text, values, creating=True)
                creating.append(obj)
                continue
            changed = self.assign(obj, record.text, values, creating=False)
            if changed:
                obj.updated_at = self.now
                fields |= changed | {"updated_at"}
                updating.append(obj)
            else:
                self.report.unchanged["locations"] += 1
        self.save(Location, creating, updating, fields, "locations")
        self.place_from_zip(records)
        ids = set(records)
        for record in self.batch.services.values():
            ids |= {link.location_id for link in record.service_locations or []}
            ids |= {hours.location_id for hours in record.hours or [] if hours.location_id}
        return {
            hsds_id: obj.pk
            for hsds_id, obj in by_hsds_id(Location.objects.only("id", "hsds_id"), ids).items()
        }

    def services(self, organization_pks: dict, existing: dict) -> dict[uuid.UUID, int]:
        records = self.batch.services
        creating, updating, fields = [], [], set()
        touched: set[int] = set()
        for record in records.values():
            values = dict(record.values)
            if record.organization_id:
                values["organization_id"] = organization_pks[record.organization_id]
            if "last_verified_at" in values and (obj := existing.get(record.hsds_id)):
                old, new = obj.last_verified_at, values["last_verified_at"]
                if old and new and timezone.localdate(old) == timezone.localdate(new):
                    del values["last_verified_at"]
            obj = existing.get(record.hsds_id)
            creating_now = obj is None
            if creating_now:
                obj = Resource(hsds_id=record.hsds_id)
            changed = self.assign(obj, record.text, values, creating=creating_now)
            short = self.localized("short_description")
            derived = not getattr(obj, short) and short_description_from(
                getattr(obj, self.localized("description")) or "",
                getattr(obj, self.localized("name")) or "",
            )
            if derived:  # never an empty line: a translation without name nor description
                setattr(obj, short, derived)
                changed |= {short, "short_description"}
                english = self.localized("short_description", "en")
                if not getattr(obj, english):
                    setattr(obj, english, getattr(obj, short))
                    changed.add(english)
            if creating_now:
                creating.append(obj)
            elif changed:
                fields |= changed
                updating.append(obj)
                touched.add(obj.pk)
            else:
                self.report.unchanged["services"] += 1
        self.save(Resource, creating, updating, fields, "services")
        pks = {
            hsds_id: obj.pk
            for hsds_id, obj in by_hsds_id(Resource.objects.only("id", "hsds_id"), records).items()
        }
        self.touched = touched
        return pks

    # Children -------------------------------------------------------------------------------------

    def service_categories(self, resource_pks: dict, categories: dict) -> None:
        by_slug = {category.slug: category for category in categories.values()}
        through = Resource.categories.through
        wanted: dict[int, set[int]] = {}
        for record in self.batch.services.values():
            if record.category_refs is None:
                continue
            pks = set()
            for term_id, code in record.category_refs:
                category = categories.get(term_id) or by_slug.get(slugify(code))
                if category is None:
                    self.report.warnings.append(
                        Problem(
                            record.where.at("attributes"),
                            f"taxonomy term {term_id or code} matches no category; not linked",
                        )
                    )
                else:
                    pks.add(category.pk)
            if pks:
                wanted[resource_pks[record.hsds_id]] = pks
        current: dict[int, set[int]] = defaultdict(set)
        for chunk in chunks(list(wanted)):
            for resource_id, category_id in through.objects.filter(
                resource_id__in=chunk
            ).values_list("resource_id", "category_id"):
                current[resource_id].add(category_id)
        new_rows, stale = [], []
        for resource_id, pks in wanted.items():
            if pks == current[resource_id]:
                self.report.unchanged["service_categories"] += 1
                continue
            self.touched.add(resource_id)
            new_rows += [
                through(resource_id=resource_id, category_id=pk)
                for pk in pks - current[resource_id]
            ]
            stale += [(resource_id, pk) for pk in current[resource_id] - pks]
        through.objects.bulk_create(new_rows, batch_size=BATCH_SIZE)
        for resource_id, category_id in stale:
            through.objects.filter(resource_id=resource_id, category_id=category_id).delete()
        self.report.created["service_categories"] += len(new_rows)
        self.report.deleted["service_categories"] += len(stale)

    def service_locations(self, resource_pks: dict, location_pks: dict) -> None:
        records = [r for r in self.batch.services.values() if r.service_locations is not None]
        resource_ids = [resource_pks[r.hsds_id] for r in records]
        current: dict[int, dict[int, ResourceLocation]] = defaultdict(dict)
        for chunk in chunks(resource_ids):
            for link in ResourceLocation.objects.filter(resource_id__in=chunk):
                current[link.resource_id][link.location_id] = link
        wanted_ids = [link.hsds_id for r in records for link in r.service_locations]
        taken = {
            hsds_id: (link.resource_id, link.location_id)
            for hsds_id, link in by_hsds_id(ResourceLocation.objects.all(), wanted_ids).items()
        }
        creating, updating, deleting = [], [], []
        for record in records:
            resource_id = resource_pks[record.hsds_id]
            wanted: dict[int, uuid.UUID] = {}
            for link in record.service_locations:
                location_id = location_pks.get(link.location_id)
                if location_id is None:
                    self.report.warnings.append(
                        Problem(
                            record.where.at("service_at_locations"),
                            f"location {link.location_id} is unknown; not linked",
                        )
                    )
                    continue
                wanted.setdefault(location_id, link.hsds_id)
            for order, (location_id, hsds_id) in enumerate(wanted.items()):
                owner = taken.get(hsds_id)
                if owner is not None and owner != (resource_id, location_id):
                    hsds_id = uuid.UUID(derived_id(record.hsds_id, "service_at_location", hsds_id))
                taken[hsds_id] = (resource_id, location_id)
                existing = current[resource_id].get(location_id)
                if existing is None:
                    creating.append(
                        ResourceLocation(
                            hsds_id=hsds_id,
                            resource_id=resource_id,
                            location_id=location_id,
                            sort_order=order,
                        )
                    )
                    self.touched.add(resource_id)
                elif existing.hsds_id != hsds_id or existing.sort_order != order:
                    existing.hsds_id, existing.sort_order = hsds_id, order
                    updating.append(existing)
                else:
                    self.report.unchanged["service_at_locations"] += 1
            if not record.links_additive:
                for location_id, link in current[resource_id].items():
                    if location_id not in wanted:
                        deleting.append(link.pk)
                        self.touched.add(resource_id)
        for chunk in chunks(deleting):
            ResourceLocation.objects.filter(pk__in=chunk).delete()
        self.report.deleted["service_at_locations"] += len(deleting)
        self.save(
            ResourceLocation, creating, updating, {"hsds_id", "sort_order"}, "service_at_locations"
        )

    def phones(self, resource_pks: dict) -> None:
        records = [r for r in self.batch.services.values() if r.phones is not None]
        resource_ids = [resource_pks[r.hsds_id] for r in records]
        current: dict[int, dict[uuid.UUID, Phone]] = defaultdict(dict)
        for chunk in chunks(resource_ids):
            for phone in Phone.objects.filter(resource_id__in=chunk):
                current[phone.resource_id][phone.hsds_id] = phone
        wanted_ids = [phone.hsds_id for r in records for phone in r.phones]
        taken = {
            hsds_id: phone.resource_id
            for hsds_id, phone in by_hsds_id(
                Phone.objects.only("id", "hsds_id", "resource_id"), wanted_ids
            ).items()
        }
        creating, updating, deleting, fields = [], [], [], set()
        for record in records:
            resource_id = resource_pks[record.hsds_id]
            kept = set()
            for order, phone_record in enumerate(record.phones):
                hsds_id = phone_record.hsds_id
                if taken.get(hsds_id, resource_id) != resource_id:
                    # The same phone id under another service: HSDS shares phones, we do not.
                    hsds_id = uuid.UUID(derived_id(record.hsds_id, "phone", hsds_id))
                taken[hsds_id] = resource_id
                kept.add(hsds_id)
                values = {**phone_record.values, "sort_order": order}
                phone = current[resource_id].get(hsds_id)
                if phone is None:
                    phone = Phone(hsds_id=hsds_id, resource_id=resource_id)
                    self.assign(phone, phone_record.text, values, creating=True)
                    creating.append(phone)
                    self.touched.add(resource_id)
                    continue
                changed = self.assign(phone, phone_record.text, values, creating=False)
                if changed:
                    fields |= changed
                    updating.append(phone)
                    self.touched.add(resource_id)
                else:
                    self.report.unchanged["phones"] += 1
            for hsds_id, phone in current[resource_id].items():
                if hsds_id not in kept:
                    deleting.append(phone.pk)
                    self.touched.add(resource_id)
        for chunk in chunks(deleting):
            Phone.objects.filter(pk__in=chunk).delete()
        self.report.deleted["phones"] += len(deleting)
        self.save(Phone, creating, updating, fields, "phones")

    def opening_hours(self, resource_pks: dict, location_pks: dict) -> None:
        """Weekly rows replace the stored ones, per service, when they differ."""
        records = [r for r in self.batch.services.values() if r.hours is not None]
        resource_ids = [resource_pks[r.hsds_id] for r in records]
        current: dict[int, list] = defaultdict(list)
        for chunk in chunks(resource_ids):
            for row in OpeningHours.objects.filter(resource_id__in=chunk).values_list(
                "pk", "resource_id", "weekday", "opens_at", "closes_at", "location_id"
            ):
                current[row[1]].append(row)
        creating, deleting = [], []
        for record in records:
            resource_id = resource_pks[record.hsds_id]
            rows = {}
            for hours in record.hours:
                location_id = location_pks.get(hours.location_id) if hours.location_id else None
                key = (hours.weekday, hours.opens_at, hours.closes_at, location_id)
                rows.setdefault(key, hours.schedule_id)
            old = current[resource_id]
            if sorted(rows, key=str) == sorted((row[2:] for row in old), key=str):
                self.report.unchanged["opening_hours"] += len(old)
                continue
            self.touched.add(resource_id)
            deleting += [row[0] for row in old]
            for order, ((weekday, opens_at, closes_at, location_id), schedule_id) in enumerate(
                rows.items()
            ):
                creating.append(
                    OpeningHours(
                        hsds_id=derived_id(
                            record.hsds_id, "hours", schedule_id, weekday, location_id
                        ),
                        resource_id=resource_id,
                        location_id=location_id,
                        weekday=weekday,
                        opens_at=opens_at,
                        closes_at=closes_at,
                        sort_order=order,
                    )
                )
        for chunk in chunks(deleting):
            OpeningHours.objects.filter(pk__in=chunk).delete()
        self.report.deleted["opening_hours"] += len(deleting)
        self.save(OpeningHours, creating, [], set(), "opening_hours")
