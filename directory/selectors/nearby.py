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
    QuerySet,
    Subquery,
    Value,
)

from core.geography import MILES_PER_DEGREE, zip_point

from ..confidential import resource_locations_public
from ..models import Location, Resource, parse_zip_list, public_q
from .translation import name_order, visitor_language

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


def nearest_first(base: QuerySet, point, *, start: int, stop: int, count: int) -> list[int]:
    """Ids of the resources of ``base`` (``count`` of them) ranked ``start`` to ``stop - 1`` by
    distance from ``point``.

    Looks in growing squares around the point and stops at the first that holds ``stop``
    resources, the last of them within the square's inner circle: then no resource outside can
    be nearer, and only the locations in the square were read. Resources without a place that
    may be shown come after all others, by name (the last resort, reading everything).
    """
    links = resource_locations_public().filter(resource_id__in=base.values("pk"))
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
        F("nearness").asc(nulls_last=True), *name_order(visitor_language())
    )
    return list(ranked.values_list("pk", flat=True)[start:stop])
