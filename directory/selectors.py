"""Reads of the directory for the public pages, the printable lists and the other apps.

Confidentiality rule, in one place: a resource with a confidential address shows no location at
all, and a location linked to any confidential resource is shown under no resource (a safe
haven's building may also house a public office). Distances are never computed for either.
"""

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import zipcodes
from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

from .models import (
    Category,
    Closure,
    Location,
    OpeningHours,
    Resource,
    ResourceLocation,
    listing_name_sort_key,
    parse_zip_list,
)
from .vocabulary import Status

DEFAULT_LANGUAGE = "en"
MILES_PER_DEGREE = 69.09
PRINT_LIMIT = 300
RELATED_LIMIT = 4
COUNT_LIMIT = 500
RING_MILES = (1, 3, 10, 30, 100, 300)
RING_AFTER = 200
OPEN_NOW_IDS = 2000


# --- Confidentiality ------------------------------------------------------------------------------


def _confidential_location_ids() -> QuerySet:
    """Ids of the locations linked to a resource with a confidential address (a handful)."""
    return ResourceLocation.objects.filter(resource__confidential_address=True).values(
        "location_id"
    )


def locations_public() -> QuerySet:
    """Locations that may be shown or published: linked to no resource with a confidential address."""
    return Location.objects.exclude(pk__in=_confidential_location_ids())


def resource_locations_public() -> QuerySet:
    """Links between resources and locations that may be shown, with their location."""
    return (
        ResourceLocation.objects.filter(resource__confidential_address=False)
        .exclude(location_id__in=_confidential_location_ids())
        .select_related("location")
    )


# --- Translation fallback ------------------------------------------------------------------------


def field_in_english(obj, field: str, language: str | None = None) -> bool:
    """Whether ``obj.field`` is shown in English because it has no text in ``language``."""
    language = language or get_language() or DEFAULT_LANGUAGE
    if language == DEFAULT_LANGUAGE:
        return False
    if not getattr(obj, build_localized_fieldname(field, DEFAULT_LANGUAGE), None):
        return False  # nothing to show in any language
    return not getattr(obj, build_localized_fieldname(field, language), None)


def fields_in_english(obj, fields, language: str | None = None) -> list[str]:
    return [field for field in fields if field_in_english(obj, field, language)]


def _name_order(language: str) -> list:
    """Reading order of listings: by name in ``language`` (its index), then id."""
    return [listing_name_sort_key(language).asc(), F("pk").asc()]


# --- Opening hours --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenState:
    """Whether a resource is open at a moment, and until when (or from when)."""

    OPEN = "open"
    CLOSED = "closed"
    TEMPORARILY_CLOSED = "temporarily_closed"
    UNKNOWN = "unknown"

    state: str
    until: datetime | None = None  # open: closing time; closed: next opening; else None
    always: bool = False  # open around the clock

    @property
    def is_open(self) -> bool:
        return self.state == self.OPEN

    def seconds_valid(self, now: datetime) -> int | None:
        """How long this answer stays true from ``now`` (None: until something is edited)."""
        if self.until is None or self.always:
            return None
        return max(0, int((self.until - now).total_seconds()))


def _end_of_period(day: date, opens: time, closes: time) -> datetime:
    """Closing moment of a period opening on ``day``; closing at or before opening runs past
    midnight, and 23:59 means the end of the day."""
    if closes == time(23, 59):
        return datetime.combine(day + timedelta(days=1), time(0))
    if closes <= opens:
        return datetime.combine(day + timedelta(days=1), closes)
    return datetime.combine(day, closes)


def _is_closed_on(day: date, closures) -> bool:
    return any(closure.start_date <= day <= closure.end_date for closure in closures)


