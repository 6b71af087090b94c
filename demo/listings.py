"""The demo resource directory, fictional Riverbend County, imported as HSDS 3.0 from ``data/``.

``data/directory/en.json`` holds every organisation, location and listing; the file of each other
language holds what is translated into it. They go through the importer every HSDS file goes
through (``directory.hsds.hsds_import``, the others with ``language=``), so the demo is data the
product takes in, and loading again updates the same records (matched on their HSDS ids). What
HSDS has no field for (species served, confidential addresses, closures...) travels in each
service's ``x_pet_support`` object, which the importer reads.

The dates in the files (when a listing was last checked, temporary closures) are those of
``DATES_AS_OF``; they are moved on by the days since, so the demo never ages: the same listings
are due for review and the same closures are under way whenever it is loaded.
"""

import datetime
import json
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from directory.hsds import hsds_import
from directory.models import Category, Resource
from directory.vocabulary import Status

DATA_DIR = Path(__file__).resolve().parent / "data" / "directory"
DATES_AS_OF = datetime.date(2026, 12, 1)
LANGUAGES = [code for code, _name in settings.LANGUAGES]
ENGLISH = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


class DemoDataError(Exception):
    """The demo files do not import: a bug in the data, reported with the importer's findings."""


def demo_files() -> dict[str, Path]:
    """The HSDS file of each site language, English first (the others only add translations)."""
    files = {code: DATA_DIR / f"{code}.json" for code in LANGUAGES}
    return {code: path for code, path in files.items() if path.exists()}


def _dated_today(documents: list, days: int) -> list:
    """The documents with their dates moved ``days`` on."""

    def moved(value: str) -> str:
        return (datetime.date.fromisoformat(value) + datetime.timedelta(days=days)).isoformat()

    for document in documents:
        if "assured_date" in document:
            document["assured_date"] = moved(document["assured_date"])
        for closure in document.get("x_pet_support", {}).get("closures", []):
            closure["start_date"] = moved(closure["start_date"])
            closure["end_date"] = moved(closure["end_date"])
    return documents


@transaction.atomic
def demo_directory_load(*, today: datetime.date | None = None) -> list[str]:
    """Import (or refresh) the demo directory; return report lines for ``load_demo_data``."""
    days = ((today or timezone.localdate()) - DATES_AS_OF).days
    created = updated = 0
    with tempfile.TemporaryDirectory(prefix="demo-directory-") as folder:
        for code, source in demo_files().items():
            documents = _dated_today(json.loads(source.read_text(encoding="utf-8")), days)
            path = Path(folder) / source.name
            path.write_text(json.dumps(documents, ensure_ascii=False), encoding="utf-8")
            report = hsds_import(path=path, language=code)
            if not report.ok:
                raise DemoDataError("\n".join(report.summary()))
            if code == ENGLISH:
                created, updated = report.created["services"], report.updated["services"]
    return _report(created=created, updated=updated)


def _english_documents() -> list[dict]:
    return json.loads(demo_files()[ENGLISH].read_text(encoding="utf-8"))


def demo_resources():
    """The demo's listings (found by the HSDS ids of the English file)."""
    ids = [document["id"] for document in _english_documents() if "organization_id" in document]
    return Resource.objects.filter(hsds_id__in=ids)


def _with_name_in(resources, code: str) -> int:
    field = build_localized_fieldname("name", code)
    return resources.exclude(**{f"{field}__isnull": True}).exclude(**{field: ""}).count()


def _report(*, created: int, updated: int) -> list[str]:
    resources = demo_resources()
    total = resources.count()
    translated = ", ".join(
        f"{code} {_with_name_in(resources, code)}" for code in LANGUAGES if code != ENGLISH
    )
    covered = set(
        Category.objects.filter(resources__in=resources.public())
        .values_list("slug", flat=True)
        .distinct()
    )
    leaves = Category.objects.filter(children__isnull=True)
    missing = sorted(leaves.exclude(slug__in=covered).values_list("slug", flat=True))
    organizations = [document for document in _english_documents() if "locations" in document]
    locations = sum(len(document["locations"]) for document in organizations)
    lines = [
        f"directory: {len(organizations)} organizations, {locations} locations, {total} "
        f"resources in Riverbend County ({created} new, {updated} updated)",
        f"directory: names translated of {total}: {translated}",
        f"directory: {resources.filter(confidential_address=True).count()} confidential, "
        f"{resources.needs_review().count()} due for review, "
        f"{resources.filter(status=Status.TEMPORARILY_CLOSED).count()} temporarily closed, "
        f"{resources.filter(status=Status.INACTIVE).count()} inactive",
    ]
    if missing:
        lines.append(f"directory: categories with no public listing: {', '.join(missing)}")
    else:
        lines.append(f"directory: every one of the {leaves.count()} leaf categories has listings")
    return lines
