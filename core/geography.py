"""Geography without a map service: the centre of a US ZIP code, and distances between points.

ZIP code positions come from GeoNames (CC BY 4.0), bundled offline by the ``zipcodes`` package.
Points are ``(latitude, longitude)`` tuples in degrees. Imports no app of the project.
"""

import math
from functools import lru_cache

import zipcodes

from .digits import zip_code_or_empty

EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE = 69.09  # of latitude (and of longitude at the equator)


def zip_point(zip_code: str) -> tuple[float, float] | None:
    """The centre of a US ZIP code (typed in any script's digits: "٩٥٨١٤" is 95814), or None for
    anything that is not a known five-digit code."""
    return _zip_point(zip_code_or_empty(zip_code or ""))


@lru_cache(maxsize=4096)
def _zip_point(zip_code: str) -> tuple[float, float] | None:
    # Only five ASCII digits reach ``zipcodes``: its Rust core panics (a BaseException that
    # escapes Django) on a multi-byte character.
    if not zip_code:
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
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(h))
