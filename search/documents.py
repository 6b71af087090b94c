"""What the search engines index about a listing: one plain document per public listing, built
here for both engines, so they search the same words and filter on the same values.

- **Texts per site language**, only where the listing has them (a listing without a Spanish
  description has no Spanish description: the English text is searched as the fallback, at a lower
  weight, by every engine). The fields: ``name``, ``organization``, ``categories`` (the names of
  its categories and their parents in that language), ``description`` (short and long),
  ``eligibility`` (who can get help, other requirements, cost notes) and ``spoken`` (the names
  of the languages spoken, in that language: "español" finds Spanish-speaking services);
  ``summary`` is the short description alone, which result cards show highlighted.
- **Filter values**: category slugs (with parents), cost, species, spoken-language codes, status.
- **Places** that ``directory.confidential`` lets through, as ``(latitude, longitude)``:
  a confidential address reaches the index with **no location at all**.
- **Opening periods** as minute-of-week ranges (Monday 00:00 is 0) and closures as date ranges,
  for "open now" in an engine that has no SQL. The ranges are the ones the database derives from
  the times (``OpeningHours.week_opens``, ``week_closes``): one rule for the directory's "open
  now" and the index's.

Only public listings (``Resource.objects.public()``) get a document; any other is deleted from
the index.
"""

from collections import defaultdict, namedtuple
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

from directory.confidential import address_withheld, resource_locations_public
from directory.models import Closure, OpeningHours, Resource, purpose_ranks
from directory.selectors import location_point
from directory.vocabulary import SpokenLanguage

TEXT_FIELDS = ("name", "organization", "categories", "description", "eligibility", "spoken")


def site_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


@dataclass
class ResourceDocument:
    id: int
    status: str
    cost: str
    species: list[str]
    spoken: list[str]
    categories: list[str]  # slugs, parents included
    confidential: bool
    points: list[tuple[float, float]]
    open_minutes: list[tuple[int, int]]  # [start, end) minute-of-week; an overnight one wraps
    closures: list[tuple[date, date]]  # inclusive
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> field -> text
    updated_at: str = ""
    list_weight: int = 0  # the editors' weight (``Resource.list_weight``)
    # category slug -> purpose rank under it (``directory.models.CategoryListing``)
    purposes: dict[str, int] = field(default_factory=dict)


@cache
def _column(name: str, language: str) -> str:
    return build_localized_fieldname(name, language)


def _value(row: dict, name: str, language: str) -> str:
    return (row.get(_column(name, language)) or "").strip()


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


# What a document reads of a listing, beside its places, categories, hours and closures.
RESOURCE_TEXTS = (
    "name",
    "short_description",
    "description",
    "eligibility_description",
    "other_requirements",
    "cost_description",
)
RESOURCE_VALUES = (
    "id",
    "status",
    "cost",
    "species",
    "languages",
    "confidential_address",
    "list_weight",
)
_Place = namedtuple("_Place", "latitude longitude postal_code")
_Listing = namedtuple("_Listing", "confidential_address")


def _localized(names, languages) -> list[str]:
    return [build_localized_fieldname(n, code) for n in names for code in languages]


def _spoken_labels(languages) -> dict[str, dict[str, str]]:
    """The names of the spoken languages in each site language (read once per run)."""
    labels = {}
    for language in languages:
        with translation.override(language):
            labels[language] = {code: str(label) for code, label in SpokenLanguage.choices}
    return labels


def _category_names(links: list[dict], language: str) -> str:
    """The names of a listing's categories and their parents (``links``: ``_documents``)."""
    names = []
    for link in links:
        for node in ("category__", "category__parent__"):
            name = (link.get(node + _column("name", language)) or "").strip()
            if name and name not in names:
                names.append(name)
    return " · ".join(names)


