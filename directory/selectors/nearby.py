"""Listings near a visitor's ZIP code: where a place is, whether a listing serves the ZIP code,
and the order "nearest first".

Only places that may be shown count (``directory.confidential``): a confidential address is never
measured from, so its listing has no distance and comes after those that have one.
"""

import math

from django.conf import settings
from django.db.models import (
    ExpressionWrapper,
    F,
    FloatField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)

from core.geography import MILES_PER_DEGREE, zip_point

from ..confidential import resource_locations_public
from ..models import Location, Resource, parse_zip_list, public_q

RING_MILES = (1, 3, 10, 30, 100, 300)
RING_AFTER = 200  # listings: fewer are ranked whole at once
SQUARE_PLACES = 2_000  # places in a square beyond which the whole band is ranked instead


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


def nearest_first(base: QuerySet, point, *, start: int, stop: int, count: int) -> list[int]:
    """Ids of the resources of ``base`` (``count`` of them) ranked ``start`` to ``stop - 1``:
    by the editors' weight, then what the category is for (the purpose rank), then distance
    from ``point``, nearest first within the same weight and purpose. ``base`` is
    ``resources_ordered``'s queryset, each resource with its ``order_weight`` and ``order_rank``
    (those of its category's ``CategoryListing``; outside a category, the weight and 0).

    Goes band by band (one weight and purpose), in order, until ``stop`` are found: a band with
    no more listings than still needed is taken whole, ranked by distance; of a bigger one only
    the nearest are needed, found in growing squares around the point (``_band_nearest``).
    Listings without a place that may be shown come after the others of their band, by name.
    """
    lat0, _lon0 = point
    scale = math.cos(math.radians(lat0))
    if count <= RING_AFTER:  # a short list is ranked whole at once, in one statement
        return _band_ranked(base, point, scale, bands=True)[start:stop]
    found: list[int] = []
    band = base.order_by(F("order_weight").desc(), F("order_rank").asc())
    after = Q()
    while len(found) < stop:
        first = band.filter(after).values_list("order_weight", "order_rank").first()
        if first is None:
            break
        weight, rank = first
        members = base.filter(order_weight=weight, order_rank=rank)
        need = stop - len(found)
        size = members.order_by()[: need + 1].count()
        nearest = _band_nearest(members, point, scale, need) if size > need else None
        found += nearest if nearest is not None else _band_ranked(members, point, scale)[:need]
        after = Q(order_weight__lt=weight) | Q(order_weight=weight, order_rank__gt=rank)
    return found[start:stop]


def _band_ranked(members: QuerySet, point, scale: float, *, bands: bool = False) -> list[int]:
    """All of one band's listings (with ``bands``, of every band, band by band), nearest first,
    then those with no place, by name."""
    lat0, lon0 = point
    lat = F("location__latitude") - Value(lat0)
    lon = (F("location__longitude") - Value(lon0)) * Value(scale)
    nearness = ExpressionWrapper(lat * lat + lon * lon, output_field=FloatField())
    nearest = (
        resource_locations_public()
        .filter(resource_id=OuterRef("pk"), location__latitude__isnull=False)
        .values("resource_id")
        .annotate(nearness=Min(nearness))
        .values("nearness")
    )
    band = [F("order_weight").desc(), F("order_rank").asc()] if bands else []
    ranked = members.annotate(nearness=Subquery(nearest[:1])).order_by(
        *band,
        F("nearness").asc(nulls_last=True),
        *members.query.order_by,  # then the name
    )
    return list(ranked.values_list("pk", flat=True))


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
        ).values_list("pk", "latitude", "longitude")
        places = {pk: (la, lo) for pk, la, lo in square[: SQUARE_PLACES + 1]}
        if len(places) > SQUARE_PLACES:
            return None  # a square this full is no cheaper than ranking the whole band
        near: dict[int, float] = {}
        links = resource_locations_public().filter(location_id__in=list(places))
        for resource_id, location_id in links.values_list("resource_id", "location_id"):
            la, lo = places[location_id]
            n = (la - lat0) ** 2 + ((lo - lon0) * scale) ** 2
            near[resource_id] = min(n, near.get(resource_id, n))
        passing = members.filter(pk__in=list(near)).order_by().values_list("pk", flat=True)
        rows = sorted((near[pk], pk) for pk in passing)[:need]
        if len(rows) == need and rows[-1][0] <= dlat * dlat:
            return [pk for _n, pk in rows]
    return None
