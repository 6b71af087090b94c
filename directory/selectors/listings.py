"""Lists of listings: a category's filtered, paged listings and their cards, printed lists, and the
previews editorial pages show.

Only public listings (``Resource.objects.public()``) are listed; the places on a card are those
``directory.confidential`` lets through, and only those are measured from a visitor's ZIP code.
"""

import math
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import F, Prefetch, QuerySet, Value
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from core.geography import distance_miles, zip_point

from ..confidential import locations_shown, shown_links_prefetch
from ..hours import open_now_q, open_state, open_status_q
from ..models import Category, CategoryListing, Closure, OpeningHours, Resource, public_q
from .categories import in_category
from .nearby import location_point, nearest_first, serves_zip
from .translation import listing_order, visitor_language

PRINT_LIMIT = 300
COUNT_LIMIT = 500


@dataclass(frozen=True)
class ListingFilters:
    zip_code: str = ""
    open_now: bool = False
    costs: tuple[str, ...] = ()
    species: str = ""
    language: str = ""


def _localized(*fields) -> list[str]:
    return [
        build_localized_fieldname(field, code) for field in fields for code, _ in settings.LANGUAGES
    ]


# What a listing card reads; the rest of a listing (long texts in five languages) stays behind.
CARD_FIELDS = [
    "id",
    "status",
    "cost",
    "languages",
    "confidential_address",
    "service_area_zip_codes",
    "service_area_radius_miles",
    *_localized("name", "short_description"),
    "organization__id",
    *(f"organization__{field}" for field in _localized("name")),
]
CARD_LOCATION_FIELDS = ["id", "city", "postal_code", "latitude", "longitude"]


def listing_prefetches(*, cards: bool = False) -> tuple:
    """What a listing's card or page shows beside the resource row: the places that may be shown
    (``resource.shown_links``), the opening hours and closures (for a card, only the columns
    its open/closed badge reads)."""
    if not cards:
        return (shown_links_prefetch(), "opening_hours", "closures")
    only = ("id", "resource_id", "location_id", *(f"location__{f}" for f in CARD_LOCATION_FIELDS))
    return (
        shown_links_prefetch(only=only),
        Prefetch(
            "opening_hours",
            queryset=OpeningHours.objects.only(
                "id", "resource_id", "weekday", "opens_at", "closes_at"
            ),
        ),
        Prefetch(
            "closures",
            queryset=Closure.objects.only("id", "resource_id", "start_date", "end_date"),
        ),
    )


def _cards_queryset(queryset: QuerySet) -> QuerySet:
    return (
        queryset.select_related("organization")
        .only(*CARD_FIELDS)
        .prefetch_related(*listing_prefetches(cards=True))
    )


def _filtered(queryset: QuerySet, filters: ListingFilters, now: datetime | None) -> QuerySet:
    if filters.open_now:
        queryset = queryset.filter(open_now_q(now or timezone.now()))
    if filters.costs:
        queryset = queryset.filter(cost__in=filters.costs)
    if filters.species:
        queryset = queryset.filter(species__has=filters.species)
    if filters.language:
        queryset = queryset.filter(languages__has=filters.language)
    return queryset


def listed_may_pass(
    *, category: Category | None, filters: ListingFilters, language: str | None = None
) -> QuerySet | None:
    """The ``CategoryListing`` rows of a category whose copies of their resource's status and
    cost pass the public rule, the status "open now" needs (an active listing, which is public)
    and the cost filter, in the list's order in ``language``. What ``nearest_first`` reads of a
    band before it looks in the squares (from the order's index alone): it narrows the listings
    read, which are still checked whole. None without a category, or when neither "open now"
    nor a cost is asked for (then most of a band passes, and the squares find the nearest)."""
    if category is None or not (filters.open_now or filters.costs):
        return None
    rows = CategoryListing.objects.filter(
        open_status_q() if filters.open_now else public_q(), category=category
    )
    if filters.costs:
        rows = rows.filter(cost__in=filters.costs)
    name_key = build_localized_fieldname("name_key", visitor_language(language))
    return rows.order_by("-weight", "purpose_rank", name_key, "resource_id")


def resources_filtered(
    *,
    category: Category | None = None,
    filters: ListingFilters = ListingFilters(),
    now: datetime | None = None,
) -> QuerySet:
    """Public resources of a category (and its subcategories) that pass the filters, unordered."""
    queryset = Resource.objects.public()
    if category is not None:
        queryset = queryset.filter(in_category(category))
    return _filtered(queryset, filters, now)


def resources_ordered(
    *,
    category: Category | None = None,
    filters: ListingFilters = ListingFilters(),
    now: datetime | None = None,
    language: str | None = None,
) -> QuerySet:
    """``resources_filtered`` in the order of a category's page (``CategoryListing``): the
    editors' weight, what the category is for, then the name in the visitor's language; without
    a category, the weight then the name. Either way one index walk that stops after the rows
    taken, however big the category. Each resource carries its ``order_weight`` and
    ``order_rank`` (0 without a category)."""
    language = visitor_language(language)
    if category is None:
        queryset = Resource.objects.public().annotate(
            order_weight=F("list_weight"), order_rank=Value(0)
        )
        queryset = queryset.order_by(*listing_order(language))
    else:
        # The weight and rank of the one join to the category's rows, named so that later
        # conditions on them (``nearest_first``) reuse it instead of joining every category's.
        queryset = (
            Resource.objects.public()
            .filter(listed_under__category=category)
            .annotate(
                order_weight=F("listed_under__weight"), order_rank=F("listed_under__purpose_rank")
            )
            .order_by(*listing_order(language, listed=True))
        )
    return _filtered(queryset, filters, now)


