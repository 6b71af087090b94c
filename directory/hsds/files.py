"""Reading a path into a batch: a JSON file, a folder of JSON files, or a CSV datapackage.

JSON files hold HSDS objects (one, a list, or a paged ``contents`` list); the file name hints at
the object when its fields do not tell (``services.json``). A folder with ``datapackage.json`` or
CSV files, and a ``tabular.json``, are assembled into nested objects first (``tabular``). Nothing
is written; every problem is collected with its file, record or row, and field.

What an import reads is held in: no file outside the folder given (``../``, an absolute path in
``datapackage.json``, a link leading out: refused, ``DataFolder``), no file larger than
``MAX_FILE_BYTES`` nor more than ``MAX_TOTAL_BYTES`` in all, no JSON nested deeper than
``MAX_DEPTH``, and no ``NaN`` or ``Infinity`` (not JSON, and not a number a listing can hold).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import tabular
from .problems import Invalid, Problems, Where
from .reader import HsdsReader
from .records import Batch

MAX_FILE_BYTES = 64 * 2**20
MAX_TOTAL_BYTES = 256 * 2**20
MAX_DEPTH = 32  # HSDS's deepest nesting (an organization's service's location's address) is ~8


class DataFolder:
    """The folder an import may read from, and the bytes it has read: every file is checked to
    be inside it (after following links) and within the size limits before it is opened."""

    def __init__(self, root: Path, problems: Problems):
        self.root = root.resolve()
        self.problems = problems
        self.total = 0

    def admit(self, path: Path, *, shown: str | None = None) -> bool:
        """Whether ``path`` may be read; reports why not."""
        where = Where(shown or path.name)
        resolved = path.resolve()
        if resolved != self.root and self.root not in resolved.parents:
            self.problems.error(where, "refused: the path leads out of the data folder")
            return False
        if not resolved.is_file():
            self.problems.error(where, "no such file")
            return False
        size = resolved.stat().st_size
        if size > MAX_FILE_BYTES:
            self.problems.error(
                where, f"refused: larger than {MAX_FILE_BYTES // 2**20} MB ({size} bytes)"
            )
            return False
        self.total += size
        if self.total > MAX_TOTAL_BYTES:
            self.problems.error(
                where, f"refused: the files are larger than {MAX_TOTAL_BYTES // 2**20} MB in all"
            )
            return False
        return True

    def inside(self, relative: str) -> Path | None:
        """A path named in ``datapackage.json``, or None (reported) when it leaves the folder."""
        candidate = Path(relative)
        if candidate.is_absolute() or ".." in candidate.parts:
            self.problems.error(
                Where("datapackage.json"),
                f"refused: {relative!r} leads out of the data folder",
            )
            return None
        return self.root / candidate


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
        folder = DataFolder(path, problems)
        if (path / "datapackage.json").exists() or any(path.glob("*.csv")):
            _read_tables(tabular.read_folder(path, problems, folder), reader, problems, batch)
            return
        files = sorted(path.glob("*.json"))
        if not files:
            problems.error(Where(path.name), "no HSDS files (JSON, or CSV with datapackage.json)")
        for file in files:
            if folder.admit(file):
                _read_json_file(file, reader, problems, batch)
        return
    if not path.exists():
        problems.error(Where(str(path)), "no such file or folder")
        return
    if DataFolder(path.parent, problems).admit(path):
        _read_json_file(path, reader, problems, batch)


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def _too_deep(data: Any) -> bool:
    """Whether ``data`` nests lists and objects deeper than ``MAX_DEPTH`` (walked without
    recursion, so a hostile file cannot exhaust the stack here either)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                return True
            items = value.values() if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items if isinstance(item, dict | list))
    return False


def json_load(path: Path, problems: Problems) -> Any:
    """The JSON in ``path``, or None when it is not JSON an import can read (reported)."""
    where = Where(path.name)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"), parse_constant=_refuse_constant)
    except UnicodeDecodeError as exc:
        problems.error(where, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
        return None
    except json.JSONDecodeError as exc:
        problems.error(where, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})")
        return None
    except ValueError as exc:  # NaN, Infinity
        problems.error(where, f"not valid JSON: {exc}")
        return None
    except RecursionError:
        problems.error(where, f"refused: nested deeper than {MAX_DEPTH} levels")
        return None
    if _too_deep(data):
        problems.error(where, f"refused: nested deeper than {MAX_DEPTH} levels")
        return None
    return data


def _read_json_file(path: Path, reader: HsdsReader, problems: Problems, batch: Batch) -> None:
    where = Where(path.name)
    data = json_load(path, problems)
    if data is None:
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
