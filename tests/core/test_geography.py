"""ZIP code centres and distances, offline."""

import pytest

from core.geography import distance_miles, zip_point


def test_a_known_zip_code_has_its_centre():
    lat, lon = zip_point("95814")  # downtown Sacramento
    assert 38.5 < lat < 38.7 and -121.6 < lon < -121.4


@pytest.mark.parametrize("value", ["٩٥٨١٤", "۹۵۸۱۴", "９５８１４", " 95814 "])
def test_a_zip_code_typed_in_any_script_has_the_same_centre(value):
    assert zip_point(value) == zip_point("95814")


@pytest.mark.parametrize(
    "value", ["", "9581", "958140", "abcde", "00000", None, "²²²²²", "٩٥٨١", "9581٤x", "①②③④⑤"]
)
def test_anything_else_has_none(value):
    # "²²²²²" passes str.isdigit() and once made the zipcodes library panic past Django.
    assert zip_point(value) is None


def test_distance_in_miles():
    sacramento, san_francisco = zip_point("95814"), zip_point("94102")
    assert 70 < distance_miles(sacramento, san_francisco) < 80
    assert distance_miles(sacramento, san_francisco) == distance_miles(san_francisco, sacramento)
    assert distance_miles(sacramento, sacramento) == 0
