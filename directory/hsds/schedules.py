"""HSDS schedules <-> opening hours, both ways.

Reading: ``freq=WEEKLY`` with ``byday``, ``opens_at`` and ``closes_at`` (interval 1) become
``OpeningHours`` rows; everything else (monthly rules, descriptions, notes) goes into the
listing's ``hours_notes`` as text. The same schedule id met twice (the official examples repeat
schedules under the service, its service_at_locations and their locations) counts once.

Writing: a listing's rows grouped into weekly rules (same place and times), plus the notes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from ..vocabulary import HSDS_WEEKDAYS
from .problems import Where
from .records import HoursRecord
from .values import ValueReader
from .vocabulary import derived_id


def schedules_read(
    values: ValueReader, sources: list[tuple[Any, Where, uuid.UUID | None]]
) -> tuple[list[HoursRecord], str]:
    hours: list[HoursRecord] = []
    notes: list[str] = []
    seen: set[str] = set()
    for value, where, location_id in sources:
        for item, item_where in values.objects(value, where):
            schedule_id = values._guard(values.uuid, item.get("id"), item_where.at("id"))
            key = str(schedule_id) if schedule_id else f"{item_where}"
            if key in seen:
                continue
            seen.add(key)
            result = values._guard(_schedule, values, item, item_where, key, location_id)
            if result is None:
                continue
            rows, lines = result
            hours.extend(rows)
            notes.extend(line for line in lines if line not in notes)
    return hours, "\n".join(notes)


def _schedule(
    values: ValueReader, obj: dict, where: Where, key: str, location_id: uuid.UUID | None
) -> tuple[list[HoursRecord], list[str]]:
    freq = values.text(obj.get("freq"), where.at("freq")).upper()
    byday = values.text(obj.get("byday"), where.at("byday")).upper()
    opens_at = values.time(obj.get("opens_at"), where.at("opens_at"))
    closes_at = values.time(obj.get("closes_at"), where.at("closes_at"))
    interval = values.number(obj.get("interval"), where.at("interval"))
    if location_id is None and obj.get("location_id"):
        location_id = values.uuid(obj["location_id"], where.at("location_id"))
    description = values.text(obj.get("description"), where.at("description"))
    note = values.text(obj.get("notes"), where.at("notes"))
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


def _time(value: dt.time) -> str:
    return value.strftime("%H:%M:%S")


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
        if location_hsds_id:
            schedule["location_id"] = location_hsds_id
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
