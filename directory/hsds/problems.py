"""Where a problem is in the input, and the problems an import found.

Every problem names its file, its record (``contents[3]``) or row (``row 7``, counting the header
as row 1, as a spreadsheet shows them) and its field, so whoever fixes the file can find it.
Errors stop the import (nothing is written); warnings are reported with what was done instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Marks an object assembled from a CSV row (see ``tabular``) with the file and row it came from.
SOURCE_KEY = "_hsds_source"


@dataclass(frozen=True)
class Where:
    """A place in the input: file, record (``contents[3]``, ``row 7``) and field path."""

    file: str
    record: str = ""
    path: str = ""

    def at(self, key: str | int) -> Where:
        if isinstance(key, int):
            return Where(self.file, self.record, f"{self.path}[{key}]")
        return Where(self.file, self.record, f"{self.path}.{key}" if self.path else key)

    def __str__(self) -> str:
        parts = [self.file]
        if self.record:
            parts.append(self.record)
        if self.path:
            parts.append(f"field {self.path}")
        return ", ".join(parts)


def source_of(obj: dict, default: Where) -> Where:
    """Where ``obj`` came from: the row it was assembled from, else ``default``."""
    source = obj.get(SOURCE_KEY)
    return source if isinstance(source, Where) else default


@dataclass
class Problem:
    where: Where
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Problems:
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, where: Where, message: str) -> None:
        self.errors.append(Problem(where, message))

    def warn(self, where: Where, message: str) -> None:
        self.warnings.append(Problem(where, message))


class Invalid(Exception):
    """A value that cannot be read; already reported."""