def _documents(rows: list[dict], labels: dict[str, dict[str, str]]) -> list[ResourceDocument]:
    """The documents of a chunk of listings (``rows``: ``RESOURCE_VALUES``, their texts and the
    organization's names), reading their categories, places, hours and closures in four
    queries: plain values, no model instances (a rebuild of 100k listings is bound by this)."""
    languages = site_languages()
    ids = [row["id"] for row in rows]
    categories: dict[int, list[dict]] = defaultdict(list)
    links = (
        Resource.categories.through.objects.filter(resource_id__in=ids)
        .order_by("resource_id", "category__sort_order", "category__slug")
        .values(
            "resource_id",
            "category__slug",
            "category__parent__slug",
            "category__sort_order",
            *(f"category__{c}" for c in _localized(["name"], languages)),
            *(f"category__parent__{c}" for c in _localized(["name"], languages)),
        )
    )
    for link in links:
        categories[link["resource_id"]].append(link)
    places: dict[int, list] = defaultdict(list)
    shown = (
        resource_locations_public()  # none for a confidential address
        .filter(resource_id__in=ids)
        .order_by("resource_id", "sort_order", "pk")
        .values_list(
            "resource_id", "location__latitude", "location__longitude", "location__postal_code"
        )
    )
    for resource_id, *place in shown:
        places[resource_id].append(_Place(*place))
    # [start, end) minute-of-week, as the database derives them (``OpeningHours``): one that
    # runs past midnight ends the next day (past the end of the week for a Sunday night).
    periods: dict[int, list] = defaultdict(list)
    hours = (
        OpeningHours.objects.filter(resource_id__in=ids)
        .order_by("resource_id", "week_opens", "week_closes")
        .values_list("resource_id", "week_opens", "week_closes")
    )
    for resource_id, opens, closes in hours:
        periods[resource_id].append((opens, closes))
    closures: dict[int, list] = defaultdict(list)
    closed = (
        Closure.objects.filter(resource_id__in=ids)
        .order_by("resource_id", "start_date")
        .values_list("resource_id", "start_date", "end_date")
    )
    for resource_id, start, end in closed:
        closures[resource_id].append((start, end))
    documents = []
    for row in rows:
        pk = row["id"]
        listed = categories.get(pk, [])
        slugs = []
        for link in listed:
            for slug in (link["category__slug"], link["category__parent__slug"]):
                if slug is not None and slug not in slugs:
                    slugs.append(slug)
        points = []
        for place in places.get(pk, []):
            point = location_point(place)
            if point is not None and point not in points:
                points.append(point)
        spoken = list(row["languages"] or [])
        texts = {}
        for language in languages:
            name = _value(row, "name", language)
            if language != "en" and not name and not _value(row, "description", language):
                continue  # nothing of this listing is written in the language
            texts[language] = {
                "name": name,
                "organization": _value(row, "organization__name", language),
                "categories": _category_names(listed, language),
                "description": _join(
                    _value(row, "short_description", language),
                    _value(row, "description", language),
                ),
                "eligibility": _join(
                    _value(row, "eligibility_description", language),
                    _value(row, "other_requirements", language),
                    _value(row, "cost_description", language),
                ),
                "spoken": " ".join(labels[language][c] for c in spoken if c in labels[language]),
                # What a result card shows (and highlights); searched as part of "description".
                "summary": _value(row, "short_description", language),
            }
        documents.append(
            ResourceDocument(
                id=pk,
                status=row["status"],
                cost=row["cost"],
                species=list(row["species"] or []),
                spoken=spoken,
                categories=slugs,
                confidential=address_withheld(_Listing(row["confidential_address"])),
                points=points,
                open_minutes=periods.get(pk, []),
                closures=closures.get(pk, []),
                texts=texts,
                updated_at=row["updated_at"].isoformat() if row["updated_at"] else "",
                list_weight=row["list_weight"],
                purposes=purpose_ranks(
                    (
                        link["category__slug"],
                        link["category__parent__slug"],
                        link["category__sort_order"],
                    )
                    for link in listed
                ),
            )
        )
    return documents


def iter_documents(queryset: QuerySet | None = None, *, chunk_size: int = 500):
    """Documents of the public listings of ``queryset`` (all by default), in id order, in
    chunks (memory stays flat at 100k listings)."""
    public = Resource.objects.public()
    if queryset is not None:
        public = queryset.filter(pk__in=public.values("pk"))
    languages = site_languages()
    labels = _spoken_labels(languages)
    fields = (
        *RESOURCE_VALUES,
        "updated_at",
        *_localized(RESOURCE_TEXTS, languages),
        *(f"organization__{c}" for c in _localized(["name"], languages)),
    )
    last = 0
    while True:
        rows = list(public.filter(pk__gt=last).order_by("pk").values(*fields)[:chunk_size])
        if not rows:
            return
        yield from _documents(rows, labels)
        last = rows[-1]["id"]
