"""Listings near a visitor's ZIP code: where a place is, whether a listing serves the ZIP code,
and the order "nearest first".

Only places that may be shown count (``directory.confidential``): a confidential address is never
measured from, so its listing has no distance and comes after those that have one.
"""

import math

from django.conf import settings
from django.db.models import F, Q, QuerySet

from core.geography import MILES_PER_DEGREE, zip_point
from core.lookups import IdsIn

from ..confidential import resource_locations_public
from ..models import Location, Resource, parse_zip_list, public_q

RING_MILES = (1, 3, 10, 30, 100, 300)
RING_AFTER = 200  # listings: fewer are ranked whole at once
SQUARE_PLACES = 2_000  # places in a square beyond which the whole band is ranked instead
BAND_RANKED = 2_000  # rows of a band that may pass the filters up to which it is ranked whole
NEARNESS_CHUNK = 5_000  # listings whose places are read per statement
CHECKED_FIRST = 40  # of a band's candidates ranked by distance, checked in the first statement


def location_point(location: Location) -> tuple[float, float] | None:
    """Where a location is: its coordinates, else the centre of its ZIP code."""
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


def zip_outside_area(zip_code: str) -> bool:
    """Whether a known ZIP code is outside the area the directory covers: no place of a public
    listing (that may be shown) lies within about ``DIRECTORY_AREA_MILES`` of its centre (a
    square that size around it, one query). Then every distance shown is long, and the visitor
    is told so and offered the hotline instead of a silent list of far-away places."""
    point = zip_point(zip_code)
    if point is None:
        return False
    lat0, lon0 = point
    dlat = settings.DIRECTORY_AREA_MILES / MILES_PER_DEGREE
    dlon = dlat / max(math.cos(math.radians(lat0)), 0.01)
    return not (
        resource_locations_public()
        .filter(
            public_q("resource__"),
            location__latitude__range=(lat0 - dlat, lat0 + dlat),
            location__longitude__range=(lon0 - dlon, lon0 + dlon),
        )
        .exists()
    )


def nearest_first(
    base: QuerySet, point, *, start: int, stop: int, count: int, listed: QuerySet | None = None
) -> list[int]:
    """Ids of the resources of ``base`` (``count`` of them) ranked ``start`` to ``stop - 1``:
    by the editors' weight, then what the category is for (the purpose rank), then distance
    from ``point``, nearest first within the same weight and purpose. ``base`` is
    ``resources_ordered``'s queryset, each resource with its ``order_weight`` and ``order_rank``
    (those of its category's ``CategoryListing``; outside a category, the weight and 0).
    ``listed``: the category's ``CategoryListing`` rows that may pass its filters (by the
    copies of cost and status they hold), in the list's order, when there is a category.

    Goes band by band (one weight and purpose), in order, until ``stop`` are found: a band with
    no more listings than still needed is taken whole, ranked by distance; of a bigger one only
    the nearest are needed. When few of its rows may pass the filters (``BAND_RANKED``, read
    from the index of ``listed`` alone), those are ranked by distance and checked nearest first
    (``_band_nearest_of``); else the nearest are found in growing squares around the point
    (``_band_nearest``). Listings without a place that may be shown come after the others of
    their band, by name.
    """
    lat0, _lon0 = point
    scale = math.cos(math.radians(lat0))
    if count <= RING_AFTER:  # a short list is ranked whole at once
        return _ranked(base, point, scale, bands=True)[start:stop]
    found: list[int] = []
    band = base.order_by(F("order_weight").desc(), F("order_rank").asc())
    after = Q()
    while len(found) < stop:
        need = stop - len(found)
        # The next listings in the order's index (one walk): which band comes next, and whether
        # it holds more than are still needed.
        ahead = list(band.filter(after).values_list("order_weight", "order_rank")[: need + 1])
        if not ahead:
            break
        weight, rank = ahead[0]
        members = base.filter(order_weight=weight, order_rank=rank)
        size = sum(1 for key in ahead if key == (weight, rank))
        nearest = None
        if size > need:
            few = _few_may_pass(listed, weight, rank)
            if few is None:
                nearest = _band_nearest(members, point, scale, need)
            else:
                nearest = _band_nearest_of(members, few, point, scale, need)
        found += nearest if nearest is not None else _ranked(members, point, scale)[:need]
        after = Q(order_weight__lt=weight) | Q(order_weight=weight, order_rank__gt=rank)
    return found[start:stop]


def _few_may_pass(listed: QuerySet | None, weight: int, rank: int) -> list[int] | None:
    """The resources of one band of ``listed`` (rows that may pass the filters), when there are
    at most ``BAND_RANKED`` (read from its index alone); else None."""
    if listed is None:
        return None
    rows = listed.filter(weight=weight, purpose_rank=rank)
    ids = list(rows.values_list("resource_id", flat=True)[: BAND_RANKED + 1])
    return ids if len(ids) <= BAND_RANKED else None


