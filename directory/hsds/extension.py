"""``x_pet_support``: what a listing holds that HSDS 3.0 has no field for, read on import (and
written on export: ``documents.extension_to_hsds``).

HSDS 3.0 has no field for the line a listing card shows, the animals served, a confidential
address, residency limits, a radius of service, other requirements or temporary closures. A service
document may carry them in one extra object (HSDS allows extra fields; the schema still validates):

    "x_pet_support": {
      "short_description": "...",                  text in the file's language (``language=``)
      "other_requirements": "...",                 text in the file's language
      "species": ["dog", "cat"],
      "confidential_address": true,
      "residency_zip_codes": "95814 95815",
      "service_area_radius_miles": 10,
      "closures": [{"start_date": "2026-12-24", "end_date": "2026-12-26", "reason": "..."}]
    }

Every key is optional and, as everywhere in the mapping, an absent key leaves the stored value
alone. ``closures``, when present, replaces the service's temporary closures; closures are matched
on their dates, so a file in another language adds its reasons to the same closures.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from modeltranslation.utils import build_localized_fieldname

from ..models import Closure, Resource
from ..vocabulary import Species
from .model_rules import is_valid
from .problems import Where
from .records import ClosureRecord, ServiceRecord
from .values import _type_name

if TYPE_CHECKING:
    from .reader import HsdsReader

EXTENSION_KEY = "x_pet_support"
SPECIES = set(Species.values)
CHUNK = 900  # ids per IN (...) query, below SQLite's oldest variable limit


def extension_read(reader: HsdsReader, value: Any, where: Where, record: ServiceRecord) -> None:
    """Read ``x_pet_support`` into the service record (problems reported as for any field;
    lengths and formats are the model's)."""
    if not isinstance(value, dict):
        reader.problems.error(where, f"expected an object, got {_type_name(value)}")
        return
    for key in ("short_description", "other_requirements"):
        if key in value:
            text = reader._guard(reader.text, value[key], where.at(key))
            if text is not None:
                record.text[key] = reader.fit(text, where.at(key), Resource, key)
    if "species" in value:
        species = value["species"]
        if not isinstance(species, list) or not all(isinstance(code, str) for code in species):
            reader.problems.error(where.at("species"), "expected a list of species codes")
        elif unknown := sorted(set(species) - SPECIES):
            reader.problems.error(
                where.at("species"),
                f"unknown species {', '.join(unknown)} (expected: {', '.join(Species.values)})",
            )
        else:
            record.values["species"] = list(dict.fromkeys(species))
    if "confidential_address" in value:
        if isinstance(value["confidential_address"], bool):
            record.values["confidential_address"] = value["confidential_address"]
        else:
            reader.problems.error(where.at("confidential_address"), "expected true or false")
    if "residency_zip_codes" in value:
        zips = reader._guard(
            reader.text, value["residency_zip_codes"], where.at("residency_zip_codes")
        )
        if zips and not is_valid(Resource, "residency_zip_codes", zips):
            reader.problems.error(
                where.at("residency_zip_codes"), "expected five-digit ZIP codes, space-separated"
            )
        elif zips is not None:
            record.values["residency_zip_codes"] = " ".join(zips.replace(",", " ").split())
    if "service_area_radius_miles" in value:
        radius = reader._guard(
            reader.number, value["service_area_radius_miles"], where.at("service_area_radius_miles")
        )
        if radius is not None and not 0 <= radius <= 32767:
            reader.problems.error(
                where.at("service_area_radius_miles"), f"{radius:g} is not a radius"
            )
        elif radius is not None or value["service_area_radius_miles"] in (None, ""):
            record.values["service_area_radius_miles"] = None if radius is None else round(radius)
    if "closures" in value:
        record.closures = _closures(reader, value["closures"], where.at("closures"))


def _closures(reader: HsdsReader, value: Any, where: Where) -> list[ClosureRecord] | None:
    items = reader._guard(reader.objects, value, where)
    if items is None:
        return None
    closures = []
    for item, item_where in items:
        start = reader._guard(reader.date, item.get("start_date"), item_where.at("start_date"))
        end = reader._guard(reader.date, item.get("end_date"), item_where.at("end_date"))
        if not (item.get("start_date") and item.get("end_date")):
            reader.problems.error(item_where, "a closure needs its start_date and end_date")
            continue
        if start is None or end is None:
            continue
        if end < start:
            reader.problems.error(item_where.at("end_date"), "the closure ends before it starts")
            continue
        closure = ClosureRecord(start, end)
        if "reason" in item:
            reason = reader._guard(reader.text, item["reason"], item_where.at("reason"))
            if reason is not None:
                closure.text["reason"] = reader.fit(
                    reason, item_where.at("reason"), Closure, "reason"
                )
        closures.append(closure)
    return closures


def closures_write(*, records, resource_pks: dict, language: str, report, touched: set) -> None:
    """Replace the closures of each service whose document lists them (see the module docstring).

    Reasons are written in ``language``; a closure created from another language gets the same
    reason in English too, as English is what visitors fall back to.
    """
    records = [record for record in records if record.closures is not None]
    resource_ids = [resource_pks[record.hsds_id] for record in records]
    current: dict[int, dict[tuple, Closure]] = defaultdict(dict)
    for start in range(0, len(resource_ids), CHUNK):
        for closure in Closure.objects.filter(resource_id__in=resource_ids[start : start + CHUNK]):
            current[closure.resource_id][(closure.start_date, closure.end_date)] = closure
    reason = build_localized_fieldname("reason", language)
    english = build_localized_fieldname("reason", "en")
    creating, updating, deleting = [], [], []
    for record in records:
        resource_id = resource_pks[record.hsds_id]
        wanted = {(item.start_date, item.end_date): item for item in record.closures}
        for (start_date, end_date), item in wanted.items():
            text = item.text.get("reason")
            closure = current[resource_id].get((start_date, end_date))
            if closure is None:
                closure = Closure(resource_id=resource_id, start_date=start_date, end_date=end_date)
                if text:
                    setattr(closure, reason, text)
                    if not getattr(closure, english):
                        setattr(closure, english, text)
                creating.append(closure)
                touched.add(resource_id)
            elif text is not None and (getattr(closure, reason) or "") != text:
                setattr(closure, reason, text)
                updating.append(closure)
                touched.add(resource_id)
            else:
                report.unchanged["closures"] += 1
        for dates, closure in current[resource_id].items():
            if dates not in wanted:
                deleting.append(closure.pk)
                touched.add(resource_id)
    for start in range(0, len(deleting), CHUNK):
        Closure.objects.filter(pk__in=deleting[start : start + CHUNK]).delete()
    Closure.objects.bulk_create(creating, batch_size=500)
    if updating:
        Closure.objects.bulk_update(updating, [reason], batch_size=500)
    for counter, rows in (
        (report.created, creating),
        (report.updated, updating),
        (report.deleted, deleting),
    ):
        if rows:
            counter["closures"] += len(rows)
