"""Reading a path into a batch: a JSON file, a folder of JSON files, or a CSV datapackage.

JSON files hold HSDS objects (one, a list, or a paged ``contents`` list); the file name hints at
the object when its fields do not tell (``services.json``). A folder with ``datapackage.json`` or
CSV files, and a ``tabular.json``, are assembled into nested objects first (``tabular``). Nothing
is written; every problem is collected with its file, record or row, and field.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import tabular
from .problems import Invalid, Problems, Where
from .reader import HsdsReader
from .records import Batch


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