def opening_periods(hours, closures, *, start: date, days: int) -> list[tuple[datetime, datetime]]:
    """Naive local (opens, closes) intervals of the periods that start on ``start`` and the
    ``days - 1`` days after it, skipping closure days; touching intervals are merged."""
    intervals = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        if _is_closed_on(day, closures):
            continue
        for period in hours:
            if period.weekday == day.weekday():
                intervals.append(
                    (
                        datetime.combine(day, period.opens_at),
                        _end_of_period(day, period.opens_at, period.closes_at),
                    )
                )
    intervals.sort()
    merged: list[tuple[datetime, datetime]] = []
    for opens, closes in intervals:
        if merged and opens <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], closes))
        else:
            merged.append((opens, closes))
    return merged


def open_state(resource: Resource, *, now: datetime | None = None) -> OpenState:
    """Open now? Computed in the site's time zone from the resource's weekly hours and
    closures (prefetched, for listings)."""
    if resource.status == Status.TEMPORARILY_CLOSED:
        return OpenState(OpenState.TEMPORARILY_CLOSED)
    hours = list(resource.opening_hours.all())
    if not hours:
        return OpenState(OpenState.UNKNOWN)
    closures = list(resource.closures.all())
    now = timezone.localtime(now)
    local_now = now.replace(tzinfo=None)
    # From yesterday (a period running past midnight) to a week ahead (the next opening).
    periods = opening_periods(hours, closures, start=local_now.date() - timedelta(days=1), days=9)
    tz = timezone.get_current_timezone()
    for opens, closes in periods:
        if opens <= local_now < closes:
            always = closes - local_now > timedelta(days=6)
            return OpenState(OpenState.OPEN, timezone.make_aware(closes, tz), always=always)
        if opens > local_now:
            return OpenState(OpenState.CLOSED, timezone.make_aware(opens, tz))
    return OpenState(OpenState.CLOSED)


def _open_now_q(now: datetime) -> Q:
    """Resources open at ``now``, in SQL: the same rule as ``open_state``."""
    local = timezone.localtime(now)
    today, moment = local.date(), local.time().replace(microsecond=0)
    yesterday = today - timedelta(days=1)

    def closed_on(day):
        return Exists(
            Closure.objects.filter(
                resource_id=OuterRef("resource_id"), start_date__lte=day, end_date__gte=day
            )
        )

    started_today = Q(weekday=today.weekday(), opens_at__lte=moment) & (
        Q(closes_at__gt=moment) | Q(closes_at__lte=F("opens_at")) | Q(closes_at=time(23, 59))
    )
    started_yesterday = Q(weekday=yesterday.weekday(), overnight=True, closes_at__gt=moment)
    running = [
        OpeningHours.objects.filter(started_today & ~Q(closed_on(today))),
        OpeningHours.objects.filter(started_yesterday & ~Q(closed_on(yesterday))),
    ]
    # Few places are open at night: then the list of them is short and goes in as ids, which
    # every database reads fastest; in the day most are, and subqueries are the cheaper plan.
    few = set()
    for periods in running:
        # No DISTINCT: it would make the database walk every period in resource order.
        few.update(periods.order_by().values_list("resource_id", flat=True)[: OPEN_NOW_IDS + 1])
        if len(few) > OPEN_NOW_IDS:
            # Many are open: checking each listing read (in name order) is cheapest.
            first, second = (
                Exists(periods.filter(resource_id=OuterRef("pk"))) for periods in running
            )
            return Q(status=Status.ACTIVE) & (Q(first) | Q(second))
    return Q(status=Status.ACTIVE, pk__in=sorted(few))


@dataclass(frozen=True)
class DaySchedule:
    weekday: int
    periods: list[tuple[time, time]]
    is_today: bool


def weekly_schedule(hours, *, today: date | None = None) -> list[DaySchedule]:
    """Seven days, Monday first, each with its (opens, closes) periods in order."""
    today = today or timezone.localdate()
    days = []
    for weekday in range(7):
        periods = sorted((h.opens_at, h.closes_at) for h in hours if h.weekday == weekday)
        days.append(DaySchedule(weekday, periods, weekday == today.weekday()))
    return days


