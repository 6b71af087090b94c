"""``hsds_import``: HSDS 3.0 files into the directory, in one transaction, idempotently.

Two steps. Reading (``hsds_read``) parses every file into a ``Batch`` of plain records and collects
every problem with its file, record or row, and field; it writes nothing. Only when nothing is wrong
does writing start, inside one transaction: records are matched on ``hsds_id`` (categories also on
``code == slug``), so a re-import updates instead of duplicating, and rows are written with bulk
queries (10k services import in seconds, see ``bench/hsds_import.py``). A dry run writes the same
way and rolls back, so its counts are exact.

Bulk queries send no ``post_save`` signals: the anonymous page cache and any search index are not
told. ``hsds_imported`` is sent after a real import commits, for whoever needs to refresh.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, transaction
from django.dispatch import Signal
from django.utils import timezone, translation
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
from . import tabular
from .extension import closures_write
from .mapping import (
    TEXT_FIELDS,
    Batch,
    HsdsReader,
    Invalid,
    Problem,
    Problems,
    Where,
    derived_id,
    short_description_from,
)

hsds_imported = Signal()  # sent with report=ImportReport after a real import commits

BATCH_SIZE = 500
CHUNK = 900  # ids per IN (...) query, below SQLite's oldest variable limit

KINDS = (
    ("categories", "taxonomy terms (categories)"),
    ("organizations", "organizations"),
    ("locations", "locations"),
    ("services", "services (resources)"),
    ("service_at_locations", "service_at_locations"),
    ("phones", "phones"),
    ("opening_hours", "opening hours"),
    ("closures", "temporary closures"),
    ("service_categories", "service categories"),
)


@dataclass
class ImportReport:
    path: str
    dry_run: bool = False
    language: str = "en"
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    ignored: Counter = field(default_factory=Counter)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    resource_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> list[str]:
        if self.errors:
            return [
                f"{len(self.errors)} problem(s) in {self.path}; nothing was imported:",
                *(f"  {problem}" for problem in self.errors),
            ]
        verb = ("would be " if self.dry_run else "") + "{}"
        lines = [("Dry run, nothing written: " if self.dry_run else "Imported ") + self.path]
        for key, label in KINDS:
            counts = [
                verb.format(f"{self.created[key]} created") if self.created[key] else "",
                verb.format(f"{self.updated[key]} updated") if self.updated[key] else "",
                verb.format(f"{self.deleted[key]} deleted") if self.deleted[key] else "",
                f"{self.unchanged[key]} unchanged" if self.unchanged[key] else "",
            ]
            counts = [count for count in counts if count]
            if counts:
                lines.append(f"  {label}: {', '.join(counts)}")
        if self.ignored:
            ignored = ", ".join(f"{count} {kind}" for kind, count in sorted(self.ignored.items()))
            lines.append(f"  not stored by the directory: {ignored}")
        return lines


# --- Reading --------------------------------------------------------------------------------------


def _hint(file_name: str) -> str:
    stem = Path(file_name).stem.lower()
    for prefix in (
        "service_at_location",
        "taxonomy_term",
        "taxonomy",
        "organization",
        "location",
        "service",
    ):
        if stem.startswith(prefix):
            return prefix
    return ""


def hsds_read(*, path: Path, batch: Batch, problems: Problems) -> None:
    """Parse ``path`` (a JSON file, a datapackage folder, or a folder of JSON files)."""
    reader = HsdsReader(batch=batch, problems=problems)
    if path.is_file() and path.name == "datapackage.json":
        path = path.parent
    if path.is_dir():
        if (path / "datapackage.json").exists() or any(path.glob("*.csv")):
            _read_tables(tabular.read_folder(path, problems), reader, problems, batch)
            return
        files = sorted(path.glob("*.json"))
        if not files:
            problems.error(Where(path.name), "no HSDS files (JSON, or CSV with datapackage.json)")
        for file in files:
            _read_json_file(file, reader, problems, batch)
        return
    if not path.exists():
        problems.error(Where(str(path)), "no such file or folder")
        return
    _read_json_file(path, reader, problems, batch)


def _read_json_file(path: Path, reader: HsdsReader, problems: Problems, batch: Batch) -> None:
    where = Where(path.name)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        problems.error(where, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
        return
    except json.JSONDecodeError as exc:
        problems.error(where, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})")
        return
    if tabular.looks_tabular(data):
        _read_tables(tabular.read_tabular_json(data, path.name, problems), reader, problems, batch)
    else:
        reader.read_document(data, where, hint=_hint(path.name))


def _read_tables(tables, reader: HsdsReader, problems: Problems, batch: Batch) -> None:
    nested = tabular.assemble(tables, problems)
    for name, read in (
        ("taxonomy_terms", reader.taxonomy_term),
        ("organizations", reader.organization),
        ("locations", reader.location),
        ("services", reader.service),
    ):
        for obj in nested[name]:
            try:
                read(obj, obj[tabular.SOURCE_KEY])
            except Invalid:
                pass
    for name in tabular.IGNORED_TABLES:
        if tables.get(name):
            batch.ignored[name] += len(tables[name])


# --- Writing --------------------------------------------------------------------------------------


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _by_hsds_id(queryset, ids: Iterable[uuid.UUID]) -> dict:
    found = {}
    for chunk in _chunks(list(ids)):
        found.update({obj.hsds_id: obj for obj in queryset.filter(hsds_id__in=chunk)})
    return found


class _Writer:
    def __init__(self, *, batch: Batch, report: ImportReport, language: str):
        self.batch = batch
        self.report = report
        self.language = language
        self.now = timezone.now()

    def localized(self, name: str, language: str | None = None) -> str:
        return build_localized_fieldname(name, language or self.language)

    def assign(self, obj, model: str, text: dict, values: dict, *, creating: bool) -> set[str]:
        """Set the record's fields on ``obj``; the names of the fields that changed."""
        changed = set()
        for name, value in text.items():
            if name not in TEXT_FIELDS[model]:
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
            changed = self.assign(category, "category", record.text, {}, creating=creating)
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
        base = (slugify(record.code) or slugify(record.text.get("name", "")) or "term")[:72]
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug

    def organizations(self) -> dict[uuid.UUID, int]:
        records = self.batch.organizations
        existing = _by_hsds_id(Organization.objects.all(), records)
        creating, updating, fields = [], [], set()
        for record in records.values():
            obj = existing.get(record.hsds_id)
            if obj is None:
                obj = Organization(hsds_id=record.hsds_id)
                self.assign(obj, "organization", record.text, record.values, creating=True)
                creating.append(obj)
                continue
            changed = self.assign(obj, "organization", record.text, record.values, creating=False)
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
            for hsds_id, obj in _by_hsds_id(Organization.objects.only("id", "hsds_id"), ids).items()
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
        existing = _by_hsds_id(Location.objects.all(), records)
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
                self.assign(obj, "location", record.text, values, creating=True)
                creating.append(obj)
                continue
            changed = self.assign(obj, "location", record.text, values, creating=False)
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
            for hsds_id, obj in _by_hsds_id(Location.objects.only("id", "hsds_id"), ids).items()
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
            changed = self.assign(obj, "resource", record.text, values, creating=creating_now)
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
            for hsds_id, obj in _by_hsds_id(Resource.objects.only("id", "hsds_id"), records).items()
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
        for chunk in _chunks(list(wanted)):
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
        for chunk in _chunks(resource_ids):
            for link in ResourceLocation.objects.filter(resource_id__in=chunk):
                current[link.resource_id][link.location_id] = link
        wanted_ids = [link.hsds_id for r in records for link in r.service_locations]
        taken = {
            hsds_id: (link.resource_id, link.location_id)
            for hsds_id, link in _by_hsds_id(ResourceLocation.objects.all(), wanted_ids).items()
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
        for chunk in _chunks(deleting):
            ResourceLocation.objects.filter(pk__in=chunk).delete()
        self.report.deleted["service_at_locations"] += len(deleting)
        self.save(
            ResourceLocation, creating, updating, {"hsds_id", "sort_order"}, "service_at_locations"
        )

    def phones(self, resource_pks: dict) -> None:
        records = [r for r in self.batch.services.values() if r.phones is not None]
        resource_ids = [resource_pks[r.hsds_id] for r in records]
        current: dict[int, dict[uuid.UUID, Phone]] = defaultdict(dict)
        for chunk in _chunks(resource_ids):
            for phone in Phone.objects.filter(resource_id__in=chunk):
                current[phone.resource_id][phone.hsds_id] = phone
        wanted_ids = [phone.hsds_id for r in records for phone in r.phones]
        taken = {
            hsds_id: phone.resource_id
            for hsds_id, phone in _by_hsds_id(
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
                    self.assign(phone, "phone", phone_record.text, values, creating=True)
                    creating.append(phone)
                    self.touched.add(resource_id)
                    continue
                changed = self.assign(phone, "phone", phone_record.text, values, creating=False)
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
        for chunk in _chunks(deleting):
            Phone.objects.filter(pk__in=chunk).delete()
        self.report.deleted["phones"] += len(deleting)
        self.save(Phone, creating, updating, fields, "phones")

    def opening_hours(self, resource_pks: dict, location_pks: dict) -> None:
        """Weekly rows replace the stored ones, per service, when they differ."""
        records = [r for r in self.batch.services.values() if r.hours is not None]
        resource_ids = [resource_pks[r.hsds_id] for r in records]
        current: dict[int, list] = defaultdict(list)
        for chunk in _chunks(resource_ids):
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
        for chunk in _chunks(deleting):
            OpeningHours.objects.filter(pk__in=chunk).delete()
        self.report.deleted["opening_hours"] += len(deleting)
        self.save(OpeningHours, creating, [], set(), "opening_hours")


def _check_references(batch: Batch, problems: Problems, existing_services: dict) -> None:
    """Every service needs an organization: in the import, or already in the directory."""
    wanted = {r.organization_id for r in batch.services.values() if r.organization_id}
    known = set(batch.organizations) | set(
        _by_hsds_id(Organization.objects.only("id", "hsds_id"), wanted - set(batch.organizations))
    )
    for record in batch.services.values():
        if record.organization_id and record.organization_id not in known:
            problems.error(
                record.where.at("organization_id"),
                f"organization {record.organization_id} is neither in the import nor in the "
                "directory",
            )
        elif not record.organization_id and record.hsds_id not in existing_services:
            problems.error(
                record.where.at("organization"),
                "a new service needs its organization (organization or organization_id)",
            )
        if "name" not in record.text and record.hsds_id not in existing_services:
            problems.error(record.where.at("name"), "required, but missing")


def hsds_import(*, path: Path, dry_run: bool = False, language: str = "en") -> ImportReport:
    """Import HSDS 3.0 data from ``path``; see the module docstring. Returns what was done.

    Nothing is written when any problem is found (``report.errors``), nor on a dry run.
    """
    path = Path(path)
    report = ImportReport(path=str(path), dry_run=dry_run, language=language)
    batch = Batch()
    problems = Problems(warnings=report.warnings, errors=report.errors)
    hsds_read(path=path, batch=batch, problems=problems)
    report.ignored.update(batch.ignored)
    if problems.errors:
        return report
    existing = _by_hsds_id(Resource.objects.all(), batch.services)
    _check_references(batch, problems, existing)
    if problems.errors:
        return report
    try:
        _write(batch=batch, report=report, language=language, existing=existing, dry_run=dry_run)
    except DatabaseError as exc:
        report.errors.append(Problem(Where(path.name), f"the database refused the data: {exc}"))
        _reset(report)
    if report.ok and not dry_run:
        transaction.on_commit(lambda: hsds_imported.send(sender=ImportReport, report=report))
    return report


def _reset(report: ImportReport) -> None:
    for counter in (report.created, report.updated, report.unchanged, report.deleted):
        counter.clear()
    report.resource_ids.clear()


@transaction.atomic
def _write(*, batch: Batch, report: ImportReport, language: str, existing: dict, dry_run: bool):
    with translation.override("en"):  # the untranslated columns hold the English text
        writer = _Writer(batch=batch, report=report, language=language)
        categories = writer.categories()
        organization_pks = writer.organizations()
        location_pks = writer.locations(organization_pks)
        resource_pks = writer.services(organization_pks, existing)
        writer.service_categories(resource_pks, categories)
        writer.service_locations(resource_pks, location_pks)
        writer.phones(resource_pks)
        writer.opening_hours(resource_pks, location_pks)
        closures_write(
            records=batch.services.values(),
            resource_pks=resource_pks,
            language=language,
            report=report,
            touched=writer.touched,
        )
        for chunk in _chunks(list(writer.touched)):
            Resource.objects.filter(pk__in=chunk).update(updated_at=writer.now)
        report.resource_ids[:] = sorted(resource_pks.values())
        for counter in (report.created, report.updated, report.unchanged, report.deleted):
            counter += Counter()  # in place: drops the zero counts
    if dry_run:
        transaction.set_rollback(True)
