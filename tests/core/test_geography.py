"""ZIP code centres and distances, offline."""

import pytest

from core.geography import distance_miles, zip_point


def test_a_known_zip_code_has_its_centre():
    lat, lon = zip_point("95814")  # downtown Sacramento
    assert 38.5 < lat < 38.7 and -121.6 < lon < -121.4


@pytest.mark.parametrize("value", ["", "9581", "958140", "abcde", "00000", None])
def test_anything_else_has_none(value):
    assert zip_point(value) is None


def test_distance_in_miles():
    sacramento, san_francisco = zip_point("95814"), zip_point("94102")
    assert 70 < distance_miles(sacramento, san_francisco) < 80
    assert distance_miles(sacramento, san_francisco) == distance_miles(san_francisco, sacramento)
    assert distance_miles(sacramento, sacramento) == 0
