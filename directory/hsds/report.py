"""What an import did (or would do, on a dry run): counts per kind, problems, resources touched."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .problems import Problem

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