def resources_listed(
    *,
    category: Category | None = None,
    filters: ListingFilters = ListingFilters(),
    now: datetime | None = None,
    language: str | None = None,
    with_details: bool = True,
) -> QuerySet:
    """``resources_ordered`` with the organization; ``with_details`` fetches what a card shows."""
    queryset = resources_ordered(category=category, filters=filters, now=now, language=language)
    queryset = queryset.select_related("organization")
    return queryset.prefetch_related(*listing_prefetches()) if with_details else queryset


@dataclass
class ListingPage:
    """One page of listings; quacks like Django's ``Page`` where the templates need it."""

    object_list: list
    number: int
    per_page: int
    count: int  # capped at COUNT_LIMIT + 1
    count_is_capped: bool
    limit: int = 0  # the count's cap

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(min(self.count, self.limit) / self.per_page))

    def has_next(self) -> bool:
        return self.number < self.num_pages

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def _page_number(value, last: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), last)


def listing_page(
    *,
    category: Category | None = None,
    filters: ListingFilters = ListingFilters(),
    page=1,
    per_page: int = 20,
    now: datetime | None = None,
    language: str | None = None,
) -> ListingPage:
    """A page of a category's listings with what their cards show, in the category's order
    (``resources_ordered``: the editors' weight, what the category is for, then the name, or
    nearest first when a known ZIP code is given). The total is counted up to ``COUNT_LIMIT``
    only (the pages beyond are not offered: the filters narrow a long list better)."""
    language = visitor_language(language)
    base = resources_ordered(category=category, filters=filters, now=now, language=language)
    count = base.order_by()[: COUNT_LIMIT + 1].count()
    listing = ListingPage([], 1, per_page, count, count > COUNT_LIMIT, COUNT_LIMIT)
    listing.number = _page_number(page, listing.num_pages)
    start, stop = (listing.number - 1) * per_page, listing.number * per_page
    point = zip_point(filters.zip_code)
    details = _cards_queryset(Resource.objects.all())
    if point is None:
        listing.object_list = list(_cards_queryset(base)[start:stop])
    else:
        listed = listed_may_pass(category=category, filters=filters, language=language)
        ids = nearest_first(base, point, start=start, stop=stop, count=count, listed=listed)
        by_id = {resource.pk: resource for resource in details.filter(pk__in=ids)}
        listing.object_list = [by_id[pk] for pk in ids if pk in by_id]
    return listing


def listing_cards(resources, *, zip_code: str = "", now: datetime | None = None) -> list[dict]:
    """What a listing card shows, for resources fetched with ``resources_listed`` (or
    ``listing_page``): the places that may be shown, the town, open now, the distance."""
    now = now or timezone.now()
    point = zip_point(zip_code)
    cards = []
    for resource in resources:
        locations = locations_shown(resource)
        distance = None
        if point is not None:
            distances = [
                distance_miles(point, p) for p in map(location_point, locations) if p is not None
            ]
            distance = min(distances) if distances else None
        cards.append(
            {
                "resource": resource,
                "locations": locations,
                "town": next((loc.city for loc in locations if loc.city), ""),
                "open_state": open_state(resource, now=now),
                "distance": distance,
                "serves_zip": serves_zip(resource, zip_code, distance) if point else None,
            }
        )
    return cards


def cards_seconds_valid(cards, *, now: datetime) -> int | None:
    """How long the open/closed badges of these cards stay true (None: no limit)."""
    seconds = [s for c in cards if (s := c["open_state"].seconds_valid(now)) is not None]
    return min(seconds) if seconds else None


def resources_for_print(
    *,
    category: Category | None = None,
    ids=None,
    filters: ListingFilters = ListingFilters(),
    now: datetime | None = None,
) -> list[Resource]:
    """Listings for a printed list: a category's that pass ``filters`` in the order its page
    shows them (``listing_page``'s), or hand-picked ones in the order given."""
    point = zip_point(filters.zip_code) if category is not None else None
    if category is not None and point is None:
        queryset = resources_listed(category=category, filters=filters, now=now)
    else:
        if category is not None:
            base = resources_ordered(category=category, filters=filters, now=now)
            count = base.order_by()[: PRINT_LIMIT + 1].count()
            listed = listed_may_pass(category=category, filters=filters)
            ids = nearest_first(base, point, start=0, stop=PRINT_LIMIT, count=count, listed=listed)
        ids = list(dict.fromkeys(ids or []))[:PRINT_LIMIT]
        queryset = (
            Resource.objects.public()
            .filter(pk__in=ids)
            .select_related("organization")
            .prefetch_related(*listing_prefetches())
        )
    queryset = queryset.prefetch_related("phones")
    resources = list(queryset[:PRINT_LIMIT])
    if ids is not None:
        order = {pk: n for n, pk in enumerate(ids)}
        resources.sort(key=lambda r: order[r.pk])
    return resources


def resources_for_print_heading(*, ids) -> list[Resource]:
    """The public listings among hand-picked ``ids``, without their details (one query): whether
    a printed selection has any, and its title, before its PDF is asked of the worker."""
    ids = list(dict.fromkeys(ids or []))[:PRINT_LIMIT]
    return list(Resource.objects.public().filter(pk__in=ids).order_by("pk")[:2])


def resources_in_category_preview(*, category: Category, limit: int) -> list[Resource]:
    """The first listings of a category, for an editorial page (one query)."""
    return list(resources_listed(category=category, with_details=False)[:limit])