def _band_nearest_of(members: QuerySet, candidates: list[int], point, scale: float, need: int):
    """The ``need`` nearest of one band's listings, among ``candidates`` (every listing of the
    band that may pass the filters, in the list's order): the candidates are ranked by the
    distance of their places, then the listings are checked in that order, a few at a time
    (in the database: whether they pass the filters), until ``need`` pass."""
    near = _nearness(point, scale, candidates)
    ordered = sorted(candidates, key=lambda pk: (pk not in near, near.get(pk, 0.0)))  # stable
    found: list[int] = []
    first, batch = 0, max(2 * need, CHECKED_FIRST)
    while len(found) < need and first < len(ordered):
        checked = ordered[first : first + batch]
        passing = set(
            members.filter(IdsIn(F("pk"), checked)).order_by().values_list("pk", flat=True)
        )
        found += [pk for pk in checked if pk in passing]
        first, batch = first + batch, 2 * batch
    return found[:need]


def _ranked(members: QuerySet, point, scale: float, *, bands: bool = False) -> list[int]:
    """All of one band's listings (with ``bands``, of every band, band by band), nearest first,
    then those with no place, by name. Two statements: the listings that pass, in the list's
    order, then their places (measured here, not per listing in the database)."""
    rows = list(members.values_list("pk", "order_weight", "order_rank"))
    near = _nearness(point, scale, [row[0] for row in rows])

    def key(row):
        nearness = near.get(row[0])
        place = (nearness is None, nearness or 0.0)
        return (-row[1], row[2], *place) if bands else place

    return [row[0] for row in sorted(rows, key=key)]  # stable: then in the list's order


def _nearness(point, scale: float, resource_ids: list[int]) -> dict[int, float]:
    """The nearness to ``point`` (squared, in degrees of latitude) of the nearest place that may
    be shown of each of ``resource_ids`` that has one."""
    near: dict[int, float] = {}
    for first in range(0, len(resource_ids), NEARNESS_CHUNK):
        # The links, then their places: two lookups by index (joined, the database may read
        # every place to match them).
        links = list(
            resource_locations_public()
            .filter(IdsIn(F("resource_id"), resource_ids[first : first + NEARNESS_CHUNK]))
            .order_by()
            .values_list("resource_id", "location_id")
        )
        located = Location.objects.filter(
            IdsIn(F("pk"), sorted({location_id for _resource_id, location_id in links})),
            latitude__isnull=False,
            longitude__isnull=False,
        )
        places = {
            pk: (latitude, longitude)
            # rewrite(False): no translated field is read, so not modeltranslation's row by
            # row fallbacks (a dictionary a row: most of the time of a thousand places).
            for pk, latitude, longitude in located.rewrite(False)
            .order_by()
            .values_list("pk", "latitude", "longitude")
        }
        for resource_id, location_id in links:
            if location_id in places:
                n = _squared(point, scale, *places[location_id])
                near[resource_id] = min(n, near.get(resource_id, n))
    return near


def _band_nearest(members: QuerySet, point, scale: float, need: int) -> list[int] | None:
    """The ``need`` nearest of one band's listings (more than ``need``), or None when no square
    small enough holds them.

    Looks in growing squares around the point and starts from the places inside (their index),
    as plain values, then the public links to them, then which of their listings are in the
    band and pass the filters: each an index lookup of a few hundred rows, where one statement
    joining them read every link of the directory. A square's answer is taken when it holds
    ``need`` listings, the last within the square's inner circle: none outside can be nearer.
    """
    lat0, lon0 = point
    for miles in RING_MILES:
        dlat = miles / MILES_PER_DEGREE
        dlon = dlat / max(scale, 0.01)
        square = Location.objects.filter(
            latitude__range=(lat0 - dlat, lat0 + dlat),
            longitude__range=(lon0 - dlon, lon0 + dlon),
        ).order_by()
        places = {
            pk: (la, lo)
            for pk, la, lo in square.rewrite(False).values_list("pk", "latitude", "longitude")[
                : SQUARE_PLACES + 1
            ]
        }
        if len(places) > SQUARE_PLACES:
            return None  # a square this full is no cheaper than ranking the whole band
        near: dict[int, float] = {}
        links = resource_locations_public().filter(IdsIn(F("location_id"), list(places)))
        for resource_id, location_id in links.values_list("resource_id", "location_id"):
            n = _squared(point, scale, *places[location_id])
            near[resource_id] = min(n, near.get(resource_id, n))
        # In the list's order, so that listings as near as each other are by name, as ranked whole.
        passing = members.filter(IdsIn(F("pk"), list(near))).values_list("pk", flat=True)
        rows = sorted(((near[pk], n, pk) for n, pk in enumerate(passing)))[:need]
        if len(rows) == need and rows[-1][0] <= dlat * dlat:
            return [pk for _near, _n, pk in rows]
    return None


def _squared(point, scale: float, latitude: float, longitude: float) -> float:
    """The nearness of a place to ``point``: its distance squared, in degrees of latitude."""
    lat, lon = latitude - point[0], (longitude - point[1]) * scale
    return lat * lat + lon * lon
