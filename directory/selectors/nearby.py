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


def _keys(listed: bool) -> tuple[str, str | None]:
    """The weight and purpose-rank columns of the order: a category's (``CategoryListing``,
    joined as ``listed_under``) or, outside a category, the weight alone."""
    if listed:
        return "listed_under__weight", "listed_under__purpose_rank"
    return "list_weight", None


def nearest_first(
    base: QuerySet, point, *, start: int, stop: int, count: int, listed: bool = True
) -> list[int]:
    """Ids of the resources of ``base`` (``count`` of them) ranked ``start`` to ``stop - 1``:
    by the editors' weight, then what the category is for (the purpose rank), then distance
    from ``point``, nearest first within the same weight and purpose. ``base`` is
    ``resources_ordered``'s queryset: joined to its category's ``CategoryListing`` (``listed``)
    or, outside a category, not (the weight, then distance).

    Looks in growing squares around the point and starts from the places inside the square
    (an index on their position), not from the category's listings: only the listings with a
    place there are filtered and ranked. A square's answer is taken when it holds ``stop``
    listings, the last of them within the square's inner circle, and no listing of a weight
    and purpose before the last one's lies outside it (one indexed count): then no listing
    outside can come earlier. Listings without a place that may be shown come after the others
    of their weight and purpose, by name (the last resort reads the whole category).
    """
    weight, rank = _keys(listed)
    lat0, lon0 = point
    scale = math.cos(math.radians(lat0))
    lat = F("location__latitude") - Value(lat0)
    lon = (F("location__longitude") - Value(lon0)) * Value(scale)
    nearness = ExpressionWrapper(lat * lat + lon * lon, output_field=FloatField())
    band = [F(weight).desc(), *([F(rank).asc()] if rank else [])]
    # A short list is ranked whole at once; the squares pay off for long ones.
    for miles in RING_MILES if count > RING_AFTER else ():
        dlat = miles / MILES_PER_DEGREE
        dlon = dlat / max(scale, 0.01)
        square = resource_locations_public().filter(
            location__latitude__range=(lat0 - dlat, lat0 + dlat),
            location__longitude__range=(lon0 - dlon, lon0 + dlon),
        )
        nearest_here = (
            square.filter(resource_id=OuterRef("pk"))
            .values("resource_id")
            .annotate(nearness=Min(nearness))
            .values("nearness")
        )
        rows = list(
            base.filter(pk__in=square.values("resource_id"))
            .annotate(nearness=Subquery(nearest_here[:1]))
            .order_by(*band, "nearness", "pk")
            .values_list("pk", weight, rank or weight, "nearness")[:stop]
        )
        if len(rows) < stop or rows[-1][3] > dlat * dlat:
            continue
        _pk, last_weight, last_rank, _n = rows[-1]
        ahead = Q(**{f"{weight}__gt": last_weight})
        if rank:
            ahead |= Q(**{weight: last_weight, f"{rank}__lt": last_rank})
        found_ahead = sum(1 for row in rows if (row[1], row[2]) != (last_weight, last_rank))
        # Every listing that comes before the last one's weight and purpose is in the square.
        if base.filter(ahead).order_by()[: found_ahead + 1].count() == found_ahead:
            return [pk for pk, *_rest in rows[start:stop]]
    # Everything: by weight and purpose, the nearest first, then those with no place to measure
    # from, by name.
    nearest = (
        resource_locations_public()
        .filter(resource_id=OuterRef("pk"), location__latitude__isnull=False)
        .values("resource_id")
        .annotate(nearness=Min(nearness))
        .values("nearness")
    )
    by_name = base.query.order_by[len(band) :]  # base's own order after weight and purpose
    ranked = base.annotate(nearness=Subquery(nearest[:1])).order_by(
        *band, F("nearness").asc(nulls_last=True), *by_name
    )
    return list(ranked.values_list("pk", flat=True)[start:stop])
