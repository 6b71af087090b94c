"""The HSDS tabular form: one CSV per table (a datapackage folder) or ``tabular.json``.

Rows are assembled into the nested objects of the JSON form (a service with its phones, schedules,
service_at_locations...) so one reader (``reader.HsdsReader``) handles both. Each assembled object
remembers its file and row, so a problem is reported as ``services.csv, row 3, field status``.
Row numbers count the header as row 1, as a spreadsheet shows them.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .problems import SOURCE_KEY, Problems, Where

if TYPE_CHECKING:
    from .files import DataFolder

Row = dict[str, Any]
Table = list[Row]

# Tables that carry nothing the directory stores; read (so a bad row is still reported) and counted.
IGNORED_TABLES = (
    "contacts",
    "funding",
    "programs",
    "metadata",
    "meta_table_descriptions",
    "organization_identifiers",
    "taxonomies",
)
TABLE_ALIASES = {"service_at_locations": "service_at_location", "address": "addresses"}


def table_name(file_name: str) -> str:
    name = Path(file_name).name.removesuffix(".csv")
    return TABLE_ALIASES.get(name, name)


def read_folder(folder: Path, problems: Problems, data_folder: DataFolder) -> dict[str, Table]:
    """The CSV files of a datapackage folder, found through ``datapackage.json`` when it lists them.

    The official example's ``datapackage.json`` is a dangling link to the specification's own
    descriptor, so a descriptor that cannot be read falls back to the standard HSDS file names.
    ``data_folder`` (``files.DataFolder``) refuses any file outside the folder or too large.
    """
    paths: dict[str, Path] = {}
    descriptor = folder / "datapackage.json"
    if descriptor.is_file() and data_folder.admit(descriptor):
        try:
            package = json.loads(descriptor.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError):
            package = None
            problems.warn(
                Where(descriptor.name),
                "not a readable data package descriptor; reading the CSV files by their HSDS names",
            )
        for resource in (package or {}).get("resources", []) if isinstance(package, dict) else []:
            path = resource.get("path") if isinstance(resource, dict) else None
            if isinstance(path, str) and "://" not in path:
                inside = data_folder.inside(path)
                if inside is not None and (inside.is_file() or inside.is_symlink()):
                    paths[table_name(resource.get("name") or path)] = inside
    for path in sorted(folder.glob("*.csv")):
        paths.setdefault(table_name(path.name), path)
    tables = {}
    for name, path in paths.items():
        if data_folder.admit(path):
            tables[name] = read_csv(path, problems)
    return tables


def read_csv(path: Path, problems: Problems) -> Table:
    rows = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            for number, row in enumerate(reader, start=2):
                where = Where(path.name, f"row {number}")
                if None in row:
                    problems.error(where, "the row has more cells than the header has columns")
                    continue
                row = {key.strip(): value for key, value in row.items() if key}
                row[SOURCE_KEY] = where
                rows.append(row)
    except UnicodeDecodeError as exc:
        problems.error(Where(path.name), f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    except csv.Error as exc:
        problems.error(Where(path.name), f"not valid CSV: {exc}")
    return rows


def read_tabular_json(data: dict, file_name: str, problems: Problems) -> dict[str, Table]:
    """``tabular.json``: ``{"services.csv": [row, ...], ...}``."""
    tables = {}
    for key, rows in data.items():
        if not isinstance(rows, list):
            problems.error(Where(file_name, key), "expected a list of rows")
            continue
        table = []
        for index, row in enumerate(rows):
            where = Where(file_name, f"{key} row {index + 2}")
            if not isinstance(row, dict):
                problems.error(where, "expected an object")
                continue
            table.append({**row, SOURCE_KEY: where})
        tables[table_name(key)] = table
    return tables


def looks_tabular(data: Any) -> bool:
    return isinstance(data, dict) and bool(data) and all(str(k).endswith(".csv") for k in data)


def _report_duplicate_ids(table: Table, problems: Problems) -> None:
    """Two rows of one table with the same id are an error: which one would be meant?"""
    first: dict[str, Where] = {}
    for row in table:
        value = str(row.get("id") or "").strip()
        if not value:
            continue
        if value in first:
            problems.error(
                Where(row[SOURCE_KEY].file, row[SOURCE_KEY].record, "id"),
                f"id {value} is also in {first[value].record}",
            )
        else:
            first[value] = row[SOURCE_KEY]


def _by(table: Table, key: str) -> dict[str, Table]:
    grouped: dict[str, Table] = defaultdict(list)
    for row in table:
        value = row.get(key)
        if value:
            grouped[str(value).strip()].append(row)
    return grouped


def _clean(row: Row, *drop: str) -> Row:
    return {key: value for key, value in row.items() if key not in drop}


def assemble(tables: dict[str, Table], problems: Problems) -> dict[str, list[Row]]:
    """Nest the tables: ``{"organizations": [...], "locations": [...], "services": [...],
    "taxonomy_terms": [...]}``, each object carrying its source."""
    for rows in tables.values():
        _report_duplicate_ids(rows, problems)
    languages = tables.get("languages", [])
    languages_by_service = _by(languages, "service_id")
    languages_by_phone = _by(languages, "phone_id")
    terms_by_id = {str(row.get("id", "")).strip(): row for row in tables.get("taxonomy_terms", [])}

    def phone(row: Row) -> Row:
        result = _clean(row, "location_id", "organization_id", "contact_id")
        if "languages" in tables:
            result["languages"] = languages_by_phone.get(str(row.get("id", "")).strip(), [])
        return result

    locations = []
    addresses = _by(tables.get("addresses", []), "location_id")
    accessibility = _by(tables.get("accessibility", []), "location_id")
    for row in tables.get("locations", []):
        location = dict(row)
        location_id = str(row.get("id", "")).strip()
        if "addresses" in tables:
            location["addresses"] = addresses.get(location_id, [])
        if "accessibility" in tables:
            location["accessibility"] = accessibility.get(location_id, [])
        locations.append(location)

    service_ids = {str(row.get("id", "")).strip() for row in tables.get("services", [])}
    links_by_service = _by(tables.get("service_at_location", []), "service_id")
    service_of_link = {
        str(row.get("id", "")).strip(): str(row.get("service_id", "")).strip()
        for row in tables.get("service_at_location", [])
    }
    phones_by_service: dict[str, Table] = defaultdict(list)
    phones_by_link: dict[str, Table] = defaultdict(list)
    for row in tables.get("phones", []):
        link_id = str(row.get("service_at_location_id") or "").strip()
        service_id = str(row.get("service_id") or "").strip()
        if link_id and service_of_link.get(link_id) in service_ids and not service_id:
            phones_by_link[link_id].append(row)
        elif service_id:
            phones_by_service[service_id].append(row)
    schedules_by_service: dict[str, Table] = defaultdict(list)
    schedules_by_link: dict[str, Table] = defaultdict(list)
    for row in tables.get("schedules", []):
        link_id = str(row.get("service_at_location_id") or "").strip()
        service_id = str(row.get("service_id") or "").strip()
        if link_id and service_of_link.get(link_id) in service_ids:
            schedules_by_link[link_id].append(row)
        elif service_id:
            schedules_by_service[service_id].append(row)
    attributes_by_link = _by(tables.get("attributes", []), "link_id")
    per_service = {
        "required_documents": _by(tables.get("required_documents", []), "service_id"),
        "cost_options": _by(tables.get("cost_options", []), "service_id"),
        "service_areas": _by(tables.get("service_areas", []), "service_id"),
    }

    for _name, grouped in (
        ("phones", phones_by_service),
        ("schedules", schedules_by_service),
        ("required_documents", per_service["required_documents"]),
        ("cost_options", per_service["cost_options"]),
        ("service_areas", per_service["service_areas"]),
        ("service_at_location", links_by_service),
    ):
        for service_id, rows in grouped.items():
            if service_id not in service_ids:
                for row in rows:
                    problems.warn(
                        row[SOURCE_KEY].at("service_id"),
                        f"service {service_id} is not in services.csv; row skipped",
                    )

    services = []
    for row in tables.get("services", []):
        service = dict(row)
        service_id = str(row.get("id", "")).strip()
        if "phones" in tables:
            service["phones"] = [phone(p) for p in phones_by_service.get(service_id, [])]
        if "schedules" in tables:
            service["schedules"] = schedules_by_service.get(service_id, [])
        if "languages" in tables:
            service["languages"] = languages_by_service.get(service_id, [])
        for name, grouped in per_service.items():
            if name in tables:
                service[name] = grouped.get(service_id, [])
        if "attributes" in tables:
            service["attributes"] = [
                {
                    **attribute,
                    **(
                        {"taxonomy_term": terms_by_id[term_id]}
                        if (term_id := str(attribute.get("taxonomy_term_id") or "").strip())
                        in terms_by_id
                        else {}
                    ),
                }
                for attribute in attributes_by_link.get(service_id, [])
            ]
        if "service_at_location" in tables:
            service["service_at_locations"] = [
                {
                    **link,
                    **(
                        {"phones": [phone(p) for p in phones_by_link.get(link_id, [])]}
                        if (link_id := str(link.get("id", "")).strip()) in phones_by_link
                        else {}
                    ),
                    **(
                        {"schedules": schedules_by_link[link_id]}
                        if link_id in schedules_by_link
                        else {}
                    ),
                }
                for link in links_by_service.get(service_id, [])
            ]
        services.append(service)

    return {
        "taxonomy_terms": tables.get("taxonomy_terms", []),
        "organizations": tables.get("organizations", []),
        "locations": locations,
        "services": services,
    }
