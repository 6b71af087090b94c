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
  for "open now" in an engine that has no SQL.

Only public listings (``Resource.objects.public()``) get a document; any other is deleted from
the index.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

from directory.confidential import address_withheld, locations_shown, shown_links_prefetch
from directory.models import Category, Resource
from directory.selectors import location_point
from directory.vocabulary import SpokenLanguage

TEXT_FIELDS = ("name", "organization", "categories", "description", "eligibility", "spoken")
MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY


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


def _value(obj, name: str, language: str) -> str:
    return (getattr(obj, build_localized_fieldname(name, language), "") or "").strip()


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def documents_queryset(queryset: QuerySet | None = None) -> QuerySet:
    """Public listings with everything a document reads, in few queries."""
    queryset = (
        Resource.objects.public()
        if queryset is None
        else queryset.filter(pk__in=Resource.objects.public().values("pk"))
    )
    return queryset.select_related("organization").prefetch_related(
        Prefetch("categories", queryset=Category.objects.select_related("parent")),
        shown_links_prefetch(),
        "opening_hours",
        "closures",
    )


def _spoken_names(codes: list[str], language: str) -> str:
    labels = dict(SpokenLanguage.choices)
    with translation.override(language):
        return " ".join(str(labels[c]) for c in codes if c in labels)


def _category_names(categories, language: str) -> str:
    names = []
    for category in categories:
        for node in (category, category.parent):
            if node is not None:
                name = _value(node, "name", language)
                if name and name not in names:
                    names.append(name)
    return " · ".join(names)


def open_minutes(hours) -> list[tuple[int, int]]:
    """Weekly periods as minute-of-week ranges; one that runs past midnight ends the next day
    (past the end of the week for a Sunday night: callers check ``minute + MINUTES_PER_WEEK``)."""
    ranges = []
    for period in hours:
        start = (
            period.weekday * MINUTES_PER_DAY + period.opens_at.hour * 60 + period.opens_at.minute
        )
        closes = period.closes_at.hour * 60 + period.closes_at.minute
        if (period.closes_at.hour, period.closes_at.minute) == (23, 59):
            closes = MINUTES_PER_DAY
        end = period.weekday * MINUTES_PER_DAY + closes
        if closes <= period.opens_at.hour * 60 + period.opens_at.minute:
            end += MINUTES_PER_DAY  # past midnight
        ranges.append((start, end))
    return ranges


def resource_document(resource: Resource) -> ResourceDocument:
    """The document of a public listing fetched with ``documents_queryset``."""
    categories = list(resource.categories.all())
    slugs = []
    for category in categories:
        for node in (category, category.parent):
            if node is not None and node.slug not in slugs:
                slugs.append(node.slug)
    points = []
    for location in locations_shown(resource):  # none for a confidential address
        point = location_point(location)
        if point is not None and point not in points:
            points.append(point)
    texts = {}
    for language in site_languages():
        name = _value(resource, "name", language)
        if language != "en" and not name and not _value(resource, "description", language):
            continue  # nothing of this listing is written in the language
        texts[language] = {
            "name": name,
            "organization": _value(resource.organization, "name", language),
            "categories": _category_names(categories, language),
            "description": _join(
                _value(resource, "short_description", language),
                _value(resource, "description", language),
            ),
            "eligibility": _join(
                _value(resource, "eligibility_description", language),
                _value(resource, "other_requirements", language),
                _value(resource, "cost_description", language),
            ),
            "spoken": _spoken_names(resource.languages or [], language),
            # What a result card shows (and highlights); searched as part of "description".
            "summary": _value(resource, "short_description", language),
        }
    return ResourceDocument(
        id=resource.pk,
        status=resource.status,
        cost=resource.cost,
        species=list(resource.species or []),
        spoken=list(resource.languages or []),
        categories=slugs,
        confidential=address_withheld(resource),
        points=points,
        open_minutes=open_minutes(resource.opening_hours.all()),
        closures=[(c.start_date, c.end_date) for c in resource.closures.all()],
        texts=texts,
        updated_at=resource.updated_at.isoformat() if resource.updated_at else "",
    )


def iter_documents(queryset: QuerySet | None = None, *, chunk_size: int = 500):
    """Documents of the public listings of ``queryset`` (all by default), in id order, in
    chunks (memory stays flat at 100k listings)."""
    queryset = documents_queryset(queryset).order_by("pk")
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last)[:chunk_size])
        if not chunk:
            return
        for resource in chunk:
            yield resource_document(resource)
        last = chunk[-1].pk