def schedules_by_location(resource: Resource, locations) -> list[tuple[Location | None, list]]:
    """The weekly schedules to show: one for every location with hours of its own, and one for
    the hours that apply everywhere. Hours of a location that may not be shown are shown as
    general hours, without the location."""
    shown = {location.pk for location in locations}
    general, by_location = [], {}
    for period in resource.opening_hours.all():
        if period.location_id in shown:
            by_location.setdefault(period.location_id, []).append(period)
        else:
            general.append(period)
    result = []
    if general:
        result.append((None, weekly_schedule(general)))
    for location in locations:
        if location.pk in by_location:
            result.append((location, weekly_schedule(by_location[location.pk])))
    return result


def closures_upcoming(resource: Resource, *, today: date | None = None, days: int = 60) -> list:
    """Temporary closures running now or starting within ``days``."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=days)
    return [c for c in resource.closures.all() if c.end_date >= today and c.start_date <= horizon]


# --- ZIP codes and distance -----------------------------------------------------------------------


@lru_cache(maxsize=4096)
def zip_point(zip_code: str) -> tuple[float, float] | None:
    """The centre of a US ZIP code (GeoNames data bundled with ``zipcodes``), or None."""
    if not zip_code or len(zip_code) != 5 or not zip_code.isdigit():
        return None
    try:
        places = zipcodes.matching(zip_code)
    except (TypeError, ValueError):
        return None
    if not places:
        return None
    return float(places[0]["lat"]), float(places[0]["long"])


def distance_miles(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine) in miles."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 3958.8 * math.asin(math.sqrt(h))


def location_point(location: Location) -> tuple[float, float] | None:
    if location.latitude is not None and location.longitude is not None:
        return location.latitude, location.longitude
    return zip_point(location.postal_code)


def serves_zip(resource: Resource, zip_code: str, distance: float | None) -> bool | None:
    """Whether the resource says it serves ``zip_code`` (None: it sets no limits)."""
    zips = parse_zip_list(resource.service_area_zip_codes)
    radius = resource.service_area_radius_miles
    if not zips and radius is None:
        return None
    if zip_code in zips:
        return True
    return radius is not None and distance is not None and distance <= radius


# --- Categories -----------------------------------------------------------------------------------


def _public_links():
    return Resource.categories.through.objects.filter(
        resource__status__in=[Status.ACTIVE, Status.TEMPORARILY_CLOSED]
    )


def category_tree() -> list[Category]:
    """Top-level categories, each with ``children_list`` and every one with ``resource_count``
    (public listings, a listing counted once per category even when in several subcategories).
    Three queries, whatever the number of resources."""
    categories = list(Category.objects.order_by("sort_order", "slug"))
    direct = dict(
        _public_links()
        .values("category_id")
        .annotate(n=Count("resource_id", distinct=True))
        .values_list("category_id", "n")
    )
    by_top = dict(
        _public_links()
        .annotate(top=Coalesce("category__parent_id", "category_id"))
        .values("top")
        .annotate(n=Count("resource_id", distinct=True))
        .values_list("top", "n")
    )
    tops = []
    by_id = {c.pk: c for c in categories}
    for category in categories:
        category.children_list = []
        category.resource_count = direct.get(category.pk, 0)
    for category in categories:
        if category.parent_id is None:
            category.resource_count = by_top.get(category.pk, 0)
            tops.append(category)
        elif category.parent_id in by_id:
            by_id[category.parent_id].children_list.append(category)
    return tops


def category_get(*, slug: str) -> Category:
    """The category with its parent and children (``children_list``); raises DoesNotExist."""
    category = Category.objects.select_related("parent").get(slug=slug)
    category.children_list = list(category.children.order_by("sort_order", "slug"))
    return category


def _in_category(category: Category) -> Exists:
    """In the category or one of its subcategories (looked up in the same query)."""
    category_ids = Category.objects.filter(Q(pk=category.pk) | Q(parent_id=category.pk))
    return Exists(
        Resource.categories.through.objects.filter(
            resource_id=OuterRef("pk"), category_id__in=category_ids.values("pk")
        )
    )


# --- Listings -------------------------------------------------------------------------------------


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


def _listing_prefetches(*, cards: bool = False):
    links = resource_locations_public()
    if cards:
        links = links.only(
            "id", "resource_id", "location_id", *(f"location__{f}" for f in CARD_LOCATION_FIELDS)
        )
    return (Prefetch("resource_locations", queryset=links), "opening_hours", "closures")


def _cards_queryset(queryset: QuerySet) -> QuerySet:
    return (
        queryset.select_related("organization")
        .only(*CARD_FIELDS)
        .prefetch_related(*_listing_prefetches(cards=True))
    )


def resources_filtered(
    *,
    category: Category | None = None,
    filters: ListingFilters = ListingFilters(),
    now: datetime | None = None,
) -> QuerySet:
    """Public resources of a category (and its subcategories) that pass the filters, unordered."""
    queryset = Resource.objects.public()
    if category is not None:
        queryset = queryset.filter(_in_category(category))
    if filters.open_now:
        queryset = queryset.filter(_open_now_q(now or timezone.now()))
    if filters.costs:
        queryset = queryset.filter(cost__in=filters.costs)
    if filters.species:
        queryset = queryset.filter(species__contains=[filters.species])
    if filters.language:
        queryset = queryset.filter(languages__contains=[filters.language])
    return queryset


def resources_listed(
    *,
    category: Category | None = None,
    filters: ListingFilters = ListingFilters(),
    now: datetime | None = None,
    language: str | None = None,
    with_details: bool = True,
) -> QuerySet:
    """``resources_filtered`` by name in the visitor's language (an index walk: taking the first
    rows of a big category is cheap). ``with_details`` fetches what a card shows."""
    language = language or get_language() or DEFAULT_LANGUAGE
    queryset = resources_filtered(category=category, filters=filters, now=now)
    queryset = queryset.select_related("organization").order_by(*_name_order(language))
    return queryset.prefetch_related(*_listing_prefetches()) if with_details else queryset


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


def _nearest_first(base: QuerySet, point, *, start: int, stop: int, count: int) -> list[int]:
    """Ids of the resources ranked ``start`` to ``stop - 1`` by distance from ``point``.

    Looks in growing squares around the point and stops at the first that holds ``stop``
    resources, the last of them within the square's inner circle: then no resource outside can
    be nearer, and only the locations in the square were read. Resources without a place that
    may be shown come after all others, by name (the last resort, reading everything).
    """
    links = ResourceLocation.objects.filter(
        resource_id__in=base.values("pk"), resource__confidential_address=False
    ).exclude(location_id__in=_confidential_location_ids())
    lat0, lon0 = point
    scale = math.cos(math.radians(lat0))
    lat = F("location__latitude") - Value(lat0)
    lon = (F("location__longitude") - Value(lon0)) * Value(scale)
    nearness = ExpressionWrapper(lat * lat + lon * lon, output_field=FloatField())
    # A short list is ranked whole at once; the squares pay off for long ones.
    for miles in RING_MILES if count > RING_AFTER else ():
        dlat = miles / MILES_PER_DEGREE
        dlon = dlat / max(scale, 0.01)
        rows = list(
            links.filter(
                location__latitude__range=(lat0 - dlat, lat0 + dlat),
                location__longitude__range=(lon0 - dlon, lon0 + dlon),
            )
            .values("resource_id")
            .annotate(nearness=Min(nearness))
            .order_by("nearness", "resource_id")
            .values_list("resource_id", "nearness")[:stop]
        )
        if len(rows) >= stop and rows[-1][1] <= dlat * dlat:
            return [pk for pk, _n in rows[start:stop]]
    # Everything, the nearest first, then the listings with no place to measure from.
    nearest = (
        links.filter(resource_id=OuterRef("pk"), location__latitude__isnull=False)
        .values("resource_id")
        .annotate(nearness=Min(nearness))
        .values("nearness")
    )
    ranked = base.annotate(nearness=Subquery(nearest[:1])).order_by(
        F("nearness").asc(nulls_last=True), *_name_order(get_language() or DEFAULT_LANGUAGE)
    )
    return list(ranked.values_list("pk", flat=True)[start:stop])


def listing_page(
    *,
    category: Category | None = None,
    filters: ListingFilters = ListingFilters(),
    page=1,
    per_page: int = 20,
    now: datetime | None = None,
    language: str | None = None,
) -> ListingPage:
    """A page of a category's listings with what their cards show: nearest first when a known
    ZIP code is given, else by name. The total is counted up to ``COUNT_LIMIT`` only (the pages
    beyond are not offered: the filters narrow a long list better)."""
    language = language or get_language() or DEFAULT_LANGUAGE
    base = resources_filtered(category=category, filters=filters, now=now)
    count = base.order_by()[: COUNT_LIMIT + 1].count()
    listing = ListingPage([], 1, per_page, count, count > COUNT_LIMIT, COUNT_LIMIT)
    listing.number = _page_number(page, listing.num_pages)
    start, stop = (listing.number - 1) * per_page, listing.number * per_page
    point = zip_point(filters.zip_code)
    details = _cards_queryset(Resource.objects.all())
    if point is None:
        listing.object_list = list(
            _cards_queryset(base).order_by(*_name_order(language))[start:stop]
        )
    else:
        ids = _nearest_first(base, point, start=start, stop=stop, count=count)
        by_id = {resource.pk: resource for resource in details.filter(pk__in=ids)}
        listing.object_list = [by_id[pk] for pk in ids if pk in by_id]
    return listing


def listing_cards(resources, *, zip_code: str = "", now: datetime | None = None) -> list[dict]:
    """What a listing card shows, for resources fetched with ``resources_listed``."""
    now = now or timezone.now()
    point = zip_point(zip_code)
    cards = []
    for resource in resources:
        locations = (
            []
            if resource.confidential_address
            else [link.location for link in resource.resource_locations.all()]
        )
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


def resource_get(*, pk: int) -> Resource:
    """A public resource with everything its page shows; raises Resource.DoesNotExist."""
    return (
        Resource.objects.public()
        .select_related("organization", "last_verified_by")
        .prefetch_related(
            *_listing_prefetches(),
            "phones",
            Prefetch("categories", queryset=Category.objects.select_related("parent")),
        )
        .get(pk=pk)
    )


def resource_locations_shown(resource: Resource) -> list[Location]:
    if resource.confidential_address:
        return []
    return [link.location for link in resource.resource_locations.all()]


def resources_related(*, resource: Resource, limit: int = RELATED_LIMIT) -> list[Resource]:
    """Other public listings of the resource's first category, in reading order."""
    categories = list(resource.categories.all())
    if not categories:
        return []
    language = get_language() or DEFAULT_LANGUAGE
    same_category = Exists(
        Resource.categories.through.objects.filter(
            resource_id=OuterRef("pk"), category_id=categories[0].pk
        )
    )
    return list(
        Resource.objects.public()
        .filter(same_category)
        .exclude(pk=resource.pk)
        .select_related("organization")
        .order_by(*_name_order(language))[:limit]
    )


def resources_for_print(*, category: Category | None = None, ids=None) -> list[Resource]:
    """Listings for a printed list: a category's, or hand-picked ones in the order given."""
    if category is not None:
        queryset = resources_listed(category=category)
    else:
        ids = list(dict.fromkeys(ids or []))[:PRINT_LIMIT]
        queryset = (
            Resource.objects.public()
            .filter(pk__in=ids)
            .select_related("organization")
            .prefetch_related(*_listing_prefetches())
        )
    queryset = queryset.prefetch_related("phones")
    resources = list(queryset[:PRINT_LIMIT])
    if ids is not None:
        order = {pk: n for n, pk in enumerate(ids)}
        resources.sort(key=lambda r: order[r.pk])
    return resources


def resources_in_category_preview(*, category: Category, limit: int) -> list[Resource]:
    """The first listings of a category, for an editorial page (one query)."""
    return list(resources_listed(category=category, with_details=False)[:limit])
